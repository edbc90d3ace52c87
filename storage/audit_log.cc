#include "storage/audit_log.h"

#include <fmt/format.h>
#include <sodium.h>

#include <array>

#include "storage/bytes.h"
#include "storage/cursor.h"
#include "storage/environment.h"
#include "storage/error.h"
#include "storage/privacy_catalog.h"

namespace guanxi::storage {

namespace {

using Hash = std::array<unsigned char, 32>;

// Records that are not entries sort after every entry key (a sequence
// number below 2^63 starts with a byte below 0x80).
const std::string kHeadKey =
    "\xff"
    "head";
const std::string kAnchorKey =
    "\xff"
    "anchor";
const std::string kRetentionKey =
    "\xff"
    "retention";

std::string sequence_key(std::uint64_t sequence) {
  std::string key(8, '\0');
  put_be64(key.data(), sequence);
  return key;
}

// The chain's key: a subkey of the database's secret, so that it is
// useless for pseudonyms and the secret cannot be recovered from it.
std::optional<Hash> chain_key(const std::optional<std::string>& secret) {
  if (!secret || secret->size() != crypto_kdf_KEYBYTES) return std::nullopt;
  if (sodium_init() < 0) throw StorageError(ErrorCode::kIo, "libsodium failed to initialize");
  Hash key;
  crypto_kdf_derive_from_key(key.data(), key.size(), 1, "gxaudit1",
                             reinterpret_cast<const unsigned char*>(secret->data()));
  return key;
}

Hash keyed_hash(const Hash& key, std::initializer_list<std::string_view> parts) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, key.data(), key.size(), 32);
  for (std::string_view part : parts) {
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(part.data()),
                              part.size());
  }
  Hash out;
  crypto_generichash_final(&state, out.data(), out.size());
  return out;
}

std::string_view view(const Hash& h) { return {reinterpret_cast<const char*>(h.data()), h.size()}; }

// The hash of entry `sequence` with `content`, chained to `previous`.
Hash entry_hash(const Hash& key, const Hash& previous, std::uint64_t sequence,
                std::string_view content) {
  const std::string seq = sequence_key(sequence);
  return keyed_hash(key, {view(previous), seq, content});
}

// A head or an anchor: a sequence number, a hash and a MAC over both.
struct ChainMark {
  std::uint64_t sequence = 0;
  Hash hash{};
};

std::string encode_mark(const Hash& key, std::string_view name, const ChainMark& mark) {
  std::string out = sequence_key(mark.sequence);
  out.append(view(mark.hash));
  out.append(view(keyed_hash(key, {name, std::string_view(out)})));
  return out;
}

// nullopt when absent; throws StorageError (kCorruption) when its size is
// wrong, and when `key` is given and the MAC does not match.
std::optional<ChainMark> read_mark(const Transaction& txn, const std::string& record,
                                   const Hash* key) {
  auto v = txn.get(txn.env().dbi().audit, record);
  if (!v) return std::nullopt;
  const std::string_view name = std::string_view(record).substr(1);
  if (v->size() != 72) {
    throw StorageError(ErrorCode::kCorruption, fmt::format("the audit log's {} is damaged", name));
  }
  ChainMark mark;
  mark.sequence = get_be64(v->data());
  std::copy(v->data() + 8, v->data() + 40, mark.hash.begin());
  if (key && view(keyed_hash(*key, {name, v->substr(0, 40)})) != v->substr(40)) {
    throw StorageError(
        ErrorCode::kCorruption,
        fmt::format("the audit log's {} was changed (its MAC does not match)", name));
  }
  return mark;
}

std::string encode_content(const AuditEntry& e) {
  std::string out;
  ByteWriter w(&out);
  w.svarint(e.at_micros);
  w.u8(static_cast<std::uint8_t>(e.kind));
  w.bytes(e.user);
  w.bytes(e.purpose);
  w.bytes(e.statement);
  w.varint(e.tags.size());
  for (const std::string& tag : e.tags) w.bytes(tag);
  w.varint(e.subjects);
  w.varint(e.masked);
  w.u8(e.subject ? 1 : 0);
  if (e.subject) w.varint(*e.subject);
  w.bytes(e.detail);
  return out;
}

