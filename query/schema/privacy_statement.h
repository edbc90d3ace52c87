// Executes the privacy schema statements: CREATE / DROP TAG, CREATE / DROP
// PURPOSE, ALLOW / DISALLOW ... READ, SHOW TAGS, SHOW PURPOSES, SHOW
// POLICIES (docs/privacy.md). The rules they store are enforced by the
// statement's access decision (query/privacy/access_decision.h).
#pragma once

#include <string>
#include <string_view>

#include "query/ast.h"
#include "query/schema/schema_statement.h"
#include "storage/privacy_schema.h"

namespace guanxi::query {

bool is_privacy_statement(const ast::Statement& statement);
// True for the SHOW forms (they only read).
bool is_privacy_show(const ast::Statement& statement);

// Runs a privacy schema statement. Errors (QueryError, with the statement's
// position): a name already taken (kInvalidArgument), an unknown tag or
// purpose (kNotFound), an unknown mask or basis, a mask argument where none
// belongs or missing where one does, a property already in another tag, a
// name that is both a label and a relationship type (kInvalidArgument).
// ALLOW of an allowed pair and DISALLOW of a pair not allowed change
// nothing. DROP TAG removes the policies naming the tag; DROP PURPOSE its
// policies (consent history is never removed).
SchemaResult run_privacy_statement(storage::Graph& graph, const storage::Transaction& txn,
                                   storage::WriteTransaction* write_txn,
                                   const ast::Statement& statement);

// The text of a mask as written in CREATE TAG: "null", "redact",
// "partial(3)", "hash", "year".
std::string mask_text(const storage::Mask& mask);
// The text of a legal basis as written in CREATE PURPOSE: "consent",
// "contract", "legal_obligation", "legitimate_interest".
std::string_view basis_text(storage::LegalBasis basis);

}  // namespace guanxi::query
