// Every kind of migration operation rendered for PostgreSQL and run on a real server, up and
// back down, with rows in every table (see render_operations_scenarios.hpp). Each scenario
// works in a PostgreSQL schema of its own, dropped afterwards.
#include <gtest/gtest.h>

#include <unistd.h>

#include "db/connection.hpp"
#include "render_operations_scenarios.hpp"
#include "sqlmodel/dialect.hpp"
#include "support/test_databases.hpp"

namespace sqlmodel::testing {
namespace {

using schema::Dialect;
using schema::quote_identifier;

class RenderOperationsPostgres : public ::testing::TestWithParam<RenderScenario> {
 protected:
  void TearDown() override {
    if (connection_ && !schema_name_.empty())
      connection_->execute("DROP SCHEMA IF EXISTS " + quote_identifier(Dialect::postgresql, schema_name_) +
                           " CASCADE");
  }

  std::unique_ptr<db::Connection> connection_;
  std::string schema_name_;
};

TEST_P(RenderOperationsPostgres, UpgradeAndDowngradeKeepRows) {
  SQLMODEL_REQUIRE_POSTGRES(url);
  const RenderScenario& scenario = GetParam();
  connection_ = db::connect(url);
  schema_name_ = "render_" + scenario.name + "_" + std::to_string(::getpid());
  const std::string quoted = quote_identifier(Dialect::postgresql, schema_name_);
  connection_->execute("DROP SCHEMA IF EXISTS " + quoted + " CASCADE");
  connection_->execute("CREATE SCHEMA " + quoted);
  connection_->execute("SET search_path TO " + quoted);
  run_render_scenario(*connection_, scenario);
}

INSTANTIATE_TEST_SUITE_P(Scenarios, RenderOperationsPostgres, ::testing::ValuesIn(render_scenarios()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace sqlmodel::testing
