// TaggedProperties: which stored properties a tag covers, the storage side
// of the privacy schema.
//
// A node's property is tagged when a tag on one of the node's labels names
// it; a relationship's when a tag on its type does. Graph seals exactly
// these (value_cipher.h) and opens any other sealed value it meets, so a
// record always matches the schema of its transaction, whatever changed:
// the property, the node's labels, or the tags themselves.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "storage/ids.h"
#include "storage/privacy_schema.h"

namespace guanxi::storage {

class TaggedProperties {
 public:
  TaggedProperties() = default;
  explicit TaggedProperties(const PrivacySchema& schema);

  bool empty() const { return node_.empty() && relationship_.empty(); }
  bool node_property(std::span<const LabelId> labels, PropertyKeyId key) const;
  bool relationship_property(TypeId type, PropertyKeyId key) const;

 private:
  static std::uint64_t pair(std::uint32_t owner, PropertyKeyId key) {
    return (std::uint64_t{owner} << 32) | key;
  }
  std::vector<std::uint64_t> node_;          // sorted (label, key) pairs
  std::vector<std::uint64_t> relationship_;  // sorted (type, key) pairs
};

}  // namespace guanxi::storage
