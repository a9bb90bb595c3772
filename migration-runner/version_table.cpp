#include "version_table.hpp"

#include <openssl/evp.h>

#include <array>
#include <chrono>
#include <ctime>
#include <stdexcept>

namespace sqlmodel::migrate {
namespace {

using schema::Dialect;

constexpr const char* applied_order_column = "applied_order";

std::string quoted_table(Dialect dialect) { return schema::quote_identifier(dialect, version_table_name); }

std::string create_statement(Dialect dialect) {
  const bool postgres = dialect == Dialect::postgresql;
  return "CREATE TABLE IF NOT EXISTS " + quoted_table(dialect) +
         " (\"revision\" VARCHAR(32) NOT NULL PRIMARY KEY, \"checksum\" VARCHAR(64) NOT NULL, \"applied_at\" " +
         (postgres ? "TIMESTAMP WITH TIME ZONE" : "VARCHAR(32)") + " NOT NULL, \"duration_ms\" BIGINT NOT NULL" +
         (postgres ? std::string(", \"") + applied_order_column + "\" BIGINT" : std::string()) + ")";
}

// A PostgreSQL table created before applied_order: its older rows keep NULL there.
std::string add_applied_order_statement() {
  return "ALTER TABLE " + quoted_table(Dialect::postgresql) + " ADD COLUMN IF NOT EXISTS \"" + applied_order_column +
         "\" BIGINT";
}

// The next applied_order, computed by the INSERT itself: runners hold the migration lock, and
// offline SQL runs one statement after another.
std::string next_applied_order() {
  return std::string("(SELECT COALESCE(MAX(\"") + applied_order_column + "\"), 0) + 1 FROM " +
         quoted_table(Dialect::postgresql) + ")";
}

// applied_at as the same ISO 8601 text on both dialects, to the microsecond.
std::string applied_at_column(Dialect dialect) {
  if (dialect == Dialect::postgresql)
    return "to_char(\"applied_at\" AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
  return "\"applied_at\"";
}

// Now, as applied_at holds it: "2026-11-24T06:50:00.123456Z".
std::string applied_at_now() {
  const auto now = std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto micros = (now.time_since_epoch() % std::chrono::seconds(1)).count();
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(text + length, sizeof text - length, ".%06lldZ", static_cast<long long>(micros));
  return text;
}

std::int64_t to_integer(const db::Value& value, std::string_view column) {
  if (!value) throw DatabaseError(std::string(version_table_name) + "." + std::string(column) + " is NULL");
  try {
    return std::stoll(*value);
  } catch (const std::exception&) {
    throw DatabaseError(std::string(version_table_name) + "." + std::string(column) + " holds '" + *value +
                            "', not an integer");
  }
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("OpenSSL could not compute a SHA-256 digest");
  static constexpr char hex[] = "0123456789abcdef";
  std::string text;
  text.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    text += hex[digest[i] >> 4];
    text += hex[digest[i] & 0xf];
  }
  return text;
}

std::string migration_checksum(const Migration& migration) { return sha256_hex(canonical_content(migration)); }

bool bookkeeping_table_exists(db::Connection& connection, std::string_view name) {
  if (connection.dialect() == Dialect::postgresql)
    return !connection
                .query("SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = $1",
                       {std::string(name)})
                .rows.empty();
  return !connection.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", {std::string(name)})
              .rows.empty();
}

std::string file_bytes_checksum(const Migration& migration) { return sha256_hex(migration.file_text); }

ChecksumMatch match_checksum(const Migration& migration, std::string_view recorded) {
  if (recorded == migration_checksum(migration)) return ChecksumMatch::content;
  // The two digests cannot collide: a recorded value equal to the bytes' digest was recorded
  // from these very bytes.
  if (!migration.file_text.empty() && recorded == file_bytes_checksum(migration)) return ChecksumMatch::file_bytes;
  return ChecksumMatch::differs;
}

VersionTable::Layout VersionTable::layout() {
  Layout result;
  if (connection_.dialect() == Dialect::postgresql) {
    auto rows = connection_
                    .query("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND "
                           "a.attname = $2 AND NOT a.attisdropped) FROM pg_catalog.pg_class c JOIN "
                           "pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
                           "AND c.relname = $1 AND c.relkind IN ('r', 'p')",
                           {std::string(version_table_name), std::string(applied_order_column)})
                    .rows;
    result.exists = !rows.empty();
    result.has_applied_order = result.exists && rows.front()[0].value_or("") == "t";
    return result;
  }
  result.exists = !connection_.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
                                     {std::string(version_table_name)})
                       .rows.empty();
  return result;
}

bool VersionTable::exists() { return layout().exists; }

