// Where the integration tests find their databases.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace sqlmodel::testing {

// The backends a parameterised suite runs on: INSTANTIATE_TEST_SUITE_P(Backends, Suite,
// ::testing::Values(Backend::sqlite, Backend::postgres), backend_name).
enum class Backend { sqlite, postgres };
std::string backend_name(const ::testing::TestParamInfo<Backend>& info);

// The database a test on `backend` runs against: a fresh SQLite file named after the current
// test, or the PostgreSQL server of tools/with-postgres.sh, where `pg_schema` (when given) is
// dropped, created empty and put first on the search_path of every connection the URL opens,
// so the test sees only its own tables. nullopt: no PostgreSQL server (SQLMODEL_REQUIRE_DATABASE
// skips, or fails under CI).
std::optional<std::string> test_database_url(Backend backend, std::string_view pg_schema = {});

// SQLMODEL_TEST_PG_URL, exported by tools/with-postgres.sh; nullopt when unset.
std::optional<std::string> postgres_test_url();

// True when the CI environment variable is set: a test that needs PostgreSQL then fails
// instead of skipping.
bool running_in_ci();

// A fresh, empty directory for this test's SQLite files, removed at exit.
std::filesystem::path scratch_directory();

// A schema of its own in the PostgreSQL test database (named <prefix>_<random>), dropped with
// everything in it when the object goes; url() connects with it as the search_path.
class PostgresScratchSchema {
 public:
  PostgresScratchSchema(const std::string& server_url, const std::string& prefix = "scratch");
  ~PostgresScratchSchema();
  PostgresScratchSchema(const PostgresScratchSchema&) = delete;
  PostgresScratchSchema& operator=(const PostgresScratchSchema&) = delete;

  std::string url() const;
  const std::string& name() const { return name_; }

 private:
  std::string server_url_;
  std::string name_;
};

}  // namespace sqlmodel::testing

// Declares `url` as test_database_url(backend, pg_schema), or skips (fails under CI) when there
// is no PostgreSQL server. For SetUp() and tests, which return void.
#define SQLMODEL_REQUIRE_DATABASE(url, backend, pg_schema)                                \
  const auto url##_optional = ::sqlmodel::testing::test_database_url(backend, pg_schema); \
  if (!url##_optional) {                                                                 \
    if (::sqlmodel::testing::running_in_ci())                                            \
      FAIL() << "SQLMODEL_TEST_PG_URL is not set; run under tools/with-postgres.sh";     \
    GTEST_SKIP() << "SQLMODEL_TEST_PG_URL is not set; run under tools/with-postgres.sh";  \
  }                                                                                      \
  const std::string url = *url##_optional

// Declares `url` as the PostgreSQL test URL (its default schema), or skips (fails under CI).
#define SQLMODEL_REQUIRE_POSTGRES(url) \
  SQLMODEL_REQUIRE_DATABASE(url, ::sqlmodel::testing::Backend::postgres, std::string_view())
