#include "storage/transaction.h"

#include "storage/environment.h"
#include "storage/write_failure.h"

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
  if (rc == MDB_MAP_FULL) {
    // Keep the writer lock until destruction, so that a caller that restarts
    // this transaction to grow the map holds it throughout.
    if (!parent_) env_->leave();
    throw MapFullError();
  }
  finish();
  if (rc != MDB_SUCCESS) throw_write_error(rc, env_->path(), "committing");
  if (parent_) {
    for (auto& hook : after_commit_) parent_->after_commit_.push_back(std::move(hook));
    for (auto& [type, attachment] : attachments_) {
      parent_->merged_attachments_.push_back(std::move(attachment));
    }
    for (auto& attachment : merged_attachments_) {
      parent_->merged_attachments_.push_back(std::move(attachment));
    }
    after_commit_.clear();
    attachments_.clear();
    merged_attachments_.clear();
    return;
  }
  for (auto& hook : after_commit_) hook();
  env_->notify_committed();
}

void WriteTransaction::commit_and_continue() {
  if (parent_) {
    throw StorageError(ErrorCode::kInvalidArgument,
                       "a nested transaction cannot commit and continue");
  }
  // commit() releases the writer lock as it finishes; held apart, the lock
  // stays for the next transaction (and, after a full map, for restart()).
  std::unique_lock<std::mutex> held = std::move(writer_lock_);
  try {
    commit();
  } catch (const MapFullError&) {
    writer_lock_ = std::move(held);
    throw;
  }
  writer_lock_ = std::move(held);
  before_commit_.clear();
  after_commit_.clear();
  attachments_.clear();
  merged_attachments_.clear();
  txn_ = env_->begin_raw(0, nullptr);
}

void WriteTransaction::abort() {
  if (!txn_) return;
  mdb_txn_abort(txn_);
  txn_ = nullptr;
  finish();
}

WriteTransaction WriteTransaction::child() {
  if (!txn_) throw StorageError(ErrorCode::kInvalidArgument, "transaction already finished");
  // The child reads what LMDB holds, so this transaction's batches must be
  // written first; and the child may change anything this transaction cached
  // (the next dictionary id, the index catalog), so its attachments start
  // afresh, the old ones kept alive for their after-commit hooks.
  for (size_t i = 0; i < before_commit_.size(); ++i) before_commit_[i]();
  before_commit_.clear();
  for (auto& [type, attachment] : attachments_)
    merged_attachments_.push_back(std::move(attachment));
  attachments_.clear();
  MDB_txn* nested = nullptr;
  check(mdb_txn_begin(mdb_txn_env(txn_), txn_, 0, &nested), "beginning a nested transaction");
  return WriteTransaction(this, nested);
}

void WriteTransaction::restart(bool grow_map) {
  if (parent_)
    throw StorageError(ErrorCode::kInvalidArgument, "a nested transaction cannot restart");
  if (txn_) {
    mdb_txn_abort(txn_);
    txn_ = nullptr;
    env_->leave();
  }
  before_commit_.clear();
  after_commit_.clear();
  attachments_.clear();
  merged_attachments_.clear();
  if (!writer_lock_.owns_lock()) writer_lock_.lock();
  if (grow_map) env_->grow_map(0);
  txn_ = env_->begin_raw(0, nullptr);
}

void WriteTransaction::finish() {
  if (parent_) return;  // the parent holds the gate and the writer lock
  env_->leave();
  if (writer_lock_.owns_lock()) writer_lock_.unlock();
}

}  // namespace guanxi::storage
