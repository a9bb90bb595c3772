// sqlmodel.toml: where the migrations and the models' snapshot are, and the default database.
//
//   [migrations]
//   directory = "migrations"
//   snapshot = "build/models.schema.json"
//
//   [database]
//   url = "sqlite:///app.db"
//
// Relative paths are relative to the file's directory, a relative SQLite file in url too. The URL actually used is, first found:
// --url, $SQLMODEL_DATABASE_URL, the file's [database] url.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace sqlmodel::migrate {

inline constexpr const char* config_file_name = "sqlmodel.toml";
inline constexpr const char* database_url_variable = "SQLMODEL_DATABASE_URL";

// A missing, malformed or incomplete configuration; what() names the file (and line).
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ProjectConfig {
  std::filesystem::path file;
  std::filesystem::path migrations_directory;  // resolved against the file's directory
  std::filesystem::path snapshot;              // resolved against the file's directory
  std::string url;  // as written, a relative sqlite file resolved against the file's directory; may be empty
};

ProjectConfig read_project_config(const std::filesystem::path& file);

// The text `init` writes.
std::string project_config_text(const std::string& migrations_directory, const std::string& snapshot,
                                const std::string& url);

// --url, then $SQLMODEL_DATABASE_URL, then the file's; ConfigError when none is set.
std::string effective_url(const ProjectConfig& config, const std::optional<std::string>& command_line_url);

}  // namespace sqlmodel::migrate
