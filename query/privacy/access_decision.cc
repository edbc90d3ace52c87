#include "query/privacy/access_decision.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <mutex>
#include <tuple>

#include "query/query_error.h"
#include "query/storage_error_translation.h"
#include "storage/consent_store.h"
#include "storage/environment.h"
#include "storage/floor_division.h"
#include "storage/graph.h"
#include "storage/privacy_catalog.h"
#include "storage/temporal.h"

namespace guanxi::query {

namespace {

using storage::MaskKind;
using storage::TaggedEntity;

std::int64_t year_of_days(std::int64_t days) {
  std::int64_t year = 0;
  unsigned month = 0, day = 0;
  storage::civil_from_days(days, &year, &month, &day);
  return year;
}

}  // namespace

// The decisions of recent read snapshots, so that the readers of one
// statement (and statements on an unchanged database) decide once. A
// decision is reused only for the same environment, snapshot, catalog
// version, purpose and before its next consent expiry.
class AccessDecisionCache {
 public:
  static AccessDecisionCache& instance() {
    static AccessDecisionCache cache;
    return cache;
  }
  // What identifies the state a decision was made from. The environment's
  // address alone could be reused by a database opened later in the
  // process, hence its identity, path and consent counter too.
  struct Key {
    const void* env = nullptr;
    storage::DatabaseId database;
    std::string path;
    std::uint64_t snapshot = 0;
    std::uint64_t version = 0;
    std::uint64_t consents = 0;
    std::string purpose;
    friend bool operator==(const Key&, const Key&) = default;
  };

  std::shared_ptr<const AccessDecision> find(const Key& key, std::int64_t now) {
    std::lock_guard lock(mutex_);
    for (const Entry& e : entries_) {
      if (e.key == key && now < e.decision->valid_until_) return e.decision;
    }
    return nullptr;
  }
  void put(Key key, std::shared_ptr<const AccessDecision> decision) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= kEntries) entries_.erase(entries_.begin());
    entries_.push_back({std::move(key), std::move(decision)});
  }

 private:
  // Few sessions run at once; each statement needs one entry.
  static constexpr std::size_t kEntries = 16;
  struct Entry {
    Key key;
    std::shared_ptr<const AccessDecision> decision;
  };
  std::mutex mutex_;
  std::vector<Entry> entries_;
};

std::shared_ptr<const AccessDecision> AccessDecision::decide(storage::Graph& graph,
                                                             const storage::Transaction& txn,
                                                             const SessionOptions& session,
                                                             std::int64_t now_micros) {
  try {
    const std::uint64_t version = storage::privacy_version(txn);
    const bool cacheable = !txn.is_write() && version != 0;
    AccessDecisionCache::Key cache_key;
    if (cacheable) {
      cache_key = {&graph.env(),
                   graph.env().identity().id,
                   graph.env().path().string(),
                   mdb_txn_id(txn.raw()),
                   version,
                   storage::consent_event_count(txn),
                   session.purpose};
      if (auto hit = AccessDecisionCache::instance().find(cache_key, now_micros)) return hit;
    }
    if (sodium_init() < 0) throw QueryError(QueryErrorCode::kStorage, "libsodium failed to start");
    auto decision = std::make_shared<AccessDecision>();
    decision->valid_until_ = INT64_MAX;
    if (version == 0 && session.purpose.empty()) return decision;  // never had a catalog
    const storage::PrivacySchema schema = storage::read_privacy_schema(txn);
    const storage::PurposeDefinition* purpose = nullptr;
    if (!session.purpose.empty()) {
      for (const auto& p : schema.purposes) {
        if (p.name == session.purpose) purpose = &p;
      }
      if (!purpose) {
        throw QueryError(QueryErrorCode::kNotFound,
                         fmt::format("the session's purpose '{}' does not exist (SHOW PURPOSES "
                                     "lists the purposes)",
                                     session.purpose));
      }
    }
    auto allowed = [&](const std::string& tag) {
      if (!purpose) return false;
      const storage::PolicyDefinition policy{purpose->name, tag};
      return std::find(schema.policies.begin(), schema.policies.end(), policy) !=
             schema.policies.end();
    };
    std::vector<storage::LabelId> subject_labels;
    decision->tag_names_.reserve(schema.tags.size());
    for (const auto& tag : schema.tags) {
      const bool may_read = allowed(tag.name);
      decision->tag_names_.push_back(tag.name);
      const std::string* name = &decision->tag_names_.back();
      for (storage::PropertyKeyId key : tag.properties) {
        decision->rules_.push_back({tag.entity, tag.label_or_type, key, tag.mask, may_read, name});
        if (key >= decision->tagged_keys_.size()) {
          decision->tagged_keys_.resize(key + 1, false);
          decision->masked_keys_.resize(key + 1, false);
        }
        decision->tagged_keys_[key] = true;
        if (!may_read) decision->masked_keys_[key] = true;
      }
      if (tag.entity == TaggedEntity::kNode) subject_labels.push_back(tag.label_or_type);
    }
    std::sort(decision->rules_.begin(), decision->rules_.end(), [](const Rule& a, const Rule& b) {
      return std::tie(a.entity, a.label_or_type, a.key) <
             std::tie(b.entity, b.label_or_type, b.key);
    });
    if (!schema.tags.empty()) {
      // Reads of tagged values are audited, and the audit chain and `hash`
      // masks need the key file: without it (or with another database's)
      // the statement fails here, naming the file, instead of reading
      // unaudited. A database without tags needs no key file.
      storage::database_secret(txn);
      if (auto key = storage::pseudonym_key(txn)) decision->pseudonym_key_ = *key;
    }
    if (purpose && purpose->basis == storage::LegalBasis::kConsent && !subject_labels.empty()) {
      decision->hides_ = true;
      for (storage::LabelId label : subject_labels) {
        decision->hidden_ |= graph.nodes_with_label(txn, label);
      }
      std::int64_t next_expiry = INT64_MAX;
      decision->hidden_ -= storage::consenting_subjects(txn, graph.postings(), purpose->id,
                                                        now_micros, &next_expiry);
      decision->valid_until_ = next_expiry;
    }
    if (cacheable) AccessDecisionCache::instance().put(std::move(cache_key), decision);
    return decision;
  } catch (const storage::StorageError& e) {
    throw query_error_from(e);
  }
}

