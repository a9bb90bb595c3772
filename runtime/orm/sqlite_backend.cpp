// The SQLite backend of the ORM: statements bind and read through the sqlite3 C API directly.
// Opening goes through db::SqliteConnection, so the ORM's connections are set up exactly like
// the schema tools' ones (foreign keys on and checked, busy timeout).
#include <sqlite3.h>

#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "db/sqlite_connection.hpp"
#include "orm/backends.hpp"
#include "schema/naming.hpp"
#include "sqlmodel/errors.hpp"
#include "sqlmodel/detail/sqlite_statement.hpp"

namespace sqlmodel::orm {
namespace {

// The columns of each unique index of `table`, by index name.
std::map<std::string, std::vector<std::string>> unique_indexes(sqlite3* db, const std::string& table) {
  std::map<std::string, std::vector<std::string>> indexes;
  sqlite3_stmt* statement = nullptr;
  const char* text =
      "SELECT il.name, ii.name FROM pragma_index_list(?1) AS il "
      "JOIN pragma_index_info(il.name) AS ii WHERE il.\"unique\" = 1 ORDER BY il.name, ii.seqno";
  if (sqlite3_prepare_v2(db, text, -1, &statement, nullptr) != SQLITE_OK) return indexes;
  sqlite3_bind_text(statement, 1, table.c_str(), -1, SQLITE_TRANSIENT);
  while (sqlite3_step(statement) == SQLITE_ROW) {
    auto* index = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    auto* column = reinterpret_cast<const char*>(sqlite3_column_text(statement, 1));
    if (index && column) indexes[index].push_back(column);
  }
  sqlite3_finalize(statement);
  return indexes;
}

// "fk name (column -> table.column)" for each foreign key of `table`: SQLite does not say
// which one failed.
std::vector<std::pair<std::string, std::string>> foreign_keys(sqlite3* db, const std::string& table) {
  std::vector<std::pair<std::string, std::string>> keys;
  sqlite3_stmt* statement = nullptr;
  const char* text =
      "SELECT id, \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?1) ORDER BY id, seq";
  if (sqlite3_prepare_v2(db, text, -1, &statement, nullptr) != SQLITE_OK) return keys;
  sqlite3_bind_text(statement, 1, table.c_str(), -1, SQLITE_TRANSIENT);
  std::map<int, std::pair<std::vector<std::string>, std::string>> by_id;
  std::map<int, std::string> description;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    int id = sqlite3_column_int(statement, 0);
    auto column = [&](int i) {
      auto* value = reinterpret_cast<const char*>(sqlite3_column_text(statement, i));
      return std::string(value ? value : "");
    };
    by_id[id].first.push_back(column(1));
    by_id[id].second = column(2);
    auto& text_of = description[id];
    if (!text_of.empty()) text_of += ", ";
    text_of += column(1) + " -> " + column(2) + "." + column(3);
  }
  sqlite3_finalize(statement);
  for (auto& [id, key] : by_id)
    keys.emplace_back(schema::naming::foreign_key(table, key.first, key.second), description[id]);
  return keys;
}

// The IntegrityError of a failed step, naming the table and, where SQLite says or the schema
// shows, the constraint.
IntegrityError integrity_error(sqlite3* db, const std::string& sql, const std::string& statement_table,
                              int code, std::string reason) {
  using Kind = IntegrityError::Kind;
  Kind kind = Kind::other;
  std::string table = statement_table, constraint;
  // SQLite's messages: "UNIQUE constraint failed: users.email, users.team",
  // "NOT NULL constraint failed: users.email", "CHECK constraint failed: ck_users_age",
  // "FOREIGN KEY constraint failed".
  auto detail_of = [&] {
    auto colon = reason.find(": ");
    return colon == std::string::npos ? std::string() : reason.substr(colon + 2);
  };
  std::vector<std::string> columns;
  auto split_columns = [&](const std::string& detail) {
    std::size_t start = 0;
    while (start < detail.size()) {
      auto end = detail.find(", ", start);
      std::string qualified = detail.substr(start, end == std::string::npos ? end : end - start);
      auto dot = qualified.find('.');
      if (dot != std::string::npos) {
        table = qualified.substr(0, dot);
        columns.push_back(qualified.substr(dot + 1));
      }
      if (end == std::string::npos) break;
      start = end + 2;
    }
  };
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY: {
      kind = code == SQLITE_CONSTRAINT_UNIQUE ? Kind::unique : Kind::primary_key;
      split_columns(detail_of());
      if (kind == Kind::primary_key) {
        constraint = schema::naming::primary_key(table);
        break;
      }
      for (const auto& [index, index_columns] : unique_indexes(db, table))
        if (index_columns == columns && index.rfind("sqlite_autoindex_", 0) != 0) constraint = index;
      if (constraint.empty()) constraint = schema::naming::unique(table, columns);
      break;
    }
    case SQLITE_CONSTRAINT_NOTNULL:
      kind = Kind::not_null;
      split_columns(detail_of());
      constraint = table + "." + (columns.empty() ? std::string("?") : columns.front()) +
                   " NOT NULL";
      break;
    case SQLITE_CONSTRAINT_CHECK:
      kind = Kind::check;
      constraint = detail_of();
      break;
    case SQLITE_CONSTRAINT_FOREIGNKEY: {
      kind = Kind::foreign_key;
      auto keys = foreign_keys(db, table);
      std::string listed;
      for (const auto& [name, description] : keys) {
        if (!listed.empty()) listed += "; ";
        listed += name + " (" + description + ")";
      }
      // SQLite does not say which key failed; with one candidate there is no doubt.
      constraint = keys.size() == 1 ? keys.front().first : listed;
      reason += table.empty() ? std::string() : " on table '" + table + "'";
      if (keys.size() > 1) reason += "; one of: " + listed;
      break;
    }
    default:
      break;
  }
  std::string message = "integrity error on table '" + table + "'";
  if (!constraint.empty() && kind != Kind::foreign_key) message += " (" + constraint + ")";
  else if (kind == Kind::foreign_key && !constraint.empty()) message += " (" + constraint + ")";
  message += ": " + reason + "\n  statement: " + sql;
  return IntegrityError(message, sql, kind, table, constraint);
}

}  // namespace
}  // namespace sqlmodel::orm

