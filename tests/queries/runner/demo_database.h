// The seeded demo customer graph as a database, for `load demo N` blocks.
#pragma once

#include <cstdint>
#include <filesystem>

namespace guanxi::test_support {

// The seed of every demo graph the tests load: `load demo N` always gives
// the same graph for the same N.
inline constexpr std::uint64_t kDemoSeed = 42;

// Generates the customer graph of `customers` customers (bench/generator,
// seed kDemoSeed), writes its CSV files under `scratch` and bulk-imports them
// into a new database at `db` exactly as `guanxi import DB --nodes=Customer
// customers.csv --relationships relationships.csv` does: label Customer,
// properties id, name, city, segment, signup, spend, phone, email, birthday,
// wechat; relationships KNOWS, FAMILY, COLLEAGUE, REFERRED, SAME_CIRCLE with
// strength and since.
void create_demo_database(const std::filesystem::path& db, const std::filesystem::path& scratch,
                          std::uint64_t customers);

}  // namespace guanxi::test_support
