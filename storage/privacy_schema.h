// The privacy schema as plain data: tags with their masks, purposes with
// their legal bases, and the policies that let a purpose read a tag.
//
// The privacy catalog stores it in the database; each statement reads it once
// from its snapshot and decides from it, per session, which tagged values it
// may see and which subjects exist for it (query/property_reader.h). Keeping
// it plain data lets the decision be tested without a database.
// docs/privacy.md describes the model.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/ids.h"

namespace guanxi::storage {

// How a hidden tagged value reads.
enum class MaskKind : std::uint8_t {
  kNull,     // null
  kRedact,   // a string reads '***'; other types null
  kPartial,  // a string keeps its first `keep` code points, then '***'; other types null
  kHash,     // 'hash:' + 16 hex digits of a keyed hash: equal values, equal pseudonyms
  kYear,     // a date or datetime reads as its year; other types null
};

struct Mask {
  MaskKind kind = MaskKind::kNull;
  std::uint32_t keep = 0;  // kPartial only
  friend bool operator==(const Mask&, const Mask&) = default;
};

// Why data may be processed. Only kConsent hides subjects that did not
// consent; the other bases make every subject visible.
enum class LegalBasis : std::uint8_t {
  kConsent,
  kContract,
  kLegalObligation,
  kLegitimateInterest,
};

enum class TaggedEntity : std::uint8_t { kNode, kRelationship };

// `CREATE TAG name ON :LabelOrType(properties...) MASK mask`.
struct TagDefinition {
  std::string name;
  Mask mask;
  TaggedEntity entity = TaggedEntity::kNode;
  std::uint32_t label_or_type = 0;        // a LabelId or a TypeId, by `entity`
  std::vector<PropertyKeyId> properties;  // sorted, unique
  friend bool operator==(const TagDefinition&, const TagDefinition&) = default;
};

// `CREATE PURPOSE name BASIS basis`.
struct PurposeDefinition {
  std::string name;
  LegalBasis basis = LegalBasis::kConsent;
  // Consent records name a purpose by this id, never reused: a purpose
  // dropped and created again starts with nobody's consent.
  std::uint32_t id = 0;
  friend bool operator==(const PurposeDefinition&, const PurposeDefinition&) = default;
};

// `ALLOW purpose READ tag`.
struct PolicyDefinition {
  std::string purpose;
  std::string tag;
  friend bool operator==(const PolicyDefinition&, const PolicyDefinition&) = default;
};

// Everything the catalog holds, each list sorted by name (policies by
// purpose, then tag). `version` changes with every schema change, so a
// cache of decisions made from one schema can tell it is stale.
struct PrivacySchema {
  std::vector<TagDefinition> tags;
  std::vector<PurposeDefinition> purposes;
  std::vector<PolicyDefinition> policies;
  std::uint64_t version = 0;
  bool empty() const { return tags.empty() && purposes.empty() && policies.empty(); }
};

}  // namespace guanxi::storage
