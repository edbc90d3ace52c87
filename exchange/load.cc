#include "exchange/load.h"

#include <algorithm>
#include <deque>
#include <future>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "exchange/cypher_literal.h"
#include "exchange/dump_format.h"
#include "query/parser/parser.h"
#include "query/schema/privacy_statement.h"
#include "storage/file_contents.h"
#include "storage/import_writer.h"
#include "storage/privacy_catalog.h"

namespace guanxi::exchange {

namespace {

using storage::ErrorCode;
using storage::NodeId;
using storage::StorageError;

constexpr std::size_t kRowsPerChunk = 1 << 20;

struct SchemaEntry {
  std::string name, label, key;
  bool unique = false;
};

// One row of an UNWIND list: {i: N, p: {...}} or {s: N, e: M, p: {...}}.
struct DumpRow {
  std::int64_t i = -1, s = -1, e = -1;
  storage::Value properties;  // a map, or null
};

class DumpLoader {
 public:
  DumpLoader(storage::Graph& graph, storage::WriteTransaction& txn, std::string name,
             std::string_view text, const LoadOptions& options)
      : graph_(graph),
        txn_(txn),
        name_(std::move(name)),
        text_(text),
        options_(options),
        reader_(text),
        node_cursor_(txn, graph.env().dbi().nodes) {}

  LoadReport run();

 private:
  [[noreturn]] void fail(std::size_t position, const std::string& why);
  std::uint64_t line_of(std::size_t position);
  void statement();
  void schema(bool unique);
  void rows();
  void node_batch();
  void relationship_batch();
  void skip_statement();
  void privacy_statement();
  std::string dump_node_pattern(std::string_view id_field);
  storage::PropertyKeyId key(const std::string& name);
  storage::PropertyList property_list(const storage::Value& map);
  void write_relationships();
  void create_indexes();
  void progress(const char* phase) {
    if (options_.progress) {
      options_.progress(
          {phase, reader_.position(), text_.size(), report_.nodes, report_.relationships});
    }
  }

  storage::Graph& graph_;
  storage::WriteTransaction& txn_;
  std::string name_;
  std::string_view text_;
  const LoadOptions& options_;
  LiteralReader reader_;
  storage::AppendCursor node_cursor_;
  std::size_t statement_start_ = 0;
  std::size_t counted_to_ = 0;
  std::uint64_t counted_line_ = 1;