AuditEntry decode_content(std::string_view content, std::uint64_t sequence) {
  ByteReader r(content, "audit entry", sequence);
  AuditEntry e;
  e.sequence = sequence;
  e.at_micros = r.svarint();
  const std::uint8_t kind = r.u8();
  if (kind < static_cast<std::uint8_t>(AuditKind::kRead) ||
      kind > static_cast<std::uint8_t>(AuditKind::kRetention)) {
    r.fail("unknown kind " + std::to_string(kind));
  }
  e.kind = static_cast<AuditKind>(kind);
  e.user = r.bytes();
  e.purpose = r.bytes();
  e.statement = r.bytes();
  const std::uint64_t tags = r.count();
  for (std::uint64_t i = 0; i < tags; ++i) e.tags.emplace_back(r.bytes());
  e.subjects = r.varint();
  e.masked = r.varint();
  if (r.u8() != 0) e.subject = r.varint();
  e.detail = r.bytes();
  if (!r.at_end()) r.fail("trailing bytes");
  return e;
}

// An entry's stored bytes: its content, then its chained hash.
std::pair<std::string_view, std::string_view> split_entry(std::string_view stored,
                                                          std::uint64_t sequence) {
  if (stored.size() < 32) {
    throw StorageError(ErrorCode::kCorruption,
                       fmt::format("audit entry {} is damaged: shorter than its hash", sequence));
  }
  return {stored.substr(0, stored.size() - 32), stored.substr(stored.size() - 32)};
}

void append_one(WriteTransaction& txn, const Hash& key, AuditEntry& entry) {
  const MDB_dbi dbi = txn.env().dbi().audit;
  ChainMark head = read_mark(txn, kHeadKey, &key).value_or(ChainMark{});
  entry.sequence = head.sequence + 1;
  std::string stored = encode_content(entry);
  const Hash hash = entry_hash(key, head.hash, entry.sequence, stored);
  stored.append(view(hash));
  txn.put(dbi, sequence_key(entry.sequence), stored);
  head = {entry.sequence, hash};
  txn.put(dbi, kHeadKey, encode_mark(key, "head", head));
}

// Removes the entries older than the retention period allows, oldest
// first, and moves the anchor past them. Returns how many were removed.
std::uint64_t apply_retention(WriteTransaction& txn, const Hash& key, std::int64_t now_micros) {
  const auto retention = audit_retention(txn);
  if (!retention) return 0;
  const std::int64_t cutoff = now_micros - *retention;
  const MDB_dbi dbi = txn.env().dbi().audit;
  std::uint64_t removed = 0;
  ChainMark anchor;
  std::vector<std::string> keys;
  {
    Cursor cur(txn, dbi);
    MDB_val k, v;
    for (bool more = cur.get(k, v, MDB_FIRST); more; more = cur.get(k, v, MDB_NEXT)) {
      const std::string_view stored_key = from_val(k);
      if (stored_key.size() != 8) break;
      const std::uint64_t sequence = get_be64(stored_key.data());
      const auto [content, hash] = split_entry(from_val(v), sequence);
      if (decode_content(content, sequence).at_micros >= cutoff) break;
      anchor.sequence = sequence + 1;
      std::copy(hash.begin(), hash.end(), anchor.hash.begin());
      keys.emplace_back(stored_key);
      ++removed;
    }
  }
  for (const std::string& k : keys) txn.del(dbi, k);
  if (removed) txn.put(dbi, kAnchorKey, encode_mark(key, "anchor", anchor));
  return removed;
}

}  // namespace

std::string_view audit_kind_name(AuditKind kind) {
  switch (kind) {
    case AuditKind::kRead: return "read";
    case AuditKind::kGrant: return "grant";
    case AuditKind::kRevoke: return "revoke";
    case AuditKind::kSchema: return "schema";
    case AuditKind::kErase: return "erase";
    case AuditKind::kAudit: return "audit";
    case AuditKind::kRetention: return "retention";
  }
  return "unknown";
}

void append_audit(WriteTransaction& txn, AuditEntry& entry) {
  const Hash key = *chain_key(ensure_database_secret(txn));
  if (const std::uint64_t removed = apply_retention(txn, key, entry.at_micros)) {
    AuditEntry removal;
    removal.at_micros = entry.at_micros;
    removal.kind = AuditKind::kRetention;
    removal.subjects = removed;
    removal.detail = fmt::format("removed {} entries older than the retention period", removed);
    append_one(txn, key, removal);
  }
  append_one(txn, key, entry);
}

