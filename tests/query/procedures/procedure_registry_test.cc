// ProcedureRegistry: lookup, defaults, argument checks and listing.
#include "query/procedures/procedure_registry.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "query/property_reader.h"
#include "query/query_error.h"
#include "tests/query/test_graph.h"

namespace guanxi::query {
namespace {

using Rows = std::vector<std::vector<Value>>;

// A body that returns its arguments as one row.
Rows echo(ProcedureContext&, const std::vector<Value>& args) { return {args}; }

ProcedureSignature two_parameters() {
  return {"test.echo",
          {{"count", "INTEGER", std::nullopt}, {"scale", "FLOAT", Value(2.5)}},
          {{"count", "INTEGER"}, {"scale", "FLOAT"}},
          false,
          "Returns its arguments."};
}

class RegistryTest : public ::testing::Test {
 protected:
  Rows call(const std::string& name, std::vector<Value> args) {
    const ProcedureSignature* sig = registry_.find(name);
    if (!sig) throw std::runtime_error("no procedure " + name);
    auto txn = graph_->read();
    PropertyReader reader(*graph_, session_);
    ChangeSummary changes;
    ProcedureContext ctx{*graph_, txn, nullptr, reader, session_, changes, [] {}};
    return registry_.call(*sig, ctx, std::move(args));
  }

  test_support::TempGraph graph_;
  SessionOptions session_;
  ProcedureRegistry registry_;
};

TEST_F(RegistryTest, FindIsCaseInsensitive) {
  registry_.add(two_parameters(), echo);
  ASSERT_NE(registry_.find("test.echo"), nullptr);
  EXPECT_EQ(registry_.find("TEST.Echo"), registry_.find("test.echo"));
  EXPECT_EQ(registry_.find("test.echo")->name, "test.echo");
  EXPECT_EQ(registry_.find("test.ech"), nullptr);
  EXPECT_EQ(registry_.find("test.echo2"), nullptr);
  EXPECT_EQ(registry_.find(""), nullptr);
}

TEST_F(RegistryTest, SecondRegistrationReplacesTheFirst) {
  registry_.add(two_parameters(), echo);
  ProcedureSignature other = two_parameters();
  other.name = "TEST.ECHO";
  other.description = "replaced";
  other.parameters.clear();
  registry_.add(other, [](ProcedureContext&, const std::vector<Value>&) {
    return Rows{{Value(7), Value(8.0)}};
  });
  EXPECT_EQ(registry_.list().size(), 1u);
  EXPECT_EQ(registry_.find("test.echo")->description, "replaced");
  EXPECT_EQ(call("test.echo", {}), (Rows{{Value(7), Value(8.0)}}));
}

TEST_F(RegistryTest, MissingTrailingArgumentsTakeDefaults) {
  registry_.add(two_parameters(), echo);
  EXPECT_EQ(call("test.echo", {Value(3)}), (Rows{{Value(3), Value(2.5)}}));
  EXPECT_EQ(call("test.echo", {Value(3), Value(1.0)}), (Rows{{Value(3), Value(1.0)}}));
}

TEST_F(RegistryTest, ArityErrorsNameProcedureAndSignature) {
  registry_.add(two_parameters(), echo);
  for (const auto& args :
       {std::vector<Value>{}, std::vector<Value>{Value(1), Value(2.0), Value(3)}}) {
    try {
      call("test.echo", args);
      FAIL() << "accepted " << args.size() << " arguments";
    } catch (const QueryError& e) {
      EXPECT_EQ(e.code(), QueryErrorCode::kInvalidArgument);
      const std::string what = e.what();
      EXPECT_NE(what.find("`test.echo` takes 1 to 2 arguments"), std::string::npos) << what;
      EXPECT_NE(what.find("test.echo(count :: INTEGER, scale = 2.5 :: FLOAT) :: (count :: INTEGER, "
                          "scale :: FLOAT)"),
                std::string::npos)
          << what;
    }
  }
}

TEST_F(RegistryTest, ArgumentTypesAreChecked) {
  registry_.add(two_parameters(), echo);
  try {
    call("test.echo", {Value("three")});
    FAIL() << "a STRING passed for an INTEGER";
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), QueryErrorCode::kInvalidArgument);
    EXPECT_NE(std::string(e.what()).find("argument `count` must be INTEGER but was STRING"),
              std::string::npos)
        << e.what();
  }
  // An INTEGER passes for a FLOAT and arrives as one; null passes anything.
  EXPECT_EQ(call("test.echo", {Value(1), Value(4)}), (Rows{{Value(1), Value(4.0)}}));
  EXPECT_EQ(call("test.echo", {Value(), Value()}), (Rows{{Value(), Value()}}));
  EXPECT_THROW(call("test.echo", {Value(1), Value(true)}), QueryError);
}

