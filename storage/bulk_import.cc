#include "storage/bulk_import.h"

#include <algorithm>

#include "storage/importer.h"
#include "storage/privacy_catalog.h"

namespace guanxi::storage {
namespace bulk {

void Importer::progress(std::string_view phase) {
  const std::uint64_t rows = rows_.load(std::memory_order_relaxed);
  const bool phase_change = phase_ != phase;
  if (!phase_change && rows < reported_rows_ + kProgressRows) return;
  if (phase_change) phase_ = std::string(phase);
  reported_rows_ = rows;
  if (options_.progress) {
    options_.progress(ImportProgress{phase_, rows, bytes_done_, bytes_total_});
  }
}

void Importer::fail(std::size_t file, std::uint64_t line, const std::string& reason) const {
  throw StorageError(ErrorCode::kImport,
                     files_[file].name + ":" + std::to_string(line) + ": " + reason);
}

namespace {

const char kLooksLikeData[] = "the first row looks like data, not a header";

}  // namespace

std::vector<InputFile> Importer::open_group(const ImportGroup& group, HeaderKind kind) {
  std::vector<InputFile> out;
  std::optional<ImportHeader> shared;
  const CsvDialect dialect{options_.delimiter, options_.quote};
  if (!group.header_file.empty()) {
    FileContents header_file(group.header_file);
    const std::string name = group.header_file.string();
    std::unique_ptr<std::string> converted;
    const std::string_view text =
        decode_input(header_file.data(), options_.encoding, name, &converted);
    CsvReader reader(text, dialect);
    std::vector<std::string_view> fields;
    try {
      if (!reader.next(fields)) throw StorageError(ErrorCode::kImport, name + ":1: no header line");
    } catch (const CsvSyntaxError& e) {
      throw StorageError(ErrorCode::kImport, name + ":1: " + e.reason);
    }
    shared = parse_import_header(fields, kind, name);
  }
  for (const auto& path : group.files) {
    InputFile f;
    f.name = path.string();
    f.data = std::make_unique<FileContents>(path);
    f.text = decode_input(f.data->data(), options_.encoding, f.name, &f.converted);
    if (shared) {
      f.header = *shared;
      f.header_name = group.header_file.string();
      f.body = f.text;
    } else {
      f.header_name = f.name;
      CsvReader reader(f.text, dialect);
      std::vector<std::string_view> fields;
      try {
        if (!reader.next(fields)) {
          throw StorageError(ErrorCode::kImport, f.name + ":1: empty file, expected a header line");
        }
      } catch (const CsvSyntaxError& e) {
        throw StorageError(ErrorCode::kImport,
                           f.name + ":" + std::to_string(e.line) + ": " + e.reason);
      }
      const std::vector<std::string> names(fields.begin(), fields.end());
      f.body = f.text.substr(reader.offset());
      f.body_line = reader.line();
      // The first data row, to tell a missing header line from a real one;
      // a syntax error in it is reported when the rows are parsed.
      std::vector<std::string_view> row;
      try {
        f.header_looks_like_data = reader.next(row) && header_looks_like_data(names, row);
      } catch (const CsvSyntaxError&) {
      }
      const std::vector<std::string_view> views(names.begin(), names.end());
      try {
        f.header = parse_import_header(views, kind, f.name);
      } catch (const StorageError& e) {
        if (!f.header_looks_like_data) throw;
        throw StorageError(e.code(), std::string(e.what()) + " (" + kLooksLikeData + ")");
      }
      if (f.header_looks_like_data) {
        report_.warnings.push_back(f.name + ":1: " + kLooksLikeData +
                                   "; its values became property names");
      }
    }
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<std::string_view> Importer::split(const InputFile& file) const {
  const unsigned threads = std::max(1u, options_.threads);
  // Without quotes every newline ends a record, so the file splits anywhere.
  if (threads == 1 || file.body.size() < 2 * kMinChunkBytes ||
      file.body.find(options_.quote) != std::string_view::npos) {
    return {file.body};
  }
  const auto parts =
      static_cast<unsigned>(std::min<std::size_t>(threads, file.body.size() / kMinChunkBytes));
  return split_at_newlines(file.body, parts);
}

std::vector<PropertyColumn> Importer::property_columns(const ImportHeader& header) {
  std::vector<PropertyColumn> out;
  for (std::size_t i = 0; i < header.columns.size(); ++i) {
    const Column& c = header.columns[i];
    if (c.role != ColumnRole::kProperty) continue;
    out.push_back(
        {static_cast<int>(i), graph_.dictionary().intern(txn_, NameKind::kPropertyKey, c.name)});
  }
  std::sort(out.begin(), out.end(),
            [](const PropertyColumn& a, const PropertyColumn& b) { return a.key < b.key; });
  return out;
}

// --- nodes ---------------------------------------------------------------

SpaceStage& Importer::stage(const std::string& name) {
  for (SpaceStage& s : spaces_) {
    if (s.name == name) return s;
  }
  SpaceStage& s = spaces_.emplace_back();
  s.name = name;
  s.stored = spaces_api_.find(txn_, name);
  return s;
}

void Importer::parse_nodes() {
  for (const ImportGroup& group : node_groups_) {
    std::vector<LabelId> group_labels;
    std::string_view rest = group.label_or_type;
    while (!rest.empty()) {
      const std::size_t colon = rest.find(':');
      const std::string_view name = rest.substr(0, colon);
      if (!name.empty()) {
        const LabelId id = graph_.dictionary().intern(txn_, NameKind::kLabel, name);
        label_names_[id] = std::string(name);
        group_labels.push_back(id);
      }
      rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    }
    for (InputFile& file : open_group(group, HeaderKind::kNodes)) {
      const std::size_t index = files_.size();
      files_.push_back(std::move(file));
      const InputFile& f = files_.back();
      if (f.header.id < 0 && !options_.allow_nodes_without_id) {
        std::string reason =
            "a nodes file without an :ID column: importing it again would duplicate every "
            "node, and no relationship file can refer to its nodes; add an id column such as "
            "'id:ID', or allow nodes without id (--allow-nodes-without-id) if they have no "
            "identity";
        if (f.header_looks_like_data) reason += std::string(" (") + kLooksLikeData + ")";
        throw StorageError(ErrorCode::kImport, f.header_name + ":1: " + reason);
      }
      NodeFileInfo info;
      info.labels = group_labels;
      if (f.header.id >= 0) {
        const Column& id = f.header.columns[f.header.id];
        info.space = &stage(id.id_space);
        if (!id.name.empty())
          info.id_key = graph_.dictionary().intern(txn_, NameKind::kPropertyKey, id.name);
      }
      node_files_.resize(index + 1);
      node_files_[index] = info;
      NodeFileSpec spec{&f.header,
                        property_columns(f.header),
                        {options_.delimiter, options_.quote},
                        options_.array_delimiter};
      const std::size_t first = node_chunks_.size();
      for (std::string_view part : split(f)) {
        NodeChunk& c = node_chunks_.emplace_back();
        c.data = part;
        c.file = index;
      }
      parse_parallel(node_chunks_, first, [&](NodeChunk& c) { parse_node_chunk(spec, c, rows_); });
      place_chunks(node_chunks_, first, f);
      for (std::size_t i = first; i < node_chunks_.size(); ++i) {
        NodeChunk& c = node_chunks_[i];
        check_chunk(c);
        // Dictionary ids for the :LABEL names, rewritten in place.
        std::vector<LabelId> remap;
        for (const std::string& name : c.label_names.names()) {
          remap.push_back(graph_.dictionary().intern(txn_, NameKind::kLabel, name));
          label_names_[remap.back()] = name;
        }
        for (std::uint32_t& l : c.labels) l = remap[l];
        chunk_first_position_.push_back(node_total_);
        for (NodeRow& row : c.rows) {
          row.line += c.first_line;
          if (info.space) {
            info.space->ids.push_back(row.id);
            info.space->positions.push_back(node_total_);
          }
          ++node_total_;
        }
      }
      bytes_done_ += f.data->data().size();
      progress("nodes");
    }
  }
}

std::pair<std::size_t, std::uint64_t> Importer::locate_node(std::uint64_t position) const {
  const auto it =
      std::upper_bound(chunk_first_position_.begin(), chunk_first_position_.end(), position);
  const std::size_t chunk = static_cast<std::size_t>(it - chunk_first_position_.begin()) - 1;
  const NodeChunk& c = node_chunks_[chunk];
  return {c.file, c.rows[position - chunk_first_position_[chunk]].line};
}

void Importer::write_nodes() {
  progress("writing");
  std::set<LabelId> indexed;
  for (const IndexInfo& index : graph_.indexes().list(txn_)) indexed.insert(index.label);
  std::map<LabelId, Roaring64Map> members;
  AppendCursor cursor(txn_, graph_.env().dbi().nodes);
  NodeId node = first_node_;
  NodeRecord record;
  for (NodeChunk& c : node_chunks_) {
    const NodeFileInfo& info = node_files_[c.file];
    for (NodeRow& row : c.rows) {
      record.labels = info.labels;
      record.labels.insert(record.labels.end(), c.labels.begin() + row.labels_begin,
                           c.labels.begin() + row.labels_begin + row.labels_count);
      std::sort(record.labels.begin(), record.labels.end());
      record.labels.erase(std::unique(record.labels.begin(), record.labels.end()),
                          record.labels.end());
      record.properties = std::move(row.properties);
      if (info.id_key) {
        std::int64_t v;
        const bool as_int = info.space->integer && parse_int64(row.id, &v);
        set_property(record.properties, *info.id_key, as_int ? Value(v) : Value(row.id));
      }
      if (!tags_.empty()) graph_.seal_node(txn_, node, record);
      const IdKey key(node);
      cursor.put(key.view(), encode_node(record));
      bool has_index = false;
      for (LabelId l : record.labels) {
        members[l].add(node);
        has_index = has_index || indexed.count(l) > 0;
      }
      if (has_index) {
        try {
          graph_.indexes().update(txn_, node, nullptr, &record);
        } catch (const StorageError& e) {
          if (e.code() != ErrorCode::kConstraint) throw;
          fail(c.file, row.line, e.what());
        }
      }
      ++node;
    }
    c.rows.clear();
    c.rows.shrink_to_fit();
  }
  for (auto& [label, ids] : members) {
    graph_.postings().add_all(txn_, {SetKind::kLabel, label}, ids);
    report_.nodes_by_label[label_names_[label]] += ids.cardinality();
  }
  graph_.counters().add_nodes(txn_, static_cast<std::int64_t>(node_total_));
  report_.nodes = node_total_;
}

ImportReport Importer::run() {
  for (const auto* groups : {&node_groups_, &relationship_groups_}) {
    for (const ImportGroup& g : *groups) {
      for (const auto& path : g.files) {
        bytes_total_ +=
            FileContents::expected_size(path);  // also: every file exists, before any work
      }
    }
  }
  progress("nodes");
  parse_nodes();
  settle_spaces();
  // Without nodes to import, first_node_ still marks where the database's
  // nodes end: duplicate relationships can only join nodes below it.
  first_node_ = node_total_ > 0 ? graph_.counters().allocate_nodes(txn_, node_total_)
                                : graph_.counters().next_node_id(txn_);
  progress("relationships");
  parse_relationships();  // before writing nodes: a bad relationship row should fail fast
  start_relationships();
  // Rows are sealed as they are written, as Graph's own writes are. Written
  // in the clear and sealed afterwards in the same transaction, a tagged
  // value left copies in the free space of the pages it moved out of: after
  // an import of 300,000 customers under a tag on their e-mail address,
  // data.mdb held 26,580 of the addresses in the clear.
  tags_ = read_privacy_schema(txn_).tags;
  // The ids may be tagged values: with tags, they are written as fingerprints.
  if (!tags_.empty()) spaces_api_.key_by_fingerprint(txn_);
  write_nodes();
  write_id_spaces();
  // While another thread still builds the relationships' adjacency (0.35 s
  // of the scale-20 R-MAT import's 1M ids off its critical path). The
  // records are sealed: an index over a tagged id holds its fingerprints.
  index_id_properties();
  write_relationships();
  progress("done");
  return std::move(report_);
}

}  // namespace bulk

ImportReport bulk_import(Graph& graph, const std::vector<ImportGroup>& nodes,
                         const std::vector<ImportGroup>& relationships,
                         const ImportOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  // Grow the map up front so a large import does not fill it and run twice.
  std::uint64_t input = 0;
  for (const auto* groups : {&nodes, &relationships}) {
    for (const ImportGroup& g : *groups) {
      for (const auto& path : g.files) {
        std::error_code ec;
        const auto size = std::filesystem::file_size(path, ec);
        if (!ec) input += size;
      }
    }
  }
  // (A database takes about 6x its CSV input; small imports that still fill
  // the map are simply retried after Environment::write grows it.)
  const std::uint64_t wanted = graph.env().used_bytes() + 6 * input;
  if (input >= (std::uint64_t{16} << 20) && graph.env().map_size() < wanted) {
    graph.env().grow_map(wanted);
  }
  ImportReport report = graph.write([&](WriteTransaction& txn) {
    bulk::Importer importer(graph, txn, nodes, relationships, options);
    return importer.run();
  });
  report.elapsed = std::chrono::steady_clock::now() - start;
  return report;
}

}  // namespace guanxi::storage
