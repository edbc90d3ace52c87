// PropertyReader: the one place where a query reads property values.
//
// Every property value the executor, a procedure or the result stream reads
// comes through here, never straight from storage records. It knows the
// session (purpose, user); today it only reads, and the privacy issue makes
// it enforce consent without any other path to change. One reader per
// statement run; not thread-safe.
//
// Every read of a tagged value is tallied for the statement's audit entry
// (query/privacy/read_audit.h), which the reader hands over when it is
// destroyed.
//
// It sits on the hot path of every query, so it caches per reader: recently
// decoded records of each kind (so `n.a, n.b` on one row decode the node
// once, and `a.x, b.y` over rows that share `a` decode `a` once), key names
// resolved to ids, and ids resolved to names. A cached record is reused only
// while it is provably current: in a read transaction while the snapshot is
// the same, in a write transaction while the stored bytes are the same (so
// reads see the statement's own writes). In a read transaction a node record
// whose tagged values some statement opened comes, opened, from a cache the
// whole process shares for that snapshot (storage/opened_record_cache.h).
// Names and ids cached from a write
// transaction that later rolls back could be stale, which is why a reader
// lives for one statement only.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "query/privacy/read_audit.h"
#include "query/session_types.h"
#include "query/value.h"
#include "storage/graph.h"
#include "storage/transaction.h"

namespace guanxi::query {

class AccessDecision;

class PropertyReader {
 public:
  // `audit`: the statement's audit tally, shared by all its readers; null
  // records nothing.
  PropertyReader(storage::Graph& graph, const SessionOptions& session,
                 std::shared_ptr<ReadAudit> audit = nullptr);
  ~PropertyReader();
  PropertyReader(PropertyReader&&) noexcept;

  const SessionOptions& session() const { return session_; }
  const std::shared_ptr<ReadAudit>& audit() const { return audit_; }

  // A property of a node or relationship read in `txn`; null when the entity
  // lacks it or the key was never used. Throws QueryError (kStorage) on a
  // damaged record, naming it, and in a read transaction on a missing node
  // record; in a write transaction a deleted entity reads as having no
  // properties, and so does a relationship without a record (it has none).
  Value node_property(const storage::Transaction& txn, NodeRef node, std::string_view key);
  Value node_property(const storage::Transaction& txn, NodeRef node, storage::PropertyKeyId key);
  Value relationship_property(const storage::Transaction& txn, const RelRef& rel,
                              std::string_view key);
  Value relationship_property(const storage::Transaction& txn, const RelRef& rel,
                              storage::PropertyKeyId key);
  // All properties, sorted by key name.
  Map node_properties(const storage::Transaction& txn, NodeRef node);
  Map relationship_properties(const storage::Transaction& txn, const RelRef& rel);

  // Whether the entity is gone in `txn`: deleted by the write transaction
  // (a read snapshot always holds the entities it returned).
  bool deleted(const storage::Transaction& txn, NodeRef node);
  bool deleted(const storage::Transaction& txn, const RelRef& rel);

  // Labels (sorted by name) and relationship type names.
  List node_labels(const storage::Transaction& txn, NodeRef node);
  std::string relationship_type(const storage::Transaction& txn, const RelRef& rel);

  // What the session may see in `txn` (query/privacy/access_decision.h),
  // decided at the first call from the privacy catalog in `txn`'s snapshot;
  // throws QueryError (kNotFound) when the session's purpose no longer
  // exists.
  const AccessDecision& access(const storage::Transaction& txn);
  // The same decision, for what keeps it beyond this reader (the
  // projection cache keys entries on it).
  std::shared_ptr<const AccessDecision> shared_access(const storage::Transaction& txn);
  // Whether `node` is a data subject the session's purpose may not see
  // (no valid consent): it does not exist for the statement.
  bool hidden(const storage::Transaction& txn, storage::NodeId node);
  // Whether the session reads property `key` of `node` masked (so a write
  // must not take the masked reading for the value).
  bool reads_masked(const storage::Transaction& txn, NodeRef node, storage::PropertyKeyId key);
  bool reads_masked(const storage::Transaction& txn, const RelRef& rel, storage::PropertyKeyId key);

  // The id of property key `key`, or nullopt when no entity ever used it.
  std::optional<storage::PropertyKeyId> property_key_id(const storage::Transaction& txn,
                                                        std::string_view key);

