#include "query/executor/unknown_names.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "storage/graph.h"

namespace guanxi::query {

namespace {

// The code points of UTF-8 `text`, ASCII letters lowered (a stray byte
// stands for itself: names come from parsed text and the dictionary, both
// valid UTF-8).
std::u32string folded_code_points(std::string_view text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const int length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
    char32_t c = length == 1 ? byte : byte & (0x3F >> (length - 1));
    for (int k = 1; k < length && i + static_cast<std::size_t>(k) < text.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]) & 0x3F);
    }
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    out.push_back(c);
    i += static_cast<std::size_t>(length);
  }
  return out;
}

// Optimal string alignment distance: insertions, deletions, substitutions
// and transpositions of neighbours ("nmae" is one step from "name").
std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> before(m + 1), previous(m + 1), current(m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    before.swap(previous);
    previous.swap(current);
  }
  return previous[m];
}

storage::NameKind storage_kind(NameReference::Kind kind) {
  switch (kind) {
    case NameReference::Kind::kLabel: return storage::NameKind::kLabel;
    case NameReference::Kind::kRelationshipType: return storage::NameKind::kType;
    case NameReference::Kind::kPropertyKey: return storage::NameKind::kPropertyKey;
  }
  return storage::NameKind::kLabel;
}

Notification notification_for(const NameReference& read, std::vector<std::string> suggestions) {
  Notification n;
  const char* what = "label";
  switch (read.kind) {
    case NameReference::Kind::kLabel: n.code = Notification::Code::kUnknownLabel; break;
    case NameReference::Kind::kRelationshipType:
      n.code = Notification::Code::kUnknownRelationshipType;
      what = "relationship type";
      break;
    case NameReference::Kind::kPropertyKey:
      n.code = Notification::Code::kUnknownPropertyKey;
      what = "property key";
      break;
  }
  n.name = read.name;
  n.message = std::string("the ") + what + " " + read.name + " does not exist in the database";
  for (std::size_t i = 0; i < suggestions.size(); ++i) {
    n.message += i == 0 ? "; did you mean " : i + 1 == suggestions.size() ? " or " : ", ";
    n.message += suggestions[i];
  }
  if (!suggestions.empty()) n.message += '?';
  n.suggestions = std::move(suggestions);
  n.line = static_cast<int>(read.pos.line);
  n.column = static_cast<int>(read.pos.column);
  return n;
}

}  // namespace

std::vector<std::string> closest_names(std::string_view name,
                                       const std::vector<std::string>& candidates,
                                       std::size_t limit) {
  const std::u32string wanted = folded_code_points(name);
  const std::size_t allowed = std::max<std::size_t>(1, wanted.size() / 3);
  std::vector<std::pair<std::size_t, const std::string*>> close;
  for (const std::string& candidate : candidates) {
    if (candidate.empty() || candidate == name) continue;
    const std::size_t d = edit_distance(wanted, folded_code_points(candidate));
    if (d <= allowed) close.emplace_back(d, &candidate);
  }
  std::sort(close.begin(), close.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : *a.second < *b.second;
  });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < close.size() && i < limit; ++i) out.push_back(*close[i].second);
  return out;
}

std::vector<Notification> unknown_name_notifications(const std::vector<NameReference>& reads,
                                                     storage::Graph& graph,
                                                     const storage::Transaction& txn) {
  std::vector<Notification> out;
  for (const NameReference& read : reads) {
    const storage::NameKind kind = storage_kind(read.kind);
    if (graph.dictionary().find(txn, kind, read.name)) continue;
    out.push_back(
        notification_for(read, closest_names(read.name, graph.dictionary().all(txn, kind))));
  }
  return out;
}

}  // namespace guanxi::query
