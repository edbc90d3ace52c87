// guanxi::Notification: a warning about a statement that ran.
//
// A statement that names a label, relationship type or property key the
// database has never had still runs (it matches nothing, or reads null), as
// openCypher requires; a typo such as `(c:Custmer)` would then answer 0
// without a word. The result carries a notification instead, with the
// closest names the database does have:
//
//   guanxi::Result result = session.query("MATCH (c:Custmer) RETURN count(c)");
//   for (const guanxi::Notification& n : result.notifications())
//     std::cerr << "warning: " << n.to_string() << '\n';
//   // warning: the label Custmer does not exist in the database; did you
//   // mean Customer? (line 1, column 8)
//
// A CREATE TAG over values already written seals them, but the data file
// keeps their earlier copies in the clear in the pages the sealing freed;
// its result says so, and how many records it sealed, so that the operator
// knows to run guanxi::compact (maintenance.h).
//
// Plain data, shared by the query layer and the public API like
// ChangeSummary; to_string() is defined by the API library (api/result.cc).
#pragma once

#include <string>
#include <vector>

namespace guanxi {

struct Notification {
  enum class Code {
    kUnknownLabel,             // a label matched or tested that no node ever had
    kUnknownRelationshipType,  // a relationship type no relationship ever had
    kUnknownPropertyKey,       // a property key no node or relationship ever had
    kClearCopiesRemain,        // CREATE TAG sealed values written before it
  };
  Code code = Code::kUnknownLabel;
  // The name as the statement wrote it (for kClearCopiesRemain, the tag's).
  std::string name;
  // Existing names of the same kind closest to `name` (edit distance, case
  // ignored), closest first; at most three, possibly none.
  std::vector<std::string> suggestions;
  // "the label Custmer does not exist in the database; did you mean Customer?"
  std::string message;
  // Where the name is used in the statement, 1-based (0: unknown).
  int line = 0;
  int column = 0;

  // The message followed by " (line L, column C)" when the position is known.
  std::string to_string() const;
};

// A short stable name for `code`: "unknown-label",
// "unknown-relationship-type", "unknown-property-key" or
// "clear-copies-remain".
const char* notification_code_name(Notification::Code code);

}  // namespace guanxi
