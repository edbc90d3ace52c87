// embed_customers: a small program that embeds Guanxi.
//
// It creates a customer database in a temporary directory, writes a few
// customers and the relationships between them, and asks it questions a CRM asks:
// who referred the most customers, who knows whom, what each segment spends;
// then it checks the database, backs it up and restores the backup.
// The tests build and run it (examples/CMakeLists.txt); it exits non-zero
// if an answer is not the expected one.
//
//   build/examples/embed_customers [DIR]

#include <guanxi/guanxi.h>
#include <guanxi/version.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

namespace {

// Stops the example with a message when an answer is wrong.
void expect(bool ok, const std::string& what) {
  if (!ok) {
    std::cerr << "embed_customers: unexpected result: " << what << "\n";
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  const fs::path dir =
      argc > 1 ? fs::path(argv[1])
               : fs::temp_directory_path() / ("guanxi-example-" + std::to_string(::getpid()));
  // The backup and its restored copy go beside the database.
  const fs::path backup_file = dir.string() + ".gxbackup";
  const fs::path restored_dir = dir.string() + "-restored";
  auto remove_all = [&] {
    fs::remove_all(dir);
    fs::remove(backup_file);
    fs::remove_all(restored_dir);
    fs::remove(dir.string() + ".key");
  };
  remove_all();

  try {
    // The library linked in must be the one these headers describe.
    std::cout << "Guanxi " << guanxi::version() << "\n";
    expect(std::string(guanxi::version()) == guanxi::kVersion, "library and headers agree");

    auto db = guanxi::Database::open(dir.string());  // creates the database
    // A session's purpose must exist: it decides which tagged values the
    // session reads (docs/privacy.md).
    db.session().execute("CREATE PURPOSE analytics BASIS legitimate_interest");
    auto session = db.session({.purpose = "analytics", .user = "embed-example"});

    // Customers, in one explicit transaction: all or nothing.
    auto create = session.prepare(
        "CREATE (:Customer {name: $name, city: $city, segment: $segment, spend: $spend})");
    {
      auto txn = session.transaction();
      create.execute({{"name", "Ada"}, {"city", "Berlin"}, {"segment", "vip"}, {"spend", 1250.0}});
      create.execute({{"name", "Bo"}, {"city", "Berlin"}, {"segment", "retail"}, {"spend", 80.5}});
      create.execute({{"name", "Chen"}, {"city", "Lyon"}, {"segment", "smb"}, {"spend", 430.0}});
      create.execute({{"name", "Dana"}, {"city", "Lyon"}, {"segment", "retail"}, {"spend", 45.0}});
      txn.commit();
    }

    // Relationships: Ada referred Bo and Chen; Bo knows Chen and Dana.
    const auto relationships = session.execute(
        "MATCH (a:Customer {name: 'Ada'}), (b:Customer {name: 'Bo'}), "
        "      (c:Customer {name: 'Chen'}), (d:Customer {name: 'Dana'}) "
        "CREATE (a)-[:REFERRED {since: date('2023-04-01')}]->(b), "
        "       (a)-[:REFERRED {since: date('2024-01-15')}]->(c), "
        "       (b)-[:KNOWS {strength: 0.8}]->(c), (b)-[:KNOWS {strength: 0.3}]->(d)");
    std::cout << relationships.to_string() << "\n";
    expect(relationships.relationships_created == 4, "four relationships created");

    // Who referred the most customers?
    auto top = session.query(
        "MATCH (r:Customer)-[:REFERRED]->(c) RETURN r.name AS referrer, count(c) AS referred "
        "ORDER BY referred DESC LIMIT $k",
        {{"k", 3}});
    for (const auto& row : top) {
      std::cout << row["referrer"].as_string() << " referred " << row["referred"] << "\n";
      expect(row["referrer"].as_string() == "Ada" && row["referred"].as_int() == 2,
             "Ada referred 2");
    }

    // Whom does Bo know? Nodes come back with their labels and properties.
    int known = 0;
    for (const auto& row : session.query(
             "MATCH (:Customer {name: $name})-[k:KNOWS]->(f) RETURN f, k.strength AS strength "
             "ORDER BY strength DESC",
             {{"name", "Bo"}})) {
      const guanxi::Node& friend_node = row["f"].as_node();
      std::cout << "Bo knows " << row["f"] << " (strength " << row["strength"] << ")\n";
      expect(friend_node.has_label("Customer"), "a known customer has the label Customer");
      ++known;
    }
    expect(known == 2, "Bo knows two customers");

    // Spend per segment.
    for (const auto& row : session.query(
             "MATCH (c:Customer) RETURN c.segment AS segment, sum(c.spend) AS spend, count(*) AS n "
             "ORDER BY spend DESC")) {
      std::cout << row["segment"].as_string() << ": " << row["n"] << " customers, "
                << row["spend"].as_number() << " spent\n";
    }

    // A failing statement throws guanxi::Error with a code and a position.
    try {
      session.query("MATCH (c:Customer) RETURN c.nme AS name ORDER BY nmae");
      expect(false, "an unknown variable is an error");
    } catch (const guanxi::Error& e) {
      std::cout << "error [" << e.code_name() << "] at line " << e.line() << ", column "
                << e.column() << "\n";
      expect(e.code() == guanxi::ErrorCode::kSemantic, "an unknown variable is a semantic error");
    }

    // Looking after the database: an integrity check, its statistics, and a
    // hot backup restored beside it that answers as the original does.
    const guanxi::VerifyReport check = db.verify();
    std::cout << "verify: " << check.problem_count << " problems in " << check.nodes_checked
              << " nodes and " << check.relationships_checked << " relationships\n";
    expect(check.ok() && check.nodes_checked == 4, "a healthy database with four nodes");
    const guanxi::Statistics stats = db.statistics();
    expect(stats.nodes == 4 && stats.relationships == 4,
           "statistics count 4 nodes, 4 relationships");

    const guanxi::BackupReport backup = db.backup(backup_file.string());
    std::cout << "backup: " << backup.info.nodes << " nodes, " << backup.file_bytes << " bytes\n";
    expect(guanxi::verify_backup(backup_file.string()).ok(), "the backup checks out");
    guanxi::restore(backup_file.string(), restored_dir.string());
    // A backup holds no key: the restored copy uses the original's key file
    // (made beside the database by its first privacy rule).
    guanxi::Options restored_options;
    restored_options.key_file = dir.string() + ".key";
    auto restored = guanxi::Database::open(restored_dir.string(), restored_options);
    auto referred = restored.session().query(
        "MATCH (:Customer {name: 'Ada'})-[:REFERRED]->(c) RETURN count(c) AS n");
    expect(referred.all().at(0)["n"].as_int() == 2, "the restored database answers the same");
  } catch (const guanxi::Error& e) {
    std::cerr << "embed_customers: " << e.what() << "\n";
    return 1;
  }
  remove_all();
  return 0;
}
