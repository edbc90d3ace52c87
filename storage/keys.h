// Key layouts of the sub-databases (DESIGN.md), in one place so every store
// and the integrity check agree on them. All integers are big-endian so that
// LMDB's byte order is numeric order.
#pragma once

#include <array>
#include <string_view>

#include "storage/bytes.h"
#include "storage/ids.h"

namespace guanxi::storage {

// nodes / relationships: the 8-byte id.
struct IdKey {
  explicit IdKey(std::uint64_t id) { put_be64(bytes.data(), id); }
  std::string_view view() const { return {bytes.data(), bytes.size()}; }
  std::array<char, 8> bytes;
};

// out / in: (node id, type id), 12 bytes.
struct AdjacencyKey {
  AdjacencyKey(NodeId node, TypeId type) {
    put_be64(bytes.data(), node);
    put_be32(bytes.data() + 8, type);
  }
  std::string_view view() const { return {bytes.data(), bytes.size()}; }
  static NodeId node(const void* p) { return get_be64(p); }
  static TypeId type(const void* p) { return get_be32(static_cast<const char*>(p) + 8); }
  std::array<char, 12> bytes;
};

// out / in duplicate values: (other node id, relationship id), 16 bytes, fixed size.
struct AdjacencyEntry {
  char bytes[16];
  NodeId other() const { return get_be64(bytes); }
  RelationshipId relationship() const { return get_be64(bytes + 8); }
  static AdjacencyEntry make(NodeId other, RelationshipId relationship) {
    AdjacencyEntry e;
    put_be64(e.bytes, other);
    put_be64(e.bytes + 8, relationship);
    return e;
  }
  std::string_view view() const { return {bytes, 16}; }
};
static_assert(sizeof(AdjacencyEntry) == 16);

}  // namespace guanxi::storage
