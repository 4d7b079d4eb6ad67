#include "base/toml_reader.h"

#include <gtest/gtest.h>

namespace probation {
namespace {

constexpr std::string_view kText = R"toml(title = "T"
[[items]]
number = "1"
deadline = 2009-03-31
[[items.rag]]
quarter = "2008-Q1"
[[items]]
numbr = "2"
)toml";

TEST(TomlReaderTest, RecordsWhereFieldsAreByPath) {
  TomlReader reader("f.toml", std::string(kText));
  const toml::table* root = reader.Root();
  ASSERT_NE(root, nullptr);
  const std::vector<const toml::table*> items = reader.GetTables(*root, "items");
  ASSERT_EQ(items.size(), 2u);
  std::optional<Date> deadline;
  EXPECT_TRUE(reader.GetDate(*items[0], "deadline", {}, false, &deadline));
  EXPECT_EQ(deadline, Date::FromCivil(2009, 3, 31));
  EXPECT_TRUE(reader.GetTables(*items[0], "rag", "items.rag").size() == 1u);
  EXPECT_EQ(reader.Where("items[0].deadline").line, 4);
  EXPECT_EQ(reader.Where("items[0].deadline").column, 12);
  EXPECT_EQ(reader.Where("items[0].rag[0].comment").line, 5);  // the table: no comment key
  EXPECT_EQ(reader.Where("items[1].number").line, 7);
  EXPECT_EQ(reader.Where("nothing").line, 1);
  EXPECT_FALSE(reader.failed());
}

TEST(TomlReaderTest, UnknownKeySuggestsTheNearestOrListsThemAll) {
  TomlReader reader("f.toml", std::string(kText));
  const toml::table* root = reader.Root();
  ASSERT_NE(root, nullptr);
  const std::vector<const toml::table*> items = reader.GetTables(*root, "items");
  ASSERT_EQ(items.size(), 2u);
  reader.CheckKeys(*items[1], "number deadline rag", "[[items]]");
  reader.CheckKeys(*root, "id", "the file");
  ASSERT_TRUE(reader.failed());
  const std::string message = reader.Finish().message();
  EXPECT_NE(message.find("f.toml, line 8, column 1: unknown key 'numbr' in [[items]]; did you "
                         "mean 'number'?"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("unknown key 'title' in the file (allowed: id)"), std::string::npos)
      << message;
}

TEST(TomlWriterTest, EscapedBreaksAndInlineLists) {
  TomlWriter lines;
  lines.Text("a", "x\ny");
  lines.TextList("l", {"p", "q"});
  EXPECT_EQ(lines.text(), "a = \"\"\"\nx\ny\"\"\"\nl = [\n  \"p\",\n  \"q\",\n]\n");
  TomlWriter escaped(TomlWriter::Breaks::kEscaped);
  escaped.Text("a", "x\ny\r");
  escaped.TextList("l", {"p", "q"}, TomlWriter::Layout::kInline);
  escaped.TextListIfAny("none", {});
  escaped.DateIfAny("d", std::nullopt);
  EXPECT_EQ(escaped.text(), "a = \"x\\ny\\r\"\nl = [\"p\", \"q\"]\n");
}

}  // namespace
}  // namespace probation
