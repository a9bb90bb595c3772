// What the verbs that touch a database share: opening it from the URL, and the options of the
// verbs that apply migrations (--lock-timeout, --quiet).
#pragma once

#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "apply_engine.hpp"
#include "db/connection.hpp"

namespace sqlmodel::migrate::cli {

class Context;

struct DatabaseOptions {
  double lock_timeout_seconds = 60;
  bool quiet = false;
};

void add_lock_timeout_option(CLI::App& verb, DatabaseOptions& options);
// --lock-timeout and --quiet.
void add_apply_options(CLI::App& verb, DatabaseOptions& options);

// The database the URL names; a malformed URL is a ConfigError (exit 3), not a database error.
// An in-memory SQLite database (sqlite:///:memory:, or SQLAlchemy's sqlite://) is refused unless
// `in_memory` allows it: it starts empty and vanishes when the runner exits, so an upgrade of it
// reports "migrated" about nothing (`test` allows it for its scratch database).
enum class InMemory { refuse, allow };
std::unique_ptr<db::Connection> open_database(const std::string& url, InMemory in_memory = InMemory::refuse);

ApplyOptions make_apply_options(const DatabaseOptions& options, Context& context, const std::string& url);

}  // namespace sqlmodel::migrate::cli
