// Tests of the seeded graph generators: R-MAT and the demo customer graph.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "bench/generator/customer_graph.h"
#include "bench/generator/rmat.h"
#include "tests/support/temp_dir.h"

namespace guanxi::bench {
namespace {

namespace fs = std::filesystem;

using test_support::TempDir;

// Splits one CSV line into fields (RFC 4180 quoting; no embedded line breaks,
// which the generators never write). Fails the test on a malformed quote.
std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
        EXPECT_TRUE(i + 1 == line.size() || line[i + 1] == ',')
            << "text after a closing quote: " << line;
      } else {
        fields.back() += c;
      }
    } else if (c == '"' && fields.back().empty()) {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      EXPECT_NE(c, '"') << "stray quote in: " << line;
      fields.back() += c;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quote in: " << line;
  return fields;
}

std::vector<std::vector<std::string>> read_csv(const fs::path& p) {
  std::ifstream in(p);
  EXPECT_TRUE(in) << p;
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) rows.push_back(split_csv(line));
  return rows;
}

std::uint64_t parse_id(const std::string& s) {
  EXPECT_FALSE(s.empty());
  EXPECT_EQ(s.find_first_not_of("0123456789"), std::string::npos) << s;
  return std::stoull(s);
}

// ------------------------------------------------------------------ R-MAT

TEST(Rmat, SameSeedSameGraphOtherSeedOtherGraph) {
  RmatOptions o{.scale = 10, .relationships_per_node = 8, .seed = 7};
  const auto a = generate_rmat(o);
  const auto b = generate_rmat(o);
  EXPECT_EQ(a, b);
  o.seed = 8;
  const auto c = generate_rmat(o);
  ASSERT_EQ(a.size(), c.size());
  std::size_t same = 0;
  for (std::size_t i = 0; i < a.size(); ++i) same += a[i] == c[i];
  EXPECT_LT(same, a.size() / 10);
}

TEST(Rmat, CountsAndIdRange) {
  const RmatOptions o{.scale = 12, .relationships_per_node = 16, .seed = 1};
  const auto relationships = generate_rmat(o);
  EXPECT_EQ(o.node_count(), 4096u);
  ASSERT_EQ(relationships.size(), 4096u * 16);
  for (const auto& t : relationships) {
    ASSERT_LT(t.src, o.node_count());
    ASSERT_LT(t.dst, o.node_count());
  }
}

TEST(Rmat, QuadrantProbabilitiesHoldAtTheTopLevel) {
  // Without scrambling, the top bit of src is 0 in quadrants a and b, and the
  // top bit of dst is 0 in quadrants a and c.
  const RmatOptions o{.scale = 12, .relationships_per_node = 16, .seed = 3, .scramble_ids = false};
  const auto relationships = generate_rmat(o);
  const std::uint64_t half = o.node_count() / 2;
  double src_low = 0, dst_low = 0, both_high = 0;
  for (const auto& t : relationships) {
    src_low += t.src < half;
    dst_low += t.dst < half;
    both_high += t.src >= half && t.dst >= half;
  }
  const double n = static_cast<double>(relationships.size());
  EXPECT_NEAR(src_low / n, 0.57 + 0.19, 0.01);
  EXPECT_NEAR(dst_low / n, 0.57 + 0.19, 0.01);
  EXPECT_NEAR(both_high / n, 0.05, 0.005);
}

TEST(Rmat, DegreesAreHeavyTailed) {
  const RmatOptions o{.scale = 14, .relationships_per_node = 16, .seed = 1};
  const auto relationships = generate_rmat(o);
  std::vector<std::uint64_t> degree(o.node_count());
  for (const auto& t : relationships) ++degree[t.src], ++degree[t.dst];
  std::sort(degree.begin(), degree.end(), std::greater<>());
  const double mean = 2.0 * o.relationships_per_node;
  // A Poisson graph of mean degree 32 has no node past ~70; R-MAT has hubs in
  // the thousands, many isolated nodes, and the top 1% hold a large share.
  EXPECT_GT(static_cast<double>(degree.front()), 50 * mean);
  const auto isolated = std::count(degree.begin(), degree.end(), 0u);
  EXPECT_GT(isolated, static_cast<long>(o.node_count() / 20));
  const std::uint64_t top = std::accumulate(
      degree.begin(), degree.begin() + static_cast<std::ptrdiff_t>(o.node_count() / 100),
      std::uint64_t{0});
  EXPECT_GT(static_cast<double>(top), 0.15 * 2 * static_cast<double>(relationships.size()));
}

