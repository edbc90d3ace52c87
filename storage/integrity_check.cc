#include "storage/integrity_check.h"

#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <unordered_set>

#include "storage/audit_log.h"
#include "storage/cursor.h"
#include "storage/id_space.h"
#include "storage/index_key_codec.h"
#include "storage/keys.h"
#include "storage/privacy_catalog.h"
#include "storage/privacy_check.h"

namespace guanxi::storage {

namespace {

// Whether a decoded id-space key is of the space's kind: integer ids that a
// double holds exactly come back as integral floats.
bool fits_space(const Value& id, IdKind kind) {
  if (kind == IdKind::kString) return id.type() == ValueType::kString;
  if (id.type() == ValueType::kInt) return true;
  return id.type() == ValueType::kFloat && std::nearbyint(id.as_float()) == id.as_float();
}

class Checker {
 public:
  Checker(Graph& graph, const IntegrityOptions& options, IntegrityReport& report)
      : graph_(graph), options_(options), report_(report), txn_(graph.read()) {}

  // Checks the pages first; a table with damaged pages is not read through
  // LMDB (which would crash on it), nor are the checks that need it run.
  void run() {
    PageCheckReport own;
    const PageCheckReport* pages = options_.pages;
    if (!pages) {
      // The snapshot this check reads, so the pages walked are the ones read.
      own = check_pages(graph_.env().path(), nullptr, mdb_txn_id(txn_.raw()));
      if (!own.snapshot_found) own = check_pages(graph_.env().path());
      pages = &own;
    }
    for (const auto& p : pages->problems) problem(p.table, p.message);
    damaged_ = pages->damaged_tables;
    if (!pages->catalog_sound) return;
    // Each phase reports a StorageError (such as LMDB finding a page
    // inconsistent) as a problem of its table and the check goes on.
    phase("dict", {"dict"}, [&] { load_dictionary(); });
    phase("meta", {"meta"}, [&] { indexes_ = graph_.indexes().list(txn_); });
    phase("nodes", {"meta", "nodes"}, [&] { check_nodes(); });
    phase("postings", {"meta", "nodes", "postings"}, [&] { check_postings(); });
    phase("edges", {"meta", "nodes", "edges", "out"}, [&] { check_relationship_records(); });
    phase("out", {"meta", "nodes", "out"}, [&] { check_adjacency(Direction::kOut); });
    phase("in", {"in"}, [&] { check_adjacency(Direction::kIn); });
    phase("in", {"out", "in"}, [&] { check_mirror(); });
    phase("index", {"meta", "nodes", "index"}, [&] { check_indexes(); });
    phase("idspace", {"meta", "idspace"}, [&] { check_id_spaces(); });
    phase("privacy", {"dict", "postings", "privacy"}, [&] {
      check_privacy(graph_, txn_, [&](const std::string& message) { problem("privacy", message); });
    });
    phase("audit", {"privacy", "audit"}, [&] {
      check_audit_chain(txn_, [&](const std::string& message) { problem("audit", message); });
    });
    phase("meta", {"meta", "nodes", "out"}, [&] { check_counters(); });
  }

 private:
  void problem(const std::string& table, const std::string& message) {
    ++report_.problem_count;
    if (report_.problems.size() < options_.max_problems)
      report_.problems.push_back({table, message});
  }
  // Runs `body` when every table in `needs` has sound pages and no earlier
  // phase failed on one of them.
  template <typename Body>
  void phase(const char* table, std::initializer_list<const char*> needs, Body&& body) {
    for (const char* t : needs) {
      if (damaged_.count(t)) return;
    }
    try {
      body();
    } catch (const StorageError& e) {
      problem(table, e.what());
      damaged_.insert(table);
    }
  }
  void progress(const char* phase, std::uint64_t done) {
    if (options_.progress) options_.progress(phase, done);
  }

  void load_dictionary() {
    auto& dict = graph_.dictionary();
    labels_ = dict.all(txn_, NameKind::kLabel);
    types_ = dict.all(txn_, NameKind::kType);
    keys_ = dict.all(txn_, NameKind::kPropertyKey);
  }
  bool known(const std::vector<std::string>& names, std::uint32_t id) const {
    return damaged_.count("dict") || (id < names.size() && !names[id].empty());
  }
  void check_keys(const std::string& what, const PropertyList& props, const char* table) {
    for (const auto& p : props) {
      if (!known(keys_, p.key))
        problem(table, what + ": unknown property key id " + std::to_string(p.key));
    }
  }

