// What Tab should complete at the cursor, decided from the text before it:
// a label after `(n:`, a relationship type after `[:` or `|`, a property key
// after `n.`, a procedure name after CALL, a parameter name after `$`, a
// shell command after a leading `:`, and otherwise keywords, functions and
// names of every kind.
#pragma once

#include <string>
#include <string_view>

namespace guanxi::shell {

enum class CompletionKind {
  kCommand,
  kLabel,
  kType,
  kPropertyKey,
  kProcedure,
  kParameter,
  kAnything,
};

struct CompletionContext {
  CompletionKind kind = CompletionKind::kAnything;
  std::string prefix;  // the part of the word to complete before the cursor
};

// `before_cursor`: the line up to the cursor. `continuing`: the line
// continues a statement begun on an earlier line (so a leading ':' is a
// label, not a shell command). Names may hold any UTF-8 text.
CompletionContext completion_context(std::string_view before_cursor, bool continuing);

}  // namespace guanxi::shell
