// Counters: id allocation and the counts of nodes, relationships and relationships per type,
// kept in the `meta` table.
//
// A write transaction accumulates its changes in memory and writes them once,
// just before it commits, so a loop of small creates costs one meta write.
#pragma once

#include <cstdint>
#include <map>

#include "storage/environment.h"
#include "storage/ids.h"

namespace guanxi::storage {

class Counters {
 public:
  explicit Counters(Environment& env) : env_(env) {}

  // Reserves `n` consecutive fresh ids and returns the first.
  NodeId allocate_nodes(WriteTransaction& txn, std::uint64_t n = 1);
  RelationshipId allocate_relationships(WriteTransaction& txn, std::uint64_t n = 1);
  // The next id that will be allocated (= number of ids ever allocated).
  NodeId next_node_id(const Transaction& txn);
  RelationshipId next_relationship_id(const Transaction& txn);

  void add_nodes(WriteTransaction& txn, std::int64_t delta);
  void add_relationships(WriteTransaction& txn, TypeId type, std::int64_t delta);

  std::uint64_t node_count(const Transaction& txn);
  std::uint64_t relationship_count(const Transaction& txn);
  std::uint64_t relationship_count(const Transaction& txn, TypeId type);
  // Relationships per type id, for every type that has (or had) relationships.
  std::map<TypeId, std::uint64_t> relationship_counts_by_type(const Transaction& txn);

  // Bumped by every schema change (index created or dropped), so other
  // processes notice that their cached catalog is stale.
  std::uint64_t schema_version(const Transaction& txn);
  void bump_schema_version(WriteTransaction& txn);

 private:
  struct Pending;
  Pending& pending(WriteTransaction& txn);
  void flush(WriteTransaction& txn, Pending& p);
  std::uint64_t read_u64(const Transaction& txn, std::string_view key);

  Environment& env_;
};

}  // namespace guanxi::storage
