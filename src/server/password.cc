#include "server/password.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace probation {
namespace {

// Common passwords, lower case. A selection from the top of the NCSC's list of the 100,000
// passwords most often found in breaches (Have I Been Pwned, published by the NCSC in 2019),
// with words that belong to this service. Shorter ones are refused by length anyway; they are
// here because a longer password is also compared with its trailing digits and punctuation
// removed ("password12345!" is refused as "password").
constexpr std::array<std::string_view, 72> kCommonPasswords = {
    "123456",        "123456789",     "qwerty",         "password",       "111111",
    "12345678",      "abc123",        "1234567",        "password1",      "12345",
    "1234567890",    "123123",        "000000",         "iloveyou",       "1234",
    "1q2w3e4r5t",    "qwertyuiop",    "123",            "monkey",         "dragon",
    "123456a",       "654321",        "123321",         "666666",         "1qaz2wsx",
    "myspace1",      "121212",        "homelesspa",     "123qwe",         "a123456",
    "123abc",        "1q2w3e4r",      "qwe123",         "7777777",        "qwerty123",
    "target123",     "tinkle",        "987654321",      "qwerty1",        "222222",
    "zxcvbnm",       "1g2w3e4r",      "gwerty",         "zag12wsx",       "gwerty123",
    "555555",        "fuckyou",       "112233",         "asdfghjkl",      "1q2w3e",
    "123123123",     "qazwsx",        "computer",       "princess",       "12345a",
    "ashley",        "159753",        "michael",        "football",       "sunshine",
    "1234qwer",      "iloveyou1",     "aaaaaa",         "fuckyou1",       "welcome",
    "letmein",       "liverpool",     "passw0rd",       "changeme",       "probation",
    "probationservice", "offendermanager",
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsCommon(std::string_view lower) {
  return std::find(kCommonPasswords.begin(), kCommonPasswords.end(), lower) !=
         kCommonPasswords.end();
}

}  // namespace

Status CheckPasswordPolicy(std::string_view password, std::string_view username) {
  if (password.size() < kMinPasswordLength) {
    return InvalidArgument("the password must be at least " + std::to_string(kMinPasswordLength) +
                           " characters long");
  }
  if (password.size() > kMaxPasswordLength) {
    return InvalidArgument("the password must be at most " + std::to_string(kMaxPasswordLength) +
                           " characters long");
  }
  const std::string lower = Lower(password);
  if (!username.empty() && lower.find(Lower(username)) != std::string::npos) {
    return InvalidArgument("the password must not contain the username");
  }
  std::string stripped = lower;
  while (!stripped.empty() &&
         (std::isdigit(static_cast<unsigned char>(stripped.back())) ||
          std::ispunct(static_cast<unsigned char>(stripped.back())))) {
    stripped.pop_back();
  }
  if (IsCommon(lower) || IsCommon(stripped)) {
    return InvalidArgument("the password is one of the most common passwords: choose another");
  }
  // A long run of one character ("aaaaaaaaaaaa") is as weak as a common password.
  if (std::all_of(lower.begin(), lower.end(), [&](char c) { return c == lower[0]; })) {
    return InvalidArgument("the password must not be one character repeated");
  }
  return Status::Ok();
}

std::string GeneratePassword() {
  constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < 20; ++i) {
    out += kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
  }
  return out;
}

PasswordHashCost PasswordHashCost::Interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordHashCost PasswordHashCost::Minimum() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

PasswordHasher::PasswordHasher(int max_at_once, PasswordHashCost cost)
    : slots_(std::clamp(max_at_once, 1, 64)), cost_(cost) {
  Result<std::string> dummy = Hash(GeneratePassword());
  if (dummy.ok()) dummy_hash_ = std::move(*dummy);
}

Result<std::string> PasswordHasher::Hash(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  slots_.acquire();
  const int rc = crypto_pwhash_str_alg(out, password.data(), password.size(), cost_.ops,
                                       cost_.memory_bytes, crypto_pwhash_ALG_ARGON2ID13);
  slots_.release();
  if (rc != 0) return Internal("the password could not be hashed (out of memory)");
  return std::string(out);
}

bool PasswordHasher::Verify(std::string_view hash, std::string_view password) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  char stored[crypto_pwhash_STRBYTES] = {};
  std::copy(hash.begin(), hash.end(), stored);
  slots_.acquire();
  const int rc = crypto_pwhash_str_verify(stored, password.data(), password.size());
  slots_.release();
  return rc == 0;
}

void PasswordHasher::VerifyDummy(std::string_view password) {
  (void)Verify(dummy_hash_, password);
}

}  // namespace probation
