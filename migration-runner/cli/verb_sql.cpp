// sql: offline SQL for a range of revisions, for review or a DBA.
#include <memory>

#include "context.hpp"
#include "exit_codes.hpp"
#include "offline_sql.hpp"
#include "verb.hpp"

namespace sqlmodel::migrate::cli {
namespace {

struct SqlOptions {
  std::string range;
  std::string dialect;
  bool schema_only = false;
};

// Without --dialect, the database URL's scheme decides.
schema::Dialect dialect_for(const SqlOptions& options, Context& context) {
  if (!options.dialect.empty()) return *schema::dialect_from_string(options.dialect);
  const std::string url = context.database_url();
  if (url.starts_with("sqlite:")) return schema::Dialect::sqlite;
  if (url.starts_with("postgresql:") || url.starts_with("postgres:")) return schema::Dialect::postgresql;
  throw ConfigError("cannot tell the dialect from the URL " + url + "; pass --dialect sqlite|postgresql");
}

int run_sql(const SqlOptions& options, Context& context) {
  const auto dialect = dialect_for(options, context);
  const RevisionGraph& graph = context.graph();
  std::string from_spec = "base", to_spec = options.range;
  if (auto colon = options.range.find(':'); colon != std::string::npos) {
    from_spec = options.range.substr(0, colon);
    to_spec = options.range.substr(colon + 1);
  }
  const auto from = graph.resolve(from_spec);
  const auto to = graph.resolve(to_spec, from);
  context.out << offline_sql(graph, from, to, dialect,
                             options.schema_only ? VersionTableStatements::omit : VersionTableStatements::include);
  return exit_ok;
}

const VerbRegistrar sql_verb{{
    "sql", 40,
    "Print the SQL of a range of revisions without touching a database: [FROM:]TO, FROM "
    "defaulting to base (e.g. head, base:head, ae10:head, head:base for the downgrade)",
    [](CLI::App& verb, Context& context) -> VerbAction {
      auto options = std::make_shared<SqlOptions>();
      verb.add_option("range", options->range, "[FROM:]TO")->required();
      verb.add_option("--dialect", options->dialect, "sqlite or postgresql (default: from the database URL)")
          ->check(CLI::IsMember({"sqlite", "postgresql"}));
      verb.add_flag("--schema-only", options->schema_only,
                    "Leave out the version-table statements (by default each revision's transaction "
                    "records it in sqlmodel_version, as upgrade does)");
      return [options, &context] { return run_sql(*options, context); };
    }}};

}  // namespace
}  // namespace sqlmodel::migrate::cli
