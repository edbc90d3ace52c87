#include "tests/tck/runner/scenario_runner.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "guanxi/guanxi.h"
#include "tests/tck/runner/tck_value.h"
#include "tests/tck/runner/test_procedure.h"

namespace guanxi::tck {

namespace {

namespace fs = std::filesystem;

// A failed check: ends the scenario with its message.
struct CheckFailed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void check_failed(const std::string& why) { throw CheckFailed(why); }

struct ErrorSeen {
  ErrorCode code;
  std::string text;
  bool compile_time;
};

struct QueryOutcome {
  std::vector<std::string> columns;
  std::vector<std::vector<TckValue>> rows;
  std::optional<ErrorSeen> error;
};

// What the TCK's observation queries see: node and relationship ids,
// properties as (entity, key, value) and the distinct labels.
struct GraphState {
  std::multiset<std::uint64_t> nodes;
  std::multiset<std::uint64_t> relationships;
  std::multiset<std::string> properties;
  std::set<std::string> labels;
};

template <typename Set>
std::int64_t missing_from(const Set& a, const Set& b) {
  std::vector<typename Set::value_type> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return static_cast<std::int64_t>(out.size());
}

std::string property_entry(char kind, std::uint64_t id, const std::string& key, const Value& v) {
  return std::string(1, kind) + std::to_string(id) + "\x1f" + key + "\x1f" +
         to_string(to_tck_value(v));
}

GraphState observe(Session& session) {
  GraphState state;
  for (const Row& row : session.query("MATCH (n) RETURN n")) {
    const Node& n = row[0].as_node();
    state.nodes.insert(n.id);
    for (const auto& label : n.labels) state.labels.insert(label);
    for (const auto& [key, v] : n.properties)
      state.properties.insert(property_entry('n', n.id, key, v));
  }
  for (const Row& row : session.query("MATCH ()-[r]->() RETURN r")) {
    const Relationship& r = row[0].as_relationship();
    state.relationships.insert(r.id);
    for (const auto& [key, v] : r.properties)
      state.properties.insert(property_entry('r', r.id, key, v));
  }
  return state;
}

std::map<std::string, std::int64_t> side_effects(const GraphState& before,
                                                 const GraphState& after) {
  return {{"+nodes", missing_from(after.nodes, before.nodes)},
          {"-nodes", missing_from(before.nodes, after.nodes)},
          {"+relationships", missing_from(after.relationships, before.relationships)},
          {"-relationships", missing_from(before.relationships, after.relationships)},
          {"+properties", missing_from(after.properties, before.properties)},
          {"-properties", missing_from(before.properties, after.properties)},
          {"+labels", missing_from(after.labels, before.labels)},
          {"-labels", missing_from(before.labels, after.labels)}};
}

class ScenarioRun {
 public:
  ScenarioRun(const Scenario& scenario, const fs::path& graphs_dir, const fs::path& db_path)
      : scenario_(scenario), graphs_dir_(graphs_dir), db_path_(db_path) {}

  void run() {
    for (const Step& step : scenario_.steps) {
      try {
        run_step(step);
      } catch (const CheckFailed& e) {
        throw CheckFailed("line " + std::to_string(step.line) + ": " + e.what());
      } catch (const Error& e) {
        throw CheckFailed("line " + std::to_string(step.line) + ": unexpected error [" +
                          e.code_name() + "] " + e.what());
      }
    }
    if (pending_error_check_)
      check_failed("the query failed and no step expects it: [" +
                   std::string(error_code_name(last_.error->code)) + "] " + last_.error->text);
  }

 private:
  Session& session() {
    if (!db_) {
      Options options;
      options.durable = false;
      options.map_size = std::size_t{64} << 20;
      db_ = std::make_unique<Database>(Database::open(db_path_.string(), options));
      session_ = std::make_unique<Session>(db_->session());
    }
    return *session_;
  }