const AccessDecision::Rule* AccessDecision::rule(TaggedEntity entity, std::uint32_t label_or_type,
                                                 storage::PropertyKeyId key) const {
  const auto it = std::lower_bound(
      rules_.begin(), rules_.end(), std::make_tuple(entity, label_or_type, key),
      [](const Rule& r, const auto& k) { return std::tie(r.entity, r.label_or_type, r.key) < k; });
  if (it == rules_.end() || it->entity != entity || it->label_or_type != label_or_type ||
      it->key != key) {
    return nullptr;
  }
  return &*it;
}

AccessDecision::TaggedRead AccessDecision::node_read(std::span<const storage::LabelId> labels,
                                                     storage::NodeId node,
                                                     storage::PropertyKeyId key) const {
  TaggedRead read;
  if (!tagged(key)) return read;
  for (storage::LabelId label : labels) {
    const Rule* r = rule(TaggedEntity::kNode, label, key);
    if (!r) continue;
    // A hidden subject reached some other way still reads masked.
    if (!r->allowed || hidden(node)) return {r->tag, &r->mask};
    read.tag = r->tag;
  }
  return read;
}

AccessDecision::TaggedRead AccessDecision::relationship_read(storage::TypeId type,
                                                             storage::NodeId src,
                                                             storage::NodeId dst,
                                                             storage::PropertyKeyId key) const {
  if (!tagged(key)) return {};
  const Rule* r = rule(TaggedEntity::kRelationship, type, key);
  if (!r) return {};
  if (!r->allowed || hidden(src) || hidden(dst)) return {r->tag, &r->mask};
  return {r->tag, nullptr};
}

const storage::Mask* AccessDecision::node_mask(std::span<const storage::LabelId> labels,
                                               storage::NodeId node,
                                               storage::PropertyKeyId key) const {
  return node_read(labels, node, key).mask;
}

const storage::Mask* AccessDecision::relationship_mask(storage::TypeId type, storage::NodeId src,
                                                       storage::NodeId dst,
                                                       storage::PropertyKeyId key) const {
  return relationship_read(type, src, dst, key).mask;
}

bool AccessDecision::may_mask(storage::PropertyKeyId key) const {
  return key < masked_keys_.size() && masked_keys_[key];
}

bool AccessDecision::tagged(storage::PropertyKeyId key) const {
  return key < tagged_keys_.size() && tagged_keys_[key];
}

Value AccessDecision::apply(const storage::Mask& mask, const Value& value) const {
  if (value.is_null()) return Value();
  switch (mask.kind) {
    case MaskKind::kNull: return Value();
    case MaskKind::kRedact: return value.kind() == ValueKind::kString ? Value("***") : Value();
    case MaskKind::kPartial: {
      if (value.kind() != ValueKind::kString) return Value();
      const std::string& s = value.as_string();
      std::size_t end = 0;
      std::uint32_t kept = 0;
      while (end < s.size() && kept < mask.keep) {
        ++end;
        while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) ++end;
        ++kept;
      }
      return Value(s.substr(0, end) + "***");
    }
    case MaskKind::kHash: {
      if (pseudonym_key_.size() != crypto_generichash_KEYBYTES) return Value();
      // The literal form tells types apart ('1' and 1 differ).
      const std::string text = value.to_string();
      unsigned char digest[8];
      crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(text.data()),
                         text.size(), reinterpret_cast<const unsigned char*>(pseudonym_key_.data()),
                         pseudonym_key_.size());
      std::string out = "hash:";
      for (unsigned char b : digest) out += fmt::format("{:02x}", b);
      return Value(out);
    }
    case MaskKind::kYear:
      if (value.kind() == ValueKind::kDate) return Value(year_of_days(value.as_date().days));
      if (value.kind() == ValueKind::kDateTime) {
        // The year where the value was written: its local date.
        const DateTime t = value.as_datetime();
        return Value(year_of_days(
            storage::floor_div(t.seconds + t.offset_seconds, storage::kSecondsPerDay)));
      }
      return Value();
  }
  return Value();
}

}  // namespace guanxi::query
