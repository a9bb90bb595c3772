// Identifiers that need quoting (reserved words, mixed case, an embedded double quote, a
// space, a single quote) survive create_all, introspection, and reading and writing rows.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "db/connection.hpp"
#include "schema/ddl.hpp"
#include "live_schema/introspect.hpp"
#include "schema/lower.hpp"
#include "schema/snapshot_json.hpp"
#include "support/every_feature_schema.hpp"
#include "support/test_databases.hpp"

namespace sqlmodel {
namespace {

using namespace schema;

std::string q(std::string_view identifier) { return quote_identifier(Dialect::sqlite, identifier); }

class SqliteQuotingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    schema = sqlmodel::testing::awkward_identifiers_schema();
    connection = db::connect("sqlite:///" + (sqlmodel::testing::scratch_directory() / "awkward.db").string());
    for (const auto& statement : render_create_all(schema, Dialect::sqlite)) connection->execute(statement);
  }

  Schema schema;
  std::unique_ptr<db::Connection> connection;
};

TEST_F(SqliteQuotingTest, IntrospectedSchemaEqualsTheDatabaseView) {
  Schema expected = database_view(lower_for_dialect(schema, Dialect::sqlite));
  normalize_expressions(expected);
  Schema actual = introspect(*connection);
  EXPECT_EQ(write_snapshot(actual), write_snapshot(expected));
  EXPECT_TRUE(actual == expected);
  // The awkward names really are in the database, byte for byte.
  const Table* mixed = actual.find_table("MixedCase");
  ASSERT_NE(mixed, nullptr);
  EXPECT_NE(mixed->find_column("we\"ird"), nullptr);
  EXPECT_NE(actual.find_table("order")->find_column("it's"), nullptr);
  EXPECT_NE(actual.find_table("order")->find_column("has space"), nullptr);
}

TEST_F(SqliteQuotingTest, RowsTravelThroughQuotedIdentifiers) {
  connection->query("INSERT INTO " + q("user") + " (" + q("MixedCase") + ", " + q("we\"ird") +
                        ") VALUES (?1, ?2)",
                    {"Ada", "quote\"d"});
  auto user_id = connection->query("SELECT " + q("id") + " FROM " + q("user")).rows.at(0).at(0);
  ASSERT_TRUE(user_id);

  const std::string insert_order = "INSERT INTO " + q("order") + " (" + q("user") + ", " +
                                   q("select") + ", " + q("has space") + ", " + q("it's") +
                                   ") VALUES (?1, ?2, ?3, ?4)";
  connection->query(insert_order, {user_id, "7", "a b", "it's"});
  auto order_id = connection->query("SELECT " + q("id") + " FROM " + q("order")).rows.at(0).at(0);
  connection->query("INSERT INTO " + q("MixedCase") + " (" + q("ID") + ", " + q("order") + ", " +
                        q("we\"ird") + ") VALUES (?1, ?2, ?3)",
                    {"1", order_id, "1"});

  auto rows = connection->query("SELECT u." + q("MixedCase") + ", u." + q("we\"ird") + ", o." +
                                q("select") + ", o." + q("has space") + ", o." + q("it's") +
                                ", m." + q("we\"ird") + " FROM " + q("user") + " AS u JOIN " +
                                q("order") + " AS o ON o." + q("user") + " = u." + q("id") +
                                " JOIN " + q("MixedCase") + " AS m ON m." + q("order") + " = o." +
                                q("id"))
                  .rows;
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], (db::Row{"Ada", "quote\"d", "7", "a b", "it's", "1"}));

  // The constraints behind the awkward names are enforced: CHECK ("select" >= 0), UNIQUE
  // ("select", "it's"), the foreign key from "order"."user".
  EXPECT_THROW(connection->query(insert_order, {user_id, "-1", "x", "y"}), DatabaseError);
  EXPECT_THROW(connection->query(insert_order, {user_id, "7", "other", "it's"}), DatabaseError);
  EXPECT_THROW(connection->query(insert_order, {"999", "8", "x", "y"}), DatabaseError);

  // ON DELETE CASCADE from "user" to "order", then SET NULL from "order" to "MixedCase".
  connection->query("DELETE FROM " + q("user") + " WHERE " + q("id") + " = ?1", {user_id});
  EXPECT_EQ(connection->query("SELECT count(*) FROM " + q("order")).rows[0][0], "0");
  EXPECT_EQ(connection->query("SELECT " + q("order") + " FROM " + q("MixedCase")).rows[0][0], std::nullopt);
}

}  // namespace
}  // namespace sqlmodel
