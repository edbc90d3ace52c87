// ResultStream: the rows of one statement, as the engine hands them out.
//
// The executor implements it (query/executor/result_streams.h); the engine
// returns it and the API wraps it, so it sits below both.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "query/session_types.h"
#include "query/value.h"

namespace guanxi::query {

// The rows of one statement, pulled one at a time. Read-only statements
// stream straight from a read transaction the stream holds; writing
// statements have done their writes and committed (or joined the explicit
// transaction) before the first row is returned.
class ResultStream {
 public:
  virtual ~ResultStream() = default;
  virtual const std::vector<std::string>& columns() const = 0;
  // Fills `row` (one value per column) and returns true, or returns false
  // at the end. Throws QueryError on a run-time error.
  virtual bool next(std::vector<Value>& row) = 0;
  // Complete once next() has returned false.
  virtual const ChangeSummary& summary() const = 0;
  // EXPLAIN and PROFILE: the plan as a tree (for PROFILE with rows and
  // times, complete at the end); empty for other statements.
  virtual const PlanNode* plan() const = 0;
  // Read the database behind the values: labels, type and properties of
  // nodes and relationships in the rows, through the session's
  // PropertyReader; valid until the stream is destroyed.
  virtual List labels(NodeRef node) = 0;
  virtual std::string type(const RelRef& rel) = 0;
  virtual Map properties(const Value& node_or_relationship) = 0;

  // Warnings about the statement (names the database does not have), known
  // before the first row.
  const std::vector<Notification>& notifications() const { return notifications_; }
  void set_notifications(std::vector<Notification> notifications) {
    notifications_ = std::move(notifications);
  }

 private:
  std::vector<Notification> notifications_;
};

}  // namespace guanxi::query
