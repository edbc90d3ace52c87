// User procedures: an application adds its own procedures to a database and
// calls them like the built-in ones, as an SQLite application adds functions.
//
//   guanxi::ProcedureDefinition tiers;
//   tiers.name = "crm.tier";
//   tiers.parameters = {{"spend", "FLOAT"}};
//   tiers.outputs = {{"tier", "STRING"}};
//   tiers.description = "The loyalty tier of a yearly spend.";
//   tiers.body = [](const std::vector<guanxi::Value>& args) {
//     const double spend = args[0].is_null() ? 0 : args[0].as_float();
//     return std::vector<std::vector<guanxi::Value>>{{spend >= 10000 ? "gold" : "standard"}};
//   };
//   db.add_procedure(tiers);
//   session.query("MATCH (c:Customer) CALL crm.tier(c.spend) YIELD tier RETURN c.name, tier");
//
// A user procedure computes its rows from its arguments alone: it reads and
// writes nothing of the database. Its arguments and outputs are plain
// values (null, booleans, integers, floats, strings, dates, datetimes,
// durations, and lists and maps of these). A node, relationship or path is
// refused, as an argument before the body runs and as an output after it,
// because the body runs outside the engine's privacy enforcement: pass the
// properties it needs instead (`crm.tier(c.spend)`), which the session's
// masks and consent rules have already been applied to.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "guanxi/value.h"

namespace guanxi {

struct ProcedureField {
  std::string name;
  // STRING, INTEGER, FLOAT, NUMBER (an integer or a float), BOOLEAN, LIST,
  // MAP, DATE, DATETIME, DURATION or ANY, in any case; a trailing `?`
  // (openCypher's nullable mark) is allowed. Null passes every type; an
  // INTEGER argument for a FLOAT parameter arrives as a float.
  std::string type = "ANY";
};

struct ProcedureDefinition {
  // Dotted, as called: "crm.tier". Case is ignored when it is called.
  std::string name;
  std::vector<ProcedureField> parameters;
  std::vector<ProcedureField> outputs;  // none: a procedure called for nothing but its name
  std::string description;              // shown by SHOW PROCEDURES
  // The rows for one call: `args` holds one checked value per parameter,
  // and each row one value per output, in order. An exception it throws
  // fails the statement with Error (kInvalidArgument) naming the procedure
  // and quoting the exception's message. Called from the thread running the
  // statement, possibly from several sessions at once.
  std::function<std::vector<std::vector<Value>>(const std::vector<Value>& args)> body;
};

}  // namespace guanxi
