#include "query/expression/regex_match.h"

// GCC 12 reports a false -Wmaybe-uninitialized inside libstdc++'s <regex>
// automaton when sanitizers are on; the code it points at is the library's.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <regex>
#pragma GCC diagnostic pop
#include <unordered_map>

#include "query/query_error.h"

namespace guanxi::query {

namespace {

struct CompiledPattern {
  std::string text;
  std::regex regex;
};

// Bounded so that a long-lived thread running many distinct statements does
// not hold on to every pattern it ever saw.
constexpr size_t kMaxCachedPatterns = 256;

std::regex compile(const std::string& pattern) {
  auto flags = std::regex_constants::ECMAScript;
  std::string body = pattern;
  if (body.size() >= 4 && body[0] == '(' && body[1] == '?') {
    size_t close = body.find(')');
    const std::string group = close == std::string::npos ? "" : body.substr(2, close - 2);
    if (!group.empty() && group.find_first_not_of("imsux") == std::string::npos) {
      if (group.find('i') != std::string::npos) flags |= std::regex_constants::icase;
      if (group.find('m') != std::string::npos) flags |= std::regex_constants::multiline;
      body = body.substr(close + 1);
    }
  }
  try {
    return std::regex(body, flags);
  } catch (const std::regex_error& e) {
    throw QueryError(QueryErrorCode::kInvalidArgument,
                     "Invalid regular expression '" + pattern + "': " + e.what());
  }
}

}  // namespace

bool regex_full_match(const void* cache_key, const std::string& pattern, const std::string& text) {
  thread_local std::unordered_map<const void*, CompiledPattern> cache;
  auto it = cache.find(cache_key);
  if (it == cache.end() || it->second.text != pattern) {
    if (cache.size() >= kMaxCachedPatterns) cache.clear();
    it = cache.insert_or_assign(cache_key, CompiledPattern{pattern, compile(pattern)}).first;
  }
  try {
    return std::regex_match(text, it->second.regex);
  } catch (const std::regex_error& e) {
    throw QueryError(QueryErrorCode::kInvalidArgument,
                     "Regular expression '" + pattern + "' failed: " + e.what());
  }
}

}  // namespace guanxi::query