  void check_nodes() {
    const NodeId next = graph_.counters().next_node_id(txn_);
    scan_records("nodes", graph_.env().dbi().nodes, [&](NodeId id, std::string_view bytes) {
      ++report_.nodes_checked;
      nodes_.add(id);
      if (id >= next)
        problem("nodes",
                "node " + std::to_string(id) + " is beyond the id counter " + std::to_string(next));
      try {
        NodeRecord rec = decode_node(bytes, id);
        for (LabelId l : rec.labels) {
          if (!known(labels_, l))
            problem("nodes",
                    "node " + std::to_string(id) + ": unknown label id " + std::to_string(l));
          expected_labels_[l].add(id);
        }
        check_keys("node " + std::to_string(id), rec.properties, "nodes");
        for (const auto& index : indexes_) {
          if (!std::binary_search(rec.labels.begin(), rec.labels.end(), index.label)) continue;
          const Value* v = find_property(rec.properties, index.key);
          if (v && index_key_indexable(*v)) {
            ++expected_index_entries_[index.id];
          }
        }
        records_ok_.add(id);
      } catch (const StorageError& e) {
        problem("nodes", e.what());
      }
      if (report_.nodes_checked % 100000 == 0) progress("nodes", report_.nodes_checked);
    });
  }

  // Calls f(id, record bytes) for each record of a record table; a key that
  // is not an 8-byte id, or that is not above the one before, is reported.
  template <typename F>
  void scan_records(const char* table, MDB_dbi dbi, F&& f) {
    Cursor cur(txn_, dbi);
    MDB_val k, v;
    std::optional<std::uint64_t> previous;
    for (bool more = cur.get(k, v, MDB_FIRST); more; more = cur.get(k, v, MDB_NEXT)) {
      if (k.mv_size != 8) {
        problem(table, "record key of " + std::to_string(k.mv_size) + " bytes (not an id)" +
                           (previous ? " after id " + std::to_string(*previous) : ""));
        continue;
      }
      const std::uint64_t id = get_be64(k.mv_data);
      if (previous && id <= *previous) {
        problem(table, "record key " + std::to_string(id) + " is out of order after " +
                           std::to_string(*previous));
      }
      previous = id;
      f(id, from_val(v));
    }
  }

  static std::string sample(const Roaring64Map& ids) {
    std::string out;
    int n = 0;
    for (auto it = ids.begin(); it != ids.end() && n < 5; ++it, ++n)
      out += (n ? ", " : "") + std::to_string(*it);
    if (ids.cardinality() > 5) out += ", ...";
    return out;
  }

  void check_postings() {
    std::map<std::uint32_t, Roaring64Map> actual;
    try {
      graph_.postings().for_each_chunk(
          txn_, [&](SetKey set, std::uint32_t high, const Roaring& chunk) {
            if (set.kind != SetKind::kLabel) return;
            const std::uint64_t base = static_cast<std::uint64_t>(high) << 16;
            for (std::uint32_t low : chunk) actual[set.id].add(base | low);
          });
    } catch (const StorageError& e) {
      problem("postings", e.what());
      return;
    }
    std::unordered_set<std::uint32_t> all;
    for (auto& [l, _] : actual) all.insert(l);
    for (auto& [l, _] : expected_labels_) all.insert(l);
    for (std::uint32_t l : all) {
      const std::string name =
          known(labels_, l) ? ":" + labels_[l] : "label id " + std::to_string(l);
      Roaring64Map missing = expected_labels_[l] - actual[l];
      Roaring64Map extra = actual[l] - expected_labels_[l];
      // Nodes whose record did not decode cannot be judged here.
      extra -= (nodes_ - records_ok_);
      if (!missing.isEmpty()) {
        problem("postings", std::to_string(missing.cardinality()) + " node(s) with " + name +
                                " missing from its posting list: " + sample(missing));
      }
      if (!extra.isEmpty()) {
        problem("postings", std::to_string(extra.cardinality()) +
                                " node(s) in the posting list of " + name +
                                " without that label or record: " + sample(extra));
      }
    }
  }

