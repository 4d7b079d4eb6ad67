#include "base/reference_csv.h"

namespace probation {

ReferenceCsvReader::ReferenceCsvReader(std::string_view text, std::string_view source_name)
    : reader_(text), source_name_(source_name) {}

Status ReferenceCsvReader::ReadHeader(std::initializer_list<std::string_view> header) {
  std::vector<std::string_view> fields;
  const Status read = reader_.Next(&fields);
  if (!read.ok()) return Error(read.message());
  fields_ = header.size();
  bool exact = !reader_.done() && fields.size() == header.size();
  for (size_t i = 0; exact && i < fields.size(); ++i) exact = fields[i] == header.begin()[i];
  if (exact) return Status::Ok();
  std::string names;
  for (const std::string_view name : header) {
    if (!names.empty()) names += ',';
    names += name;
  }
  return Error("the header must be exactly: " + names);
}

Result<bool> ReferenceCsvReader::Next(std::vector<std::string_view>* fields) {
  const Status read = reader_.Next(fields);
  if (!read.ok()) return Error(read.message());
  if (reader_.done()) return false;
  if (fields->size() != fields_) {
    return Error("expected " + std::to_string(fields_) + " fields, found " +
                 std::to_string(fields->size()));
  }
  return true;
}

Status ReferenceCsvReader::Error(std::string_view why) const {
  return InvalidArgument(source_name_ + ", line " + std::to_string(reader_.line()) + ": " +
                         std::string(why));
}

}  // namespace probation
