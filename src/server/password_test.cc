// The password policy and Argon2id hashing.
#include "server/password.h"

#include <gtest/gtest.h>

#include "base/crypto.h"

namespace probation {
namespace {

TEST(PasswordPolicyTest, RefusesShortLongCommonAndUsername) {
  EXPECT_FALSE(CheckPasswordPolicy("short", "alice").ok());
  EXPECT_FALSE(CheckPasswordPolicy("elevenchars", "alice").ok());        // 11
  EXPECT_TRUE(CheckPasswordPolicy("twelve chars", "alice").ok());        // 12
  EXPECT_FALSE(CheckPasswordPolicy(std::string(129, 'x') + "y", "alice").ok());
  EXPECT_FALSE(CheckPasswordPolicy("qwertyuiop12", "alice").ok());       // common + digits
  EXPECT_FALSE(CheckPasswordPolicy("Password1234!", "alice").ok());      // "password" + 1234!
  EXPECT_FALSE(CheckPasswordPolicy("ProbationService", "alice").ok());   // the service's name
  EXPECT_FALSE(CheckPasswordPolicy("xx-alice-xx-yy", "alice").ok());     // holds the username
  EXPECT_FALSE(CheckPasswordPolicy("aaaaaaaaaaaaaa", "alice").ok());     // one character
  EXPECT_TRUE(CheckPasswordPolicy("correct horse battery staple", "alice").ok());
}

TEST(PasswordPolicyTest, GeneratedPasswordsPass) {
  ASSERT_TRUE(InitCrypto().ok());
  const std::string a = GeneratePassword(), b = GeneratePassword();
  EXPECT_EQ(a.size(), 20u);
  EXPECT_NE(a, b);
  EXPECT_TRUE(CheckPasswordPolicy(a, "alice").ok());
}

TEST(PasswordHasherTest, HashesWithArgon2idAndVerifies) {
  ASSERT_TRUE(InitCrypto().ok());
  PasswordHasher hasher(2, PasswordHashCost::Minimum());
  Result<std::string> hash = hasher.Hash("correct horse battery staple");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(hasher.Verify(*hash, "correct horse battery staple"));
  EXPECT_FALSE(hasher.Verify(*hash, "correct horse battery stapl"));
  EXPECT_FALSE(hasher.Verify("not a hash", "anything"));
  EXPECT_FALSE(hasher.Verify("", ""));
  Result<std::string> again = hasher.Hash("correct horse battery staple");
  ASSERT_TRUE(again.ok());
  EXPECT_NE(*hash, *again);  // salted
}

}  // namespace
}  // namespace probation
