// Compaction: a database rewritten in place into a data file that holds only
// what its tables hold now.
//
// LMDB never shrinks its file and never overwrites a freed page until a later
// write reuses it, so pages freed by deletes stay in data.mdb, and with them
// whatever they held: deleted customers, and values written in the clear
// before a tag covered them (CREATE TAG seals them in new pages). The
// compacted file is LMDB's compacting copy of one snapshot (only the pages in
// use, written afresh), made beside the database while its writers wait,
// synced, opened and checked to be the same database (its id, format and
// counts), and moved into place with one atomic exchange of directories: a
// failed or killed compaction leaves the database exactly as it was.
//
// The database's key store (key_store.h), where it is found, is compacted
// next, in the same way: an erased subject's wrapped key, deleted from its
// page, stays in the store's free pages, where the master key would still
// unwrap it, until the store is rewritten. Its copy replaces it in one
// rename of the file.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>

namespace guanxi::storage {

struct CompactionReport {
  std::uint64_t bytes_before = 0;  // data.mdb's size on disk before
  std::uint64_t bytes_after = 0;   // and after
  // The key store's (key_store.h), when the database has one; else 0.
  std::uint64_t key_store_bytes_before = 0;
  std::uint64_t key_store_bytes_after = 0;
  std::uint64_t nodes = 0;
  std::uint64_t relationships = 0;
  std::chrono::duration<double> elapsed{};
};

// Compacts the database in directory `dir`, which no process may have open,
// this one included (it is detected, before and after the copy). Throws
// StorageError: kNotFound (no database there); kInvalidArgument (it is open
// in a process, before or during the compaction; the directory holds
// files other than the database's); kFormat (an older or newer format: an
// older one is upgraded first); kCorruption (a damaged data file); kIo (no
// room for the copy, a failed write). In every case `dir` is as before,
// unless the message says the database was compacted but not its key store
// (each file is whole either way).
CompactionReport compact_database(const std::filesystem::path& dir);

}  // namespace guanxi::storage
