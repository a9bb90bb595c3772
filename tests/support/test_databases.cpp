#include "support/test_databases.hpp"

#include <cstdlib>
#include <random>
#include <system_error>

#include "db/connection.hpp"
#include "sqlmodel/dialect.hpp"

namespace sqlmodel::testing {

std::optional<std::string> postgres_test_url() {
  const char* url = std::getenv("SQLMODEL_TEST_PG_URL");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

bool running_in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && *ci != '\0' && std::string_view(ci) != "0" && std::string_view(ci) != "false";
}

namespace {

struct ScratchDirectory {
  std::filesystem::path path;
  ScratchDirectory() {
    std::random_device random;
    path = std::filesystem::temp_directory_path() /
           ("sqlmodel-test-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path);
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

}  // namespace

std::filesystem::path scratch_directory() {
  static ScratchDirectory directory;
  std::random_device random;
  auto sub = directory.path / std::to_string(random());
  std::filesystem::create_directories(sub);
  return sub;
}

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "sqlite" : "postgres";
}

std::optional<std::string> test_database_url(Backend backend, std::string_view pg_schema) {
  if (backend == Backend::sqlite) {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string file = std::string(test->test_suite_name()) + "_" + test->name() + ".db";
    for (char& c : file)
      if (c == '/') c = '_';
    return "sqlite:///" + (scratch_directory() / file).string();
  }
  auto url = postgres_test_url();
  if (!url || pg_schema.empty()) return url;
  const std::string quoted = schema::quote_identifier(schema::Dialect::postgresql, pg_schema);
  db::connect(*url)->execute("DROP SCHEMA IF EXISTS " + quoted + " CASCADE; CREATE SCHEMA " + quoted);
  // libpq's options parameter, URL-encoded: -c search_path=<schema>.
  return *url + (url->find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + std::string(pg_schema);
}

}  // namespace sqlmodel::testing
