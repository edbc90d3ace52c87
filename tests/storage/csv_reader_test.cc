#include "storage/csv_reader.h"

#include <gtest/gtest.h>

#include <fstream>

#include "storage/error.h"

namespace guanxi::storage {
namespace {

struct Record {
  std::uint64_t line;
  std::vector<std::string> fields;
  friend bool operator==(const Record&, const Record&) = default;
};

std::vector<Record> read_all(std::string_view text, CsvDialect dialect = {}) {
  CsvReader reader(text, dialect);
  std::vector<std::string_view> fields;
  std::vector<Record> out;
  while (reader.next(fields)) out.push_back({reader.record_line(), {fields.begin(), fields.end()}});
  return out;
}

TEST(CsvReader, PlainRecordsWithAndWithoutFinalNewline) {
  EXPECT_EQ(read_all("a,b,c\n1,2,3\n"),
            (std::vector<Record>{{1, {"a", "b", "c"}}, {2, {"1", "2", "3"}}}));
  EXPECT_EQ(read_all("a,b\n1,2"), (std::vector<Record>{{1, {"a", "b"}}, {2, {"1", "2"}}}));
}

TEST(CsvReader, EmptyFieldsAndTrailingDelimiter) {
  EXPECT_EQ(read_all(",x,\n"), (std::vector<Record>{{1, {"", "x", ""}}}));
}

TEST(CsvReader, CrLfLineEndsAndBlankLinesAreSkippedButCounted) {
  EXPECT_EQ(read_all("a,b\r\n\r\n\n1,2\r\n"),
            (std::vector<Record>{{1, {"a", "b"}}, {4, {"1", "2"}}}));
}

TEST(CsvReader, QuotedFieldsHoldDelimitersNewlinesAndDoubledQuotes) {
  const auto records = read_all("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,\"\",z\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0], (Record{1, {"a,b", "say \"hi\"", "two\nlines"}}));
  // The second record starts on line 3: the quoted newline took line 2.
  EXPECT_EQ(records[1], (Record{3, {"next", "", "z"}}));
}

TEST(CsvReader, SeveralCopiedFieldsInOneRecordStayIntact) {
  // Both fields are unescaped into the reader's buffer; the first view must
  // survive the buffer growing for the second.
  const std::string longer(500, 'x');
  const std::string text = "\"a\"\"b\",\"" + longer + "\"\"" + longer + "\"\n";
  const auto records = read_all(text);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields[0], "a\"b");
  EXPECT_EQ(records[0].fields[1], longer + "\"" + longer);
}

TEST(CsvReader, CustomDelimiterAndQuote) {
  EXPECT_EQ(read_all("1|'a|b'|'it''s'\n", {'|', '\''}),
            (std::vector<Record>{{1, {"1", "a|b", "it's"}}}));
  // With '|' as delimiter a comma is ordinary text.
  EXPECT_EQ(read_all("a,b|c\n", {'|', '"'}), (std::vector<Record>{{1, {"a,b", "c"}}}));
}

TEST(CsvReader, UnterminatedQuoteNamesTheRecordLine) {
  CsvReader reader("ok\n\"never closed\nstill open\n", {});
  std::vector<std::string_view> fields;
  ASSERT_TRUE(reader.next(fields));
  try {
    reader.next(fields);
    FAIL() << "expected a syntax error";
  } catch (const CsvSyntaxError& e) {
    EXPECT_EQ(e.line, 2u);
    EXPECT_EQ(e.reason, "unterminated quoted field");
  }
}

TEST(CsvReader, TextAfterClosingQuoteIsAnError) {
  CsvReader reader("\"a\"b,c\n", {});
  std::vector<std::string_view> fields;
  try {
    reader.next(fields);
    FAIL() << "expected a syntax error";
  } catch (const CsvSyntaxError& e) {
    EXPECT_EQ(e.line, 1u);
    EXPECT_NE(e.reason.find("after a closing quote"), std::string::npos);
  }
}

TEST(CsvReader, FirstLineOffsetsLineNumbers) {
  CsvReader reader("x\ny\n", {}, 10);
  std::vector<std::string_view> fields;
  ASSERT_TRUE(reader.next(fields));
  EXPECT_EQ(reader.record_line(), 10u);
  ASSERT_TRUE(reader.next(fields));
  EXPECT_EQ(reader.record_line(), 11u);
  EXPECT_FALSE(reader.next(fields));
  EXPECT_EQ(reader.line(), 12u);
}

TEST(CsvReader, SplitAtNewlinesCoversTheDataAtRecordBoundaries) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += std::to_string(i) + ",row\n";
  const auto parts = split_at_newlines(text, 3);
  ASSERT_EQ(parts.size(), 3u);
  std::string joined;
  for (auto p : parts) {
    EXPECT_EQ(p.back(), '\n');
    joined += p;
  }
  EXPECT_EQ(joined, text);
  // Parsing the parts one after another gives every record once.
  std::size_t records = 0;
  for (auto p : parts) records += read_all(p).size();
  EXPECT_EQ(records, 1000u);
}

}  // namespace
}  // namespace guanxi::storage
