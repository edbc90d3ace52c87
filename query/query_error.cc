#include "query/query_error.h"

#include <fmt/format.h>

namespace guanxi::query {

const char* query_error_code_name(QueryErrorCode code) {
  switch (code) {
    case QueryErrorCode::kSyntax: return "syntax";
    case QueryErrorCode::kSemantic: return "semantic";
    case QueryErrorCode::kType: return "type";
    case QueryErrorCode::kArithmetic: return "arithmetic";
    case QueryErrorCode::kConstraint: return "constraint";
    case QueryErrorCode::kHasRelationships: return "has-relationships";
    case QueryErrorCode::kNotFound: return "not-found";
    case QueryErrorCode::kInvalidArgument: return "invalid-argument";
    case QueryErrorCode::kTransaction: return "transaction";
    case QueryErrorCode::kCancelled: return "cancelled";
    case QueryErrorCode::kLimit: return "limit";
    case QueryErrorCode::kStorage: return "storage";
    case QueryErrorCode::kReadOnly: return "read-only";
  }
  return "unknown";
}

namespace {

// The line `line` (1-based) of `text`, without its newline.
std::string_view line_of(std::string_view text, std::uint32_t line) {
  std::size_t begin = 0;
  for (std::uint32_t l = 1; l < line; ++l) {
    std::size_t nl = text.find('\n', begin);
    if (nl == std::string_view::npos) return {};
    begin = nl + 1;
  }
  std::size_t end = text.find('\n', begin);
  if (end == std::string_view::npos) end = text.size();
  std::string_view result = text.substr(begin, end - begin);
  if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
  return result;
}

std::string describe(const std::string& message, TextPosition pos, std::string_view text) {
  std::string out = fmt::format("{} (line {}, column {})", message, pos.line, pos.column);
  std::string_view line = line_of(text, pos.line);
  // A very long line is cut around the spot so the caret stays readable.
  constexpr std::size_t kWindow = 120;
  std::size_t col = pos.column == 0 ? 0 : pos.column - 1;
  std::size_t from = col > kWindow / 2 ? col - kWindow / 2 : 0;
  if (from > line.size()) from = line.size();
  std::string_view shown = line.substr(from, kWindow);
  std::string caret(col - from, ' ');
  // Keep tabs so the caret lines up under tab-indented text.
  for (std::size_t i = 0; i < caret.size() && i < shown.size(); ++i)
    if (shown[i] == '\t') caret[i] = '\t';
  out += fmt::format("\n{}{}\n{}^", from > 0 ? "..." : "", shown, from > 0 ? "   " + caret : caret);
  return out;
}

}  // namespace

QueryError::QueryError(QueryErrorCode code, const std::string& message)
    : std::runtime_error(message), code_(code), message_(message) {}

QueryError::QueryError(QueryErrorCode code, const std::string& message, TextPosition pos,
                       std::string_view query_text)
    : std::runtime_error(pos.known() ? describe(message, pos, query_text) : message),
      code_(code),
      message_(message),
      pos_(pos) {}

QueryError out_of_memory_error() {
  return QueryError(QueryErrorCode::kLimit, "out of memory while running the statement");
}

}  // namespace guanxi::query
