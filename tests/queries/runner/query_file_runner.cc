// query_file_runner: runs one end-to-end query test file (tests/queries/**/*.test)
// against a fresh database through the public API, and prints every block
// that fails with its file:line, the statement, and expected against actual.
//
//   query_file_runner FILE.test
//
// Exit status: 0 when every block passes, 1 when any fails, 2 for a file
// that does not parse or a database that cannot be set up.

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "guanxi/guanxi.h"
#include "tests/queries/runner/demo_database.h"
#include "tests/queries/runner/test_file.h"
#include "tests/support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using guanxi::test_support::TestBlock;

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " | ") + p;
  return out;
}

std::string row_text(const guanxi::Row& row) {
  std::vector<std::string> cells;
  for (const guanxi::Value& v : row) cells.push_back(v.to_string());
  return joined(cells);
}

std::string indented(const std::string& text) {
  std::string out = "    ";
  for (char c : text) {
    out += c;
    if (c == '\n') out += "    ";
  }
  return out;
}

class Runner {
 public:
  Runner(const guanxi::test_support::TestFile& file, guanxi::Database& database)
      : file_(file), database_(database), session_(database.session(options_)) {}

  // Runs every block; returns the number of failed blocks.
  int run() {
    for (const TestBlock& block : file_.blocks) {
      try {
        run_block(block);
      } catch (const std::exception& e) {
        fail(block, std::string("unexpected exception: ") + e.what());
      }
    }
    return failures_;
  }

 private:
  void run_block(const TestBlock& block) {
    switch (block.kind) {
      case TestBlock::Kind::kLoadDemo: return;  // done before the session opened
      case TestBlock::Kind::kParam: return set_param(block);
      case TestBlock::Kind::kMemoryBudget:
        options_.memory_budget = block.memory_budget;
        session_ = database_.session(options_);
        return;
      case TestBlock::Kind::kSession:
        options_.purpose = block.purpose;
        options_.user = block.user.empty() ? "query-tests" : block.user;
        session_ = database_.session(options_);
        return;
      case TestBlock::Kind::kStatementOk: return statement_ok(block);
      case TestBlock::Kind::kStatementError: return statement_error(block);
      case TestBlock::Kind::kWarnings: return warnings(block);
      case TestBlock::Kind::kQuery: return query(block);
    }
  }

  void set_param(const TestBlock& block) {
    try {
      auto rows = session_.query("RETURN " + block.param_expression, params_).all();
      if (rows.size() != 1 || rows[0].size() != 1) {
        fail(block, "param: the expression did not give exactly one value");
        return;
      }
      params_[block.param_name] = rows[0][0];
    } catch (const guanxi::Error& e) {
      fail(block, std::string("param: the expression failed: ") + e.what());
    }
  }

  void statement_ok(const TestBlock& block) {
    try {
      session_.query(block.statement, params_).summary();
    } catch (const guanxi::Error& e) {
      fail(block, std::string("expected success, got error [") + e.code_name() + "]:\n" +
                      indented(e.what()));
    }
  }

  void statement_error(const TestBlock& block) {
    try {
      auto result = session_.query(block.statement, params_);
      const auto rows = result.all();
      fail(block, "expected error [" + block.error_code + "], but the statement succeeded (" +
                      std::to_string(rows.size()) + " rows)");
    } catch (const guanxi::Error& e) {
      const std::string what = e.what();
      std::string problems;
      if (block.error_code != e.code_name())
        problems += "expected error code [" + block.error_code + "], got [" + e.code_name() + "]\n";
      for (const std::string& s : block.error_substrings) {
        if (what.find(s) == std::string::npos) problems += "error text lacks: " + s + "\n";
      }
      if (!problems.empty()) fail(block, problems + "actual error:\n" + indented(what));
    }
  }