  // The records of relationships with properties: each decodes, and the
  // `out` entry that is its relationship exists (the walk over the
  // adjacency checks the entry's nodes).
  void check_relationship_records() {
    const RelationshipId next = graph_.counters().next_relationship_id(txn_);
    AdjacencyCursor out(txn_, Direction::kOut);
    scan_records(
        "edges", graph_.env().dbi().relationships, [&](RelationshipId id, std::string_view bytes) {
          const std::string what = "relationship " + std::to_string(id);
          if (id >= next)
            problem("edges", what + " is beyond the id counter " + std::to_string(next));
          RelationshipRecord rec;
          try {
            rec = decode_relationship(bytes, id);
          } catch (const StorageError& e) {
            problem("edges", e.what());
            return;
          }
          if (!known(types_, rec.type))
            problem("edges", what + ": unknown relationship type id " + std::to_string(rec.type));
          check_keys(what, rec.properties, "edges");
          std::optional<AdjacencyEntry> entry;
          try {  // a damaged block reads as no entry; the walk names the damage
            entry = out.find(rec.src, rec.type, rec.dst, id);
          } catch (const StorageError&) {
          }
          if (!entry) {
            problem("out", what + " has a record but no entry in 'out' for node " +
                               std::to_string(rec.src));
          } else if (!entry->has_record()) {
            problem("out", what + " has a record but its entry says it has none");
          }
        });
  }

  // Calls visit(node, type, block) for each block of `direction`'s table in
  // key order; with `report_shape`, reports keys and blocks that are damaged
  // (skipped) or out of their key range.
  template <typename Visit>
  void walk_blocks(Direction direction, bool report_shape, Visit&& visit) {
    const char* table = direction == Direction::kOut ? "out" : "in";
    Cursor cursor(txn_,
                  direction == Direction::kOut ? graph_.env().dbi().out : graph_.env().dbi().in);
    std::vector<AdjacencyEntry> block;
    MDB_val k, v;
    bool have_previous = false;
    NodeId previous_node = 0;
    TypeId previous_type = 0;
    AdjacencyEntry previous_last{};
    for (bool more = cursor.get(k, v, MDB_FIRST); more; more = cursor.get(k, v, MDB_NEXT)) {
      if (!AdjacencyKey::valid_size(k.mv_size)) {
        if (report_shape) problem(table, "key of " + std::to_string(k.mv_size) + " bytes");
        damaged_blocks_ += report_shape;
        continue;
      }
      const NodeId node = AdjacencyKey::node(k.mv_data);
      const TypeId type = AdjacencyKey::type(k.mv_data);
      const std::string where =
          "block (node " + std::to_string(node) + ", type " + std::to_string(type) + ")";
      block.clear();
      try {
        decode_adjacency_block(from_val(v), block);
      } catch (const StorageError& e) {
        if (report_shape) problem(table, where + ": " + e.what());
        damaged_blocks_ += report_shape;
        continue;
      }
      const bool same_run = have_previous && previous_node == node && previous_type == type;
      if (report_shape && k.mv_size == AdjacencyKey::kLaterSize) {
        const NodeId first_other = AdjacencyKey::first_other(k.mv_data);
        if (!same_run) problem(table, where + ": a later block without a first one");
        if (block.front().other() < first_other ||
            (same_run && previous_last.other() >= first_other))
          problem(table, where + ": entries outside the block's key range");
      }
      have_previous = true;
      previous_node = node;
      previous_type = type;
      previous_last = block.back();
      visit(node, type, block);
    }
  }

  // The `out` entries are the relationships: their nodes exist, their ids
  // are below the counter and unique. `in` holds the same entries turned
  // around, which an order-independent sum of entry hashes compares in one
  // pass each; only when the sums differ is every entry looked up.
  void check_adjacency(Direction direction) {
    const bool out = direction == Direction::kOut;
    const RelationshipId next = graph_.counters().next_relationship_id(txn_);
    std::uint64_t& entries = out ? out_entries_ : in_entries_;
    std::uint64_t& sum = out ? out_sum_ : in_sum_;
    Roaring64Map ids;
    const bool records_readable = damaged_.count("edges") == 0;  // its pages are sound
    walk_blocks(direction, true, [&](NodeId node, TypeId type, const auto& block) {
      entries += block.size();
      for (const AdjacencyEntry& e : block) {
        sum += out ? entry_hash(node, e.other(), type, e.relationship_word)
                   : entry_hash(e.other(), node, type, e.relationship_word);
      }
      if (!out) return;
      relationships_by_type_[type] += block.size();
      // Messages are built only for problems: this loop sees every relationship.
      const auto where = [&] {
        return "block (node " + std::to_string(node) + ", type " + std::to_string(type) + ")";
      };
      if (!nodes_.contains(node))
        problem("out", where() + ": node " + std::to_string(node) + " does not exist");
      if (!known(types_, type))
        problem("out", where() + ": unknown relationship type id " + std::to_string(type));
      for (const AdjacencyEntry& e : block) {
        const auto what = [&] { return "relationship " + std::to_string(e.relationship()); };
        if (e.relationship() >= next)
          problem("out", what() + " is beyond the id counter " + std::to_string(next));
        if (!nodes_.contains(e.other()))
          problem("out", what() + ": end node " + std::to_string(e.other()) + " does not exist");
        if (!ids.addChecked(e.relationship())) problem("out", what() + " is stored more than once");
        if (e.has_record() && records_readable &&
            !txn_.get(graph_.env().dbi().relationships, IdKey(e.relationship()).view())) {
          problem("edges", what() + " has properties but its record is missing");
        }
      }
      if (out_entries_ / 100000 != (out_entries_ - block.size()) / 100000)
        progress("relationships", out_entries_);
    });
    if (out) report_.relationships_checked = out_entries_;
    report_.adjacency_checked += entries;
  }

