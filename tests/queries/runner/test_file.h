// The end-to-end query test format (tests/queries/**/*.test), parsed.
//
// Blocks are separated by blank lines; lines starting with '#' before a
// block's first line are comments. The blocks:
//
//   load demo 200             the seeded demo customer graph of 200 customers
//                             (first block only)
//   param k = 10              sets $k to the value of the Cypher expression
//   memory budget 1048576     the blocks after it run in a new session whose
//                             statements may hold that many bytes
//   session purpose P user U  the blocks after it run in a new session with
//                             purpose P and user U (both optional: `session`
//                             alone is a session without a purpose)
//   statement ok              a statement that must succeed
//   <statement lines>
//   statement error semantic  a statement that must fail with that code
//   <statement lines>
//   ----
//   <substring of the error text>   (optional; every line must occur)
//   warnings                  a statement that must succeed with exactly
//   <statement lines>         these notifications, one per line as
//   ----                      "[code] message (line L, column C)" (none
//   <notifications>           after '----': it must have none)
//   query ordered | query bag
//   <statement lines>
//   ----
//   <header: columns joined by ' | '>
//   <rows: values as Value::to_string() joined by ' | '>
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace guanxi::test_support {

struct TestBlock {
  enum class Kind {
    kLoadDemo,
    kParam,
    kMemoryBudget,
    kSession,
    kStatementOk,
    kStatementError,
    kWarnings,
    kQuery
  };
  Kind kind = Kind::kStatementOk;
  int line = 0;                               // 1-based line of the block's directive
  std::string statement;                      // statement text (lines joined by '\n')
  std::uint64_t demo_customers = 0;           // kLoadDemo
  std::string param_name, param_expression;   // kParam
  std::uint64_t memory_budget = 0;            // kMemoryBudget
  std::string purpose, user;                  // kSession
  std::string error_code;                     // kStatementError
  std::vector<std::string> error_substrings;  // kStatementError
  std::vector<std::string> warnings;          // kWarnings
  bool ordered = true;                        // kQuery
  std::string header;                         // kQuery
  std::vector<std::string> rows;              // kQuery
};

struct TestFile {
  std::filesystem::path path;
  std::vector<TestBlock> blocks;
};

// Parses the test file at `path` (a Markdown page when it ends in .md, see
// parse_markdown_test_file). Throws std::runtime_error "file:line: reason"
// for a malformed block (unknown directive, a query without its ---- and
// header, `load` after the first block, ...).
TestFile parse_test_file(const std::filesystem::path& path);

// A documentation page whose examples are tests, so that it cannot go stale
// (docs/cookbook.md). In the page:
//   <!-- test: load demo 10000 -->   a directive line of the format above
//                                    (load, param), invisible when rendered
//   ```cypher                        a statement...
//   ```
//   ```text                          ...and, when this follows it (blank
//   header | row values as above     lines between allowed), its expected
//   ```                              result in order: a `query ordered`;
//                                    without it, a `statement ok`.
// Other text and fences are prose.
TestFile parse_markdown_test_file(const std::filesystem::path& path);

}  // namespace guanxi::test_support