  std::vector<DumpRow> rows_;
  std::vector<NodeId> nodes_;  // node id by dump id
  std::set<storage::LabelId> indexed_labels_;
  std::map<storage::LabelId, Roaring64Map> members_;
  std::unordered_map<std::string, storage::PropertyKeyId> keys_;
  std::deque<storage::RelationshipChunk> chunks_;
  std::vector<SchemaEntry> schema_;
  LoadReport report_;
};

std::uint64_t DumpLoader::line_of(std::size_t position) {
  if (position < counted_to_) {
    counted_to_ = 0;
    counted_line_ = 1;
  }
  counted_line_ += static_cast<std::uint64_t>(
      std::count(text_.begin() + static_cast<std::ptrdiff_t>(counted_to_),
                 text_.begin() + static_cast<std::ptrdiff_t>(position), '\n'));
  counted_to_ = position;
  return counted_line_;
}

void DumpLoader::fail(std::size_t position, const std::string& why) {
  throw StorageError(ErrorCode::kImport,
                     name_ + ":" + std::to_string(line_of(position)) + ": " + why);
}

storage::PropertyKeyId DumpLoader::key(const std::string& name) {
  auto it = keys_.find(name);
  if (it != keys_.end()) return it->second;
  const auto id = graph_.dictionary().intern(txn_, storage::NameKind::kPropertyKey, name);
  keys_.emplace(name, id);
  return id;
}

storage::PropertyList DumpLoader::property_list(const storage::Value& map) {
  storage::PropertyList list;
  if (map.is_null()) return list;
  if (map.type() != storage::ValueType::kMap) fail(reader_.position(), "p must be a map");
  for (const auto& [name, value] : map.as_map()) {
    if (!value.is_null()) list.push_back({key(name), value});
  }
  std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  return list;
}

// The privacy schema's statements run as they would in a session, in the
// load's transaction (they are few).
void DumpLoader::privacy_statement() {
  const std::size_t end = text_.find(';', reader_.position());
  if (end == std::string_view::npos) fail(statement_start_, "statement without ';'");
  const query::ast::Statement statement =
      query::parser::parse_statement(text_.substr(statement_start_, end - statement_start_));
  query::run_privacy_statement(graph_, txn_, &txn_, statement);
  reader_.seek(end + 1);
}

void DumpLoader::skip_statement() {
  const std::size_t end = text_.find(';', reader_.position());
  if (end == std::string_view::npos) fail(statement_start_, "statement without ';'");
  reader_.seek(end + 1);
}

void DumpLoader::schema(bool unique) {
  SchemaEntry entry;
  entry.unique = unique;
  entry.name = reader_.name();
  reader_.expect("FOR");
  reader_.expect("(");
  reader_.name();  // the pattern's variable
  reader_.expect(":");
  entry.label = reader_.name();
  reader_.expect(")");
  if (unique) {
    reader_.expect("REQUIRE");
    reader_.name();
    reader_.expect(".");
    entry.key = reader_.name();
    reader_.expect("IS");
    reader_.expect("UNIQUE");
  } else {
    reader_.expect("ON");
    reader_.expect("(");
    reader_.name();
    reader_.expect(".");
    entry.key = reader_.name();
    reader_.expect(")");
  }
  reader_.expect(";");
  if (entry.name != kDumpConstraint) schema_.push_back(std::move(entry));
}

void DumpLoader::rows() {
  rows_.clear();
  reader_.expect("[");
  if (reader_.accept("]")) return;
  do {
    DumpRow row;
    reader_.expect("{");
    do {
      const std::string field = reader_.name();
      reader_.expect(":");
      if (field == "p") {
        row.properties = reader_.value();
        continue;
      }
      const storage::Value n = reader_.value();
      if (n.type() != storage::ValueType::kInt || n.as_int() < 0) {
        fail(reader_.position(), "field '" + field + "' must be a dump id");
      }
      if (field == "i") {
        row.i = n.as_int();
      } else if (field == "s") {
        row.s = n.as_int();
      } else if (field == "e") {
        row.e = n.as_int();
      } else {
        fail(reader_.position(), "unknown row field '" + field + "'");
      }
    } while (reader_.accept(","));
    reader_.expect("}");
    rows_.push_back(std::move(row));
  } while (reader_.accept(","));
  reader_.expect("]");
}

std::string DumpLoader::dump_node_pattern(std::string_view id_field) {
  // ... `__DumpNode` {`__dump_id`: row.X})
  reader_.expect("{");
  if (reader_.name() != kDumpIdKey) fail(reader_.position(), "expected the dump id key");
  reader_.expect(":");
  reader_.expect("row.");
  std::string field = reader_.name();
  if (field != id_field) fail(reader_.position(), "expected row." + std::string(id_field));
  reader_.expect("}");
  reader_.expect(")");
  return field;
}

void DumpLoader::node_batch() {
  reader_.expect("(");
  reader_.name();  // the variable
  std::vector<storage::LabelId> labels;
  bool dump_label = false;
  while (reader_.accept(":")) {
    const std::string label = reader_.name();
    if (label == kDumpLabel) {
      dump_label = true;
    } else {
      labels.push_back(graph_.dictionary().intern(txn_, storage::NameKind::kLabel, label));
    }
  }
  if (!dump_label) fail(reader_.position(), "a dump's node pattern carries the dump label");
  dump_node_pattern("i");
  if (reader_.accept("SET")) {
    reader_.name();
    reader_.expect("+=");
    reader_.expect("row.p");
  }
  reader_.expect(";");
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  bool indexed = false;
  for (storage::LabelId l : labels) indexed = indexed || indexed_labels_.count(l) > 0;

  const NodeId first = graph_.counters().allocate_nodes(txn_, rows_.size());
  // The dump's tags (its first statements) seal the values they cover before
  // a record reaches a page: sealed later in the same transaction, a value
  // would leave copies in the clear in the free space of pages.
  const bool tagged = storage::privacy_version(txn_) != 0;
  storage::NodeRecord record;
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    const DumpRow& row = rows_[r];
    if (row.i != static_cast<std::int64_t>(nodes_.size())) {
      fail(statement_start_, "node dump id " + std::to_string(row.i) + " where " +
                                 std::to_string(nodes_.size()) + " belongs");
    }
    const NodeId id = first + r;
    record.labels = labels;
    record.properties = property_list(row.properties);
    if (tagged) graph_.seal_node(txn_, id, record);
    const storage::IdKey node_key(id);
    node_cursor_.put(node_key.view(), storage::encode_node(record));
    for (storage::LabelId l : labels) members_[l].add(id);
    if (indexed) graph_.indexes().update(txn_, id, nullptr, &record);
    nodes_.push_back(id);
  }
  report_.nodes += rows_.size();
}

void DumpLoader::relationship_batch() {
  reader_.expect("(");
  reader_.name();
  reader_.expect(":");
  reader_.name();
  dump_node_pattern("s");
  reader_.expect(",");
  reader_.expect("(");
  reader_.name();
  reader_.expect(":");
  reader_.name();
  dump_node_pattern("e");
  reader_.expect("CREATE");
  reader_.expect("(a)-[");
  reader_.name();
  reader_.expect(":");
  const storage::TypeId type =
      graph_.dictionary().intern(txn_, storage::NameKind::kType, reader_.name());
  reader_.expect("]->(b)");
  if (reader_.accept("SET")) {
    reader_.name();
    reader_.expect("+=");
    reader_.expect("row.p");
  }
  reader_.expect(";");
  auto node = [&](std::int64_t dump_id) {
    if (dump_id < 0 || static_cast<std::uint64_t>(dump_id) >= nodes_.size()) {
      fail(statement_start_, "relationship to unknown node dump id " + std::to_string(dump_id));
    }
    return nodes_[static_cast<std::size_t>(dump_id)];
  };
  std::string scratch;
  for (const DumpRow& row : rows_) {
    if (chunks_.empty() || chunks_.back().rows.size() >= kRowsPerChunk) chunks_.emplace_back();
    storage::RelationshipChunk& chunk = chunks_.back();
    storage::RelationshipRow out{node(row.s), node(row.e), type, 0};
    const storage::PropertyList properties = property_list(row.properties);
    if (!properties.empty()) {
      const std::size_t before = chunk.properties.size();
      storage::ByteWriter w(&chunk.properties);
      w.varint(properties.size());
      for (const auto& [k, v] : properties) {
        w.varint(k);
        storage::encode_value(v, w);
      }
      out.properties_size = static_cast<std::uint32_t>(chunk.properties.size() - before);
    }
    chunk.rows.push_back(out);
  }
  report_.relationships += rows_.size();
}

void DumpLoader::statement() {
  statement_start_ = reader_.position();
  if (reader_.accept("CREATE CONSTRAINT")) return schema(true);
  if (reader_.accept("CREATE INDEX")) return schema(false);
  if (reader_.accept("CREATE TAG") || reader_.accept("CREATE PURPOSE") || reader_.accept("ALLOW")) {
    return privacy_statement();
  }
  if (reader_.accept("UNWIND")) {
    rows();
    reader_.expect("AS");
    reader_.expect("row");
    if (reader_.accept("CREATE")) return node_batch();
    if (reader_.accept("MATCH")) return relationship_batch();
    fail(reader_.position(), "expected CREATE or MATCH after UNWIND ... AS row");
  }
  // The dump's closing statements undo what a script run needs (the dump
  // label and its constraint), which the loader never makes.
  if (reader_.accept("MATCH") || reader_.accept("DROP CONSTRAINT")) return skip_statement();
  fail(statement_start_,
       "not a statement of a Guanxi dump ('guanxi load' reads dumps only; run other Cypher "
       "scripts with 'guanxi DB -f FILE')");
}

void DumpLoader::write_relationships() {
  std::uint64_t total = 0;
  std::vector<const storage::RelationshipChunk*> chunks;
  for (const storage::RelationshipChunk& c : chunks_) {
    total += c.rows.size();
    chunks.push_back(&c);
  }
  if (total == 0) return;
  progress("writing");
  const storage::RelationshipId first = graph_.counters().allocate_relationships(txn_, total);
  storage::AdjacencyRuns out, in;
  auto out_built = std::async(std::launch::async,
                              [&] { out.build(chunks, first, storage::Direction::kOut, &in); });
  std::vector<std::uint64_t> per_type;
  try {
    storage::write_relationship_records(
        txn_, chunks, first, per_type,
        storage::relationship_sealer(graph_, txn_, storage::read_privacy_schema(txn_).tags));
  } catch (...) {
    out_built.wait();
    throw;
  }
  out_built.get();
  chunks_.clear();
  in.build_reverse(out);
  out.write(txn_, graph_.env().dbi().out);
  out = {};
  in.write(txn_, graph_.env().dbi().in);
  for (storage::TypeId t = 0; t < per_type.size(); ++t) {
    if (per_type[t] > 0) {
      graph_.counters().add_relationships(txn_, t, static_cast<std::int64_t>(per_type[t]));
    }
  }
}

void DumpLoader::create_indexes() {
  auto& dictionary = graph_.dictionary();
  for (const SchemaEntry& entry : schema_) {
    const auto label = dictionary.intern(txn_, storage::NameKind::kLabel, entry.label);
    const auto property = key(entry.key);
    if (auto existing = graph_.indexes().find_by_name(txn_, entry.name)) {
      if (existing->label == label && existing->key == property && existing->unique == entry.unique)
        continue;
    }
    graph_.create_index(txn_, label, property, entry.unique, entry.name);
    ++report_.indexes;
  }
}

LoadReport DumpLoader::run() {
  if (text_.substr(0, kDumpFirstLine.size()) != kDumpFirstLine) {
    fail(0, "not a Guanxi dump (it does not start with '" + std::string(kDumpFirstLine) +
                "'); run other Cypher scripts with 'guanxi DB -f FILE'");
  }
  for (const storage::IndexInfo& index : graph_.indexes().list(txn_)) {
    indexed_labels_.insert(index.label);
  }
  std::size_t statements = 0;
  while (!reader_.at_end()) {
    try {
      statement();
    } catch (const std::runtime_error& e) {
      if (dynamic_cast<const StorageError*>(&e)) throw;
      fail(reader_.position(), e.what());
    }
    if (++statements % 16 == 0) progress("reading");
  }
  for (auto& [label, ids] : members_) {
    graph_.postings().add_all(txn_, {storage::SetKind::kLabel, label}, ids);
  }
  graph_.counters().add_nodes(txn_, static_cast<std::int64_t>(report_.nodes));
  write_relationships();
  create_indexes();
  progress("done");
  return report_;
}

}  // namespace

LoadReport load_dump_text(storage::Graph& graph, std::string_view text, const std::string& name,
                          const LoadOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  // Grow the map once up front rather than fill it and run the load twice.
  const std::uint64_t wanted = graph.env().used_bytes() + 4 * text.size();
  if (text.size() >= (std::uint64_t{16} << 20) && graph.env().map_size() < wanted) {
    graph.env().grow_map(wanted);
  }
  LoadReport report = graph.write([&](storage::WriteTransaction& txn) {
    DumpLoader loader(graph, txn, name, text, options);
    return loader.run();
  });
  report.elapsed = std::chrono::steady_clock::now() - start;
  return report;
}

LoadReport load_dump(storage::Graph& graph, const std::filesystem::path& file,
                     const LoadOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const storage::FileContents contents(file);
  LoadReport report = load_dump_text(graph, contents.data(), file.string(), options);
  report.elapsed = std::chrono::steady_clock::now() - start;
  return report;
}

}  // namespace guanxi::exchange
