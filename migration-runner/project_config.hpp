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
#include <string_view>

#include "schema/naming.hpp"

namespace sqlmodel::migrate {

inline constexpr const char* config_file_name = "sqlmodel.toml";
inline constexpr const char* database_url_variable = "SQLMODEL_DATABASE_URL";

// A missing, malformed or incomplete configuration; what() names the file (and line).
// what() is a C string: a NUL in a path or a setting is written \x00, not the end of the message.
class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(const std::string& message) : std::runtime_error(schema::naming::printable(message)) {}
};

struct ProjectConfig {
  std::filesystem::path file;
  std::filesystem::path migrations_directory;  // resolved against the file's directory
  std::filesystem::path snapshot;              // resolved against the file's directory
  std::string url;  // as written, a relative sqlite file resolved against the file's directory; may be empty
};

ProjectConfig read_project_config(const std::filesystem::path& file);
// The same from the file's text (`file` names it in errors and anchors its relative paths).
ProjectConfig read_project_config_text(std::string_view text, const std::filesystem::path& file);

// The text `init` writes.
std::string project_config_text(const std::string& migrations_directory, const std::string& snapshot,
                                const std::string& url);

// --url, then $SQLMODEL_DATABASE_URL, then the file's; ConfigError when none is set.
std::string effective_url(const ProjectConfig& config, const std::optional<std::string>& command_line_url);

}  // namespace sqlmodel::migrate
