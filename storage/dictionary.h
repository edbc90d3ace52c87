// Dictionary: the u32 ids of label, relationship-type and property-key names.
//
// Ids are assigned in order of first use and never change or get reused.
// Lookups are served from a process-wide cache of committed entries; names a
// write transaction creates join the cache only when it commits, so a rolled
// back transaction leaves no trace.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/environment.h"

namespace guanxi::storage {

enum class NameKind : std::uint8_t { kLabel = 'L', kType = 'T', kPropertyKey = 'P' };

// The longest label, relationship-type or property-key name, in bytes of
// UTF-8: a name's dictionary key is two bytes (kind, 'n') and the name, and
// LMDB keys are at most 511 bytes.
inline constexpr std::size_t kMaxNameBytes = 509;

// "label name of 600 bytes is longer than the 509 bytes a name may have":
// the error text for a name past kMaxNameBytes.
std::string name_too_long(NameKind kind, std::size_t bytes);

class Dictionary {
 public:
  explicit Dictionary(Environment& env) : env_(env) {}

  // The id of `name`, creating it in `txn` if new. Throws StorageError
  // (kInvalidArgument) for an empty name or one longer than kMaxNameBytes.
  std::uint32_t intern(WriteTransaction& txn, NameKind kind, std::string_view name);
  // The id of `name`, or nullopt if it was never created (as seen by `txn`;
  // a name longer than kMaxNameBytes never was).
  std::optional<std::uint32_t> find(const Transaction& txn, NameKind kind, std::string_view name);
  // The name of `id`; throws StorageError(kCorruption) if the id is unknown.
  std::string name(const Transaction& txn, NameKind kind, std::uint32_t id);
  // All names of a kind, indexed by id.
  std::vector<std::string> all(const Transaction& txn, NameKind kind);

 private:
  struct Pending;  // names created by an uncommitted write transaction
  Pending& pending(WriteTransaction& txn);
  std::uint32_t next_id(const Transaction& txn, NameKind kind);

  Environment& env_;
  std::shared_mutex mutex_;
  std::unordered_map<std::string, std::uint32_t> ids_;    // kind byte + name -> id
  std::unordered_map<std::uint64_t, std::string> names_;  // kind << 32 | id -> name
};

}  // namespace guanxi::storage
