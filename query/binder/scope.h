// Scope: the variables visible at one point of a statement, name -> slot.
//
// Clause scopes replace each other at WITH; expression scopes (list
// comprehensions, reduce, pattern comprehensions) nest on top of a clause
// scope and are popped when the expression ends.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "query/binder/bound_query.h"

namespace guanxi::query {

struct Variable {
  int slot = -1;
  VariableKind kind = VariableKind::kAny;
};

class Scope {
 public:
  Scope() : frames_(1) {}

  // The innermost variable called `name`, or nullopt.
  std::optional<Variable> find(const std::string& name) const;
  // Declares `name` in the innermost frame (replacing any shadowed one).
  void declare(const std::string& name, Variable variable);

  void push() { frames_.emplace_back(); }
  void pop() { frames_.pop_back(); }

  // The slot of every visible variable, shadowed ones left out.
  std::vector<int> visible_slots() const;

  // The clause-level variables, sorted by name (for `*`).
  const std::map<std::string, Variable>& clause_variables() const { return frames_.front(); }

 private:
  std::vector<std::map<std::string, Variable>> frames_;
};

}  // namespace guanxi::query