  // Names the entries of one direction without their twin in the other.
  void check_mirror() {
    if (out_entries_ == in_entries_ && out_sum_ == in_sum_ && damaged_blocks_ == 0) return;
    for (const Direction direction : {Direction::kOut, Direction::kIn}) {
      const bool out = direction == Direction::kOut;
      AdjacencyCursor twin(txn_, out ? Direction::kIn : Direction::kOut);
      walk_blocks(direction, false, [&](NodeId node, TypeId type, const auto& block) {
        for (const AdjacencyEntry& e : block) {
          std::optional<AdjacencyEntry> held;
          try {
            held = twin.find(e.other(), type, node, e.relationship());
          } catch (const StorageError&) {
          }
          if (held && held->has_record() == e.has_record()) continue;
          if (held) {
            problem(out ? "in" : "out", "relationship " + std::to_string(e.relationship()) +
                                            ": 'out' and 'in' disagree on whether it has a record");
            continue;
          }
          problem(out ? "in" : "out", "relationship " + std::to_string(e.relationship()) +
                                          ": no entry in '" + (out ? "in" : "out") + "' for node " +
                                          std::to_string(e.other()));
        }
      });
    }
  }

  static std::uint64_t entry_hash(NodeId src, NodeId dst, TypeId type, std::uint64_t word) {
    auto mix = [](std::uint64_t x) {  // splitmix64's finaliser
      x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
      x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
      return x ^ (x >> 31);
    };
    return mix(word ^ mix(src ^ mix(dst ^ mix(type))));
  }

  void check_indexes() {
    std::unordered_set<std::uint32_t> ids;
    for (const auto& index : indexes_) {
      ids.insert(index.id);
      const std::string name = ":" + (known(labels_, index.label) ? labels_[index.label] : "?") +
                               "(" + (known(keys_, index.key) ? keys_[index.key] : "?") + ")";
      std::uint64_t count = 0;
      std::string previous;
      // Reports quote no value of a tagged property (docs/privacy.md).
      const bool tagged = property_is_tagged(txn_, index.key);
      graph_.indexes().for_each_entry(txn_, index, [&](NodeId node, std::string_view value) {
        ++count;
        ++report_.index_entries_checked;
        const std::string what = "index " + name + " entry for node " + std::to_string(node);
        auto decoded = decode_index_key(value);
        if (!decoded) {
          problem("index", what + " is damaged");
          return;
        }
        if (index.unique && !decoded->truncated && value == previous) {
          problem("index", "unique index " + name + " holds " +
                               (tagged ? std::string("a value of a tagged property")
                                       : "value " + decoded->value.to_string()) +
                               " for more than one node");
        }
        previous = std::string(value);
        if (!records_ok_.contains(node)) {
          if (!nodes_.contains(node)) problem("index", what + ": the node does not exist");
          return;
        }
        const auto bytes = txn_.get(graph_.env().dbi().nodes, IdKey(node).view());
        if (!bytes) {
          // Scanned but not found by its key: the key is damaged.
          problem("nodes", "node " + std::to_string(node) +
                               ": its record is not found by its key (the key is damaged)");
          return;
        }
        NodeRecord rec = decode_node(*bytes, node);
        const Value* real = find_property(rec.properties, index.key);
        if (!std::binary_search(rec.labels.begin(), rec.labels.end(), index.label) || !real ||
            !index_key_indexable(*real) || encode_index_key(*real) != value) {
          problem("index", what + ": the node no longer has that label and value");
        }
      });
      const std::uint64_t expected = expected_index_entries_[index.id];
      if (count < expected) {
        problem("index", "index " + name + " misses " + std::to_string(expected - count) +
                             " node(s) that have the label and property");
      }
    }
    // Entries of indexes that are not in the catalog.
    {
      Cursor cur(txn_, graph_.env().dbi().index);
      MDB_val k, v;
      bool more = cur.get(k, v, MDB_FIRST);
      while (more) {
        if (k.mv_size < 5) {
          problem("index", "entry with a key of " + std::to_string(k.mv_size) + " bytes");
          more = cur.get(k, v, MDB_NEXT_NODUP);
          continue;
        }
        const std::uint32_t id = get_be32(k.mv_data);
        if (!ids.count(id)) {
          problem("index",
                  "entries of index id " + std::to_string(id) + ", which is not in the catalog");
          if (id == ~std::uint32_t{0}) break;
          char next[4];  // skip the rest of that index
          put_be32(next, id + 1);
          more = cur.seek(std::string_view(next, 4), k, v);
          continue;
        }
        more = cur.get(k, v, MDB_NEXT_NODUP);
      }
    }
  }

