#include "exchange/dump.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>

#include "exchange/cypher_literal.h"
#include "exchange/dump_format.h"
#include "query/privacy/access_decision.h"
#include "query/property_reader.h"
#include "query/schema/privacy_statement.h"
#include "storage/adjacency.h"
#include "storage/privacy_catalog.h"

namespace guanxi::exchange {

namespace {

std::int64_t now_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

using storage::NodeId;

constexpr std::size_t kFlushBytes = 1 << 20;

// Buffers text and hands it to the sink in large pieces.
class DumpText {
 public:
  explicit DumpText(const std::function<void(std::string_view)>& sink) : sink_(sink) {}
  std::string& buffer() { return text_; }
  void maybe_flush() {
    if (text_.size() >= kFlushBytes) flush();
  }
  void flush() {
    if (text_.empty()) return;
    sink_(text_);
    bytes_ += text_.size();
    text_.clear();
  }
  std::uint64_t bytes() const { return bytes_; }

 private:
  const std::function<void(std::string_view)>& sink_;
  std::string text_;
  std::uint64_t bytes_ = 0;
};

// Rows of one UNWIND statement and what closes it.
class Batch {
 public:
  bool empty() const { return rows_.empty(); }
  std::size_t size() const { return rows_.size(); }
  void add(std::string head, std::string properties) {
    any_properties_ = any_properties_ || !properties.empty();
    rows_.push_back({std::move(head), std::move(properties)});
  }
  // Writes `UNWIND [...] AS row` + `clause` (+ ` SET var += row.p`) + `;`.
  void write(std::string& out, std::string_view clause, std::string_view var) {
    out += "UNWIND [\n";
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      out += rows_[i].head;
      if (any_properties_) {
        out += ", p: ";
        out += rows_[i].properties.empty() ? "{}" : rows_[i].properties;
      }
      out += i + 1 < rows_.size() ? "},\n" : "}\n";
    }
    out += "] AS row\n";
    out += clause;
    if (any_properties_) out += fmt::format(" SET {} += row.p", var);
    out += ";\n";
    rows_.clear();
    any_properties_ = false;
  }

 private:
  struct Row {
    std::string head;        // "{i: 3" / "{s: 0, e: 1"
    std::string properties;  // "{a: 1}" or empty
  };
  std::vector<Row> rows_;
  bool any_properties_ = false;
};

std::string properties_literal(const query::Map& properties) {
  if (properties.empty()) return {};
  std::string out = "{";
  for (std::size_t i = 0; i < properties.size(); ++i) {
    if (i) out += ", ";
    append_identifier(out, properties[i].first);
    out += ": ";
    append_literal(out, properties[i].second);
  }
  out += '}';
  return out;
}

std::string dump_node_pattern(std::string_view variable, const std::string& labels,
                              std::string_view id_field) {
  return fmt::format("({}{}:{} {{{}: row.{}}})", variable, labels, identifier(kDumpLabel),
                     identifier(kDumpIdKey), id_field);
}

class DumpWriter {
 public:
  DumpWriter(storage::Graph& graph, const std::function<void(std::string_view)>& sink,
             const DumpOptions& options)
      : graph_(graph),
        options_(options),
        txn_(graph.read()),
        // A dump reads tagged values like a statement does, and is audited as one.
        reader_(graph, options.session,
                std::make_shared<query::ReadAudit>(&graph.audit_writer(), options.session,
                                                   "guanxi dump", now_micros())),
        text_(sink) {}

  DumpReport run();

 private:
  void write_schema();
  void write_nodes();
  void write_relationships();
  void write_privacy_schema();
  // Relationships between nodes the session sees (a purpose may hide some).
  std::uint64_t visible_relationship_count();
  void progress() {
    if (options_.progress) {
      options_.progress({report_.nodes, report_.relationships, ids_.size(), relationships_total_});
    }
  }
  std::uint64_t rank(NodeId id) const {
    return static_cast<std::uint64_t>(std::lower_bound(ids_.begin(), ids_.end(), id) -
                                      ids_.begin());
  }

