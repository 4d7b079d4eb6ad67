// Passwords: the policy a new password must meet, and Argon2id hashing (libsodium's
// crypto_pwhash_str) with a bounded number of hashes at once, so that a burst of sign-ins
// cannot exhaust memory (each hash takes the cost's memory, 64 MiB by default).
//
// PasswordHasher is thread-safe; the functions are thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <semaphore>
#include <string>
#include <string_view>

#include "base/status.h"

namespace probation {

inline constexpr size_t kMinPasswordLength = 12;
inline constexpr size_t kMaxPasswordLength = 128;

// OK, or InvalidArgument saying what is wrong: shorter than kMinPasswordLength, longer than
// kMaxPasswordLength, containing the username, or one of the most common passwords (compared
// case-insensitively, also with trailing digits and punctuation removed).
Status CheckPasswordPolicy(std::string_view password, std::string_view username);

// A random password of 20 letters and digits (no look-alikes), about 110 bits.
std::string GeneratePassword();

struct PasswordHashCost {
  uint64_t ops;
  size_t memory_bytes;
  static PasswordHashCost Interactive();  // libsodium's interactive limits (64 MiB)
  static PasswordHashCost Minimum();      // the least libsodium allows: for tests only
};

class PasswordHasher {
 public:
  // At most `max_at_once` hashes or verifications run at once; others wait.
  explicit PasswordHasher(int max_at_once = 2,
                          PasswordHashCost cost = PasswordHashCost::Interactive());

  // An Argon2id hash string (with its salt and cost) for `password`.
  Result<std::string> Hash(std::string_view password);
  // Whether `password` matches `hash` (a crypto_pwhash_str string); false for a malformed hash.
  bool Verify(std::string_view hash, std::string_view password);
  // Takes as long as a Verify() for a user that does not exist, so that a wrong username
  // cannot be told from a wrong password by timing.
  void VerifyDummy(std::string_view password);

 private:
  std::counting_semaphore<64> slots_;
  PasswordHashCost cost_;
  std::string dummy_hash_;
};

}  // namespace probation
