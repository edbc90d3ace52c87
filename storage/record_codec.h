// Encoding of node and relationship records and of the values inside them.
//
// Layout (DESIGN.md): varint label ids, properties sorted by key id, each
// value with a type byte, and a trailing 4-byte checksum (low 32 bits of xxh3
// over the body) so damage LMDB cannot see is found on read. Decoding is total:
// any byte string either decodes or throws StorageError(kCorruption) naming the
// record; it never reads out of bounds and never recurses without limit.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "storage/bytes.h"
#include "storage/ids.h"
#include "storage/value.h"

namespace guanxi::storage {

struct NodeRecord {
  std::vector<LabelId> labels;  // sorted, unique
  PropertyList properties;      // sorted by key, unique keys
  friend bool operator==(const NodeRecord&, const NodeRecord&) = default;
};

struct RelationshipRecord {
  NodeId src = 0;
  NodeId dst = 0;
  TypeId type = 0;
  PropertyList properties;
  friend bool operator==(const RelationshipRecord&, const RelationshipRecord&) = default;
};

// Deepest nesting of lists and maps a value may have; deeper input is refused
// on write and reported as damage on read.
inline constexpr int kMaxValueDepth = 64;

void encode_value(const Value& v, ByteWriter& w);
Value decode_value(ByteReader& r);

std::string encode_node(const NodeRecord& record);
std::string encode_relationship(const RelationshipRecord& record);
// `id` only names the record in error messages.
NodeRecord decode_node(std::string_view bytes, NodeId id);
RelationshipRecord decode_relationship(std::string_view bytes, RelationshipId id);
// Decodes only src, dst and type (the checksum is still verified).
RelationshipRecord decode_relationship_endpoints(std::string_view bytes, RelationshipId id);

// Finds a property by key in a sorted list; nullptr when absent.
const Value* find_property(const PropertyList& props, PropertyKeyId key);
// Sets (or, with a null value, removes) a property in a sorted list.
void set_property(PropertyList& props, PropertyKeyId key, Value value);

// Checksum of a record body, as stored in its last four bytes.
std::uint32_t record_checksum(std::string_view body);

}  // namespace guanxi::storage
