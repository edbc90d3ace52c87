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
// database.h:        Database, Session, Statement (prepared), Transaction, Options.
// session_options.h: SessionOptions (who is asking, and why).
// result.h:          Result (streamed rows), Row.
// change_summary.h:  ChangeSummary (what a statement changed).
// plan_node.h:       PlanNode (EXPLAIN and PROFILE).
// notification.h:    Notification (warnings such as an unknown label).
// value.h:           Value and its types (Node, Relationship, Path, Date, ...).
// error.h:           Error with a code, a message and a position.
// import.h:          bulk import of CSV files (guanxi::import, Database::import).
// maintenance.h:     Database::verify (integrity) and Database::statistics.
// backup.h:          hot backups, restore, backup checks, format upgrades.
// dump.h:            the logical dump (Database::dump) and its loader (guanxi::load).
// export.h:          exports as CSV, JSON Lines, GraphML, DOT, HTML (Database::export_graph).
//
// Link the CMake target `guanxi`. The language is described in
// docs/language.md.
#pragma once

#include "guanxi/backup.h"
#include "guanxi/change_summary.h"
#include "guanxi/database.h"
#include "guanxi/dump.h"
#include "guanxi/error.h"
#include "guanxi/export.h"
#include "guanxi/import.h"
#include "guanxi/maintenance.h"
#include "guanxi/notification.h"
#include "guanxi/plan_node.h"
#include "guanxi/procedure.h"
#include "guanxi/result.h"
#include "guanxi/session_options.h"
#include "guanxi/statement_progress.h"
#include "guanxi/text_encoding.h"
#include "guanxi/value.h"
