// Adjacency blocks: how the `out` and `in` tables store a node's neighbours
// over one relationship type, compactly.
//
// A (node, type) pair's entries, sorted by (other node, relationship id),
// are cut into blocks of about kAdjacencyBlockBytes; each block is one LMDB
// value (keys.h: AdjacencyKey). A block is
//
//   varint count, varint first other node, varint first relationship,
//   and when count > 1:
//     byte W (bits of an other-node delta), byte S (bits of a step),
//     count - 1 deltas (other - previous other), W bits each,
//     count - 1 steps zigzag(relationship - previous relationship), S bits each,
//
// each stream packed least significant bit first and padded to a byte. A
// block decodes on its own. Other nodes ascend, so their deltas are small;
// the zigzag keeps a relationship's step back small too. On the scale-20
// R-MAT graph (16.8M relationships) each of `out` and `in` takes 6.6 bytes
// per relationship, keys and pages included, where 16-byte (other,
// relationship) duplicates took 22.0.
//
// Packed to the block's widest value rather than a varint a value: a
// varint's length is known only once it is read, so each value waited on the
// one before, and decoding took 5.5 ns an entry, most of a 2-hop query's
// time. Fixed widths let the values be read independently, with a loop of
// constant shifts for each width: 2.5 ns an entry in blocks of 20, 1.7 in
// blocks of 150. They take less room than varints for the random
// relationship ids of a node's entries, which varints store in whole bytes
// (7.7 bytes per relationship a table with varints). Not StreamVByte: ids
// are 64-bit and its formats are 32-bit.
//
// Parallel entries to one other node are never split across blocks, so the
// block holding an (other, relationship) is the last whose key is at or
// before (node, type, other). A block exceeds the size only when it is one
// such run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/keys.h"

namespace guanxi::storage {

// Blocks are cut at about this many encoded bytes. Small enough that LMDB
// keeps several blocks on a 4 KiB page and never needs an overflow page for
// one (its limit is about 2 KiB a value), and that an insert into a node of
// many neighbours rewrites 1 KiB rather than the whole list; large enough
// that the key and node header (20 + 8 bytes) stay a few percent of it.
inline constexpr std::size_t kAdjacencyBlockBytes = 1024;

// Appends the block of `entries` (sorted, no two equal, not empty) to `out`.
void encode_adjacency_block(std::span<const AdjacencyEntry> entries, std::string& out);

// Appends the entries of `block` to `out`. Throws StorageError(kCorruption)
// for bytes that are not a block: truncated, trailing, out of order, or a
// count the bytes cannot hold.
void decode_adjacency_block(std::string_view block, std::vector<AdjacencyEntry>& out);

// Decodes `block` into the front of `storage`, which only grows (a reader
// decoding block after block allocates and clears nothing), and returns the
// entries. Throws as decode_adjacency_block.
std::span<const AdjacencyEntry> decode_adjacency_block_into(std::string_view block,
                                                            std::vector<AdjacencyEntry>& storage);

// The other nodes alone of `block`'s entries, in order (one per entry, so a
// node repeats for parallel relationships), decoded into the front of
// `storage` as above. The relationship stream is not read: for readers that
// need only the neighbours (a 2-hop reach, an unweighted projection), about
// half the decoding. Throws StorageError(kCorruption) for a malformed block,
// or other nodes out of order; disorder among the relationships of parallel
// entries shows only in a full decode.
std::span<const NodeId> decode_adjacency_others_into(std::string_view block,
                                                     std::vector<NodeId>& storage);

// The number of entries in `block`, from its header alone. Throws
// StorageError(kCorruption) when the header is malformed.
std::uint64_t adjacency_block_count(std::string_view block);

// Where to cut sorted `entries` into blocks: the start of every block but the
// first, each block filled up to kAdjacencyBlockBytes (for writing a run
// whole, as an import does).
std::vector<std::size_t> fill_block_cuts(std::span<const AdjacencyEntry> entries);

// Where to cut an overfull block in two: the start of its second half, at the
// change of other node nearest the middle; 0 when the block is one run of
// parallel entries and cannot be cut. Halves, not full blocks, so that the
// next inserts into either half do not split it again at once.
std::size_t half_block_cut(std::span<const AdjacencyEntry> entries);

}  // namespace guanxi::storage
