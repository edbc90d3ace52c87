// Graph: the storage engine's facade over one database directory.
//
// It keeps every table consistent with every other on each write: a node's
// record, its label postings and its index entries; a relationship's two
// adjacency entries and, when it has properties, its record; the counters. Reads and writes take
// the transaction they run in, so a caller decides what is atomic:
//
//   auto graph = Graph::open("customers.gx");
//   graph->write([&](WriteTransaction& txn) {
//     LabelId customer = graph->dictionary().intern(txn, NameKind::kLabel, "Customer");
//     NodeId ada = graph->create_node(txn, {customer}, {});
//   });
//
// Nothing here knows about queries.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <roaring/roaring64map.hh>
#include <span>
#include <vector>

#include "storage/adjacency.h"
#include "storage/audit_writer.h"
#include "storage/counters.h"
#include "storage/cursor.h"
#include "storage/dictionary.h"
#include "storage/environment.h"
#include "storage/id_space.h"
#include "storage/postings.h"
#include "storage/privacy_schema.h"
#include "storage/property_index.h"
#include "storage/record_codec.h"
#include "storage/value_cipher.h"

namespace guanxi::storage {

class Graph {
 public:
  // Opens the database in `dir` (created if missing, unless options say not).
  static std::unique_ptr<Graph> open(const std::filesystem::path& dir,
                                     const EnvironmentOptions& options = {});
  explicit Graph(std::unique_ptr<Environment> env);

  Environment& env() { return *env_; }
  Dictionary& dictionary() { return dictionary_; }
  Counters& counters() { return counters_; }
  Postings& postings() { return postings_; }
  PropertyIndexes& indexes() { return indexes_; }
  AdjacencyStore& adjacency() { return adjacency_; }
  // Appends the audit entries of reading statements in the background.
  AuditWriter& audit_writer() { return audit_writer_; }
  // Seals tagged values and opens them (value_cipher.h). Every write below
  // seals the values the tags of its transaction cover, so callers write
  // and read plain values; only the property reader opens them.
  ValueCipher& cipher() { return cipher_; }
  // The import's ID spaces (id_space.h).
  IdSpaces& id_spaces() { return id_spaces_; }

  ReadTransaction read() { return env_->read(); }
  // See Environment::write: body runs in one transaction, retried on map growth.
  template <typename Body>
  auto write(Body&& body) {
    return env_->write(std::forward<Body>(body));
  }

  // --- nodes -------------------------------------------------------------
  // Creates a node; labels and properties need not be sorted. Null property
  // values are dropped. Enforces unique constraints.
  NodeId create_node(WriteTransaction& txn, std::vector<LabelId> labels, PropertyList properties);
  std::optional<NodeRecord> get_node(const Transaction& txn, NodeId id);
  bool node_exists(const Transaction& txn, NodeId id);
  // Sets a property; a null value removes it. Throws kNotFound for a missing node.
  void set_node_property(WriteTransaction& txn, NodeId id, PropertyKeyId key, Value value);
  // Returns false if the node already had (add) or lacked (remove) the label.
  bool add_label(WriteTransaction& txn, NodeId id, LabelId label);
  bool remove_label(WriteTransaction& txn, NodeId id, LabelId label);
  // Deletes a node. With relationships it throws kHasRelationships, unless `detach`, which
  // deletes its relationships first. Throws kNotFound for a missing node.
  void delete_node(WriteTransaction& txn, NodeId id, bool detach = false);
  // Calls f(NodeId, std::string_view record bytes) for every node in id order;
  // decode with decode_node() when needed.
  template <typename F>
  void scan_nodes(const Transaction& txn, F&& f);
  Roaring64Map nodes_with_label(const Transaction& txn, LabelId label);
  std::uint64_t count_label(const Transaction& txn, LabelId label);

  // --- relationships --------------------------------------------------------------
  // Creates a relationship; both endpoints must exist (kNotFound otherwise).
  // Its entries in `out` and `in` are the relationship; only one with
  // properties also gets a record in `edges`, which holds them.
  RelationshipId create_relationship(WriteTransaction& txn, NodeId src, NodeId dst, TypeId type,
                                     PropertyList properties);
  // The relationship `ref` names with its properties, or nullopt when
  // adjacency does not hold it; kCorruption when its record is lost. `ref.type` may be wrong (a
  // relationship passed in from outside carries only its ends): then the start node's other types
  // are searched.
  std::optional<RelationshipRecord> get_relationship(const Transaction& txn,
                                                     const RelationshipRef& ref);
  // Sets a property; a null value removes it. A relationship left without
  // properties loses its record. Throws kNotFound for a missing relationship.
  void set_relationship_property(WriteTransaction& txn, const RelationshipRef& ref,
                                 PropertyKeyId key, Value value);
  // Deletes the relationship: both adjacency entries and any record. Throws
  // kNotFound for a missing relationship.
  void delete_relationship(WriteTransaction& txn, const RelationshipRef& ref);
  // Calls f(RelationshipId, std::string_view record bytes) for every
  // relationship that has a record (those with properties), in id order;
  // every relationship is in the `out` table (AdjacencyCursor).
  template <typename F>
  void scan_relationship_records(const Transaction& txn, F&& f);

