// sqlmodel-init-db's decisions, apart from any database: what it creates in a database that
// already holds part of a schema, what it reports, and how URLs appear in messages.
#include <gtest/gtest.h>

#include "creation_plan.hpp"
#include "creation_report.hpp"
#include "db/connection.hpp"
#include "schema/naming.hpp"

namespace {

using namespace sqlmodel;
using schema::Dialect;
using tools::IfNotEmpty;

schema::Table table_named(const std::string& name, std::vector<schema::Column> columns = {}) {
  schema::Table table;
  table.name = name;
  table.columns = std::move(columns);
  return table;
}

schema::Column column(const std::string& name, schema::ColumnType type) {
  schema::Column result;
  result.name = name;
  result.type = std::move(type);
  return result;
}

// teams, and tasks whose status column is the enum taskstatus, with an index on it.
schema::Schema snapshot() {
  schema::Schema result;
  result.enums.push_back({.name = "taskstatus", .values = {"todo", "done"}, .source = {}});
  schema::ColumnType status_type;
  status_type.kind = schema::TypeKind::enumeration;
  status_type.enum_name = "taskstatus";
  schema::ColumnType id_type;
  id_type.kind = schema::TypeKind::int64;
  auto tasks = table_named("tasks", {column("id", id_type), column("status", status_type)});
  schema::Index status_index;
  status_index.name = schema::naming::index("tasks", {"status"});
  status_index.columns = {"status"};
  tasks.indexes.push_back(status_index);
  result.tables.push_back(tasks);
  result.tables.push_back(table_named("teams", {column("id", id_type)}));
  return result;
}

TEST(InitDbPlan, AnEmptyDatabaseGetsEverything) {
  const auto plan = tools::plan_creation(snapshot(), schema::Schema{}, Dialect::postgresql, IfNotEmpty::fail);
  EXPECT_EQ(plan.to_create, snapshot());
  EXPECT_TRUE(plan.existing_tables.empty());
  EXPECT_TRUE(plan.existing_enums.empty());
}

TEST(InitDbPlan, FailListsEveryTableAndEnumEvenOnesTheSnapshotDoesNotName) {
  schema::Schema existing;
  existing.tables.push_back(table_named("legacy"));
  existing.tables.push_back(table_named("teams"));
  existing.enums.push_back({.name = "mood", .values = {"ok"}, .source = {}});
  try {
    tools::plan_creation(snapshot(), existing, Dialect::postgresql, IfNotEmpty::fail);
    FAIL() << "a non-empty database was accepted";
  } catch (const tools::DatabaseNotEmpty& refusal) {
    EXPECT_EQ(refusal.tables(), (std::vector<std::string>{"legacy", "teams"}));
    EXPECT_EQ(refusal.enums(), (std::vector<std::string>{"mood"}));
    EXPECT_STREQ(refusal.what(),
                 "the database is not empty: it has 2 tables (legacy, teams) and 1 enum type (mood)");
  }
}

TEST(InitDbPlan, AnEnumTypeAloneMakesAPostgresDatabaseNonEmpty) {
  schema::Schema existing;
  existing.enums.push_back({.name = "taskstatus", .values = {"todo"}, .source = {}});
  EXPECT_THROW(tools::plan_creation(snapshot(), existing, Dialect::postgresql, IfNotEmpty::fail),
               tools::DatabaseNotEmpty);
}

TEST(InitDbPlan, SkipExistingCreatesOnlyMissingTablesAndEnumTypes) {
  schema::Schema existing;
  existing.tables.push_back(table_named("teams"));
  existing.enums.push_back({.name = "taskstatus", .values = {"todo", "done"}, .source = {}});
  const auto plan = tools::plan_creation(snapshot(), existing, Dialect::postgresql, IfNotEmpty::skip_existing);
  ASSERT_EQ(plan.to_create.tables.size(), 1u);
  EXPECT_EQ(plan.to_create.tables[0].name, "tasks");
  EXPECT_TRUE(plan.to_create.enums.empty()) << "CREATE TYPE for an existing type would fail";
  EXPECT_EQ(plan.existing_tables, (std::vector<std::string>{"teams"}));
  EXPECT_EQ(plan.existing_enums, (std::vector<std::string>{"taskstatus"}));
}

TEST(InitDbPlan, SkipExistingOnSqliteKeepsEnumsForTheChecksOfNewTables) {
  schema::Schema existing;
  existing.tables.push_back(table_named("teams"));
  const auto plan = tools::plan_creation(snapshot(), existing, Dialect::sqlite, IfNotEmpty::skip_existing);
  ASSERT_EQ(plan.to_create.enums.size(), 1u);
  EXPECT_EQ(plan.to_create.enums[0].name, "taskstatus");
}

TEST(InitDbReport, PostgresReportsEnumTypesFirstThenTablesThenIndexes) {
  const auto lines = tools::describe_creation(snapshot(), Dialect::postgresql);
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "created enum type taskstatus (todo, done)",
                       "created table tasks (2 columns)",
                       "created table teams (1 column)",
                       "created index ix_tasks_status on tasks (status)",
                   }));
  EXPECT_EQ(tools::summarize_creation(snapshot(), Dialect::postgresql),
            "2 tables, 1 index and 1 enum type");
}

