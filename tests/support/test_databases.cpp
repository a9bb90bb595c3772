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

namespace {

// `server_url` with `schema` first on the search_path of every connection it opens: libpq's
// options parameter, URL-encoded (-c search_path=<schema>).
std::string url_with_search_path(const std::string& server_url, std::string_view schema) {
  return server_url + (server_url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         std::string(schema);
}

}  // namespace

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
  return url_with_search_path(*url, pg_schema);
}

PostgresScratchSchema::PostgresScratchSchema(const std::string& server_url, const std::string& prefix)
    : server_url_(server_url) {
  std::random_device random;
  name_ = prefix + "_" + std::to_string(random() % 1000000000);
  db::connect(server_url_)->execute("CREATE SCHEMA " + schema::quote_identifier(schema::Dialect::postgresql, name_));
}

PostgresScratchSchema::~PostgresScratchSchema() {
  try {
    db::connect(server_url_)
        ->execute("DROP SCHEMA " + schema::quote_identifier(schema::Dialect::postgresql, name_) + " CASCADE");
  } catch (...) {
  }
}

std::string PostgresScratchSchema::url() const { return url_with_search_path(server_url_, name_); }

}  // namespace sqlmodel::testing
