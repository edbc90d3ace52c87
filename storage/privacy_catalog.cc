#include "storage/privacy_catalog.h"

#include <sodium.h>

#include <algorithm>

#include "storage/bytes.h"
#include "storage/cursor.h"
#include "storage/environment.h"
#include "storage/error.h"

namespace guanxi::storage {

namespace {

// Key kinds of the `privacy` table (consent_store.cc owns 'H', 'S', 'X').
constexpr char kTagKey = 'T';
constexpr char kPurposeKey = 'P';
constexpr char kPolicyKey = 'A';
constexpr char kPseudonymKey = 'K';
constexpr std::string_view kVersionMetaKey = "privacy_version";
constexpr std::string_view kNextPurposeMetaKey = "next_purpose";

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

std::optional<std::string> pseudonym_key(const Transaction& txn) {
  auto v = txn.get(txn.env().dbi().privacy, std::string_view(&kPseudonymKey, 1));
  if (!v) return std::nullopt;
  if (v->size() != 32) damaged("key", "pseudonyms");
  return std::string(*v);
}

bool property_is_tagged(const Transaction& txn, PropertyKeyId key) {
  if (privacy_version(txn) == 0) return false;
  for (const TagDefinition& tag : read_privacy_schema(txn).tags) {
    if (std::binary_search(tag.properties.begin(), tag.properties.end(), key)) return true;
  }
  return false;
}

std::string database_secret(WriteTransaction& txn) {
  if (auto key = pseudonym_key(txn)) return *key;
  if (sodium_init() < 0) throw StorageError(ErrorCode::kIo, "libsodium failed to initialize");
  std::string key(32, '\0');
  randombytes_buf(key.data(), key.size());
  txn.put(txn.env().dbi().privacy, std::string_view(&kPseudonymKey, 1), key);
  return key;
}

void put_tag(WriteTransaction& txn, const TagDefinition& tag) {
  const MDB_dbi privacy = txn.env().dbi().privacy;
  database_secret(txn);
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
