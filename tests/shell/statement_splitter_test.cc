// The shell's statement splitter: items, their line numbers, and the same
// items however the input is cut into pieces (a scan that found no boundary
// goes on where it stopped, so a piece may end inside any construct).
#include "shell/statement_splitter.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace guanxi::shell {
namespace {

// Every construct whose end the splitter must find, with its two-character
// markers and escapes where a piece may end between the two.
constexpr std::string_view kTrickyScript =
    "RETURN 'a;b' AS s; // a comment; with a semicolon\n"
    "RETURN \"it\\\"s; fine\" AS t;\n"
    "/* a block; comment */ RETURN 1 /* another * / ; */ AS one;\n"
    ":param k => 'v;w'\n"
    "  ;; RETURN `we;ird` AS x;\n"
    "RETURN 6 / 3 AS quotient;\n"
    "RETURN 'back\\\\' AS slash;\n"
    "RETURN 2 * 3 AS product\n";

struct Item {
  ScriptItem::Kind kind;
  std::string text;
  int line;
  friend bool operator==(const Item&, const Item&) = default;
};

void PrintTo(const Item& item, std::ostream* os) {
  *os << (item.kind == ScriptItem::Kind::kCommand ? "command" : "statement") << " at line "
      << item.line << ": " << item.text;
}

// The items of `pieces` fed one after another, then the rest at the end.
std::vector<Item> split(const std::vector<std::string_view>& pieces) {
  StatementSplitter splitter;
  std::vector<Item> items;
  const auto take = [&](const std::optional<ScriptItem>& item) {
    if (item) items.push_back({item->kind, item->text, item->line});
    return item.has_value();
  };
  for (std::string_view piece : pieces) {
    splitter.feed(piece);
    while (take(splitter.next())) {
    }
  }
  take(splitter.finish());
  return items;
}

TEST(StatementSplitterTest, SplitsStatementsCommandsAndComments) {
  const std::vector<Item> expected = {
      {ScriptItem::Kind::kStatement, "RETURN 'a;b' AS s", 1},
      {ScriptItem::Kind::kStatement, "RETURN \"it\\\"s; fine\" AS t", 2},
      {ScriptItem::Kind::kStatement, "RETURN 1 /* another * / ; */ AS one", 3},
      {ScriptItem::Kind::kCommand, "param k => 'v;w'", 4},
      {ScriptItem::Kind::kStatement, "RETURN `we;ird` AS x", 5},
      {ScriptItem::Kind::kStatement, "RETURN 6 / 3 AS quotient", 6},
      {ScriptItem::Kind::kStatement, "RETURN 'back\\\\' AS slash", 7},
      {ScriptItem::Kind::kStatement, "RETURN 2 * 3 AS product", 8},
  };
  EXPECT_EQ(split({kTrickyScript}), expected);
}

TEST(StatementSplitterTest, AnyCutInTwoGivesTheSameItems) {
  const std::vector<Item> whole = split({kTrickyScript});
  for (std::size_t cut = 0; cut <= kTrickyScript.size(); ++cut) {
    EXPECT_EQ(split({kTrickyScript.substr(0, cut), kTrickyScript.substr(cut)}), whole)
        << "cut at " << cut;
  }
}

TEST(StatementSplitterTest, AnyCutIntoManyPiecesGivesTheSameItems) {
  const std::vector<Item> whole = split({kTrickyScript});
  std::vector<std::string_view> bytes;
  for (std::size_t i = 0; i < kTrickyScript.size(); ++i)
    bytes.push_back(kTrickyScript.substr(i, 1));
  EXPECT_EQ(split(bytes), whole);
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string_view> pieces;
    for (std::size_t at = 0; at < kTrickyScript.size();) {
      const std::size_t length = 1 + rng() % 12;
      pieces.push_back(kTrickyScript.substr(at, length));
      at += length;
    }
    ASSERT_EQ(split(pieces), whole) << "round " << round;
  }
}

// A statement far longer than a piece, fed as a pipe is read, comes out
// whole, and the statements around it keep their lines.
TEST(StatementSplitterTest, AStatementOfManyPiecesComesOutWhole) {
  std::string script = "RETURN 0;\nUNWIND [";
  for (int i = 0; i < 400'000; ++i) script += (i ? ", '" : "'") + std::to_string(i) + ";'";
  script += "] AS x\nRETURN count(x);\nRETURN 1";
  std::vector<std::string_view> pieces;
  for (std::size_t at = 0; at < script.size(); at += 65536)
    pieces.push_back(std::string_view(script).substr(at, 65536));
  const std::vector<Item> items = split(pieces);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].text, "RETURN 0");
  EXPECT_EQ(items[1].text,
            script.substr(10, script.size() - 10 - std::string_view(";\nRETURN 1").size()));
  EXPECT_EQ(items[1].line, 2);
  EXPECT_EQ(items[2], (Item{ScriptItem::Kind::kStatement, "RETURN 1", 4}));
}

}  // namespace
}  // namespace guanxi::shell
