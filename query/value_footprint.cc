#include "query/value_footprint.h"

namespace guanxi::query {

namespace {

// Walks nested values, counting at most kFootprintVisits of them; `visits`
// is what is left for the whole estimate.
std::uint64_t heap_bytes(const Value& value, int& visits);

std::uint64_t list_heap_bytes(const List& list, int& visits) {
  std::uint64_t bytes = heap_block_bytes(list.capacity() * sizeof(Value));
  std::uint64_t nested = 0;
  std::size_t seen = 0;
  for (const Value& v : list) {
    if (visits <= 0) break;
    --visits;
    nested += heap_bytes(v, visits);
    ++seen;
  }
  if (seen < list.size() && seen > 0) nested = nested / seen * list.size();
  return bytes + nested;
}

std::uint64_t map_heap_bytes(const Map& map, int& visits) {
  using Entry = Map::value_type;
  std::uint64_t bytes = heap_block_bytes(map.capacity() * sizeof(Entry));
  std::uint64_t nested = 0;
  std::size_t seen = 0;
  for (const auto& [key, v] : map) {
    if (visits <= 0) break;
    --visits;
    if (key.size() > 15) nested += heap_block_bytes(key.capacity() + 1);
    nested += heap_bytes(v, visits);
    ++seen;
  }
  if (seen < map.size() && seen > 0) nested = nested / seen * map.size();
  return bytes + nested;
}

std::uint64_t heap_bytes(const Value& value, int& visits) {
  switch (value.kind()) {
    case ValueKind::kString: {
      const std::string& s = value.as_string();
      return s.size() > 15 ? heap_block_bytes(s.capacity() + 1) : 0;
    }
    case ValueKind::kList: return list_heap_bytes(value.as_list(), visits);
    case ValueKind::kMap: return map_heap_bytes(value.as_map(), visits);
    case ValueKind::kPath: {
      const PathValue& p = value.as_path();
      return heap_block_bytes(p.nodes.capacity() * sizeof(NodeRef)) +
             heap_block_bytes(p.rels.capacity() * sizeof(RelRef));
    }
    default: return 0;
  }
}

}  // namespace

std::uint64_t value_heap_bytes(const Value& value) {
  int visits = kFootprintVisits;
  return heap_bytes(value, visits);
}

std::uint64_t row_heap_bytes(const Row& row) {
  int visits = kFootprintVisits;
  std::uint64_t bytes = heap_block_bytes(row.capacity() * sizeof(Value));
  for (const Value& v : row) {
    if (visits <= 0) break;
    --visits;
    bytes += heap_bytes(v, visits);
  }
  return bytes;
}

}  // namespace guanxi::query
