// `=~`: whole-string regular expression matching with compiled patterns cached.
#pragma once

#include <string>

namespace guanxi::query {

// True when all of `text` matches `pattern` (ECMAScript syntax, as std::regex
// reads it; a leading Java-style flag group such as "(?i)" is honoured for
// i (ignore case) and m (multi-line)). `cache_key` identifies the call site
// (the AST node), whose compiled pattern is kept while the pattern text stays
// the same. Throws QueryError kInvalidArgument for an invalid pattern.
bool regex_full_match(const void* cache_key, const std::string& pattern, const std::string& text);

}  // namespace guanxi::query
