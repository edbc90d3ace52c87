// DataFileMeta: the two meta pages at the head of an LMDB data file (data.mdb),
// read from the file's bytes without LMDB.
//
// LMDB trusts its data file: a file shorter than its meta pages say, or meta
// pages that point outside the file, make the memory map fault (SIGBUS) on the
// first read. Reading the metas ourselves lets opening and `verify` refuse or
// report such a file instead. The layout is LMDB 0.9's on a 64-bit machine:
// a 16-byte page header, then the meta (magic, version, address, map size, the
// free-list and main tree roots, last page number, transaction id); the
// second meta page starts one page size in.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace guanxi::storage {

// One B-tree's root as LMDB stores it (its MDB_db): in a meta page for the
// free list and the main tree, and as the value of each named table's entry.
struct LmdbTree {
  std::uint32_t pad = 0;  // the page size (free list) or fixed key size (LEAF2)
  std::uint16_t flags = 0;
  std::uint16_t depth = 0;
  std::uint64_t branch_pages = 0, leaf_pages = 0, overflow_pages = 0, entries = 0;
  std::uint64_t root = 0;  // kNoPage for an empty tree
  static constexpr std::size_t kSize = 48;
  static constexpr std::uint64_t kNoPage = ~std::uint64_t{0};
  // Decodes `bytes` (at least kSize long).
  static LmdbTree decode(const unsigned char* bytes);
};

struct DataFileMeta {
  int page = 0;  // 0 or 1: which meta page this is
  std::uint32_t page_size = 0;
  std::uint64_t last_page = 0;  // last page number in use
  std::uint64_t transaction = 0;
  LmdbTree free_list, main;
  // Bytes the file must hold for this meta to be usable.
  std::uint64_t needed_bytes() const { return (last_page + 1) * page_size; }
};

// The meta LMDB would use (the valid one with the higher transaction id),
// read from the head of a data file (`head` holds at least its first two
// pages, or the whole file when shorter). On failure, `problem` says why.
struct MetaPick {
  std::optional<DataFileMeta> meta;
  std::string problem;
  std::optional<DataFileMeta> pages[2];  // each meta page that is valid by itself
};
MetaPick pick_meta(std::string_view head);

class MappedFile;

// Checks data.mdb in database directory `dir`: it is not empty, its meta
// pages are sound and the pages they claim fit in the file. Returns a message
// naming the file when not, std::nullopt when sound or when there is no
// data.mdb (a new database). Throws nothing.
std::optional<std::string> data_file_problem(const std::filesystem::path& dir);
// The same check of a data file already mapped (`file`), for a caller that
// reads it further.
std::optional<std::string> data_file_problem(const MappedFile& file);

}  // namespace guanxi::storage
