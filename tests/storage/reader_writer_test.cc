// Readers never wait for writers across processes: opening a database while
// another process holds its write transaction (a BEGIN left open in a shell)
// returns at once and reads; and the reader slot of a process killed during
// a read is freed before the next write, so its snapshot stops pinning pages.
#include <gtest/gtest.h>
#include <lmdb.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <future>

#include "storage/graph.h"
#include "tests/support/temp_dir.h"

namespace guanxi::storage {
namespace {

namespace fs = std::filesystem;

// A child process that opens `db`, begins a write (or a read) transaction,
// says so through a pipe and then waits to be killed.
class HoldingChild {
 public:
  HoldingChild(const fs::path& db, bool write) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
      close(fds[0]);
      auto graph = Graph::open(db);
      if (write) {
        WriteTransaction txn = graph->env().begin_write();
        hold(fds[1]);
      } else {
        ReadTransaction txn = graph->read();
        hold(fds[1]);
      }
    }
    close(fds[1]);
    char c = 0;
    ready_ = read(fds[0], &c, 1) == 1;
    close(fds[0]);
  }
  ~HoldingChild() { kill(); }
  bool ready() const { return ready_; }
  void kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  [[noreturn]] static void hold(int fd) {
    const char c = '!';
    if (write(fd, &c, 1) != 1) _exit(1);
    for (;;) pause();
  }
  pid_t pid_ = -1;
  bool ready_ = false;
};

class ReaderWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto graph = Graph::open(db_);
    graph->write([&](WriteTransaction& txn) { graph->create_node(txn, {}, {}); });
  }
  test_support::TempDir dir_;
  const fs::path db_ = dir_.path() / "db";
};

TEST_F(ReaderWriterTest, OpeningAndReadingDoNotWaitForAnotherProcesssWriter) {
  HoldingChild writer(db_, /*write=*/true);
  ASSERT_TRUE(writer.ready());
  auto opened = std::async(std::launch::async, [&] {
    auto graph = Graph::open(db_);
    ReadTransaction txn = graph->read();
    return graph->counters().node_count(txn);
  });
  const bool done = opened.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  writer.kill();  // lets a waiting open finish, so the test ends either way
  EXPECT_TRUE(done) << "opening waited for the other process's write transaction";
  EXPECT_EQ(opened.get(), 1u);
}

TEST_F(ReaderWriterTest, TheSlotOfAKilledReaderIsFreedBeforeTheNextWrite) {
  HoldingChild reader(db_, /*write=*/false);
  ASSERT_TRUE(reader.ready());
  auto graph = Graph::open(db_);
  reader.kill();
  graph->write([&](WriteTransaction& txn) { graph->create_node(txn, {}, {}); });
  int dead = -1;
  ASSERT_EQ(mdb_reader_check(graph->env().raw(), &dead), 0);
  EXPECT_EQ(dead, 0) << "the killed reader's slot was still taken after a write";
}

}  // namespace
}  // namespace guanxi::storage
