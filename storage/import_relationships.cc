// The relationship half of the bulk importer: parsing relationship files, resolving their
// endpoints, and writing records and adjacency.
#include <algorithm>
#include <iterator>

#include "storage/import_duplicates.h"
#include "storage/importer.h"

namespace guanxi::storage::bulk {

// --- relationships ----------------------------------------------------------------

EndpointSpace Importer::endpoint(const std::string& space_name) {
  EndpointSpace e;
  e.name = space_name;
  e.first_node = first_node_;
  for (const SpaceStage& s : spaces_) {
    if (s.name != space_name) continue;
    e.integer = s.integer;
    if (s.integer) {
      e.ints = &s.int_map;
    } else {
      e.strings = &s.string_map;
    }
    e.in_database = s.stored.has_value();
    return e;
  }
  if (auto stored = spaces_api_.find(txn_, space_name)) {
    e.integer = stored->kind == IdKind::kInteger;
    e.in_database = true;
  } else {
    e.integer = false;  // an unknown space: every id is unknown
  }
  return e;
}

void Importer::parse_relationships() {
  for (const ImportGroup& group : relationship_groups_) {
    for (InputFile& file : open_group(group, HeaderKind::kRelationships)) {
      const std::size_t index = files_.size();
      files_.push_back(std::move(file));
      const InputFile& f = files_.back();
      RelationshipFileSpec spec;
      spec.header = &f.header;
      spec.properties = property_columns(f.header);
      if (f.header.type < 0) {
        if (group.label_or_type.empty()) {
          fail(index, 1, "no relationship type: give one for the file or add a :TYPE column");
        }
        spec.type = graph_.dictionary().intern(txn_, NameKind::kType, group.label_or_type);
        type_names_[spec.type] = group.label_or_type;
      } else {
        spec.fallback_type = group.label_or_type;
      }
      spec.start = endpoint(f.header.columns[f.header.start].id_space);
      spec.end = endpoint(f.header.columns[f.header.end].id_space);
      spec.dialect = {options_.delimiter, options_.quote};
      spec.array_delimiter = options_.array_delimiter;
      const std::size_t first = relationship_chunks_.size();
      for (std::string_view part : split(f)) {
        RelationshipChunk& c = relationship_chunks_.emplace_back();
        c.data = part;
        c.file = index;
      }
      parse_parallel(relationship_chunks_, first,
                     [&](RelationshipChunk& c) { parse_relationship_chunk(spec, c, rows_); });
      place_chunks(relationship_chunks_, first, f);
      std::unordered_map<std::string, NodeId> cache;
      for (std::size_t i = first; i < relationship_chunks_.size(); ++i) {
        RelationshipChunk& c = relationship_chunks_[i];
        if (c.failure) std::rethrow_exception(c.failure);
        resolve_unresolved(c, cache);
        check_chunk(c);
        if (c.local_types) {
          std::vector<TypeId> remap;
          for (const std::string& name : c.type_names.names()) {
            remap.push_back(graph_.dictionary().intern(txn_, NameKind::kType, name));
            type_names_[remap.back()] = name;
          }
          for (RelationshipRow& r : c.rows) r.type = remap[r.type];
          c.local_types = false;
        }
      }
      bytes_done_ += f.data->data().size();
      // Parsed, resolved and checked, the rows no longer need their text:
      // unmapping it now takes a large file out of the import's resident
      // memory before the adjacency is built (the 233 MB relationships file
      // of the scale-20 R-MAT stayed mapped through a 1.45 GB peak).
      for (std::size_t i = first; i < relationship_chunks_.size(); ++i)
        relationship_chunks_[i].data = {};
      InputFile& parsed = files_[index];
      parsed.text = parsed.body = {};
      parsed.converted.reset();
      parsed.data.reset();
      progress("relationships");
    }
  }
}

// Looks up, in the database, the endpoints that were not among this import's
// nodes; reports the first unknown one unless the chunk failed on an earlier line.
void Importer::resolve_unresolved(RelationshipChunk& c,
                                  std::unordered_map<std::string, NodeId>& cache) {
  if (c.unresolved.empty()) return;
  const InputFile& f = files_[c.file];
  const Column& start = f.header.columns[f.header.start];
  const Column& end = f.header.columns[f.header.end];
  for (const UnresolvedEnd& u : c.unresolved) {
    if (c.error && c.error->line <= u.line) break;
    const std::string& space_name = u.is_end ? end.id_space : start.id_space;
    std::string key = space_name;
    key.push_back('\0');
    key += u.id;
    NodeId node = kNoId;
    if (auto it = cache.find(key); it != cache.end()) {
      node = it->second;
    } else {
      if (auto info = spaces_api_.find(txn_, space_name)) {
        std::int64_t v;
        if (info->kind == IdKind::kString) {
          node = spaces_api_.lookup(txn_, *info, Value(u.id)).value_or(kNoId);
        } else if (parse_int64(u.id, &v)) {
          node = spaces_api_.lookup(txn_, *info, Value(v)).value_or(kNoId);
        }
      }
      cache.emplace(std::move(key), node);
    }
    if (node == kNoId) {
      fail(c.file, c.first_line + u.line,
           std::string("unknown ") + (u.is_end ? "end" : "start") + " id '" + u.id + "' in " +
               describe_space(space_name));
    }
    RelationshipRow& row = c.rows[u.row];
    (u.is_end ? row.dst : row.src) = node;
  }
}

std::vector<std::uint64_t> Importer::drop_duplicate_relationships(
    const std::vector<const RelationshipChunk*>& chunks) {
  AdjacencyRuns probe;  // relationship ids = ordinals
  probe.build(chunks, 0, Direction::kOut);
  RelationshipProperties properties(chunks);
  std::vector<std::uint64_t> repeated = find_repeated_relationships(probe, 0, properties);
  const std::vector<std::uint64_t> stored =
      find_relationships_in_database(txn_, probe, 0, first_node_, properties);
  std::vector<std::uint64_t> dropped;
  std::set_union(repeated.begin(), repeated.end(), stored.begin(), stored.end(),
                 std::back_inserter(dropped));
  if (!dropped.empty()) drop_relationships(relationship_chunks_, dropped);
  return dropped;
}

void Importer::start_relationships() {
  RelationshipWrite& w = relationship_write_;
  for (const RelationshipChunk& c : relationship_chunks_) {
    w.total += c.rows.size();
    w.chunks.push_back(&c);
  }
  if (w.total == 0) return;
  if (options_.skip_duplicate_relationships) {
    report_.skipped_relationships = drop_duplicate_relationships(w.chunks).size();
    w.total -= report_.skipped_relationships;
    if (w.total == 0) return;
  }
  w.first = graph_.counters().allocate_relationships(txn_, w.total);
  w.properties.emplace(w.chunks);
  // While this thread writes the nodes, their ID spaces, the ids' index and
  // the relationship records (about 1.1 s for the scale-20 R-MAT graph),
  // another builds the out-entries (0.5 s to group them by target, 0.7 s to
  // regroup them by source) and finds the relationships that repeat earlier
  // ones. The regrouping leaves a core to this thread, whose writes are the
  // import's critical path.
  const unsigned threads = std::max(2U, std::thread::hardware_concurrency()) - 1;
  w.out_built =
      std::async(std::launch::async, [&w, threads, skip = options_.skip_duplicate_relationships] {
        w.out.build(w.chunks, w.first, Direction::kOut, &w.in, threads);
        if (!skip) w.repeated = find_repeated_relationships(w.out, w.first, *w.properties);
      });
}

void Importer::write_relationships() {
  RelationshipWrite& w = relationship_write_;
  if (!w.out_built.valid()) return;  // nothing to write
  progress("writing");
  std::vector<std::uint64_t> per_type;
  write_relationship_records(txn_, w.chunks, w.first, per_type,
                             relationship_sealer(graph_, txn_, tags_));
  w.out_built.get();
  if (!options_.skip_duplicate_relationships) {
    // Before the out-entries are written, so that only stored relationships are found.
    const std::vector<std::uint64_t> stored =
        find_relationships_in_database(txn_, w.out, w.first, first_node_, *w.properties);
    std::vector<std::uint64_t> duplicates;
    std::set_union(w.repeated.begin(), w.repeated.end(), stored.begin(), stored.end(),
                   std::back_inserter(duplicates));
    report_.duplicate_relationships = duplicates.size();
  }
  // The rows are not needed again: give their memory back before LMDB takes
  // the pages of the adjacency tables (moved from, not assigned {}, which
  // would keep their capacity: 443 MB for the scale-20 R-MAT graph).
  w.properties.reset();
  for (RelationshipChunk& c : relationship_chunks_) {
    c.rows = std::vector<RelationshipRow>();
    c.properties = std::string();
    c.unresolved = std::vector<UnresolvedEnd>();
  }
  // While this thread writes the out-entries, another derives the in-entries
  // from them, in the memory the out build grouped its entries in.
  auto in_built = std::async(std::launch::async, [&w] { w.in.build_reverse(w.out); });
  try {
    w.out.write(txn_, graph_.env().dbi().out);
  } catch (...) {
    in_built.wait();
    throw;
  }
  in_built.get();
  w.out = {};
  w.in.write(txn_, graph_.env().dbi().in);
  w.in = {};
  for (TypeId t = 0; t < per_type.size(); ++t) {
    if (per_type[t] == 0) continue;
    graph_.counters().add_relationships(txn_, t, static_cast<std::int64_t>(per_type[t]));
    report_.relationships_by_type[type_names_[t]] += per_type[t];
  }
  report_.relationships = w.total;
}

}  // namespace guanxi::storage::bulk
