#include "offline_sql.hpp"

#include <algorithm>

#include "replay.hpp"
#include "schema/render_operations.hpp"
#include "version_table.hpp"

namespace sqlmodel::migrate {
namespace {

std::string statement_text(std::string statement) {
  while (!statement.empty() && (statement.back() == ';' || statement.back() == '\n' || statement.back() == ' '))
    statement.pop_back();
  return statement + ";\n";
}

std::string name_of(const std::optional<std::string>& revision) { return revision ? *revision : "base"; }

// One revision's statements: rendered against the schema as replayed so far, which each
// operation then updates.
std::string revision_sql(schema::Schema& schema, const Migration& migration, bool upgrade, schema::Dialect dialect,
                         VersionTableStatements version_table) {
  const auto& operations = upgrade ? migration.upgrade : migration.downgrade;
  const std::string origin = migration.path.empty() ? "revision " + migration.revision : migration.path.string();
  std::string header = "-- " + std::string(upgrade ? "Upgrade" : "Downgrade") + " " + migration.revision + ": " +
                       migration.message + "\n-- " + origin + "\n";
  const bool record = version_table == VersionTableStatements::include;
  const std::string version_row = !record ? ""
                                  : upgrade ? statement_text(version_row_insert_sql(migration, dialect))
                                            : statement_text(version_row_delete_sql(migration.revision, dialect));
  if (operations.empty()) {
    if (!record) return header + "-- (no operations)\n\n";
    return header + "-- (no operations)\nBEGIN;\n" + version_row + "COMMIT;\n\n";
  }

  std::vector<schema::RenderedStep> steps;
  for (std::size_t i = 0; i < operations.size(); ++i) {
    const std::string path = (upgrade ? "/upgrade/" : "/downgrade/") + std::to_string(i);
    try {
      steps.push_back(schema::render_operation(operations[i], schema, dialect));
      schema::apply_to_schema(schema, operations[i]);
    } catch (const MigrationFileError&) {
      throw;
    } catch (const std::exception& error) {
      throw MigrationFileError(origin, path, error.what());
    }
  }
  bool foreign_keys_off = std::any_of(steps.begin(), steps.end(), [](const auto& step) { return step.needs_foreign_keys_off; });
  std::string text = header;
  if (foreign_keys_off) text += "PRAGMA foreign_keys = OFF;\n";
  text += "BEGIN;\n";
  for (const auto& step : steps) {
    if (step.outside_transaction) text += "COMMIT;\n";
    for (const auto& statement : step.statements) text += statement_text(statement);
    if (step.outside_transaction) text += "BEGIN;\n";
  }
  if (foreign_keys_off) text += "PRAGMA foreign_key_check;\n";
  text += version_row;
  text += "COMMIT;\n";
  if (foreign_keys_off) text += "PRAGMA foreign_keys = ON;\n";
  return text + "\n";
}

}  // namespace

std::string offline_sql(const RevisionGraph& graph, const std::optional<std::string>& from,
                        const std::optional<std::string>& to, schema::Dialect dialect,
                        VersionTableStatements version_table) {
  const auto from_set = graph.ancestors(from);
  const auto to_set = graph.ancestors(to);
  const bool upgrade = std::includes(to_set.begin(), to_set.end(), from_set.begin(), from_set.end());
  const bool downgrade = std::includes(from_set.begin(), from_set.end(), to_set.begin(), to_set.end());
  if (!upgrade && !downgrade)
    throw RevisionError("neither " + name_of(from) + " nor " + name_of(to) +
                        " is an ancestor of the other; give a range along one branch");
  auto path = upgrade ? graph.upgrade_path(from_set, to) : graph.downgrade_path(from_set, to);
  schema::Schema schema = replay(graph, from_set);
  std::string text = "-- sqlmodel-migrate: " + std::string(upgrade ? "upgrade" : "downgrade") + " " + name_of(from) +
                     " -> " + name_of(to) + " (" + std::string(schema::to_string(dialect)) + ")\n\n";
  if (upgrade && !path.empty() && version_table == VersionTableStatements::include)
    text += statement_text(version_table_create_sql(dialect)) + "\n";
  for (const Migration* migration : path) text += revision_sql(schema, *migration, upgrade, dialect, version_table);
  return text;
}

}  // namespace sqlmodel::migrate
