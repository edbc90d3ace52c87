// Exports: CSV that `guanxi import` reads back to the same graph (types,
// arrays, labels, Chinese text, values of mixed types split into further
// files); JSON Lines one object a line; GraphML with typed keys; DOT; the
// HTML page self-contained; a query's subgraph with the endpoints it needs;
// values read under the session's purpose.
#include "exchange/export.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "exchange/cypher_literal.h"
#include "query/engine.h"
#include "storage/bulk_import.h"
#include "tests/exchange/run_statement.h"
#include "tests/support/temp_dir.h"
#include "tests/support/temp_graph.h"

namespace guanxi::exchange {
namespace {

namespace fs = std::filesystem;
using test_support::TempDir;
using test_support::TempGraph;
using testing::run;

Subgraph whole(storage::Graph& graph) {
  query::Engine engine(graph);
  query::Session session(engine, {});
  return collect_graph(session);
}

std::string text_of(const ExportNode& n) {
  std::string out;
  for (const auto& l : n.labels) out += ":" + l;
  for (const auto& [k, v] : n.properties) {
    out += " " + k + "=";
    append_literal(out, v);
  }
  return out;
}

// The graph as sorted text, independent of ids.
std::vector<std::string> canonical(const Subgraph& g) {
  std::map<std::uint64_t, std::string> nodes;
  std::vector<std::string> out;
  for (const ExportNode& n : g.nodes) {
    nodes[n.id] = text_of(n);
    out.push_back("node " + nodes[n.id]);
  }
  for (const ExportRelationship& r : g.relationships) {
    std::string props;
    for (const auto& [k, v] : r.properties) {
      props += " " + k + "=";
      append_literal(props, v);
    }
    out.push_back("rel (" + nodes[r.start] + ")-[" + r.type + props + "]->(" + nodes[r.end] + ")");
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string write(const Subgraph& g, ExportFormat format, HtmlViewOptions html = {}) {
  std::string text;
  ExportOptions options;
  options.format = format;
  options.html = html;
  write_export(g, options, [&](std::string_view piece) { text += piece; });
  return text;
}

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_.path());
    run(*g_,
        "CREATE (a:Customer {id: 1, name: '王小明', tags: ['茶', 'tea'], since: "
        "date('2020-05-01'), "
        "seen: datetime('2024-01-02T03:04:05Z'), spend: 12.5, vip: true, note: 'a, \"b\"\nc'}), "
        "(b:Customer {id: 2, name: 'Ada', scores: [1, 2, 3]}), "
        "(c:Customer:VIP {id: 'three', name: '李雷'}), "
        "(d:`标签` {id: 4}), "
        "(a)-[:KNOWS {since: 2019, weight: 0.5}]->(b), (b)-[:KNOWS]->(a), "
        "(b)-[:REFERRED]->(c), (c)-[:`关系`]->(d)");
  }

