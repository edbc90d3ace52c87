#include "storage/lmdb_copy_stream.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "storage/error.h"

namespace guanxi::storage {

namespace {

// The reader slots of one thread of this process, found in mdb_reader_list's
// lines: "       pid     thread     txnid".
struct ReaderSearch {
  pid_t pid;
  std::size_t thread;
  std::optional<std::uint64_t> txnid;
};

int match_reader(const char* line, void* context) {
  auto* search = static_cast<ReaderSearch*>(context);
  int pid = 0;
  std::size_t thread = 0;
  unsigned long long txnid = 0;
  if (std::sscanf(line, "%d %zx %llu", &pid, &thread, &txnid) == 3 && pid == search->pid &&
      thread == search->thread) {
    search->txnid = txnid;
  }
  return 0;
}

}  // namespace

LmdbCopyStream::LmdbCopyStream(MDB_env* env) : env_(env) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    throw StorageError(ErrorCode::kIo,
                       std::string("cannot make a pipe for the copy: ") + std::strerror(errno));
  }
  read_fd_ = fds[0];
  write_fd_ = fds[1];
  // A larger pipe lets LMDB hand over its 1 MiB write buffers in one go.
  ::fcntl(write_fd_, F_SETPIPE_SZ, 1 << 20);
  thread_ = std::thread([this] {
    // A write into a pipe whose reader has gone must fail with EPIPE rather
    // than kill the process; LMDB's writer thread inherits this mask.
    sigset_t pipe_signal;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);
    copy_result_ = mdb_env_copyfd2(env_, write_fd_, MDB_CP_COMPACT);
    ::close(write_fd_);
  });
  copier_ = thread_.native_handle();
}

LmdbCopyStream::~LmdbCopyStream() {
  if (read_fd_ >= 0) ::close(read_fd_);
  read_fd_ = -1;
  if (thread_.joinable()) thread_.join();
}

void LmdbCopyStream::finish() {
  if (finished_) return;
  finished_ = true;
  if (thread_.joinable()) thread_.join();
  if (copy_result_ == MDB_INCOMPATIBLE) {
    throw StorageError(ErrorCode::kCorruption,
                       "the compacting copy found the database damaged (its page count does not "
                       "add up); run 'guanxi verify' on it");
  }
  if (copy_result_ != 0) {
    throw StorageError(ErrorCode::kIo,
                       std::string("copying the database: ") + mdb_strerror(copy_result_));
  }
}

std::size_t LmdbCopyStream::read(char* buffer, std::size_t size) {
  for (;;) {
    const ssize_t n = ::read(read_fd_, buffer, size);
    if (n > 0) return static_cast<std::size_t>(n);
    if (n == 0) {
      finish();
      return 0;
    }
    if (errno == EINTR) continue;
    throw StorageError(ErrorCode::kIo,
                       std::string("reading the database copy: ") + std::strerror(errno));
  }
}

std::size_t LmdbCopyStream::read_fully(char* buffer, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const std::size_t n = read(buffer + done, size - done);
    if (n == 0) break;
    done += n;
  }
  return done;
}

std::optional<std::uint64_t> LmdbCopyStream::snapshot_transaction_id() const {
  ReaderSearch search{::getpid(), static_cast<std::size_t>(copier_), std::nullopt};
  mdb_reader_list(env_, match_reader, &search);
  return search.txnid;
}

}  // namespace guanxi::storage
