#include "storage/graph.h"

#include <algorithm>

#include "storage/erasure.h"
#include "storage/keys.h"
#include "storage/privacy_catalog.h"
#include "storage/tagged_properties.h"

namespace guanxi::storage {

namespace {

void normalize(std::vector<LabelId>& labels) {
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
}

// Sorts by key; for a repeated key the last value wins; nulls are dropped.
void normalize(PropertyList& props) {
  std::stable_sort(props.begin(), props.end(),
                   [](const Property& a, const Property& b) { return a.key < b.key; });
  PropertyList out;
  out.reserve(props.size());
  for (auto& p : props) {
    if (!out.empty() && out.back().key == p.key) out.pop_back();
    out.push_back(std::move(p));
  }
  std::erase_if(out, [](const Property& p) { return p.value.is_null(); });
  props = std::move(out);
}

// The tags of one write transaction, read again only when its privacy
// catalog changed (a CREATE TAG earlier in the same transaction).
struct TransactionTags {
  std::uint64_t version = ~std::uint64_t{0};
  TaggedProperties tagged;
};

const TaggedProperties& tags_of(WriteTransaction& txn) {
  auto& cached = txn.attachment<TransactionTags>();
  const std::uint64_t version = privacy_version(txn);
  if (version != cached.version) {
    cached.tagged = version == 0 ? TaggedProperties() : TaggedProperties(read_privacy_schema(txn));
    cached.version = version;
  }
  return cached.tagged;
}

bool holds_sealed(const PropertyList& props) {
  return std::any_of(props.begin(), props.end(),
                     [](const Property& p) { return p.value.type() == ValueType::kSealed; });
}

// Seals the plain values of `props` that `tagged(key)` covers and opens the
// sealed ones it does not (a value that does not open is dropped), as
// property values of entity `id` belonging to `subject`. Returns whether
// anything changed.
template <typename Tagged>
bool align_with_tags(ValueCipher& cipher, WriteTransaction& txn, SealedEntity entity,
                     std::uint64_t id, NodeId subject, PropertyList& props, Tagged&& tagged) {
  bool changed = false, dropped = false;
  for (Property& p : props) {
    const bool covered = tagged(p.key);
    if (covered == (p.value.type() == ValueType::kSealed)) continue;
    changed = true;
    if (covered) {
      p.value = cipher.seal(txn, entity, id, subject, p.key, p.value);
    } else {
      auto plain = cipher.unseal(txn, entity, id, subject, p.key, p.value.as_sealed());
      p.value = plain ? std::move(*plain) : Value();
      dropped = dropped || !plain;
    }
  }
  if (dropped) std::erase_if(props, [](const Property& p) { return p.value.is_null(); });
  return changed;
}

[[noreturn]] void missing(const char* what, std::uint64_t id) {
  throw StorageError(ErrorCode::kNotFound,
                     std::string(what) + " " + std::to_string(id) + " does not exist");
}

}  // namespace

std::unique_ptr<Graph> Graph::open(const std::filesystem::path& dir,
                                   const EnvironmentOptions& options) {
  auto graph = std::make_unique<Graph>(Environment::open(dir, options));
  if (!options.read_only && !options.allow_older_format) {
    // A database or key store restored from an older copy must not bring
    // an erased value back (erasure.h). Checked read-only first, so an
    // open waits for a writer elsewhere only when there is work to do. A
    // missing key file is not this open's to report: each statement does.
    try {
      bool differ = false;
      {
        ReadTransaction txn = graph->read();
        differ = erasures_differ(*graph, txn);
      }
      if (differ) graph->write([&](WriteTransaction& txn) { reconcile_erasures(*graph, txn); });
    } catch (const StorageError& e) {
      if (e.code() != ErrorCode::kNotFound && e.code() != ErrorCode::kInvalidArgument) throw;
    }
  }
  return graph;
}

Graph::Graph(std::unique_ptr<Environment> env)
    : env_(std::move(env)),
      dictionary_(*env_),
      counters_(*env_),
      postings_(*env_),
      indexes_(*env_, dictionary_, counters_),
      adjacency_(*env_),
      cipher_(*env_),
      id_spaces_(*env_, cipher_),
      audit_writer_(*env_) {}

bool Graph::seal_node(WriteTransaction& txn, NodeId id, NodeRecord& record) {
  const TaggedProperties& tags = tags_of(txn);
  if (tags.empty() && !holds_sealed(record.properties)) return false;
  return align_with_tags(cipher_, txn, SealedEntity::kNode, id, id, record.properties,
                         [&](PropertyKeyId key) { return tags.node_property(record.labels, key); });
}

bool Graph::seal_relationship(WriteTransaction& txn, RelationshipId id,
                              RelationshipRecord& record) {
  const TaggedProperties& tags = tags_of(txn);
  if (tags.empty() && !holds_sealed(record.properties)) return false;
  return align_with_tags(
      cipher_, txn, SealedEntity::kRelationship, id, record.src, record.properties,
      [&](PropertyKeyId key) { return tags.relationship_property(record.type, key); });
}

std::uint64_t Graph::reseal(WriteTransaction& txn, TaggedEntity entity,
                            std::uint32_t label_or_type) {
  // Before any value is sealed: the ids the import kept may be those values.
  if (!tags_of(txn).empty()) id_spaces_.key_by_fingerprint(txn);
  std::uint64_t changed = 0;
  if (entity == TaggedEntity::kNode) {
    for (NodeId id : nodes_with_label(txn, label_or_type)) {
      auto before = get_node(txn, id);
      if (!before) continue;
      NodeRecord after = *before;
      if (!seal_node(txn, id, after)) continue;
      indexes_.update(txn, id, &*before, &after);
      put_node(txn, id, after);
      ++changed;
    }
    return changed;
  }
  std::vector<std::pair<RelationshipId, RelationshipRecord>> updates;
  scan_relationship_records(txn, [&](RelationshipId id, std::string_view bytes) {
    if (decode_relationship_endpoints(bytes, id).type != label_or_type) return;
    RelationshipRecord record = decode_relationship(bytes, id);
    if (seal_relationship(txn, id, record)) updates.emplace_back(id, std::move(record));
  });
  for (const auto& [id, record] : updates)
    txn.put(env_->dbi().relationships, IdKey(id).view(), encode_relationship(record));
  return updates.size();
}

std::uint64_t Graph::delete_sealed_values(WriteTransaction& txn, NodeId subject) {
  std::uint64_t deleted = 0;
  auto unsealed = [&](PropertyList& props) {
    const auto before = props.size();
    std::erase_if(props, [](const Property& p) { return p.value.type() == ValueType::kSealed; });
    deleted += before - props.size();
    return before != props.size();
  };
  if (auto before = get_node(txn, subject)) {
    id_spaces_.erase_sealed_ids(txn, before->properties, subject);
    NodeRecord after = *before;
    if (unsealed(after.properties)) {
      indexes_.update(txn, subject, &*before, &after);
      put_node(txn, subject, after);
    }
  }
  std::vector<RelationshipId> started;
  for (const auto& e : neighbours(txn, subject, Direction::kOut)) {
    if (e.has_record()) started.push_back(e.relationship());
  }
  for (RelationshipId id : started) {
    // Only relationships with properties have a record to hold a sealed value.
    const auto bytes = txn.get(env_->dbi().relationships, IdKey(id).view());
    if (!bytes) continue;
    RelationshipRecord record = decode_relationship(*bytes, id);
    if (record.src == subject && unsealed(record.properties))
      txn.put(env_->dbi().relationships, IdKey(id).view(), encode_relationship(record));
  }
  return deleted;
}

void Graph::put_node(WriteTransaction& txn, NodeId id, const NodeRecord& record) {
  txn.put(env_->dbi().nodes, IdKey(id).view(), encode_node(record));
}

NodeId Graph::create_node(WriteTransaction& txn, std::vector<LabelId> labels,
                          PropertyList properties) {
  NodeRecord rec{std::move(labels), std::move(properties)};
  normalize(rec.labels);
  normalize(rec.properties);
  std::string bytes = encode_node(rec);  // validates before anything is written
  const NodeId id = counters_.allocate_nodes(txn);
  if (seal_node(txn, id, rec)) bytes = encode_node(rec);
  indexes_.update(txn, id, nullptr, &rec);  // enforces unique constraints first
  // Ids only grow, so the new key is always the last: append.
  txn.put(env_->dbi().nodes, IdKey(id).view(), bytes, MDB_APPEND);
  for (LabelId l : rec.labels) postings_.add(txn, SetKey{SetKind::kLabel, l}, id);
  counters_.add_nodes(txn, 1);
  return id;
}

std::optional<NodeRecord> Graph::get_node(const Transaction& txn, NodeId id) {
  auto bytes = txn.get(env_->dbi().nodes, IdKey(id).view());
  if (!bytes) return std::nullopt;
  return decode_node(*bytes, id);
}

bool Graph::node_exists(const Transaction& txn, NodeId id) {
  return txn.get(env_->dbi().nodes, IdKey(id).view()).has_value();
}

void Graph::set_node_property(WriteTransaction& txn, NodeId id, PropertyKeyId key, Value value) {
  auto before = get_node(txn, id);
  if (!before) missing("node", id);
  NodeRecord after = *before;
  set_property(after.properties, key, std::move(value));
  if (after == *before) return;
  std::string bytes = encode_node(after);  // validates the plain value
  if (seal_node(txn, id, after)) bytes = encode_node(after);
  indexes_.update(txn, id, &*before, &after);
  txn.put(env_->dbi().nodes, IdKey(id).view(), bytes);
}

bool Graph::add_label(WriteTransaction& txn, NodeId id, LabelId label) {
  auto before = get_node(txn, id);
  if (!before) missing("node", id);
  if (std::binary_search(before->labels.begin(), before->labels.end(), label)) return false;
  NodeRecord after = *before;
  after.labels.insert(std::lower_bound(after.labels.begin(), after.labels.end(), label), label);
  seal_node(txn, id, after);  // the new label's tags may cover more
  indexes_.update(txn, id, &*before, &after);
  put_node(txn, id, after);
  postings_.add(txn, SetKey{SetKind::kLabel, label}, id);
  return true;
}

bool Graph::remove_label(WriteTransaction& txn, NodeId id, LabelId label) {
  auto before = get_node(txn, id);
  if (!before) missing("node", id);
  auto it = std::lower_bound(before->labels.begin(), before->labels.end(), label);
  if (it == before->labels.end() || *it != label) return false;
  NodeRecord after = *before;
  after.labels.erase(after.labels.begin() + (it - before->labels.begin()));
  seal_node(txn, id, after);  // values only the removed label's tags covered open
  indexes_.update(txn, id, &*before, &after);
  put_node(txn, id, after);
  postings_.remove(txn, SetKey{SetKind::kLabel, label}, id);
  return true;
}

void Graph::delete_node(WriteTransaction& txn, NodeId id, bool detach) {
  auto before = get_node(txn, id);
  if (!before) missing("node", id);
  const std::uint64_t attached = degree(txn, id, Direction::kBoth);
  if (attached > 0) {
    if (!detach) {
      throw StorageError(ErrorCode::kHasRelationships,
                         "cannot delete node " + std::to_string(id) + ": it still has " +
                             std::to_string(attached) +
                             (attached == 1 ? " relationship" : " relationships") +
                             "; delete them first or detach it");
    }
    std::vector<RelationshipRef> relationships;
    AdjacencyCursor out(txn, Direction::kOut);
    out.for_each_batch(id, {}, [&](TypeId type, std::span<const AdjacencyEntry> batch) {
      for (const auto& e : batch) relationships.push_back({e.relationship(), id, e.other(), type});
    });
    AdjacencyCursor in(txn, Direction::kIn);
    in.for_each_batch(id, {}, [&](TypeId type, std::span<const AdjacencyEntry> batch) {
      for (const auto& e : batch) {
        if (e.other() != id) relationships.push_back({e.relationship(), e.other(), id, type});
      }  // a self loop is in both lists: deleted once, from the out list
    });
    for (const RelationshipRef& r : relationships) delete_relationship(txn, r);
  }
  indexes_.update(txn, id, &*before, nullptr);
  for (LabelId l : before->labels) postings_.remove(txn, SetKey{SetKind::kLabel, l}, id);
  txn.del(env_->dbi().nodes, IdKey(id).view());
  counters_.add_nodes(txn, -1);
}

Roaring64Map Graph::nodes_with_label(const Transaction& txn, LabelId label) {
  return postings_.load(txn, SetKey{SetKind::kLabel, label});
}

std::uint64_t Graph::count_label(const Transaction& txn, LabelId label) {
  return postings_.cardinality(txn, SetKey{SetKind::kLabel, label});
}

RelationshipId Graph::create_relationship(WriteTransaction& txn, NodeId src, NodeId dst,
                                          TypeId type, PropertyList properties) {
  if (!node_exists(txn, src)) missing("start node", src);
  if (!node_exists(txn, dst)) missing("end node", dst);
  RelationshipRecord rec{src, dst, type, std::move(properties)};
  normalize(rec.properties);
  std::string bytes = encode_relationship(rec);  // validates before anything is written
  const RelationshipId id = counters_.allocate_relationships(txn);
  const bool has_record = !rec.properties.empty();
  if (has_record) {
    if (seal_relationship(txn, id, rec)) bytes = encode_relationship(rec);
    txn.put(env_->dbi().relationships, IdKey(id).view(), bytes, MDB_APPEND);
  }
  adjacency_.insert(txn, src, dst, type, id, has_record);
  counters_.add_relationships(txn, type, 1);
  return id;
}

std::optional<Graph::StoredRelationship> Graph::stored(const Transaction& txn,
                                                       const RelationshipRef& ref) {
  AdjacencyCursor out(txn, Direction::kOut);
  if (const auto e = out.find(ref.src, ref.type, ref.dst, ref.id))
    return StoredRelationship{ref.type, e->has_record()};
  std::optional<StoredRelationship> found;
  out.for_each_batch(ref.src, {}, [&](TypeId type, std::span<const AdjacencyEntry> batch) {
    const auto at =
        std::lower_bound(batch.begin(), batch.end(), AdjacencyEntry::make(ref.dst, ref.id, false));
    if (!found && at != batch.end() && at->other() == ref.dst && at->relationship() == ref.id)
      found = StoredRelationship{type, at->has_record()};
  });
  return found;
}

RelationshipRecord Graph::record_of(const Transaction& txn, const RelationshipRef& ref,
                                    bool has_record) {
  if (!has_record) return RelationshipRecord{ref.src, ref.dst, ref.type, {}};
  const auto bytes = txn.get(env_->dbi().relationships, IdKey(ref.id).view());
  if (!bytes) {
    throw StorageError(ErrorCode::kCorruption, "relationship " + std::to_string(ref.id) +
                                                   " has properties but its record is missing");
  }
  return decode_relationship(*bytes, ref.id);
}

std::optional<RelationshipRecord> Graph::get_relationship(const Transaction& txn,
                                                          const RelationshipRef& ref) {
  const std::optional<StoredRelationship> at = stored(txn, ref);
  if (!at) return std::nullopt;
  return record_of(txn, RelationshipRef{ref.id, ref.src, ref.dst, at->type}, at->has_record);
}

void Graph::set_relationship_property(WriteTransaction& txn, const RelationshipRef& ref,
                                      PropertyKeyId key, Value value) {
  const std::optional<StoredRelationship> at = stored(txn, ref);
  if (!at) missing("relationship", ref.id);
  const RelationshipRef where{ref.id, ref.src, ref.dst, at->type};
  RelationshipRecord rec = record_of(txn, where, at->has_record);
  set_property(rec.properties, key, std::move(value));
  const IdKey record_key(ref.id);
  const bool has_record = !rec.properties.empty();
  if (has_record) {
    encode_relationship(rec);  // validates the plain value before sealing
    seal_relationship(txn, ref.id, rec);
    txn.put(env_->dbi().relationships, record_key.view(), encode_relationship(rec));
  } else if (at->has_record) {
    txn.del(env_->dbi().relationships, record_key.view());
  }
  if (has_record != at->has_record)
    adjacency_.insert(txn, ref.src, ref.dst, at->type, ref.id, has_record);
}

void Graph::delete_relationship(WriteTransaction& txn, const RelationshipRef& ref) {
  const std::optional<StoredRelationship> at = stored(txn, ref);
  if (!at) missing("relationship", ref.id);
  adjacency_.erase(txn, ref.src, ref.dst, at->type, ref.id);
  if (at->has_record) txn.del(env_->dbi().relationships, IdKey(ref.id).view());
  counters_.add_relationships(txn, at->type, -1);
}

}  // namespace guanxi::storage
