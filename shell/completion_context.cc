#include "shell/completion_context.h"

#include <algorithm>
#include <cctype>

namespace guanxi::shell {

namespace {

// Letters, digits, '_' and every byte of a multi-byte UTF-8 character, so
// that Chinese names complete as well.
bool is_name_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || std::isalnum(u) || c == '_';
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// The index of the first byte of the name ending at `end`.
std::size_t name_start(std::string_view text, std::size_t end) {
  while (end > 0 && is_name_byte(text[end - 1])) --end;
  return end;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

CompletionContext completion_context(std::string_view text, bool continuing) {
  // The word at the cursor, dots included (procedure names, n.key).
  std::size_t start = text.size();
  while (start > 0 && (is_name_byte(text[start - 1]) || text[start - 1] == '.')) --start;
  const std::string_view word = text.substr(start);
  const char before = start > 0 ? text[start - 1] : '\0';

  if (before == '$') return {CompletionKind::kParameter, std::string(word)};
  if (before == '|') return {CompletionKind::kType, std::string(word)};
  if (before == ':') {
    const std::size_t colon = start - 1;
    const bool line_start =
        std::all_of(text.begin(), text.begin() + static_cast<long>(colon), is_blank);
    if (line_start && !continuing) return {CompletionKind::kCommand, std::string(word)};
    // Back over the variable (`r` in `[r:`) and blanks to what opened it.
    std::size_t i = name_start(text, colon);
    while (i > 0 && is_blank(text[i - 1])) --i;
    const char opener = i > 0 ? text[i - 1] : '\0';
    return {opener == '[' ? CompletionKind::kType : CompletionKind::kLabel, std::string(word)};
  }
  // The word before this one: CALL makes this a procedure name.
  std::size_t end = start;
  while (end > 0 && is_blank(text[end - 1])) --end;
  if (end < start &&
      iequals(text.substr(name_start(text, end), end - name_start(text, end)), "CALL"))
    return {CompletionKind::kProcedure, std::string(word)};
  if (const std::size_t dot = word.rfind('.'); dot != std::string_view::npos)
    return {CompletionKind::kPropertyKey, std::string(word.substr(dot + 1))};
  return {CompletionKind::kAnything, std::string(word)};
}

}  // namespace guanxi::shell
