#include "version_table.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace sqlmodel::migrate {
namespace {

using schema::Dialect;

std::string quoted_table(Dialect dialect) { return schema::quote_identifier(dialect, version_table_name); }

std::string create_statement(Dialect dialect) {
  const std::string applied_at_type =
      dialect == Dialect::postgresql ? "TIMESTAMP WITH TIME ZONE" : "VARCHAR(32)";
  return "CREATE TABLE IF NOT EXISTS " + quoted_table(dialect) +
         " (\"revision\" VARCHAR(32) NOT NULL PRIMARY KEY, \"checksum\" VARCHAR(64) NOT NULL, \"applied_at\" " +
         applied_at_type + " NOT NULL, \"duration_ms\" BIGINT NOT NULL)";
}

// applied_at as the same ISO 8601 text on both dialects.
std::string applied_at_column(Dialect dialect) {
  if (dialect == Dialect::postgresql)
    return "to_char(\"applied_at\" AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
  return "\"applied_at\"";
}

std::int64_t to_integer(const db::Value& value, std::string_view column) {
  if (!value) throw db::DatabaseError(std::string(version_table_name) + "." + std::string(column) + " is NULL");
  try {
    return std::stoll(*value);
  } catch (const std::exception&) {
    throw db::DatabaseError(std::string(version_table_name) + "." + std::string(column) + " holds '" + *value +
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

std::string migration_checksum(const Migration& migration) { return sha256_hex(migration.file_text); }

bool VersionTable::exists() {
  if (connection_.dialect() == Dialect::postgresql)
    return !connection_
                .query("SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = $1",
                       {std::string(version_table_name)})
                .rows.empty();
  return !connection_.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
                            {std::string(version_table_name)})
              .rows.empty();
}

void VersionTable::create_if_missing() { connection_.execute(create_statement(connection_.dialect())); }

std::vector<AppliedRevision> VersionTable::read() {
  if (!exists()) return {};
  const Dialect dialect = connection_.dialect();
  auto result = connection_.query("SELECT \"revision\", \"checksum\", " + applied_at_column(dialect) +
                                  ", \"duration_ms\" FROM " + quoted_table(dialect) +
                                  " ORDER BY \"applied_at\", \"revision\"");
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
    rows.push_back(std::move(applied));
  }
  return rows;
}

void VersionTable::record(const Migration& migration, std::int64_t duration_ms) {
  const Dialect dialect = connection_.dialect();
  const std::string placeholders = dialect == Dialect::postgresql ? "($1, $2, $3, $4)" : "(?1, ?2, ?3, ?4)";
  connection_.query("INSERT INTO " + quoted_table(dialect) +
                        " (\"revision\", \"checksum\", \"applied_at\", \"duration_ms\") VALUES " + placeholders,
                    {migration.revision, migration_checksum(migration), utc_timestamp_now(),
                     std::to_string(duration_ms)});
}

void VersionTable::remove(std::string_view revision) {
  const Dialect dialect = connection_.dialect();
  const std::string placeholder = dialect == Dialect::postgresql ? "$1" : "?1";
  connection_.query("DELETE FROM " + quoted_table(dialect) + " WHERE \"revision\" = " + placeholder,
                    {std::string(revision)});
}

std::string version_table_create_sql(Dialect dialect) { return create_statement(dialect); }

std::string version_row_insert_sql(const Migration& migration, Dialect dialect) {
  // The same ISO 8601 text record() writes on SQLite; PostgreSQL's column is a timestamptz.
  const std::string now = dialect == Dialect::postgresql ? "now()" : "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
  return "INSERT INTO " + quoted_table(dialect) +
         " (\"revision\", \"checksum\", \"applied_at\", \"duration_ms\") VALUES (" +
         schema::quote_literal(migration.revision) + ", " + schema::quote_literal(migration_checksum(migration)) +
         ", " + now + ", 0)";
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
