// FunctionTable: the table each family of functions adds its definitions
// to, and the helpers that define them (for the function library itself;
// callers look functions up through function_registry.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "query/expression/function_registry.h"
#include "query/query_error.h"

namespace guanxi::query::functions {

// Adds definitions to the registry table; one per family of functions.
using FunctionTable = std::vector<FunctionDefinition>;
void register_scalar_functions(FunctionTable* table);
void register_string_functions(FunctionTable* table);
void register_math_functions(FunctionTable* table);
void register_list_functions(FunctionTable* table);
void register_temporal_functions(FunctionTable* table);
void register_aggregate_functions(FunctionTable* table);

inline void define(FunctionTable* table, std::string name, int min_args, int max_args,
                   ScalarFunction fn) {
  table->push_back(FunctionDefinition{std::move(name), min_args, max_args, false, fn, nullptr});
}

inline void define_aggregate(FunctionTable* table, std::string name, int min_args, int max_args,
                             AggregatorFactory factory) {
  table->push_back(FunctionDefinition{std::move(name), min_args, max_args, true, nullptr, factory});
}

// Throws kType: "Invalid argument 1 of toUpper(): expected STRING, got INTEGER".
[[noreturn]] inline void argument_type_error(std::string_view function, size_t index,
                                             std::string_view expected, const Value& got) {
  throw QueryError(QueryErrorCode::kType, "Invalid argument " + std::to_string(index + 1) + " of " +
                                              std::string(function) + "(): expected " +
                                              std::string(expected) + ", got " +
                                              value_kind_name(got.kind()));
}

// Throws kInvalidArgument: "Invalid argument to substring(): <message>".
[[noreturn]] inline void invalid_argument(std::string_view function, const std::string& message) {
  throw QueryError(QueryErrorCode::kInvalidArgument,
                   "Invalid argument to " + std::string(function) + "(): " + message);
}

inline bool any_null(const std::vector<Value>& args) {
  for (const Value& v : args)
    if (v.is_null()) return true;
  return false;
}

inline const std::string& string_arg(std::string_view fn, const std::vector<Value>& args,
                                     size_t i) {
  if (args[i].kind() != ValueKind::kString) argument_type_error(fn, i, "STRING", args[i]);
  return args[i].as_string();
}

inline std::int64_t int_arg(std::string_view fn, const std::vector<Value>& args, size_t i) {
  if (args[i].kind() != ValueKind::kInt) argument_type_error(fn, i, "INTEGER", args[i]);
  return args[i].as_int();
}

inline double number_arg(std::string_view fn, const std::vector<Value>& args, size_t i) {
  if (!args[i].is_number()) argument_type_error(fn, i, "a number", args[i]);
  return args[i].as_number();
}

inline const List& list_arg(std::string_view fn, const std::vector<Value>& args, size_t i) {
  if (args[i].kind() != ValueKind::kList) argument_type_error(fn, i, "LIST", args[i]);
  return args[i].as_list();
}

// Byte offsets of the code points of UTF-8 `s`, plus s.size() at the end:
// string functions count characters, not bytes.
inline std::vector<size_t> code_point_offsets(const std::string& s) {
  std::vector<size_t> out;
  for (size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
  out.push_back(s.size());
  return out;
}

inline std::int64_t code_point_count(const std::string& s) {
  std::int64_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace guanxi::query::functions
