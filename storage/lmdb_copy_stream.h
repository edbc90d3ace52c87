// LmdbCopyStream: LMDB's compacting copy of an environment (the bytes of a
// new data.mdb holding one read snapshot, free pages left out), read as a
// stream. mdb_env_copyfd2 runs on a thread of its own and writes into a pipe
// that read() drains, so the copy never touches the disk before it is
// compressed.
#pragma once

#include <lmdb.h>
#include <pthread.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <thread>

namespace guanxi::storage {

class LmdbCopyStream {
 public:
  // Starts the copy of `env`. Throws StorageError(kIo) when the pipe or the
  // thread cannot be made.
  explicit LmdbCopyStream(MDB_env* env);
  // Stops a copy still running (its writes fail once the pipe is closed) and
  // waits for its thread.
  ~LmdbCopyStream();
  LmdbCopyStream(const LmdbCopyStream&) = delete;
  LmdbCopyStream& operator=(const LmdbCopyStream&) = delete;

  // Reads up to `size` bytes into `buffer`, blocking until some arrive;
  // returns 0 at the end of the copy. Throws StorageError(kIo) when reading
  // fails, and at the end when the copy itself failed.
  std::size_t read(char* buffer, std::size_t size);
  // Fills `buffer` with `size` bytes unless the copy ends first; returns the
  // bytes read.
  std::size_t read_fully(char* buffer, std::size_t size);

  // The transaction id of the snapshot being copied, from LMDB's reader
  // table; nullopt when the copy holds no reader slot (not yet begun, or
  // already finished). Call after the first bytes have arrived.
  std::optional<std::uint64_t> snapshot_transaction_id() const;

 private:
  void finish();

  MDB_env* env_;
  int read_fd_ = -1;
  int write_fd_ = -1;
  std::thread thread_;
  pthread_t copier_{};
  int copy_result_ = 0;
  bool finished_ = false;
};

}  // namespace guanxi::storage