TEST(Rmat, ScrambleIsAPermutationOfIds) {
  RmatOptions o{.scale = 9, .relationships_per_node = 4, .seed = 5, .scramble_ids = false};
  const auto plain = generate_rmat(o);
  o.scramble_ids = true;
  const auto scrambled = generate_rmat(o);
  ASSERT_EQ(plain.size(), scrambled.size());
  // The same id must always map to the same new id, and two ids never to one.
  std::map<std::uint64_t, std::uint64_t> forward;
  std::map<std::uint64_t, std::uint64_t> backward;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    for (auto [from, to] :
         {std::pair{plain[i].src, scrambled[i].src}, std::pair{plain[i].dst, scrambled[i].dst}}) {
      auto [f, fnew] = forward.emplace(from, to);
      ASSERT_EQ(f->second, to);
      auto [b, bnew] = backward.emplace(to, from);
      ASSERT_EQ(b->second, from);
      (void)fnew, (void)bnew;
    }
  }
  std::size_t moved = 0;
  for (auto [from, to] : forward) moved += from != to;
  EXPECT_GT(moved, forward.size() / 2);
}

TEST(Rmat, RefusesBadOptions) {
  EXPECT_THROW(generate_rmat({.scale = 0}), std::invalid_argument);
  EXPECT_THROW(generate_rmat({.scale = 4, .relationships_per_node = 0}), std::invalid_argument);
  EXPECT_THROW(generate_rmat({.scale = 4, .a = 0.6, .b = 0.3, .c = 0.3}), std::invalid_argument);
}

TEST(Rmat, CsvIsWellFormedAndMatchesTheRelationships) {
  TempDir dir;
  const RmatOptions o{.scale = 8, .relationships_per_node = 4, .seed = 2};
  const auto relationships = generate_rmat(o);
  const auto files = write_rmat_csv(o, relationships, dir.path() / "out", /*with_names=*/true);

  const auto nodes = read_csv(files.nodes);
  ASSERT_EQ(nodes.size(), o.node_count() + 1);
  EXPECT_EQ(nodes[0], (std::vector<std::string>{"id:ID(Node)", "name:string"}));
  for (std::uint64_t id = 0; id < o.node_count(); ++id) {
    ASSERT_EQ(nodes[id + 1].size(), 2u);
    EXPECT_EQ(parse_id(nodes[id + 1][0]), id);
    EXPECT_EQ(nodes[id + 1][1], "node-" + std::to_string(id));
  }

  const auto rows = read_csv(files.relationships);
  ASSERT_EQ(rows.size(), relationships.size() + 1);
  EXPECT_EQ(rows[0], (std::vector<std::string>{":START_ID(Node)", ":END_ID(Node)"}));
  for (std::size_t i = 0; i < relationships.size(); ++i) {
    ASSERT_EQ(rows[i + 1].size(), 2u) << "line " << i + 2;
    EXPECT_EQ(parse_id(rows[i + 1][0]), relationships[i].src);
    EXPECT_EQ(parse_id(rows[i + 1][1]), relationships[i].dst);
  }

  const auto plain = write_rmat_csv(o, relationships, dir.path() / "plain", /*with_names=*/false);
  const auto plain_nodes = read_csv(plain.nodes);
  EXPECT_EQ(plain_nodes[0], std::vector<std::string>{"id:ID(Node)"});
  EXPECT_EQ(plain_nodes[1].size(), 1u);
}

// ------------------------------------------------------------ customers

std::size_t count_type(const CustomerGraph& g, RelationshipType t) {
  return static_cast<std::size_t>(
      std::count_if(g.relationships.begin(), g.relationships.end(),
                    [t](const CustomerRelationship& x) { return x.type == t; }));
}

bool same_relationship(const CustomerRelationship& a, const CustomerRelationship& b) {
  return a.src == b.src && a.dst == b.dst && a.type == b.type && a.strength == b.strength &&
         a.since == b.since;
}

