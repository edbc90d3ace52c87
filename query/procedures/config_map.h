// ConfigMap: reads the configuration map of a procedure call, e.g.
// `{labels: ['Customer'], maxIterations: 20}`, key by key, with errors that
// name the procedure, the key and what was wrong.
//
// Every key a procedure asks for is remembered; check_all_used() then turns
// any key nobody asked for into an error listing the known keys, so a typo
// (`maxIteratons`) is reported instead of silently ignored.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "query/value.h"

namespace guanxi::query {

class ConfigMap {
 public:
  // `config` must be a map or null (= empty); otherwise throws QueryError
  // kInvalidArgument.
  ConfigMap(std::string procedure, const Value& config);

  const std::string& procedure() const { return procedure_; }

  // The raw value of `key`, or nullopt when absent or null.
  std::optional<Value> get(std::string_view key);
  bool has(std::string_view key);

  // Typed reads; a present value of the wrong type throws QueryError
  // kInvalidArgument naming the key, the expected and the actual type.
  std::int64_t integer(std::string_view key, std::int64_t fallback);
  // An integer in [min, max] (inclusive).
  std::int64_t integer(std::string_view key, std::int64_t fallback, std::int64_t min,
                       std::int64_t max);
  double number(std::string_view key, double fallback);
  bool boolean(std::string_view key, bool fallback);
  std::string string(std::string_view key, std::string fallback);
  // A string or a list of strings.
  std::vector<std::string> strings(std::string_view key);

  // Throws QueryError kInvalidArgument for a key no read asked for.
  void check_all_used() const;

  // An error about `key` in this procedure's words.
  [[noreturn]] void fail(std::string_view key, const std::string& why) const;

 private:
  const Value* lookup(std::string_view key);

  std::string procedure_;
  Map entries_;
  std::set<std::string, std::less<>> known_;
};

}  // namespace guanxi::query
