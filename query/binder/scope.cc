#include "query/binder/scope.h"

namespace guanxi::query {

std::optional<Variable> Scope::find(const std::string& name) const {
  for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
    auto found = it->find(name);
    if (found != it->end()) return found->second;
  }
  return std::nullopt;
}

std::vector<int> Scope::visible_slots() const {
  std::map<std::string, int> visible;
  for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
    for (const auto& [name, variable] : *it) visible.emplace(name, variable.slot);
  }
  std::vector<int> slots;
  slots.reserve(visible.size());
  for (const auto& [name, slot] : visible) slots.push_back(slot);
  return slots;
}

void Scope::declare(const std::string& name, Variable variable) { frames_.back()[name] = variable; }

}  // namespace guanxi::query
