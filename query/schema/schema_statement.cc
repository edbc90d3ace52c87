#include "query/schema/schema_statement.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "query/query_error.h"
#include "query/schema/privacy_statement.h"
#include "query/storage_error_translation.h"
#include "storage/graph.h"

namespace guanxi::query {

namespace {

using ast::StatementKind;
using storage::IndexInfo;
using storage::NameKind;

// Runs one schema statement; errors carry the statement's position.
class SchemaStatementRunner {
 public:
  SchemaStatementRunner(storage::Graph& graph, const storage::Transaction& txn,
                        storage::WriteTransaction* write_txn, const ast::Statement& statement)
      : graph_(graph), txn_(txn), write_txn_(write_txn), statement_(statement) {}

  SchemaResult run() {
    try {
      switch (statement_.kind) {
        case StatementKind::kCreateIndex: return create(/*unique=*/false);
        case StatementKind::kCreateConstraint: return create(/*unique=*/true);
        case StatementKind::kDropIndex: return drop(/*unique=*/false);
        case StatementKind::kDropConstraint: return drop(/*unique=*/true);
        case StatementKind::kShowIndexes: return show_indexes(graph_, txn_);
        case StatementKind::kShowConstraints: return show_constraints(graph_, txn_);
        default: break;
      }
    } catch (const storage::StorageError& e) {
      // With the statement's position; a full map passes to the writer.
      fail(query_error_from(e).code(), e.what());
    }
    fail(QueryErrorCode::kSemantic, "not a schema statement");
  }

 private:
  [[noreturn]] void fail(QueryErrorCode code, const std::string& message) const {
    if (statement_.pos.known()) throw QueryError(code, message, statement_.pos, statement_.text);
    throw QueryError(code, message);
  }

  storage::WriteTransaction& writer() const {
    if (!write_txn_)
      fail(QueryErrorCode::kTransaction, "a schema change needs a write transaction");
    return *write_txn_;
  }

  std::string name_of(NameKind kind, std::uint32_t id) {
    return graph_.dictionary().name(txn_, kind, id);
  }

  // ":Customer(id)" for an index.
  std::string schema_text(const IndexInfo& index) {
    return fmt::format(":{}({})", name_of(NameKind::kLabel, index.label),
                       name_of(NameKind::kPropertyKey, index.key));
  }
  std::string statement_schema_text() const {
    return fmt::format(":{}({})", statement_.label, statement_.property);
  }

  static const char* rule_kind(const IndexInfo& index) {
    return index.unique ? "constraint" : "index";
  }

  // The index on the statement's (label, property), found without creating names.
  std::optional<IndexInfo> on_schema() {
    if (statement_.label.empty() || statement_.property.empty()) return std::nullopt;
    auto& dict = graph_.dictionary();
    const auto label = dict.find(txn_, NameKind::kLabel, statement_.label);
    const auto key = dict.find(txn_, NameKind::kPropertyKey, statement_.property);
    if (!label || !key) return std::nullopt;
    return graph_.indexes().find(txn_, *label, *key);
  }

  SchemaResult create(bool unique) {
    if (statement_.label.empty() || statement_.property.empty()) {
      fail(QueryErrorCode::kSemantic,
           fmt::format("CREATE {} needs a label and a property", unique ? "CONSTRAINT" : "INDEX"));
    }
    SchemaResult result;
    if (auto existing = on_schema()) {
      if (!unique) {
        if (statement_.if_not_exists) return result;
        if (existing->unique) {
          fail(QueryErrorCode::kInvalidArgument,
               fmt::format("There is a unique constraint '{}' on {}, so an index that matches this "
                           "already exists",
                           existing->name, schema_text(*existing)));
        }
        fail(QueryErrorCode::kInvalidArgument,
             fmt::format("An equivalent index already exists: '{}' on {}", existing->name,
                         schema_text(*existing)));
      }
      if (existing->unique) {
        if (statement_.if_not_exists) return result;
        fail(QueryErrorCode::kInvalidArgument,
             fmt::format("An equivalent constraint already exists: '{}' on {}", existing->name,
                         schema_text(*existing)));
      }
      // (The likeliest such index is one an import made on an id property.)
      fail(QueryErrorCode::kInvalidArgument,
           fmt::format("There already exists an index '{}' on {}; a unique constraint cannot be "
                       "created until the index has been dropped (DROP INDEX {})",
                       existing->name, schema_text(*existing), existing->name));
    }
    if (!statement_.schema_name.empty()) {
      if (auto named = graph_.indexes().find_by_name(txn_, statement_.schema_name)) {
        if (statement_.if_not_exists) return result;
        fail(QueryErrorCode::kInvalidArgument,
             fmt::format("There already exists an {} called '{}' (on {})", rule_kind(*named),
                         named->name, schema_text(*named)));
      }
    }
    storage::WriteTransaction& w = writer();
    auto& dict = graph_.dictionary();
    const storage::LabelId label = dict.intern(w, NameKind::kLabel, statement_.label);
    const storage::PropertyKeyId key = dict.intern(w, NameKind::kPropertyKey, statement_.property);
    graph_.create_index(w, label, key, unique, statement_.schema_name);
    (unique ? result.changes.constraints_added : result.changes.indexes_added) = 1;
    return result;
  }

