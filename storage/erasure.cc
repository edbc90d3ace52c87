#include "storage/erasure.h"

#include <algorithm>
#include <set>

#include "storage/audit_log.h"
#include "storage/bytes.h"
#include "storage/cursor.h"

namespace guanxi::storage {

namespace {

constexpr char kErasureKey = 'E';

std::string erasure_key(const Erasure& e) {
  std::string key(17, '\0');
  key[0] = kErasureKey;
  put_be64(key.data() + 1, e.subject);
  put_be64(key.data() + 9, static_cast<std::uint64_t>(e.at_micros));
  return key;
}

void record_erasure(WriteTransaction& txn, const Erasure& e) {
  txn.put(txn.env().dbi().privacy, erasure_key(e), std::string_view());
}

}  // namespace

std::vector<Erasure> recorded_erasures(const Transaction& txn) {
  std::vector<Erasure> out;
  Cursor cur(txn, txn.env().dbi().privacy);
  MDB_val k, v;
  for (bool more = cur.seek(std::string_view(&kErasureKey, 1), k, v); more;
       more = cur.get(k, v, MDB_NEXT)) {
    const std::string_view key = from_val(k);
    if (key.empty() || key[0] != kErasureKey) break;
    if (key.size() != 17) {
      throw StorageError(ErrorCode::kCorruption, "an erasure record of the privacy table is " +
                                                     std::to_string(key.size()) + " bytes long");
    }
    out.push_back({get_be64(key.data() + 1), static_cast<std::int64_t>(get_be64(key.data() + 9))});
  }
  return out;
}

std::uint64_t erase_subject(Graph& graph, WriteTransaction& txn, NodeId subject,
                            std::int64_t at_micros) {
  graph.cipher().erase_subject_key(txn, subject, at_micros);
  const std::uint64_t deleted = graph.delete_sealed_values(txn, subject);
  record_erasure(txn, {subject, at_micros});
  return deleted;
}

bool erasures_differ(Graph& graph, const Transaction& txn) {
  KeyStore* store = graph.cipher().key_store(txn, false);
  if (!store) return false;
  const std::vector<Erasure> in_store = store->erasures();
  const std::vector<Erasure> in_database = recorded_erasures(txn);
  if (in_store != in_database) return true;
  // Same lists: a key store restored from before an erasure lists fewer,
  // so equal lists leave only keys made before an erasure to find.
  for (const Erasure& e : in_database) {
    if (auto made = store->created(e.subject); made && *made <= e.at_micros) return true;
  }
  return false;
}

std::vector<Erasure> reconcile_erasures(Graph& graph, WriteTransaction& txn) {
  std::vector<Erasure> replayed;
  KeyStore* store = graph.cipher().key_store(txn, false);
  if (!store) return replayed;
  const std::vector<Erasure> in_store = store->erasures();
  const std::vector<Erasure> in_database = recorded_erasures(txn);
  const std::set<std::pair<std::uint64_t, std::int64_t>> known = [&] {
    std::set<std::pair<std::uint64_t, std::int64_t>> s;
    for (const Erasure& e : in_database) s.emplace(e.subject, e.at_micros);
    return s;
  }();
  for (const Erasure& e : in_store) {
    if (known.count({e.subject, e.at_micros})) continue;
    // Only a database restored from before the erasure lacks it, and its
    // sealed values of the subject all predate it (and no longer open).
    graph.delete_sealed_values(txn, e.subject);
    record_erasure(txn, e);
    AuditEntry entry;
    entry.at_micros = e.at_micros;
    entry.kind = AuditKind::kErase;
    entry.subject = e.subject;
    entry.detail = "replayed from the key store";
    append_audit(txn, entry);
    replayed.push_back(e);
  }
  std::vector<std::uint64_t> stale;
  for (const Erasure& e : in_database) {
    if (auto made = store->created(e.subject); made && *made <= e.at_micros)
      stale.push_back(e.subject);
  }
  if (!stale.empty()) store->discard(stale);
  return replayed;
}

}  // namespace guanxi::storage
