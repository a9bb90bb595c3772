// db::Connection on a real PostgreSQL server: statements, parameters, transactions, errors.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "db/connection.hpp"
#include "postgres_test_schema.hpp"
#include "support/test_databases.hpp"

namespace sqlmodel::testing {
namespace {

using PostgresConnectionTest = PostgresSchemaTest;

std::string count_of(db::Connection& connection, const std::string& table) {
  return connection.query("SELECT count(*) FROM " + table).rows.at(0).at(0).value();
}

TEST_F(PostgresConnectionTest, ConnectOpensAPostgresConnection) {
  SQLMODEL_REQUIRE_POSTGRES(url);
  auto connection = db::connect(url);
  EXPECT_EQ(connection->dialect(), schema::Dialect::postgresql);
  EXPECT_NE(dynamic_cast<db::PostgresConnection*>(connection.get()), nullptr);
  EXPECT_EQ(connection->query("SELECT 40 + 2").rows.at(0).at(0), "42");
}

TEST_F(PostgresConnectionTest, ExecuteRunsSeveralStatements) {
  connection().execute(
      "CREATE TABLE items (id integer PRIMARY KEY, name text); "
      "INSERT INTO items VALUES (1, 'a'); INSERT INTO items VALUES (2, 'b')");
  EXPECT_EQ(count_of(connection(), "items"), "2");
}

TEST_F(PostgresConnectionTest, QueryBindsParametersIncludingNull) {
  auto result = connection().query("SELECT $1::text AS text, $2::integer AS number, $3::text IS NULL AS missing",
                                   {std::string("it's \"quoted\""), std::string("7"), std::nullopt});
  EXPECT_EQ(result.column_names, (std::vector<std::string>{"text", "number", "missing"}));
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_EQ(result.rows[0], (db::Row{std::string("it's \"quoted\""), std::string("7"), std::string("t")}));

  auto nulls = connection().query("SELECT NULL::text, ''::text");
  EXPECT_EQ(nulls.rows.at(0).at(0), std::nullopt);
  EXPECT_EQ(nulls.rows.at(0).at(1), std::string());
}

// libpq passes the statement and its parameters as C strings: a NUL would silently end them
// (where name = 'admin\0evil' comparing with 'admin'). Both are refused before anything is sent.
TEST_F(PostgresConnectionTest, ANulInAParameterOrAStatementIsRefusedNotCut) {
  using namespace std::string_literals;
  connection().execute("CREATE TABLE items (id integer PRIMARY KEY, name text); INSERT INTO items VALUES (1, 'admin')");
  try {
    connection().query("SELECT count(*) FROM items WHERE name = $1", {"admin\0evil"s});
    FAIL() << "a parameter holding a NUL byte was sent";
  } catch (const DatabaseError& error) {
    EXPECT_NE(std::string(error.what()).find("parameter 1 holds a NUL byte"), std::string::npos) << error.what();
  }
  EXPECT_THROW(connection().execute("DELETE FROM items WHERE id = 2;\0 DELETE FROM items"s), DatabaseError);
  EXPECT_EQ(count_of(connection(), "items"), "1");
}

TEST_F(PostgresConnectionTest, RollbackDiscardsAndCommitKeeps) {
  connection().execute("CREATE TABLE items (id integer PRIMARY KEY)");
  auto observer = connect_again();

  connection().begin();
  EXPECT_TRUE(connection().in_transaction());
  connection().execute("INSERT INTO items VALUES (1)");
  EXPECT_EQ(count_of(connection(), "items"), "1");
  EXPECT_EQ(count_of(*observer, "items"), "0");  // not visible before commit
  connection().rollback();
  EXPECT_FALSE(connection().in_transaction());
  EXPECT_EQ(count_of(connection(), "items"), "0");

  connection().begin();
  connection().query("INSERT INTO items VALUES ($1)", {std::string("2")});
  connection().commit();
  EXPECT_EQ(count_of(*observer, "items"), "1");
}

TEST_F(PostgresConnectionTest, DdlInATransactionRollsBack) {
  connection().begin();
  connection().execute("CREATE TABLE temporary_thing (id integer)");
  connection().rollback();
  auto tables = connection().query(
      "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()");
  EXPECT_EQ(tables.rows.at(0).at(0), "0");
}

// After a failed statement nothing runs until rollback(), as on the server itself: neither a
// plain statement nor a parameterised one may slip out and commit on its own.
TEST_F(PostgresConnectionTest, FailedStatementInTransactionNeedsRollback) {
  connection().execute("CREATE TABLE items (id integer PRIMARY KEY)");
  connection().begin();
  connection().execute("INSERT INTO items VALUES (1)");
  EXPECT_THROW(connection().execute("INSERT INTO items VALUES (1)"), DatabaseError);
  for (const char* statement : {"INSERT INTO items VALUES (2)", "INSERT INTO items VALUES ($1)"}) {
    try {
      if (std::string_view(statement).find('$') != std::string_view::npos)
        connection().query(statement, {std::string("3")});
      else
        connection().execute(statement);
      FAIL() << "an aborted transaction accepted: " << statement;
    } catch (const DatabaseError& error) {
      EXPECT_NE(std::string(error.what()).find("25P02"), std::string::npos) << error.what();
      EXPECT_EQ(error.statement(), statement);
    }
  }
  connection().rollback();
  EXPECT_FALSE(connection().in_transaction());
  EXPECT_EQ(count_of(connection(), "items"), "0");
}

TEST_F(PostgresConnectionTest, CommitAfterAFailedStatementFailsAndKeepsNothing) {
  connection().execute("CREATE TABLE items (id integer PRIMARY KEY)");
  connection().begin();
  connection().execute("INSERT INTO items VALUES (1)");
  EXPECT_THROW(connection().query("SELECT 1 / 0"), DatabaseError);
  EXPECT_THROW(connection().commit(), DatabaseError);
  EXPECT_FALSE(connection().in_transaction());
  EXPECT_EQ(count_of(connection(), "items"), "0");
  // The connection is usable again, in a new transaction too.
  connection().begin();
  connection().execute("INSERT INTO items VALUES (2)");
  connection().commit();
  EXPECT_EQ(count_of(connection(), "items"), "1");
}

TEST_F(PostgresConnectionTest, ErrorCarriesServerMessageSqlstateAndStatement) {
  connection().execute("CREATE TABLE items (id integer PRIMARY KEY)");
  const std::string statement = "INSERT INTO items VALUES (1), (1)";
  try {
    connection().execute(statement);
    FAIL() << "a duplicate key was accepted";
  } catch (const DatabaseError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("duplicate key value violates unique constraint \"items_pkey\""),
              std::string::npos) << message;
    EXPECT_NE(message.find("SQLSTATE 23505"), std::string::npos) << message;
    EXPECT_NE(message.find(statement), std::string::npos) << message;
    EXPECT_EQ(error.statement(), statement);
  }

