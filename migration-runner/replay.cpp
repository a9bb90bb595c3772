#include "replay.hpp"

#include "schema/diff.hpp"
#include "schema/operations_json.hpp"

namespace sqlmodel::migrate {

void apply_migration(schema::Schema& schema, const Migration& migration, bool upgrade) {
  const auto& operations = upgrade ? migration.upgrade : migration.downgrade;
  const std::string list = upgrade ? "/upgrade/" : "/downgrade/";
  for (std::size_t i = 0; i < operations.size(); ++i) {
    try {
      schema::apply_to_schema(schema, operations[i]);
    } catch (const std::invalid_argument& error) {
      throw MigrationFileError(migration.path.empty() ? "revision " + migration.revision : migration.path.string(),
                               list + std::to_string(i), error.what());
    }
  }
}

schema::Schema replay(const RevisionGraph& graph, const std::set<std::string>& revisions) {
  schema::Schema schema;
  for (const Migration* migration : graph.in_order())
    if (revisions.count(migration->revision)) apply_migration(schema, *migration, true);
  return schema;
}

schema::Schema replay_to(const RevisionGraph& graph, const std::optional<std::string>& revision) {
  return replay(graph, graph.ancestors(revision));
}

schema::Schema migration_view(schema::Schema snapshot) {
  auto forget = [](auto& items) {
    for (auto& item : items) item.source = {};
  };
  forget(snapshot.enums);
  forget(snapshot.tables);
  for (auto& table : snapshot.tables) {
    forget(table.columns);
    forget(table.foreign_keys);
    forget(table.unique_constraints);
    forget(table.check_constraints);
    forget(table.indexes);
    forget(table.relationships);
    if (table.single_table_inheritance) forget(table.single_table_inheritance->models);
  }
  schema::sort_canonically(snapshot);
  return snapshot;
}

std::vector<schema::Operation> autogenerate(const schema::Schema& replayed, const schema::Schema& snapshot) {
  return schema::diff(replayed, migration_view(snapshot));
}

}  // namespace sqlmodel::migrate