TEST_F(RegistryTest, ListIsSortedByName) {
  registry_.add({"zeta.last", {}, {}, false, ""}, echo);
  registry_.add({"alpha.first", {}, {}, false, ""}, echo);
  registry_.add({"db.middle", {}, {}, true, ""}, echo);
  std::vector<std::string> names;
  for (const auto* sig : registry_.list()) names.push_back(sig->name);
  EXPECT_EQ(names, (std::vector<std::string>{"alpha.first", "db.middle", "zeta.last"}));
}

TEST_F(RegistryTest, SignatureText) {
  EXPECT_EQ(ProcedureRegistry::signature_text({"db.labels", {}, {{"label", "STRING"}}, false, ""}),
            "db.labels() :: (label :: STRING)");
  EXPECT_EQ(
      ProcedureRegistry::signature_text(
          {"x.y", {{"config", "MAP", Value::map({})}, {"n", "", std::nullopt}}, {}, false, ""}),
      "x.y(config = {} :: MAP, n :: ANY) :: ()");
}

TEST_F(RegistryTest, CallSetsTheRegistryInTheContext) {
  const ProcedureRegistry* seen = nullptr;
  registry_.add({"test.peek", {}, {}, false, ""},
                [&](ProcedureContext& ctx, const std::vector<Value>&) {
                  seen = ctx.registry;
                  return Rows{};
                });
  call("test.peek", {});
  EXPECT_EQ(seen, &registry_);
}

TEST(RegistryInstall, RunsOnFirstUseBeforeAnythingElse) {
  ProcedureRegistry registry;
  int runs = 0;
  registry.install_on_first_use([&runs](ProcedureRegistry& r) {
    ++runs;
    r.add(two_parameters(), echo);
  });
  EXPECT_EQ(runs, 0);
  // A procedure of the application may not take a built-in's name, even as
  // the registry's first use.
  EXPECT_FALSE(registry.add_new(two_parameters(), echo));
  EXPECT_EQ(runs, 1);
  EXPECT_NE(registry.find("test.echo"), nullptr);
  EXPECT_EQ(registry.list().size(), 1u);
  EXPECT_EQ(runs, 1);
}

TEST(RegistryInstall, ConcurrentFirstUsesWaitForTheWholeInstallation) {
  for (int round = 0; round < 20; ++round) {
    ProcedureRegistry registry;
    std::atomic<int> runs{0};
    registry.install_on_first_use([&runs](ProcedureRegistry& r) {
      ++runs;
      for (int i = 0; i < 200; ++i) {
        ProcedureSignature sig = two_parameters();
        sig.name = "test.p" + std::to_string(i);
        r.add(std::move(sig), echo);
      }
    });
    std::vector<std::thread> threads;
    threads.reserve(4);
    std::atomic<int> complete{0};
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&] {
        if (registry.find("test.p199") != nullptr && registry.list().size() == 200) ++complete;
      });
    }
    for (std::thread& t : threads) t.join();
    EXPECT_EQ(runs.load(), 1);
    EXPECT_EQ(complete.load(), 4);
  }
}

TEST(RegistryInstall, AFailedInstallationIsTriedAgain) {
  ProcedureRegistry registry;
  int runs = 0;
  registry.install_on_first_use([&runs](ProcedureRegistry& r) {
    if (++runs == 1) throw std::runtime_error("installation failed");
    r.add(two_parameters(), echo);
  });
  EXPECT_THROW(registry.find("test.echo"), std::runtime_error);
  EXPECT_NE(registry.find("test.echo"), nullptr);
  EXPECT_EQ(runs, 2);
}

}  // namespace
}  // namespace guanxi::query
