#include "bench/generator/customer_graph.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <unordered_set>

#include "bench/generator/csv_writer.h"
#include "bench/generator/seeded_random.h"

namespace guanxi::bench {

namespace {

// Independent random streams per phase, so changing one phase leaves the
// others' output as it was.
enum Stream : std::uint64_t {
  kCustomerStream = 11,
  kCircleStream,
  kHouseholdStream,
  kKnowsStream,
  kReferralStream,
  kContactStream,
};

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

std::string format_date(std::int32_t days) {
  const int z = days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int y = static_cast<int>(yoe) + era * 400 + (m <= 2);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

const std::int32_t kFirstSignup = days_from_civil(2015, 1, 1);
const std::int32_t kLastSignup = days_from_civil(2025, 6, 30);
const std::int32_t kLastSince = days_from_civil(2025, 12, 31);

// Picks an index with probability proportional to its weight.
class WeightedPicker {
 public:
  explicit WeightedPicker(const std::vector<double>& weights) : cumulative_(weights.size()) {
    double sum = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) cumulative_[i] = sum += weights[i];
  }
  std::size_t pick(SeededRandom& rng) const {
    const double x = rng.uniform() * cumulative_.back();
    auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
    return std::min<std::size_t>(static_cast<std::size_t>(it - cumulative_.begin()),
                                 cumulative_.size() - 1);
  }

 private:
  std::vector<double> cumulative_;
};

std::vector<std::uint32_t> shuffled_ids(std::uint32_t n, SeededRandom& rng) {
  std::vector<std::uint32_t> ids(n);
  for (std::uint32_t i = 0; i < n; ++i) ids[i] = i;
  for (std::uint32_t i = n; i > 1; --i) std::swap(ids[i - 1], ids[rng.below(i)]);
  return ids;
}

float round3(double x) {
  return static_cast<float>(std::round(std::clamp(x, 0.0, 1.0) * 1000) / 1000);
}

// A `since` date for a relationship: not before either signup, skewed towards early.
std::int32_t since_date(const CustomerGraph& g, std::uint32_t a, std::uint32_t b,
                        SeededRandom& rng) {
  const std::int32_t lo = std::max(g.customers[a].signup, g.customers[b].signup);
  const double u = rng.uniform();
  return lo + static_cast<std::int32_t>(std::floor(u * u * (kLastSince - lo + 1)));
}

void add_relationship(CustomerGraph& g, std::uint32_t a, std::uint32_t b, RelationshipType type,
                      double strength, SeededRandom& rng) {
  if (rng.chance(0.5)) std::swap(a, b);  // orientation carries no meaning for these types
  g.relationships.push_back({a, b, type, round3(strength), since_date(g, a, b, rng)});
}

void make_customers(CustomerGraph& g, std::uint32_t n, std::uint64_t seed) {
  SeededRandom rng(seed, kCustomerStream);
  std::vector<double> city_weights(cities().size());
  for (std::size_t i = 0; i < city_weights.size(); ++i) city_weights[i] = std::pow(i + 1.0, -0.9);
  const WeightedPicker city(city_weights);

  // More customers sign up in later years: u^0.6 leans towards the end.
  std::vector<std::int32_t> signups(n);
  for (auto& s : signups) {
    s = kFirstSignup +
        static_cast<std::int32_t>(std::pow(rng.uniform(), 0.6) * (kLastSignup - kFirstSignup + 1));
  }
  std::sort(signups.begin(), signups.end());

  g.customers.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    Customer& c = g.customers[i];
    c.first_name = static_cast<std::uint32_t>(rng.below(first_names().size()));
    c.last_name = static_cast<std::uint32_t>(rng.below(last_names().size()));
    c.city = static_cast<std::uint32_t>(city.pick(rng));
    c.signup = signups[i];
    const double r = rng.uniform();
    double mu, sigma;
    if (r < 0.70) {
      c.segment = Segment::kRetail, mu = 5.0, sigma = 0.9;
    } else if (r < 0.90) {
      c.segment = Segment::kSmb, mu = 6.5, sigma = 1.0;
    } else if (r < 0.97) {
      c.segment = Segment::kEnterprise, mu = 8.5, sigma = 1.0;
    } else {
      c.segment = Segment::kVip, mu = 9.0, sigma = 0.7;
    }
    c.spend = std::round(std::exp(mu + sigma * rng.normal()) * 100) / 100;
  }
}

// Phone numbers, birthdays and WeChat ids from their own stream, so the
// other columns stay as they were before contact data existed.
void make_contacts(CustomerGraph& g, std::uint64_t seed) {
  SeededRandom rng(seed, kContactStream);
  const std::int32_t first_birthday = days_from_civil(1950, 1, 1);
  const auto birthday_days =
      static_cast<std::uint64_t>(days_from_civil(2005, 12, 31) - first_birthday) + 1;
  for (Customer& c : g.customers) {
    // Mainland mobile numbers: 1, then 3..9, then nine digits.
    c.phone = 10'000'000'000ULL + (3 + rng.below(7)) * 1'000'000'000ULL + rng.below(1'000'000'000);
    c.birthday = first_birthday + static_cast<std::int32_t>(rng.below(birthday_days));
    c.wechat = rng.below(36ULL * 36 * 36 * 36 * 36 * 36 * 36 * 36);
  }
}

// Workplace and interest circles of 5..60 members (sizes power-law), each
// member in exactly one; members mostly share the circle's city.
void make_circles(CustomerGraph& g, std::uint64_t seed) {
  SeededRandom rng(seed, kCircleStream);
  const auto n = static_cast<std::uint32_t>(g.customers.size());
  const auto order = shuffled_ids(n, rng);
  std::vector<std::uint32_t> members;
  for (std::uint32_t start = 0; start < n;) {
    auto size =
        static_cast<std::uint32_t>(std::min(60.0, 5.0 * std::pow(1.0 - rng.uniform(), -1.0 / 1.5)));
    if (n - start < size + 2) size = n - start;  // no circle of one left behind
    members.assign(order.begin() + start, order.begin() + start + size);
    start += size;
    const std::uint32_t circle = g.circles++;
    const std::uint32_t circle_city = g.customers[members[0]].city;
    for (auto m : members) {
      g.customers[m].circle = circle;
      if (rng.chance(0.7)) g.customers[m].city = circle_city;
    }
    const bool workplace = rng.chance(0.5);
    const double p = size <= 1 ? 0 : std::min(1.0, 8.0 / (size - 1));
    for (std::uint32_t i = 0; i < size; ++i) {
      for (std::uint32_t j = i + 1; j < size; ++j) {
        if (!rng.chance(p)) continue;
        if (workplace) {
          add_relationship(g, members[i], members[j], RelationshipType::kColleague,
                           0.3 + 0.5 * rng.uniform(), rng);
        } else {
          add_relationship(g, members[i], members[j], RelationshipType::kSameCircle,
                           0.2 + 0.6 * rng.uniform(), rng);
        }
      }
    }
  }
}

// Households of 1..6 customers, all pairs tied by FAMILY; members mostly
// share the first member's city.
void make_households(CustomerGraph& g, std::uint64_t seed) {
  SeededRandom rng(seed, kHouseholdStream);
  const auto n = static_cast<std::uint32_t>(g.customers.size());
  const auto order = shuffled_ids(n, rng);
  static constexpr double kSizeShare[] = {0.35, 0.30, 0.15, 0.12, 0.05, 0.03};
  for (std::uint32_t start = 0; start < n;) {
    double r = rng.uniform();
    std::uint32_t size = 1;
    for (double share : kSizeShare) {
      if (r < share) break;
      r -= share;
      ++size;
    }
    size = std::min({size, 6u, n - start});
    const std::uint32_t household = g.households++;
    const std::uint32_t city = g.customers[order[start]].city;
    for (std::uint32_t i = 0; i < size; ++i) {
      Customer& c = g.customers[order[start + i]];
      c.household = household;
      if (i > 0 && rng.chance(0.9)) c.city = city;
      for (std::uint32_t j = 0; j < i; ++j) {
        add_relationship(g, order[start + j], order[start + i], RelationshipType::kFamily,
                         0.6 + 0.4 * rng.uniform(), rng);
      }
    }
    start += size;
  }
}

// Chung-Lu: endpoints drawn with probability proportional to power-law
// weights w_r = (r + 1)^(-1 / (exponent - 1)) over a random ranking, so the
// expected degrees follow the power law. Self loops and repeated pairs are
// redrawn (within a bounded number of attempts).
void make_knows(CustomerGraph& g, const CustomerGraphOptions& o) {
  SeededRandom rng(o.seed, kKnowsStream);
  const auto n = static_cast<std::uint32_t>(g.customers.size());
  if (n < 2) return;
  const auto rank = shuffled_ids(n, rng);
  std::vector<double> weight(n);
  const double alpha = 1.0 / (o.knows_exponent - 1.0);
  for (std::uint32_t r = 0; r < n; ++r) weight[rank[r]] = std::pow(r + 1.0, -alpha);
  const WeightedPicker picker(weight);

  const auto wanted = static_cast<std::uint64_t>(std::llround(o.knows_per_customer * n));
  const std::uint64_t max_pairs = std::uint64_t{n} * (n - 1) / 2;
  const std::uint64_t target = std::min(wanted, max_pairs / 2);
  std::unordered_set<std::uint64_t> seen;
  seen.reserve(target * 2);
  for (std::uint64_t attempts = 0, made = 0; made < target && attempts < target * 20 + 100;
       ++attempts) {
    auto a = static_cast<std::uint32_t>(picker.pick(rng));
    auto b = static_cast<std::uint32_t>(picker.pick(rng));
    if (a == b) continue;
    const std::uint64_t pair = (std::uint64_t{std::min(a, b)} << 32) | std::max(a, b);
    if (!seen.insert(pair).second) continue;
    const double u = rng.uniform();
    add_relationship(g, a, b, RelationshipType::kKnows, 0.05 + 0.9 * u * u, rng);
    ++made;
  }
}

// Each customer (in signup order) was referred with probability
// referred_share by one earlier customer, picked in proportion to 1 + the
// referrals that customer already made (preferential attachment).
void make_referrals(CustomerGraph& g, const CustomerGraphOptions& o) {
  SeededRandom rng(o.seed, kReferralStream);
  const auto n = static_cast<std::uint32_t>(g.customers.size());
  std::vector<std::uint32_t> pool;  // each customer once, plus once per referral made
  pool.reserve(n + static_cast<std::size_t>(n * o.referred_share) + 1);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!pool.empty() && rng.chance(o.referred_share)) {
      const std::uint32_t referrer = pool[rng.below(pool.size())];
      const float strength = round3(0.3 + 0.6 * rng.uniform());
      g.relationships.push_back(
          {referrer, i, RelationshipType::kReferred, strength, g.customers[i].signup});
      pool.push_back(referrer);
    }
    pool.push_back(i);
  }
}

}  // namespace