TEST(CustomerGraph, SameSeedSameGraphOtherSeedOtherGraph) {
  const auto a = generate_customer_graph({.customers = 3000, .seed = 42});
  const auto b = generate_customer_graph({.customers = 3000, .seed = 42});
  ASSERT_EQ(a.relationships.size(), b.relationships.size());
  for (std::size_t i = 0; i < a.relationships.size(); ++i)
    ASSERT_TRUE(same_relationship(a.relationships[i], b.relationships[i])) << i;
  for (std::size_t i = 0; i < a.customers.size(); ++i) {
    EXPECT_EQ(full_name(a.customers[i]), full_name(b.customers[i]));
    EXPECT_EQ(a.customers[i].signup, b.customers[i].signup);
    EXPECT_EQ(a.customers[i].spend, b.customers[i].spend);
  }
  const auto c = generate_customer_graph({.customers = 3000, .seed = 43});
  std::size_t same_names = 0;
  for (std::size_t i = 0; i < a.customers.size(); ++i) {
    same_names += full_name(a.customers[i]) == full_name(c.customers[i]);
  }
  EXPECT_LT(same_names, a.customers.size() / 20);
}

TEST(CustomerGraph, CountsAndAttributes) {
  const std::uint64_t n = 20000;
  const auto g = generate_customer_graph({.customers = n, .seed = 1});
  ASSERT_EQ(g.customers.size(), n);
  EXPECT_EQ(count_type(g, RelationshipType::kKnows), 4 * n);  // 4 per customer by default
  EXPECT_GT(count_type(g, RelationshipType::kFamily), n / 2);
  EXPECT_GT(count_type(g, RelationshipType::kColleague), n / 2);
  EXPECT_GT(count_type(g, RelationshipType::kSameCircle), n / 2);
  // About 35% were referred.
  EXPECT_NEAR(static_cast<double>(count_type(g, RelationshipType::kReferred)) / n, 0.35, 0.02);

  std::map<Segment, std::size_t> segments;
  std::set<std::uint32_t> cities_used;
  for (std::size_t i = 0; i < n; ++i) {
    const Customer& c = g.customers[i];
    ++segments[c.segment];
    cities_used.insert(c.city);
    ASSERT_LT(c.first_name, first_names().size());
    ASSERT_LT(c.last_name, last_names().size());
    ASSERT_LT(c.city, cities().size());
    EXPECT_GT(c.spend, 0.0);
    if (i > 0) {
      EXPECT_LE(g.customers[i - 1].signup, c.signup) << "ids follow signup order";
    }
    ASSERT_LT(c.circle, g.circles);
    ASSERT_LT(c.household, g.households);
  }
  EXPECT_NEAR(static_cast<double>(segments[Segment::kRetail]) / n, 0.70, 0.02);
  EXPECT_NEAR(static_cast<double>(segments[Segment::kVip]) / n, 0.03, 0.01);
  EXPECT_GT(cities_used.size(), cities().size() / 2);

  for (const auto& t : g.relationships) {
    ASSERT_LT(t.src, n);
    ASSERT_LT(t.dst, n);
    ASSERT_NE(t.src, t.dst);
    ASSERT_GE(t.strength, 0.0f);
    ASSERT_LE(t.strength, 1.0f);
    ASSERT_GE(t.since, g.customers[t.src].signup);
    ASSERT_GE(t.since, g.customers[t.dst].signup);
  }
}

TEST(CustomerGraph, ReferralsFormAForestOfHeavyTailedTrees) {
  const std::uint64_t n = 20000;
  const auto g = generate_customer_graph({.customers = n, .seed = 9});
  std::vector<int> referred_by(n, -1);
  std::vector<int> referrals(n, 0);
  for (const auto& t : g.relationships) {
    if (t.type != RelationshipType::kReferred) continue;
    ASSERT_EQ(referred_by[t.dst], -1) << "customer " << t.dst << " referred twice";
    // The referrer came first: relationships point forward in id, so no cycle exists.
    ASSERT_LT(t.src, t.dst);
    referred_by[t.dst] = static_cast<int>(t.src);
    ++referrals[t.src];
    EXPECT_EQ(t.since, g.customers[t.dst].signup);
  }
  // Walking up from every customer reaches a root (no cycles, finite depth).
  int deepest = 0;
  for (std::uint64_t i = 0; i < n; ++i) {
    int depth = 0;
    for (int c = static_cast<int>(i); referred_by[c] != -1; c = referred_by[c]) {
      ASSERT_LT(++depth, static_cast<int>(n));
    }
    deepest = std::max(deepest, depth);
  }
  EXPECT_GE(deepest, 3);
  // Preferential attachment: the top referrer made many more than the mean.
  const int top = *std::max_element(referrals.begin(), referrals.end());
  EXPECT_GT(top, 15);
}

