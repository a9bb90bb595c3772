// Identifiers that need quoting -- reserved words, mixed case, a double quote, a space, a
// single quote -- on a real PostgreSQL server: created, read back by introspection, and used
// to insert and read rows.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "postgres_test_schema.hpp"
#include "schema/naming.hpp"
#include "schema/snapshot_json.hpp"
#include "support/every_feature_schema.hpp"

namespace sqlmodel::testing {
namespace {

using namespace sqlmodel::schema;

using PostgresQuotingTest = PostgresSchemaTest;

TEST_F(PostgresQuotingTest, AwkwardIdentifiersSchemaReadsBackAsCreated) {
  Schema schema = awkward_identifiers_schema();
  create_all(schema);
  Schema expected = expected_database(schema);
  Schema actual = introspected();
  EXPECT_EQ(write_snapshot(expected), write_snapshot(actual));
  EXPECT_TRUE(expected == actual);
}

TEST_F(PostgresQuotingTest, RowsGoInAndComeOutThroughQuotedNames) {
  create_all(awkward_identifiers_schema());
  // "user"("MixedCase", "we""ird") and "order"("user", "select", "has space", "it's").
  connection().execute("INSERT INTO " + pg_quote("user") + " (" + pg_quote("MixedCase") + ", " +
                       pg_quote("we\"ird") + ") VALUES ('Ada', 'x\"y')");
  auto user = connection().query("SELECT " + pg_quote("id") + " FROM " + pg_quote("user") +
                                 " WHERE " + pg_quote("MixedCase") + " = $1",
                                 {std::string("Ada")});
  ASSERT_EQ(user.rows.size(), 1u);
  const db::Value user_id = user.rows[0][0];

  connection().query("INSERT INTO " + pg_quote("order") + " (" + pg_quote("user") + ", " +
                         pg_quote("select") + ", " + pg_quote("has space") + ", " +
                         pg_quote("it's") + ") VALUES ($1, $2, $3, $4) RETURNING " + pg_quote("id"),
                     {user_id, std::string("3"), std::string("a b"), std::nullopt});

  auto rows = connection().query(
      "SELECT u." + pg_quote("we\"ird") + ", o." + pg_quote("select") + ", o." +
      pg_quote("has space") + ", o." + pg_quote("it's") + " FROM " + pg_quote("order") +
      " AS o JOIN " + pg_quote("user") + " AS u ON u." + pg_quote("id") + " = o." + pg_quote("user"));
  ASSERT_EQ(rows.rows.size(), 1u);
  EXPECT_EQ(rows.column_names, (std::vector<std::string>{"we\"ird", "select", "has space", "it's"}));
  EXPECT_EQ(rows.rows[0], (db::Row{std::string("x\"y"), std::string("3"), std::string("a b"), std::nullopt}));

  // The CHECK on "select" is enforced, so the quoted column inside it is the right one.
  EXPECT_THROW(connection().execute("INSERT INTO " + pg_quote("order") + " (" + pg_quote("user") +
                                    ", " + pg_quote("select") + ") VALUES (" + *user_id + ", -1)"),
               DatabaseError);
}

TEST_F(PostgresQuotingTest, AwkwardEnumNameAndValuesReadBack) {
  Column mood;
  mood.name = "Current Mood";
  mood.type.kind = TypeKind::enumeration;
  mood.type.enum_name = "Mood \"Kind\"";
  Column moods = mood;
  moods.name = "past moods";
  moods.nullable = true;
  moods.type.element_kind = TypeKind::enumeration;
  moods.type.kind = TypeKind::array;

  Table table;
  table.name = "Feelings";
  Column id;
  id.name = "Id";
  id.type.kind = TypeKind::int32;
  id.autoincrement = true;
  table.columns = {id, mood, moods};
  table.primary_key = PrimaryKey{naming::primary_key("Feelings"), {"Id"}};
  Index by_mood;
  by_mood.name = naming::index("Feelings", {"Current Mood"});
  by_mood.columns = {"Current Mood"};
  by_mood.where = "\"Current Mood\" <> 'it''s fine'";
  table.indexes.push_back(by_mood);

  Schema schema;
  schema.tables = {table};
  schema.enums = {EnumType{"Mood \"Kind\"", {"it's fine", "Upper", "with space", "a,b"}, {}}};
  sort_canonically(schema);
  create_all(schema);

  Schema expected = expected_database(schema);
  Schema actual = introspected();
  EXPECT_EQ(write_snapshot(expected), write_snapshot(actual));

  connection().query("INSERT INTO " + pg_quote("Feelings") + " (" + pg_quote("Current Mood") +
                         ", " + pg_quote("past moods") + ") VALUES ($1, $2)",
                     {std::string("it's fine"), std::string("{\"a,b\",Upper}")});
  auto rows = connection().query("SELECT " + pg_quote("Current Mood") + ", " +
                                 pg_quote("past moods") + " FROM " + pg_quote("Feelings"));
  ASSERT_EQ(rows.rows.size(), 1u);
  EXPECT_EQ(rows.rows[0][0], "it's fine");
  EXPECT_EQ(rows.rows[0][1], "{\"a,b\",Upper}");
}

// The current schema itself may need quoting: introspection looks it up by name, never by
// re-parsing it as an identifier.
TEST_F(PostgresQuotingTest, CurrentSchemaWithAwkwardNameIsIntrospected) {
  const std::string awkward = naming::fit_identifier("Odd \"Schema\" " + schema_name());
  connection().execute("CREATE SCHEMA " + pg_quote(awkward));
  try {
    connection().execute("SET search_path TO " + pg_quote(awkward));
    Schema schema = awkward_identifiers_schema();
    create_all(schema);
    EXPECT_EQ(write_snapshot(expected_database(schema)), write_snapshot(introspected()));
  } catch (...) {
    connection().execute("DROP SCHEMA " + pg_quote(awkward) + " CASCADE");
    throw;
  }
  connection().execute("DROP SCHEMA " + pg_quote(awkward) + " CASCADE");
}

}  // namespace
}  // namespace sqlmodel::testing
