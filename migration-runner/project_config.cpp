#include "project_config.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "migration_file.hpp"
#include "schema/operations_json.hpp"

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

std::int64_t duration_setting(const std::filesystem::path& file, const toml::table& table, const char* key,
                              std::int64_t fallback, std::int64_t maximum) {
  const toml::node* node = table.get(key);
  if (!node) return fallback;
  std::optional<std::int64_t> milliseconds;
  if (node->is_string()) milliseconds = schema::parse_duration_ms(*node->value<std::string>());
  if (!milliseconds || *milliseconds > maximum)
    throw ConfigError(location(file, node->source()) + ": online." + key +
                      " must be a duration such as \"2s\" or \"500ms\" (units ms, s, min, h), at most " +
                      schema::format_duration_ms(maximum));
  return *milliseconds;
}

std::int64_t integer_setting(const std::filesystem::path& file, const toml::table& table, const char* key,
                             std::int64_t fallback, std::int64_t minimum, std::int64_t maximum) {
  const toml::node* node = table.get(key);
  if (!node) return fallback;
  auto value = node->value<std::int64_t>();
  if (!node->is_integer() || !value || *value < minimum || *value > maximum)
    throw ConfigError(location(file, node->source()) + ": online." + key + " must be an integer from " +
                      std::to_string(minimum) + " to " + std::to_string(maximum));
  return *value;
}

OnlineSettings read_online_settings(const std::filesystem::path& file, const toml::table& online) {
  refuse_unknown_keys(file, online, "online.",
                      {"enabled", "lock_timeout", "lock_retries", "retry_delay", "backfill_batch_size", "backfill_pause",
                       "backfill_batch_time"});
  OnlineSettings settings;
  if (const toml::node* enabled = online.get("enabled")) {
    if (!enabled->is_boolean())
      throw ConfigError(location(file, enabled->source()) + ": online.enabled must be true or false");
    settings.enabled = *enabled->value<bool>();
  }
  settings.lock_timeout_set = online.contains("lock_timeout");
  settings.lock_timeout_ms = duration_setting(file, online, "lock_timeout", settings.lock_timeout_ms, 60 * 60 * 1000);
  if (settings.lock_timeout_ms <= 0)
    throw ConfigError(location(file, online.get("lock_timeout")->source()) + ": online.lock_timeout must be more than 0");
  settings.lock_retries = static_cast<int>(
      integer_setting(file, online, "lock_retries", settings.lock_retries, 0, max_lock_retries));
  settings.retry_delay_ms = duration_setting(file, online, "retry_delay", settings.retry_delay_ms, 60 * 1000);
  settings.backfill_batch_size = static_cast<std::size_t>(integer_setting(
      file, online, "backfill_batch_size", static_cast<std::int64_t>(settings.backfill_batch_size), 1,
      static_cast<std::int64_t>(schema::Backfill::max_batch_size)));
  settings.backfill_pause_ms =
      duration_setting(file, online, "backfill_pause", settings.backfill_pause_ms, schema::Backfill::max_pause_ms);
  settings.backfill_batch_time_ms =
      duration_setting(file, online, "backfill_batch_time", settings.backfill_batch_time_ms, 60 * 1000);
  return settings;
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
  refuse_unknown_keys(file, document, "", {"migrations", "database", "online"});
  const toml::table* migrations = document["migrations"].as_table();
  const toml::table* database = document["database"].as_table();
  const toml::table* online = document["online"].as_table();
  if (document.contains("online") && !online)
    throw ConfigError(location(file, document.get("online")->source()) + ": [online] must be a table");
  if (document.contains("migrations") && !migrations)
    throw ConfigError(location(file, document.get("migrations")->source()) + ": [migrations] must be a table");
  if (document.contains("database") && !database)
    throw ConfigError(location(file, document.get("database")->source()) + ": [database] must be a table");
  if (migrations) refuse_unknown_keys(file, *migrations, "migrations.", {"directory", "snapshot", "source_root"});
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
  config.source_root = (base / string_setting(file, migrations, "source_root", "migrations.source_root").value_or("."))
                           .lexically_normal();
  // "dir/." normalises to "dir/": the messages name the directory without the separator.
  if (config.source_root.has_parent_path() && !config.source_root.has_filename())
    config.source_root = config.source_root.parent_path();
  if (config.source_root.empty()) config.source_root = ".";
  config.url = resolve_sqlite_file(string_setting(file, database, "url", "database.url").value_or(""), base);
  if (online) config.online = read_online_settings(file, *online);
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
