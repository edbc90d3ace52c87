#include "storage/privacy_check.h"

#include <algorithm>
#include <set>

#include "storage/bytes.h"
#include "storage/consent_store.h"
#include "storage/cursor.h"
#include "storage/graph.h"
#include "storage/privacy_catalog.h"

namespace guanxi::storage {

namespace {

bool names_exist(Graph& graph, const Transaction& txn, NameKind kind, std::uint32_t id) {
  try {
    graph.dictionary().name(txn, kind, id);
    return true;
  } catch (const StorageError&) {
    return false;
  }
}

}  // namespace

std::uint64_t check_privacy(Graph& graph, const Transaction& txn,
                            const std::function<void(const std::string&)>& problem) {
  PrivacySchema schema;
  try {
    schema = read_privacy_schema(txn);
  } catch (const StorageError& e) {
    problem(e.what());
    return 0;
  }
  std::set<std::string> tags, purposes;
  for (const TagDefinition& tag : schema.tags) {
    tags.insert(tag.name);
    const bool node = tag.entity == TaggedEntity::kNode;
    if (!names_exist(graph, txn, node ? NameKind::kLabel : NameKind::kType, tag.label_or_type)) {
      problem("tag '" + tag.name + "' names an unknown " + (node ? "label" : "relationship type") +
              " id " + std::to_string(tag.label_or_type));
    }
    for (PropertyKeyId key : tag.properties) {
      if (!names_exist(graph, txn, NameKind::kPropertyKey, key)) {
        problem("tag '" + tag.name + "' names an unknown property key id " + std::to_string(key));
      }
    }
  }
  // Every value a node tag covers is sealed (value_cipher.h): one in the
  // clear is a tagged value the data file gives away.
  for (const TagDefinition& tag : schema.tags) {
    if (tag.entity != TaggedEntity::kNode) continue;
    for (NodeId id : graph.nodes_with_label(txn, tag.label_or_type)) {
      std::optional<NodeRecord> record;
      try {
        record = graph.get_node(txn, id);
      } catch (const StorageError&) {
        continue;  // a damaged record: the node check reports it
      }
      if (!record) continue;
      for (PropertyKeyId key : tag.properties) {
        const Value* value = find_property(record->properties, key);
        if (value && value->type() != ValueType::kSealed) {
          problem("node " + std::to_string(id) + " holds a value of tag '" + tag.name +
                  "' unsealed (property key id " + std::to_string(key) + ")");
        }
      }
    }
  }
  for (const PurposeDefinition& purpose : schema.purposes) purposes.insert(purpose.name);
  for (const PolicyDefinition& policy : schema.policies) {
    if (!purposes.count(policy.purpose) || !tags.count(policy.tag)) {
      problem("policy ALLOW " + policy.purpose + " READ " + policy.tag +
              " names a purpose or tag that does not exist");
    }
  }

  // Every subject's history decodes; the latest event per purpose decides
  // whether the subject belongs in the purpose's consent set.
  std::uint64_t events = 0;
  std::map<std::uint32_t, Roaring64Map> granted;
  Cursor cur(txn, txn.env().dbi().privacy);
  MDB_val k, v;
  std::optional<NodeId> last;
  for (bool more = cur.seek("H", k, v); more; more = cur.get(k, v, MDB_NEXT)) {
    const std::string_view key = from_val(k);
    if (key.empty() || key[0] != 'H') break;
    if (key.size() != 17) {
      problem("consent event key of " + std::to_string(key.size()) + " bytes (expected 17)");
      continue;
    }
    const NodeId subject = get_be64(key.data() + 1);
    if (last == subject) continue;
    last = subject;
    try {
      std::map<std::uint32_t, bool> latest;
      for (const ConsentEvent& e : consent_history(txn, subject)) {
        ++events;
        latest[e.purpose_id] = e.grant;
      }
      for (const auto& [purpose, grant] : latest) {
        if (grant) granted[purpose].add(subject);
      }
    } catch (const StorageError& e) {
      problem(e.what());
    }
  }
  std::set<std::uint32_t> purpose_ids;
  for (const auto& [purpose, subjects] : granted) purpose_ids.insert(purpose);
  for (std::uint32_t id : graph.postings().sets(txn, SetKind::kConsent)) purpose_ids.insert(id);
  for (std::uint32_t purpose : purpose_ids) {
    const Roaring64Map stored = graph.postings().load(txn, {SetKind::kConsent, purpose});
    const Roaring64Map& expected = granted[purpose];
    if (stored != expected) {
      problem("the consent set of purpose id " + std::to_string(purpose) + " holds " +
              std::to_string(stored.cardinality()) + " subject(s), the history grants " +
              std::to_string(expected.cardinality()));
    }
  }
  return events;
}

}  // namespace guanxi::storage
