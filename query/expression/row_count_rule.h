// What SKIP and LIMIT accept: a non-negative integer. openCypher classes a
// negative integer as an invalid argument and any other value (a float
// included, even 1.0) as a type error; the binder applies the rule to a
// SKIP or LIMIT of literals when the statement is prepared, the operators to
// one that needs parameters when it runs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "query/query_error.h"
#include "query/value.h"

namespace guanxi::query {

struct RowCountProblem {
  QueryErrorCode code;
  std::string message;
};

// nullopt when `v` is a valid SKIP or LIMIT; otherwise the error it is.
std::optional<RowCountProblem> row_count_problem(const Value& v);

}  // namespace guanxi::query
