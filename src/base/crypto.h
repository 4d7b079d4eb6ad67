// Small wrappers over libsodium for the service: SHA-256 in hex, random tokens, and a
// constant-time comparison. InitCrypto() must have succeeded before any other call (it is
// idempotent and cheap after the first).
//
// Functions only; thread-safe after InitCrypto().
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace probation {

// Initialises libsodium. Fails only when the system has no usable random source.
Status InitCrypto();

// SHA-256 of `data` as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view data);

// `bytes` random bytes from the system's CSPRNG, as 2 x bytes lower-case hex digits.
std::string RandomHex(size_t bytes);

// Whether `a` and `b` are equal, taking time that depends only on their lengths.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace probation
