// Consent: each subject's history of grants and revocations per purpose,
// and the set of subjects whose consent holds now.
//
// Nothing is ever overwritten: every grant or revocation is a new event
// (`privacy` table, kind 'H', keyed by subject then event number, so one
// subject's history is one range read). Beside the history, the current
// state is kept so that checks stay O(1) per row: per purpose, a posting set
// of the subjects whose latest event is a grant (postings kind 'C'), and the
// grants that expire, ordered by expiry (kind 'X'), so that a statement
// takes the expired ones out in time proportional to their number.
#pragma once

#include <cstdint>
#include <optional>
#include <roaring/roaring64map.hh>
#include <string>
#include <vector>

#include "storage/ids.h"
#include "storage/transaction.h"

namespace guanxi::storage {

class Postings;

struct ConsentEvent {
  NodeId subject = 0;
  std::uint64_t sequence = 0;  // assigned by record_consent, increasing per database
  bool grant = true;           // false: a revocation
  std::uint32_t purpose_id = 0;
  std::string purpose;  // the purpose's name when the event was recorded
  std::int64_t at_micros = 0;
  std::optional<std::int64_t> expires_micros;  // grants only; nullopt: never
  std::string source;
  std::string user;
};

// Appends `event` (its sequence is assigned) and updates the current state:
// a grant replaces an earlier grant's expiry, a revocation ends it.
void record_consent(WriteTransaction& txn, Postings& postings, ConsentEvent& event);

// How many events were ever recorded (the next event's sequence number).
std::uint64_t consent_event_count(const Transaction& txn);

// Every event of `subject`, oldest first.
std::vector<ConsentEvent> consent_history(const Transaction& txn, NodeId subject);

// The subjects whose latest event for `purpose_id` is a grant without an
// expiry or expiring after `now_micros`. `next_expiry`, when given, is set to
// the earliest expiry after `now_micros` (INT64_MAX when none): the answer
// holds until then.
Roaring64Map consenting_subjects(const Transaction& txn, Postings& postings,
                                 std::uint32_t purpose_id, std::int64_t now_micros,
                                 std::int64_t* next_expiry = nullptr);

}  // namespace guanxi::storage
