#include "tests/queries/runner/demo_database.h"

#include "bench/generator/customer_graph.h"
#include "storage/bulk_import.h"
#include "storage/graph.h"

namespace guanxi::test_support {

void create_demo_database(const std::filesystem::path& db, const std::filesystem::path& scratch,
                          std::uint64_t customers) {
  bench::CustomerGraphOptions options;
  options.customers = customers;
  options.seed = kDemoSeed;
  const bench::CustomerFiles files =
      bench::write_customer_csv(bench::generate_customer_graph(options), scratch);
  storage::EnvironmentOptions env;
  env.durable = false;
  auto graph = storage::Graph::open(db, env);
  storage::bulk_import(*graph, {{"Customer", {files.customers}, {}}},
                       {{"", {files.relationships}, {}}});
}

}  // namespace guanxi::test_support
