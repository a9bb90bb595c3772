// `sql [FROM:]TO`: the SQL a range of revisions runs, for review or for a DBA to apply by hand.
#pragma once

#include <optional>
#include <string>

#include "revision_graph.hpp"
#include "sqlmodel/dialect.hpp"

namespace sqlmodel::migrate {

// Upgrade SQL when `from` is an ancestor of `to`, downgrade SQL when `to` is an ancestor of
// `from` (nullopt is base). One transaction per revision, as the apply engine runs them;
// SQLite table rebuilds wrapped in PRAGMA foreign_keys OFF/ON with a foreign_key_check.
// Each revision's transaction also records it in the version table (created first when an
// upgrade range needs it) as `upgrade` would, so a database the SQL was applied to by hand
// reads as that revision; VersionTableStatements::omit leaves the schema change only.
enum class VersionTableStatements { include, omit };
std::string offline_sql(const RevisionGraph& graph, const std::optional<std::string>& from,
                        const std::optional<std::string>& to, schema::Dialect dialect,
                        VersionTableStatements version_table = VersionTableStatements::include);

}  // namespace sqlmodel::migrate