  storage::Graph& graph_;
  const DumpOptions& options_;
  storage::ReadTransaction txn_;
  query::PropertyReader reader_;
  DumpText text_;
  std::vector<NodeId> ids_;
  std::uint64_t relationships_total_ = 0;
  DumpReport report_;
};

void DumpWriter::write_schema() {
  std::string& out = text_.buffer();
  out += fmt::format("CREATE CONSTRAINT {} FOR (n:{}) REQUIRE n.{} IS UNIQUE;\n",
                     identifier(kDumpConstraint), identifier(kDumpLabel), identifier(kDumpIdKey));
  std::vector<storage::IndexInfo> indexes = graph_.indexes().list(txn_);
  std::sort(indexes.begin(), indexes.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  auto& dictionary = graph_.dictionary();
  for (const storage::IndexInfo& index : indexes) {
    const std::string label = dictionary.name(txn_, storage::NameKind::kLabel, index.label);
    const std::string key = dictionary.name(txn_, storage::NameKind::kPropertyKey, index.key);
    if (index.unique) {
      out += fmt::format("CREATE CONSTRAINT {} FOR (n:{}) REQUIRE n.{} IS UNIQUE;\n",
                         identifier(index.name), identifier(label), identifier(key));
    } else {
      out += fmt::format("CREATE INDEX {} FOR (n:{}) ON (n.{});\n", identifier(index.name),
                         identifier(label), identifier(key));
    }
    ++report_.indexes;
  }
  write_privacy_schema();
}

// The tags, purposes and policies, so that a loaded dump reads as the
// database did (without them, every session would read every value). The
// consent history is not in a dump: subjects of a loaded dump have not
// consented to anything, which hides them from consent purposes.
void DumpWriter::write_privacy_schema() {
  std::string& out = text_.buffer();
  const storage::PrivacySchema schema = storage::read_privacy_schema(txn_);
  auto& dictionary = graph_.dictionary();
  for (const storage::TagDefinition& tag : schema.tags) {
    const bool node = tag.entity == storage::TaggedEntity::kNode;
    std::vector<std::string> keys;
    keys.reserve(tag.properties.size());
    for (storage::PropertyKeyId key : tag.properties) {
      keys.push_back(identifier(dictionary.name(txn_, storage::NameKind::kPropertyKey, key)));
    }
    std::sort(keys.begin(), keys.end());
    out += fmt::format(
        "CREATE TAG {} ON :{}({}) MASK {};\n", identifier(tag.name),
        identifier(dictionary.name(
            txn_, node ? storage::NameKind::kLabel : storage::NameKind::kType, tag.label_or_type)),
        fmt::join(keys, ", "), query::mask_text(tag.mask));
  }
  for (const storage::PurposeDefinition& purpose : schema.purposes) {
    out += fmt::format("CREATE PURPOSE {} BASIS {};\n", identifier(purpose.name),
                       query::basis_text(purpose.basis));
  }
  for (const storage::PolicyDefinition& policy : schema.policies) {
    out += fmt::format("ALLOW {} READ {};\n", identifier(policy.purpose), identifier(policy.tag));
  }
}

void DumpWriter::write_nodes() {
  Batch batch;
  std::string batch_labels;
  auto flush = [&] {
    if (batch.empty()) return;
    batch.write(text_.buffer(), fmt::format("CREATE {}", dump_node_pattern("n", batch_labels, "i")),
                "n");
    text_.maybe_flush();
    progress();
  };
  for (std::uint64_t i = 0; i < ids_.size(); ++i) {
    const query::NodeRef node{ids_[i]};
    std::string labels;
    for (const query::Value& label : reader_.node_labels(txn_, node)) {
      labels += ':';
      append_identifier(labels, label.as_string());
    }
    if (labels != batch_labels || batch.size() >= options_.batch_size) {
      flush();
      batch_labels = labels;
    }
    batch.add(fmt::format("{{i: {}", i), properties_literal(reader_.node_properties(txn_, node)));
    ++report_.nodes;
  }
  flush();
}

std::uint64_t DumpWriter::visible_relationship_count() {
  std::vector<storage::TypeId> types;
  for (const auto& [type, count] : graph_.counters().relationship_counts_by_type(txn_)) {
    if (count > 0) types.push_back(type);
  }
  std::sort(types.begin(), types.end());
  storage::AdjacencyCursor cursor(txn_, storage::Direction::kOut);
  std::uint64_t visible = 0;
  for (const NodeId start : ids_) {
    cursor.for_each(start, types, [&](const storage::AdjacencyEntry& entry) {
      visible += reader_.hidden(txn_, entry.other()) ? 0 : 1;
    });
  }
  return visible;
}

void DumpWriter::write_relationships() {
  auto& dictionary = graph_.dictionary();
  std::vector<std::pair<std::string, storage::TypeId>> types;
  for (const auto& [type, count] : graph_.counters().relationship_counts_by_type(txn_)) {
    if (count > 0) types.emplace_back(dictionary.name(txn_, storage::NameKind::kType, type), type);
  }
  std::sort(types.begin(), types.end());
  storage::AdjacencyCursor cursor(txn_, storage::Direction::kOut);
  for (const auto& [name, type_id] : types) {
    // A copy: C++20 lambdas may capture a structured binding, clang-tidy's
    // clang does not accept it yet.
    const storage::TypeId type = type_id;
    const std::string clause =
        fmt::format("MATCH {}, {}\nCREATE (a)-[r:{}]->(b)", dump_node_pattern("a", "", "s"),
                    dump_node_pattern("b", "", "e"), identifier(name));
    Batch batch;
    auto flush = [&] {
      if (batch.empty()) return;
      batch.write(text_.buffer(), clause, "r");
      text_.maybe_flush();
      progress();
    };
    const storage::TypeId only[] = {type};
    for (std::uint64_t i = 0; i < ids_.size(); ++i) {
      const NodeId start = ids_[i];
      cursor.for_each(start, only, [&](const storage::AdjacencyEntry& entry) {
        if (reader_.hidden(txn_, entry.other())) return;
        const query::RelRef rel{entry.relationship(), start, entry.other(), type,
                                storage::record_hint(entry.has_record())};
        batch.add(fmt::format("{{s: {}, e: {}", i, rank(entry.other())),
                  properties_literal(reader_.relationship_properties(txn_, rel)));
        ++report_.relationships;
        if (batch.size() >= options_.batch_size) flush();
      });
    }
    flush();
  }
}

DumpReport DumpWriter::run() {
  const auto start = std::chrono::steady_clock::now();
  // Subjects the purpose may not see are not in the dump, nor anything
  // touching them (docs/privacy.md).
  graph_.scan_nodes(txn_, [&](NodeId id, std::string_view) {
    if (!reader_.hidden(txn_, id)) ids_.push_back(id);
  });
  relationships_total_ = reader_.access(txn_).hides_anything()
                             ? visible_relationship_count()
                             : graph_.counters().relationship_count(txn_);
  const std::string first_line = fmt::format("{}: {} nodes, {} relationships\n", kDumpFirstLine,
                                             ids_.size(), relationships_total_);
  text_.buffer() += first_line;
  text_.buffer() += "// Load it with 'guanxi load NEWDB FILE' (fast) or 'guanxi NEWDB -f FILE'.\n";
  write_schema();
  write_nodes();
  write_relationships();
  text_.buffer() +=
      fmt::format("MATCH (n:{0}) REMOVE n:{0}, n.{1};\nDROP CONSTRAINT {2};\n",
                  identifier(kDumpLabel), identifier(kDumpIdKey), identifier(kDumpConstraint));
  text_.flush();
  progress();
  report_.bytes = text_.bytes();
  report_.elapsed = std::chrono::steady_clock::now() - start;
  return report_;
}

}  // namespace

DumpReport dump_database(storage::Graph& graph, const std::function<void(std::string_view)>& sink,
                         const DumpOptions& options) {
  DumpWriter writer(graph, sink, options);
  return writer.run();
}

}  // namespace guanxi::exchange
