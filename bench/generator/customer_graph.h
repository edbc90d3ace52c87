// The demo customer graph: a seeded, synthetic social CRM data set at any size.
//
// Customers have a name, a city, a segment (retail, smb, enterprise, vip), a
// signup date, a spend and the personal data a CRM holds: a mobile phone
// number, an email address, a birthday and a WeChat id (the demo tags them
// for privacy). Ids follow signup order. Relationships, each with a
// strength in [0, 1] and a `since` date no earlier than both signups:
//   FAMILY      complete graphs inside households of 1-6 customers;
//   COLLEAGUE   dense relationships inside workplace circles (5-60 customers);
//   SAME_CIRCLE dense relationships inside interest circles (5-60 customers);
//   KNOWS       Chung-Lu relationships over power-law weights: heavy-tailed degrees;
//   REFERRED    a forest: a customer is referred by at most one earlier
//               customer, chosen by preferential attachment, so a few
//               customers start large referral trees.
// Households and circles mostly share a city. Everything is fixed by the seed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace guanxi::bench {

enum class Segment : std::uint8_t { kRetail, kSmb, kEnterprise, kVip };
enum class RelationshipType : std::uint8_t { kKnows, kFamily, kColleague, kReferred, kSameCircle };

inline constexpr int kRelationshipTypeCount = 5;

std::string_view segment_name(Segment s);  // "retail", "smb", "enterprise", "vip"
std::string_view relationship_type_name(RelationshipType t);  // "KNOWS", "FAMILY", ...

struct Customer {
  std::uint32_t first_name = 0;  // index into first_names()
  std::uint32_t last_name = 0;   // index into last_names()
  std::uint32_t city = 0;        // index into cities()
  Segment segment = Segment::kRetail;
  std::int32_t signup = 0;  // days since 1970-01-01
  double spend = 0;         // rounded to cents
  std::uint32_t household = 0;
  std::uint32_t circle = 0;
  std::uint64_t phone = 0;    // 11 digits, a mainland mobile number (1[3-9]x...)
  std::int32_t birthday = 0;  // days since 1970-01-01, born 1950..2005
  std::uint64_t wechat = 0;   // printed as "wxid_" + base-36 digits
};

struct CustomerRelationship {
  std::uint32_t src = 0;
  std::uint32_t dst = 0;
  RelationshipType type = RelationshipType::kKnows;
  float strength = 0;      // 0..1, three decimals
  std::int32_t since = 0;  // days since 1970-01-01
};

struct CustomerGraphOptions {
  std::uint64_t customers = 10000;
  std::uint64_t seed = 42;
  double knows_per_customer = 4.0;  // mean KNOWS relationships per customer
  double knows_exponent = 2.5;      // power-law exponent of the KNOWS degrees
  double referred_share = 0.35;     // share of customers that were referred
};

struct CustomerGraph {
  std::vector<Customer> customers;  // index = customer id
  std::vector<CustomerRelationship> relationships;
  std::uint32_t circles = 0;     // circle ids are 0..circles-1
  std::uint32_t households = 0;  // household ids are 0..households-1
};

// The built-in name and city lists the customers draw from.
const std::vector<std::string_view>& first_names();
const std::vector<std::string_view>& last_names();
const std::vector<std::string_view>& cities();

// "First Last" of a customer.
std::string full_name(const Customer& c);
// The contact data as written to the CSV file.
std::string phone_number(const Customer& c);
std::string email_address(const Customer& c, std::uint64_t id);
std::string wechat_id(const Customer& c);

// Generates the graph. Throws std::invalid_argument for zero customers or more
// than 2^32 - 1. Deterministic for equal options.
CustomerGraph generate_customer_graph(const CustomerGraphOptions& options);

struct CustomerFiles {
  std::filesystem::path customers;      // customers.csv
  std::filesystem::path relationships;  // relationships.csv (one file, with a :TYPE column)
};

// Writes customers.csv, header
//   id:ID(Customer),name:string,city:string,segment:string,signup:date,spend:float,
//   phone:string,email:string,birthday:date,wechat:string
// (the label is given by the import group: --nodes=Customer) and relationships.csv,
// header :START_ID(Customer),:END_ID(Customer),:TYPE,strength:float,since:date,
// into `dir` (created if missing). Throws std::runtime_error on an I/O error.
CustomerFiles write_customer_csv(const CustomerGraph& graph, const std::filesystem::path& dir);

}  // namespace guanxi::bench
