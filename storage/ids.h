// Identifier types shared by every part of the storage engine.
//
// Node and relationship ids are dense, start at 0 and are never reused, so algorithms
// can index arrays with them and Roaring bitmaps hold them compactly.
// Dictionary ids (labels, relationship types, property keys) are u32.
#pragma once

#include <cstdint>
#include <limits>

namespace guanxi::storage {

using NodeId = std::uint64_t;
using RelationshipId = std::uint64_t;
using LabelId = std::uint32_t;
using TypeId = std::uint32_t;
using PropertyKeyId = std::uint32_t;

inline constexpr std::uint64_t kNoId = std::numeric_limits<std::uint64_t>::max();

// Which relationships of a node to follow: those leaving it, those arriving, or both.
enum class Direction { kOut, kIn, kBoth };

}  // namespace guanxi::storage
