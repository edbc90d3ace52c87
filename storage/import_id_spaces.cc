// The ID-space part of the bulk importer: the kind of each space's ids,
// duplicate ids (an error naming file:line, or dropped with
// skip_duplicate_nodes), the entries written for later imports, and the
// indexes that let queries find nodes by their id.
#include <algorithm>
#include <set>
#include <unordered_set>

#include "storage/importer.h"

namespace guanxi::storage::bulk {

void Importer::settle_kind(SpaceStage& s) {
  if (s.stored) {
    s.integer = s.stored->kind == IdKind::kInteger;
    const bool wanted_int = options_.id_type == IdType::kInteger;
    if (options_.id_type != IdType::kAuto && wanted_int != s.integer && !s.positions.empty()) {
      auto [file, line] = locate_node(s.positions[0]);
      (void)line;
      fail(file, 1,
           describe_space(s.name) + " holds " + (s.integer ? "integer" : "string") +
               " ids, but the import asks for " + (wanted_int ? "integer" : "string") + " ids");
    }
  } else {
    s.integer = options_.id_type != IdType::kString;
  }
  if (!s.integer) return;
  s.ints.resize(s.ids.size());
  for (std::size_t i = 0; i < s.ids.size(); ++i) {
    if (parse_int64(s.ids[i], &s.ints[i])) continue;
    if (options_.id_type == IdType::kAuto && !s.stored) {
      s.integer = false;  // auto: one non-integer id makes it a string space
      s.ints.clear();
      return;
    }
    auto [file, line] = locate_node(s.positions[i]);
    fail(file, line,
         "id '" + std::string(s.ids[i]) + "' is not an integer, and " + describe_space(s.name) +
             " holds integer ids");
  }
}

bool Importer::stored_id(const SpaceStage& s, std::size_t i) {
  if (!s.stored) return false;
  const Value id = s.integer ? Value(s.ints[i]) : Value(s.ids[i]);
  return spaces_api_.lookup(txn_, *s.stored, id).has_value();
}

void Importer::drop_duplicate_nodes() {
  std::vector<std::uint64_t> dropped;  // node positions
  for (SpaceStage& s : spaces_) {
    std::unordered_set<std::int64_t> ints;
    std::unordered_set<std::string_view> strings;
    if (s.integer) {
      ints.reserve(s.ids.size());
    } else {
      strings.reserve(s.ids.size());
    }
    for (std::size_t i = 0; i < s.ids.size(); ++i) {
      const bool fresh =
          s.integer ? ints.insert(s.ints[i]).second : strings.insert(s.ids[i]).second;
      if (!fresh || stored_id(s, i)) dropped.push_back(s.positions[i]);
    }
  }
  if (dropped.empty()) return;
  std::sort(dropped.begin(), dropped.end());
  auto is_dropped = [&](std::uint64_t position) {
    return std::binary_search(dropped.begin(), dropped.end(), position);
  };
  // A kept node moves down by the number of dropped nodes before it.
  auto moved = [&](std::uint64_t position) {
    return position -
           static_cast<std::uint64_t>(std::lower_bound(dropped.begin(), dropped.end(), position) -
                                      dropped.begin());
  };
  for (SpaceStage& s : spaces_) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < s.ids.size(); ++i) {
      if (is_dropped(s.positions[i])) continue;
      s.ids[kept] = s.ids[i];
      s.positions[kept] = moved(s.positions[i]);
      if (s.integer) s.ints[kept] = s.ints[i];
      ++kept;
    }
    s.ids.resize(kept);
    s.positions.resize(kept);
    if (s.integer) s.ints.resize(kept);
  }
  std::uint64_t position = 0, kept_total = 0;
  for (std::size_t c = 0; c < node_chunks_.size(); ++c) {
    std::vector<NodeRow>& rows = node_chunks_[c].rows;
    chunk_first_position_[c] = kept_total;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < rows.size(); ++i, ++position) {
      if (is_dropped(position)) continue;
      if (kept != i) rows[kept] = std::move(rows[i]);
      ++kept;
    }
    rows.resize(kept);
    kept_total += kept;
  }
  node_total_ = kept_total;
  report_.skipped_nodes = dropped.size();
}

