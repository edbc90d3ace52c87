#include "storage/privacy_catalog.h"

#include <sodium.h>

#include <algorithm>

#include "storage/bytes.h"
#include "storage/cursor.h"
#include "storage/environment.h"
#include "storage/error.h"
#include "storage/key_file.h"

namespace guanxi::storage {

namespace {

// Key kinds of the `privacy` table (consent_store.cc owns 'H', 'S', 'X').
constexpr char kTagKey = 'T';
constexpr char kPurposeKey = 'P';
constexpr char kPolicyKey = 'A';
// Format 4 kept the pseudonym key here; the upgrade to 5 removes it.
constexpr char kLegacyPseudonymKey = 'K';
constexpr std::string_view kVersionMetaKey = "privacy_version";
// 16 bytes that tie the database to its key file: a keyed hash of the
// database id under the master key. Present once the database has a key.
constexpr std::string_view kKeyCheckMetaKey = "key_check";
constexpr std::string_view kNextPurposeMetaKey = "next_purpose";

std::string key_check(const std::string& master, const DatabaseId& id) {
  unsigned char out[16];
  crypto_generichash_state state;
  crypto_generichash_init(&state, reinterpret_cast<const unsigned char*>(master.data()),
                          master.size(), sizeof out);
  static constexpr std::string_view kLabel = "guanxi key check";
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(kLabel.data()),
                            kLabel.size());
  crypto_generichash_update(&state, id.bytes.data(), id.bytes.size());
  crypto_generichash_final(&state, out, sizeof out);
  return {reinterpret_cast<const char*>(out), sizeof out};
}

std::string master_of(const KeyFileContents& contents) {
  return {reinterpret_cast<const char*>(contents.master.data()), contents.master.size()};
}

void start_sodium() {
  if (sodium_init() < 0) throw StorageError(ErrorCode::kIo, "libsodium failed to initialize");
}

std::string be32_bytes(std::uint32_t v) {
  std::string s(4, '\0');
  put_be32(s.data(), v);
  return s;
}

std::string named_key(char kind, std::string_view name) {
  std::string key(1, kind);
  key += name;
  return key;
}

std::string policy_key(const PolicyDefinition& policy) {
  std::string key(1, kPolicyKey);
  key += be32_bytes(static_cast<std::uint32_t>(policy.purpose.size()));
  key += policy.purpose;
  key += policy.tag;
  return key;
}

[[noreturn]] void damaged(std::string_view what, std::string_view name) {
  throw StorageError(ErrorCode::kCorruption, "privacy catalog entry for " + std::string(what) +
                                                 " '" + std::string(name) + "' is damaged");
}

// Tag value: entity ('N'/'R'), be32 label or type, mask kind, be32 mask
// parameter, be32 property count, be32 property key ids.
std::string encode_tag(const TagDefinition& tag) {
  std::string v;
  v += tag.entity == TaggedEntity::kNode ? 'N' : 'R';
  v += be32_bytes(tag.label_or_type);
  v += static_cast<char>(tag.mask.kind);
  v += be32_bytes(tag.mask.keep);
  v += be32_bytes(static_cast<std::uint32_t>(tag.properties.size()));
  for (PropertyKeyId key : tag.properties) v += be32_bytes(key);
  return v;
}

TagDefinition decode_tag(std::string_view name, std::string_view v) {
  if (v.size() < 14 || (v[0] != 'N' && v[0] != 'R')) damaged("tag", name);
  TagDefinition tag;
  tag.name = std::string(name);
  tag.entity = v[0] == 'N' ? TaggedEntity::kNode : TaggedEntity::kRelationship;
  tag.label_or_type = get_be32(v.data() + 1);
  const auto kind = static_cast<std::uint8_t>(v[5]);
  if (kind > static_cast<std::uint8_t>(MaskKind::kYear)) damaged("tag", name);
  tag.mask.kind = static_cast<MaskKind>(kind);
  tag.mask.keep = get_be32(v.data() + 6);
  const std::uint32_t count = get_be32(v.data() + 10);
  if (v.size() != 14 + std::size_t{count} * 4) damaged("tag", name);
  tag.properties.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i)
    tag.properties.push_back(get_be32(v.data() + 14 + std::size_t{4} * i));
  return tag;
}

void bump_version(WriteTransaction& txn) {
  const MDB_dbi meta = txn.env().dbi().meta;
  std::uint64_t version = 0;
  if (auto v = txn.get(meta, kVersionMetaKey); v && v->size() == 8) version = get_be64(v->data());
  char buf[8];
  put_be64(buf, version + 1);
  txn.put(meta, kVersionMetaKey, std::string_view(buf, 8));
}

}  // namespace

PrivacySchema read_privacy_schema(const Transaction& txn) {
  PrivacySchema schema;
  schema.version = privacy_version(txn);
  Cursor cur(txn, txn.env().dbi().privacy);
  MDB_val k, v;
  // Only the catalog's kinds: the consent history beside them grows with
  // every grant and must not be read by every statement.
  for (const char kind : {kPolicyKey, kPurposeKey, kTagKey}) {
    for (bool more = cur.seek(std::string_view(&kind, 1), k, v); more;
         more = cur.get(k, v, MDB_NEXT)) {
      const std::string_view key = from_val(k);
      if (key.empty() || key[0] != kind) break;
      const std::string_view value = from_val(v);
      const std::string_view rest = key.substr(1);
      if (kind == kTagKey) {
        schema.tags.push_back(decode_tag(rest, value));
      } else if (kind == kPurposeKey) {
        if (value.size() != 5 || static_cast<std::uint8_t>(value[4]) >
                                     static_cast<std::uint8_t>(LegalBasis::kLegitimateInterest)) {
          damaged("purpose", rest);
        }
        PurposeDefinition purpose;
        purpose.name = std::string(rest);
        purpose.id = get_be32(value.data());
        purpose.basis = static_cast<LegalBasis>(value[4]);
        schema.purposes.push_back(std::move(purpose));
      } else {
        if (rest.size() < 4 || rest.size() - 4 < get_be32(rest.data())) damaged("policy", rest);
        const std::uint32_t length = get_be32(rest.data());
        schema.policies.push_back(
            {std::string(rest.substr(4, length)), std::string(rest.substr(4 + length))});
      }
    }
  }
  std::sort(schema.policies.begin(), schema.policies.end(), [](const auto& a, const auto& b) {
    return std::tie(a.purpose, a.tag) < std::tie(b.purpose, b.tag);
  });
  return schema;
}

