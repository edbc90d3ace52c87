// Guanxi: an embedded graph database for customers and the relationships between them.
//
// The one header an application includes:
//
//   #include <guanxi/guanxi.h>
//
//   auto db = guanxi::Database::open("customers.gx");           // creates if missing
//   auto session = db.session({.purpose = "marketing", .user = "crm-app"});
//   auto top = session.query(
//       "MATCH (c:Customer)<-[:REFERRED]-(r) RETURN c.name AS name, count(r) AS referred "
//       "ORDER BY referred DESC LIMIT $k",
//       {{"k", 10}});
//   for (const auto& row : top)                                  // streams
//     std::cout << row["name"].as_string() << ' ' << row["referred"] << '\n';
//
// database.h: Database, Session, Statement (prepared), Transaction, Options.
// result.h:   Result (streamed rows), Row, ChangeSummary, PlanNode.
// value.h:    Value and its types (Node, Relationship, Path, Date, ...).
// error.h:    Error with a code, a message and a position.
//
// Link the CMake target `guanxi`. The language is described in
// docs/language.md.
#pragma once

#include "guanxi/database.h"
#include "guanxi/error.h"
#include "guanxi/result.h"
#include "guanxi/value.h"
