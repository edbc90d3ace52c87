// `=~`: whole-string regular expression matching on RE2, with compiled
// patterns cached by their text.
#pragma once

#include <string>

namespace guanxi::query {

// True when all of `text` matches `pattern`. Patterns use RE2's syntax (see
// docs/language.md): matching takes time linear in the text and never
// recurses, whatever the pattern, so no input can hang or crash the process;
// backreferences and lookaround are not supported. A leading flag group such
// as "(?i)" (ignore case), "(?s)" (dot matches newline) or "(?m)" (multi-line)
// is honoured. Each distinct pattern is compiled once per thread while it
// stays among the recently used ones. Throws QueryError kInvalidArgument
// naming the pattern when it is not a valid RE2 pattern.
bool regex_full_match(const std::string& pattern, const std::string& text);

}  // namespace guanxi::query
