// Display width and table alignment of careloopctl's human output (Chinese text included).
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "tools/careloopctl/table.h"

namespace careloop::ctl {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

TEST(DisplayWidth, AsciiCountsOneColumnPerCharacter) {
  EXPECT_EQ(DisplayWidth(""), 0u);
  EXPECT_EQ(DisplayWidth("S001"), 4u);
}

TEST(DisplayWidth, ChineseCharactersCountTwoColumns) {
  EXPECT_EQ(DisplayWidth("张三"), 4u);
  EXPECT_EQ(DisplayWidth("星途汽车北京朝阳店"), 18u);
  EXPECT_EQ(DisplayWidth("京A12345"), 8u);
}

TEST(DisplayWidth, FullwidthFormsAndEmojiCountTwoColumns) {
  EXPECT_EQ(DisplayWidth("（１）"), 6u);
  EXPECT_EQ(DisplayWidth("，。"), 4u);
  EXPECT_EQ(DisplayWidth("\xF0\x9F\x9A\x97"), 2u);  // U+1F697 automobile
}

TEST(DisplayWidth, CombiningMarksAndZeroWidthCharactersTakeNoColumn) {
  EXPECT_EQ(DisplayWidth("e\xCC\x81"), 1u);  // e + U+0301 combining acute
  EXPECT_EQ(DisplayWidth("a\xE2\x80\x8B"
                         "b"),
            2u);  // a + U+200B zero width space + b
}

TEST(DisplayWidth, InvalidBytesCountOneColumnEach) {
  EXPECT_EQ(DisplayWidth("\xFF\xFE"), 2u);
  EXPECT_EQ(DisplayWidth("\xE4\xB8"), 2u);  // truncated 3-byte sequence
}

TEST(TruncateToWidth, KeepsTextThatFits) {
  EXPECT_EQ(TruncateToWidth("张三", 4), "张三");
}

TEST(TruncateToWidth, CutsOnACharacterBoundaryAndAddsAnEllipsis) {
  EXPECT_EQ(TruncateToWidth("尊敬的张先生您好", 7), "尊敬的…");
  EXPECT_EQ(TruncateToWidth("abcdef", 4), "abc…");
  EXPECT_LE(DisplayWidth(TruncateToWidth("尊敬的张先生您好", 6)), 6u);
}

TEST(Table, AlignsColumnsByDisplayWidthNotBytes) {
  Table table({"ID", "NAME", "STORE"});
  table.AddRow({"c1", "张三", "S001"});
  table.AddRow({"c22", "Li", "S002"});
  const auto lines = Lines(table.Render());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "ID   NAME  STORE");
  EXPECT_EQ(lines[1], "c1   张三  S001");
  EXPECT_EQ(lines[2], "c22  Li    S002");
  // The third column starts at the same display column on every line.
  for (const auto& line : lines) {
    const auto store = line.find("S");
    EXPECT_EQ(DisplayWidth(line.substr(0, store)), 11u) << line;
  }
}

TEST(Table, DropsTrailingBlanksAndFillsMissingCells) {
  Table table({"A", "B"});
  table.AddRow({"x"});
  EXPECT_EQ(table.Render(), "A  B\nx\n");
}

TEST(RenderFields, PadsKeysToTheWidestKey) {
  EXPECT_EQ(RenderFields({{"id", "c1"}, {"mobile", "13800138000"}}), "id      c1\nmobile  13800138000\n");
}

}  // namespace
}  // namespace careloop::ctl