std::string_view segment_name(Segment s) {
  switch (s) {
    case Segment::kRetail: return "retail";
    case Segment::kSmb: return "smb";
    case Segment::kEnterprise: return "enterprise";
    case Segment::kVip: return "vip";
  }
  return "retail";
}

std::string_view relationship_type_name(RelationshipType t) {
  switch (t) {
    case RelationshipType::kKnows: return "KNOWS";
    case RelationshipType::kFamily: return "FAMILY";
    case RelationshipType::kColleague: return "COLLEAGUE";
    case RelationshipType::kReferred: return "REFERRED";
    case RelationshipType::kSameCircle: return "SAME_CIRCLE";
  }
  return "KNOWS";
}

const std::vector<std::string_view>& first_names() {
  static const std::vector<std::string_view> names = {
      "Wei",       "Fang",   "Li",     "Min",     "Jing",      "Hao",    "Xin",     "Lei",
      "Yan",       "Jun",    "Mei",    "Tao",     "Ling",      "Chen",   "Hui",     "Ming",
      "Emma",      "Liam",   "Olivia", "Noah",    "Ava",       "Lucas",  "Sophia",  "Mateo",
      "Isabella",  "Ethan",  "Mia",    "James",   "Amelia",    "Oliver", "Harper",  "Elijah",
      "Charlotte", "Henry",  "Evelyn", "Samuel",  "Grace",     "Daniel", "Chloe",   "David",
      "Hannah",    "Joseph", "Sarah",  "Thomas",  "Anna",      "Pedro",  "Lucia",   "Diego",
      "Camila",    "Javier", "Sofia",  "Carlos",  "Valentina", "Luis",   "Ana",     "Priya",
      "Arjun",     "Ananya", "Rohan",  "Aisha",   "Omar",      "Fatima", "Yusuf",   "Leila",
      "Hiroshi",   "Yuki",   "Haruto", "Sakura",  "Minjun",    "Jiwoo",  "Seoyeon", "Kwame",
      "Amara",     "Chidi",  "Zara",   "Nikolai", "Olga",      "Ingrid", "Lars",    "Freya",
      "Matteo",    "Giulia", "Elena",  "Pierre",  "Camille",   "Jonas",  "Lena",    "Tomas",
      "Marta",     "Kai",    "Noor",   "Ravi",    "Mariam",    "Tariq",  "Ines",    "Hugo"};
  return names;
}

