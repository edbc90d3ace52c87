// AccessDecision: what one session may see in one snapshot, decided once
// from the privacy catalog (docs/privacy.md, "The rules").
//
// Plans are cached and shared by every session, so no plan holds a privacy
// decision; each statement's PropertyReader makes (or reuses) one of these
// from its transaction, and everything that reads values or finds nodes
// asks it:
//   - masks: a tagged property reads unmasked only when the session's
//     purpose is allowed to read its tag (and the subject is visible);
//     otherwise it reads as its tag's mask;
//   - hidden subjects: under a purpose whose basis is consent, a node with a
//     tagged label and no valid consent (granted, not revoked, not expired
//     at the decision's time) does not exist for the session.
// Fails closed: a session without a purpose reads every tagged value
// masked; a purpose missing from the catalog is an error; a mask that
// cannot be computed (no pseudonym key) reads as null.
//
// Immutable once made, so the threads of one statement may share it.
#pragma once

#include <cstdint>
#include <memory>
#include <roaring/roaring64map.hh>
#include <span>
#include <string>
#include <vector>

#include "query/session_types.h"
#include "query/value.h"
#include "storage/ids.h"
#include "storage/privacy_schema.h"

namespace guanxi::storage {
class Graph;
class Transaction;
}  // namespace guanxi::storage

namespace guanxi::query {

class AccessDecision {
 public:
  // Decides for `session` from the catalog in `txn`'s snapshot at
  // `now_micros` (consent expiry). Throws QueryError (kNotFound) when the
  // session has a purpose the catalog does not hold. Decisions of read
  // snapshots are cached per (snapshot, purpose) until the next consent in
  // them expires, so a statement's many readers share one.
  static std::shared_ptr<const AccessDecision> decide(storage::Graph& graph,
                                                      const storage::Transaction& txn,
                                                      const SessionOptions& session,
                                                      std::int64_t now_micros);

  // False for a database without tags: nothing to mask, nobody hidden.
  bool active() const { return !rules_.empty(); }
  bool hides_anything() const { return !hidden_.isEmpty(); }
  bool hidden(storage::NodeId node) const { return hides_ && hidden_.contains(node); }
  // The nodes the session may not see (empty unless the purpose's basis is
  // consent).
  const Roaring64Map& hidden_nodes() const { return hidden_; }

  // How the session reads property `key` of a node with `labels` (or a
  // relationship of `type`): `tag` names the tag that covers it (nullptr:
  // an untagged property), `mask` the mask it reads through (nullptr: the
  // stored value).
  struct TaggedRead {
    const std::string* tag = nullptr;
    const storage::Mask* mask = nullptr;
  };
  TaggedRead node_read(std::span<const storage::LabelId> labels, storage::NodeId node,
                       storage::PropertyKeyId key) const;
  TaggedRead relationship_read(storage::TypeId type, storage::NodeId src, storage::NodeId dst,
                               storage::PropertyKeyId key) const;
  // The mask the session reads property `key` of a node with `labels` (or
  // a relationship of `type`) through, or nullptr when it reads the stored
  // value.
  const storage::Mask* node_mask(std::span<const storage::LabelId> labels, storage::NodeId node,
                                 storage::PropertyKeyId key) const;
  const storage::Mask* relationship_mask(storage::TypeId type, storage::NodeId src,
                                         storage::NodeId dst, storage::PropertyKeyId key) const;
  // Whether property `key` may read masked for some node or relationship
  // (hidden subjects aside): an index over it must not answer for this
  // session, its entries hold real values.
  bool may_mask(storage::PropertyKeyId key) const;
  // Whether `key` belongs to any tag, whatever the session: error messages
  // must not quote its values.
  bool tagged(storage::PropertyKeyId key) const;

  // `value` as `mask` shows it: null; '***'; the first n code points and
  // '***'; 'hash:' and 16 hex digits of a keyed hash; the year of a date.
  Value apply(const storage::Mask& mask, const Value& value) const;

 private:
  struct Rule {
    storage::TaggedEntity entity;
    std::uint32_t label_or_type;
    storage::PropertyKeyId key;
    storage::Mask mask;
    bool allowed;            // the session's purpose may read the tag
    const std::string* tag;  // into tag_names_
  };
  const Rule* rule(storage::TaggedEntity entity, std::uint32_t label_or_type,
                   storage::PropertyKeyId key) const;

  std::vector<std::string> tag_names_;  // reserved up front: rules point into it
  std::vector<Rule> rules_;             // sorted by (entity, label_or_type, key)
  std::vector<bool> tagged_keys_;       // by property key id
  std::vector<bool> masked_keys_;       // by property key id: some rule not allowed
  bool hides_ = false;                  // the purpose's basis is consent
  Roaring64Map hidden_;                 // subjects without valid consent
  std::string pseudonym_key_;           // 32 bytes, or empty (hash masks read null)
  std::int64_t valid_until_ = 0;        // the next consent expiry after the decision
  friend class AccessDecisionCache;
};

}  // namespace guanxi::query
