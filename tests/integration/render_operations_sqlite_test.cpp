// Every kind of migration operation rendered for SQLite and run on a real SQLite file, up and
// back down, with rows in every table (see render_operations_scenarios.hpp).
#include <gtest/gtest.h>

#include "db/connection.hpp"
#include "render_operations_scenarios.hpp"
#include "support/test_databases.hpp"

namespace sqlmodel::testing {
namespace {

class RenderOperationsSqlite : public ::testing::TestWithParam<RenderScenario> {};

TEST_P(RenderOperationsSqlite, UpgradeAndDowngradeKeepRows) {
  const RenderScenario& scenario = GetParam();
  const auto path = scratch_directory() / (scenario.name + ".db");
  auto connection = db::connect("sqlite:///" + path.string());
  run_render_scenario(*connection, scenario);
}

INSTANTIATE_TEST_SUITE_P(Scenarios, RenderOperationsSqlite, ::testing::ValuesIn(render_scenarios()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace sqlmodel::testing
