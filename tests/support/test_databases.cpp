#include "support/test_databases.hpp"

#include <cstdlib>
#include <random>
#include <system_error>

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

}  // namespace sqlmodel::testing
