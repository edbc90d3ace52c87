// RAII transactions over the LMDB environment.
//
// A ReadTransaction is a consistent snapshot; it may be used from any thread
// (the environment is opened with MDB_NOTLS) but by one thread at a time.
// A WriteTransaction commits whole or not at all: if it is destroyed without
// commit(), including by an exception unwinding, everything it did is rolled
// back. A write transaction belongs to the thread that began it.
//
// A write transaction can open a child (an LMDB nested transaction): the
// child's changes join the parent when the child commits and vanish when it
// aborts, leaving the parent exactly as it was. Multi-statement transactions
// run each statement in a child, so a failing statement undoes only itself.
#pragma once

#include <lmdb.h>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <typeindex>
#include <unordered_map>
#include <vector>

#include "storage/error.h"

namespace guanxi::storage {

class Environment;

inline MDB_val to_val(std::string_view s) { return MDB_val{s.size(), const_cast<char*>(s.data())}; }
inline std::string_view from_val(const MDB_val& v) {
  return {static_cast<const char*>(v.mv_data), v.mv_size};
}

// Thrown internally when the map is full; Environment::write() catches it,
// grows the map and runs the transaction again. Users never see it.
class MapFullError : public StorageError {
 public:
  MapFullError() : StorageError(ErrorCode::kIo, "the database map is full") {}
};

class Transaction {
 public:
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  virtual ~Transaction() = default;

  MDB_txn* raw() const { return txn_; }
  Environment& env() const { return *env_; }
  virtual bool is_write() const = 0;
  // The write transaction this is, or nullptr for a snapshot. Stores use it to
  // see their own uncommitted changes from read paths that take a Transaction.
  virtual class WriteTransaction* as_write() const = 0;

  // The value under `key` in `dbi`, pointing into the map (valid until the
  // transaction ends or, for a write transaction, the next write), or nullopt.
  std::optional<std::string_view> get(MDB_dbi dbi, std::string_view key) const;

 protected:
  Transaction(Environment* env, MDB_txn* txn) : env_(env), txn_(txn) {}
  Environment* env_;
  MDB_txn* txn_;
};

class ReadTransaction final : public Transaction {
 public:
  ReadTransaction(ReadTransaction&& other) noexcept;
  ~ReadTransaction() override;
  bool is_write() const override { return false; }
  WriteTransaction* as_write() const override { return nullptr; }

 private:
  friend class Environment;
  ReadTransaction(Environment* env, MDB_txn* txn) : Transaction(env, txn) {}
};

class WriteTransaction final : public Transaction {
 public:
  ~WriteTransaction() override;
  bool is_write() const override { return true; }
  // A transaction's pending state is mutable even through a const reference.
  WriteTransaction* as_write() const override { return const_cast<WriteTransaction*>(this); }

  // Stores `value` under `key`. `flags` are LMDB put flags (MDB_APPEND, ...).
  // Returns false only for MDB_KEYEXIST when MDB_NOOVERWRITE/MDB_NODUPDATA is set.
  bool put(MDB_dbi dbi, std::string_view key, std::string_view value, unsigned flags = 0);
  // Deletes `key` (with `value`, for a DUPSORT entry). Returns false if absent.
  bool del(MDB_dbi dbi, std::string_view key, const std::string_view* value = nullptr);
  // Throws MapFullError for MDB_MAP_FULL, StorageError for anything else but `ok`.
  void check(int rc, const char* what) const;

  // Registers work to run inside commit(), before the LMDB commit: stores use
  // it to flush what they batch per transaction (counters, bitmap chunks).
  void before_commit(std::function<void()> hook) { before_commit_.push_back(std::move(hook)); }
  // Registers work to run after a successful commit (e.g. publishing cached
  // dictionary entries). Hooks must not throw.
  void after_commit(std::function<void()> hook) { after_commit_.push_back(std::move(hook)); }

  // Per-transaction state of type T owned by the transaction, created on first
  // use; lets a store keep batched changes without global state.
  template <typename T>
  T& attachment() {
    auto& slot = attachments_[std::type_index(typeid(T))];
    if (!slot) slot = std::shared_ptr<void>(new T(), [](void* p) { delete static_cast<T*>(p); });
    return *static_cast<T*>(slot.get());
  }

  // Commits. For a child, runs its before-commit hooks and merges its changes
  // into the parent; its after-commit hooks then wait for the parent's commit.
  // Throws MapFullError when the map filled (the transaction is then over).
  void commit();
  void abort();
  bool active() const { return txn_ != nullptr; }
  // Whether this is a child: a statement of a multi-statement transaction.
  bool nested() const { return parent_ != nullptr; }

  // Begins a child transaction, after writing out this transaction's batched
  // changes (its before-commit hooks run now). Until the child commits or
  // aborts, this transaction must not be used (LMDB forbids touching a parent
  // with an open child). A child never holds the writer lock: its parent does.
  WriteTransaction child();

  // Commits everything so far and begins a new transaction in this object,
  // keeping the process's writer lock (a top-level transaction only). Every
  // cursor opened in it must be closed first. Throws MapFullError when the
  // map filled: then nothing was committed, and restart(true) begins afresh.
  void commit_and_continue();

  // Rolls back everything this (top-level) transaction did and begins afresh,
  // growing the map first when `grow_map` is set. The process's writer lock is
  // held throughout, so no other writer of this process can commit in between
  // (a writer of another process can). Used to grow a full map under an open
  // multi-statement transaction, whose statements the caller then replays.
  void restart(bool grow_map);

 private:
  friend class Environment;
  WriteTransaction(Environment* env, MDB_txn* txn, std::unique_lock<std::mutex> writer_lock)
      : Transaction(env, txn), writer_lock_(std::move(writer_lock)) {}
  WriteTransaction(WriteTransaction* parent, MDB_txn* txn)
      : Transaction(parent->env_, txn), parent_(parent) {}
  void finish();

  WriteTransaction* parent_ = nullptr;  // set for a child
  std::unique_lock<std::mutex> writer_lock_;
  std::vector<std::function<void()>> before_commit_;
  std::vector<std::function<void()>> after_commit_;
  std::unordered_map<std::type_index, std::shared_ptr<void>> attachments_;
  // Attachments retired by child() or merged from committed children, kept
  // alive for their after-commit hooks.
  std::vector<std::shared_ptr<void>> merged_attachments_;
};

}  // namespace guanxi::storage
