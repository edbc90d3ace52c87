// A database with an Engine and a Session, and helpers that run statements
// and render their rows as strings, for the engine tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "query/engine.h"
#include "query/query_error.h"
#include "storage/graph.h"
#include "tests/support/temp_graph.h"

namespace guanxi::query::testing {

class EngineTest : public ::testing::Test {
 protected:
  EngineTest() : engine_(*graph_), session_(engine_, SessionOptions{"", "test"}) {}

  // Runs `text` and returns its rows, each cell as Value::to_string(),
  // cells joined by " | ".
  std::vector<std::string> rows(const std::string& text, const Parameters& params = {}) {
    auto result = session_.run(text, params);
    std::vector<std::string> out;
    std::vector<Value> row;
    while (result->next(row)) {
      std::string line;
      for (size_t i = 0; i < row.size(); ++i) line += (i ? " | " : "") + row[i].to_string();
      out.push_back(line);
    }
    return out;
  }
  // The single value of a one-row, one-column result.
  std::string value(const std::string& text, const Parameters& params = {}) {
    auto r = rows(text, params);
    EXPECT_EQ(r.size(), 1u) << text;
    return r.empty() ? "<none>" : r.front();
  }
  void run(const std::string& text, const Parameters& params = {}) { rows(text, params); }
  // The error code of running `text` (fails the test when it succeeds).
  QueryError error(const std::string& text, const Parameters& params = {}) {
    try {
      rows(text, params);
    } catch (const QueryError& e) {
      return e;
    }
    ADD_FAILURE() << "no error from: " << text;
    return QueryError(QueryErrorCode::kStorage, "none");
  }
  // EXPLAIN's plan as indented lines "Name details".
  std::string plan(const std::string& text) {
    auto result = session_.run("EXPLAIN " + text);
    std::vector<Value> row;
    while (result->next(row)) {
    }
    std::string out;
    if (result->plan()) render(*result->plan(), 0, out);
    return out;
  }

  static void render(const PlanNode& p, int depth, std::string& out) {
    out += std::string(static_cast<size_t>(depth) * 2, ' ') + p.name +
           (p.details.empty() ? "" : " " + p.details) + "\n";
    for (const auto& c : p.children) render(c, depth + 1, out);
  }

  test_support::TempGraph graph_;
  Engine engine_;
  Session session_;
};

}  // namespace guanxi::query::testing
