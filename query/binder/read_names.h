// The labels, relationship types and property keys a bound statement reads
// without writing them, for the warnings about names the database lacks.
//
// Read: the labels, types and property-map keys of MATCH patterns and of
// patterns inside expressions, label checks (`n:Custmer`) and property
// look-ups (`c.nmae`, `c {.nmae}`) on a node or relationship variable. A
// look-up on a map or on a value of unknown kind (`row.name` after UNWIND)
// is left out: its key need not be a property key. Names the statement
// writes anywhere (CREATE, MERGE, SET, REMOVE) are left out too, since the
// statement may create them before it reads them.
#pragma once

#include <vector>

#include "query/ast.h"
#include "query/binder/bound_query.h"

namespace guanxi::query {

// The names `statement` (bound into `bound`) reads, each once at its first
// use, in the order of the text.
std::vector<NameReference> collect_read_names(const ast::Statement& statement,
                                              const BoundQuery& bound);

}  // namespace guanxi::query