  void run_step(const Step& step) {
    const std::string& t = step.text;
    static const std::regex kNamedGraph(R"(^the ([\w-]+) graph$)");
    static const std::regex kError(
        R"(^an? (\w+) should be raised at (compile time|runtime|any time): (\S+)$)");
    std::smatch m;
    if (t == "an empty graph" || t == "any graph") {
      session();
    } else if (std::regex_match(t, m, kNamedGraph)) {
      load_graph(m[1].str());
    } else if (t == "having executed:") {
      session().query(step.doc).all();
    } else if (t == "parameters are:") {
      for (const auto& row : step.table) {
        if (row.size() != 2) check_failed("a parameter row needs a name and a value");
        params_[row[0]] = to_value(parse_tck_value(row[1]));
      }
    } else if (t.rfind("there exists a procedure ", 0) == 0) {
      session();
      db_->add_procedure(
          test_procedure(t.substr(std::strlen("there exists a procedure ")), step.table));
    } else if (t == "executing query:") {
      before_ = observe(session());
      execute(step.doc);
      after_ = observe(session());
    } else if (t == "executing control query:") {
      execute(step.doc);
    } else if (t == "the result should be empty") {
      expect_no_error();
      if (!last_.rows.empty())
        check_failed("expected no rows, got " + std::to_string(last_.rows.size()) + ":\n" +
                     rows_text(last_.columns, last_.rows));
    } else if (t.rfind("the result should be", 0) == 0) {
      expect_no_error();
      compare_results(step, t.find("in order") != std::string::npos,
                      t.find("ignoring element order for lists") != std::string::npos);
    } else if (t == "no side effects") {
      expect_no_error();
      check_side_effects({});
    } else if (t == "the side effects should be:") {
      expect_no_error();
      std::map<std::string, std::int64_t> expected;
      for (const auto& row : step.table) expected[row.at(0)] = std::stoll(row.at(1));
      check_side_effects(expected);
    } else if (std::regex_match(t, m, kError)) {
      check_error(m[1].str(), m[2].str(), m[3].str());
    } else {
      check_failed("unknown step '" + t + "'");
    }
  }

  void load_graph(const std::string& name) {
    const fs::path script = graphs_dir_ / name / (name + ".cypher");
    std::ifstream in(script);
    if (!in) check_failed("no graph script " + script.string());
    std::stringstream text;
    text << in.rdbuf();
    session().query(text.str()).all();
  }

  void execute(const std::string& text) {
    last_ = QueryOutcome{};
    pending_error_check_ = false;
    std::optional<Statement> statement;
    try {
      statement.emplace(session().prepare(text));
    } catch (const Error& e) {
      last_.error = ErrorSeen{e.code(), e.what(), true};
      pending_error_check_ = true;
      return;
    }
    try {
      Result result = statement->query(params_);
      last_.columns = result.columns();
      for (const Row& row : result) {
        std::vector<TckValue> values;
        for (const Value& v : row) values.push_back(to_tck_value(v));
        last_.rows.push_back(std::move(values));
      }
    } catch (const Error& e) {
      last_.error = ErrorSeen{e.code(), e.what(), false};
      last_.rows.clear();
      pending_error_check_ = true;
    }
  }

  void expect_no_error() {
    if (last_.error)
      check_failed(std::string("the query failed: [") + error_code_name(last_.error->code) + "] " +
                   last_.error->text);
  }

  static std::string rows_text(const std::vector<std::string>& columns,
                               const std::vector<std::vector<TckValue>>& rows) {
    std::string out = "    |";
    for (const auto& c : columns) out += " " + c + " |";
    for (const auto& row : rows) {
      out += "\n    |";
      for (const auto& v : row) out += " " + to_string(v) + " |";
    }
    return out;
  }

  void compare_results(const Step& step, bool ordered, bool unordered_lists) {
    if (step.table.empty()) check_failed("a result step without a table");
    const std::vector<std::string>& expected_columns = step.table[0];
    std::vector<std::vector<TckValue>> expected;
    for (size_t r = 1; r < step.table.size(); ++r) {
      std::vector<TckValue> row;
      for (const std::string& cell : step.table[r]) row.push_back(parse_tck_value(cell));
      expected.push_back(std::move(row));
    }
    // Columns are matched by name; their order is free.
    std::vector<size_t> order;
    for (const std::string& c : expected_columns) {
      auto it = std::find(last_.columns.begin(), last_.columns.end(), c);
      if (it == last_.columns.end() || last_.columns.size() != expected_columns.size())
        check_failed("expected columns" + rows_text(expected_columns, {}) + "\ngot" +
                     rows_text(last_.columns, {}));
      order.push_back(static_cast<size_t>(it - last_.columns.begin()));
    }
    std::vector<std::vector<TckValue>> actual;
    actual.reserve(last_.rows.size());
    for (const auto& row : last_.rows) {
      std::vector<TckValue> reordered;
      reordered.reserve(order.size());
      for (size_t i : order) reordered.push_back(row[i]);
      actual.push_back(std::move(reordered));
    }
    auto rows_equal = [&](const std::vector<TckValue>& a, const std::vector<TckValue>& b) {
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i)
        if (!tck_equal(a[i], b[i], unordered_lists)) return false;
      return true;
    };
    bool same = actual.size() == expected.size();
    if (same && ordered) {
      for (size_t i = 0; i < actual.size() && same; ++i) same = rows_equal(actual[i], expected[i]);
    } else if (same) {
      std::vector<bool> used(actual.size(), false);
      for (const auto& e : expected) {
        bool found = false;
        for (size_t i = 0; i < actual.size() && !found; ++i)
          if (!used[i] && rows_equal(actual[i], e)) used[i] = found = true;
        if (!found) same = false;
      }
    }
    if (!same)
      check_failed(std::string("expected") + (ordered ? " (in order)\n" : "\n") +
                   rows_text(expected_columns, expected) + "\ngot\n" +
                   rows_text(expected_columns, actual));
  }

