// A prepared statement of one backend, as the generated bind/read code and the session drive
// it: bind values straight from members, step through rows, read columns straight into
// members. The SQLite implementation calls sqlite3_bind_* / sqlite3_column_* directly; the
// PostgreSQL one sends its parameters as text through libpqxx's prepared statements.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sqlmodel/dialect.hpp"
#include "sqlmodel/annotations.hpp"

namespace sqlmodel {

// The text a UUID is stored as on SQLite (PostgreSQL has its native uuid). Each column has its
// own, from its type: `uuid` is CHAR(36) text, `uuid_hex` CHAR(32) (`.sql_type = "uuid_hex"`,
// or the plugin's sqlite-uuid=hex for a whole project), and a value bound for a column is
// written in that column's form. Reading takes either form.
enum class SqliteUuid {
  text,  // "6f9619ff-8b86-d011-b42d-00cf4fc964ff", 36 characters
  hex,   // "6f9619ff8b86d011b42d00cf4fc964ff", 32 hex digits: what SQLAlchemy's Uuid stores
};

namespace detail {
class SqliteStatement;  // detail/sqlite_statement.hpp

// A UUID as a SQLite column of the given form stores it.
inline std::string sqlite_uuid_text(const UUID& value, SqliteUuid form) {
  return form == SqliteUuid::hex ? value.to_hex() : value.to_string();
}
}  // namespace detail

// Parameter and column indexes are 0-based here (the backends translate).
class Statement {
 public:
  virtual ~Statement() = default;

  virtual void bind_null(int index) = 0;
  virtual void bind_bool(int index, bool value) = 0;
  virtual void bind_int64(int index, std::int64_t value) = 0;
  virtual void bind_double(int index, double value) = 0;
  // The text must stay alive until the statement has run (it is not copied on SQLite).
  virtual void bind_text(int index, std::string_view value) = 0;
  // Text the caller does not keep alive (a codec's formatted timestamp, array literal, JSON):
  // the statement copies it. Backends that always copy need not override.
  virtual void bind_text_copy(int index, std::string_view value) { bind_text(index, value); }
  virtual void bind_blob(int index, std::span<const std::uint8_t> value) = 0;
  // `column_form`: the form of the column the value is bound for, which SQLite writes; nullopt
  // where no column is known (a text() parameter, lit(uuid)): the connection's
  // DatabaseOptions::sqlite_uuid. PostgreSQL's uuid has one form.
  virtual void bind_uuid(int index, const UUID& value, std::optional<SqliteUuid> column_form) = 0;

  // Runs the statement on the first call after binding; true while there is a row to read.
  virtual bool step() = 0;
  // Read result column `index` of the current row into `value`; false (value untouched) when
  // it is NULL. One call per column: on SQLite that is one sqlite3_column_* call in the
  // common case, as in a hand-written loop.
  virtual bool read_bool(int index, bool& value) = 0;
  virtual bool read_int64(int index, std::int64_t& value) = 0;
  virtual bool read_double(int index, double& value) = 0;
  virtual bool read_text(int index, std::string& value) = 0;
  virtual bool read_blob(int index, std::vector<std::uint8_t>& value) = 0;
  virtual bool read_uuid(int index, UUID& value) = 0;

  // Ready to bind and run again; bindings are cleared.
  virtual void reset() = 0;
  // Rows an INSERT/UPDATE/DELETE changed in its last run.
  virtual std::int64_t rows_affected() = 0;
  // SQLite: the rowid the last INSERT assigned. PostgreSQL statements use RETURNING instead.
  virtual std::int64_t last_insert_id() = 0;

  const std::string& sql() const { return sql_; }
  // Codecs whose wire form differs by dialect (arrays: a PostgreSQL array literal, JSON text
  // on SQLite) ask the statement.
  schema::Dialect dialect() const { return dialect_; }
  // The statement as SQLite's final class when it is one, else null: the codecs read through
  // it without a virtual call (read_column in sqlite_statement.hpp).
  detail::SqliteStatement* as_sqlite() noexcept { return sqlite_; }

 protected:
  explicit Statement(std::string sql, schema::Dialect dialect = schema::Dialect::sqlite)
      : sql_(std::move(sql)), dialect_(dialect) {}

 private:
  friend class detail::SqliteStatement;  // sets sqlite_ to itself
  std::string sql_;
  schema::Dialect dialect_;
  detail::SqliteStatement* sqlite_ = nullptr;
};

namespace detail {
// A statement that only receives bound values (a COPY row encoder, a parameter capture): it is
// never run, so it has no rows to read and changes nothing. Subclasses implement the binds.
class BindOnlyStatement : public Statement {
 public:
  bool step() final { return false; }
  bool read_bool(int, bool&) final { return false; }
  bool read_int64(int, std::int64_t&) final { return false; }
  bool read_double(int, double&) final { return false; }
  bool read_text(int, std::string&) final { return false; }
  bool read_blob(int, std::vector<std::uint8_t>&) final { return false; }
  bool read_uuid(int, UUID&) final { return false; }
  void reset() final {}
  std::int64_t rows_affected() final { return 0; }
  std::int64_t last_insert_id() final { return 0; }

 protected:
  using Statement::Statement;
};
}  // namespace detail

// What a statement listener is told after each statement ran (BEGIN/COMMIT/ROLLBACK are not
// statements here, as in SQLAlchemy's cursor events).
struct StatementEvent {
  std::string_view sql;
  schema::Dialect dialect;
  std::chrono::nanoseconds elapsed;
  std::size_t parameters = 0;
  // Rows returned (queries) or changed (writes).
  std::int64_t rows = 0;
  bool failed = false;
};

using StatementListener = std::function<void(const StatementEvent&)>;

}  // namespace sqlmodel
