// The bulk importer's working state, shared by its node half
// (bulk_import.cc), its ID spaces (import_id_spaces.cc) and its relationship
// half (import_relationships.cc). Internal to storage/.
//
// An Importer lives for one run of the import's write transaction: it maps
// the files, parses them in chunks on worker threads (import_rows.h), settles
// the ID spaces, allocates consecutive ids and writes everything through
// append cursors (import_writer.h).
#pragma once

#include <algorithm>
#include <atomic>
#include <deque>
#include <future>
#include <memory>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

#include "storage/bulk_import.h"
#include "storage/csv_reader.h"
#include "storage/file_contents.h"
#include "storage/id_space.h"
#include "storage/import_duplicates.h"
#include "storage/import_header.h"
#include "storage/import_rows.h"
#include "storage/import_writer.h"
#include "storage/keys.h"

namespace guanxi::storage::bulk {

inline constexpr std::uint64_t kProgressRows = 100'000;
inline constexpr std::size_t kMinChunkBytes = 1 << 20;

// One input file, read, with its header parsed.
struct InputFile {
  std::string name;
  std::unique_ptr<FileContents> data;
  std::unique_ptr<std::string> converted;  // the UTF-8 text, when the file is in another encoding
  std::string_view text;                   // the file's UTF-8 text, without a byte-order mark
  ImportHeader header;
  std::string header_name;  // the file holding the header line (line 1)
  bool header_looks_like_data = false;
  std::string_view body;        // the data rows
  std::uint64_t body_line = 1;  // physical line of body[0]
};

// The ids given for one ID space in this import.
struct SpaceStage {
  std::string name;
  std::optional<IdSpaceInfo> stored;  // the space as it was before this import
  IdSpaceInfo info;
  bool integer = true;
  std::vector<std::string_view> ids;     // raw text, in node order
  std::vector<std::uint64_t> positions;  // node position of each id
  std::vector<std::int64_t> ints;        // parsed ids, when integer
  IntIdMap int_map;
  std::unordered_map<std::string_view, std::uint64_t> string_map;
};

struct NodeFileInfo {
  std::vector<LabelId> labels;  // the group's labels (every node of the file has them)
  std::optional<PropertyKeyId> id_key;
  SpaceStage* space = nullptr;
};

class Importer {
 public:
  Importer(Graph& graph, WriteTransaction& txn, const std::vector<ImportGroup>& nodes,
           const std::vector<ImportGroup>& relationships, const ImportOptions& options)
      : graph_(graph),
        txn_(txn),
        node_groups_(nodes),
        relationship_groups_(relationships),
        options_(options),
        spaces_api_(graph.id_spaces()) {}

  ImportReport run();

 private:
  // --- input -------------------------------------------------------------
  std::vector<InputFile> open_group(const ImportGroup& group, HeaderKind kind);
  std::vector<std::string_view> split(const InputFile& file) const;
  template <typename Chunk, typename Parse>
  void parse_parallel(std::deque<Chunk>& chunks, std::size_t first, Parse&& parse);
  template <typename Chunk>
  void place_chunks(std::deque<Chunk>& chunks, std::size_t first, const InputFile& file);
  [[noreturn]] void fail(std::size_t file, std::uint64_t line, const std::string& reason) const;
  template <typename Chunk>
  void check_chunk(const Chunk& chunk) const;
  std::vector<PropertyColumn> property_columns(const ImportHeader& header);
  void progress(std::string_view phase);

  // --- nodes -------------------------------------------------------------
  void parse_nodes();
  SpaceStage& stage(const std::string& name);
  // Decides whether a space holds integer or string ids, and parses them.
  void settle_kind(SpaceStage& space);
  // Whether the i-th id of `space` is in the database already.
  bool stored_id(const SpaceStage& space, std::size_t i);
  // Drops the nodes whose id repeats one earlier in the import or one in the
  // database, renumbering the rest (skip_duplicate_nodes).
  void drop_duplicate_nodes();
  void settle_spaces();
  std::pair<std::size_t, std::uint64_t> locate_node(std::uint64_t position) const;
  void write_nodes();
  void write_id_spaces();
  // Creates an index on (label, id property) for each label a nodes group
  // gives all its files, where the database has none yet, so that
  // `MATCH (n:Label {id: $x})` seeks without a CREATE INDEX.
  void index_id_properties();

