// The entry points of a fuzz target: libFuzzer's LLVMFuzzerTestOneInput (one input; must not
// crash, leak or trip a sanitizer whatever the bytes), written once and built either with
// clang's libFuzzer (scripts/fuzz, PROBATION_FUZZ=libfuzzer) or with fuzz_driver.cc, the
// project's own corpus-replay and mutation driver, so the targets also build with g++ and run
// in the tests. A target that finds a broken promise (an invariant it checks) calls
// FuzzCheckFailed, which aborts so either engine records the input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

[[noreturn]] inline void FuzzCheckFailed(const char* what) {
  std::fprintf(stderr, "fuzz check failed: %s\n", what);
  std::abort();
}

#define FUZZ_CHECK(condition)                      \
  do {                                             \
    if (!(condition)) FuzzCheckFailed(#condition); \
  } while (0)
