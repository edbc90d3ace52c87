// TempDir: a fresh, empty directory for one test (or benchmark run),
// removed with everything in it when the object is destroyed.
//
//   TempDir dir("guanxi-import");                // $TMPDIR/guanxi-import-XXXXXX
//   auto graph = Graph::open(dir.path() / "db");  // a database inside it
//
// The directory is made by mkdtemp under $TMPDIR (or /tmp when unset), so
// tests running in parallel never share one.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

namespace guanxi::test_support {

class TempDir {
 public:
  // Throws std::runtime_error when the directory cannot be made.
  explicit TempDir(std::string_view prefix = "guanxi-test") {
    const char* base = std::getenv("TMPDIR");
    std::string pattern =
        (std::filesystem::path(base && *base ? base : "/tmp") / (std::string(prefix) + "-XXXXXX"))
            .string();
    if (!mkdtemp(pattern.data())) {
      throw std::runtime_error("cannot create a temporary directory " + pattern);
    }
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;  // a test's failure is reported by the test, not here
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace guanxi::test_support
