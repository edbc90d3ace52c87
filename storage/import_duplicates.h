// Duplicate relationships in a bulk import: relationships identical to one
// earlier in the same import or to one in the database (same start, end,
// type and properties). Parallel relationships with other properties are
// not duplicates.
//
// Both searches work on the out-direction adjacency runs the importer builds
// anyway (import_writer.h): there the relationships of one (start, type) are
// sorted by end node, so candidates sit next to each other and a search costs
// one pass over the entries, plus a property comparison per candidate and,
// against the database, one adjacency lookup per relationship between two
// nodes that existed before the import.
#pragma once

#include <cstdint>
#include <deque>
#include <string_view>
#include <vector>

#include "storage/environment.h"
#include "storage/import_rows.h"
#include "storage/import_writer.h"

namespace guanxi::storage {

// The encoded properties of the parsed relationships of an import, by
// ordinal (position in import order, counting every chunk's rows): the
// bytes a relationship record holds after its type, "\0" for none.
class RelationshipProperties {
 public:
  explicit RelationshipProperties(const std::vector<const RelationshipChunk*>& chunks);
  std::string_view of(std::uint64_t ordinal);

 private:
  std::vector<const RelationshipChunk*> chunks_;
  std::vector<std::uint64_t> first_ordinal_;         // per chunk
  std::vector<std::vector<std::uint64_t>> offsets_;  // per chunk, built when first needed
};

// The ordinals, ascending, of the relationships in `out` that repeat an
// earlier relationship of the import. `out` was built with relationship ids
// from `first_relationship`.
std::vector<std::uint64_t> find_repeated_relationships(const AdjacencyRuns& out,
                                                       RelationshipId first_relationship,
                                                       RelationshipProperties& properties);

// The ordinals, ascending, of the relationships in `out` identical to one
// already in the database (read through `txn`): only those whose start and
// end are below `first_new_node` can be. Reads the `out` and `edges`
// tables, so call it before the import writes its adjacency.
std::vector<std::uint64_t> find_relationships_in_database(const Transaction& txn,
                                                          const AdjacencyRuns& out,
                                                          RelationshipId first_relationship,
                                                          NodeId first_new_node,
                                                          RelationshipProperties& properties);

// Removes the relationships at `ordinals` (ascending) from the chunks.
void drop_relationships(std::deque<RelationshipChunk>& chunks,
                        const std::vector<std::uint64_t>& ordinals);

}  // namespace guanxi::storage
