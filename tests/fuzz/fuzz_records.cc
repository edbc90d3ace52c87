// fuzz_records: record, key and adjacency block decoding on arbitrary bytes.
//
// The first byte picks the decoder, the rest is its input. Node and
// relationship records carry a checksum that random bytes almost never
// match, so the record cases append the correct checksum to the body: the
// decoder then reads the body itself instead of stopping at the checksum.
// Every decoder must either succeed or throw StorageError; whatever decodes
// must encode again, and that encoding must decode to the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/adjacency_block.h"
#include "storage/bytes.h"
#include "storage/error.h"
#include "storage/index_key_codec.h"
#include "storage/record_codec.h"

namespace {

using namespace guanxi::storage;

// Aborts (a finding) when `ok` is false: libFuzzer reports the input.
void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz_records: %s\n", what);
    std::abort();
  }
}

// `body` followed by its checksum, as the encoders seal a record.
std::string with_checksum(std::string_view body) {
  std::string bytes(body);
  ByteWriter(&bytes).u32le(record_checksum(body));
  return bytes;
}

void node(std::string_view bytes) {
  NodeRecord rec;
  try {
    rec = decode_node(bytes, 1);
  } catch (const StorageError&) {
    return;
  }
  // Compared as bytes, not records: a NaN property is not equal to itself.
  const std::string again = encode_node(rec);
  require(encode_node(decode_node(again, 1)) == again, "node encoding is not stable");
}

void relationship(std::string_view bytes) {
  RelationshipRecord rec;
  try {
    rec = decode_relationship(bytes, 1);
  } catch (const StorageError&) {
    return;
  }
  const RelationshipRecord ends = decode_relationship_endpoints(bytes, 1);
  require(ends.src == rec.src && ends.dst == rec.dst && ends.type == rec.type,
          "the endpoints decoder disagrees with the full decoder");
  const std::string again = encode_relationship(rec);
  require(encode_relationship(decode_relationship(again, 1)) == again,
          "relationship encoding is not stable");
}

void value(std::string_view bytes) {
  const std::string what = "fuzz value";
  ByteReader reader(bytes, &what);
  Value v;
  try {
    v = decode_value(reader);
  } catch (const StorageError&) {
    return;
  }
  std::string again;
  ByteWriter writer(&again);
  encode_value(v, writer);
  ByteReader reread(again, &what);
  const Value v2 = decode_value(reread);
  require(reread.at_end(), "a value's encoding holds trailing bytes");
  std::string twice;
  ByteWriter writer2(&twice);
  encode_value(v2, writer2);
  require(twice == again, "value encoding is not stable");
}

void index_key(std::string_view bytes) {
  const auto decoded = decode_index_key(bytes);
  if (!decoded || decoded->truncated) return;
  require(index_key_indexable(decoded->value), "a decoded index key is not indexable");
  const std::string again = encode_index_key(decoded->value);
  const auto redecoded = decode_index_key(again);
  require(redecoded.has_value(), "an index key's encoding does not decode");
  require(compare_index_values(decoded->value, redecoded->value).value_or(0) == 0,
          "an index key changes value through encoding");
  (void)index_key_range_start(decoded->value);
}

void adjacency_block(std::string_view bytes) {
  // The others-only decode reads less, so it may accept what the full one
  // refuses; it must never crash, and where both accept they must agree.
  std::vector<NodeId> others;
  std::span<const NodeId> decoded_others;
  try {
    decoded_others = decode_adjacency_others_into(bytes, others);
  } catch (const StorageError&) {
    decoded_others = {};
    others.clear();
  }
  std::vector<AdjacencyEntry> entries;
  try {
    decode_adjacency_block(bytes, entries);
  } catch (const StorageError&) {
    return;
  }
  require(!others.empty() && decoded_others.size() == entries.size(),
          "the others-only decode refuses a block the full decode reads");
  for (std::size_t i = 0; i < entries.size(); ++i)
    require(decoded_others[i] == entries[i].other(), "the others-only decode disagrees");
  require(adjacency_block_count(bytes) == entries.size(), "a block's count disagrees");
  std::string again;
  encode_adjacency_block(entries, again);
  std::vector<AdjacencyEntry> reread;
  decode_adjacency_block(again, reread);
  require(reread == entries, "a block changes through encoding");
  for (std::size_t cut : fill_block_cuts(entries))
    require(cut > 0 && cut < entries.size() && entries[cut - 1].other() != entries[cut].other(),
            "a block cut splits parallel entries");
  const std::size_t half = half_block_cut(entries);
  require(half == 0 || entries[half - 1].other() != entries[half].other(),
          "a half cut splits parallel entries");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 7) {
    case 0: node(rest); break;
    case 1: node(with_checksum(rest)); break;
    case 2: relationship(rest); break;
    case 3: relationship(with_checksum(rest)); break;
    case 4: value(rest); break;
    case 5: index_key(rest); break;
    case 6: adjacency_block(rest); break;
  }
  return 0;
}