TEST(CustomerGraph, KnowsDegreesAreHeavyTailed) {
  const std::uint64_t n = 20000;
  const auto g = generate_customer_graph({.customers = n, .seed = 4});
  std::vector<std::uint64_t> degree(n);
  std::set<std::pair<std::uint32_t, std::uint32_t>> pairs;
  for (const auto& t : g.relationships) {
    if (t.type != RelationshipType::kKnows) continue;
    ++degree[t.src], ++degree[t.dst];
    EXPECT_TRUE(pairs.emplace(std::min(t.src, t.dst), std::max(t.src, t.dst)).second)
        << "repeated KNOWS pair";
  }
  std::sort(degree.begin(), degree.end(), std::greater<>());
  const double mean = 8.0;  // 4 relationships per customer, 2 endpoints each
  EXPECT_GT(static_cast<double>(degree.front()), 30 * mean);
  const std::uint64_t top =
      std::accumulate(degree.begin(), degree.begin() + n / 100, std::uint64_t{0});
  EXPECT_GT(static_cast<double>(top), 0.10 * mean * n);  // top 1% hold over 10% of endpoints
  // The median customer is well below the mean: a long tail, not a bell.
  EXPECT_LT(static_cast<double>(degree[n / 2]), mean);
}

TEST(CustomerGraph, CirclesAndHouseholdsAreDenseAndLocal) {
  const std::uint64_t n = 10000;
  const auto g = generate_customer_graph({.customers = n, .seed = 5});
  std::map<std::uint32_t, std::size_t> circle_size, household_size, circle_relationships;
  for (const auto& c : g.customers) ++circle_size[c.circle], ++household_size[c.household];
  std::map<std::uint32_t, std::size_t> family_relationships;
  for (const auto& t : g.relationships) {
    const Customer& a = g.customers[t.src];
    const Customer& b = g.customers[t.dst];
    if (t.type == RelationshipType::kFamily) {
      ASSERT_EQ(a.household, b.household);
      ++family_relationships[a.household];
    } else if (t.type == RelationshipType::kColleague || t.type == RelationshipType::kSameCircle) {
      ASSERT_EQ(a.circle, b.circle);
      ++circle_relationships[a.circle];
    }
  }
  // Households are complete graphs.
  for (auto [h, size] : household_size) {
    ASSERT_LE(size, 6u);
    EXPECT_EQ(family_relationships[h], size * (size - 1) / 2) << "household " << h;
  }
  // Circles are far denser than the graph as a whole: mean degree inside a
  // circle of 5..60 members is about 8 (small circles are complete).
  double inside = 0, members = 0;
  for (auto [c, size] : circle_size) {
    EXPECT_GE(size, 2u);
    EXPECT_LE(size, 62u);
    inside += 2.0 * static_cast<double>(circle_relationships[c]);
    members += static_cast<double>(size);
  }
  EXPECT_GT(inside / members, 4.0);
  // Members of a household mostly share a city.
  std::size_t same_city = 0, family = 0;
  for (const auto& t : g.relationships) {
    if (t.type != RelationshipType::kFamily) continue;
    ++family;
    same_city += g.customers[t.src].city == g.customers[t.dst].city;
  }
  EXPECT_GT(static_cast<double>(same_city) / static_cast<double>(family), 0.75);
}

TEST(CustomerGraph, AnySizeWorks) {
  for (std::uint64_t n : {1u, 2u, 7u, 100u}) {
    const auto g = generate_customer_graph({.customers = n, .seed = 1});
    EXPECT_EQ(g.customers.size(), n);
    for (const auto& t : g.relationships) {
      ASSERT_LT(t.src, n);
      ASSERT_LT(t.dst, n);
    }
  }
  EXPECT_THROW(generate_customer_graph({.customers = 0}), std::invalid_argument);
}

