// Procedure calls: CALL name(args) [YIELD ...] [WHERE ...], checked against
// the procedure's signature before anything runs.
#include "query/binder/binder_impl.h"
#include "query/procedures/procedure_registry.h"

namespace guanxi::query {

void Binder::check_call_arguments(const ast::Clause& clause, const ProcedureSignature& procedure,
                                  bool standalone) const {
  const std::size_t declared = procedure.parameters.size();
  if (!clause.arguments_given) {
    // Implicit arguments come from parameters of the same names, which only
    // a standalone CALL may take.
    if (!standalone && declared > 0) {
      fail(
          "Procedure call inside a query does not support passing arguments implicitly: "
          "pass them in parentheses, " +
              ProcedureRegistry::signature_text(procedure),
          clause.pos);
    }
    return;
  }
  std::size_t required = 0;
  for (std::size_t i = 0; i < declared; ++i) {
    if (!procedure.parameters[i].default_value) required = i + 1;
  }
  const std::size_t given = clause.arguments.size();
  if (given < required || given > declared) {
    fail("Procedure call to `" + procedure.name + "` takes " +
             (required == declared ? std::to_string(declared)
                                   : std::to_string(required) + " to " + std::to_string(declared)) +
             " argument" + (declared == 1 && required == 1 ? "" : "s") + " but " +
             std::to_string(given) + (given == 1 ? " was" : " were") +
             " given; signature: " + ProcedureRegistry::signature_text(procedure),
         clause.pos);
  }
  // A literal of the wrong type is wrong whatever the rows.
  for (std::size_t i = 0; i < given; ++i) {
    const ast::Expression& argument = *clause.arguments[i];
    if (argument.kind != ast::ExpressionKind::kLiteral) continue;
    Value value = argument.literal;
    const ProcedureParameter& parameter = procedure.parameters[i];
    if (!ProcedureRegistry::accepts(parameter.type, value)) {
      fail(QueryErrorCode::kType,
           "Procedure call to `" + procedure.name + "`: argument `" + parameter.name +
               "` must be " + parameter.type + " but was " + value_kind_name(value.kind()),
           argument.pos);
    }
  }
}

void Binder::bind_call(ast::Clause& clause, BoundClause& bound, bool standalone) {
  const ProcedureSignature* procedure = procedures_.find(clause.procedure);
  if (!procedure) {
    fail(QueryErrorCode::kNotFound,
         "There is no procedure with the name `" + clause.procedure + "` registered", clause.pos);
  }
  bound.procedure = procedure;
  if (procedure->writes) note_write();
  if (procedure->reads_audit_log) result_.reads_audit_log = true;
  check_call_arguments(clause, *procedure, standalone);
  for (auto& argument : clause.arguments)
    bind_expression(argument.get(), AggregateRule::kForbidden);
  bound.yield_slots.assign(procedure->outputs.size(), -1);
  auto yield = [&](size_t output, const std::string& name, ast::Position pos) {
    if (scope_.find(name)) fail("Variable `" + name + "` already declared", pos);
    const int slot = new_slot();
    bound.yield_slots[output] = slot;
    declare(name, {slot, VariableKind::kAny});
    bound.yield_columns.push_back(name);
    bound.yield_column_slots.push_back(slot);
  };
  if (clause.yield_star || (clause.yield_items.empty() && standalone)) {
    for (size_t i = 0; i < procedure->outputs.size(); ++i) {
      yield(i, procedure->outputs[i].name, clause.pos);
    }
  } else {
    for (const auto& item : clause.yield_items) {
      size_t output = procedure->outputs.size();
      for (size_t i = 0; i < procedure->outputs.size(); ++i) {
        if (procedure->outputs[i].name == item.name) output = i;
      }
      if (output == procedure->outputs.size()) {
        fail("Unknown procedure output: `" + item.name + "`", item.pos);
      }
      yield(output, item.alias.empty() ? item.name : item.alias, item.pos);
    }
  }
  bind_expression(clause.where.get(), AggregateRule::kForbidden);
}

}  // namespace guanxi::query