const std::vector<std::string_view>& last_names() {
  static const std::vector<std::string_view> names = {
      "Wang",      "Li",       "Zhang",     "Liu",     "Chen",     "Yang",   "Huang",
      "Zhao",      "Wu",       "Zhou",      "Xu",      "Sun",      "Ma",     "Zhu",
      "Hu",        "Guo",      "Lin",       "He",      "Gao",      "Luo",    "Smith",
      "Johnson",   "Williams", "Brown",     "Jones",   "Garcia",   "Miller", "Davis",
      "Rodriguez", "Martinez", "Hernandez", "Lopez",   "Gonzalez", "Wilson", "Anderson",
      "Taylor",    "Thomas",   "Moore",     "Jackson", "Martin",   "Lee",    "Thompson",
      "White",     "Harris",   "Clark",     "Lewis",   "Walker",   "Young",  "Allen",
      "King",      "Wright",   "Scott",     "Green",   "Baker",    "Adams",  "Nelson",
      "Mueller",   "Schmidt",  "Schneider", "Fischer", "Weber",    "Rossi",  "Russo",
      "Ferrari",   "Esposito", "Dubois",    "Moreau",  "Laurent",  "Silva",  "Santos",
      "Oliveira",  "Pereira",  "Kumar",     "Sharma",  "Patel",    "Singh",  "Gupta",
      "Khan",      "Ahmed",    "Hassan",    "Ali",     "Sato",     "Suzuki", "Takahashi",
      "Tanaka",    "Kim",      "Park",      "Choi",    "Nguyen",   "Tran",   "Okafor",
      "Mensah",    "Ivanov",   "Petrov",    "Novak",   "Jensen",   "Hansen", "O'Brien",
      "Murphy",    "Kowalski"};
  return names;
}

