// Dialect lowering: what a schema becomes inside a given database. Rendering DDL works on the
// lowered schema, and introspection returns one, so `lower_for_dialect(s, d)` and
// `introspect(db)` compare equal after `database_view` when the database holds exactly s.
//
// Both: a column with the dialect's own spelling (.postgresql_type / .sqlite_type) gets the kind
// that spelling stands for, or kind custom with the spelling alone (as introspection reports a
// type it has no kind for); the other dialect's spelling is dropped. A custom type without a
// spelling for the dialect is an error. A column's server default is the dialect's own
// (.postgresql_server_default / .sqlite_server_default) when it has one, else the shared one;
// both dialect defaults are dropped.
// SQLite: enum columns become VARCHAR(longest value) plus a CHECK named ck_<table>_<col>_enum;
// arrays and jsonb become json; interval becomes datetime (SQLAlchemy's Interval: the
// duration after 1970-01-01); an autoincrement single-column integer primary key becomes int64
// (the rowid); comments and index methods are dropped (SQLite keeps neither). A table's
// sqlite_autoincrement needs that rowid key.
// PostgreSQL: nothing is lost; expressions are kept as written; an index method of "btree"
// (the default) becomes unset, as introspection reports it; sqlite_autoincrement is dropped.
#pragma once

#include "sqlmodel/dialect.hpp"
#include "sqlmodel/schema.hpp"

namespace sqlmodel::schema {

Schema lower_for_dialect(const Schema& schema, Dialect dialect);

// Only what a database can hold: drops relationships, source locations and sources, literal defaults and
// renamed_from, and sorts canonically.
Schema database_view(const Schema& schema);

// Normalises a SQL expression the way catalogs echo it back, so a server default, CHECK or
// index predicate written by a person compares equal to what the database returns:
// whitespace folded, redundant outer parentheses and PostgreSQL literal casts
// ('x'::character varying) removed, keywords outside quotes lower-cased.
std::string normalize_sql_expression(std::string_view expression);

// The table's CHECK (column IS NOT NULL), however it is spelled; nullptr when it has none. Once
// validated, it lets PostgreSQL 12+ SET NOT NULL without scanning the table.
const CheckConstraint* find_not_null_check(const Table& table, std::string_view column);

// Applies normalize_sql_expression to every server default, generation expression, CHECK
// expression and index predicate, so a lowered model and an introspected database compare with ==.
void normalize_expressions(Schema& schema);

}  // namespace sqlmodel::schema
