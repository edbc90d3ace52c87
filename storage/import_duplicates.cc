#include "storage/import_duplicates.h"

#include <algorithm>
#include <unordered_set>

#include "storage/adjacency.h"
#include "storage/bytes.h"
#include "storage/cursor.h"
#include "storage/keys.h"

namespace guanxi::storage {

namespace {

constexpr std::string_view kNoProperties("\0", 1);
constexpr std::uint64_t kSmallGroup = 8;

// Calls group(begin, end) for each range of entries of one run with the same
// other node, of two entries or more.
template <typename Group>
void for_each_parallel_group(const AdjacencyRuns& runs, Group&& group) {
  const AdjacencyRuns::Entries& entries = runs.entries();
  const std::size_t run_count = runs.runs().size();
  for (std::size_t r = 0; r < run_count; ++r) {
    const std::uint64_t begin = runs.runs()[r].begin;
    const std::uint64_t end = r + 1 < run_count ? runs.runs()[r + 1].begin : entries.size();
    for (std::uint64_t i = begin; i < end;) {
      std::uint64_t j = i + 1;
      while (j < end && entries[j].other() == entries[i].other()) ++j;
      if (j - i > 1) group(i, j);
      i = j;
    }
  }
}

}  // namespace

RelationshipProperties::RelationshipProperties(const std::vector<const RelationshipChunk*>& chunks)
    : chunks_(chunks), offsets_(chunks.size()) {
  std::uint64_t ordinal = 0;
  for (const RelationshipChunk* c : chunks_) {
    first_ordinal_.push_back(ordinal);
    ordinal += c->rows.size();
  }
}

std::string_view RelationshipProperties::of(std::uint64_t ordinal) {
  const auto it = std::upper_bound(first_ordinal_.begin(), first_ordinal_.end(), ordinal);
  const auto chunk = static_cast<std::size_t>(it - first_ordinal_.begin()) - 1;
  const RelationshipChunk& c = *chunks_[chunk];
  if (c.properties.empty()) return kNoProperties;
  std::vector<std::uint64_t>& offsets = offsets_[chunk];
  if (offsets.empty()) {
    offsets.reserve(c.rows.size() + 1);
    std::uint64_t offset = 0;
    for (const RelationshipRow& row : c.rows) {
      offsets.push_back(offset);
      offset += row.properties_size;
    }
  }
  const std::uint64_t row = ordinal - first_ordinal_[chunk];
  if (c.rows[row].properties_size == 0) return kNoProperties;
  return std::string_view(c.properties).substr(offsets[row], c.rows[row].properties_size);
}

std::vector<std::uint64_t> find_repeated_relationships(const AdjacencyRuns& out,
                                                       RelationshipId first_relationship,
                                                       RelationshipProperties& properties) {
  std::vector<std::uint64_t> repeated;
  const AdjacencyRuns::Entries& entries = out.entries();
  for_each_parallel_group(out, [&](std::uint64_t begin, std::uint64_t end) {
    // Entries of a group ascend by relationship id: the first of equal ones
    // stays. Most groups are pairs; a set pays off only for large ones.
    auto ordinal = [&](std::uint64_t i) { return entries[i].relationship() - first_relationship; };
    if (end - begin <= kSmallGroup) {
      for (std::uint64_t i = begin + 1; i < end; ++i) {
        const std::string_view mine = properties.of(ordinal(i));
        for (std::uint64_t j = begin; j < i; ++j) {
          if (properties.of(ordinal(j)) == mine) {
            repeated.push_back(ordinal(i));
            break;
          }
        }
      }
      return;
    }
    std::unordered_set<std::string_view> seen;
    seen.reserve(end - begin);
    for (std::uint64_t i = begin; i < end; ++i) {
      if (!seen.insert(properties.of(ordinal(i))).second) repeated.push_back(ordinal(i));
    }
  });
  std::sort(repeated.begin(), repeated.end());
  return repeated;
}

std::vector<std::uint64_t> find_relationships_in_database(const Transaction& txn,
                                                          const AdjacencyRuns& out,
                                                          RelationshipId first_relationship,
                                                          NodeId first_new_node,
                                                          RelationshipProperties& properties) {
  std::vector<std::uint64_t> found;
  if (first_new_node == 0) return found;  // the database had no nodes
  const Dbis& dbi = txn.env().dbi();
  AdjacencyCursor adjacency(txn, Direction::kOut);
  const AdjacencyRuns::Entries& entries = out.entries();
  const std::size_t run_count = out.runs().size();
  std::vector<std::string_view> existing;  // properties of the stored parallel relationships
  for (std::size_t r = 0; r < run_count; ++r) {
    const AdjacencyRuns::Run& run = out.runs()[r];
    if (run.node >= first_new_node) continue;
    const std::uint64_t end = r + 1 < run_count ? out.runs()[r + 1].begin : entries.size();
    for (std::uint64_t i = run.begin; i < end;) {
      const NodeId other = entries[i].other();
      std::uint64_t j = i + 1;
      while (j < end && entries[j].other() == other) ++j;
      if (other >= first_new_node) {
        i = j;
        continue;
      }
      existing.clear();
      for (const RelationshipId id : adjacency.relationships_to(run.node, run.type, other)) {
        const IdKey record_key(id);
        const std::optional<std::string_view> record =
            txn.get(dbi.relationships, record_key.view());
        if (!record) {  // a relationship without properties has no record
          existing.push_back(kNoProperties);
          continue;
        }
        if (record->size() < 4) continue;
        // The record: varint start, end and type, the properties, a 4-byte checksum.
        ByteReader reader(record->substr(0, record->size() - 4), "relationship", id);
        reader.varint();
        reader.varint();
        reader.varint();
        existing.push_back(record->substr(reader.position(), reader.remaining()));
      }
      if (!existing.empty()) {
        for (std::uint64_t m = i; m < j; ++m) {
          const std::uint64_t ordinal = entries[m].relationship() - first_relationship;
          const std::string_view mine = properties.of(ordinal);
          if (std::find(existing.begin(), existing.end(), mine) != existing.end()) {
            found.push_back(ordinal);
          }
        }
      }
      i = j;
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

void drop_relationships(std::deque<RelationshipChunk>& chunks,
                        const std::vector<std::uint64_t>& ordinals) {
  std::uint64_t ordinal = 0;
  auto next = ordinals.begin();
  for (RelationshipChunk& c : chunks) {
    if (next == ordinals.end()) break;
    if (*next >= ordinal + c.rows.size()) {
      ordinal += c.rows.size();
      continue;
    }
    std::string properties;
    std::size_t offset = 0, kept = 0;
    for (std::size_t i = 0; i < c.rows.size(); ++i, ++ordinal) {
      const RelationshipRow row = c.rows[i];
      if (next != ordinals.end() && *next == ordinal) {
        ++next;
      } else {
        properties.append(c.properties, offset, row.properties_size);
        c.rows[kept++] = row;
      }
      offset += row.properties_size;
    }
    c.rows.resize(kept);
    c.properties = std::move(properties);
  }
}

}  // namespace guanxi::storage
