// Cursor: an LMDB cursor that closes itself, for scans over one table.
//
// get() turns LMDB's return codes into the three outcomes a scan cares about:
// positioned (true), past the end (false), or an error (StorageError thrown).
// A cursor must not outlive its transaction.
#pragma once

#include <lmdb.h>

#include <string_view>

#include "storage/error.h"
#include "storage/transaction.h"

namespace guanxi::storage {

class Cursor {
 public:
  Cursor(const Transaction& txn, MDB_dbi dbi) {
    if (int rc = mdb_cursor_open(txn.raw(), dbi, &cursor_))
      throw_lmdb_error(rc, "opening a cursor");
  }
  ~Cursor() { mdb_cursor_close(cursor_); }
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;

  // Moves the cursor by `op`; key and value are in/out as in mdb_cursor_get.
  // Returns false for MDB_NOTFOUND.
  bool get(MDB_val& key, MDB_val& value, MDB_cursor_op op) {
    const int rc = mdb_cursor_get(cursor_, &key, &value, op);
    if (rc == MDB_NOTFOUND) return false;
    if (rc != MDB_SUCCESS) throw_lmdb_error(rc, "reading through a cursor");
    return true;
  }
  // Positions at the first key >= `key`; returns false past the end.
  bool seek(std::string_view key, MDB_val& found_key, MDB_val& value) {
    found_key = to_val(key);
    return get(found_key, value, MDB_SET_RANGE);
  }

  MDB_cursor* raw() const { return cursor_; }

 private:
  MDB_cursor* cursor_ = nullptr;
};

}  // namespace guanxi::storage