void VersionTable::create_if_missing() {
  const Dialect dialect = connection_.dialect();
  const Layout before = layout();
  if (!before.exists) {
    connection_.execute(create_statement(dialect));
  } else if (dialect == Dialect::postgresql && !before.has_applied_order) {
    connection_.execute(add_applied_order_statement());
  }
}

std::vector<AppliedRevision> VersionTable::read() {
  const Layout table = layout();
  if (!table.exists) return {};
  const Dialect dialect = connection_.dialect();
  const bool postgres = dialect == Dialect::postgresql;
  std::string select = "SELECT \"revision\", \"checksum\", " + applied_at_column(dialect) + ", \"duration_ms\", " +
                       (postgres && table.has_applied_order ? std::string("\"") + applied_order_column + "\" IS NOT NULL"
                                                            : std::string(postgres ? "false" : "1")) +
                       " FROM " + quoted_table(dialect) + " ORDER BY ";
  if (!postgres)
    select += "rowid";
  else if (table.has_applied_order)
    select += std::string("\"") + applied_order_column + "\" NULLS FIRST, \"applied_at\", \"revision\"";
  else
    select += "\"applied_at\", \"revision\"";
  auto result = connection_.query(select);
  std::vector<AppliedRevision> rows;
  rows.reserve(result.rows.size());
  for (const auto& row : result.rows) {
    AppliedRevision applied;
    applied.revision = row[0].value_or("");
    applied.checksum = row[1].value_or("");
    // Older tables may have declared CHAR(64), which pads; the digest itself never has spaces.
    while (!applied.checksum.empty() && applied.checksum.back() == ' ') applied.checksum.pop_back();
    applied.applied_at = row[2].value_or("");
    applied.duration_ms = to_integer(row[3], "duration_ms");
    const std::string known = row[4].value_or("");
    applied.insertion_order_known = known == "t" || known == "1";
    rows.push_back(std::move(applied));
  }
  return rows;
}

void VersionTable::record(const Migration& migration, std::int64_t duration_ms) {
  const Dialect dialect = connection_.dialect();
  std::string statement = "INSERT INTO " + quoted_table(dialect) +
                          " (\"revision\", \"checksum\", \"applied_at\", \"duration_ms\"";
  if (dialect == Dialect::postgresql)
    statement += std::string(", \"") + applied_order_column + "\") VALUES ($1, $2, $3, $4, " + next_applied_order() + ")";
  else
    statement += ") VALUES (?1, ?2, ?3, ?4)";
  connection_.query(statement,
                    {migration.revision, migration_checksum(migration), applied_at_now(), std::to_string(duration_ms)});
}

void VersionTable::remove(std::string_view revision) {
  const Dialect dialect = connection_.dialect();
  const std::string placeholder = dialect == Dialect::postgresql ? "$1" : "?1";
  connection_.query("DELETE FROM " + quoted_table(dialect) + " WHERE \"revision\" = " + placeholder,
                    {std::string(revision)});
}

void VersionTable::upgrade_checksums(const std::vector<const Migration*>& migrations) {
  const Dialect dialect = connection_.dialect();
  const std::string statement = "UPDATE " + quoted_table(dialect) + " SET \"checksum\" = " +
                                (dialect == Dialect::postgresql ? "$1 WHERE \"revision\" = $2"
                                                                : "?1 WHERE \"revision\" = ?2");
  for (const Migration* migration : migrations)
    connection_.query(statement, {migration_checksum(*migration), migration->revision});
}

std::vector<std::string> version_table_create_sql(Dialect dialect) {
  if (dialect == Dialect::postgresql) return {create_statement(dialect), add_applied_order_statement()};
  return {create_statement(dialect)};
}

std::string version_row_insert_sql(const Migration& migration, Dialect dialect) {
  // The same ISO 8601 text record() writes on SQLite (to the millisecond: strftime's %f);
  // PostgreSQL's column is a timestamptz.
  const bool postgres = dialect == Dialect::postgresql;
  const std::string now = postgres ? "now()" : "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
  return "INSERT INTO " + quoted_table(dialect) + " (\"revision\", \"checksum\", \"applied_at\", \"duration_ms\"" +
         (postgres ? std::string(", \"") + applied_order_column + "\"" : std::string()) + ") VALUES (" +
         schema::quote_literal(migration.revision) + ", " + schema::quote_literal(migration_checksum(migration)) +
         ", " + now + ", 0" + (postgres ? ", " + next_applied_order() : std::string()) + ")";
}

std::string version_row_delete_sql(std::string_view revision, Dialect dialect) {
  return "DELETE FROM " + quoted_table(dialect) + " WHERE \"revision\" = " + schema::quote_literal(revision);
}

std::set<std::string> revisions_of(const std::vector<AppliedRevision>& rows) {
  std::set<std::string> revisions;
  for (const auto& row : rows) revisions.insert(row.revision);
  return revisions;
}

}  // namespace sqlmodel::migrate