  void check_side_effects(const std::map<std::string, std::int64_t>& expected) {
    const auto actual = side_effects(before_, after_);
    std::string diff;
    for (const auto& [name, count] : actual) {
      auto it = expected.find(name);
      const std::int64_t want = it == expected.end() ? 0 : it->second;
      if (want != count)
        diff += " " + name + " expected " + std::to_string(want) + " got " + std::to_string(count);
    }
    for (const auto& [name, count] : expected)
      if (!actual.count(name)) diff += " unknown side effect " + name;
    if (!diff.empty()) check_failed("side effects differ:" + diff);
  }

  void check_error(const std::string& type, const std::string& phase, const std::string& detail) {
    if (!last_.error)
      check_failed("expected " + type + " (" + detail + ") at " + phase +
                   ", but the query succeeded");
    pending_error_check_ = false;
    ErrorCode want;
    if (!tck_error_code(type, detail, &want))
      check_failed("unknown TCK error " + type + ": " + detail);
    const ErrorSeen& got = *last_.error;
    const bool phase_ok = phase == "any time" || (phase == "compile time") == got.compile_time;
    if (got.code != want || !phase_ok)
      check_failed("expected [" + std::string(error_code_name(want)) + "] at " + phase + " (" +
                   type + ": " + detail + "), got [" + error_code_name(got.code) + "] at " +
                   (got.compile_time ? "compile time" : "runtime") + ": " + got.text);
  }

  const Scenario& scenario_;
  fs::path graphs_dir_;
  fs::path db_path_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Session> session_;
  Params params_;
  QueryOutcome last_;
  bool pending_error_check_ = false;
  GraphState before_, after_;
};

}  // namespace

bool tck_error_code(const std::string& type, const std::string& detail, ErrorCode* code) {
  static const std::map<std::string, ErrorCode> kSyntaxErrorDetails = {
      {"UnexpectedSyntax", ErrorCode::kSyntax},
      {"InvalidNumberLiteral", ErrorCode::kSyntax},
      {"InvalidUnicodeLiteral", ErrorCode::kSyntax},
      {"InvalidUnicodeCharacter", ErrorCode::kSyntax},
      {"IntegerOverflow", ErrorCode::kSyntax},
      {"FloatingPointOverflow", ErrorCode::kSyntax},
      {"InvalidRelationshipPattern", ErrorCode::kSyntax},
      {"InvalidArgumentType", ErrorCode::kType},
      {"NegativeIntegerArgument", ErrorCode::kInvalidArgument},
  };
  static const std::map<std::string, ErrorCode> kTypes = {
      {"SyntaxError", ErrorCode::kSemantic},
      {"SemanticError", ErrorCode::kSemantic},
      {"TypeError", ErrorCode::kType},
      {"ArgumentError", ErrorCode::kInvalidArgument},
      {"ArithmeticError", ErrorCode::kArithmetic},
      {"EntityNotFound", ErrorCode::kNotFound},
      {"ProcedureError", ErrorCode::kNotFound},
      {"ParameterMissing", ErrorCode::kNotFound},
      {"ConstraintVerificationFailed", ErrorCode::kHasRelationships},
      {"ConstraintValidationFailed", ErrorCode::kConstraint},
  };
  if (type == "SyntaxError") {
    auto it = kSyntaxErrorDetails.find(detail);
    if (it != kSyntaxErrorDetails.end()) {
      *code = it->second;
      return true;
    }
  }
  auto it = kTypes.find(type);
  if (it == kTypes.end()) return false;
  *code = it->second;
  return true;
}

ScenarioRunner::ScenarioRunner(fs::path graphs_dir, fs::path scratch_dir)
    : graphs_dir_(std::move(graphs_dir)), scratch_dir_(std::move(scratch_dir)) {}

ScenarioOutcome ScenarioRunner::run(const Scenario& scenario) {
  const fs::path db_path = scratch_dir_ / ("db" + std::to_string(next_database_++));
  ScenarioOutcome outcome;
  try {
    ScenarioRun(scenario, graphs_dir_, db_path).run();
    outcome.passed = true;
  } catch (const std::exception& e) {
    outcome.message = e.what();
  }
  std::error_code ec;
  fs::remove_all(db_path, ec);
  return outcome;
}

}  // namespace guanxi::tck
