#include "project_config.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

namespace sqlmodel::migrate {
namespace {

std::string toml_quoted(const std::string& text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

std::string location(const std::filesystem::path& file, const toml::source_region& where) {
  return file.string() + ":" + std::to_string(where.begin.line);
}

void refuse_unknown_keys(const std::filesystem::path& file, const toml::table& table, const std::string& prefix,
                         const std::set<std::string>& known) {
  for (const auto& [key, value] : table)
    if (!known.count(std::string(key.str())))
      throw ConfigError(location(file, value.source()) + ": unknown setting " + prefix + std::string(key.str()));
}

std::optional<std::string> string_setting(const std::filesystem::path& file, const toml::table* table,
                                          const char* key, const std::string& qualified) {
  if (!table) return std::nullopt;
  const toml::node* node = table->get(key);
  if (!node) return std::nullopt;
  if (!node->is_string()) throw ConfigError(location(file, node->source()) + ": " + qualified + " must be a string");
  return node->value<std::string>();
}

// The file's own comment says relative paths are relative to it, so a relative SQLite file in
// its url is too: `sqlmodel-migrate -c app/sqlmodel.toml upgrade` run from anywhere upgrades the
// same database. URLs given with --url or the environment stay relative to the working directory,
// as typed. Anything that is not a relative sqlite file is returned unchanged (and a malformed URL
// is reported later, when it is opened).
std::string resolve_sqlite_file(const std::string& url, const std::filesystem::path& base) {
  constexpr std::string_view prefix = "sqlite:///";
  if (url.size() <= prefix.size() || url.compare(0, prefix.size(), prefix) != 0) return url;
  const std::string path = url.substr(prefix.size());
  if (path.front() == '/' || path == ":memory:" || base.empty()) return url;
  return std::string(prefix) + (base / path).lexically_normal().string();
}

}  // namespace

ProjectConfig read_project_config(const std::filesystem::path& file) {
  std::error_code error;
  if (!std::filesystem::exists(file, error))
    throw ConfigError(file.string() + ": no such file (run `sqlmodel-migrate init`, or pass --config)");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(file.string() + ": cannot open: " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return read_project_config_text(text.str(), file);
}

ProjectConfig read_project_config_text(std::string_view text, const std::filesystem::path& file) {
  toml::table document;
  try {
    document = toml::parse(text, file.string());
  } catch (const toml::parse_error& parse_error) {
    throw ConfigError(location(file, parse_error.source()) + ": " + std::string(parse_error.description()));
  }
  refuse_unknown_keys(file, document, "", {"migrations", "database"});
  const toml::table* migrations = document["migrations"].as_table();
  const toml::table* database = document["database"].as_table();
  if (document.contains("migrations") && !migrations)
    throw ConfigError(location(file, document.get("migrations")->source()) + ": [migrations] must be a table");
  if (document.contains("database") && !database)
    throw ConfigError(location(file, document.get("database")->source()) + ": [database] must be a table");
  if (migrations) refuse_unknown_keys(file, *migrations, "migrations.", {"directory", "snapshot"});
  if (database) refuse_unknown_keys(file, *database, "database.", {"url"});

  const auto base = file.parent_path();
  ProjectConfig config;
  config.file = file;
  config.migrations_directory =
      base / string_setting(file, migrations, "directory", "migrations.directory").value_or("migrations");
  auto snapshot = string_setting(file, migrations, "snapshot", "migrations.snapshot");
  if (!snapshot || snapshot->empty())
    throw ConfigError(file.string() + ": migrations.snapshot is not set (the schema snapshot the models produce)");
  config.snapshot = base / *snapshot;
  config.url = resolve_sqlite_file(string_setting(file, database, "url", "database.url").value_or(""), base);
  return config;
}

std::string project_config_text(const std::string& migrations_directory, const std::string& snapshot,
                                const std::string& url) {
  return "# sqlmodel-migrate settings. Relative paths are relative to this file.\n"
         "[migrations]\n"
         "# One JSON file per revision; commit them.\n"
         "directory = " + toml_quoted(migrations_directory) + "\n"
         "# The schema snapshot the plugin writes for your models (sqlmodel_add_models).\n"
         "snapshot = " + toml_quoted(snapshot) + "\n"
         "\n"
         "[database]\n"
         "# Overridden by --url and by $SQLMODEL_DATABASE_URL.\n"
         "url = " + toml_quoted(url) + "\n";
}

std::string effective_url(const ProjectConfig& config, const std::optional<std::string>& command_line_url) {
  if (command_line_url && !command_line_url->empty()) return *command_line_url;
  if (const char* variable = std::getenv(database_url_variable); variable && *variable) return variable;
  if (!config.url.empty()) return config.url;
  throw ConfigError("no database URL: pass --url, set " + std::string(database_url_variable) + ", or set url in " +
                    config.file.string());
}

}  // namespace sqlmodel::migrate
