// Introspection: reads a live database back into the schema model, with one catalog query per
// kind of object (columns, constraints, indexes, enums), never one per table. The result is a
// lowered, database-view schema (see lower.hpp), sorted canonically.
#pragma once

#include "db/connection.hpp"
#include "sqlmodel/schema.hpp"

namespace sqlmodel::schema {

// Dispatches on the connection's dialect. Skips the runner's own bookkeeping tables
// (sqlmodel_version, sqlmodel_version_progress) and SQLite's internal ones.
Schema introspect(db::Connection& connection);

Schema introspect_sqlite(db::Connection& connection);
Schema introspect_postgres(db::Connection& connection);  // the connection's current schema

}  // namespace sqlmodel::schema