void Importer::settle_spaces() {
  for (SpaceStage& s : spaces_) settle_kind(s);
  if (options_.skip_duplicate_nodes) drop_duplicate_nodes();
  for (SpaceStage& s : spaces_) {
    // Duplicates within the import.
    std::uint64_t dup = kNoId, first = kNoId;
    if (s.integer) {
      s.int_map.build(s.ints, s.positions, &dup, &first);
    } else {
      s.string_map.reserve(s.ids.size());
      for (std::size_t i = 0; i < s.ids.size(); ++i) {
        auto [it, fresh] = s.string_map.emplace(s.ids[i], s.positions[i]);
        if (!fresh) {
          dup = i;
          first = static_cast<std::uint64_t>(
              std::find(s.positions.begin(), s.positions.end(), it->second) - s.positions.begin());
          break;
        }
      }
    }
    if (dup != kNoId) {
      auto [file, line] = locate_node(s.positions[dup]);
      auto [first_file, first_line] = locate_node(s.positions[first]);
      fail(file, line,
           "duplicate id '" + std::string(s.ids[dup]) + "' in " + describe_space(s.name) +
               " (first on " + files_[first_file].name + ":" + std::to_string(first_line) + ")");
    }
    // Duplicates against the database (already dropped when skipping them).
    if (s.stored && !options_.skip_duplicate_nodes) {
      for (std::size_t i = 0; i < s.ids.size(); ++i) {
        if (stored_id(s, i)) {
          auto [file, line] = locate_node(s.positions[i]);
          fail(file, line,
               "id '" + std::string(s.ids[i]) + "' already exists in " + describe_space(s.name) +
                   " in the database");
        }
      }
    }
    s.info = s.stored
                 ? *s.stored
                 : spaces_api_.create(txn_, s.name, s.integer ? IdKind::kInteger : IdKind::kString);
  }
}

void Importer::write_id_spaces() {
  const bool by_fingerprint = spaces_api_.keyed_by_fingerprint(txn_);
  for (SpaceStage& s : spaces_) {
    auto id = [&](std::uint64_t i) { return s.integer ? Value(s.ints[i]) : Value(s.ids[i]); };
    IdSpaceWriter writer(txn_, spaces_api_, s.info);
    if (by_fingerprint) {
      // A fingerprint keeps no order of its id: sort by the keys themselves,
      // so that the writer still appends.
      std::vector<FingerprintedEntry> entries(s.ids.size());
      for (std::uint64_t i = 0; i < entries.size(); ++i)
        entries[i] =
            spaces_api_.fingerprinted(txn_, s.info.id, id(i), first_node_ + s.positions[i]);
      std::sort(entries.begin(), entries.end());
      for (const FingerprintedEntry& entry : entries) {
        const FingerprintedKey key = key_of(entry);
        writer.put_key(std::string_view(key.data(), key.size()), entry.node);
      }
      continue;
    }
    std::vector<std::uint64_t> order(s.ids.size());
    for (std::uint64_t i = 0; i < order.size(); ++i) order[i] = i;
    if (s.integer) {
      std::sort(order.begin(), order.end(), [&](auto a, auto b) { return s.ints[a] < s.ints[b]; });
    } else {
      std::sort(order.begin(), order.end(), [&](auto a, auto b) { return s.ids[a] < s.ids[b]; });
    }
    for (std::uint64_t i : order) writer.put(id(i), first_node_ + s.positions[i]);
  }
}

void Importer::index_id_properties() {
  std::set<std::pair<LabelId, PropertyKeyId>> wanted;
  for (const NodeFileInfo& info : node_files_) {
    if (!info.id_key) continue;
    for (LabelId label : info.labels) wanted.insert({label, *info.id_key});
  }
  for (const auto& [label, key] : wanted) {
    // An index or constraint there already serves (and is kept as it is).
    if (graph_.indexes().find(txn_, label, key)) continue;
    // The generated name, or with a number where an index of another
    // (label, key) has taken it.
    const std::string base = "index_" + label_names_[label] + "_" +
                             graph_.dictionary().name(txn_, NameKind::kPropertyKey, key);
    std::string name = base;
    for (int n = 2; graph_.indexes().find_by_name(txn_, name); ++n)
      name = base + "_" + std::to_string(n);
    // Not unique: the ids are unique in their ID space, but a label's nodes
    // may come from several spaces, or hold the property from elsewhere.
    report_.created_indexes.push_back(graph_.create_index(txn_, label, key, false, name).name);
  }
}

}  // namespace guanxi::storage::bulk