 private:
  // Hashes std::string and std::string_view alike, for lookups without a copy.
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // The last record of one kind read, and when it may be reused (see above).
  template <typename Record>
  struct CachedRecord {
    bool valid = false;
    std::uint64_t id = 0;
    bool in_write = false;       // cached under a write transaction: check `bytes`
    std::uint64_t snapshot = 0;  // cached under a read transaction: its snapshot id
    bool exists = false;         // false: the entity was deleted (or never was)
    bool opened = false;         // its sealed values are opened (read transactions only)
    std::string bytes;
    Record record;
    // A read snapshot never changes: cached in snapshot `s` for `i`, it is
    // the record of `i` in `s`, without a lookup.
    bool holds(std::uint64_t i, std::uint64_t s) const {
      return valid && !in_write && id == i && snapshot == s;
    }
  };

  // The record of a node (or relationship), nullptr when it does not exist
  // (write transactions only; a read transaction throws, see above) or, for a
  // relationship, when it has no properties.
  const storage::NodeRecord* node_record(const storage::Transaction& txn, storage::NodeId id);
  const storage::RelationshipRecord* relationship_record(const storage::Transaction& txn,
                                                         const RelRef& rel);
  // The relationship as adjacency holds it, with its type and properties;
  // a QueryError (kStorage) when it is not there or its record is lost.
  storage::RelationshipRecord stored_relationship(const storage::Transaction& txn,
                                                  const RelRef& rel);
  // Node `id`'s record with its sealed values opened, for a read
  // transaction, when node_record just returned it: from the opened record
  // cache (storage/opened_record_cache.h) or opened here and remembered
  // there, so later statements in this snapshot find it.
  const storage::NodeRecord* opened_node_record(const storage::Transaction& txn,
                                                storage::NodeId id);
  // Reads `id`'s record from `dbi` through `cache`; in a read transaction,
  // calls missing_in_read() (which throws for damage) when there is none.
  template <typename Record, typename Decode, typename Missing>
  const Record* cached_record(const storage::Transaction& txn, CachedRecord<Record>& cache,
                              MDB_dbi dbi, std::uint64_t id, Decode&& decode,
                              Missing&& missing_in_read);
  const std::string& name_of(const storage::Transaction& txn, std::vector<std::string>& names,
                             storage::NameKind kind, std::uint32_t id);
  Map properties_map(const storage::Transaction& txn, const storage::PropertyList& properties,
                     const std::function<Value(const storage::Property&)>& read);
  // Opens a sealed value (storage/value_cipher.h) and applies the
  // session's masks to it, read from `node` (or relationship `id`).
  Value node_value(const storage::Transaction& txn, storage::NodeId node,
                   const storage::NodeRecord& record, storage::PropertyKeyId key,
                   const storage::Value* stored);
  // The record, not the caller's RelRef, says the type and ends: weight
  // readers know only the relationship's id.
  Value relationship_value(const storage::Transaction& txn, storage::RelationshipId id,
                           const storage::RelationshipRecord& record, storage::PropertyKeyId key,
                           const storage::Value* stored);

  // Tallies one read of a value of `tag` (see ReadTally::note).
  void note(const std::string& tag, storage::NodeId subject, bool masked);

  storage::Graph& graph_;
  SessionOptions session_;
  std::shared_ptr<ReadAudit> audit_;
  std::unique_ptr<ReadTally> tally_;  // made at the first tagged read
  std::shared_ptr<const AccessDecision> access_;
  // Direct-mapped by id: slot id % size.
  std::array<CachedRecord<storage::NodeRecord>, 8> node_cache_;
  std::array<CachedRecord<storage::RelationshipRecord>, 4> relationship_cache_;
  // Property key name -> id, for names that exist (ids never change).
  std::unordered_map<std::string, storage::PropertyKeyId, NameHash, std::equal_to<>> key_ids_;
  // Names known absent in read snapshot `missing_snapshot_` (a write may
  // create them, so they are trusted only in that read snapshot).
  std::unordered_set<std::string, NameHash, std::equal_to<>> missing_keys_;
  std::uint64_t missing_snapshot_ = 0;
  // Id -> name per kind; an empty string is "not yet looked up".
  std::vector<std::string> key_names_, label_names_, type_names_;
};

}  // namespace guanxi::query