std::vector<AuditEntry> read_audit(const Transaction& txn, const AuditFilter& filter) {
  std::vector<AuditEntry> entries;
  Cursor cur(txn, txn.env().dbi().audit);
  MDB_val k, v;
  for (bool more = cur.get(k, v, MDB_FIRST); more; more = cur.get(k, v, MDB_NEXT)) {
    const std::string_view stored_key = from_val(k);
    if (stored_key.size() != 8) break;
    const std::uint64_t sequence = get_be64(stored_key.data());
    AuditEntry e = decode_content(split_entry(from_val(v), sequence).first, sequence);
    if (filter.since_micros && e.at_micros < *filter.since_micros) continue;
    if (filter.user && e.user != *filter.user) continue;
    if (filter.purpose && e.purpose != *filter.purpose) continue;
    entries.push_back(std::move(e));
  }
  return entries;
}

std::optional<std::int64_t> audit_retention(const Transaction& txn) {
  auto v = txn.get(txn.env().dbi().audit, kRetentionKey);
  if (!v) return std::nullopt;
  if (v->size() != 8) {
    throw StorageError(ErrorCode::kCorruption, "the audit log's retention setting is damaged");
  }
  return static_cast<std::int64_t>(get_be64(v->data()));
}

void set_audit_retention(WriteTransaction& txn, std::optional<std::int64_t> micros) {
  if (!micros) {
    txn.del(txn.env().dbi().audit, kRetentionKey);
    return;
  }
  txn.put(txn.env().dbi().audit, kRetentionKey, sequence_key(static_cast<std::uint64_t>(*micros)));
}

void check_audit_chain(const Transaction& txn,
                       const std::function<void(const std::string&)>& problem) {
  std::optional<Hash> key;
  try {
    key = chain_key(database_secret(txn));
  } catch (const StorageError& e) {
    problem(e.what());
    return;
  }
  std::optional<ChainMark> head, anchor;
  bool marks_ok = true;
  for (auto [record, mark] : {std::pair{&kHeadKey, &head}, std::pair{&kAnchorKey, &anchor}}) {
    try {
      *mark = read_mark(txn, *record, key ? &*key : nullptr);
    } catch (const StorageError& e) {
      problem(e.what());
      marks_ok = false;
    }
  }
  ChainMark expected = anchor.value_or(ChainMark{1, Hash{}});
  bool any = false;
  Cursor cur(txn, txn.env().dbi().audit);
  MDB_val k, v;
  for (bool more = cur.get(k, v, MDB_FIRST); more; more = cur.get(k, v, MDB_NEXT)) {
    const std::string_view stored_key = from_val(k);
    if (stored_key.size() != 8) break;
    any = true;
    if (!key) {
      problem("the audit log has entries but the key of its chain is missing");
      return;
    }
    const std::uint64_t sequence = get_be64(stored_key.data());
    if (sequence < expected.sequence) {
      problem(fmt::format("audit entry {} precedes the first entry the log keeps ({})", sequence,
                          expected.sequence));
      continue;
    }
    if (sequence > expected.sequence) {
      problem(
          sequence == expected.sequence + 1
              ? fmt::format("audit entry {} is missing", expected.sequence)
              : fmt::format("audit entries {} to {} are missing", expected.sequence, sequence - 1));
    }
    std::string_view content, stored_hash;
    try {
      std::tie(content, stored_hash) = split_entry(from_val(v), sequence);
      decode_content(content, sequence);
    } catch (const StorageError& e) {
      problem(e.what());
      expected.sequence = sequence + 1;
      continue;
    }
    // After a gap the chain is checked from the entry's own predecessor
    // hash, which is unknown: only entries after a known one can match.
    if (sequence == expected.sequence &&
        view(entry_hash(*key, expected.hash, sequence, content)) != stored_hash) {
      problem(fmt::format(
          "audit entry {} was changed or damaged (its hash does not continue the chain)",
          sequence));
    }
    expected.sequence = sequence + 1;
    std::copy(stored_hash.begin(), stored_hash.end(), expected.hash.begin());
  }
  if (!marks_ok) return;
  const std::uint64_t last = expected.sequence - 1;
  if (!head) {
    if (any) problem("the audit log has entries but no head record");
    return;
  }
  if (head->sequence != last || (any && head->hash != expected.hash)) {
    problem(fmt::format(
        "the audit log's head names entry {} but the log ends at entry {}: entries were removed "
        "from its end",
        head->sequence, last));
  }
}

}  // namespace guanxi::storage
