#include "storage/graph.h"

#include <algorithm>

#include "storage/keys.h"

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

[[noreturn]] void missing(const char* what, std::uint64_t id) {
  throw StorageError(ErrorCode::kNotFound,
                     std::string(what) + " " + std::to_string(id) + " does not exist");
}

}  // namespace

std::unique_ptr<Graph> Graph::open(const std::filesystem::path& dir,
                                   const EnvironmentOptions& options) {
  return std::make_unique<Graph>(Environment::open(dir, options));
}

Graph::Graph(std::unique_ptr<Environment> env)
    : env_(std::move(env)),
      dictionary_(*env_),
      counters_(*env_),
      postings_(*env_),
      indexes_(*env_, dictionary_, counters_),
      adjacency_(*env_),
      audit_writer_(*env_) {}

void Graph::put_node(WriteTransaction& txn, NodeId id, const NodeRecord& record) {
  txn.put(env_->dbi().nodes, IdKey(id).view(), encode_node(record));
}

NodeId Graph::create_node(WriteTransaction& txn, std::vector<LabelId> labels,
                          PropertyList properties) {
  NodeRecord rec{std::move(labels), std::move(properties)};
  normalize(rec.labels);
  normalize(rec.properties);
  const std::string bytes = encode_node(rec);  // validates before anything is written
  const NodeId id = counters_.allocate_nodes(txn);
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
  const std::string bytes = encode_node(after);
  indexes_.update(txn, id, &*before, &after);
  txn.put(env_->dbi().nodes, IdKey(id).view(), bytes);
}

bool Graph::add_label(WriteTransaction& txn, NodeId id, LabelId label) {
  auto before = get_node(txn, id);
  if (!before) missing("node", id);
  if (std::binary_search(before->labels.begin(), before->labels.end(), label)) return false;
  NodeRecord after = *before;
  after.labels.insert(std::lower_bound(after.labels.begin(), after.labels.end(), label), label);
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
    std::vector<RelationshipId> relationships;
    for (const auto& e : neighbours(txn, id, Direction::kBoth))
      relationships.push_back(e.relationship());
    std::sort(relationships.begin(), relationships.end());
    relationships.erase(std::unique(relationships.begin(), relationships.end()),
                        relationships.end());  // self-loops appear twice
    for (RelationshipId e : relationships) delete_relationship(txn, e);
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
  const std::string bytes = encode_relationship(rec);
  const RelationshipId id = counters_.allocate_relationships(txn);
  txn.put(env_->dbi().relationships, IdKey(id).view(), bytes, MDB_APPEND);
  adjacency_.insert(txn, src, dst, type, id);
  counters_.add_relationships(txn, type, 1);
  return id;
}

std::optional<RelationshipRecord> Graph::get_relationship(const Transaction& txn,
                                                          RelationshipId id) {
  auto bytes = txn.get(env_->dbi().relationships, IdKey(id).view());
  if (!bytes) return std::nullopt;
  return decode_relationship(*bytes, id);
}

void Graph::set_relationship_property(WriteTransaction& txn, RelationshipId id, PropertyKeyId key,
                                      Value value) {
  auto rec = get_relationship(txn, id);
  if (!rec) missing("relationship", id);
  set_property(rec->properties, key, std::move(value));
  txn.put(env_->dbi().relationships, IdKey(id).view(), encode_relationship(*rec));
}

void Graph::delete_relationship(WriteTransaction& txn, RelationshipId id) {
  auto bytes = txn.get(env_->dbi().relationships, IdKey(id).view());
  if (!bytes) missing("relationship", id);
  const RelationshipRecord rec = decode_relationship_endpoints(*bytes, id);
  adjacency_.erase(txn, rec.src, rec.dst, rec.type, id);
  txn.del(env_->dbi().relationships, IdKey(id).view());
  counters_.add_relationships(txn, rec.type, -1);
}

}  // namespace guanxi::storage
