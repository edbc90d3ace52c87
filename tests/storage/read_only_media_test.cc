// A database on read-only media, or in a directory this user may not write,
// opens read-only: without lock.mdb (MDB_NOLOCK) when the lock file cannot
// be opened for writing. Opening it for writing, or a data file that cannot
// be read at all, fails with a message naming the file.
//
// Permissions are checked in a child process: as root (CI containers) the
// child first becomes the unprivileged user 65534, since root passes every
// permission check.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "storage/environment.h"
#include "storage/error.h"
#include "storage/graph.h"
#include "tests/support/temp_dir.h"

namespace guanxi::storage {
namespace {

namespace fs = std::filesystem;

constexpr uid_t kNobody = 65534;

// Runs `body` in a child without root's privileges; returns its output.
template <typename Body>
std::string as_unprivileged_child(Body&& body) {
  int fds[2];
  if (pipe(fds) != 0) return "pipe failed";
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    std::string out;
    if (geteuid() == 0 && (setgid(kNobody) != 0 || setuid(kNobody) != 0)) {
      out = "cannot drop privileges";
    } else {
      out = body();
    }
    if (write(fds[1], out.data(), out.size()) < 0) _exit(2);
    _exit(0);
  }
  close(fds[1]);
  std::string text;
  char buffer[512];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;) text.append(buffer, n);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) text += " [child failed]";
  return text;
}

// Opens `dir` and counts its nodes, or returns the error's message.
std::string open_and_count(const fs::path& dir, bool read_only) {
  try {
    EnvironmentOptions options;
    options.read_only = read_only;
    options.create_if_missing = false;
    auto graph = Graph::open(dir, options);
    auto txn = graph->read();
    return "nodes " + std::to_string(graph->counters().node_count(txn));
  } catch (const StorageError& e) {
    return e.what();
  }
}

class ReadOnlyMediaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    {
      auto graph = Graph::open(db_);
      graph->write([&](WriteTransaction& txn) {
        for (int i = 0; i < 3; ++i) graph->create_node(txn, {}, {});
      });
    }
    // The unprivileged child must reach the directory; nothing in it is writable.
    fs::permissions(tmp_.path(), fs::perms(0755));
    fs::permissions(db_ / "data.mdb", fs::perms(0444));
    fs::permissions(db_ / "lock.mdb", fs::perms(0444));
    fs::permissions(db_, fs::perms(0555));
  }
  void TearDown() override { fs::permissions(db_, fs::perms(0755)); }

  test_support::TempDir tmp_;
  const fs::path db_ = tmp_.path() / "db";
};

TEST_F(ReadOnlyMediaTest, OpensReadOnlyWithoutTheLockFile) {
  EXPECT_EQ(as_unprivileged_child([&] { return open_and_count(db_, true); }), "nodes 3");
}

TEST_F(ReadOnlyMediaTest, WithoutALockFileAtAll) {
  fs::permissions(db_, fs::perms(0755));
  fs::remove(db_ / "lock.mdb");
  fs::permissions(db_, fs::perms(0555));
  EXPECT_EQ(as_unprivileged_child([&] { return open_and_count(db_, true); }), "nodes 3");
}

TEST_F(ReadOnlyMediaTest, OpeningForWritingNamesTheLockFile) {
  const std::string message = as_unprivileged_child([&] { return open_and_count(db_, false); });
  EXPECT_EQ(message, "cannot open database '" + db_.string() + "' for writing: '" +
                         (db_ / "lock.mdb").string() + "': Permission denied (open it read-only)");
}

TEST_F(ReadOnlyMediaTest, AnUnreadableDataFileIsNamed) {
  fs::permissions(db_ / "data.mdb", fs::perms(0));
  const std::string message = as_unprivileged_child([&] { return open_and_count(db_, true); });
  EXPECT_NE(message.find((db_ / "data.mdb").string()), std::string::npos) << message;
  EXPECT_EQ(message.find("nodes"), std::string::npos) << message;
}

}  // namespace
}  // namespace guanxi::storage
