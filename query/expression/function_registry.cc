#include "query/expression/function_registry.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "query/expression/function_table.h"

namespace guanxi::query {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Registry {
  functions::FunctionTable table;
  std::unordered_map<std::string, size_t> by_name;

  Registry() {
    functions::register_scalar_functions(&table);
    functions::register_string_functions(&table);
    functions::register_math_functions(&table);
    functions::register_list_functions(&table);
    functions::register_temporal_functions(&table);
    functions::register_aggregate_functions(&table);
    for (size_t i = 0; i < table.size(); ++i) by_name.emplace(lower(table[i].name), i);
  }
};

const Registry& registry() {
  static const Registry instance;
  return instance;
}

}  // namespace

const FunctionDefinition* find_function(std::string_view name) {
  const Registry& r = registry();
  auto it = r.by_name.find(lower(name));
  return it == r.by_name.end() ? nullptr : &r.table[it->second];
}

std::vector<const FunctionDefinition*> all_functions() {
  std::vector<const FunctionDefinition*> out;
  for (const auto& f : registry().table) out.push_back(&f);
  std::sort(out.begin(), out.end(),
            [](const auto* a, const auto* b) { return lower(a->name) < lower(b->name); });
  return out;
}

Value call_function(const FunctionDefinition& function, std::vector<Value>& arguments,
                    EvaluationContext& ctx) {
  if (function.aggregate || function.scalar == nullptr) {
    throw QueryError(QueryErrorCode::kSemantic,
                     "Aggregate function " + function.name + "() used outside an aggregation");
  }
  const int n = static_cast<int>(arguments.size());
  if (n < function.min_args || (function.max_args >= 0 && n > function.max_args)) {
    std::string expected = std::to_string(function.min_args);
    if (function.max_args != function.min_args)
      expected += function.max_args < 0 ? " or more" : " to " + std::to_string(function.max_args);
    throw QueryError(QueryErrorCode::kSemantic, "Function " + function.name + "() takes " +
                                                    expected + " argument(s), got " +
                                                    std::to_string(n));
  }
  return function.scalar(arguments, ctx);
}

}  // namespace guanxi::query