  TempDir dir_;
  TempGraph g_;
};

TEST_F(ExportTest, CsvImportsBackToTheSameGraph) {
  // id is an integer on two customers and a string on this one: a second file.
  run(*g_, "CREATE (:Customer {id: 'five', name: 'Eve'})");
  const Subgraph graph = whole(*g_);
  ASSERT_EQ(graph.nodes.size(), 5u);
  ASSERT_EQ(graph.relationships.size(), 4u);
  const fs::path out = dir_.path() / "csv";
  fs::create_directories(out);
  ExportOptions options;
  options.format = ExportFormat::kCsv;
  const ExportReport report = write_csv_export(graph, out, options);
  EXPECT_NE(std::find(report.files.begin(), report.files.end(), "nodes-Customer.csv"),
            report.files.end());
  EXPECT_NE(std::find(report.files.begin(), report.files.end(), "nodes-Customer-2.csv"),
            report.files.end());
  EXPECT_NE(std::find(report.files.begin(), report.files.end(), "nodes-Customer+VIP.csv"),
            report.files.end());
  EXPECT_TRUE(report.warnings.empty());
  std::ifstream header(out / "relationships-KNOWS.csv");
  std::string first;
  std::getline(header, first);
  EXPECT_EQ(first, ":START_ID,:END_ID,:TYPE,since:long,weight:double");

  std::vector<storage::ImportGroup> nodes, relationships;
  storage::ImportGroup node_files, relationship_files;
  for (const std::string& file : report.files) {
    (file.rfind("nodes", 0) == 0 ? node_files : relationship_files).files.push_back(out / file);
  }
  TempGraph imported;
  storage::bulk_import(*imported, {node_files}, {relationship_files});
  Subgraph back = whole(*imported);
  EXPECT_EQ(canonical(back), canonical(graph));
}

TEST_F(ExportTest, JsonLinesHasOneObjectPerLine) {
  const std::string text = write(whole(*g_), ExportFormat::kJsonLines);
  std::istringstream lines(text);
  std::string line;
  int nodes = 0, relationships = 0;
  while (std::getline(lines, line)) {
    const nlohmann::json j = nlohmann::json::parse(line);
    if (j["type"] == "node") {
      ++nodes;
      if (j["properties"].contains("name") && j["properties"]["name"] == "王小明") {
        EXPECT_EQ(j["properties"]["since"], "2020-05-01");
        EXPECT_EQ(j["properties"]["tags"], nlohmann::json::array({"茶", "tea"}));
      }
    } else {
      ASSERT_EQ(j["type"], "relationship");
      ++relationships;
      EXPECT_TRUE(j["start"].contains("labels"));
    }
  }
  EXPECT_EQ(nodes, 4);
  EXPECT_EQ(relationships, 4);
}

TEST_F(ExportTest, GraphmlDeclaresTypedKeys) {
  const std::string text = write(whole(*g_), ExportFormat::kGraphml);
  EXPECT_NE(text.find("attr.name=\"spend\" attr.type=\"double\""), std::string::npos) << text;
  EXPECT_NE(text.find("attr.name=\"vip\" attr.type=\"boolean\""), std::string::npos);
  // id is an int on some nodes and a string on another: a string key.
  EXPECT_NE(text.find("attr.name=\"id\" attr.type=\"string\""), std::string::npos);
  EXPECT_NE(text.find("attr.name=\"since\" attr.type=\"long\""), std::string::npos);
  EXPECT_NE(text.find("a, &quot;b&quot;\nc"), std::string::npos);
  EXPECT_NE(text.find("<data key=\"labels\">:Customer:VIP</data>"), std::string::npos);
}

TEST_F(ExportTest, DotAndHtml) {
  const std::string dot = write(whole(*g_), ExportFormat::kDot);
  EXPECT_EQ(dot.rfind("digraph \"Guanxi network\" {", 0), 0u);
  EXPECT_NE(dot.find("[label=\"王小明\\n:Customer\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("-> n"), std::string::npos);

  HtmlViewOptions html;
  html.title = "Customers </script>";
  html.color_by = "vip";
  html.size_by = "spend";
  const std::string page = write(whole(*g_), ExportFormat::kHtml, html);
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(page.find("{{"), std::string::npos) << "a marker was left unfilled";
  EXPECT_EQ(page.find("src=\"http"), std::string::npos) << "the page loads something";
  EXPECT_EQ(page.find("Customers </script>"), std::string::npos) << "the title ends the script";
  const std::string open = "<script id=\"graph-data\" type=\"application/json\">";
  const std::size_t start = page.find(open) + open.size();
  const std::size_t end = page.find("</script>", start);
  const nlohmann::json data = nlohmann::json::parse(page.substr(start, end - start));
  EXPECT_EQ(data["nodes"].size(), 4u);
  EXPECT_EQ(data["links"].size(), 4u);
  EXPECT_EQ(data["colorBy"], "vip");
}

TEST_F(ExportTest, AQueryExportsItsSubgraphWithTheEndpointsItNeeds) {
  query::Engine engine(*g_);
  query::Session session(engine, {});
  const Subgraph knows = collect_query(session, "MATCH ()-[r:KNOWS]->() RETURN r");
  EXPECT_EQ(knows.relationships.size(), 2u);
  EXPECT_EQ(knows.nodes.size(), 2u);
  EXPECT_EQ(knows.added_endpoints, 2u);
  const Subgraph paths = collect_query(
      session, "MATCH p = (:Customer {id: 1})-[:KNOWS]->()-[:REFERRED]->() RETURN [p]");
  EXPECT_EQ(paths.nodes.size(), 3u);
  EXPECT_EQ(paths.relationships.size(), 2u);
  EXPECT_EQ(paths.added_endpoints, 0u);
  const Subgraph none = collect_query(session, "MATCH (n:Nobody) RETURN n");
  EXPECT_TRUE(none.nodes.empty());
}

}  // namespace
}  // namespace guanxi::exchange
