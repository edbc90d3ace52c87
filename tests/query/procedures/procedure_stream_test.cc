// Procedures that stream their rows: a CALL pulls rows only as the query
// above it asks for them, so LIMIT stops a million-row procedure early, and
// each input row opens a fresh stream.
#include <memory>

#include "query/procedures/procedure_registry.h"
#include "tests/query/engine_fixture.h"

namespace guanxi::query::testing {
namespace {

// 0, 1, 2, ... up to `count` (the argument), counting the rows pulled.
class Naturals final : public ProcedureRows {
 public:
  Naturals(std::int64_t count, int* pulled) : count_(count), pulled_(pulled) {}
  bool next(std::vector<Value>& row) override {
    if (next_ >= count_) return false;
    ++*pulled_;
    row = {Value(next_++)};
    return true;
  }

 private:
  std::int64_t count_;
  int* pulled_;
  std::int64_t next_ = 0;
};

class ProcedureStreamTest : public EngineTest {
 protected:
  void SetUp() override {
    engine_.procedures().add_streaming(
        ProcedureSignature{"test.naturals",
                           {{"count", "INTEGER", Value(std::int64_t{1'000'000})}},
                           {{"n", "INTEGER"}},
                           false,
                           "0, 1, 2, ... below count, made as they are pulled."},
        [this](ProcedureContext&,
               const std::vector<Value>& args) -> std::unique_ptr<ProcedureRows> {
          ++calls_;
          return std::make_unique<Naturals>(args[0].as_int(), &pulled_);
        });
  }

  int calls_ = 0;
  int pulled_ = 0;
};

TEST_F(ProcedureStreamTest, LimitStopsTheStreamEarly) {
  EXPECT_EQ(rows("CALL test.naturals() YIELD n RETURN n LIMIT 3"),
            (std::vector<std::string>{"0", "1", "2"}));
  EXPECT_EQ(calls_, 1);
  EXPECT_LE(pulled_, 4);
}

TEST_F(ProcedureStreamTest, EveryInputRowOpensItsOwnStream) {
  EXPECT_EQ(rows("UNWIND [2, 0, 3] AS k CALL test.naturals(k) YIELD n RETURN k, n"),
            (std::vector<std::string>{"2 | 0", "2 | 1", "3 | 0", "3 | 1", "3 | 2"}));
  EXPECT_EQ(calls_, 3);
  EXPECT_EQ(pulled_, 5);
}

TEST_F(ProcedureStreamTest, AggregatesOverTheWholeStream) {
  EXPECT_EQ(value("CALL test.naturals(100000) YIELD n RETURN sum(n)"), "4999950000");
  EXPECT_EQ(pulled_, 100000);
}

// The algorithms' stream form is such a stream: the first rows come without
// building one row per node.
TEST_F(ProcedureStreamTest, AlgorithmStreamFormYieldsEveryNode) {
  run("UNWIND range(1, 50) AS i CREATE (:P {i: i})");
  run("MATCH (a:P), (b:P) WHERE b.i = a.i + 1 CREATE (a)-[:NEXT]->(b)");
  EXPECT_EQ(
      value("CALL algo.degree({}) YIELD node, score RETURN count(*) = 50 AND sum(score) = 49.0"),
      "true");
  EXPECT_EQ(value("CALL algo.degree({}) YIELD node, score WITH node, score LIMIT 1 RETURN node.i"),
            "1");
}

}  // namespace
}  // namespace guanxi::query::testing
