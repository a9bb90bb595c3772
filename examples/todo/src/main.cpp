// todo-app [--url URL] [--check-schema]: a tour of the ORM on the todo models. It first checks
// that the database holds the schema the models were compiled with (the snapshot compiled into
// the program), then creates users, teams, categories, tasks and tags, reads them back with
// explicit eager loading (saying how many statements each read took), updates and deletes,
// and prints what it does at each step. --check-schema stops after the check.
//
// The database must have been migrated first (sqlmodel-migrate upgrade) and hold no users:
// tools/demo.sh starts from a fresh SQLite file each run.
//
// URL: --url, else $SQLMODEL_DATABASE_URL, else sqlite:///todo.db.
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>

#include <sqlmodel/check_schema.hpp>
#include <sqlmodel/orm.hpp>

#include "todo_tour.hpp"

namespace todo {
std::string_view schema_snapshot();  // the models' snapshot, compiled in (embed_snapshot.cmake)
}

namespace {

constexpr const char* usage =
    "usage: todo-app [--url URL] [--check-schema]\n"
    "  URL defaults to $SQLMODEL_DATABASE_URL, else sqlite:///todo.db\n";

struct Options {
  std::string url;
  bool check_only = false;
};

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument = argv[i];
    if (argument == "--url" && i + 1 < argc) {
      options.url = argv[++i];
    } else if (argument.starts_with("--url=")) {
      options.url = argument.substr(6);
    } else if (argument == "--check-schema") {
      options.check_only = true;
    } else if (argument == "--help" || argument == "-h") {
      std::cout << usage;
      std::exit(0);
    } else {
      std::cerr << "todo-app: unknown argument '" << argument << "'\n" << usage;
      std::exit(2);
    }
  }
  if (options.url.empty()) {
    const char* url = std::getenv("SQLMODEL_DATABASE_URL");
    options.url = url && *url ? url : "sqlite:///todo.db";
  }
  return options;
}

// The start-up check a service runs before taking traffic: a database that is not at the
// schema this build expects (a migration not applied, a column changed by hand) is refused.
bool schema_matches(const sqlmodel::Database& db) {
  const auto drift = sqlmodel::check_schema(db, todo::schema_snapshot(), "todo-app's compiled-in snapshot");
  if (!drift.in_sync()) {
    std::cerr << drift.report();
    std::cerr << "todo-app: the database does not hold the schema this build expects; run "
                 "`sqlmodel-migrate upgrade` (or look at what changed it)\n";
    return false;
  }
  std::cout << "schema check: " << drift.database << " holds the schema of the models todo-app was built from\n";
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  try {
    auto db = sqlmodel::Database::open(options.url);
    if (!schema_matches(db)) return 1;
    if (options.check_only) return 0;
    return todo::run_tour(db) ? 0 : 1;
  } catch (const std::exception& error) {
    std::cerr << "todo-app: " << error.what() << '\n';
    return 1;
  }
}
