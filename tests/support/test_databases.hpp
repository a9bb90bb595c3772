// Where the integration tests find their databases.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <gtest/gtest.h>

namespace sqlmodel::testing {

// SQLMODEL_TEST_PG_URL, exported by tools/with-postgres.sh; nullopt when unset.
std::optional<std::string> postgres_test_url();

// True when the CI environment variable is set: a test that needs PostgreSQL then fails
// instead of skipping.
bool running_in_ci();

// A fresh, empty directory for this test's SQLite files, removed at exit.
std::filesystem::path scratch_directory();

}  // namespace sqlmodel::testing

// Declares `url` as the PostgreSQL test URL, or skips (fails under CI) when there is none.
#define SQLMODEL_REQUIRE_POSTGRES(url)                                                   \
  const auto url##_optional = ::sqlmodel::testing::postgres_test_url();                 \
  if (!url##_optional) {                                                                \
    if (::sqlmodel::testing::running_in_ci())                                           \
      FAIL() << "SQLMODEL_TEST_PG_URL is not set; run under tools/with-postgres.sh";    \
    GTEST_SKIP() << "SQLMODEL_TEST_PG_URL is not set; run under tools/with-postgres.sh"; \
  }                                                                                     \
  const std::string url = *url##_optional
