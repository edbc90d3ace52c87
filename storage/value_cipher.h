// ValueCipher: seals tagged values at rest and opens them again
// (docs/privacy.md, "Storage and keys").
//
// A tagged value is stored sealed: encrypted with XChaCha20-Poly1305 under a
// random 256-bit key of its data subject (the node; for a relationship, its
// start node), with the entity and property as additional data so a sealed
// value copied elsewhere does not open. Beside the ciphertext it keeps a
// fingerprint, a keyed BLAKE2b hash of the value's index encoding under a
// subkey of the master key: index entries and unique constraints key on it,
// so no index holds a tagged value either, and equal values still meet.
//
// Subject keys live in the key store (key_store.h), apart from the database
// directory, wrapped under the master key: a backup of the database holds no
// subject key, and erasing a subject (deleting its key) cannot be undone by
// restoring an older copy of the database. A key made inside a write
// transaction is written to the key store just before that transaction
// commits, in one batch.
//
// Fails closed: a sealed value whose key is gone (erased, or the key store
// missing) or that does not authenticate does not open; callers read it as
// absent. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "storage/environment.h"
#include "storage/ids.h"
#include "storage/value.h"

namespace guanxi::storage {

class KeyStore;
class OpenedRecordCache;
class OpenedValueCache;

class ValueCipher {
 public:
  explicit ValueCipher(Environment& env);
  ~ValueCipher();

  // Where the key store of this database is: `<key file>.store`.
  std::filesystem::path key_store_path() const;

  // `plain` (neither null nor sealed) sealed as property `key` of entity
  // `id`, under `subject`'s key; makes the subject's key when it has none
  // (and the database's key file when it has none). Throws StorageError
  // when the key file or key store cannot be read or written.
  Value seal(WriteTransaction& txn, SealedEntity entity, std::uint64_t id, NodeId subject,
             PropertyKeyId key, const Value& plain);
  // The value `sealed` holds, or nullopt when it does not open (see above).
  // Values opened are remembered (opened_value_cache.h) up to the budget
  // EnvironmentOptions::opened_value_cache gives. Throws StorageError when
  // the key file is missing or another database's.
  std::optional<Value> unseal(const Transaction& txn, SealedEntity entity, std::uint64_t id,
                              NodeId subject, PropertyKeyId key, const Sealed& sealed);
  // A sealed value carrying only the fingerprint `plain` would have, to
  // seek an index; nullopt when the database has no key (so nothing is
  // sealed).
  std::optional<Value> fingerprint(const Transaction& txn, const Value& plain);
  // The same for a value known by its index encoding alone
  // (index_key_codec.h): what `fingerprint` gives every value so encoded.
  std::optional<Value> fingerprint_of_index_key(const Transaction& txn, std::string_view encoded);

  // Node records read in a snapshot, kept with their sealed values opened
  // (opened_record_cache.h), within the same budget as the values.
  OpenedRecordCache& opened_records() { return *opened_records_; }

  // Destroys `subject`'s key and records its erasure in the key store, in
  // one durable transaction, before the database's own record of it; then
  // forgets every value and record opened so far.
  void erase_subject_key(const Transaction& txn, NodeId subject, std::int64_t at_micros);
  // The key store, opened on first use; nullptr when the database has no key
  // or (unless `create`) no key store yet.
  KeyStore* key_store(const Transaction& txn, bool create);

 private:
  struct Keys;
  // The master-key-derived state; nullptr when the database has no key.
  const Keys* keys(const Transaction& txn);
  // Sets `sealed`'s fingerprint of `plain`: a keyed hash of its index
  // encoding (of its record encoding when it has none).
  static void fingerprint_into(const Keys& keys, const Value& plain, Sealed& sealed);
  static void hash_into(const Keys& keys, std::string_view message, Sealed& sealed);

  Environment& env_;
  std::mutex mutex_;  // guards making the two below
  std::unique_ptr<Keys> keys_;
  std::unique_ptr<KeyStore> store_;
  // Published once made, so that every read of a sealed value after the
  // first takes no lock here.
  std::atomic<const Keys*> keys_ready_{nullptr};
  std::atomic<KeyStore*> store_ready_{nullptr};
  std::unique_ptr<OpenedValueCache> opened_;  // opened_value_cache.h
  std::unique_ptr<OpenedRecordCache> opened_records_;
};

}  // namespace guanxi::storage
