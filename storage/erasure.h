// Erasure: the right to erasure, kept by the database and its key store
// together (docs/privacy.md, "Erasure").
//
// Erasing a subject destroys its key in the key store first (durably), then
// deletes its sealed values and records the erasure in the database
// (`privacy` table, kind 'E': be64 subject, be64 time) and in the audit
// log. Either side may later be restored from an older copy; reconciling
// them re-applies what the other side remembers, so restoring one of them
// never brings an erased value back:
//   - an erasure the key store lists and the database lacks (a database
//     restored from before it) deletes the subject's sealed values again
//     (they no longer open anyway) and is recorded as replayed;
//   - a key the key store still holds for a subject the database lists as
//     erased, made before that erasure (a key store restored from before
//     it), is destroyed.
#pragma once

#include <cstdint>
#include <vector>

#include "storage/graph.h"
#include "storage/key_store.h"

namespace guanxi::storage {

// The erasures the database records, in subject order.
std::vector<Erasure> recorded_erasures(const Transaction& txn);

// Erases `subject` at `at_micros` (see above); its key goes first, in the
// key store's own durable transaction, so a failure after it still leaves
// the values unreadable, and the next reconcile finishes the job. Returns
// how many sealed values were deleted. The caller writes the audit entry.
std::uint64_t erase_subject(Graph& graph, WriteTransaction& txn, NodeId subject,
                            std::int64_t at_micros);

// Whether the database and its key store disagree about erasures (cheap:
// two range reads); false when the database has no key store.
bool erasures_differ(Graph& graph, const Transaction& txn);

// Brings the two sides together (see above) and returns the erasures
// replayed on the database, each also written to the audit log.
std::vector<Erasure> reconcile_erasures(Graph& graph, WriteTransaction& txn);

}  // namespace guanxi::storage
