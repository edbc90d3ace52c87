// Whether a database is in use, asked from a process that may hold it open
// itself: the probe must see it, every time, and take nothing from it.
#include "storage/database_directory.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "storage/environment.h"
#include "tests/support/temp_dir.h"

namespace guanxi::storage {
namespace {

using test_support::TempDir;

TEST(DatabaseInUse, AnEnvironmentOfThisProcessIsSeenEveryTimeAndKeepsItsLock) {
  TempDir dir;
  const auto db = dir.path() / "db";
  {
    std::unique_ptr<Environment> env = Environment::open(db);
    // A probe that opened and closed lock.mdb released this process's own
    // lock on it: the second probe then saw the database free.
    EXPECT_TRUE(database_in_use(db));
    EXPECT_TRUE(database_in_use(db));
    // Another process sees the lock this one still holds.
    const pid_t child = ::fork();
    if (child == 0) ::_exit(database_in_use(db) ? 0 : 1);
    int status = 0;
    ::waitpid(child, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << "another process found the database free";
  }
  EXPECT_FALSE(database_in_use(db));
  EXPECT_FALSE(database_in_use(dir.path() / "none"));
}

}  // namespace
}  // namespace guanxi::storage
