// sqlmodel-codegen: annotated C++ models from a live database, as sqlacodegen writes SQLAlchemy
// models and Django's inspectdb writes Django models.
//
//   sqlmodel-codegen --url postgresql://app@db/shop -o src/models.hpp --namespace shop
//
// The header compiles with the sqlmodel plugin and its snapshot equals the database, so the
// adoption path is: generate, build, `sqlmodel-migrate revision --autogenerate` (the first
// revision creates what exists), `sqlmodel-migrate stamp head` on the database, `check`
// (docs/workflow.md). What the annotations cannot say is a comment in the header and a line on
// stderr.
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "codegen/model_codegen.hpp"
#include "command_line.hpp"
#include "db/connection.hpp"
#include "live_schema/introspect.hpp"
#include "schema/replace_file.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Writes annotated C++ models (a header for the sqlmodel plugin) for the tables of a "
               "live SQLite or PostgreSQL database.",
               "sqlmodel-codegen"};
  std::string url, output, namespace_name = "models";
  std::vector<std::string> tables;
  bool no_relationships = false;
  app.add_option("url_positional", url, "The database URL (or --url)");
  app.add_option("--url", url,
                 "sqlite:///path.db or postgresql://user@host:port/db (PostgreSQL: the connection's "
                 "current schema; $SQLMODEL_DATABASE_URL when not given)");
  app.add_option("-o,--output", output, "Write the header to this file (default: stdout)");
  app.add_option("--namespace", namespace_name, "The models' namespace (default: models; \"\" for none)");
  // One value per --tables (split at commas), so a URL after it stays the URL.
  app.add_option("--tables", tables, "Only these tables (comma-separated)")->delimiter(',')->allow_extra_args(false);
  app.add_flag("--no-relationships", no_relationships, "Write no relationships");
  app.footer("Exit status: 0 written; 1 the database could not be read; 2 usage errors.");
  // It reads a database and writes C++, no versioned file format.
  app.set_version_flag("--version", sqlmodel::cli::version_text("sqlmodel-codegen", {}), "Print the version, then exit");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : 2;
  }
  if (url.empty())
    if (const char* from_environment = std::getenv("SQLMODEL_DATABASE_URL")) url = from_environment;
  if (url.empty()) {
    std::cerr << "sqlmodel-codegen: no database: give --url URL (or set SQLMODEL_DATABASE_URL)\n";
    return 2;
  }

  try {
    auto connection = sqlmodel::db::connect(url);
    std::vector<sqlmodel::schema::IntrospectionGap> gaps;
    sqlmodel::schema::Schema schema = sqlmodel::schema::introspect(*connection, &gaps);
    if (!tables.empty()) {
      for (const std::string& wanted : tables)
        if (!schema.find_table(wanted)) {
          std::cerr << "sqlmodel-codegen: the database has no table \"" << wanted << "\"\n";
          return 2;
        }
      std::erase_if(schema.tables, [&](const sqlmodel::schema::Table& table) {
        return std::find(tables.begin(), tables.end(), table.name) == tables.end();
      });
    }
    sqlmodel::codegen::CodegenOptions options;
    options.namespace_name = namespace_name;
    options.dialect = connection->dialect();
    options.source = sqlmodel::db::display_url(url);
    options.relationships = !no_relationships;
    const sqlmodel::codegen::GeneratedModels models = sqlmodel::codegen::generate_models(schema, gaps, options);
    for (const std::string& note : models.notes) std::cerr << "sqlmodel-codegen: note: " << note << "\n";
    if (output.empty()) {
      std::cout << models.header;
      return 0;
    }
    // An interrupted run leaves the old header.
    const std::string why = sqlmodel::schema::replace_file(output, models.header);
    if (!why.empty()) {
      std::cerr << "sqlmodel-codegen: cannot write " << output << ": " << why << "\n";
      return 1;
    }
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "sqlmodel-codegen: " << error.what() << "\n";
    return 1;
  }
}
