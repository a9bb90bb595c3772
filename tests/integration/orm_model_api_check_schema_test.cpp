// check_schema: the models' snapshot against a live database, with real drift (a missing
// table, an extra column, a changed type) on SQLite and PostgreSQL.
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/orm_model_api_fixture.hpp"
#include "schema/snapshot_json.hpp"
#include "sqlmodel/check_schema.hpp"

namespace sqlmodel::testing::orm_api {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

TEST_P(ModelApiTest, InSyncDatabaseHasNoDrift) {
  SchemaDrift drift = check_schema(db(), model_api_schema());
  EXPECT_THAT(drift.differences, IsEmpty()) << drift.report();
  EXPECT_TRUE(drift.in_sync());
  EXPECT_EQ(drift.report(), "");
}

TEST_P(ModelApiTest, SnapshotTextAndFileGiveTheSameAnswer) {
  const std::string snapshot = schema::write_snapshot(model_api_schema());
  EXPECT_TRUE(check_schema(db(), snapshot).in_sync());
  const auto path = scratch_directory() / "model_api.schema.json";
  std::ofstream(path) << snapshot;
  EXPECT_TRUE(check_schema_file(db(), path).in_sync());
  EXPECT_THROW(check_schema(db(), std::string_view("{\"format\": 99}"), "embedded snapshot"), std::exception);
}

TEST_P(ModelApiTest, MissingTableAndExtraColumnAreReported) {
  db().exec_script("DROP TABLE samples");
  db().exec_script("ALTER TABLE accounts ADD COLUMN legacy_code INTEGER");
  SchemaDrift drift = check_schema(db(), model_api_schema());
  ASSERT_FALSE(drift.in_sync());
  const std::string report = drift.report();
  EXPECT_THAT(report, HasSubstr("does not match the models' schema"));
  EXPECT_THAT(report, HasSubstr("samples"));
  EXPECT_THAT(report, HasSubstr("legacy_code"));
  EXPECT_THAT(drift.database, ::testing::Not(HasSubstr("password")));
}

TEST_P(ModelApiTest, ChangedColumnTypeIsReported) {
  if (postgres()) {
    db().exec_script("ALTER TABLE accounts ALTER COLUMN email TYPE TEXT");
  } else {
    // SQLite has no ALTER COLUMN: rebuild the table the documented way with email as TEXT.
    db().exec_script(
        "CREATE TABLE accounts_rebuilt (created_at TIMESTAMP WITH TIME ZONE NOT NULL, updated_at TIMESTAMP WITH "
        "TIME ZONE NOT NULL, deleted_at TIMESTAMP WITH TIME ZONE, id INTEGER NOT NULL, handle VARCHAR(20) NOT NULL, email TEXT "
        "NOT NULL, age INTEGER NOT NULL, rating DOUBLE, balance NUMERIC(12,2) NOT NULL, display_name VARCHAR(40), "
        "tags JSON NOT NULL, website VARCHAR, CONSTRAINT pk_accounts PRIMARY KEY (id), CONSTRAINT uq_accounts_handle UNIQUE "
        "(handle)); DROP TABLE accounts; ALTER TABLE accounts_rebuilt RENAME TO accounts;");
  }
  SchemaDrift drift = check_schema(db(), model_api_schema());
  ASSERT_THAT(drift.differences, SizeIs(1)) << drift.report();
  EXPECT_THAT(drift.differences[0], HasSubstr("accounts.email"));
}

TEST(ModelApiCheckSchema, InMemorySqliteIsRefusedClearly) {
  auto db = Database::open("sqlite:///:memory:");
  try {
    check_schema(db, model_api_schema());
    FAIL();
  } catch (const std::invalid_argument& error) {
    EXPECT_THAT(error.what(), HasSubstr(":memory:"));
  }
}

}  // namespace
}  // namespace sqlmodel::testing::orm_api