const std::vector<std::string_view>& cities() {
  static const std::vector<std::string_view> names = {
      "Shanghai",  "Beijing",   "Shenzhen",     "Guangzhou",     "Hong Kong",
      "Singapore", "Taipei",    "Chengdu",      "Hangzhou",      "Wuhan",
      "Tokyo",     "Seoul",     "London",       "New York",      "Paris",
      "Berlin",    "Sydney",    "Toronto",      "San Francisco", "Mumbai",
      "Bangalore", "Dubai",     "Sao Paulo",    "Mexico City",   "Madrid",
      "Milan",     "Amsterdam", "Stockholm",    "Lagos",         "Nairobi",
      "Jakarta",   "Bangkok",   "Kuala Lumpur", "Manila",        "Ho Chi Minh City",
      "Istanbul",  "Cairo",     "Chicago",      "Vancouver",     "Melbourne"};
  return names;
}

std::string full_name(const Customer& c) {
  std::string name(first_names()[c.first_name]);
  name += ' ';
  name += last_names()[c.last_name];
  return name;
}

std::string phone_number(const Customer& c) { return std::to_string(c.phone); }

std::string email_address(const Customer& c, std::uint64_t id) {
  std::string address;
  for (std::string_view part : {first_names()[c.first_name], last_names()[c.last_name]}) {
    if (!address.empty()) address += '.';
    for (char ch : part) {
      if (ch >= 'A' && ch <= 'Z')
        address += static_cast<char>(ch - 'A' + 'a');
      else if (ch >= 'a' && ch <= 'z')
        address += ch;
    }
  }
  return address + std::to_string(id) + "@example.com";
}

