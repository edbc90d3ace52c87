// The privacy catalog: tags, purposes and policies stored in the `privacy`
// table (docs/storage.md, "Privacy").
//
// Reads return the whole schema as plain data (privacy_schema.h); it is
// small (tens of entries), so each statement reads it once from its snapshot.
// Writes change one entry and bump `meta/privacy_version`. Validation (names
// taken, a property already tagged, a policy naming an unknown tag) is the
// query layer's, which reports it with the statement's position; the catalog
// stores what it is given.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "storage/privacy_schema.h"
#include "storage/transaction.h"

namespace guanxi::storage {

// The schema in `txn`'s snapshot, lists sorted by name. Throws
// StorageError(kCorruption) naming the entry when one does not decode.
PrivacySchema read_privacy_schema(const Transaction& txn);

// Bumped by every change below; 0 for a database that never had one.
std::uint64_t privacy_version(const Transaction& txn);

// The database's master key (32 bytes), from its key file (key_file.h);
// nullopt while the database has none. Throws StorageError: kNotFound when
// the database has a key and its key file is missing, kInvalidArgument
// when the file found is another database's, kCorruption, kIo. Subkeys
// derived from it key the `hash` mask (below) and the audit chain.
std::optional<std::string> database_secret(const Transaction& txn);
// The same, creating the key file (and the check that ties it to the
// database, in `txn`) when the database has none yet; a key file already
// at its place is adopted when it names this database.
std::string ensure_database_secret(WriteTransaction& txn);
// The key of the `hash` mask's pseudonyms: a subkey of the master key;
// nullopt while the database has none (the first CREATE TAG makes it).
std::optional<std::string> pseudonym_key(const Transaction& txn);
// Removes the pseudonym key format 4 kept in the catalog (the upgrade to 5).
void remove_legacy_pseudonym_key(WriteTransaction& txn);

// Whether any tag, on any label or relationship type, covers property
// `key`: messages must not quote such a property's values.
bool property_is_tagged(const Transaction& txn, PropertyKeyId key);

void put_tag(WriteTransaction& txn, const TagDefinition& tag);
void erase_tag(WriteTransaction& txn, std::string_view name);
// Assigns the purpose its id (the next one; ids are never reused) and
// returns it.
std::uint32_t put_purpose(WriteTransaction& txn, const PurposeDefinition& purpose);
void erase_purpose(WriteTransaction& txn, std::string_view name);
void put_policy(WriteTransaction& txn, const PolicyDefinition& policy);
void erase_policy(WriteTransaction& txn, const PolicyDefinition& policy);

}  // namespace guanxi::storage
