// A server default each dialect spells its own way (.postgresql_server_default,
// .sqlite_server_default) through every stage: snapshot JSON, lowering, CREATE TABLE, diff, and
// the migration SQL of each dialect, which uses that dialect's default and nothing of the other's.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "schema/ddl.hpp"
#include "schema/diff.hpp"
#include "schema/lower.hpp"
#include "schema/render_operations.hpp"
#include "schema/snapshot_json.hpp"
#include "unit/ddl_test_helpers.hpp"

namespace sqlmodel::schema {
namespace {

using namespace sqlmodel::testing::ddl;
using Statements = std::vector<std::string>;

Column timestamp(std::string name) {
  ColumnType type = type_of(TypeKind::datetime);
  type.with_timezone = true;
  return column(std::move(name), type, true);
}

// events(id, created_at: now() on PostgreSQL, CURRENT_TIMESTAMP on SQLite;
//        origin: 'app' on both but 'pg' on PostgreSQL; region: 'eu' on PostgreSQL only).
Schema events_schema() {
  Column created_at = timestamp("created_at");
  created_at.postgresql_server_default = "now()";
  created_at.sqlite_server_default = "CURRENT_TIMESTAMP";
  Column origin = column("origin", varchar(10), false);
  origin.server_default = "'app'";
  origin.postgresql_server_default = "'pg'";
  Column region = column("region", varchar(10), true);
  region.postgresql_server_default = "'eu'";
  Schema schema;
  schema.tables.push_back(table_with_id("events", {created_at, origin, region}));
  sort_canonically(schema);
  return schema;
}

Column lowered_column(const Schema& schema, Dialect dialect, std::string_view name) {
  return *lower_for_dialect(schema, dialect).tables.at(0).find_column(name);
}

TEST(DialectServerDefault, EachDialectTakesItsOwnElseTheSharedOne) {
  const Schema schema = events_schema();
  const Column& origin = *schema.tables[0].find_column("origin");
  EXPECT_EQ(origin.server_default_on(Dialect::postgresql), "'pg'");
  EXPECT_EQ(origin.server_default_on(Dialect::sqlite), "'app'");
  const Column& region = *schema.tables[0].find_column("region");
  EXPECT_EQ(region.server_default_on(Dialect::postgresql), "'eu'");
  EXPECT_EQ(region.server_default_on(Dialect::sqlite), std::nullopt);
  EXPECT_TRUE(region.has_server_default());
  EXPECT_FALSE(region.has_server_default_on_every_dialect());
  EXPECT_TRUE(origin.has_server_default_on_every_dialect());
}

TEST(DialectServerDefault, LoweringKeepsTheDialectsDefaultAsTheServerDefault) {
  const Schema schema = events_schema();
  for (Dialect dialect : {Dialect::postgresql, Dialect::sqlite}) {
    SCOPED_TRACE(std::string(to_string(dialect)));
    const bool pg = dialect == Dialect::postgresql;
    Column created_at = lowered_column(schema, dialect, "created_at");
    EXPECT_EQ(created_at.server_default, pg ? "now()" : "CURRENT_TIMESTAMP");
    EXPECT_FALSE(created_at.postgresql_server_default || created_at.sqlite_server_default)
        << "a database holds one DEFAULT: introspection could never report the other";
    EXPECT_EQ(lowered_column(schema, dialect, "origin").server_default, pg ? "'pg'" : "'app'");
    EXPECT_EQ(lowered_column(schema, dialect, "region").server_default,
              pg ? std::optional<std::string>("'eu'") : std::nullopt);
  }
}

TEST(DialectServerDefault, CreateTableWritesEachDialectsOwnDefault) {
  const Schema schema = events_schema();
  const std::string postgres = render_create_all(schema, Dialect::postgresql).at(0);
  EXPECT_NE(postgres.find(R"("created_at" TIMESTAMP WITH TIME ZONE DEFAULT (now()))"), std::string::npos) << postgres;
  EXPECT_NE(postgres.find(R"("origin" VARCHAR(10) NOT NULL DEFAULT 'pg')"), std::string::npos) << postgres;
  EXPECT_NE(postgres.find(R"("region" VARCHAR(10) DEFAULT 'eu')"), std::string::npos) << postgres;
  EXPECT_EQ(postgres.find("CURRENT_TIMESTAMP"), std::string::npos) << postgres;

  const std::string sqlite = render_create_all(schema, Dialect::sqlite).at(0);
  EXPECT_NE(sqlite.find(R"("created_at" TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,)"), std::string::npos) << sqlite;
  EXPECT_NE(sqlite.find(R"("origin" VARCHAR(10) NOT NULL DEFAULT 'app')"), std::string::npos) << sqlite;
  EXPECT_NE(sqlite.find(R"("region" VARCHAR(10),)"), std::string::npos) << sqlite;
  EXPECT_EQ(sqlite.find("now()"), std::string::npos) << sqlite;
  EXPECT_EQ(sqlite.find("'eu'"), std::string::npos) << sqlite;
}

TEST(DialectServerDefault, SnapshotWritesThemAfterTheSharedOneAndReadsThemBack) {
  const Schema schema = events_schema();
  const Column& origin = *schema.tables[0].find_column("origin");
  EXPECT_EQ(to_json(origin).dump(),
            R"json({"name":"origin","type":"string(10)","nullable":false,"server_default":"'app'",)json"
            R"json("postgresql_server_default":"'pg'"})json");
  EXPECT_EQ(read_snapshot(write_snapshot(schema), "events.json"), schema);
}

TEST(DialectServerDefault, AGeneratedColumnTakesNoDialectDefaultEither) {
  const std::string snapshot = R"({"format": 1, "tables": [{"name": "t", "columns": [
      {"name": "id", "type": "int64", "nullable": false},
      {"name": "n", "type": "int64", "nullable": true, "generated": "id + 1", "sqlite_server_default": "0"}]}]})";
  try {
    read_snapshot(snapshot, "t.json");
    FAIL() << "read a generated column with a default";
  } catch (const SnapshotError& error) {
    EXPECT_NE(std::string(error.what()).find("cannot also have a server default"), std::string::npos) << error.what();
  }
}