std::string wechat_id(const Customer& c) {
  std::string digits;
  std::uint64_t v = c.wechat;
  for (int i = 0; i < 8; ++i, v /= 36) digits += "0123456789abcdefghijklmnopqrstuvwxyz"[v % 36];
  return "wxid_" + digits;
}

CustomerGraph generate_customer_graph(const CustomerGraphOptions& o) {
  if (o.customers == 0 || o.customers >= std::numeric_limits<std::uint32_t>::max()) {
    throw std::invalid_argument("the number of customers must be within 1..4294967294, not " +
                                std::to_string(o.customers));
  }
  if (!(o.knows_exponent > 1.0)) throw std::invalid_argument("the KNOWS exponent must exceed 1");
  CustomerGraph g;
  const auto n = static_cast<std::uint32_t>(o.customers);
  g.relationships.reserve(static_cast<std::size_t>(n * (o.knows_per_customer + 6)));
  make_customers(g, n, o.seed);
  make_contacts(g, o.seed);
  make_circles(g, o.seed);
  make_households(g, o.seed);
  make_knows(g, o);
  make_referrals(g, o);
  return g;
}

CustomerFiles write_customer_csv(const CustomerGraph& g, const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  CustomerFiles files{dir / "customers.csv", dir / "relationships.csv"};

  CsvWriter customers(files.customers);
  for (std::string_view h :
       {"id:ID(Customer)", "name:string", "city:string", "segment:string", "signup:date",
        "spend:float", "phone:string", "email:string", "birthday:date", "wechat:string"}) {
    customers.field(h);
  }
  customers.end_row();
  std::string name;
  for (std::size_t id = 0; id < g.customers.size(); ++id) {
    const Customer& c = g.customers[id];
    customers.field(std::uint64_t{id});
    name = full_name(c);
    customers.field(std::string_view(name));
    customers.field(cities()[c.city]);
    customers.field(segment_name(c.segment));
    customers.field(std::string_view(format_date(c.signup)));
    customers.field(c.spend, 2);
    customers.field(std::string_view(phone_number(c)));
    customers.field(std::string_view(email_address(c, id)));
    customers.field(std::string_view(format_date(c.birthday)));
    customers.field(std::string_view(wechat_id(c)));
    customers.end_row();
  }
  customers.close();

  CsvWriter relationships(files.relationships);
  for (std::string_view h :
       {":START_ID(Customer)", ":END_ID(Customer)", ":TYPE", "strength:float", "since:date"}) {
    relationships.field(h);
  }
  relationships.end_row();
  for (const CustomerRelationship& t : g.relationships) {
    relationships.field(std::uint64_t{t.src});
    relationships.field(std::uint64_t{t.dst});
    relationships.field(relationship_type_name(t.type));
    relationships.field(static_cast<double>(t.strength), 3);
    relationships.field(std::string_view(format_date(t.since)));
    relationships.end_row();
  }
  relationships.close();
  return files;
}

}  // namespace guanxi::bench
