// Order-preserving encoding of indexable values for property-index keys.
//
// Equal values have equal encodings, so equality is one exact-key lookup, and
// byte order is value order within a type family, so a range is a key range:
//   bool      0x10 b
//   number    0x20 ordered-double(8) 0x00               (a float, or an int a double holds exactly)
//             0x20 ordered-double(8) 0x01 flipped int64 (an int no double holds: |i| > 2^53)
//   string    0x30 escaped bytes (0x00 -> 0x00 0xFF) then 0x00 0x00       (<= 128 bytes)
//             0x30 escaped first 128 bytes then 0x00 0x01 + xxh3-64 (long; order by prefix only)
//   date      0x40 flipped int64 days
//   localtime 0x44 flipped int64 nanoseconds of the day
//   time      0x48 flipped int64 (nanoseconds of the day - offset), flipped int64 offset
//   localdt   0x4c flipped int64 seconds, be32 nanoseconds
//   datetime  0x50 flipped int64 UTC seconds, be32 nanoseconds, flipped int64 offset,
//             zone name (empty for a fixed offset)
// Times and datetimes sort as Cypher orders them: by instant, then offset
// (the later local time last), then zone name (a fixed offset first).
//   duration  0x60 flipped months, days, seconds, be32 nanoseconds (equality only)
//   sealed    0x70 the 16-byte keyed fingerprint of a tagged value (equality
//             only; value_cipher.h): the index never holds a tagged value
// Ints and floats share the number family, and an int that a double
// represents exactly takes the float form, so 1 and 1.0 have one encoding.
// An int beyond a double's precision keeps its exact value after the double
// it rounds to; a float never equals such an int, so each number value still
// has exactly one encoding. Among the keys sharing one double, byte order is
// not value order (the float form sorts first); range scans allow for it.
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
// The encoding of a sealed value, written without a Value: this tag byte,
// then the 16-byte fingerprint.
inline constexpr char kSealedIndexKeyTag = 0x70;
inline constexpr std::size_t kSealedIndexKeySize = 17;
// The smallest key prefix from which a scan for values >= `v` in v's family
// must start: numbers stop after the double (ints that round to the same
// double may be smaller than `v`), long strings after their inline prefix
// (the hash says nothing of order), everything else is the whole encoding.
std::string index_key_range_start(const Value& v);

// A decoded key: the value, or for a long string only its first 128 bytes.
// A number in the float form decodes as a float even when it was stored for
// an int (the two are the same key); compare with compare_index_values.
struct DecodedIndexKey {
  Value value;
  bool truncated = false;  // a long string: `value` is a prefix, check the record
};
// Decodes an encoding; nullopt for bytes that are not a valid encoding.
std::optional<DecodedIndexKey> decode_index_key(std::string_view bytes);

// Total order used by range seeks over one family: <0, 0, >0; numbers compare
// exactly across int and float, times and datetimes as their keys sort;
// nullopt when the two are not comparable (different families, NaN).
std::optional<int> compare_index_values(const Value& a, const Value& b);

}  // namespace guanxi::storage
