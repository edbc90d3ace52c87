// Cypher literals of property values, written by `guanxi dump` and read back
// by `guanxi load`: the query language reads every literal written here to
// the same value (types included: 1 stays an integer, 1.0 a float), and the
// reader here parses exactly what the writer writes, without the query engine.
//
//   null  true  42  -7  1.5  1.0  1e+300  (0.0 / 0.0)  (1.0 / 0.0)  (-1.0 / 0.0)
//   'text with \' \\ \n \t \u0007 and 中文'
//   [1, 'two']  {a: 1, `odd key`: 2}
//   date('2024-01-31')  datetime('2024-01-31T12:00:00.5Z')  duration('P1M2DT3S')
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "query/value.h"
#include "storage/value.h"

namespace guanxi::exchange {

// Appends `value` as a literal. Property values only: a node, relationship or
// path throws std::invalid_argument.
void append_literal(std::string& out, const query::Value& value);

// `name` as a Cypher identifier: bare when it is a plain ASCII identifier
// that is no keyword the dump uses, else in backquotes (doubled inside).
std::string identifier(std::string_view name);
void append_identifier(std::string& out, std::string_view name);

// Reads literals and names as append_literal and identifier write them.
class LiteralReader {
 public:
  explicit LiteralReader(std::string_view text) : text_(text) {}

  // The value at the current position (after blanks). Throws
  // std::runtime_error naming what was expected and the offset.
  storage::Value value();
  // An identifier, bare or backquoted.
  std::string name();
  // Skips blanks, then requires `token` exactly.
  void expect(std::string_view token);
  // Skips blanks; consumes `token` and returns true when it is next.
  bool accept(std::string_view token);
  void skip_blanks();
  bool at_end();
  std::size_t position() const { return pos_; }
  void seek(std::size_t position) { pos_ = position; }

  [[noreturn]] void fail(const std::string& what) const;

 private:
  storage::Value number();
  std::string quoted_string();
  storage::Value list();
  storage::Value map();
  storage::Value temporal(std::string_view function);
  storage::Value special_float();

  std::string_view text_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace guanxi::exchange
