// The ResultStream implementations behind Session::run.
//
//   StreamingResult: a read-only statement pulled row by row straight from
//     the operators, in a read transaction the stream holds.
//   BufferedResult: rows computed up front (writing statements, statements
//     inside an explicit transaction, schema statements, EXPLAIN), read
//     afterwards in a transaction of the caller's choosing.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "query/executor/statement_run.h"
#include "query/property_reader.h"
#include "query/result_stream.h"
#include "storage/graph.h"

namespace guanxi::query {

class StreamingResult final : public ResultStream {
 public:
  // Takes the read transaction `txn`; the run is created over it. The
  // stream keeps its own copy of the parameters, which may outlive the caller's.
  // The stream and the run share one audit tally (`options.audit`, made
  // here when null).
  StreamingResult(std::shared_ptr<const PreparedQuery> query, storage::Graph& graph,
                  storage::ReadTransaction txn, const ExecutionOptions& options, bool profile,
                  const SessionOptions& session);
  ~StreamingResult() override;

  const std::vector<std::string>& columns() const override { return query_->bound.columns; }
  bool next(std::vector<Value>& row) override;
  const ChangeSummary& summary() const override { return summary_; }
  const PlanNode* plan() const override { return profile_ ? &*profile_ : nullptr; }
  List labels(NodeRef node) override;
  std::string type(const RelRef& rel) override;
  Map properties(const Value& node_or_relationship) override;

 private:
  std::shared_ptr<const PreparedQuery> query_;
  Parameters parameters_;
  std::unique_ptr<storage::ReadTransaction> txn_;
  std::unique_ptr<StatementRun> run_;
  PropertyReader reader_;
  ChangeSummary summary_;
  bool profiling_;
  bool done_ = false;
  std::optional<PlanNode> profile_;
};

class BufferedResult final : public ResultStream {
 public:
  // `txn_for_reads` returns the transaction labels()/properties() read in
  // (the explicit transaction, or null to open a read transaction);
  // `audit` is the statement's audit tally (null: the statement read no
  // values).
  BufferedResult(std::vector<std::string> columns, std::vector<std::vector<Value>> rows,
                 ChangeSummary summary, std::optional<PlanNode> profile, storage::Graph& graph,
                 const SessionOptions& session,
                 std::function<const storage::Transaction*()> txn_for_reads,
                 std::shared_ptr<ReadAudit> audit);

  const std::vector<std::string>& columns() const override { return columns_; }
  bool next(std::vector<Value>& row) override;
  const ChangeSummary& summary() const override { return summary_; }
  const PlanNode* plan() const override { return profile_ ? &*profile_ : nullptr; }
  List labels(NodeRef node) override;
  std::string type(const RelRef& rel) override;
  Map properties(const Value& node_or_relationship) override;

 private:
  const storage::Transaction& reads();

  std::vector<std::string> columns_;
  std::vector<std::vector<Value>> rows_;
  size_t pos_ = 0;
  ChangeSummary summary_;
  std::optional<PlanNode> profile_;
  storage::Graph& graph_;
  PropertyReader reader_;
  std::function<const storage::Transaction*()> txn_for_reads_;
  std::unique_ptr<storage::ReadTransaction> own_txn_;
};

}  // namespace guanxi::query
