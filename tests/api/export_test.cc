// Database::export_graph and export_graph_to: each format through the public
// API, a query's subgraph, the CSV export read back by guanxi::import, and
// the errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "guanxi/guanxi.h"
#include "tests/support/temp_dir.h"

namespace guanxi {
namespace {

using test_support::TempDir;

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

class ExportTest : public ::testing::Test {
 protected:
  ExportTest() : db_(Database::open(dir_.path() / "db")) {
    db_.session().execute(
        "CREATE (a:Customer {name: 'Ada', tags: ['math', 'poetry'], age: 36}), "
        "(b:Customer {name: 'Bo'}), (s:Shop {name: 'Corner'}), "
        "(a)-[:KNOWS {since: 2001}]->(b), (b)-[:BOUGHT_AT]->(s)");
  }
  std::string exported(ExportFormat format, ExportReport* report = nullptr) {
    ExportOptions options;
    options.format = format;
    options.title = "Customers";
    std::ostringstream out;
    const ExportReport r = db_.export_graph(out, options);
    if (report) *report = r;
    return out.str();
  }
  std::string file(const std::string& name) const { return dir_.path() / name; }
  TempDir dir_;
  Database db_;
};

TEST_F(ExportTest, JsonLinesHasALinePerNodeAndRelationship) {
  ExportReport report;
  const std::string text = exported(ExportFormat::kJsonLines, &report);
  EXPECT_EQ(report.nodes, 3u);
  EXPECT_EQ(report.relationships, 2u);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 5);
  EXPECT_EQ(occurrences(text, "\"type\":\"node\""), 3u) << text;
  EXPECT_EQ(occurrences(text, "\"type\":\"relationship\""), 2u) << text;
}

TEST_F(ExportTest, GraphmlDotAndHtml) {
  const std::string graphml = exported(ExportFormat::kGraphml);
  EXPECT_NE(graphml.find("<graphml"), std::string::npos);
  EXPECT_EQ(occurrences(graphml, "<node "), 3u) << graphml;
  EXPECT_EQ(occurrences(graphml, "<edge "), 2u) << graphml;

  const std::string dot = exported(ExportFormat::kDot);
  EXPECT_EQ(dot.rfind("digraph", 0), 0u) << dot;
  EXPECT_EQ(occurrences(dot, "->"), 2u) << dot;
  EXPECT_NE(dot.find("Customers"), std::string::npos);

  const std::string html = exported(ExportFormat::kHtml);
  EXPECT_NE(html.find("<html"), std::string::npos);
  EXPECT_NE(html.find("Customers"), std::string::npos);
  EXPECT_NE(html.find("Corner"), std::string::npos);
}

TEST_F(ExportTest, AQueryExportsItsSubgraphWithTheEndpointsItNeeds) {
  ExportOptions options;
  options.format = ExportFormat::kJsonLines;
  options.query = "MATCH (:Customer {name: 'Ada'})-[k:KNOWS]->() RETURN k";
  std::ostringstream out;
  const ExportReport report = db_.export_graph(out, options);
  EXPECT_EQ(report.relationships, 1u);
  EXPECT_EQ(report.nodes, 2u);
  EXPECT_EQ(report.added_endpoints, 2u);

  options.query = "MATCH (c:Customer) RETRUN c";
  try {
    db_.export_graph(out, options);
    FAIL() << "a bad query must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kSyntax);
    EXPECT_EQ(e.line(), 1);
  }
}

TEST_F(ExportTest, CsvIsADirectoryThatImportReadsBack) {
  ExportOptions options;
  options.format = ExportFormat::kCsv;
  std::ostringstream out;
  try {
    db_.export_graph(out, options);
    FAIL() << "csv to a stream must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
  }

  const ExportReport report = db_.export_graph_to(file("csv"), options);
  EXPECT_EQ(report.nodes, 3u);
  EXPECT_EQ(report.relationships, 2u);
  ASSERT_FALSE(report.files.empty());
  ImportOptions import_options;
  for (const std::string& name : report.files) {
    ImportGroup group{"", {file("csv") + "/" + name}, {}};
    (name.rfind("nodes", 0) == 0 ? import_options.nodes : import_options.relationships)
        .push_back(group);
  }
  const ImportSummary imported = import(file("copy"), import_options);
  EXPECT_EQ(imported.nodes, 3u);
  EXPECT_EQ(imported.relationships, 2u);
  auto copy = Database::open(file("copy"));
  auto rows = copy.session()
                  .query("MATCH (a {name: 'Ada'})-[k:KNOWS]->(b) RETURN k.since, b.name, a.tags")
                  .all();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0].as_int(), 2001);
  EXPECT_EQ(rows[0][1].as_string(), "Bo");
  EXPECT_EQ(rows[0][2], Value(List{"math", "poetry"}));

  try {
    db_.export_graph_to(file("csv"), options);
    FAIL() << "an export over an existing directory must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument) << e.what();
  }
}

TEST_F(ExportTest, AFileExportReplacesOnlyWhenAsked) {
  ExportOptions options;
  options.format = ExportFormat::kGraphml;
  db_.export_graph_to(file("g.graphml"), options);
  std::ifstream in(file("g.graphml"));
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("<graphml"), std::string::npos);
  EXPECT_THROW(db_.export_graph_to(file("g.graphml"), options), Error);
  options.overwrite = true;
  EXPECT_NO_THROW(db_.export_graph_to(file("g.graphml"), options));
}

TEST(ExportFormatTest, Names) {
  EXPECT_EQ(export_format_from_name("csv"), ExportFormat::kCsv);
  EXPECT_EQ(export_format_from_name("jsonl"), ExportFormat::kJsonLines);
  EXPECT_EQ(export_format_from_name("graphml"), ExportFormat::kGraphml);
  EXPECT_EQ(export_format_from_name("dot"), ExportFormat::kDot);
  EXPECT_EQ(export_format_from_name("html"), ExportFormat::kHtml);
  EXPECT_EQ(export_format_from_name("xml"), std::nullopt);
}

}  // namespace
}  // namespace guanxi
