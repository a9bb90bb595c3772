// The todo app's tour of the ORM: create, query with eager loading, update, delete.
#pragma once

#include <sqlmodel/database.hpp>

namespace todo {

// Runs every step on `db` (migrated, with no users yet), printing what each does. Returns false
// when the database is not ready for it (the reason is printed); throws on database errors.
bool run_tour(sqlmodel::Database& db);

}  // namespace todo
