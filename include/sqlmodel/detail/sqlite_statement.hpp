// The SQLite statement, visible to the header-only read code: the class is final and its reads
// are defined here, so value_codec's read_column() calls them without a virtual call and the
// compiler inlines them into the generated per-model read code. A row then costs what a
// hand-written loop costs: one sqlite3_column_* call per column, plus sqlite3_column_type only
// for a zero / null-pointer result, which is the one case where the value could be a NULL.
// The common binds are here too (bind_parameter()); the others, stepping and errors are in
// runtime/orm/sqlite_backend.cpp.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqlmodel/statement.hpp"

namespace sqlmodel::detail {

class SqliteStatement final : public Statement {
 public:
  // Prepares `sql` on `db` (persistent: the connection caches it); `table` is what integrity
  // errors name when SQLite's message does not; `uuid_without_column` is the form of a UUID
  // bound where no column says one (DatabaseOptions::sqlite_uuid).
  SqliteStatement(sqlite3* db, std::string sql, std::string table,
                  SqliteUuid uuid_without_column = SqliteUuid::text);
  ~SqliteStatement() override;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // The common binds are defined here, so that the codecs' bind_parameter() inlines them.
  void bind_null(int index) override { check_bind(sqlite3_bind_null(statement_, index + 1), index); }
  void bind_bool(int index, bool value) override {
    check_bind(sqlite3_bind_int(statement_, index + 1, value ? 1 : 0), index);
  }
  void bind_int64(int index, std::int64_t value) override {
    check_bind(sqlite3_bind_int64(statement_, index + 1, value), index);
  }
  void bind_double(int index, double value) override {
    check_bind(sqlite3_bind_double(statement_, index + 1, value), index);
  }
  void bind_text(int index, std::string_view value) override {
    check_bind(sqlite3_bind_text64(statement_, index + 1, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8),
               index);
  }
  void bind_text_copy(int index, std::string_view value) override;
  void bind_blob(int index, std::span<const std::uint8_t> value) override;
  void bind_uuid(int index, const UUID& value, std::optional<SqliteUuid> column_form) override;

  bool step() override {
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail();
  }

  // NULL reads as 0 / 0.0 / a null pointer, so the column's type is asked for only then.
  bool read_bool(int index, bool& value) override {
    std::int64_t number;
    if (!read_int64(index, number)) return false;
    value = number != 0;
    return true;
  }
  bool read_int64(int index, std::int64_t& value) override {
    const std::int64_t number = sqlite3_column_int64(statement_, index);
    if (number == 0 && is_null(index)) return false;
    value = number;
    return true;
  }
  bool read_double(int index, double& value) override {
    const double number = sqlite3_column_double(statement_, index);
    if (number == 0 && is_null(index)) return false;
    value = number;
    return true;
  }
  bool read_text(int index, std::string& value) override {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, index));
    if (!text) {
      // A TEXT value is never a null pointer; a zero-length BLOB read as text is.
      if (is_null(index)) return false;
      value.clear();
      return true;
    }
    value.assign(text, static_cast<std::size_t>(sqlite3_column_bytes(statement_, index)));
    return true;
  }
  // An optional text member is constructed from the column's text when it was empty: one
  // allocation, as a hand-written loop makes, instead of an empty string assigned to.
  void read_text(int index, std::optional<std::string>& value) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, index));
    if (!text) {
      if (is_null(index)) value.reset();
      else if (value) value->clear();
      else value.emplace();
      return;
    }
    const auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement_, index));
    if (value) value->assign(text, size);
    else value.emplace(text, size);
  }
  bool read_blob(int index, std::vector<std::uint8_t>& value) override {
    const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(statement_, index));
    if (!data) {
      if (is_null(index)) return false;
      value.clear();  // a zero-length blob
      return true;
    }
    value.assign(data, data + sqlite3_column_bytes(statement_, index));
    return true;
  }
  // Either text form, CHAR(36) or CHAR(32) (a database shared with SQLAlchemy may hold both);
  // a 16-byte BLOB is read too.
  bool read_uuid(int index, UUID& value) override;

  void reset() override { sqlite3_reset(statement_); }
  std::int64_t rows_affected() override { return read_only_ ? 0 : sqlite3_changes64(db_); }
  std::int64_t last_insert_id() override { return sqlite3_last_insert_rowid(db_); }

 private:
  bool is_null(int index) { return sqlite3_column_type(statement_, index) == SQLITE_NULL; }
  void check_bind(int rc, int index) {
    if (rc != SQLITE_OK) [[unlikely]] bind_failed(rc, index);
  }
  [[noreturn]] void bind_failed(int rc, int index);
  // Throws the error of the failed step (IntegrityError, ConnectionError, DatabaseError).
  [[noreturn]] void fail();

  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
  std::string table_;
  SqliteUuid uuid_without_column_;
  bool read_only_ = false;
};

// What the codecs call to bind a parameter: straight into the SQLite statement when it is one
// (inlined, no virtual call), through the backend's virtual bind otherwise (PostgreSQL's
// refuses a NUL in text there).
inline void bind_null_parameter(Statement& statement, int index) {
  if (SqliteStatement* sqlite = statement.as_sqlite()) return sqlite->bind_null(index);
  statement.bind_null(index);
}
inline void bind_parameter(Statement& statement, int index, bool value) {
  if (SqliteStatement* sqlite = statement.as_sqlite()) return sqlite->bind_bool(index, value);
  statement.bind_bool(index, value);
}
inline void bind_parameter(Statement& statement, int index, std::int64_t value) {
  if (SqliteStatement* sqlite = statement.as_sqlite()) return sqlite->bind_int64(index, value);
  statement.bind_int64(index, value);
}
inline void bind_parameter(Statement& statement, int index, double value) {
  if (SqliteStatement* sqlite = statement.as_sqlite()) return sqlite->bind_double(index, value);
  statement.bind_double(index, value);
}
inline void bind_parameter(Statement& statement, int index, std::string_view value) {
  if (SqliteStatement* sqlite = statement.as_sqlite()) return sqlite->bind_text(index, value);
  statement.bind_text(index, value);
}

// What the codecs call to read a column: straight into the SQLite statement when it is one
// (inlined, no virtual call), through the backend's virtual read otherwise.
inline bool read_column(Statement& statement, int index, bool& value) {
  if (SqliteStatement* sqlite = statement.as_sqlite()) return sqlite->read_bool(index, value);
  return statement.read_bool(index, value);
}
inline bool read_column(Statement& statement, int index, std::int64_t& value) {
  if (SqliteStatement* sqlite = statement.as_sqlite()) return sqlite->read_int64(index, value);
  return statement.read_int64(index, value);
}
inline bool read_column(Statement& statement, int index, double& value) {
  if (SqliteStatement* sqlite = statement.as_sqlite()) return sqlite->read_double(index, value);
  return statement.read_double(index, value);
}
inline bool read_column(Statement& statement, int index, std::string& value) {
  if (SqliteStatement* sqlite = statement.as_sqlite()) return sqlite->read_text(index, value);
  return statement.read_text(index, value);
}
inline bool read_column(Statement& statement, int index, std::vector<std::uint8_t>& value) {
  if (SqliteStatement* sqlite = statement.as_sqlite()) return sqlite->read_blob(index, value);
  return statement.read_blob(index, value);
}

}  // namespace sqlmodel::detail
