#include "query/property_reader.h"

#include <algorithm>
#include <chrono>
#include <cstring>

#include "query/privacy/access_decision.h"
#include "query/query_error.h"
#include "query/storage_error_translation.h"
#include "storage/keys.h"
#include "storage/opened_record_cache.h"

namespace guanxi::query {

PropertyReader::PropertyReader(storage::Graph& graph, const SessionOptions& session,
                               std::shared_ptr<ReadAudit> audit)
    : graph_(graph), session_(session), audit_(std::move(audit)) {}

PropertyReader::~PropertyReader() {
  if (audit_ && tally_) audit_->merge(*tally_);
}

PropertyReader::PropertyReader(PropertyReader&&) noexcept = default;

const AccessDecision& PropertyReader::access(const storage::Transaction& txn) {
  if (!access_) {
    const auto now = std::chrono::duration_cast<std::chrono::microseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    access_ = AccessDecision::decide(graph_, txn, session_, now);
  }
  return *access_;
}

std::shared_ptr<const AccessDecision> PropertyReader::shared_access(
    const storage::Transaction& txn) {
  access(txn);
  return access_;
}

void PropertyReader::note(const std::string& tag, storage::NodeId subject, bool masked) {
  if (!audit_) return;
  if (!tally_) tally_ = std::make_unique<ReadTally>();
  tally_->note(tag, subject, masked);
}

bool PropertyReader::hidden(const storage::Transaction& txn, storage::NodeId node) {
  return access(txn).hidden(node);
}

bool PropertyReader::reads_masked(const storage::Transaction& txn, NodeRef node,
                                  storage::PropertyKeyId key) {
  const AccessDecision& decision = access(txn);
  if (!decision.active() || !decision.tagged(key)) return false;
  const storage::NodeRecord* record = node_record(txn, node.id);
  return record && decision.node_mask(record->labels, node.id, key) != nullptr;
}

bool PropertyReader::reads_masked(const storage::Transaction& txn, const RelRef& rel,
                                  storage::PropertyKeyId key) {
  const AccessDecision& decision = access(txn);
  if (!decision.active() || !decision.tagged(key)) return false;
  const storage::RelationshipRecord* record = relationship_record(txn, rel);
  return record &&
         decision.relationship_mask(record->type, record->src, record->dst, key) != nullptr;
}

Value PropertyReader::node_value(const storage::Transaction& txn, storage::NodeId node,
                                 const storage::NodeRecord& record, storage::PropertyKeyId key,
                                 const storage::Value* stored) {
  if (!stored) return Value();
  const AccessDecision& decision = access(txn);
  std::optional<storage::Value> opened;
  if (stored->type() == storage::ValueType::kSealed) {
    // A value whose key is gone (erased) reads as absent for everyone.
    opened = graph_.cipher().unseal(txn, storage::SealedEntity::kNode, node, node, key,
                                    stored->as_sealed());
    if (!opened) return Value();
    stored = &*opened;
  }
  if (decision.active()) {
    const AccessDecision::TaggedRead read = decision.node_read(record.labels, node, key);
    if (read.tag) {
      note(*read.tag, node, read.mask != nullptr);
      if (read.mask) return decision.apply(*read.mask, from_storage(*stored));
    }
  }
  return from_storage(*stored);
}

Value PropertyReader::relationship_value(const storage::Transaction& txn,
                                         storage::RelationshipId id,
                                         const storage::RelationshipRecord& record,
                                         storage::PropertyKeyId key, const storage::Value* stored) {
  if (!stored) return Value();
  const AccessDecision& decision = access(txn);
  std::optional<storage::Value> opened;
  if (stored->type() == storage::ValueType::kSealed) {
    opened = graph_.cipher().unseal(txn, storage::SealedEntity::kRelationship, id, record.src, key,
                                    stored->as_sealed());
    if (!opened) return Value();
    stored = &*opened;
  }
  if (decision.active()) {
    const AccessDecision::TaggedRead read =
        decision.relationship_read(record.type, record.src, record.dst, key);
    if (read.tag) {
      // A relationship's tagged value belongs to its start node.
      note(*read.tag, record.src, read.mask != nullptr);
      if (read.mask) return decision.apply(*read.mask, from_storage(*stored));
    }
  }
  return from_storage(*stored);
}

template <typename Record, typename Decode, typename Missing>
const Record* PropertyReader::cached_record(const storage::Transaction& txn,
                                            CachedRecord<Record>& cache, MDB_dbi dbi,
                                            std::uint64_t id, Decode&& decode,
                                            Missing&& missing_in_read) {
  const bool in_write = txn.is_write();
  const std::uint64_t snapshot = in_write ? 0 : mdb_txn_id(txn.raw());
  if (!in_write && cache.holds(id, snapshot)) return cache.exists ? &cache.record : nullptr;
  std::optional<std::string_view> bytes;
  try {
    bytes = txn.get(dbi, storage::IdKey(id).view());
  } catch (const storage::StorageError& e) {
    throw query_error_from(e);
  }
  // In a write transaction the statement may have changed the record since:
  // reuse the decoded one only while the stored bytes are unchanged.
  if (cache.valid && in_write && cache.in_write && cache.id == id) {
    if (!bytes && !cache.exists) return nullptr;
    if (bytes && cache.exists && bytes->size() == cache.bytes.size() &&
        std::memcmp(bytes->data(), cache.bytes.data(), bytes->size()) == 0) {
      return &cache.record;
    }
  }
  cache.valid = false;
  // In a write transaction the statement may have deleted it; in a read
  // snapshot the caller judges (a node without one is damage).
  if (!bytes && !in_write) missing_in_read();
  if (bytes) {
    try {
      cache.record = decode(*bytes, id);
    } catch (const storage::StorageError& e) {
      throw query_error_from(e);
    }
    if (in_write) cache.bytes.assign(bytes->data(), bytes->size());
  }
  cache.valid = true;
  cache.opened = false;
  cache.id = id;
  cache.in_write = in_write;
  cache.snapshot = snapshot;
  cache.exists = bytes.has_value();
  return cache.exists ? &cache.record : nullptr;
}

const storage::NodeRecord* PropertyReader::node_record(const storage::Transaction& txn,
                                                       storage::NodeId id) {
  CachedRecord<storage::NodeRecord>& cache = node_cache_[id % node_cache_.size()];
  if (!txn.is_write()) {
    const std::uint64_t snapshot = mdb_txn_id(txn.raw());
    if (cache.holds(id, snapshot)) return cache.exists ? &cache.record : nullptr;
    bool found = false;
    try {
      found = graph_.cipher().opened_records().find(snapshot, id, &cache.record);
    } catch (const storage::StorageError& e) {
      throw query_error_from(e);
    }
    if (found) {
      cache.valid = true;
      cache.opened = true;
      cache.id = id;
      cache.in_write = false;
      cache.snapshot = snapshot;
      cache.exists = true;
      return &cache.record;
    }
  }
  return cached_record(
      txn, cache, graph_.env().dbi().nodes, id,
      [](std::string_view b, storage::NodeId i) { return storage::decode_node(b, i); },
      [id] { throw missing_record_error("node", id); });
}

const storage::NodeRecord* PropertyReader::opened_node_record(const storage::Transaction& txn,
                                                              storage::NodeId id) {
  CachedRecord<storage::NodeRecord>& cache = node_cache_[id % node_cache_.size()];
  if (cache.opened) return &cache.record;
  storage::NodeRecord opened;
  opened.labels = cache.record.labels;
  opened.properties.reserve(cache.record.properties.size());
  for (const storage::Property& p : cache.record.properties) {
    if (p.value.type() != storage::ValueType::kSealed) {
      opened.properties.push_back(p);
      continue;
    }
    // A value whose key is gone (erased) reads as absent for everyone.
    std::optional<storage::Value> plain = graph_.cipher().unseal(
        txn, storage::SealedEntity::kNode, id, id, p.key, p.value.as_sealed());
    if (plain) opened.properties.push_back(storage::Property{p.key, std::move(*plain)});
  }
  cache.record = std::move(opened);
  cache.opened = true;
  graph_.cipher().opened_records().remember(cache.snapshot, id, cache.record);
  return &cache.record;
}

const storage::RelationshipRecord* PropertyReader::relationship_record(
    const storage::Transaction& txn, const RelRef& rel) {
  // Most relationships have no record, and the adjacency entry a read
  // snapshot found one in says so. A write may have given it one since.
  if (rel.record == storage::RecordHint::kNone && !txn.is_write()) return nullptr;
  const auto missing_in_read = [&] {
    if (rel.record == storage::RecordHint::kPresent)
      throw missing_record_error("relationship", rel.id);
    stored_relationship(txn, rel);
  };
  return cached_record(
      txn, relationship_cache_[rel.id % relationship_cache_.size()],
      graph_.env().dbi().relationships, rel.id,
      [](std::string_view b, storage::RelationshipId i) {
        return storage::decode_relationship(b, i);
      },
      missing_in_read);
}

std::optional<storage::PropertyKeyId> PropertyReader::property_key_id(
    const storage::Transaction& txn, std::string_view key) {
  if (auto it = key_ids_.find(key); it != key_ids_.end()) return it->second;
  const bool in_write = txn.is_write();
  const std::uint64_t snapshot = in_write ? 0 : mdb_txn_id(txn.raw());
  if (!in_write) {
    if (snapshot != missing_snapshot_) {
      missing_keys_.clear();
      missing_snapshot_ = snapshot;
    }
    if (missing_keys_.find(key) != missing_keys_.end()) return std::nullopt;
  }
  std::optional<std::uint32_t> id;
  try {
    id = graph_.dictionary().find(txn, storage::NameKind::kPropertyKey, key);
  } catch (const storage::StorageError& e) {
    throw query_error_from(e);
  }
  if (id) {
    key_ids_.emplace(std::string(key), *id);
  } else if (!in_write) {
    missing_keys_.emplace(key);
  }
  return id;
}

const std::string& PropertyReader::name_of(const storage::Transaction& txn,
                                           std::vector<std::string>& names, storage::NameKind kind,
                                           std::uint32_t id) {
  if (id >= names.size()) names.resize(static_cast<std::size_t>(id) + 1);
  std::string& name = names[id];
  if (name.empty()) {
    try {
      name = graph_.dictionary().name(txn, kind, id);
    } catch (const storage::StorageError& e) {
      throw query_error_from(e);
    }
  }
  return name;
}

Value PropertyReader::node_property(const storage::Transaction& txn, NodeRef node,
                                    std::string_view key) {
  const auto id = property_key_id(txn, key);
  return id ? node_property(txn, node, *id) : Value();
}

Value PropertyReader::node_property(const storage::Transaction& txn, NodeRef node,
                                    storage::PropertyKeyId key) {
  const storage::NodeRecord* record = node_record(txn, node.id);
  if (!record) return Value();
  const storage::Value* stored = storage::find_property(record->properties, key);
  if (stored && stored->type() == storage::ValueType::kSealed && !txn.is_write()) {
    record = opened_node_record(txn, node.id);
    stored = storage::find_property(record->properties, key);
  }
  return node_value(txn, node.id, *record, key, stored);
}

Value PropertyReader::relationship_property(const storage::Transaction& txn, const RelRef& rel,
                                            std::string_view key) {
  const auto id = property_key_id(txn, key);
  return id ? relationship_property(txn, rel, *id) : Value();
}

Value PropertyReader::relationship_property(const storage::Transaction& txn, const RelRef& rel,
                                            storage::PropertyKeyId key) {
  const storage::RelationshipRecord* record = relationship_record(txn, rel);
  if (!record) return Value();
  return relationship_value(txn, rel.id, *record, key,
                            storage::find_property(record->properties, key));
}

Map PropertyReader::properties_map(const storage::Transaction& txn,
                                   const storage::PropertyList& properties,
                                   const std::function<Value(const storage::Property&)>& read) {
  Map out;
  out.reserve(properties.size());
  for (const auto& p : properties) {
    Value value = read(p);
    // A tagged value masked to null is absent, as a null property is.
    if (value.is_null()) continue;
    out.emplace_back(name_of(txn, key_names_, storage::NameKind::kPropertyKey, p.key),
                     std::move(value));
  }
  // Records keep properties in key-id order; a map is in name order.
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

Map PropertyReader::node_properties(const storage::Transaction& txn, NodeRef node) {
  const storage::NodeRecord* record = node_record(txn, node.id);
  if (!record) return Map();
  const bool sealed = std::any_of(
      record->properties.begin(), record->properties.end(),
      [](const storage::Property& p) { return p.value.type() == storage::ValueType::kSealed; });
  if (sealed && !txn.is_write()) record = opened_node_record(txn, node.id);
  return properties_map(txn, record->properties, [&](const storage::Property& p) {
    return node_value(txn, node.id, *record, p.key, &p.value);
  });
}

Map PropertyReader::relationship_properties(const storage::Transaction& txn, const RelRef& rel) {
  const storage::RelationshipRecord* record = relationship_record(txn, rel);
  if (!record) return Map();
  return properties_map(txn, record->properties, [&](const storage::Property& p) {
    return relationship_value(txn, rel.id, *record, p.key, &p.value);
  });
}

bool PropertyReader::deleted(const storage::Transaction& txn, NodeRef node) {
  return txn.is_write() && node_record(txn, node.id) == nullptr;
}

bool PropertyReader::deleted(const storage::Transaction& txn, const RelRef& rel) {
  if (!txn.is_write()) return false;
  try {
    return !graph_.get_relationship(txn, rel).has_value();
  } catch (const storage::StorageError& e) {
    throw query_error_from(e);
  }
}

List PropertyReader::node_labels(const storage::Transaction& txn, NodeRef node) {
  const storage::NodeRecord* record = node_record(txn, node.id);
  if (!record) return {};
  std::vector<std::string> names;
  names.reserve(record->labels.size());
  for (storage::LabelId l : record->labels) {
    names.push_back(name_of(txn, label_names_, storage::NameKind::kLabel, l));
  }
  std::sort(names.begin(), names.end());
  List out;
  out.reserve(names.size());
  for (auto& n : names) out.emplace_back(std::move(n));
  return out;
}

std::string PropertyReader::relationship_type(const storage::Transaction& txn, const RelRef& rel) {
  const storage::TypeId type =
      rel.type == storage::kUnknownType ? stored_relationship(txn, rel).type : rel.type;
  return name_of(txn, type_names_, storage::NameKind::kType, type);
}

storage::RelationshipRecord PropertyReader::stored_relationship(const storage::Transaction& txn,
                                                                const RelRef& rel) {
  std::optional<storage::RelationshipRecord> stored;
  try {
    stored = graph_.get_relationship(txn, rel);
  } catch (const storage::StorageError& e) {
    throw query_error_from(e);
  }
  if (!stored) throw missing_record_error("relationship", rel.id);
  return std::move(*stored);
}

}  // namespace guanxi::query
