// The audit log: who read which tagged values, who changed consent and the
// privacy schema, and when (docs/privacy.md, "The audit log").
//
// An append-only table (`audit`), one entry per key (the entry's sequence
// number, big-endian, from 1). Entries are hash-chained: each stores a
// BLAKE2b hash, keyed with a key derived from the database's secret, of the
// previous entry's hash, its own sequence number and its content. A head
// record names the last entry and its hash, and an anchor the first kept
// one (retention removes the oldest), both with a keyed MAC, so that
// check_audit_chain() finds an entry that was edited, removed from the
// middle, the start or the end, by anyone who cannot compute the keyed
// hashes.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/ids.h"
#include "storage/transaction.h"

namespace guanxi::storage {

enum class AuditKind : std::uint8_t {
  kRead = 1,   // a statement read tagged values (masked or not)
  kGrant,      // privacy.grant: one subject's consent to one purpose
  kRevoke,     // privacy.revoke
  kSchema,     // CREATE/DROP TAG or PURPOSE, ALLOW, DISALLOW
  kErase,      // privacy.erase
  kAudit,      // privacy.audit: the log itself was read
  kRetention,  // privacy.retention set, or entries removed by it
};

// 'read', 'grant', 'revoke', 'schema', 'erase', 'audit', 'retention'.
std::string_view audit_kind_name(AuditKind kind);

struct AuditEntry {
  std::uint64_t sequence = 0;  // assigned by append_audit
  std::int64_t at_micros = 0;  // when the statement started (UTC)
  AuditKind kind = AuditKind::kRead;
  std::string user;
  std::string purpose;            // the session's purpose ("" for none)
  std::string statement;          // as typed; parameters are never recorded
  std::vector<std::string> tags;  // kRead: the tags whose values were read, sorted
  // kRead: the distinct subjects whose tagged values were read unmasked;
  // kRetention: the entries removed.
  std::uint64_t subjects = 0;
  std::uint64_t masked = 0;       // kRead: the reads that returned a mask
  std::optional<NodeId> subject;  // kGrant, kRevoke, kErase: the node
  // kGrant, kRevoke: the purpose consented to; kRetention: the period.
  std::string detail;
};

// Appends `entry` (its sequence is assigned) within `txn`. When a retention
// period is set, entries older than it are removed first and their removal
// is appended as a kRetention entry before `entry`.
void append_audit(WriteTransaction& txn, AuditEntry& entry);

struct AuditFilter {
  std::optional<std::int64_t> since_micros;  // entries at or after
  std::optional<std::string> user;
  std::optional<std::string> purpose;
};

// The entries `filter` selects, oldest first. Throws StorageError
// (kCorruption) on an entry that cannot be decoded.
std::vector<AuditEntry> read_audit(const Transaction& txn, const AuditFilter& filter = {});

// How long entries are kept, in microseconds; nullopt: for ever (the default).
std::optional<std::int64_t> audit_retention(const Transaction& txn);
// Sets (or, with nullopt, clears) the retention period. The change takes
// effect at the next append; the caller records it as an entry.
void set_audit_retention(WriteTransaction& txn, std::optional<std::int64_t> micros);

// Reports every break of the chain through `problem`: an entry edited or
// damaged, entries missing (from the start, the middle or the end), a head
// or anchor that does not match. Never throws on damage.
void check_audit_chain(const Transaction& txn,
                       const std::function<void(const std::string&)>& problem);

}  // namespace guanxi::storage