  void warnings(const TestBlock& block) {
    std::vector<std::string> actual;
    try {
      auto result = session_.query(block.statement, params_);
      for (const guanxi::Notification& n : result.notifications()) {
        actual.push_back(std::string("[") + guanxi::notification_code_name(n.code) + "] " +
                         n.to_string());
      }
      result.summary();
    } catch (const guanxi::Error& e) {
      fail(block, std::string("expected success, got error [") + e.code_name() + "]:\n" +
                      indented(e.what()));
      return;
    }
    if (actual == block.warnings) return;
    std::string message = "warnings differ\n--- expected";
    for (const auto& w : block.warnings) message += "\n" + w;
    message += "\n--- actual";
    for (const auto& w : actual) message += "\n" + w;
    fail(block, message);
  }

  void query(const TestBlock& block) {
    std::string header;
    std::vector<std::string> rows;
    try {
      auto result = session_.query(block.statement, params_);
      header = joined(result.columns());
      for (const guanxi::Row& row : result) rows.push_back(row_text(row));
    } catch (const guanxi::Error& e) {
      fail(block,
           std::string("expected rows, got error [") + e.code_name() + "]:\n" + indented(e.what()));
      return;
    }
    std::vector<std::string> expected = block.rows;
    std::vector<std::string> actual = rows;
    if (!block.ordered) {
      std::sort(expected.begin(), expected.end());
      std::sort(actual.begin(), actual.end());
    }
    if (header == block.header && expected == actual) return;
    std::string message =
        std::string(block.ordered ? "rows differ (ordered)" : "rows differ (bag)");
    message += "\n--- expected (" + std::to_string(block.rows.size()) + " rows)\n" + block.header;
    for (const auto& r : block.rows) message += "\n" + r;
    message += "\n--- actual (" + std::to_string(rows.size()) + " rows)\n" + header;
    for (const auto& r : rows) message += "\n" + r;
    if (header != block.header) message += "\n(the header differs)";
    if (!block.ordered) {
      std::vector<std::string> missing, extra;
      std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(),
                          std::back_inserter(missing));
      std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(),
                          std::back_inserter(extra));
      for (const auto& r : missing) message += "\n  missing: " + r;
      for (const auto& r : extra) message += "\n  unexpected: " + r;
    }
    fail(block, message);
  }

  void fail(const TestBlock& block, const std::string& message) {
    ++failures_;
    std::cout << file_.path.string() << ":" << block.line << ": FAILED";
    if (!block.statement.empty()) std::cout << "\n" << indented(block.statement);
    std::cout << "\n" << message << "\n\n";
  }

  const guanxi::test_support::TestFile& file_;
  guanxi::Database& database_;
  guanxi::SessionOptions options_{.purpose = "", .user = "query-tests", .memory_budget = 0};
  guanxi::Session session_;
  guanxi::Params params_;
  int failures_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: query_file_runner FILE.test\n";
    return 2;
  }
  guanxi::test_support::TestFile file;
  try {
    file = guanxi::test_support::parse_test_file(argv[1]);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
  int failures = 0;
  std::size_t statements = 0;
  try {
    guanxi::test_support::TempDir tmp("guanxi-query-test");
    const fs::path db = tmp.path() / "db";
    if (!file.blocks.empty() && file.blocks[0].kind == TestBlock::Kind::kLoadDemo) {
      guanxi::test_support::create_demo_database(db, tmp.path() / "csv",
                                                 file.blocks[0].demo_customers);
    }
    guanxi::Options options;
    options.durable = false;
    auto database = guanxi::Database::open(db.string(), options);
    Runner runner(file, database);
    failures = runner.run();
    for (const TestBlock& b : file.blocks) statements += !b.statement.empty();
  } catch (const std::exception& e) {
    std::cerr << file.path.string() << ": error: " << e.what() << "\n";
    return 2;
  }
  if (failures > 0) {
    std::cout << file.path.string() << ": " << failures << " of " << file.blocks.size()
              << " blocks FAILED\n";
    return 1;
  }
  std::cout << file.path.string() << ": all " << statements << " statements passed\n";
  return 0;
}
