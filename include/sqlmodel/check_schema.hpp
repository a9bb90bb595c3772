// Schema check at start-up: does the live database hold what the models say?
//
//   auto drift = sqlmodel::check_schema_file(db, "build/app.schema.json");
//   if (!drift.in_sync()) { std::cerr << drift.report(); return 1; }
//
// What is compared: the models' schema snapshot (the <target>.schema.json the plugin writes
// at build time, or the schema::Schema read from it) against the database, introspected over
// one catalog connection opened from db.url(). Both sides go through the runtime's database
// comparison (the same one `sqlmodel-migrate check` uses): the snapshot lowered for the
// dialect and reduced to what a database holds, column order ignored. Tables of the database the snapshot does not have are drift too (the migration
// runner's own sqlmodel_version table is not reported).
//
// Why a snapshot and not the generated traits: the traits know columns and keys, not indexes,
// unique and check constraints or foreign-key actions, so a check built from them would call a
// database "in sync" that lacks an index the models declare. The snapshot is the full schema;
// a program embeds it (read the file the build wrote, or compile its text in) and passes it.
//
// Part of sqlmodel::orm.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "sqlmodel/schema.hpp"
#include "sqlmodel/database.hpp"

namespace sqlmodel {

struct SchemaDrift {
  std::string database;                  // the database's URL, password masked
  std::vector<std::string> differences;  // one readable line each; empty when in sync

  bool in_sync() const { return differences.empty(); }
  // "" when in sync; otherwise a heading naming the database and one line per difference.
  std::string report() const;
};

SchemaDrift check_schema(const Database& db, const schema::Schema& expected);
// `snapshot_json` is a snapshot's text; `origin` names it in errors about a malformed one.
SchemaDrift check_schema(const Database& db, std::string_view snapshot_json,
                         const std::string& origin = "schema snapshot");
SchemaDrift check_schema_file(const Database& db, const std::filesystem::path& snapshot);

}  // namespace sqlmodel
