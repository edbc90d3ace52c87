#include "query/expression/regex_match.h"

#include <re2/re2.h>

#include <memory>
#include <unordered_map>

#include "query/query_error.h"

namespace guanxi::query {

namespace {

// Bounded so that a long-lived thread running many distinct statements does
// not hold on to every pattern it ever saw.
constexpr size_t kMaxCachedPatterns = 256;

// A pattern longer than this is quoted by its start only in error messages.
constexpr size_t kMaxQuotedPattern = 200;

std::string quoted(const std::string& pattern) {
  if (pattern.size() <= kMaxQuotedPattern) return "'" + pattern + "'";
  return "'" + pattern.substr(0, kMaxQuotedPattern) + "...' (" + std::to_string(pattern.size()) +
         " bytes)";
}

std::unique_ptr<RE2> compile(const std::string& pattern) {
  RE2::Options options;
  options.set_log_errors(false);  // the error goes to the statement, not stderr
  auto regex = std::make_unique<RE2>(pattern, options);
  if (!regex->ok()) {
    // RE2's reason quotes the offending part, which may be most of the pattern.
    std::string reason = regex->error();
    if (reason.size() > kMaxQuotedPattern) reason = reason.substr(0, kMaxQuotedPattern) + "...";
    throw QueryError(QueryErrorCode::kInvalidArgument,
                     "Invalid regular expression " + quoted(pattern) + ": " + reason);
  }
  return regex;
}

}  // namespace

bool regex_full_match(const std::string& pattern, const std::string& text) {
  thread_local std::unordered_map<std::string, std::unique_ptr<RE2>> cache;
  auto it = cache.find(pattern);
  if (it == cache.end()) {
    std::unique_ptr<RE2> regex = compile(pattern);
    if (cache.size() >= kMaxCachedPatterns) cache.clear();
    it = cache.emplace(pattern, std::move(regex)).first;
  }
  return RE2::FullMatch(text, *it->second);
}

}  // namespace guanxi::query
