#include "storage/consent_store.h"

#include <cstdint>

#include "storage/bytes.h"
#include "storage/cursor.h"
#include "storage/environment.h"
#include "storage/error.h"
#include "storage/postings.h"

namespace guanxi::storage {

namespace {

constexpr char kHistoryKey = 'H';
constexpr char kCurrentKey = 'S';
constexpr char kExpiryKey = 'X';
constexpr std::string_view kNextEventMetaKey = "next_consent";

void append_be32(std::string& s, std::uint32_t v) {
  char b[4];
  put_be32(b, v);
  s.append(b, 4);
}
void append_be64(std::string& s, std::uint64_t v) {
  char b[8];
  put_be64(b, v);
  s.append(b, 8);
}
void append_string(std::string& s, std::string_view text) {
  append_be32(s, static_cast<std::uint32_t>(text.size()));
  s += text;
}
// Signed times ordered as unsigned big-endian bytes.
std::uint64_t ordered(std::int64_t micros) {
  return static_cast<std::uint64_t>(micros) ^ (std::uint64_t{1} << 63);
}
std::int64_t unordered(std::uint64_t bytes) {
  return static_cast<std::int64_t>(bytes ^ (std::uint64_t{1} << 63));
}

std::string current_key(std::uint32_t purpose, NodeId subject) {
  std::string k(1, kCurrentKey);
  append_be32(k, purpose);
  append_be64(k, subject);
  return k;
}
std::string expiry_key(std::uint32_t purpose, std::int64_t expires, NodeId subject) {
  std::string k(1, kExpiryKey);
  append_be32(k, purpose);
  append_be64(k, ordered(expires));
  append_be64(k, subject);
  return k;
}

// Reads what encode wrote; throws kCorruption naming the subject otherwise.
class EventReader {
 public:
  EventReader(std::string_view bytes, NodeId subject) : p_(bytes), subject_(subject) {}
  std::uint8_t byte() {
    need(1);
    const auto b = static_cast<std::uint8_t>(p_[0]);
    p_.remove_prefix(1);
    return b;
  }
  std::uint32_t be32() {
    need(4);
    const std::uint32_t v = get_be32(p_.data());
    p_.remove_prefix(4);
    return v;
  }
  std::uint64_t be64() {
    need(8);
    const std::uint64_t v = get_be64(p_.data());
    p_.remove_prefix(8);
    return v;
  }
  std::string string() {
    const std::uint32_t n = be32();
    need(n);
    std::string s(p_.substr(0, n));
    p_.remove_prefix(n);
    return s;
  }
  void finish() const {
    if (!p_.empty()) fail();
  }

 private:
  void need(std::size_t n) const {
    if (p_.size() < n) fail();
  }
  [[noreturn]] void fail() const {
    throw StorageError(ErrorCode::kCorruption,
                       "consent history of node " + std::to_string(subject_) + " is damaged");
  }
  std::string_view p_;
  NodeId subject_;
};

}  // namespace

void record_consent(WriteTransaction& txn, Postings& postings, ConsentEvent& event) {
  const Dbis& dbi = txn.env().dbi();
  std::uint64_t sequence = 0;
  if (auto v = txn.get(dbi.meta, kNextEventMetaKey); v && v->size() == 8) {
    sequence = get_be64(v->data());
  }
  event.sequence = sequence;
  std::string next;
  append_be64(next, sequence + 1);
  txn.put(dbi.meta, kNextEventMetaKey, next);

  std::string key(1, kHistoryKey);
  append_be64(key, event.subject);
  append_be64(key, sequence);
  std::string value(1, event.grant ? 'g' : 'r');
  append_be32(value, event.purpose_id);
  append_be64(value, ordered(event.at_micros));
  value += event.expires_micros ? '\1' : '\0';
  append_be64(value, ordered(event.expires_micros.value_or(0)));
  append_string(value, event.purpose);
  append_string(value, event.source);
  append_string(value, event.user);
  txn.put(dbi.privacy, key, value);

  // The current state: drop the previous grant's expiry entry, then record
  // the new grant or nothing.
  const std::string current = current_key(event.purpose_id, event.subject);
  if (auto v = txn.get(dbi.privacy, current)) {
    EventReader previous(*v, event.subject);
    if (previous.byte() != 0) {
      const std::int64_t expires = unordered(previous.be64());
      txn.del(dbi.privacy, expiry_key(event.purpose_id, expires, event.subject));
    }
  }
  const SetKey set{SetKind::kConsent, event.purpose_id};
  if (event.grant) {
    std::string state(1, event.expires_micros ? '\1' : '\0');
    append_be64(state, ordered(event.expires_micros.value_or(0)));
    txn.put(dbi.privacy, current, state);
    if (event.expires_micros) {
      txn.put(dbi.privacy, expiry_key(event.purpose_id, *event.expires_micros, event.subject),
              std::string_view());
    }
    postings.add(txn, set, event.subject);
  } else {
    txn.del(dbi.privacy, current);
    postings.remove(txn, set, event.subject);
  }
}

std::uint64_t consent_event_count(const Transaction& txn) {
  auto v = txn.get(txn.env().dbi().meta, kNextEventMetaKey);
  return v && v->size() == 8 ? get_be64(v->data()) : 0;
}

std::vector<ConsentEvent> consent_history(const Transaction& txn, NodeId subject) {
  std::vector<ConsentEvent> events;
  std::string prefix(1, kHistoryKey);
  append_be64(prefix, subject);
  Cursor cur(txn, txn.env().dbi().privacy);
  MDB_val k, v;
  for (bool more = cur.seek(prefix, k, v); more; more = cur.get(k, v, MDB_NEXT)) {
    const std::string_view key = from_val(k);
    if (key.size() != 17 || key.substr(0, 9) != prefix) break;
    EventReader r(from_val(v), subject);
    ConsentEvent e;
    e.subject = subject;
    e.sequence = get_be64(key.data() + 9);
    const std::uint8_t action = r.byte();
    e.grant = action == 'g';
    e.purpose_id = r.be32();
    e.at_micros = unordered(r.be64());
    const bool has_expiry = r.byte() != 0;
    const std::int64_t expires = unordered(r.be64());
    if (has_expiry) e.expires_micros = expires;
    e.purpose = r.string();
    e.source = r.string();
    e.user = r.string();
    r.finish();
    events.push_back(std::move(e));
  }
  return events;
}

Roaring64Map consenting_subjects(const Transaction& txn, Postings& postings,
                                 std::uint32_t purpose_id, std::int64_t now_micros,
                                 std::int64_t* next_expiry) {
  if (next_expiry) *next_expiry = INT64_MAX;
  Roaring64Map subjects = postings.load(txn, SetKey{SetKind::kConsent, purpose_id});
  std::string prefix(1, kExpiryKey);
  append_be32(prefix, purpose_id);
  Cursor cur(txn, txn.env().dbi().privacy);
  MDB_val k, v;
  for (bool more = cur.seek(prefix, k, v); more; more = cur.get(k, v, MDB_NEXT)) {
    const std::string_view key = from_val(k);
    if (key.size() != 21 || key.substr(0, 5) != prefix) break;
    const std::int64_t expires = unordered(get_be64(key.data() + 5));
    if (expires > now_micros) {  // this one and the rest expire later
      if (next_expiry) *next_expiry = expires;
      break;
    }
    subjects.remove(get_be64(key.data() + 13));
  }
  return subjects;
}

}  // namespace guanxi::storage