  // --- tagged values -------------------------------------------------------
  // Seals the values tags in `txn` cover, and opens those no tag covers any
  // more, in every node with `label_or_type` (or relationship of that type,
  // by `entity`): what CREATE TAG and DROP TAG run after changing the
  // catalog. Index entries follow, and once the database has tags the
  // import's ID spaces are keyed by fingerprint (id_space.h). Returns the
  // number of records changed.
  std::uint64_t reseal(WriteTransaction& txn, TaggedEntity entity, std::uint32_t label_or_type);
  // Brings `record`'s values in line with the tags of `txn`: seals plain
  // values a tag covers, opens sealed values none covers (a value that does
  // not open is dropped). Returns whether anything changed. Every write
  // through Graph calls it; a writer that puts records past Graph (the bulk
  // import, the dump loader) must call it before the record reaches a page,
  // since a value written in the clear and sealed later leaves copies in the
  // file.
  bool seal_node(WriteTransaction& txn, NodeId id, NodeRecord& record);
  bool seal_relationship(WriteTransaction& txn, RelationshipId id, RelationshipRecord& record);
  // Deletes every sealed value of `subject`: its own and those of the
  // relationships it starts (their index and ID-space entries with them).
  // The node, its other properties and its relationships stay. Returns how
  // many values were deleted.
  std::uint64_t delete_sealed_values(WriteTransaction& txn, NodeId subject);

  // --- indexes -----------------------------------------------------------
  // See PropertyIndexes::create; an empty `name` gets a generated one.
  IndexInfo create_index(WriteTransaction& txn, LabelId label, PropertyKeyId key,
                         bool unique = false, std::string name = {}) {
    return indexes_.create(txn, label, key, unique, std::move(name));
  }
  void drop_index(WriteTransaction& txn, LabelId label, PropertyKeyId key) {
    indexes_.drop(txn, label, key);
  }
  // Drops the index or constraint named `name` (kNotFound if none).
  void drop_index(WriteTransaction& txn, std::string_view name) {
    indexes_.drop_by_name(txn, name);
  }

 private:
  void put_node(WriteTransaction& txn, NodeId id, const NodeRecord& record);
  template <typename F>
  void scan(const Transaction& txn, MDB_dbi dbi, F&& f);
  // Where adjacency holds `ref`: under which type (ref.type first) and
  // whether with a record; nullopt when it does not.
  struct StoredRelationship {
    TypeId type;
    bool has_record;
  };
  std::optional<StoredRelationship> stored(const Transaction& txn, const RelationshipRef& ref);
  // The relationship's record, or one without properties when it has none;
  // kCorruption when it should have one and does not.
  RelationshipRecord record_of(const Transaction& txn, const RelationshipRef& ref, bool has_record);

  std::unique_ptr<Environment> env_;
  Dictionary dictionary_;
  Counters counters_;
  Postings postings_;
  PropertyIndexes indexes_;
  AdjacencyStore adjacency_;
  ValueCipher cipher_;
  IdSpaces id_spaces_;
  // Last: destroyed first, writing out its entries while the environment is open.
  AuditWriter audit_writer_;
};

template <typename F>
void Graph::scan(const Transaction& txn, MDB_dbi dbi, F&& f) {
  Cursor cur(txn, dbi);
  MDB_val k, v;
  for (bool more = cur.get(k, v, MDB_FIRST); more; more = cur.get(k, v, MDB_NEXT)) {
    if (k.mv_size != 8) throw StorageError(ErrorCode::kCorruption, "record key of odd size");
    f(get_be64(k.mv_data), from_val(v));
  }
}

template <typename F>
void Graph::scan_nodes(const Transaction& txn, F&& f) {
  scan(txn, env_->dbi().nodes, std::forward<F>(f));
}

template <typename F>
void Graph::scan_relationship_records(const Transaction& txn, F&& f) {
  scan(txn, env_->dbi().relationships, std::forward<F>(f));
}

}  // namespace guanxi::storage
