// privacy.grant, privacy.revoke and privacy.consents: each subject's consent
// to each purpose, as a history nothing overwrites (docs/privacy.md,
// "Consent"; storage/consent_store.h keeps it). privacy.erase: the right to
// erasure (storage/erasure.h). privacy.audit and privacy.retention: the
// audit log (storage/audit_log.h).
#include <fmt/format.h>

#include <chrono>

#include "query/procedures/procedure_registry.h"
#include "query/query_error.h"
#include "query/storage_error_translation.h"
#include "storage/audit_log.h"
#include "storage/audit_writer.h"
#include "storage/consent_store.h"
#include "storage/erasure.h"
#include "storage/graph.h"
#include "storage/privacy_catalog.h"
#include "storage/temporal.h"

namespace guanxi::query {

namespace {

using storage::DateTime;

std::int64_t now_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

[[noreturn]] void invalid(const std::string& procedure, const std::string& what) {
  throw QueryError(QueryErrorCode::kInvalidArgument, procedure + ": " + what);
}

storage::NodeId subject_of(const std::string& procedure, const Value& node) {
  if (node.kind() != ValueKind::kNode) {
    invalid(procedure,
            fmt::format("the first argument must be a node, got {}", value_kind_name(node.kind())));
  }
  return node.as_node().id;
}

const storage::PurposeDefinition& purpose_of(const std::string& procedure,
                                             const storage::PrivacySchema& schema,
                                             const Value& name) {
  if (name.kind() != ValueKind::kString) {
    invalid(procedure,
            fmt::format("the purpose must be a string, got {}", value_kind_name(name.kind())));
  }
  for (const auto& purpose : schema.purposes) {
    if (purpose.name == name.as_string()) return purpose;
  }
  throw QueryError(QueryErrorCode::kNotFound,
                   fmt::format("{}: no purpose named '{}'", procedure, name.as_string()));
}

// An entry of `kind` for the statement running `context`.
storage::AuditEntry audit_entry(const ProcedureContext& context, storage::AuditKind kind) {
  storage::AuditEntry entry;
  entry.at_micros = storage::unix_micros(context.statement_time);
  entry.kind = kind;
  entry.user = context.session.user;
  entry.purpose = context.session.purpose;
  entry.statement = std::string(context.statement_text);
  return entry;
}

// Records a grant or a revocation of `args[1]` by node `args[0]`.
std::vector<std::vector<Value>> record(ProcedureContext& context, const std::vector<Value>& args,
                                       bool grant) {
  const std::string procedure = grant ? "privacy.grant" : "privacy.revoke";
  if (args[0].is_null()) return {};
  try {
    storage::ConsentEvent event;
    event.subject = subject_of(procedure, args[0]);
    const storage::PrivacySchema schema = storage::read_privacy_schema(context.txn);
    const storage::PurposeDefinition& purpose = purpose_of(procedure, schema, args[1]);
    event.grant = grant;
    event.purpose_id = purpose.id;
    event.purpose = purpose.name;
    event.at_micros = now_micros();
    event.user = context.session.user;
    if (grant && !args[2].is_null()) {
      if (args[2].kind() != ValueKind::kMap) {
        invalid(procedure,
                fmt::format("the options must be a map, got {}", value_kind_name(args[2].kind())));
      }
      for (const auto& [key, value] : args[2].as_map()) {
        if (key == "source") {
          if (value.kind() != ValueKind::kString) invalid(procedure, "source must be a string");
          event.source = value.as_string();
        } else if (key == "expires") {
          if (value.kind() != ValueKind::kDateTime) {
            invalid(procedure, "expires must be a datetime, e.g. datetime('2027-06-30T00:00:00Z')");
          }
          event.expires_micros = storage::unix_micros(value.as_datetime());
        } else {
          invalid(procedure, fmt::format("unknown option '{}' (expected source or expires)", key));
        }
      }
    }
    if (!context.write_txn) invalid(procedure, "needs a write transaction");
    if (!context.graph.node_exists(context.txn, event.subject)) {
      invalid(procedure, fmt::format("node {} does not exist", event.subject));
    }
    storage::record_consent(*context.write_txn, context.graph.postings(), event);
    storage::AuditEntry entry =
        audit_entry(context, grant ? storage::AuditKind::kGrant : storage::AuditKind::kRevoke);
    entry.subject = event.subject;
    entry.detail = purpose.name;
    storage::append_audit(*context.write_txn, entry);
  } catch (const storage::StorageError& e) {
    throw query_error_from(e);
  }
  return {};
}

std::vector<std::vector<Value>> consents(ProcedureContext& context,
                                         const std::vector<Value>& args) {
  if (args[0].is_null()) return {};
  const storage::NodeId subject = subject_of("privacy.consents", args[0]);
  std::vector<std::vector<Value>> rows;
  try {
    for (const storage::ConsentEvent& e : storage::consent_history(context.txn, subject)) {
      rows.push_back({Value(e.purpose), Value(e.grant ? "grant" : "revoke"),
                      Value(storage::datetime_from_unix_micros(e.at_micros)),
                      e.source.empty() ? Value() : Value(e.source),
                      e.expires_micros
                          ? Value(storage::datetime_from_unix_micros(*e.expires_micros))
                          : Value(),
                      Value(e.user)});
    }
  } catch (const storage::StorageError& e) {
    throw query_error_from(e);
  }
  return rows;
}

std::vector<std::vector<Value>> erase(ProcedureContext& context, const std::vector<Value>& args) {
  const std::string procedure = "privacy.erase";
  if (args[0].is_null()) return {};
  const storage::NodeId subject = subject_of(procedure, args[0]);
  if (!context.write_txn) invalid(procedure, "needs a write transaction");
  // The subject's key is destroyed at once, in the key store: a rollback
  // could not bring it back, so an erasure is never part of a transaction
  // that might roll back.
  if (context.write_txn->nested()) {
    invalid(procedure,
            "cannot run inside an explicit transaction (an erasure cannot be rolled back); "
            "COMMIT or ROLLBACK first");
  }
  try {
    if (!context.graph.node_exists(context.txn, subject)) {
      invalid(procedure, fmt::format("node {} does not exist", subject));
    }
    const std::uint64_t deleted =
        storage::erase_subject(context.graph, *context.write_txn, subject, now_micros());
    storage::AuditEntry entry = audit_entry(context, storage::AuditKind::kErase);
    entry.subject = subject;
    entry.detail = fmt::format("{} tagged {} deleted", deleted, deleted == 1 ? "value" : "values");
    storage::append_audit(*context.write_txn, entry);
  } catch (const storage::StorageError& e) {
    throw query_error_from(e);
  }
  return {};
}

storage::AuditFilter audit_filter(const Value& options) {
  const std::string procedure = "privacy.audit";
  storage::AuditFilter filter;
  if (options.is_null()) return filter;
  if (options.kind() != ValueKind::kMap) {
    invalid(procedure,
            fmt::format("the options must be a map, got {}", value_kind_name(options.kind())));
  }
  for (const auto& [key, value] : options.as_map()) {
    if (value.is_null()) continue;
    if (key == "since") {
      if (value.kind() != ValueKind::kDateTime) {
        invalid(procedure, "since must be a datetime, e.g. datetime('2026-01-01T00:00:00Z')");
      }
      filter.since_micros = storage::unix_micros(value.as_datetime());
    } else if (key == "user" || key == "purpose") {
      if (value.kind() != ValueKind::kString) invalid(procedure, key + " must be a string");
      (key == "user" ? filter.user : filter.purpose) = value.as_string();
    } else {
      invalid(procedure, fmt::format("unknown option '{}' (expected since, user or purpose)", key));
    }
  }
  return filter;
}

std::vector<std::vector<Value>> audit(ProcedureContext& context, const std::vector<Value>& args) {
  const storage::AuditFilter filter = audit_filter(args[0]);
  std::vector<std::vector<Value>> rows;
  try {
    for (storage::AuditEntry& e : storage::read_audit(context.txn, filter)) {
      List tags;
      for (std::string& tag : e.tags) tags.emplace_back(std::move(tag));
      rows.push_back(
          {Value(static_cast<std::int64_t>(e.sequence)),
           Value(std::string(storage::audit_kind_name(e.kind))),
           Value(storage::datetime_from_unix_micros(e.at_micros)), Value(std::move(e.user)),
           e.purpose.empty() ? Value() : Value(std::move(e.purpose)), Value(std::move(e.statement)),
           Value(std::move(tags)), Value(static_cast<std::int64_t>(e.subjects)),
           Value(static_cast<std::int64_t>(e.masked)),
           e.subject ? Value(static_cast<std::int64_t>(*e.subject)) : Value(),
           e.detail.empty() ? Value() : Value(std::move(e.detail))});
    }
  } catch (const storage::StorageError& e) {
    throw query_error_from(e);
  }
  // Reading the log is itself recorded, after what it read.
  storage::AuditEntry entry = audit_entry(context, storage::AuditKind::kAudit);
  entry.subjects = rows.size();
  if (context.write_txn) {
    storage::append_audit(*context.write_txn, entry);
  } else {
    context.graph.audit_writer().submit(std::move(entry));
  }
  return rows;
}

// A month counts as an average Gregorian month (30.436875 days).
std::int64_t period_micros(const storage::Duration& d) {
  constexpr std::int64_t kDay = 86'400'000'000;
  constexpr std::int64_t kMonth = 2'629'746'000'000;
  return d.months * kMonth + d.days * kDay + d.seconds * 1'000'000 + d.nanos / 1000;
}

std::vector<std::vector<Value>> retention(ProcedureContext& context,
                                          const std::vector<Value>& args) {
  const std::string procedure = "privacy.retention";
  std::optional<std::int64_t> period;
  if (!args[0].is_null()) {
    if (args[0].kind() != ValueKind::kDuration) {
      invalid(procedure,
              fmt::format("the period must be a duration, e.g. duration('P400D'), got {}",
                          value_kind_name(args[0].kind())));
    }
    period = period_micros(args[0].as_duration());
    if (*period <= 0) invalid(procedure, "the period must be positive");
  }
  if (!context.write_txn) invalid(procedure, "needs a write transaction");
  try {
    storage::set_audit_retention(*context.write_txn, period);
    storage::AuditEntry entry = audit_entry(context, storage::AuditKind::kRetention);
    entry.detail = period ? "keep entries for " + storage::format_duration(args[0].as_duration())
                          : "keep entries for ever";
    storage::append_audit(*context.write_txn, entry);
  } catch (const storage::StorageError& e) {
    throw query_error_from(e);
  }
  return {};
}

}  // namespace

void register_privacy_procedures(ProcedureRegistry& registry) {
  registry.add({"privacy.grant",
                {{"subject", "NODE", std::nullopt},
                 {"purpose", "STRING", std::nullopt},
                 {"options", "MAP", Value::map({})}},
                {},
                true,
                "Records that the subject consents to the purpose from now on; options: source "
                "(where the consent was given) and expires (a datetime). A grant to a subject "
                "whose consent holds replaces its expiry. Appends to the subject's history."},
               [](ProcedureContext& context, const std::vector<Value>& args) {
                 return record(context, args, /*grant=*/true);
               });
  registry.add({"privacy.revoke",
                {{"subject", "NODE", std::nullopt}, {"purpose", "STRING", std::nullopt}},
                {},
                true,
                "Records that the subject withdraws consent to the purpose. Appends to the "
                "subject's history."},
               [](ProcedureContext& context, const std::vector<Value>& args) {
                 return record(context, args, /*grant=*/false);
               });
  registry.add({"privacy.consents",
                {{"subject", "NODE", std::nullopt}},
                {{"purpose", "STRING"},
                 {"action", "STRING"},
                 {"at", "DATETIME"},
                 {"source", "STRING"},
                 {"expires", "DATETIME"},
                 {"user", "STRING"}},
                false,
                "The subject's whole consent history, oldest first: action is 'grant' or "
                "'revoke'; source and expires are null when not given."},
               consents);
  registry.add({"privacy.erase",
                {{"subject", "NODE", std::nullopt}},
                {},
                true,
                "The right to erasure: destroys the subject's key, so its tagged values (and those "
                "of the relationships it starts) read as null for every session from now on, "
                "deletes them and records the erasure. The node, its untagged properties and its "
                "relationships stay. Not inside an explicit transaction."},
               erase);
  ProcedureSignature audit_signature{
      "privacy.audit",
      {{"options", "MAP", Value::map({})}},
      {{"seq", "INTEGER"},
       {"kind", "STRING"},
       {"at", "DATETIME"},
       {"user", "STRING"},
       {"purpose", "STRING"},
       {"statement", "STRING"},
       {"tags", "LIST OF STRING"},
       {"subjects", "INTEGER"},
       {"masked", "INTEGER"},
       {"subject", "INTEGER"},
       {"detail", "STRING"}},
      false,
      "The audit log, oldest first; options (each optional): since (a datetime), user, "
      "purpose. kind is 'read', 'grant', 'revoke', 'schema', 'erase', 'audit' or 'retention'. "
      "Reading the log is itself recorded."};
  audit_signature.reads_audit_log = true;
  registry.add(std::move(audit_signature), audit);
  registry.add({"privacy.retention",
                {{"period", "DURATION", std::nullopt}},
                {},
                true,
                "Keeps audit entries for the period (a duration; a month counts 30.436875 days); "
                "null keeps them for ever. Older entries are removed when entries are next "
                "appended, and the removal is recorded."},
               retention);
}

}  // namespace guanxi::query
