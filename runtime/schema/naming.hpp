// The one naming convention for constraints and indexes, shared by the plugin, the snapshot
// reader and the DDL renderers. It follows the convention SQLAlchemy documents for Alembic
// (ix_/uq_/ck_/fk_/pk_), so a SQLModel user recognises every name.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sqlmodel::schema::naming {

// PostgreSQL truncates identifiers to 63 bytes (NAMEDATALEN - 1); every generated name fits.
inline constexpr std::size_t max_identifier_bytes = 63;

std::string primary_key(std::string_view table);                           // pk_<table>
std::string index(std::string_view table, const std::vector<std::string>& columns);  // ix_<table>_<c1>_<c2>
std::string unique(std::string_view table, const std::vector<std::string>& columns); // uq_<table>_<c1>_<c2>
std::string check(std::string_view table, std::string_view label);         // ck_<table>_<label>
std::string foreign_key(std::string_view table, const std::vector<std::string>& columns,
                        std::string_view referred_table);                  // fk_<table>_<c1>_<reftable>
// The CHECK that stands in for a native enum on dialects without one: ck_<table>_<column>_enum.
std::string enum_check(std::string_view table, std::string_view column);

// The trigger (and, on PostgreSQL, its function) that keeps two columns in step during an
// expand/contract change: sqlmodel_sync_<table>_<old>_<new>.
std::string sync_trigger(std::string_view table, std::string_view old_column, std::string_view new_column);
// The column that replaces <column> until the contract revision gives it the name:
// _sqlmodel_new_<column>.
std::string replacement_column(std::string_view column);

// Names longer than max_identifier_bytes keep their first bytes and end in "_" plus eight hex
// digits of a hash of the whole name: deterministic, and distinct names stay distinct.
std::string fit_identifier(std::string name);

// Why `name`, written by a person (a snapshot or migration file edited by hand), cannot be an
// identifier: longer than max_identifier_bytes (PostgreSQL cuts it, and a later name with the
// same first 63 bytes collides with it) or holding a NUL byte (cut at it). nullopt when it can.
// `what` names it: "table name".
std::optional<std::string> identifier_problem(std::string_view what, std::string_view name);

// Names the runner uses for itself: the version table, the table of where a revision that does
// not run in one transaction got to, and the temporary tables of a SQLite rebuild
// (rebuild_table_prefix + table). A table of the user's under one of them would be overwritten
// or mistaken for the runner's. Compared case-insensitively, as SQLite does.
inline constexpr std::string_view version_table = "sqlmodel_version";
inline constexpr std::string_view progress_table = "sqlmodel_version_progress";
inline constexpr std::string_view rebuild_table_prefix = "_sqlmodel_new_";
// Why `table` is reserved, or nullopt.
std::optional<std::string> reserved_table_problem(std::string_view table);

// `text` fit for an error message: a NUL or another control byte (but newline and tab) is written
// \xNN, so a message is never cut at a NUL on its way to the terminal (what() is a C string).
std::string printable(std::string_view text);

// The offset of the first byte of `text` that is not part of well-formed UTF-8 (the JSON files
// must be UTF-8), or nullopt.
std::optional<std::size_t> invalid_utf8_offset(std::string_view text);

}  // namespace sqlmodel::schema::naming
