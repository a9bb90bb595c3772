// `sql [FROM:]TO`: the SQL a range of revisions runs, for review or for a DBA to apply by hand.
#pragma once

#include <optional>
#include <string>

#include "revision_graph.hpp"
#include "schema/dialect.hpp"

namespace sqlmodel::migrate {

// Upgrade SQL when `from` is an ancestor of `to`, downgrade SQL when `to` is an ancestor of
// `from` (nullopt is base). One transaction per revision, as the apply engine runs them;
// SQLite table rebuilds wrapped in PRAGMA foreign_keys OFF/ON with a foreign_key_check.
// The version table is not written: this is the schema change only.
std::string offline_sql(const RevisionGraph& graph, const std::optional<std::string>& from,
                        const std::optional<std::string>& to, schema::Dialect dialect);

}  // namespace sqlmodel::migrate