// The models change only PostgreSQL's default of a column.
std::vector<Operation> postgres_default_changed() {
  const Schema before = events_schema();
  Schema after = before;
  after.tables[0].find_column("created_at")->postgresql_server_default = "statement_timestamp()";
  return diff(before, after);
}

TEST(DialectServerDefault, AChangeOfOneDialectsDefaultIsAnAlterColumn) {
  const std::vector<Operation> operations = postgres_default_changed();
  ASSERT_EQ(operations.size(), 1u);
  ASSERT_TRUE(std::holds_alternative<AlterColumn>(operations[0]));
  EXPECT_EQ(describe(operations[0]),
            "alter column events.created_at: postgresql server default now() -> statement_timestamp()");
}

TEST(DialectServerDefault, OnlyTheDialectWhoseDefaultChangedAltersTheColumn) {
  const std::vector<Operation> operations = postgres_default_changed();
  EXPECT_EQ(render_operations(operations, events_schema(), Dialect::postgresql).at(0).statements,
            (Statements{R"(ALTER TABLE "events" ALTER COLUMN "created_at" DROP DEFAULT)",
                        R"(ALTER TABLE "events" ALTER COLUMN "created_at" SET DEFAULT (statement_timestamp()))"}));
  EXPECT_TRUE(render_operations(operations, events_schema(), Dialect::sqlite).at(0).statements.empty())
      << "SQLite's default did not change";
}

TEST(DialectServerDefault, ASqliteDefaultChangeRebuildsOnSqliteOnly) {
  const Schema before = events_schema();
  Schema after = before;
  after.tables[0].find_column("origin")->server_default = "'web'";  // SQLite's; PostgreSQL keeps 'pg'
  const std::vector<Operation> operations = diff(before, after);
  ASSERT_EQ(operations.size(), 1u);
  EXPECT_TRUE(render_operations(operations, before, Dialect::postgresql).at(0).statements.empty());
  const RenderedStep sqlite = render_operations(operations, before, Dialect::sqlite).at(0);
  ASSERT_FALSE(sqlite.statements.empty());
  EXPECT_NE(sqlite.statements[0].find(R"("origin" VARCHAR(10) NOT NULL DEFAULT 'web')"), std::string::npos)
      << sqlite.statements[0];
  EXPECT_EQ(sqlite.rebuilt_tables, std::vector<std::string>{"events"});
}

// A NOT NULL column added with a default on PostgreSQL only: PostgreSQL's rows get its DEFAULT,
// SQLite's the model default.
TEST(DialectServerDefault, AddedNotNullColumnIsFilledWhereTheDialectHasNoDefault) {
  const Schema before = events_schema();
  Schema after = before;
  Column tier = column("tier", varchar(10), false);
  tier.postgresql_server_default = "'basic'";
  tier.default_value = "\"free\"";
  after.tables[0].columns.push_back(tier);
  const std::vector<Operation> operations = diff(before, after);
  ASSERT_EQ(operations.size(), 1u);
  const auto* add = std::get_if<AddColumn>(&operations[0]);
  ASSERT_TRUE(add);
  EXPECT_TRUE(add->fill_existing_rows) << "SQLite has no default to fill the rows with";

  EXPECT_EQ(render_operations(operations, before, Dialect::postgresql).at(0).statements,
            Statements{R"(ALTER TABLE "events" ADD COLUMN "tier" VARCHAR(10) NOT NULL DEFAULT 'basic')"});
  const Statements sqlite = render_operations(operations, before, Dialect::sqlite).at(0).statements;
  ASSERT_GE(sqlite.size(), 2u);
  EXPECT_EQ(sqlite[0].find("DEFAULT 'basic'"), std::string::npos) << sqlite[0];
  EXPECT_NE(sqlite[1].find(R"(SELECT "id", "created_at", "origin", "region", 'free' FROM "events")"), std::string::npos)
      << sqlite[1];

  // With a default on every dialect, nothing is filled from the model.
  tier.sqlite_server_default = "'basic'";
  after.tables[0].columns.back() = tier;
  const auto both_operations = diff(before, after);
  const auto* both = std::get_if<AddColumn>(&both_operations.at(0));
  ASSERT_TRUE(both);
  EXPECT_FALSE(both->fill_existing_rows);
}

}  // namespace
}  // namespace sqlmodel::schema
