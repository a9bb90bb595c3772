// A fixture that runs a model-API test on each backend (a fresh SQLite file; the PostgreSQL
// server of tools/with-postgres.sh), each test starting with the tables of model_api_schema()
// created and empty.
#pragma once

#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "orm_fixture.hpp"
#include "orm_models_api_schema.hpp"
#include "orm_models_api_traits.hpp"
#include "sqlmodel/database.hpp"
#include "sqlmodel/session.hpp"
#include "test_databases.hpp"

namespace sqlmodel::testing::orm_api {

using orm::Backend;
using orm::backend_name;

class ModelApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::postgres) {
      SQLMODEL_REQUIRE_POSTGRES(postgres_url);
      // A schema of their own, so that check_schema sees only these tables (other suites
      // share the server's public schema).
      Database::open(postgres_url).execute(
          "DROP SCHEMA IF EXISTS model_api CASCADE; CREATE SCHEMA model_api;");
      url_ = postgres_url + (postgres_url.find('?') == std::string::npos ? "?" : "&") +
             "options=-csearch_path%3Dmodel_api";
    } else {
      const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
      std::string file = std::string(test->test_suite_name()) + "_" + test->name() + ".db";
      for (char& c : file)
        if (c == '/') c = '_';
      url_ = "sqlite:///" + (scratch_directory() / file).string();
    }
    database_.emplace(Database::open(url_));
    std::string reset = "DROP TABLE IF EXISTS accounts; DROP TABLE IF EXISTS samples;";
    if (GetParam() == Backend::postgres) reset += " DROP TYPE IF EXISTS mood;";
    database_->execute(reset);
    database_->execute(model_api_create_script(database_->dialect()));
  }

  Database& db() { return *database_; }
  bool postgres() const { return GetParam() == Backend::postgres; }

  std::string url_;
  std::optional<Database> database_;
};

inline Account make_account(std::string handle) {
  Account account;
  account.email = handle + "@example.com";
  account.handle = std::move(handle);
  account.age = 30;
  account.balance = Decimal("10.50");
  return account;
}

}  // namespace sqlmodel::testing::orm_api
