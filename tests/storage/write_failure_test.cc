// A write that the file system cannot hold fails with "no space left on
// device" naming the database, not "Input/output error". The disk is made
// full by a file size limit (RLIMIT_FSIZE, SIGXFSZ ignored) in a child
// process, so the test needs no privileges and touches nothing else.
#include "storage/write_failure.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <string>

#include "storage/error.h"
#include "storage/graph.h"
#include "tests/support/temp_dir.h"

namespace guanxi::storage {
namespace {

namespace fs = std::filesystem;

// Runs `body` in a child process and returns what it wrote to the pipe.
template <typename Body>
std::string in_child(Body&& body) {
  int fds[2];
  if (pipe(fds) != 0) return "pipe failed";
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    const std::string out = body();
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

// Writes 2 KiB properties until a commit fails; returns its message.
std::string fill(const fs::path& dir) {
  EnvironmentOptions options;
  options.durable = false;
  auto graph = Graph::open(dir, options);
  const std::string text(2000, 'x');
  for (int batch = 0; batch < 10000; ++batch) {
    try {
      graph->write([&](WriteTransaction& txn) {
        const PropertyKeyId key = graph->dictionary().intern(txn, NameKind::kPropertyKey, "s");
        for (int i = 0; i < 50; ++i) graph->create_node(txn, {}, {{key, Value(text)}});
      });
    } catch (const StorageError& e) {
      return std::string(error_code_name(e.code())) + ": " + e.what();
    }
  }
  return "no error after 1 GB";
}

TEST(WriteFailureTest, AFullDiskSaysNoSpaceLeftAndNamesTheDatabase) {
  test_support::TempDir tmp;
  const fs::path dir = tmp.path() / "db";
  const std::string message = in_child([&] {
    // Created before the limit, so that only growth meets it.
    { Graph::open(dir); }
    std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit {};
    limit.rlim_cur = limit.rlim_max = 4 << 20;
    setrlimit(RLIMIT_FSIZE, &limit);
    return fill(dir);
  });
  EXPECT_EQ(
      message.rfind(
          "io: no space left on device for database '" + dir.string() + "' while committing (", 0),
      0u)
      << message;
  EXPECT_NE(message.find("file size limit"), std::string::npos) << message;
  EXPECT_EQ(message.find("Input/output error"), std::string::npos) << message;
  // The database reopens as the last successful commit left it: whole
  // batches of 50 nodes, and some of them.
  auto graph = Graph::open(dir);
  auto txn = graph->read();
  const std::uint64_t nodes = graph->counters().node_count(txn);
  EXPECT_GT(nodes, 0u);
  EXPECT_EQ(nodes % 50, 0u);
}

TEST(WriteFailureTest, OtherFailuresKeepLmdbsMessage) {
  test_support::TempDir tmp;
  try {
    throw_write_error(EIO, tmp.path(), "committing");
  } catch (const StorageError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kIo);
    EXPECT_EQ(std::string(e.what()), "committing: Input/output error") << e.what();
  }
  try {
    throw_write_error(ENOSPC, tmp.path(), "committing");
  } catch (const StorageError& e) {
    EXPECT_NE(std::string(e.what()).find("no space left on device for database '" +
                                         tmp.path().string() + "' while committing"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace guanxi::storage
