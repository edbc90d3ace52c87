#include "storage/counters.h"

#include "storage/bytes.h"
#include "storage/cursor.h"

namespace guanxi::storage {

namespace {
constexpr std::string_view kNextNode = "next_node";
constexpr std::string_view kNextRelationship = "next_edge";
constexpr std::string_view kNodeCount = "node_count";
constexpr std::string_view kRelationshipCount = "edge_count";
constexpr std::string_view kSchemaVersion = "schema_version";

std::string type_count_key(TypeId type) {
  std::string k = "type_count/";
  k.resize(k.size() + 4);
  put_be32(k.data() + k.size() - 4, type);
  return k;
}
}  // namespace

struct Counters::Pending {
  bool loaded = false;
  bool hooked = false;
  std::uint64_t next_node = 0, next_relationship = 0;
  std::int64_t nodes = 0, relationships = 0;
  std::map<TypeId, std::int64_t> by_type;
  bool dirty_next = false;
};

std::uint64_t Counters::read_u64(const Transaction& txn, std::string_view key) {
  auto v = txn.get(env_.dbi().meta, key);
  if (!v) return 0;
  if (v->size() != 8) {
    throw StorageError(ErrorCode::kCorruption,
                       "meta counter '" + std::string(key) + "' is damaged");
  }
  return get_be64(v->data());
}

Counters::Pending& Counters::pending(WriteTransaction& txn) {
  Pending& p = txn.attachment<Pending>();
  if (!p.loaded) {
    p.loaded = true;
    p.next_node = read_u64(txn, kNextNode);
    p.next_relationship = read_u64(txn, kNextRelationship);
  }
  if (!p.hooked) {
    p.hooked = true;
    // Bound to the environment, not to this object, like every store's hook.
    txn.before_commit([env = &env_, &txn, &p] { Counters(*env).flush(txn, p); });
  }
  return p;
}

void Counters::flush(WriteTransaction& txn, Pending& p) {
  auto put = [&](std::string_view key, std::uint64_t v) {
    char buf[8];
    put_be64(buf, v);
    txn.put(env_.dbi().meta, key, std::string_view(buf, 8));
  };
  if (p.dirty_next) {
    put(kNextNode, p.next_node);
    put(kNextRelationship, p.next_relationship);
  }
  if (p.nodes != 0) put(kNodeCount, read_u64(txn, kNodeCount) + p.nodes);
  if (p.relationships != 0)
    put(kRelationshipCount, read_u64(txn, kRelationshipCount) + p.relationships);
  for (auto [type, delta] : p.by_type) {
    if (delta != 0) {
      const std::string key = type_count_key(type);
      put(key, read_u64(txn, key) + delta);
    }
  }
  p.nodes = p.relationships = 0;
  p.by_type.clear();
  p.dirty_next = false;
}

NodeId Counters::allocate_nodes(WriteTransaction& txn, std::uint64_t n) {
  Pending& p = pending(txn);
  const NodeId first = p.next_node;
  p.next_node += n;
  p.dirty_next = true;
  return first;
}

RelationshipId Counters::allocate_relationships(WriteTransaction& txn, std::uint64_t n) {
  Pending& p = pending(txn);
  const RelationshipId first = p.next_relationship;
  p.next_relationship += n;
  p.dirty_next = true;
  return first;
}

NodeId Counters::next_node_id(const Transaction& txn) {
  if (txn.is_write()) return pending(*txn.as_write()).next_node;
  return read_u64(txn, kNextNode);
}

RelationshipId Counters::next_relationship_id(const Transaction& txn) {
  if (txn.is_write()) return pending(*txn.as_write()).next_relationship;
  return read_u64(txn, kNextRelationship);
}

void Counters::add_nodes(WriteTransaction& txn, std::int64_t delta) { pending(txn).nodes += delta; }

void Counters::add_relationships(WriteTransaction& txn, TypeId type, std::int64_t delta) {
  Pending& p = pending(txn);
  p.relationships += delta;
  p.by_type[type] += delta;
}

std::uint64_t Counters::node_count(const Transaction& txn) {
  std::int64_t pending_delta = 0;
  if (txn.is_write()) pending_delta = pending(*txn.as_write()).nodes;
  return read_u64(txn, kNodeCount) + pending_delta;
}

std::uint64_t Counters::relationship_count(const Transaction& txn) {
  std::int64_t pending_delta = 0;
  if (txn.is_write()) pending_delta = pending(*txn.as_write()).relationships;
  return read_u64(txn, kRelationshipCount) + pending_delta;
}

std::uint64_t Counters::relationship_count(const Transaction& txn, TypeId type) {
  std::int64_t pending_delta = 0;
  if (txn.is_write()) {
    auto& p = pending(*txn.as_write());
    if (auto it = p.by_type.find(type); it != p.by_type.end()) pending_delta = it->second;
  }
  return read_u64(txn, type_count_key(type)) + pending_delta;
}

std::map<TypeId, std::uint64_t> Counters::relationship_counts_by_type(const Transaction& txn) {
  std::map<TypeId, std::uint64_t> out;
  Cursor cur(txn, env_.dbi().meta);
  const std::string prefix = "type_count/";
  MDB_val k, v;
  for (bool more = cur.seek(prefix, k, v);
       more && k.mv_size == prefix.size() + 4 &&
       std::memcmp(k.mv_data, prefix.data(), prefix.size()) == 0;
       more = cur.get(k, v, MDB_NEXT)) {
    if (v.mv_size == 8) {
      out[get_be32(static_cast<const char*>(k.mv_data) + prefix.size())] = get_be64(v.mv_data);
    }
  }
  if (txn.is_write()) {
    auto& p = pending(*txn.as_write());
    for (auto [t, d] : p.by_type) out[t] += d;
  }
  return out;
}

std::uint64_t Counters::schema_version(const Transaction& txn) {
  return read_u64(txn, kSchemaVersion);
}

void Counters::bump_schema_version(WriteTransaction& txn) {
  char buf[8];
  put_be64(buf, read_u64(txn, kSchemaVersion) + 1);
  txn.put(env_.dbi().meta, kSchemaVersion, std::string_view(buf, 8));
}

}  // namespace guanxi::storage
