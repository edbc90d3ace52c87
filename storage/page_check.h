// PageCheck: validates the B-tree pages of a data file (data.mdb) without
// LMDB, so that `verify` can report damage LMDB would crash on.
//
// LMDB trusts every page it reads: a damaged page header, a child page number
// past the end of the file or a node that overruns its page makes it read
// out of bounds (SIGSEGV, SIGBUS) or fail an assertion (SIGABRT). This walk
// reads the file through a read-only map with every access bounds-checked and
// checks, from the meta page LMDB would use: each page's number, kind
// (branch, leaf, overflow), header bounds and node bounds; child and overflow
// page numbers within the file; tree depth; no page reached twice; keys (and
// the values of duplicate-key tables) in order within a page and within the
// range their parent gives them. A key changed in place therefore shows as a
// key out of order. Tables with a structural problem (damaged_tables) must
// not be read through LMDB; a key out of order is reported but leaves its
// table readable (LMDB may miss the key when searching, nothing worse).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace guanxi::storage {

struct PageProblem {
  // The table ("nodes", "edges", ...), or "meta pages", "catalog" (LMDB's
  // main tree, which lists the tables) or "free list".
  std::string table;
  std::string message;  // names the page and, where known, the key
};

// How one table uses its pages, as the walk found them.
struct TablePages {
  std::uint64_t branch = 0, leaf = 0, overflow = 0;  // pages of each kind
  // Bytes of branch and leaf pages holding headers and entries (the rest is
  // free space inside them); overflow pages count whole.
  std::uint64_t used_bytes = 0;
  std::uint64_t page_size = 0;
  std::uint64_t pages() const { return branch + leaf + overflow; }
  // Used bytes over the bytes of the table's pages: 1 is every page full.
  double fill() const {
    return pages() == 0
               ? 0.0
               : static_cast<double>(used_bytes) / static_cast<double>(pages() * page_size);
  }
};

struct PageCheckReport {
  std::vector<PageProblem> problems;
  std::set<std::string> damaged_tables;  // tables unsafe to read through LMDB
  std::uint64_t pages_checked = 0;
  // By table name ("catalog" and "free list" included), for what was walked.
  std::map<std::string, TablePages> table_pages;
  // The meta pages, the file's size and the catalog are sound: LMDB can open
  // the database and find its tables (which may still be damaged).
  bool catalog_sound = false;
  // With a pinned snapshot: whether a meta page still held it. When not, the
  // report is empty and the caller should pin a newer snapshot.
  bool snapshot_found = true;
  bool ok() const { return problems.empty(); }
};

// Checks the pages of data.mdb in database directory `dir`: the meta pages,
// the catalog and, when `only` is given, just the tables it names (else all
// tables and the free list). Safe while other processes read or write: with
// `snapshot`, the id of a read transaction the caller holds open (which
// keeps its pages from being reused), the walk is of that snapshot;
// without, a walk that a commit overlapped is done again. Throws
// StorageError(kIo) only when the file cannot be read at all.
PageCheckReport check_pages(const std::filesystem::path& dir,
                            const std::set<std::string>* only = nullptr,
                            std::uint64_t snapshot = 0);
// The same walk of a data file already mapped (`file`), which the first walk
// reads instead of mapping the file again (a walk that must be done again
// maps it anew).
class MappedFile;
PageCheckReport check_pages(const MappedFile& file, const std::set<std::string>* only = nullptr,
                            std::uint64_t snapshot = 0);

}  // namespace guanxi::storage
