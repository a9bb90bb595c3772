// The version table: which revisions a database has applied. One row per applied revision
// (not only the heads, as Alembic keeps), so a branch applied halfway and an edited file are
// both visible:
//
//   sqlmodel_version(revision     VARCHAR(32) PRIMARY KEY,
//                    checksum     VARCHAR(64) -- SHA-256 of the migration file's bytes, hex
//                    applied_at   timestamp   -- UTC; TIMESTAMP WITH TIME ZONE on PostgreSQL,
//                                             -- ISO 8601 text on SQLite
//                    duration_ms  BIGINT)     -- how long the migration's statements took
//
// It lives in the connection's current schema (PostgreSQL) and is created on first use by the
// verbs that write; reading a database that has none is reading "base". Introspection skips it.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"
#include "migration_file.hpp"
#include "schema/dialect.hpp"

namespace sqlmodel::migrate {

inline constexpr const char* version_table_name = "sqlmodel_version";

struct AppliedRevision {
  std::string revision;
  std::string checksum;    // 64 lower-case hex digits
  std::string applied_at;  // "2026-11-24T06:50:00Z"
  std::int64_t duration_ms = 0;
};

// SHA-256 of `bytes` as 64 lower-case hex digits (OpenSSL's libcrypto).
std::string sha256_hex(std::string_view bytes);
// What the version table records for a migration: the checksum of the exact bytes read.
std::string migration_checksum(const Migration& migration);

class VersionTable {
 public:
  explicit VersionTable(db::Connection& connection) : connection_(connection) {}

  bool exists();
  // CREATE TABLE IF NOT EXISTS; the caller holds the migration lock, so two runners never race
  // to create it.
  void create_if_missing();
  // Every row, oldest first; empty when the table does not exist.
  std::vector<AppliedRevision> read();
  // Within the caller's transaction: the migration's own statements and its row commit together.
  void record(const Migration& migration, std::int64_t duration_ms);
  void remove(std::string_view revision);

 private:
  db::Connection& connection_;
};

std::set<std::string> revisions_of(const std::vector<AppliedRevision>& rows);

// The version table's statements with literal values, for `sql` (offline SQL a DBA applies by
// hand): the same table and rows `upgrade` writes, so `current` and `check` work afterwards.
// applied_at is the time the statement runs; duration_ms is 0 (nothing was timed).
std::string version_table_create_sql(schema::Dialect dialect);
std::string version_row_insert_sql(const Migration& migration, schema::Dialect dialect);
std::string version_row_delete_sql(std::string_view revision, schema::Dialect dialect);

}  // namespace sqlmodel::migrate
