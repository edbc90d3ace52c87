#include "query/executor/execution_context.h"

#include "query/expression/evaluator.h"
#include "query/operators/operator.h"
#include "query/query_error.h"
#include "query/storage_error_translation.h"

namespace guanxi::query {

ExecutionContext::ExecutionContext(storage::Graph& graph, const storage::Transaction& txn,
                                   storage::WriteTransaction* write_txn,
                                   const ExecutionOptions& options)
    : graph_(graph),
      txn_(txn),
      write_txn_(write_txn),
      options_(options),
      budget_(options.session->memory_budget),
      reader_(graph, *options.session, options.audit) {}

ExecutionContext::~ExecutionContext() = default;

NodeMarksPool::Lease ExecutionContext::lend_node_marks() {
  if (options_.node_marks) return options_.node_marks->lend();
  return NodeMarksPool::Lease(new NodeMarks(), NodeMarksPool::Return{});
}

storage::WriteTransaction& ExecutionContext::write_txn() {
  if (!write_txn_) {
    throw QueryError(QueryErrorCode::kTransaction, "a read-only statement cannot write");
  }
  return *write_txn_;
}

void ExecutionContext::fail(QueryErrorCode code, const std::string& message,
                            const ast::Expression* at) {
  if (at && at->pos.known()) throw QueryError(code, message, at->pos, options_.statement_text);
  throw QueryError(code, message);
}

void ExecutionContext::cancelled() {
  throw QueryError(QueryErrorCode::kCancelled, "The query was cancelled");
}

template <typename Id>
std::optional<Id> ExecutionContext::find_name(
    std::unordered_map<std::string, std::optional<Id>>& cache, storage::NameKind kind,
    const std::string& name) {
  auto it = cache.find(name);
  if (it != cache.end() && it->second) return it->second;
  const std::optional<Id> id = graph_.dictionary().find(txn_, kind, name);
  // Absent names are not cached: a write in this run may create them.
  if (id) cache[name] = id;
  return id;
}

std::optional<storage::LabelId> ExecutionContext::label_id(const std::string& name) {
  return find_name(labels_, storage::NameKind::kLabel, name);
}
std::optional<storage::TypeId> ExecutionContext::type_id(const std::string& name) {
  return find_name(types_, storage::NameKind::kType, name);
}
std::optional<storage::PropertyKeyId> ExecutionContext::key_id(const std::string& name) {
  return find_name(keys_, storage::NameKind::kPropertyKey, name);
}

storage::LabelId ExecutionContext::intern_label(const std::string& name) {
  if (auto id = label_id(name)) return *id;
  const auto id = graph_.dictionary().intern(write_txn(), storage::NameKind::kLabel, name);
  labels_[name] = id;
  return id;
}
storage::TypeId ExecutionContext::intern_type(const std::string& name) {
  if (auto id = type_id(name)) return *id;
  const auto id = graph_.dictionary().intern(write_txn(), storage::NameKind::kType, name);
  types_[name] = id;
  return id;
}
storage::PropertyKeyId ExecutionContext::intern_key(const std::string& name) {
  if (auto id = key_id(name)) return *id;
  const auto id = graph_.dictionary().intern(write_txn(), storage::NameKind::kPropertyKey, name);
  keys_[name] = id;
  return id;
}

const std::vector<storage::LabelId>& ExecutionContext::node_label_ids(storage::NodeId node) {
  // In a write transaction labels may change between two calls: no caching.
  if (node == labels_node_ && !write_txn_) return labels_of_node_;
  labels_of_node_.clear();
  if (auto record = graph_.get_node(txn_, node)) {
    labels_of_node_ = std::move(record->labels);
  } else if (!write_txn_) {
    throw missing_record_error("node", node);  // in a read snapshot, damage
  }
  labels_node_ = node;
  return labels_of_node_;
}

bool ExecutionContext::node_exists(storage::NodeId node) { return graph_.node_exists(txn_, node); }

const Value& ExecutionContext::parameter(const std::string& name) {
  auto it = options_.parameters->find(name);
  if (it == options_.parameters->end()) {
    throw QueryError(QueryErrorCode::kSemantic, "Expected parameter(s): " + name);
  }
  return it->second;
}

namespace {
QueryError deleted_entity_error(const char* kind, std::uint64_t id, const std::string& what) {
  return QueryError(QueryErrorCode::kNotFound,
                    std::string("The ") + kind + " " + std::to_string(id) +
                        " was deleted earlier in this statement: " + what +
                        " can no longer be read");
}
}  // namespace

// A read that finds nothing may have met an entity this statement deleted:
// openCypher makes that an error rather than a null.
Value ExecutionContext::node_property(NodeRef node, std::string_view key) {
  Value v = reader_.node_property(txn_, node, key);
  if (v.is_null() && reader_.deleted(txn_, node)) {
    throw deleted_entity_error("node", node.id, "its property `" + std::string(key) + "`");
  }
  return v;
}
Value ExecutionContext::relationship_property(const RelRef& rel, std::string_view key) {
  Value v = reader_.relationship_property(txn_, rel, key);
  if (v.is_null() && reader_.deleted(txn_, rel)) {
    throw deleted_entity_error("relationship", rel.id, "its property `" + std::string(key) + "`");
  }
  return v;
}
Map ExecutionContext::node_properties(NodeRef node) { return reader_.node_properties(txn_, node); }
Map ExecutionContext::relationship_properties(const RelRef& rel) {
  return reader_.relationship_properties(txn_, rel);
}
List ExecutionContext::node_labels(NodeRef node) {
  if (reader_.deleted(txn_, node)) throw deleted_entity_error("node", node.id, "its labels");
  return reader_.node_labels(txn_, node);
}
std::string ExecutionContext::relationship_type(const RelRef& rel) {
  return reader_.relationship_type(txn_, rel);
}

void ExecutionContext::release_transaction_state() {
  patterns_.clear();
  labels_node_ = storage::kNoId;
}

void ExecutionContext::commit_batch() {
  release_transaction_state();
  write_txn().commit_and_continue();
}

void ExecutionContext::restart_batch() {
  release_transaction_state();
  labels_.clear();
  types_.clear();
  keys_.clear();
  write_txn().restart(/*grow_map=*/true);
}

double ExecutionContext::random() {
  if (!random_) random_.emplace(options_.seed);
  return std::uniform_real_distribution<double>(0.0, 1.0)(*random_);
}

Value ExecutionContext::evaluate_pattern(const ast::Expression& expression, Row& row) {
  auto it = patterns_.find(&expression);
  if (it == patterns_.end()) {
    auto plan = options_.plan->pattern_plans.find(&expression);
    if (plan == options_.plan->pattern_plans.end()) {
      fail(QueryErrorCode::kSemantic, "pattern expression was not planned", &expression);
    }
    PatternRun run;
    it = patterns_.emplace(&expression, std::move(run)).first;
    it->second.root = build_operator(*plan->second, &it->second.argument);
    if (profiling_) it->second.root->enable_profiling();
    it->second.root->open(*this);
  }
  PatternRun& run = it->second;
  run.argument = row;
  run.root->reset();
  Row scratch(row.size());
  if (expression.kind == ast::ExpressionKind::kCountSubquery) {
    std::int64_t matches = 0;
    while (run.root->pull(scratch)) {
      check_cancelled();
      ++matches;
    }
    return Value(matches);
  }
  if (expression.kind != ast::ExpressionKind::kPatternComprehension) {
    return Value(run.root->pull(scratch));
  }
  List out;
  const ast::Expression* project =
      expression.children.size() > 1 ? expression.children[1].get() : nullptr;
  while (run.root->pull(scratch)) {
    check_cancelled();
    out.push_back(project ? evaluate(*project, scratch, *this) : Value());
    check_value_nesting(out.back(), 1);
  }
  return Value(std::move(out));
}

}  // namespace guanxi::query
