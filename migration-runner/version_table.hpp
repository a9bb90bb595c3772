// The version table: which revisions a database has applied. One row per applied revision
// (not only the heads, as Alembic keeps), so a branch applied halfway and an edited file are
// both visible:
//
//   sqlmodel_version(revision      VARCHAR(32) PRIMARY KEY,
//                    checksum      VARCHAR(64) -- SHA-256 of the file's canonical content, hex
//                    applied_at    timestamp   -- UTC, microseconds; TIMESTAMP WITH TIME ZONE on
//                                              -- PostgreSQL, ISO 8601 text on SQLite
//                    duration_ms   BIGINT      -- how long the migration's statements took
//                    applied_order BIGINT)     -- PostgreSQL only: 1, 2, ... in insertion order
//
// Rows are read in the order they were inserted: SQLite's rowid, PostgreSQL's applied_order
// (its heap has no order of its own). Two revisions applied within one second, a merge and
// its parents, are therefore listed as they were applied, not by revision id.
//
// The checksum is of the file's content, not its bytes (canonical_content): an editor's
// whitespace or git's line-ending conversion is not an edit. Tables written before that hold
// the SHA-256 of the bytes, which still matches an unchanged file; a runner holding the
// migration lock rewrites such rows to the content checksum (upgrade_checksums).
//
// It lives in the connection's current schema (PostgreSQL) and is created on first use by the
// verbs that write; reading a database that has none is reading "base". A table from before
// applied_order (PostgreSQL) gains the column on first write; its older rows sort first, by
// applied_at. Introspection skips the table.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"
#include "migration_file.hpp"
#include "sqlmodel/dialect.hpp"
#include "schema/naming.hpp"

namespace sqlmodel::migrate {

inline constexpr std::string_view version_table_name = schema::naming::version_table;

struct AppliedRevision {
  std::string revision;
  std::string checksum;    // 64 lower-case hex digits
  std::string applied_at;  // "2026-11-24T06:50:00.123456Z" (older rows: whole seconds)
  std::int64_t duration_ms = 0;
  // False for rows of a PostgreSQL table from before applied_order: their place among rows
  // with the same applied_at is not known.
  bool insertion_order_known = true;
};

// SHA-256 of `bytes` as 64 lower-case hex digits (OpenSSL's libcrypto).
std::string sha256_hex(std::string_view bytes);
// What the version table records for a migration: the SHA-256 of its canonical content.
std::string migration_checksum(const Migration& migration);
// What version tables recorded before content checksums: the SHA-256 of the file's bytes.
std::string file_bytes_checksum(const Migration& migration);

// How a recorded checksum relates to a migration file.
enum class ChecksumMatch {
  content,     // the content checksum: the content is the one applied
  file_bytes,  // an older row's checksum of the bytes, and the bytes are the ones applied
  differs,     // the file changed since it was applied
};
ChecksumMatch match_checksum(const Migration& migration, std::string_view recorded);

class VersionTable {
 public:
  explicit VersionTable(db::Connection& connection) : connection_(connection) {}

  bool exists();
  // CREATE TABLE IF NOT EXISTS; the caller holds the migration lock, so two runners never race
  // to create it.
  void create_if_missing();
  // Every row, in insertion order (see above); empty when the table does not exist.
  std::vector<AppliedRevision> read();
  // Within the caller's transaction: the migration's own statements and its row commit together.
  void record(const Migration& migration, std::int64_t duration_ms);
  void remove(std::string_view revision);
  // Within the caller's transaction: sets the rows of `migrations` to their content checksum.
  void upgrade_checksums(const std::vector<const Migration*>& migrations);

 private:
  struct Layout {
    bool exists = false;
    bool has_applied_order = false;  // PostgreSQL
  };
  Layout layout();

  db::Connection& connection_;
};

std::set<std::string> revisions_of(const std::vector<AppliedRevision>& rows);

// Whether the runner's bookkeeping table `name` exists (in the current schema on PostgreSQL).
bool bookkeeping_table_exists(db::Connection& connection, std::string_view name);

// The version table's statements with literal values, for `sql` (offline SQL a DBA applies by
// hand): the same table and rows `upgrade` writes, so `current` and `check` work afterwards.
// applied_at is the time the statement runs; duration_ms is 0 (nothing was timed). The table
// statements also bring a table from an older sqlmodel-migrate up to date.
std::vector<std::string> version_table_create_sql(schema::Dialect dialect);
std::string version_row_insert_sql(const Migration& migration, schema::Dialect dialect);
std::string version_row_delete_sql(std::string_view revision, schema::Dialect dialect);

}  // namespace sqlmodel::migrate
