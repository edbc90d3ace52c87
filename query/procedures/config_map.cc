#include "query/procedures/config_map.h"

#include <cmath>

#include "query/query_error.h"

namespace guanxi::query {

ConfigMap::ConfigMap(std::string procedure, const Value& config)
    : procedure_(std::move(procedure)) {
  if (config.is_null()) return;
  if (config.kind() != ValueKind::kMap) {
    throw QueryError(
        QueryErrorCode::kInvalidArgument,
        procedure_ + ": the configuration must be a map, got " + value_kind_name(config.kind()));
  }
  entries_ = config.as_map();
}

void ConfigMap::fail(std::string_view key, const std::string& why) const {
  throw QueryError(QueryErrorCode::kInvalidArgument,
                   procedure_ + ": " + std::string(key) + " " + why);
}

const Value* ConfigMap::lookup(std::string_view key) {
  known_.emplace(key);
  for (const auto& [k, v] : entries_)
    if (k == key) return v.is_null() ? nullptr : &v;
  return nullptr;
}

std::optional<Value> ConfigMap::get(std::string_view key) {
  const Value* v = lookup(key);
  if (v == nullptr) return std::nullopt;
  return *v;
}

bool ConfigMap::has(std::string_view key) { return lookup(key) != nullptr; }

std::int64_t ConfigMap::integer(std::string_view key, std::int64_t fallback) {
  const Value* v = lookup(key);
  if (v == nullptr) return fallback;
  if (v->kind() == ValueKind::kInt) return v->as_int();
  // 20.0 is accepted as 20, as maps written by hand or JSON often hold.
  if (v->kind() == ValueKind::kFloat) {
    double d = v->as_float();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15)
      return static_cast<std::int64_t>(d);
  }
  fail(key, std::string("must be an integer, got ") + v->to_string());
}

std::int64_t ConfigMap::integer(std::string_view key, std::int64_t fallback, std::int64_t min,
                                std::int64_t max) {
  std::int64_t value = integer(key, fallback);
  if (value < min || value > max) {
    fail(key, "must be in [" + std::to_string(min) + ", " + std::to_string(max) + "], got " +
                  std::to_string(value));
  }
  return value;
}

double ConfigMap::number(std::string_view key, double fallback) {
  const Value* v = lookup(key);
  if (v == nullptr) return fallback;
  if (!v->is_number()) fail(key, std::string("must be a number, got ") + v->to_string());
  return v->as_number();
}

bool ConfigMap::boolean(std::string_view key, bool fallback) {
  const Value* v = lookup(key);
  if (v == nullptr) return fallback;
  if (v->kind() != ValueKind::kBool)
    fail(key, std::string("must be a boolean, got ") + v->to_string());
  return v->as_bool();
}

std::string ConfigMap::string(std::string_view key, std::string fallback) {
  const Value* v = lookup(key);
  if (v == nullptr) return fallback;
  if (v->kind() != ValueKind::kString)
    fail(key, std::string("must be a string, got ") + v->to_string());
  return v->as_string();
}

std::vector<std::string> ConfigMap::strings(std::string_view key) {
  const Value* v = lookup(key);
  if (v == nullptr) return {};
  if (v->kind() == ValueKind::kString) return {v->as_string()};
  if (v->kind() != ValueKind::kList)
    fail(key, "must be a string or a list of strings, got " + v->to_string());
  std::vector<std::string> out;
  for (const Value& item : v->as_list()) {
    if (item.kind() != ValueKind::kString)
      fail(key, "must be a string or a list of strings, got " + v->to_string());
    out.push_back(item.as_string());
  }
  return out;
}

void ConfigMap::check_all_used() const {
  for (const auto& [key, value] : entries_) {
    if (known_.count(key) != 0) continue;
    std::string known;
    for (const std::string& k : known_) known += (known.empty() ? "" : ", ") + k;
    throw QueryError(
        QueryErrorCode::kInvalidArgument,
        procedure_ + ": unknown configuration key '" + key + "' (known keys: " + known + ")");
  }
}

}  // namespace guanxi::query
