// DDL rendering: create_all for a schema, in dependency order, with every identifier quoted.
#pragma once

#include <string>
#include <vector>

#include "schema/dialect.hpp"
#include "schema/schema.hpp"

namespace sqlmodel::schema {

// The column type as the dialect spells it ("VARCHAR(255)", "BIGINT", "TIMESTAMP WITH TIME
// ZONE", "\"taskstatus\""). Expects a lowered type for SQLite (see lower.hpp).
std::string render_column_type(const ColumnType& type, Dialect dialect);

// Every statement that creates `schema` in an empty database: enum types (PostgreSQL), tables
// with parents before children, then indexes; foreign keys that close a cycle are added with
// ALTER TABLE after both tables exist (PostgreSQL; SQLite checks foreign keys only on use, so
// they stay inline). Lowers the schema itself.
std::vector<std::string> render_create_all(const Schema& schema, Dialect dialect);

// Tables in creation order (referenced tables first; cycles broken deterministically by name).
std::vector<const Table*> dependency_order(const Schema& schema);

}  // namespace sqlmodel::schema