TEST(InitDbReport, SqliteReportsTheCheckStandingInForEachEnumColumn) {
  const auto lines = tools::describe_creation(snapshot(), Dialect::sqlite);
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "created table tasks (2 columns)",
                       "created check ck_tasks_status_enum on tasks.status (enum taskstatus: todo, done)",
                       "created table teams (1 column)",
                       "created index ix_tasks_status on tasks (status)",
                   }));
  EXPECT_EQ(tools::summarize_creation(snapshot(), Dialect::sqlite), "2 tables, 1 index and 1 enum check");
}

TEST(InitDbReport, AnEmptySchemaIsNothing) {
  EXPECT_EQ(tools::summarize_creation(schema::Schema{}, Dialect::sqlite), "nothing");
}

TEST(DisplayUrl, MasksThePassword) {
  EXPECT_EQ(db::display_url("postgresql://app:s3cret@db:5432/x"), "postgresql://app:***@db:5432/x");
  EXPECT_EQ(db::display_url("postgresql://app:p@ss@db/x"), "postgresql://app:***@db/x");
  EXPECT_EQ(db::display_url("postgresql://app@db/x?password=s3cret&sslmode=require"),
            "postgresql://app@db/x?password=***&sslmode=require");
}

// The span read as the password is generous (a URL libpq would parse differently still has its
// candidate password hidden), so the same text elsewhere in the URL is hidden too.
TEST(DisplayUrl, MasksThePasswordWhereverElseItAppears) {
  EXPECT_EQ(db::display_url("postgresql://admin:admin@db/x"), "postgresql://***:***@db/x");
  EXPECT_EQ(db::display_url("postgresql://adm%zzSecret@host/ql:Secret@db"),
            "postgresql://adm%zz***@host/ql:***@db");
  EXPECT_EQ(db::display_url("postgresql://app:s3cret@db/x?password=s3cret"),
            "postgresql://app:***@db/x?password=***");
  // A password of fewer than 4 bytes is hidden only in its place.
  EXPECT_EQ(db::display_url("postgresql://postgres:p@db/x"), "postgresql://postgres:***@db/x");
}

TEST(DisplayUrl, LeavesUrlsWithoutAPasswordAlone) {
  for (const char* url : {"postgresql://app@db:5432/x", "postgresql://db/x?sslmode=require",
                          "sqlite:///app.db", "sqlite:////var/lib/app@2.db", "sqlite:///:memory:"})
    EXPECT_EQ(db::display_url(url), url);
}

}  // namespace