TEST(CustomerGraph, CsvIsWellFormed) {
  TempDir dir;
  const auto g = generate_customer_graph({.customers = 2000, .seed = 42});
  const auto files = write_customer_csv(g, dir.path() / "demo");
  EXPECT_EQ(files.customers.filename(), "customers.csv");
  EXPECT_EQ(files.relationships.filename(), "relationships.csv");

  const std::regex date(R"(\d{4}-\d{2}-\d{2})");
  const std::regex money(R"(\d+\.\d{2})");
  const std::regex strength(R"([01]\.\d{3})");
  const std::regex phone(R"(1[3-9]\d{9})");
  const std::regex email(R"([a-z]+\.[a-z]+\d+@example\.com)");
  const std::regex wechat(R"(wxid_[0-9a-z]{8})");

  const auto customers = read_csv(files.customers);
  ASSERT_EQ(customers.size(), g.customers.size() + 1);
  EXPECT_EQ(customers[0],
            (std::vector<std::string>{
                "id:ID(Customer)", "name:string", "city:string", "segment:string", "signup:date",
                "spend:float", "phone:string", "email:string", "birthday:date", "wechat:string"}));
  const std::set<std::string> segments = {"retail", "smb", "enterprise", "vip"};
  for (std::size_t i = 1; i < customers.size(); ++i) {
    const auto& row = customers[i];
    ASSERT_EQ(row.size(), 10u) << "line " << i + 1;
    EXPECT_EQ(parse_id(row[0]), i - 1);
    EXPECT_EQ(row[1], full_name(g.customers[i - 1]));
    EXPECT_NE(row[1].find(' '), std::string::npos);
    EXPECT_TRUE(segments.count(row[3])) << row[3];
    EXPECT_TRUE(std::regex_match(row[4], date)) << row[4];
    EXPECT_TRUE(std::regex_match(row[5], money)) << row[5];
    EXPECT_TRUE(std::regex_match(row[6], phone)) << row[6];
    EXPECT_TRUE(std::regex_match(row[7], email)) << row[7];
    EXPECT_TRUE(std::regex_match(row[8], date)) << row[8];
    EXPECT_GE(row[8], "1950-01-01");
    EXPECT_LE(row[8], "2005-12-31");
    EXPECT_TRUE(std::regex_match(row[9], wechat)) << row[9];
  }

  const auto relationships = read_csv(files.relationships);
  ASSERT_EQ(relationships.size(), g.relationships.size() + 1);
  EXPECT_EQ(relationships[0], (std::vector<std::string>{":START_ID(Customer)", ":END_ID(Customer)",
                                                        ":TYPE", "strength:float", "since:date"}));
  const std::set<std::string> types = {"KNOWS", "FAMILY", "COLLEAGUE", "REFERRED", "SAME_CIRCLE"};
  std::set<std::string> seen_types;
  for (std::size_t i = 1; i < relationships.size(); ++i) {
    const auto& row = relationships[i];
    ASSERT_EQ(row.size(), 5u) << "line " << i + 1;
    EXPECT_LT(parse_id(row[0]), g.customers.size());
    EXPECT_LT(parse_id(row[1]), g.customers.size());
    EXPECT_TRUE(types.count(row[2])) << row[2];
    seen_types.insert(row[2]);
    EXPECT_TRUE(std::regex_match(row[3], strength)) << row[3];
    EXPECT_LE(std::stod(row[3]), 1.0);
    EXPECT_TRUE(std::regex_match(row[4], date)) << row[4];
  }
  EXPECT_EQ(seen_types, types);
}

TEST(CustomerGraph, FirstSignupDateIsFormattedAsACivilDate) {
  TempDir dir;
  const auto g = generate_customer_graph({.customers = 50, .seed = 3});
  const auto files = write_customer_csv(g, dir.path());
  const auto rows = read_csv(files.customers);
  // Signups run from 2015-01-01 to 2025-06-30.
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_GE(rows[i][4], "2015-01-01");
    EXPECT_LE(rows[i][4], "2025-06-30");
  }
  // 2015-01-01 is day 16436 since the epoch; signup days map to that range.
  EXPECT_GE(g.customers.front().signup, 16436);
}

}  // namespace
}  // namespace guanxi::bench