  SchemaResult drop(bool unique) {
    SchemaResult result;
    const char* what = unique ? "constraint" : "index";
    const bool by_name = !statement_.schema_name.empty();
    std::optional<IndexInfo> found =
        by_name ? graph_.indexes().find_by_name(txn_, statement_.schema_name) : on_schema();
    const std::string described = by_name ? fmt::format("called '{}'", statement_.schema_name)
                                          : "on " + statement_schema_text();
    if (found && !unique && found->unique) {
      // A constraint's index goes with its constraint, never alone.
      fail(
          QueryErrorCode::kInvalidArgument,
          fmt::format("Unable to drop index {}: it belongs to the unique constraint '{}'; drop the "
                      "constraint instead",
                      described, found->name));
    }
    if (!found || (unique && !found->unique)) {
      if (statement_.if_exists) return result;
      fail(QueryErrorCode::kNotFound,
           fmt::format("Unable to drop {} {}: there is no such {}", what, described, what));
    }
    graph_.indexes().drop_by_name(writer(), found->name);
    (unique ? result.changes.constraints_removed : result.changes.indexes_removed) = 1;
    return result;
  }

  storage::Graph& graph_;
  const storage::Transaction& txn_;
  storage::WriteTransaction* write_txn_;
  const ast::Statement& statement_;
};

std::vector<IndexInfo> sorted_by_name(storage::Graph& graph, const storage::Transaction& txn) {
  std::vector<IndexInfo> all = graph.indexes().list(txn);
  std::sort(all.begin(), all.end(),
            [](const IndexInfo& a, const IndexInfo& b) { return a.name < b.name; });
  return all;
}

}  // namespace

bool is_schema_statement(const ast::Statement& statement) {
  if (is_privacy_statement(statement)) return true;
  switch (statement.kind) {
    case StatementKind::kCreateIndex:
    case StatementKind::kDropIndex:
    case StatementKind::kCreateConstraint:
    case StatementKind::kDropConstraint:
    case StatementKind::kShowIndexes:
    case StatementKind::kShowConstraints: return true;
    default: return false;
  }
}

bool schema_statement_writes(const ast::Statement& statement) {
  return is_schema_statement(statement) && statement.kind != StatementKind::kShowIndexes &&
         statement.kind != StatementKind::kShowConstraints && !is_privacy_show(statement);
}

SchemaResult run_schema_statement(storage::Graph& graph, const storage::Transaction& txn,
                                  storage::WriteTransaction* write_txn,
                                  const ast::Statement& statement) {
  if (is_privacy_statement(statement)) {
    return run_privacy_statement(graph, txn, write_txn, statement);
  }
  return SchemaStatementRunner(graph, txn, write_txn, statement).run();
}

const std::vector<SchemaColumn>& show_indexes_columns() {
  static const std::vector<SchemaColumn> columns = {{"id", "INTEGER"},
                                                    {"name", "STRING"},
                                                    {"state", "STRING"},
                                                    {"populationPercent", "FLOAT"},
                                                    {"type", "STRING"},
                                                    {"entityType", "STRING"},
                                                    {"labelsOrTypes", "LIST OF STRING"},
                                                    {"properties", "LIST OF STRING"},
                                                    {"owningConstraint", "STRING"}};
  return columns;
}

const std::vector<SchemaColumn>& show_constraints_columns() {
  static const std::vector<SchemaColumn> columns = {{"id", "INTEGER"},
                                                    {"name", "STRING"},
                                                    {"type", "STRING"},
                                                    {"entityType", "STRING"},
                                                    {"labelsOrTypes", "LIST OF STRING"},
                                                    {"properties", "LIST OF STRING"},
                                                    {"ownedIndex", "STRING"}};
  return columns;
}

SchemaResult show_indexes(storage::Graph& graph, const storage::Transaction& txn) {
  SchemaResult result;
  for (const auto& c : show_indexes_columns()) result.columns.push_back(c.name);
  auto& dict = graph.dictionary();
  for (const IndexInfo& index : sorted_by_name(graph, txn)) {
    result.rows.push_back({Value(static_cast<std::int64_t>(index.id)), Value(index.name),
                           Value("ONLINE"), Value(100.0), Value("RANGE"), Value("NODE"),
                           Value(List{Value(dict.name(txn, NameKind::kLabel, index.label))}),
                           Value(List{Value(dict.name(txn, NameKind::kPropertyKey, index.key))}),
                           index.unique ? Value(index.name) : Value()});
  }
  return result;
}

SchemaResult show_constraints(storage::Graph& graph, const storage::Transaction& txn) {
  SchemaResult result;
  for (const auto& c : show_constraints_columns()) result.columns.push_back(c.name);
  auto& dict = graph.dictionary();
  for (const IndexInfo& index : sorted_by_name(graph, txn)) {
    if (!index.unique) continue;
    result.rows.push_back(
        {Value(static_cast<std::int64_t>(index.id)), Value(index.name), Value("UNIQUENESS"),
         Value("NODE"), Value(List{Value(dict.name(txn, NameKind::kLabel, index.label))}),
         Value(List{Value(dict.name(txn, NameKind::kPropertyKey, index.key))}), Value(index.name)});
  }
  return result;
}

}  // namespace guanxi::query
