#include "base/shown_text.h"

#include <string>

#include <gtest/gtest.h>

namespace probation {
namespace {

TEST(ShownTextTest, EscapesControlCharacters) {
  EXPECT_EQ(ShownText(std::string("a\0b\n\r\t\x1b[2J\x7f", 11)), "a\\0b\\n\\r\\t\\x1B[2J\\x7F");
  EXPECT_EQ(ShownText("plain é"), "plain é");
}

TEST(ShownTextTest, CutsLongValuesAtACharacterBoundary) {
  EXPECT_EQ(ShownText(std::string(200, 'x')), std::string(200, 'x'));
  EXPECT_EQ(ShownText(std::string(201, 'x')), std::string(200, 'x') + "...");
  // "é" is two bytes; a cut inside it backs off to before it.
  EXPECT_EQ(ShownText("abcé", 4), "abc...");
  EXPECT_EQ(ShownText(std::string(5000000, 'y')).size(), 203u);
}

TEST(ShownTextTest, FindsAndNamesControlCharacters) {
  EXPECT_EQ(FindControlCharacter("abc"), std::string_view::npos);
  EXPECT_EQ(FindControlCharacter(std::string_view("Z00\0X", 5)), 3u);
  EXPECT_EQ(ControlCharacterName('\0'), "NUL");
  EXPECT_EQ(ControlCharacterName('\x1b'), "byte 0x1B");
  EXPECT_EQ(ControlCharacterName('\t'), "a tab");
}

}  // namespace
}  // namespace probation
