// Parsing the rows of bulk-import files into compact in-memory form, one chunk
// of a file per thread. Nothing here touches the database: names that need
// dictionary ids (labels from :LABEL, types from :TYPE) come back as per-chunk
// local indices, and relationship endpoints that are not in this import's ID maps come
// back unresolved, for the importer to settle inside its write transaction.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/csv_reader.h"
#include "storage/id_space.h"
#include "storage/ids.h"
#include "storage/import_header.h"
#include "storage/value.h"

namespace guanxi::storage {

// A bad row: the line is relative to the chunk until the importer adds the
// chunk's first line.
struct RowError {
  std::uint64_t line = 0;
  std::string reason;
};

// Local names (labels or types) seen in one chunk, numbered in order of first use.
class LocalNames {
 public:
  std::uint32_t id(std::string_view name);
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::string> names_;
};

// A property column of a file with its dictionary key, in key order.
struct PropertyColumn {
  int column;
  std::uint32_t key;
};

struct ChunkBase {
  std::string_view data;         // the chunk's bytes (start at a record boundary)
  std::uint64_t first_line = 0;  // physical line of data[0], set by the importer
  std::uint64_t lines = 0;       // physical lines the chunk spans (newlines consumed)
  std::optional<RowError> error;
  std::exception_ptr failure;  // anything else that went wrong in the worker
  std::size_t file = 0;        // index of the file among the importer's files
};

struct NodeRow {
  std::string_view id;             // raw id text, empty when the file has no :ID column
  PropertyList properties;         // without the id property
  std::uint64_t line = 0;          // relative to the chunk
  std::uint32_t labels_begin = 0;  // into NodeChunk::labels
  std::uint32_t labels_count = 0;
};

struct NodeChunk : ChunkBase {
  std::vector<NodeRow> rows;
  std::vector<std::uint32_t> labels;  // LocalNames ids of :LABEL values
  LocalNames label_names;
  std::deque<std::string> copies;  // ids that were unquoted into the reader's buffer
};

// How a file's nodes are parsed.
struct NodeFileSpec {
  const ImportHeader* header;
  std::vector<PropertyColumn> properties;  // excluding the :ID column
  CsvDialect dialect;
  char array_delimiter;
};

// Parses a chunk; errors land in chunk.error / chunk.failure. `rows_done` is
// advanced every few thousand rows for progress reports.
void parse_node_chunk(const NodeFileSpec& spec, NodeChunk& chunk,
                      std::atomic<std::uint64_t>& rows_done);

// A parsed relationship. src/dst are final node ids, or kNoId while unresolved; type is
// a TypeId, or a LocalNames id when RelationshipChunk::local_types.
struct RelationshipRow {
  NodeId src;
  NodeId dst;
  std::uint32_t type;
  std::uint32_t properties_size;  // bytes in RelationshipChunk::properties (0 = none)
};

struct UnresolvedEnd {
  std::uint64_t row;   // index in RelationshipChunk::rows
  bool is_end;         // false: :START_ID, true: :END_ID
  std::string id;      // raw id text
  std::uint64_t line;  // relative to the chunk
};

struct RelationshipChunk : ChunkBase {
  std::vector<RelationshipRow> rows;
  // Per row with properties: varint count, then (varint key, encoded value)
  // in key order: the tail of a relationship record.
  std::string properties;
  bool local_types = false;
  LocalNames type_names;
  std::vector<UnresolvedEnd> unresolved;
};

// Resolution of one endpoint column against this import's nodes.
struct EndpointSpace {
  std::string name;                // ID space name, for messages
  bool integer = true;             // ids of the space are int64
  const IntIdMap* ints = nullptr;  // this import's ids (positions), or null
  const std::unordered_map<std::string_view, std::uint64_t>* strings = nullptr;
  NodeId first_node = 0;     // node id of position 0
  bool in_database = false;  // the space exists in the database: misses are looked up later
};

struct RelationshipFileSpec {
  const ImportHeader* header;
  std::vector<PropertyColumn> properties;
  std::uint32_t type = 0;     // TypeId when the file has no :TYPE column
  std::string fallback_type;  // type name for an empty :TYPE field ("" = error)
  EndpointSpace start, end;
  CsvDialect dialect;
  char array_delimiter;
};

void parse_relationship_chunk(const RelationshipFileSpec& spec, RelationshipChunk& chunk,
                              std::atomic<std::uint64_t>& rows_done);

// "ID space 'Person'" or "the global ID space".
std::string describe_space(const std::string& name);

// Asks the kernel to back [data, data + bytes) with transparent huge pages
// where it can: the importer's large arrays are filled once, front to back,
// and a fault per 4 KiB page costs more than the filling.
void advise_huge_pages(void* data, std::size_t bytes);

// Reserves room for `n` elements, backed by huge pages when large.
template <typename T, typename Allocator>
void reserve_large(std::vector<T, Allocator>& v, std::size_t n) {
  v.reserve(n);
  advise_huge_pages(v.data(), v.capacity() * sizeof(T));
}

// A guess at the number of records in `data` from its first lines, on the
// high side, so that row arrays rarely need to grow.
std::size_t estimate_records(std::string_view data);

}  // namespace guanxi::storage