  // --- relationships --------------------------------------------------------------
  EndpointSpace endpoint(const std::string& space_name);
  void parse_relationships();
  void resolve_unresolved(RelationshipChunk& chunk, std::unordered_map<std::string, NodeId>& cache);
  // Drops the relationships identical to an earlier one of the import or to
  // one in the database (skip_duplicate_relationships); returns their ordinals.
  std::vector<std::uint64_t> drop_duplicate_relationships(
      const std::vector<const RelationshipChunk*>& chunks);
  // Allocates the relationship ids and starts building their adjacency on
  // another thread, to overlap the node writes.
  void start_relationships();
  // Writes the relationship records and both adjacency directions.
  void write_relationships();

  Graph& graph_;
  WriteTransaction& txn_;
  const std::vector<ImportGroup>& node_groups_;
  const std::vector<ImportGroup>& relationship_groups_;
  const ImportOptions& options_;
  IdSpaces& spaces_api_;
  std::vector<TagDefinition> tags_;  // the database's, read before the first row is written

  std::vector<InputFile> files_;  // every file read, in order; chunks refer to it by index
  std::atomic<std::uint64_t> rows_{0};
  std::uint64_t reported_rows_ = 0;
  std::uint64_t bytes_total_ = 0;
  std::uint64_t bytes_done_ = 0;
  std::string phase_;

  std::deque<NodeChunk> node_chunks_;
  std::vector<std::uint64_t> chunk_first_position_;  // node position of each chunk's first row
  std::vector<NodeFileInfo> node_files_;  // by file index (sparse: relationships have none)
  std::deque<SpaceStage> spaces_;
  std::uint64_t node_total_ = 0;
  NodeId first_node_ = 0;  // the first imported node: every node below it was in the database

  std::deque<RelationshipChunk> relationship_chunks_;
  std::deque<ImportHeader> relationship_headers_;
  std::map<LabelId, std::string> label_names_;
  std::map<TypeId, std::string> type_names_;
  ImportReport report_;

  // The relationships between start_relationships and write_relationships.
  struct RelationshipWrite {
    std::vector<const RelationshipChunk*> chunks;
    std::uint64_t total = 0;
    RelationshipId first = 0;
    std::optional<RelationshipProperties> properties;
    AdjacencyRuns out;
    AdjacencyRuns in;  // first the out build's grouping by target, then the in-entries
    std::vector<std::uint64_t> repeated;
    std::future<void> out_built;  // last: destroyed, so waited for, first
  };
  RelationshipWrite relationship_write_;  // last: the build reads the members above
};

template <typename Chunk, typename Parse>
void Importer::parse_parallel(std::deque<Chunk>& chunks, std::size_t first, Parse&& parse) {
  std::vector<std::future<void>> running;
  for (std::size_t i = first; i < chunks.size(); ++i) {
    Chunk* chunk = &chunks[i];
    running.push_back(std::async(std::launch::async, [chunk, &parse] { parse(*chunk); }));
  }
  for (auto& f : running) {
    while (f.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) progress(phase_);
    f.get();
  }
}

template <typename Chunk>
void Importer::place_chunks(std::deque<Chunk>& chunks, std::size_t first, const InputFile& file) {
  std::uint64_t line = file.body_line;
  for (std::size_t i = first; i < chunks.size(); ++i) {
    chunks[i].first_line = line;
    line += chunks[i].lines;
  }
}

template <typename Chunk>
void Importer::check_chunk(const Chunk& chunk) const {
  if (chunk.failure) std::rethrow_exception(chunk.failure);
  if (chunk.error) fail(chunk.file, chunk.first_line + chunk.error->line, chunk.error->reason);
}

}  // namespace guanxi::storage::bulk
