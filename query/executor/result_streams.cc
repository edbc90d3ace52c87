#include "query/executor/result_streams.h"

namespace guanxi::query {

namespace {

Map properties_through(PropertyReader& reader, const storage::Transaction& txn, const Value& v) {
  if (v.kind() == ValueKind::kNode) return reader.node_properties(txn, v.as_node());
  if (v.kind() == ValueKind::kRelationship)
    return reader.relationship_properties(txn, v.as_relationship());
  throw QueryError(QueryErrorCode::kType, std::string("Expected a node or relationship, got ") +
                                              value_kind_name(v.kind()));
}

}  // namespace

StreamingResult::StreamingResult(std::shared_ptr<const PreparedQuery> query, storage::Graph& graph,
                                 storage::ReadTransaction txn, const ExecutionOptions& options,
                                 bool profile, const SessionOptions& session)
    : query_(std::move(query)),
      parameters_(*options.parameters),
      txn_(std::make_unique<storage::ReadTransaction>(std::move(txn))),
      reader_(graph, session,
              options.audit
                  ? options.audit
                  : std::make_shared<ReadAudit>(&graph.audit_writer(), session, query_->text,
                                                storage::unix_micros(options.now))),
      profiling_(profile) {
  ExecutionOptions own = options;
  own.parameters = &parameters_;
  own.audit = reader_.audit();
  run_ = std::make_unique<StatementRun>(*query_, graph, *txn_, nullptr, own, profile);
}

StreamingResult::~StreamingResult() = default;

bool StreamingResult::next(std::vector<Value>& row) {
  if (done_) return false;
  if (run_->next(row)) return true;
  done_ = true;
  summary_ = run_->changes();
  if (profiling_) profile_ = run_->profile();
  return false;
}

List StreamingResult::labels(NodeRef node) { return reader_.node_labels(*txn_, node); }
std::string StreamingResult::type(const RelRef& rel) {
  return reader_.relationship_type(*txn_, rel);
}
Map StreamingResult::properties(const Value& v) { return properties_through(reader_, *txn_, v); }

BufferedResult::BufferedResult(std::vector<std::string> columns,
                               std::vector<std::vector<Value>> rows, ChangeSummary summary,
                               std::optional<PlanNode> profile, storage::Graph& graph,
                               const SessionOptions& session,
                               std::function<const storage::Transaction*()> txn_for_reads,
                               std::shared_ptr<ReadAudit> audit)
    : columns_(std::move(columns)),
      rows_(std::move(rows)),
      summary_(summary),
      profile_(std::move(profile)),
      graph_(graph),
      reader_(graph, session, std::move(audit)),
      txn_for_reads_(std::move(txn_for_reads)) {}

bool BufferedResult::next(std::vector<Value>& row) {
  if (pos_ >= rows_.size()) return false;
  row = std::move(rows_[pos_++]);
  return true;
}

const storage::Transaction& BufferedResult::reads() {
  if (txn_for_reads_) {
    if (const storage::Transaction* txn = txn_for_reads_()) return *txn;
  }
  if (!own_txn_) own_txn_ = std::make_unique<storage::ReadTransaction>(graph_.read());
  return *own_txn_;
}

List BufferedResult::labels(NodeRef node) { return reader_.node_labels(reads(), node); }
std::string BufferedResult::type(const RelRef& rel) {
  return reader_.relationship_type(reads(), rel);
}
Map BufferedResult::properties(const Value& v) {
  // The rows were read before the statement's writes committed: whether a
  // relationship had a record then says nothing of the snapshot read now.
  if (v.kind() == ValueKind::kRelationship) {
    RelRef rel = v.as_relationship();
    rel.record = storage::RecordHint::kUnknown;
    return reader_.relationship_properties(reads(), rel);
  }
  return properties_through(reader_, reads(), v);
}

}  // namespace guanxi::query
