// sqlmodel-init-db: creates every table of a schema snapshot in an empty database, the
// equivalent of SQLModel's `metadata.create_all()`. Changing an existing schema is the
// migration runner's job, so a database that already has tables is refused by default.
//
// Exit codes: 0 created (or nothing left to create), 1 refused or database error,
//             2 usage, URL or snapshot error.
#include <cstdio>
#include <exception>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "command_line.hpp"
#include "creation_plan.hpp"
#include "creation_report.hpp"
#include "db/connection.hpp"
#include "schema/ddl.hpp"
#include "live_schema/introspect.hpp"
#include "schema/snapshot_json.hpp"

namespace {

using namespace sqlmodel;

constexpr int exit_ok = 0;
constexpr int exit_refused_or_database_error = 1;
constexpr int exit_usage_error = 2;

constexpr const char* program = "sqlmodel-init-db";

struct Options {
  std::string url;
  std::string snapshot;
  std::string if_not_empty = "fail";
  bool print_sql = false;
  bool echo = false;
};

// The net under every message printed: libpq quotes parts of a URL it cannot parse, password
// included (db::connect masks its own errors; this catches the rest).
void print_error(const Options& options, const std::string& message) {
  std::cerr << program << ": error: " << db::mask_url_secrets(message, options.url) << '\n';
}

// Statements print as a script that psql or sqlite3 could run.
void print_statement(std::string_view statement) {
  while (!statement.empty() && (statement.back() == ';' || statement.back() == '\n' || statement.back() == ' '))
    statement.remove_suffix(1);
  std::cout << statement << ";\n";
}

// All of the DDL or none of it: both dialects run DDL inside a transaction.
void create_in_one_transaction(db::Connection& connection, const std::vector<std::string>& statements,
                               bool echo) {
  connection.begin();
  try {
    for (const auto& statement : statements) {
      if (echo) print_statement(statement);
      connection.execute(statement);
    }
    connection.commit();
  } catch (...) {
    try {
      connection.rollback();
    } catch (const std::exception&) {
      // The original failure is the one worth reporting; a failed rollback leaves the
      // transaction to be discarded when the connection closes.
    }
    throw;
  }
}

int run(const Options& options) {
  schema::Schema snapshot;
  db::Url url;
  try {
    snapshot = schema::read_snapshot_file(options.snapshot);
  } catch (const schema::SnapshotError& error) {
    print_error(options, error.what());
    return exit_usage_error;
  }
  try {
    url = db::parse_url(options.url);
  } catch (const std::invalid_argument& error) {
    print_error(options, error.what());
    return exit_usage_error;
  }
  if (url.dialect == schema::Dialect::sqlite && url.sqlite_path == ":memory:" && !options.print_sql) {
    print_error(options, "the database URL '" + db::display_url(options.url) +
                             "' names an in-memory SQLite database: the tables would vanish when " + program +
                             " exits; name a database file (sqlite:///app.db)");
    return exit_usage_error;
  }
  const auto shown_url = db::display_url(options.url);
  const auto if_not_empty = options.if_not_empty == "skip-existing" ? tools::IfNotEmpty::skip_existing
                                                                     : tools::IfNotEmpty::fail;

  if (options.print_sql) {
    for (const auto& statement : schema::render_create_all(snapshot, url.dialect)) print_statement(statement);
    return exit_ok;
  }

  try {
    auto connection = db::connect(options.url);
    const auto existing = schema::introspect(*connection);
    const auto plan = tools::plan_creation(snapshot, existing, url.dialect, if_not_empty);
    for (const auto& table : plan.existing_tables)
      std::cout << fmt::format("kept existing table {} (not compared with the snapshot)\n", table);
    for (const auto& enum_type : plan.existing_enums) {
      if (url.dialect == schema::Dialect::postgresql)
        std::cout << fmt::format("kept existing enum type {} (not compared with the snapshot)\n", enum_type);
    }
    if (plan.to_create.tables.empty()) {
      std::cout << fmt::format("{}: nothing to create in {}: every table of {} already exists\n",
                               program, shown_url, options.snapshot);
      return exit_ok;
    }
    create_in_one_transaction(*connection, schema::render_create_all(plan.to_create, url.dialect),
                              options.echo);
    for (const auto& line : tools::describe_creation(plan.to_create, url.dialect))
      std::cout << line << '\n';
    std::cout << fmt::format("{}: created {} in {}\n", program,
                             tools::summarize_creation(plan.to_create, url.dialect), shown_url);
    return exit_ok;
  } catch (const tools::DatabaseNotEmpty& refusal) {
    print_error(options, fmt::format("refusing to initialise {}: {}", shown_url, refusal.what()));
    std::cerr << "  use --if-not-empty skip-existing to create only the missing tables;\n"
                 "  changing existing tables is a job for migrations\n";
    return exit_refused_or_database_error;
  } catch (const DatabaseError& error) {
    // Both backends already quote the failing statement in what().
    const std::string reason = error.what();
    print_error(options, fmt::format("{}: {}", shown_url, reason));
    if (!error.statement().empty() && reason.find(error.statement()) == std::string::npos)
      std::cerr << "  statement: " << db::mask_url_secrets(error.statement(), options.url) << '\n';
    std::cerr << "  nothing was created: the transaction was rolled back\n";
    return exit_refused_or_database_error;
  } catch (const std::exception& error) {
    print_error(options, fmt::format("{}: {}", shown_url, error.what()));
    return exit_refused_or_database_error;
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Creates every table, index and enum type of a schema snapshot in an empty database\n"
      "(the equivalent of SQLModel's metadata.create_all). A database that already has tables\n"
      "is refused unless --if-not-empty says otherwise.\n",
      program};
  app.footer(
      "URLs: sqlite:///relative.db, sqlite:////absolute/path.db, postgresql://user@host:port/db\n"
      "Exit codes: 0 created (or nothing to create), 1 refused or database error,\n"
      "            2 usage, URL or snapshot error");
  app.set_version_flag("--version", cli::version_text(program, {{"schema snapshot", schema::snapshot_format, 0}}),
                       "Print the version and the snapshot format it reads, then exit");
  Options options;
  app.add_option("--url", options.url, "Database URL (see URLs below)")
      ->envname("SQLMODEL_DATABASE_URL")
      ->required();
  app.add_option("--snapshot", options.snapshot, "Schema snapshot (the plugin's .schema.json)")
      ->required();
  app.add_option("--if-not-empty", options.if_not_empty,
                 "If the database has tables: fail, or skip-existing (create the missing ones;\n"
                 "existing tables are not compared with the snapshot)")
      ->check(CLI::IsMember({"fail", "skip-existing"}))
      ->capture_default_str();
  app.add_flag("--sql", options.print_sql,
               "Print the CREATE statements in the URL's dialect; connect to nothing");
  app.add_flag("--echo", options.echo, "Print each statement as it runs");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int cli_status = app.exit(error);
    return cli_status == 0 ? exit_ok : exit_usage_error;
  }
  return run(options);
}