namespace sqlmodel::detail {

SqliteStatement::SqliteStatement(sqlite3* db, std::string sql, std::string table, SqliteUuid uuid_without_column)
    : Statement(std::move(sql)), db_(db), table_(std::move(table)), uuid_without_column_(uuid_without_column) {
  sqlite_ = this;
  if (sqlite3_prepare_v3(db_, this->sql().c_str(), static_cast<int>(this->sql().size()),
                         SQLITE_PREPARE_PERSISTENT, &statement_, nullptr) != SQLITE_OK) {
    std::string message = std::string("SQLite could not prepare a statement: ") +
                          sqlite3_errmsg(db_) + "\n  statement: " + this->sql();
    throw DatabaseError(message, this->sql());
  }
  read_only_ = sqlite3_stmt_readonly(statement_) != 0;
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(statement_); }

void SqliteStatement::bind_text_copy(int index, std::string_view value) {
  check_bind(sqlite3_bind_text64(statement_, index + 1, value.data(), value.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8),
             index);
}
void SqliteStatement::bind_blob(int index, std::span<const std::uint8_t> value) {
  // A zero-length blob needs a non-null pointer, or SQLite binds NULL.
  static const std::uint8_t empty = 0;
  check_bind(sqlite3_bind_blob64(statement_, index + 1, value.empty() ? &empty : value.data(),
                                 value.size(), SQLITE_STATIC),
             index);
}
// CHAR(36) canonical text, or CHAR(32) hex digits, as the schema lowers uuid and uuid_hex
// for SQLite (sqlite_types.cpp): a column's own form, so that a model may mix both and an
// equality on a key matches what is stored.
void SqliteStatement::bind_uuid(int index, const UUID& value, std::optional<SqliteUuid> column_form) {
  const std::string text = detail::sqlite_uuid_text(value, column_form.value_or(uuid_without_column_));
  check_bind(sqlite3_bind_text(statement_, index + 1, text.data(), static_cast<int>(text.size()),
                               SQLITE_TRANSIENT),
             index);
}

bool SqliteStatement::read_uuid(int index, UUID& value) {
  std::string text;
  if (!read_text(index, text)) return false;
  if (auto parsed = text.size() == 32 ? UUID::parse_hex(text) : UUID::parse(text)) {
    value = *parsed;
    return true;
  }
  if (sqlite3_column_type(statement_, index) == SQLITE_BLOB && sqlite3_column_bytes(statement_, index) == 16) {
    std::memcpy(value.bytes.data(), sqlite3_column_blob(statement_, index), 16);
    return true;
  }
  throw DatabaseError("result column " + std::to_string(index) + " is not a UUID\n  statement: " +
                              sql(),
                          sql());
}

void SqliteStatement::bind_failed(int rc, int index) {
  throw DatabaseError("SQLite could not bind parameter " + std::to_string(index + 1) + ": " + sqlite3_errstr(rc) +
                          "\n  statement: " + sql(),
                      sql());
}

void SqliteStatement::fail() {
  const int code = sqlite3_extended_errcode(db_);
  std::string reason = sqlite3_errmsg(db_);
  sqlite3_reset(statement_);
  if ((code & 0xff) == SQLITE_CONSTRAINT) throw orm::integrity_error(db_, sql(), table_, code, reason);
  if ((code & 0xff) == SQLITE_CANTOPEN || (code & 0xff) == SQLITE_NOTADB ||
      (code & 0xff) == SQLITE_IOERR)
    throw ConnectionError("SQLite database unusable: " + reason + "\n  statement: " + sql(), sql());
  throw DatabaseError("SQLite error: " + reason + " (" + sqlite3_errstr(code) +
                              ")\n  statement: " + sql(),
                          sql());
}

}  // namespace sqlmodel::detail

