// A fixture for tests against the real PostgreSQL server of SQLMODEL_TEST_PG_URL: each test
// gets its own freshly created PostgreSQL schema, first on the connection's search_path, and
// drops it afterwards, so tests never see each other's tables and may run in parallel.
#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "db/postgres_connection.hpp"
#include "sqlmodel/schema.hpp"

namespace sqlmodel::testing {

class PostgresSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  db::PostgresConnection& connection() { return *connection_; }
  // A second connection to the same database and schema.
  std::unique_ptr<db::PostgresConnection> connect_again() const;
  const std::string& schema_name() const { return schema_name_; }

  // Runs render_create_all(schema, postgresql) in one transaction.
  void create_all(const schema::Schema& schema);

  // What the database should hold for `schema`, and what it holds: both lowered for
  // PostgreSQL, reduced to the database view and with expressions normalised, so they
  // compare with ==.
  static schema::Schema expected_database(const schema::Schema& schema);
  schema::Schema introspected();

 private:
  std::string url_;
  std::string schema_name_;
  std::unique_ptr<db::PostgresConnection> connection_;
};

// "\"name\"" for PostgreSQL.
std::string pg_quote(std::string_view identifier);

}  // namespace sqlmodel::testing
