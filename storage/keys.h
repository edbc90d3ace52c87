// Key layouts of the sub-databases (DESIGN.md), in one place so every store
// and the integrity check agree on them. All integers are big-endian so that
// LMDB's byte order is numeric order.
#pragma once

#include <array>
#include <cstddef>
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

// out / in: the blocks of one node's neighbours over one type
// (adjacency_block.h). The first block of (node, type) is keyed by the
// 12 bytes (node id, type id); every later one by 20, (node id, type id,
// first other node id), which sorts after the first and in neighbour order.
struct AdjacencyKey {
  static constexpr std::size_t kFirstSize = 12;
  static constexpr std::size_t kLaterSize = 20;
  AdjacencyKey(NodeId node, TypeId type) : size(kFirstSize) {
    put_be64(bytes.data(), node);
    put_be32(bytes.data() + 8, type);
  }
  AdjacencyKey(NodeId node, TypeId type, NodeId first_other) : size(kLaterSize) {
    put_be64(bytes.data(), node);
    put_be32(bytes.data() + 8, type);
    put_be64(bytes.data() + 12, first_other);
  }
  std::string_view view() const { return {bytes.data(), size}; }
  static bool valid_size(std::size_t n) { return n == kFirstSize || n == kLaterSize; }
  static NodeId node(const void* p) { return get_be64(p); }
  static TypeId type(const void* p) { return get_be32(static_cast<const char*>(p) + 8); }
  // The first other node of a later block's key (valid for 20-byte keys only).
  static NodeId first_other(const void* p) { return get_be64(static_cast<const char*>(p) + 12); }
  std::array<char, kLaterSize> bytes;
  std::size_t size;
};

// One neighbour as readers see it, decoded from a block: the other node and
// the relationship, with whether the relationship has a record (properties).
// Most relationships have none; the bit lets readers skip the lookup, and
// tells a record lost to damage from no record at all.
struct AdjacencyEntry {
  NodeId other_node;
  // The relationship id shifted left by one, the low bit set when it has a
  // record. Blocks store this word (format 8 stored the plain id).
  std::uint64_t relationship_word;
  NodeId other() const { return other_node; }
  RelationshipId relationship() const { return relationship_word >> 1; }
  bool has_record() const { return (relationship_word & 1) != 0; }
  static AdjacencyEntry make(NodeId other, RelationshipId relationship, bool has_record) {
    return AdjacencyEntry{other, relationship << 1 | static_cast<std::uint64_t>(has_record)};
  }
  friend bool operator==(const AdjacencyEntry&, const AdjacencyEntry&) = default;
  // Block order: by other node, then relationship id (ids are unique, so the
  // record bit never decides).
  friend bool operator<(const AdjacencyEntry& a, const AdjacencyEntry& b) {
    return a.other_node != b.other_node ? a.other_node < b.other_node
                                        : a.relationship_word < b.relationship_word;
  }
};

}  // namespace guanxi::storage
