// Database::add_procedure: a user procedure (guanxi/procedure.h) registered
// in the engine's procedure registry, behind a body that converts values at
// the boundary and refuses graph entities both ways.
#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

#include "api/api_state.h"
#include "api/error_translation.h"
#include "api/value_conversion.h"
#include "guanxi/database.h"
#include "query/procedures/procedure_registry.h"
#include "query/query_error.h"

namespace guanxi {

namespace {

constexpr const char* kTypes[] = {"STRING", "INTEGER", "FLOAT",    "NUMBER",   "BOOLEAN", "LIST",
                                  "MAP",    "DATE",    "DATETIME", "DURATION", "ANY"};

Error invalid(const std::string& message) { return Error(ErrorCode::kInvalidArgument, message); }

// "integer?" -> "INTEGER"; throws for a type user procedures do not take.
std::string checked_type(const std::string& procedure, const ProcedureField& field) {
  std::string type = field.type;
  while (!type.empty() && (type.back() == '?' || type.back() == ' ')) type.pop_back();
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (std::find(std::begin(kTypes), std::end(kTypes), type) == std::end(kTypes)) {
    throw invalid("procedure " + procedure + ": `" + field.name + "` has the unknown type '" +
                  field.type +
                  "' (expected STRING, INTEGER, FLOAT, NUMBER, BOOLEAN, LIST, MAP, DATE, "
                  "DATETIME, DURATION or ANY)");
  }
  return type;
}

// Dotted identifiers: letters, digits and '_', a letter or '_' first.
bool dotted_name(const std::string& name) {
  bool at_start = true;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '.') {
      if (at_start) return false;
      at_start = true;
    } else if (std::isalpha(u) || c == '_' || (!at_start && std::isdigit(u))) {
      at_start = false;
    } else {
      return false;
    }
  }
  return !at_start;
}

query::QueryError failure(const std::string& procedure, const std::string& message) {
  return query::QueryError(query::QueryErrorCode::kInvalidArgument,
                           "procedure " + procedure + ": " + message);
}

}  // namespace

void Database::add_procedure(ProcedureDefinition definition) {
  if (!impl_) throw Error(ErrorCode::kClosed, "the database is closed");
  const std::string name = definition.name;
  if (!dotted_name(name)) {
    throw invalid("a procedure name is identifiers joined by dots, like crm.tier; got '" + name +
                  "'");
  }
  if (!definition.body) throw invalid("procedure " + name + " has no body");
  query::ProcedureSignature signature;
  signature.name = name;
  signature.description = definition.description;
  for (const ProcedureField& p : definition.parameters) {
    if (p.name.empty()) throw invalid("procedure " + name + ": a parameter has no name");
    signature.parameters.push_back({p.name, checked_type(name, p), std::nullopt});
  }
  for (const ProcedureField& o : definition.outputs) {
    if (o.name.empty()) throw invalid("procedure " + name + ": an output has no name");
    signature.outputs.push_back({o.name, checked_type(name, o)});
  }
  auto body = [name, signature, user = std::move(definition.body)](
                  query::ProcedureContext&, const std::vector<query::Value>& args) {
    std::vector<Value> in;
    in.reserve(args.size());
    for (std::size_t i = 0; i < args.size(); ++i) {
      std::optional<Value> plain = api::plain_from_query(args[i]);
      if (!plain) {
        throw failure(name, "argument `" + signature.parameters[i].name +
                                "` holds a node, relationship or path, which a user procedure "
                                "may not receive; pass the properties it needs");
      }
      in.push_back(std::move(*plain));
    }
    std::vector<std::vector<Value>> rows;
    try {
      rows = user(in);
    } catch (const std::exception& e) {
      throw failure(name, std::string("failed: ") + e.what());
    }
    std::vector<std::vector<query::Value>> out;
    out.reserve(rows.size());
    for (std::vector<Value>& row : rows) {
      if (row.size() != signature.outputs.size()) {
        throw failure(name, "returned a row of " + std::to_string(row.size()) + " values for its " +
                                std::to_string(signature.outputs.size()) + " outputs");
      }
      std::vector<query::Value> values;
      values.reserve(row.size());
      for (std::size_t i = 0; i < row.size(); ++i) {
        const query::ProcedureColumn& column = signature.outputs[i];
        query::Value value = api::to_query(row[i]);
        if (!api::plain_from_query(value)) {
          throw failure(name, "output `" + column.name +
                                  "` holds a node, relationship or path, which a user procedure "
                                  "may not return");
        }
        if (!query::ProcedureRegistry::accepts(column.type, value)) {
          throw failure(name, "output `" + column.name + "` must be " + column.type + " but was " +
                                  query::value_kind_name(value.kind()));
        }
        values.push_back(std::move(value));
      }
      out.push_back(std::move(values));
    }
    return out;
  };
  api::translating_errors([&] {
    if (!impl_->engine->procedures().add_new(std::move(signature), std::move(body))) {
      throw invalid("a procedure named " + name + " exists already");
    }
  });
}

}  // namespace guanxi
