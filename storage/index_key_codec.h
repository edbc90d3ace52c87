// Order-preserving encoding of indexable values for property-index keys.
//
// Byte order of encodings is value order within a type family, so equality is
// a prefix scan and a range a range scan:
//   bool      0x10 b
//   number    0x20 ordered-double(8) then 0x00 (float) or 0x01 + flipped int64 (int)
//   string    0x30 escaped bytes (0x00 -> 0x00 0xFF) then 0x00 0x00       (<= 128 bytes)
//             0x30 escaped first 128 bytes then 0x00 0x01 + xxh3-64 (long; order by prefix only)
//   date      0x40 flipped int64 days
//   datetime  0x50 flipped int64 micros
//   duration  0x60 flipped months, days, micros (equality only)
// Ints and floats share the number family so 1 and 1.0 meet; the trailing
// exact part keeps large ints (beyond 2^53) distinct.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "storage/value.h"

namespace guanxi::storage {

inline constexpr std::size_t kMaxInlineIndexString = 128;

bool index_key_indexable(const Value& v);
// Full encoding of `v` (must be indexable).
std::string encode_index_key(const Value& v);
// The prefix shared by every encoding equal to `v` (numbers: without the
// exact part; long strings: the whole key).
std::string index_key_equality_prefix(const Value& v);

// A decoded key: the value, or for a long string only its first 128 bytes.
struct DecodedIndexKey {
  Value value;
  bool truncated = false;  // a long string: `value` is a prefix, check the record
};
// Decodes an encoding; nullopt for bytes that are not a valid encoding.
std::optional<DecodedIndexKey> decode_index_key(std::string_view bytes);

// Total order used by range seeks over one family: <0, 0, >0; numbers compare
// exactly across int and float; nullopt when the two are not comparable
// (different families, NaN).
std::optional<int> compare_index_values(const Value& a, const Value& b);

}  // namespace guanxi::storage
