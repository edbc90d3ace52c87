#include "storage/tagged_properties.h"

#include <algorithm>

namespace guanxi::storage {

TaggedProperties::TaggedProperties(const PrivacySchema& schema) {
  for (const TagDefinition& tag : schema.tags) {
    auto& pairs = tag.entity == TaggedEntity::kNode ? node_ : relationship_;
    for (PropertyKeyId key : tag.properties) pairs.push_back(pair(tag.label_or_type, key));
  }
  std::sort(node_.begin(), node_.end());
  std::sort(relationship_.begin(), relationship_.end());
}

bool TaggedProperties::node_property(std::span<const LabelId> labels, PropertyKeyId key) const {
  for (LabelId label : labels) {
    if (std::binary_search(node_.begin(), node_.end(), pair(label, key))) return true;
  }
  return false;
}

bool TaggedProperties::relationship_property(TypeId type, PropertyKeyId key) const {
  return std::binary_search(relationship_.begin(), relationship_.end(), pair(type, key));
}

}  // namespace guanxi::storage
