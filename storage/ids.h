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
// The type of a relationship named from outside (an API parameter) that
// carries only its id and ends: readers find the type in adjacency.
inline constexpr TypeId kUnknownType = std::numeric_limits<TypeId>::max();

// Which relationships of a node to follow: those leaving it, those arriving, or both.
enum class Direction { kOut, kIn, kBoth };

// Whether a relationship has a record (properties), as the adjacency entry
// it was read from said in that read snapshot; kUnknown when it was not read
// from one.
enum class RecordHint : std::uint8_t { kUnknown, kNone, kPresent };

inline RecordHint record_hint(bool has_record) {
  return has_record ? RecordHint::kPresent : RecordHint::kNone;
}

// A relationship as adjacency holds it: id `id` under start node `src`, type
// `type` and end node `dst`. A relationship without properties has no record
// of its own, so this is how it is named; startNode(), endNode() and type()
// read it without a record either. `record` spares a read snapshot the
// lookup of a record that is not there; it is not part of the identity.
struct RelationshipRef {
  RelationshipId id = 0;
  NodeId src = 0;
  NodeId dst = 0;
  TypeId type = 0;
  RecordHint record = RecordHint::kUnknown;
  friend bool operator==(const RelationshipRef& a, const RelationshipRef& b) {
    return a.id == b.id && a.src == b.src && a.dst == b.dst && a.type == b.type;
  }
};

}  // namespace guanxi::storage