  try {
    connection().query("SELECT no_such_column FROM items WHERE id = $1", {std::string("1")});
    FAIL() << "an unknown column was accepted";
  } catch (const DatabaseError& error) {
    EXPECT_NE(std::string(error.what()).find("SQLSTATE 42703"), std::string::npos) << error.what();
    EXPECT_EQ(error.statement(), "SELECT no_such_column FROM items WHERE id = $1");
  }
}

TEST_F(PostgresConnectionTest, TransactionMisuseIsAnError) {
  EXPECT_THROW(connection().commit(), DatabaseError);
  EXPECT_THROW(connection().rollback(), DatabaseError);
  connection().begin();
  EXPECT_THROW(connection().begin(), DatabaseError);
  connection().rollback();
}

TEST(PostgresConnectionFailureTest, UnreachableServerIsAnErrorWithoutThePassword) {
  try {
    // Port 1 on loopback: nothing listens there, and the failure is immediate.
    db::connect("postgresql://someone:s3cret-pw@127.0.0.1:1/nothing?connect_timeout=5");
    FAIL() << "connected to nothing";
  } catch (const DatabaseError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("cannot connect to PostgreSQL"), std::string::npos) << message;
    EXPECT_NE(message.find("127.0.0.1"), std::string::npos) << message;
    EXPECT_EQ(message.find("s3cret-pw"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace sqlmodel::testing
