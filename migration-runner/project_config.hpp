// sqlmodel.toml: where the migrations and the models' snapshot are, and the default database.
//
//   [migrations]
//   directory = "migrations"
//   snapshot = "build/models.schema.json"
//   source_root = "."        # what the snapshot's source paths are relative to
//
//   [database]
//   url = "sqlite:///app.db"
//
//   [online]                  # optional: online migrations (docs/workflow.md)
//   enabled = true            # `revision` writes online plans, as `revision --online` does
//   lock_timeout = "2s"       # PostgreSQL: how long a statement waits for a lock
//   lock_retries = 5          # then its step is rolled back and tried again, this many times
//   retry_delay = "500ms"     # the first pause before a retry, doubled each time (at most 30 s)
//   backfill_batch_size = 1000
//   backfill_pause = "10ms"   # between two batches of a backfill
//
// lock_timeout and lock_retries are written into each online revision; `upgrade` also applies
// them to revisions that do not say (a revision's own values win).
//
// Relative paths are relative to the file's directory, a relative SQLite file in url too. The URL actually used is, first found:
// --url, $SQLMODEL_DATABASE_URL, the file's [database] url.
#pragma once

#include <cstdint>
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

struct OnlineSettings {
  bool enabled = false;
  std::int64_t lock_timeout_ms = 2000;
  bool lock_timeout_set = false;  // written in the file (else upgrade sets none for revisions without one)
  int lock_retries = 5;
  std::int64_t retry_delay_ms = 500;
  std::size_t backfill_batch_size = 1000;
  std::int64_t backfill_pause_ms = 10;
  std::int64_t backfill_batch_time_ms = 50;  // ApplyOptions::backfill_batch_time
};

struct ProjectConfig {
  std::filesystem::path file;
  std::filesystem::path migrations_directory;  // resolved against the file's directory
  std::filesystem::path snapshot;              // resolved against the file's directory
  // The directory the snapshot's source paths are relative to (the plugin's source-root);
  // resolved against the file's directory, which it defaults to.
  std::filesystem::path source_root;
  std::string url;  // as written, a relative sqlite file resolved against the file's directory; may be empty
  OnlineSettings online;
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
