// guanxi-generate: writes the seeded synthetic graphs as neo4j-admin CSV files
// and prints the `guanxi import` command that loads them.
//
//   guanxi-generate customers --customers 10000 --seed 42 --out DIR
//   guanxi-generate rmat --scale 20 --relationships-per-node 16 --seed 1 --out DIR

#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>

#include "bench/generator/customer_graph.h"
#include "bench/generator/rmat.h"

namespace {

namespace fs = std::filesystem;
using guanxi::bench::CustomerGraphOptions;
using guanxi::bench::RmatOptions;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Quotes a path for a POSIX shell when it holds anything beyond safe characters.
std::string shell_quote(const fs::path& p) {
  const std::string s = p.string();
  if (s.find_first_not_of(
          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:+,@") ==
      std::string::npos) {
    return s;
  }
  std::string quoted = "'";
  for (char c : s) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

void print_file(const fs::path& p, std::uint64_t rows) {
  fmt::print("  {}  ({} rows, {:.1f} MiB)\n", p.string(), rows,
             static_cast<double>(fs::file_size(p)) / (1024.0 * 1024.0));
}

int run_customers(const CustomerGraphOptions& options, const fs::path& out, const fs::path& db) {
  const auto start = std::chrono::steady_clock::now();
  const auto graph = guanxi::bench::generate_customer_graph(options);
  const auto files = guanxi::bench::write_customer_csv(graph, out);
  std::uint64_t by_type[guanxi::bench::kRelationshipTypeCount] = {};
  for (const auto& t : graph.relationships) ++by_type[static_cast<int>(t.type)];
  fmt::print(
      "customer graph: {} customers, {} relationships, {} circles, {} households (seed {}, {:.2f} "
      "s)\n",
      graph.customers.size(), graph.relationships.size(), graph.circles, graph.households,
      options.seed, seconds_since(start));
  for (int t = 0; t < guanxi::bench::kRelationshipTypeCount; ++t) {
    fmt::print(
        "  {:<12} {}\n",
        guanxi::bench::relationship_type_name(static_cast<guanxi::bench::RelationshipType>(t)),
        by_type[t]);
  }
  fmt::print("files written:\n");
  print_file(files.customers, graph.customers.size());
  print_file(files.relationships, graph.relationships.size());
  fmt::print("load them with:\n  guanxi import {} --nodes=Customer {} --relationships {}\n",
             shell_quote(db), shell_quote(files.customers), shell_quote(files.relationships));
  return 0;
}

int run_rmat(const RmatOptions& options, const fs::path& out, const fs::path& db, bool names) {
  const auto start = std::chrono::steady_clock::now();
  const auto relationships = guanxi::bench::generate_rmat(options);
  const auto files = guanxi::bench::write_rmat_csv(options, relationships, out, names);
  fmt::print(
      "R-MAT graph: scale {} ({} nodes), relationships per node {}, {} relationships (seed {}, "
      "{:.2f} s)\n",
      options.scale, options.node_count(), options.relationships_per_node, relationships.size(),
      options.seed, seconds_since(start));
  fmt::print("files written:\n");
  print_file(files.nodes, options.node_count());
  print_file(files.relationships, relationships.size());
  fmt::print("load them with:\n  guanxi import {} --nodes=Node {} --relationships=LINK {}\n",
             shell_quote(db), shell_quote(files.nodes), shell_quote(files.relationships));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Writes seeded synthetic graphs as neo4j-admin import CSV files."};
  app.require_subcommand(1);

  CustomerGraphOptions customer;
  fs::path customer_out = "customers-csv";
  fs::path customer_db = "customers.gx";
  auto* customers = app.add_subcommand(
      "customers", "the demo customer graph (households, circles, KNOWS, referral trees)");
  customers->add_option("--customers,-n", customer.customers, "number of customers")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{4294967294ULL}));
  customers->add_option("--seed", customer.seed, "random seed");
  customers
      ->add_option("--knows", customer.knows_per_customer, "mean KNOWS relationships per customer")
      ->check(CLI::Range(0.0, 1000.0));
  customers->add_option("--out,-o", customer_out, "output directory (created if missing)");
  customers->add_option("--db", customer_db, "database named in the printed import command");

  RmatOptions rmat;
  fs::path rmat_out = "rmat-csv";
  fs::path rmat_db = "rmat.gx";
  bool rmat_names = false;
  auto* rmat_cmd = app.add_subcommand("rmat", "an R-MAT graph (a=0.57 b=0.19 c=0.19 d=0.05)");
  rmat_cmd->add_option("--scale,-s", rmat.scale, "2^scale nodes")->check(CLI::Range(1, 32));
  rmat_cmd
      ->add_option("--relationships-per-node,-e", rmat.relationships_per_node,
                   "relationships per node")
      ->check(CLI::Range(1, 1024));
  rmat_cmd->add_option("--seed", rmat.seed, "random seed");
  rmat_cmd->add_flag("--names", rmat_names, "give each node a name property \"node-<id>\"");
  rmat_cmd->add_option("--out,-o", rmat_out, "output directory (created if missing)");
  rmat_cmd->add_option("--db", rmat_db, "database named in the printed import command");

  CLI11_PARSE(app, argc, argv);
  try {
    if (customers->parsed()) return run_customers(customer, customer_out, customer_db);
    return run_rmat(rmat, rmat_out, rmat_db, rmat_names);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "guanxi-generate: %s\n", e.what());
    return 1;
  }
}
