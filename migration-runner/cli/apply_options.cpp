#include "apply_options.hpp"

#include <cmath>

#include "context.hpp"
#include "project_config.hpp"

namespace sqlmodel::migrate::cli {

void add_lock_timeout_option(CLI::App& verb, DatabaseOptions& options) {
  verb.add_option("--lock-timeout", options.lock_timeout_seconds,
                  "Seconds to wait for another runner's migration lock before giving up (exit 5)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
}

void add_apply_options(CLI::App& verb, DatabaseOptions& options) {
  add_lock_timeout_option(verb, options);
  verb.add_flag("-q,--quiet", options.quiet, "Print nothing on success (errors still go to stderr)");
}

std::unique_ptr<db::Connection> open_database(const std::string& url, InMemory in_memory) {
  db::Url parsed;
  try {
    parsed = db::parse_url(url);
  } catch (const std::invalid_argument& error) {
    throw ConfigError(error.what());
  }
  if (in_memory == InMemory::refuse && parsed.dialect == schema::Dialect::sqlite && parsed.sqlite_path == ":memory:")
    throw ConfigError("the database URL '" + display_url(url) +
                      "' names an in-memory SQLite database: it starts empty and vanishes when sqlmodel-migrate "
                      "exits, so there is nothing to migrate; name a database file (sqlite:///app.db)");
  return db::connect(url);
}

ApplyOptions make_apply_options(const DatabaseOptions& options, Context& context, const std::string& url) {
  ApplyOptions apply;
  apply.lock.timeout = std::chrono::milliseconds(std::llround(options.lock_timeout_seconds * 1000));
  // Quiet means silent on success, like cp or git's -q: what went wrong is an exception, which
  // the caller reports on stderr.
  std::ostream* progress = options.quiet ? nullptr : &context.out;
  apply.lock.progress = progress;
  apply.lock.database_name = display_url(url);
  apply.progress = progress;
  apply.show_steps = !options.quiet;
  const OnlineSettings& online = context.config().online;
  if (online.lock_timeout_set) apply.lock_retry.lock_timeout_ms = online.lock_timeout_ms;
  apply.lock_retry.retries = online.lock_retries;
  apply.lock_retry.first_delay = std::chrono::milliseconds(online.retry_delay_ms);
  apply.backfill_batch_time = std::chrono::milliseconds(online.backfill_batch_time_ms);
  return apply;
}

}  // namespace sqlmodel::migrate::cli
