// The one naming convention for constraints and indexes, shared by the plugin, the snapshot
// reader and the DDL renderers. It follows the convention SQLAlchemy documents for Alembic
// (ix_/uq_/ck_/fk_/pk_), so a SQLModel user recognises every name.
#pragma once

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

// Names longer than max_identifier_bytes keep their first bytes and end in "_" plus eight hex
// digits of a hash of the whole name: deterministic, and distinct names stay distinct.
std::string fit_identifier(std::string name);

}  // namespace sqlmodel::schema::naming
