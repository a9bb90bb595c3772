#include "postgres_test_schema.hpp"

#include <algorithm>
#include <cctype>
#include <unistd.h>

#include "schema/ddl.hpp"
#include "sqlmodel/dialect.hpp"
#include "live_schema/introspect.hpp"
#include "schema/lower.hpp"
#include "schema/naming.hpp"
#include "support/test_databases.hpp"

namespace sqlmodel::testing {
namespace {

// "sqlmodel_<suite>_<test>_<pid>": readable in a failed run's server log, unique across the
// processes ctest runs in parallel.
std::string schema_name_for_current_test() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = "sqlmodel_" + std::string(info->test_suite_name()) + "_" + info->name();
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
    return std::isalnum(c) ? static_cast<char>(std::tolower(c)) : '_';
  });
  return schema::naming::fit_identifier(name + "_" + std::to_string(::getpid()));
}

}  // namespace

std::string pg_quote(std::string_view identifier) {
  return schema::quote_identifier(schema::Dialect::postgresql, identifier);
}

void PostgresSchemaTest::SetUp() {
  SQLMODEL_REQUIRE_POSTGRES(url);
  url_ = url;
  schema_name_ = schema_name_for_current_test();
  connection_ = std::make_unique<db::PostgresConnection>(url_);
  connection_->execute("DROP SCHEMA IF EXISTS " + pg_quote(schema_name_) + " CASCADE; CREATE SCHEMA " +
                       pg_quote(schema_name_));
  connection_->execute("SET search_path TO " + pg_quote(schema_name_));
}

void PostgresSchemaTest::TearDown() {
  if (!connection_) return;
  if (connection_->in_transaction()) connection_->rollback();
  connection_->execute("DROP SCHEMA IF EXISTS " + pg_quote(schema_name_) + " CASCADE");
}

std::unique_ptr<db::PostgresConnection> PostgresSchemaTest::connect_again() const {
  auto again = std::make_unique<db::PostgresConnection>(url_);
  again->execute("SET search_path TO " + pg_quote(schema_name_));
  return again;
}

void PostgresSchemaTest::create_all(const schema::Schema& schema) {
  connection_->begin();
  for (const auto& statement : schema::render_create_all(schema, schema::Dialect::postgresql))
    connection_->execute(statement);
  connection_->commit();
}

schema::Schema PostgresSchemaTest::expected_database(const schema::Schema& schema) {
  auto expected = schema::database_view(schema::lower_for_dialect(schema, schema::Dialect::postgresql));
  schema::normalize_expressions(expected);
  return expected;
}

schema::Schema PostgresSchemaTest::introspected() {
  auto actual = schema::introspect(*connection_);
  schema::normalize_expressions(actual);
  return actual;
}

}  // namespace sqlmodel::testing