  // Id-space entries map an imported id to a node; the node may since have
  // been deleted (the importer then treats the entry as absent), so their
  // shape and registry are checked, not the node.
  void check_id_spaces() {
    IdSpaces& spaces = graph_.id_spaces();
    const bool fingerprints = spaces.keyed_by_fingerprint(txn_);
    std::map<std::uint32_t, IdSpaceInfo> registry;
    for (auto& space : spaces.list(txn_)) registry[space.id] = space;
    Cursor cur(txn_, graph_.env().dbi().id_spaces);
    MDB_val k, v;
    for (bool more = cur.get(k, v, MDB_FIRST); more; more = cur.get(k, v, MDB_NEXT)) {
      if (k.mv_size < 5 || v.mv_size != 8) {
        problem("idspace", "id-space entry of odd size");
        continue;
      }
      const std::uint32_t space_id = get_be32(k.mv_data);
      auto it = registry.find(space_id);
      auto decoded = decode_index_key(
          std::string_view(static_cast<const char*>(k.mv_data) + 4, k.mv_size - 4));
      if (it == registry.end()) {
        problem("idspace", "id-space entry of space id " + std::to_string(space_id) +
                               ", which is not registered in meta");
      } else if (!decoded || (fingerprints ? decoded->value.type() != ValueType::kSealed
                                           : !fits_space(decoded->value, it->second.kind))) {
        problem("idspace", "id-space entry of space '" + it->second.name + "' is damaged");
      }
    }
  }

  void check_counters() {
    auto& counters = graph_.counters();
    const std::uint64_t nodes = counters.node_count(txn_);
    if (nodes != report_.nodes_checked) {
      problem("meta", "node counter says " + std::to_string(nodes) + " but " +
                          std::to_string(report_.nodes_checked) + " nodes are stored");
    }
    const std::uint64_t relationships = counters.relationship_count(txn_);
    if (relationships != report_.relationships_checked) {
      problem("meta", "relationship counter says " + std::to_string(relationships) + " but " +
                          std::to_string(report_.relationships_checked) +
                          " relationships are stored");
    }
    if (damaged_blocks_ != 0) return;  // per-type counts cannot be judged
    auto by_type = counters.relationship_counts_by_type(txn_);
    for (auto& [type, n] : relationships_by_type_) by_type.try_emplace(type, 0);
    for (auto [type, n] : by_type) {
      if (n != relationships_by_type_[type]) {
        problem("meta", "relationship counter of type " +
                            (known(types_, type) ? types_[type] : std::to_string(type)) + " says " +
                            std::to_string(n) + " but " +
                            std::to_string(relationships_by_type_[type]) + " are stored");
      }
    }
  }

  Graph& graph_;
  const IntegrityOptions& options_;
  IntegrityReport& report_;
  ReadTransaction txn_;
  std::vector<std::string> labels_, types_, keys_;
  std::vector<IndexInfo> indexes_;
  Roaring64Map nodes_, records_ok_;
  std::map<LabelId, Roaring64Map> expected_labels_;
  std::map<std::uint32_t, std::uint64_t> expected_index_entries_;
  std::map<TypeId, std::uint64_t> relationships_by_type_;  // from `out`
  std::uint64_t damaged_blocks_ = 0;
  std::uint64_t out_entries_ = 0, in_entries_ = 0;
  std::uint64_t out_sum_ = 0, in_sum_ = 0;  // of entry_hash, modulo 2^64
  std::set<std::string> damaged_;           // tables not to read
};

}  // namespace

IntegrityReport check_integrity(Graph& graph, const IntegrityOptions& options) {
  IntegrityReport report;
  // Every problem found is reported: a throw here (say, a read transaction
  // that cannot begin) would lose the ones already found.
  Checker(graph, options, report).run();
  return report;
}

}  // namespace guanxi::storage
