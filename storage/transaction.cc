#include "storage/transaction.h"

#include "storage/environment.h"

namespace guanxi::storage {

std::optional<std::string_view> Transaction::get(MDB_dbi dbi, std::string_view key) const {
  MDB_val k = to_val(key), v;
  const int rc = mdb_get(txn_, dbi, &k, &v);
  if (rc == MDB_NOTFOUND) return std::nullopt;
  if (rc != MDB_SUCCESS) throw_lmdb_error(rc, "reading");
  return from_val(v);
}

ReadTransaction::ReadTransaction(ReadTransaction&& other) noexcept
    : Transaction(other.env_, other.txn_) {
  other.txn_ = nullptr;
}

ReadTransaction::~ReadTransaction() {
  if (txn_) env_->release_read(txn_);
}

WriteTransaction::~WriteTransaction() {
  if (txn_) abort();
}

void WriteTransaction::check(int rc, const char* what) const {
  if (rc == MDB_SUCCESS) return;
  if (rc == MDB_MAP_FULL) throw MapFullError();
  throw_lmdb_error(rc, what);
}

bool WriteTransaction::put(MDB_dbi dbi, std::string_view key, std::string_view value,
                           unsigned flags) {
  MDB_val k = to_val(key), v = to_val(value);
  const int rc = mdb_put(txn_, dbi, &k, &v, flags);
  if (rc == MDB_KEYEXIST && (flags & (MDB_NOOVERWRITE | MDB_NODUPDATA))) return false;
  check(rc, "writing");
  return true;
}

bool WriteTransaction::del(MDB_dbi dbi, std::string_view key, const std::string_view* value) {
  MDB_val k = to_val(key), v;
  if (value) v = to_val(*value);
  const int rc = mdb_del(txn_, dbi, &k, value ? &v : nullptr);
  if (rc == MDB_NOTFOUND) return false;
  check(rc, "deleting");
  return true;
}

void WriteTransaction::commit() {
  if (!txn_) throw StorageError(ErrorCode::kInvalidArgument, "transaction already finished");
  try {
    // Hooks may register further hooks (e.g. a counter flush touching postings).
    for (size_t i = 0; i < before_commit_.size(); ++i) before_commit_[i]();
  } catch (...) {
    abort();
    throw;
  }
  const int rc = mdb_txn_commit(txn_);
  txn_ = nullptr;
  finish();
  if (rc == MDB_MAP_FULL) throw MapFullError();
  if (rc != MDB_SUCCESS) throw_lmdb_error(rc, "committing");
  for (auto& hook : after_commit_) hook();
}

void WriteTransaction::abort() {
  if (!txn_) return;
  mdb_txn_abort(txn_);
  txn_ = nullptr;
  finish();
}

void WriteTransaction::finish() {
  env_->leave();
  if (writer_lock_.owns_lock()) writer_lock_.unlock();
}

}  // namespace guanxi::storage
