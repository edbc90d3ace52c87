#include "query/binder/scope.h"

namespace guanxi::query {

std::optional<Variable> Scope::find(const std::string& name) const {
  for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
    auto found = it->find(name);
    if (found != it->end()) return found->second;
  }
  return std::nullopt;
}

void Scope::declare(const std::string& name, Variable variable) { frames_.back()[name] = variable; }

}  // namespace guanxi::query
