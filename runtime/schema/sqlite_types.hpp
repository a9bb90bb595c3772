// The SQLite declared-type spelling of each dialect-neutral column type, in one table used
// both ways: the DDL renderer writes these names and SQLite introspection reads them back.
//
//   schema type          SQLite declared type           affinity
//   int16                SMALLINT                       INTEGER
//   int32                INTEGER                        INTEGER  (INT for a sole-column, non-
//                                                                 autoincrement primary key)
//   int64                BIGINT                         INTEGER
//   int64 autoincrement  INTEGER, sole primary key      the rowid itself
//   boolean              BOOLEAN                        NUMERIC
//   float32              REAL                           REAL
//   float64              DOUBLE                         REAL
//   string / string(n)   VARCHAR / VARCHAR(n)           TEXT
//   text                 TEXT                           TEXT
//   blob                 BLOB                           BLOB
//   date                 DATE                           NUMERIC
//   datetime             DATETIME                       NUMERIC
//   datetime_tz          TIMESTAMP WITH TIME ZONE       NUMERIC
//   uuid                 CHAR(36)                       TEXT  (36-character text)
//   uuid_hex             CHAR(32)                       TEXT  (32 hex digits, SQLAlchemy's Uuid)
//   json                 JSON                           NUMERIC
//   numeric(p,s)         NUMERIC / NUMERIC(p) / NUMERIC(p,s)  NUMERIC
//   enum, array, jsonb   (lowered first: VARCHAR(longest) + CHECK, JSON, JSON; see lower.hpp)
//   interval             (lowered first: DATETIME, as SQLAlchemy's Interval stores it)
//   custom               the sqlite spelling, verbatim
//
// Why these names: they are what SQLAlchemy emits on SQLite (so a SQLModel user recognises
// them), each maps back to exactly one schema type, and each keeps the affinity SQLAlchemy's
// spelling has. datetime_tz needs a name distinct from DATETIME; "TIMESTAMP WITH TIME ZONE" is
// the SQL-standard spelling (the one PostgreSQL uses too) and, containing none of INT, CHAR,
// CLOB, TEXT, BLOB, REAL, FLOA or DOUB, gets NUMERIC affinity exactly like DATETIME, so both
// store their ISO-8601 text the same way.
//
// The rowid: SQLite makes a column the rowid alias only when its declared type is exactly
// INTEGER and it is the table's only primary-key column. The renderer writes INTEGER there
// only for autoincrement columns; a non-autoincrement int32 sole primary key is declared INT
// (same affinity, not a rowid alias), so introspection can tell the two apart.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sqlmodel/schema.hpp"

namespace sqlmodel::schema {

// The declared type SQLite DDL uses for `type`. Throws std::invalid_argument for enum and
// array types, which lower_for_dialect() replaces before rendering.
std::string sqlite_declared_type(const ColumnType& type);

// The declared type of `column` in `table`, with the rowid rules above. Expects a lowered
// table (see lower.hpp).
std::string sqlite_declared_type(const Table& table, const Column& column);

// Reads a declared type back (case and spacing do not matter: "varchar ( 20 )" works).
// Also accepts a few common spellings of other tools (INT, DOUBLE PRECISION, DECIMAL,
// TIMESTAMP) so databases not created by sqlmodel introspect too. nullopt for anything else
// (introspection then reports a custom type with the declared spelling).
// "INTEGER" reads as int32: whether it is the rowid is for is_sqlite_rowid_alias() to say.
std::optional<ColumnType> parse_sqlite_declared_type(std::string_view declared);

// True when a column declared `declared` is the rowid alias, given whether it is the table's
// only primary-key column. Introspection reports such a column as int64 with autoincrement.
bool is_sqlite_rowid_alias(std::string_view declared, bool sole_primary_key_column);

}  // namespace sqlmodel::schema
