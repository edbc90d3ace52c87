// PropertyReader: the one place where a query reads property values.
//
// Every property value the executor, a procedure or the result stream reads
// comes through here, never straight from storage records. It knows the
// session (purpose, user); today it only reads, and the privacy issue makes
// it enforce consent without any other path to change. One reader per
// statement run; not thread-safe.
#pragma once

#include <string_view>

#include "query/engine.h"
#include "query/value.h"
#include "storage/graph.h"
#include "storage/transaction.h"

namespace guanxi::query {

class PropertyReader {
 public:
  PropertyReader(storage::Graph& graph, const SessionOptions& session);

  const SessionOptions& session() const { return session_; }

  // A property of a node or relationship read in `txn`; null when the entity
  // lacks it or the key was never used. Throws QueryError (kStorage) on a
  // damaged record, naming it; a deleted entity reads as having no properties.
  Value node_property(const storage::Transaction& txn, NodeRef node, std::string_view key);
  Value node_property(const storage::Transaction& txn, NodeRef node, storage::PropertyKeyId key);
  Value relationship_property(const storage::Transaction& txn, const RelRef& rel,
                              std::string_view key);
  Value relationship_property(const storage::Transaction& txn, const RelRef& rel,
                              storage::PropertyKeyId key);
  // All properties, sorted by key name.
  Map node_properties(const storage::Transaction& txn, NodeRef node);
  Map relationship_properties(const storage::Transaction& txn, const RelRef& rel);
  // A property from a record the caller already decoded (scans, index
  // checks), so hot loops need not read the record twice.
  Value property_of(const storage::NodeRecord& record, storage::PropertyKeyId key);
  Value property_of(const storage::EdgeRecord& record, storage::PropertyKeyId key);

  // Labels (sorted by name) and relationship type names.
  List node_labels(const storage::Transaction& txn, NodeRef node);
  std::string relationship_type(const storage::Transaction& txn, const RelRef& rel);

 private:
  storage::Graph& graph_;
  SessionOptions session_;
};

}  // namespace guanxi::query