namespace sqlmodel::orm {
namespace {

class SqliteOrmConnection final : public detail::Connection {
 public:
  // A session uses its connection from one thread at a time: no per-call mutex.
  SqliteOrmConnection(const std::string& path, SqliteUuid uuid_without_column)
      : connection_(path, /*busy_timeout_ms=*/5000, /*serialized=*/false), uuid_without_column_(uuid_without_column) {}
  ~SqliteOrmConnection() override {
    // Statements must be finalized before the handle closes: the base class's cache would go
    // after connection_.
    clear_cache();
  }

  schema::Dialect dialect() const override { return schema::Dialect::sqlite; }
  void begin() override { connection_.execute("BEGIN"); }
  void commit() override {
    try {
      connection_.execute("COMMIT");
    } catch (const DatabaseError& error) {
      throw DatabaseError(std::string("COMMIT failed: ") + error.what(), "COMMIT");
    }
  }
  void rollback() override {
    if (in_transaction()) connection_.execute("ROLLBACK");
  }
  bool in_transaction() const override { return sqlite3_get_autocommit(connection_.handle()) == 0; }
  void exec_script(std::string_view sql) override { connection_.execute(sql); }

 protected:
  std::unique_ptr<Statement> prepare_new(const std::string& sql, std::string_view table) override {
    return std::make_unique<detail::SqliteStatement>(connection_.handle(), sql, std::string(table),
                                                      uuid_without_column_);
  }

 private:
  db::SqliteConnection connection_;
  SqliteUuid uuid_without_column_;
};

}  // namespace

std::unique_ptr<detail::Connection> open_sqlite_connection(const std::string& path, SqliteUuid uuid_without_column) {
  try {
    return std::make_unique<SqliteOrmConnection>(path, uuid_without_column);
  } catch (const ConnectionError&) {
    throw;
  } catch (const DatabaseError& error) {
    throw ConnectionError(error.what());
  }
}

}  // namespace sqlmodel::orm