std::uint64_t privacy_version(const Transaction& txn) {
  auto v = txn.get(txn.env().dbi().meta, kVersionMetaKey);
  return v && v->size() == 8 ? get_be64(v->data()) : 0;
}

std::optional<std::string> database_secret(const Transaction& txn) {
  Environment& env = txn.env();
  const auto check = txn.get(env.dbi().meta, kKeyCheckMetaKey);
  if (!check) return std::nullopt;
  if (auto cached = env.cached_secret()) return cached;
  start_sodium();
  const auto contents = read_key_file(env.key_file());
  if (!contents) {
    throw StorageError(ErrorCode::kNotFound,
                       "the key file of database '" + env.path().string() + "' is missing: '" +
                           env.key_file().string() +
                           "' (give its place with --key-file or GUANXI_KEY_FILE)");
  }
  std::string master = master_of(*contents);
  if (contents->database != env.identity().id || key_check(master, env.identity().id) != *check) {
    throw StorageError(ErrorCode::kInvalidArgument, "'" + env.key_file().string() +
                                                        "' is not the key file of database '" +
                                                        env.path().string() + "'");
  }
  env.remember_secret(master);
  return master;
}

std::string ensure_database_secret(WriteTransaction& txn) {
  if (auto master = database_secret(txn)) return *master;
  start_sodium();
  Environment& env = txn.env();
  const DatabaseId& id = env.identity().id;
  std::string master;
  if (const auto existing = read_key_file(env.key_file())) {
    // Left by a first use that rolled back, or restored beside the database.
    if (existing->database != id) {
      throw StorageError(ErrorCode::kInvalidArgument,
                         "'" + env.key_file().string() + "' is the key file of database " +
                             existing->database.to_string() + ", not of '" + env.path().string() +
                             "' (" + id.to_string() +
                             "): give this database its own with "
                             "--key-file or GUANXI_KEY_FILE");
    }
    master = master_of(*existing);
  } else {
    KeyFileContents contents;
    contents.database = id;
    randombytes_buf(contents.master.data(), contents.master.size());
    write_key_file(env.key_file(), contents);
    master = master_of(contents);
  }
  txn.put(env.dbi().meta, kKeyCheckMetaKey, key_check(master, id));
  env.remember_secret(master);
  return master;
}

std::optional<std::string> pseudonym_key(const Transaction& txn) {
  const auto master = database_secret(txn);
  if (!master) return std::nullopt;
  std::string key(crypto_generichash_KEYBYTES, '\0');
  crypto_kdf_derive_from_key(reinterpret_cast<unsigned char*>(key.data()), key.size(), 2,
                             "gxpseud1", reinterpret_cast<const unsigned char*>(master->data()));
  return key;
}

void remove_legacy_pseudonym_key(WriteTransaction& txn) {
  txn.del(txn.env().dbi().privacy, std::string_view(&kLegacyPseudonymKey, 1));
}

bool property_is_tagged(const Transaction& txn, PropertyKeyId key) {
  if (privacy_version(txn) == 0) return false;
  for (const TagDefinition& tag : read_privacy_schema(txn).tags) {
    if (std::binary_search(tag.properties.begin(), tag.properties.end(), key)) return true;
  }
  return false;
}

void put_tag(WriteTransaction& txn, const TagDefinition& tag) {
  const MDB_dbi privacy = txn.env().dbi().privacy;
  ensure_database_secret(txn);
  txn.put(privacy, named_key(kTagKey, tag.name), encode_tag(tag));
  bump_version(txn);
}

void erase_tag(WriteTransaction& txn, std::string_view name) {
  txn.del(txn.env().dbi().privacy, named_key(kTagKey, name));
  bump_version(txn);
}

std::uint32_t put_purpose(WriteTransaction& txn, const PurposeDefinition& purpose) {
  const MDB_dbi meta = txn.env().dbi().meta;
  std::uint32_t id = 0;
  if (auto v = txn.get(meta, kNextPurposeMetaKey); v && v->size() == 4) id = get_be32(v->data());
  txn.put(meta, kNextPurposeMetaKey, be32_bytes(id + 1));
  std::string value = be32_bytes(id);
  value += static_cast<char>(purpose.basis);
  txn.put(txn.env().dbi().privacy, named_key(kPurposeKey, purpose.name), value);
  bump_version(txn);
  return id;
}

void erase_purpose(WriteTransaction& txn, std::string_view name) {
  txn.del(txn.env().dbi().privacy, named_key(kPurposeKey, name));
  bump_version(txn);
}

void put_policy(WriteTransaction& txn, const PolicyDefinition& policy) {
  txn.put(txn.env().dbi().privacy, policy_key(policy), std::string_view());
  bump_version(txn);
}

void erase_policy(WriteTransaction& txn, const PolicyDefinition& policy) {
  txn.del(txn.env().dbi().privacy, policy_key(policy));
  bump_version(txn);
}

}  // namespace guanxi::storage
