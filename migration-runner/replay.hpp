// Replay: the schema a set of revisions produces, computed in memory from the files alone (no
// database), and autogenerate, which diffs that schema against the models' snapshot.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "revision_graph.hpp"
#include "schema/operations.hpp"
#include "sqlmodel/schema.hpp"

namespace sqlmodel::migrate {

// Applies the upgrade operations of `revisions` (closed under ancestors) in graph order,
// starting from an empty schema. An operation that does not fit is a MigrationFileError naming
// the file and the operation's JSON path ("/upgrade/3").
schema::Schema replay(const RevisionGraph& graph, const std::set<std::string>& revisions);
// The schema at `revision` (nullopt: base, the empty schema).
schema::Schema replay_to(const RevisionGraph& graph, const std::optional<std::string>& revision);

// Applies one migration's operations (`upgrade` or `downgrade`) to `schema`, with the same
// errors as replay.
void apply_migration(schema::Schema& schema, const Migration& migration, bool upgrade);

// What autogenerate compares: the snapshot without source locations, which move with every
// edit of a header and would otherwise make a migration per moved line. renamed_from stays:
// the diff reads it to pair old and new names (see schema/diff.hpp).
schema::Schema migration_view(schema::Schema snapshot);

// Operations that bring the schema at the head (`replayed`) to the models (`snapshot`); empty
// when the migrations are up to date with the models.
std::vector<schema::Operation> autogenerate(const schema::Schema& replayed, const schema::Schema& snapshot);

}  // namespace sqlmodel::migrate
