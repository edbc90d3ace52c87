// privacy.grant, privacy.revoke and privacy.consents: each subject's consent
// to each purpose, as a history nothing overwrites (docs/privacy.md,
// "Consent"; storage/consent_store.h keeps it).
#include <fmt/format.h>

#include <chrono>

#include "query/procedures/procedure_registry.h"
#include "query/query_error.h"
#include "query/storage_error_translation.h"
#include "storage/consent_store.h"
#include "storage/graph.h"
#include "storage/privacy_catalog.h"

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
          event.expires_micros = value.as_datetime().micros;
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
                      Value(DateTime{e.at_micros}), e.source.empty() ? Value() : Value(e.source),
                      e.expires_micros ? Value(DateTime{*e.expires_micros}) : Value(),
                      Value(e.user)});
    }
  } catch (const storage::StorageError& e) {
    throw query_error_from(e);
  }
  return rows;
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
}

}  // namespace guanxi::query
