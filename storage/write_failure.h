// The error for a write the operating system refused: a full disk named as
// such.
//
// LMDB reports a full file system as ENOSPC, a file past the process's file
// size limit (ulimit -f) as EFBIG, and a write that stopped part way (the
// last free blocks taken) as EIO: "Input/output error", which reads like
// failing hardware. Before reporting an I/O failure of a commit, the
// database's file system and the file size limit are checked, so that a
// full disk says "no space left on device" and names the database.
#pragma once

#include <filesystem>
#include <string>

namespace guanxi::storage {

// Throws a StorageError (kIo) for LMDB's `rc` while `what` ("committing")
// on the database in `directory`: "no space left on device for database
// 'DIR' while committing (...)" when the disk or the file size limit is
// the cause, else as throw_lmdb_error.
[[noreturn]] void throw_write_error(int rc, const std::filesystem::path& directory,
                                    const std::string& what);

}  // namespace guanxi::storage
