// Every kind of migration operation rendered for SQLite and run on a real SQLite file, up and
// back down, with rows in every table (see render_operations_scenarios.hpp).
#include <gtest/gtest.h>

#include "db/connection.hpp"
#include "schema/ddl.hpp"
#include "schema/render_operations.hpp"
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

// The rebuild drops the table: a view over it must survive the rename back, and the triggers
// named by rebuilt_tables come back through the runner (execute_steps does what it does).
TEST(RenderOperationsSqliteRebuild, KeepsViewsAndTriggers) {
  const auto path = scratch_directory() / "views_and_triggers.db";
  auto connection = db::connect("sqlite:///" + path.string());
  const schema::Schema base = render_scenario_base_schema();
  for (const auto& statement : schema::render_create_all(base, schema::Dialect::sqlite))
    connection->execute(statement);
  connection->execute(R"(INSERT INTO "teams" ("id", "name") VALUES (1, 'red'))");
  connection->execute(R"(INSERT INTO "users" ("id", "email", "team_id", "mood") VALUES (1, 'ann@example.com', 1, 'calm'))");
  connection->execute(R"(CREATE VIEW "calm_users" AS SELECT "id", "email" FROM "users" WHERE "mood" = 'calm')");
  connection->execute(R"(CREATE TRIGGER "users_new_team" AFTER INSERT ON "users" BEGIN )"
                      R"(INSERT INTO "teams" ("name") VALUES ('team of ' || NEW."email"); END)");

  const auto steps = schema::render_operations({schema::AddEnumValue{"mood", "angry", 1}}, base,
                                               schema::Dialect::sqlite);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].rebuilt_tables, std::vector<std::string>{"users"});
  execute_steps(*connection, steps, "add enum value");

  auto view = connection->query(R"(SELECT "email" FROM "calm_users")");
  ASSERT_EQ(view.rows.size(), 1u);
  EXPECT_EQ(view.rows[0][0], db::Value("ann@example.com"));
  EXPECT_EQ(sqlite_triggers_of(*connection, {"users"}).size(), 1u);
  connection->execute(R"(INSERT INTO "users" ("id", "email", "mood") VALUES (2, 'bo@example.com', 'angry'))");
  auto teams = connection->query(R"(SELECT "name" FROM "teams" ORDER BY "id")");
  ASSERT_EQ(teams.rows.size(), 2u);
  EXPECT_EQ(teams.rows[1][0], db::Value("team of bo@example.com"));
}

INSTANTIATE_TEST_SUITE_P(Scenarios, RenderOperationsSqlite, ::testing::ValuesIn(render_scenarios()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace sqlmodel::testing
