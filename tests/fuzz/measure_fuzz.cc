// Fuzz target: the measure language (lexer, parser, compiler). The first byte chooses the
// record type the expression is evaluated on (its low five bits, modulo the number of types)
// and the type it must have (the next two bits); the rest is the expression. Any text compiles or
// is an error; none crashes.
#include <string_view>

#include "fuzz_target.h"
#include "measures/compiler.h"
#include "model/record_types.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const auto types = probation::AllRecordTypes();
  const probation::RecordType& subject = types[(data[0] & 31) % types.size()];
  using probation::measures::Type;
  const Type expected[] = {Type::kNull, Type::kBool, Type::kNumber, Type::kDate};
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const probation::measures::CompileContext context{"fuzz.toml", {1, 1}};
  (void)probation::measures::CompileExpression(text, subject, expected[(data[0] >> 5) % 4],
                                               context);
  return 0;
}
