#include "db/sqlite_connection.hpp"

#include <sqlite3.h>

#include <memory>

#include "db/backends.hpp"

namespace sqlmodel::db {
namespace {

struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using StatementHandle = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

// The statement that starts at `text`: the shortest prefix ending in ';' that SQLite deems
// complete, or all of it. Used only to quote a statement SQLite failed to prepare, where the
// prepare tail does not say where the statement ends.
std::string_view first_statement(std::string_view text) {
  for (auto semicolon = text.find(';'); semicolon != std::string_view::npos;
       semicolon = text.find(';', semicolon + 1)) {
    std::string candidate(text.substr(0, semicolon + 1));
    if (sqlite3_complete(candidate.c_str())) return text.substr(0, semicolon);
  }
  return text;
}

// The statement as an error message quotes it: no surrounding whitespace, no final ';'.
std::string trimmed(std::string_view text) {
  auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(" \t\r\n;");
  if (last == std::string_view::npos || last < first) return {};
  return std::string(text.substr(first, last - first + 1));
}

}  // namespace

SqliteConnection::SqliteConnection(std::string path, int busy_timeout_ms, bool serialized)
    : path_(std::move(path)) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
              (serialized ? SQLITE_OPEN_FULLMUTEX : SQLITE_OPEN_NOMUTEX);
  int rc = sqlite3_open_v2(path_.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = "cannot open SQLite database '" + path_ + "': " +
                          (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw DatabaseError(message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_timeout_ms);
  try {
    execute("PRAGMA foreign_keys = ON");
    // The pragma is a silent no-op inside a transaction or in a build without foreign key
    // support; a connection that promises enforcement checks that it got it.
    auto enabled = query("PRAGMA foreign_keys");
    if (enabled.rows.empty() || enabled.rows[0].empty() || enabled.rows[0][0] != "1")
      throw DatabaseError("SQLite database '" + path_ +
                          "': could not turn on foreign key enforcement (PRAGMA foreign_keys)");
  } catch (...) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw;
  }
}

SqliteConnection::~SqliteConnection() { sqlite3_close_v2(db_); }

void SqliteConnection::fail(std::string_view doing, std::string_view statement) const {
  std::string message = "SQLite error in '" + path_ + "' while " + std::string(doing) + ": " +
                        sqlite3_errmsg(db_) + " (" +
                        sqlite3_errstr(sqlite3_extended_errcode(db_)) + ")";
  std::string text = trimmed(statement);
  if (!text.empty()) message += "\n  statement: " + text;
  throw DatabaseError(message, text);
}

void SqliteConnection::step_to_completion(sqlite3_stmt* statement, std::string_view text) {
  ++statements_run_;
  int rc;
  // Rows are discarded: execute() is for statements run for their effect (DDL, PRAGMA ...).
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) fail("running a statement", text);
}

void SqliteConnection::execute(std::string_view sql) {
  refuse_nul_bytes("SQLite: execute", sql);
  const char* cursor = sql.data();
  const char* end = sql.data() + sql.size();
  while (cursor < end) {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db_, cursor, static_cast<int>(end - cursor), &raw, &tail);
    StatementHandle statement(raw);
    if (rc != SQLITE_OK)
      fail("preparing a statement",
           first_statement(std::string_view(cursor, static_cast<std::size_t>(end - cursor))));
    std::string_view text(cursor, static_cast<std::size_t>((tail ? tail : end) - cursor));
    // A null statement is whitespace or a comment between statements.
    if (statement) step_to_completion(statement.get(), text);
    if (tail == nullptr || tail <= cursor) break;
    cursor = tail;
  }
}

ResultSet SqliteConnection::query(std::string_view sql, const std::vector<Value>& params) {
  refuse_nul_bytes("SQLite: query", sql);  // parameters are bound with their length: NULs stay
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &raw, &tail);
  StatementHandle statement(raw);
  if (rc != SQLITE_OK) fail("preparing a query", sql);
  if (!statement) throw DatabaseError("SQLite query on '" + path_ + "' holds no statement", std::string(sql));

  // query() runs exactly one statement: a second one would be silently ignored otherwise.
  if (tail != nullptr && tail < sql.data() + sql.size()) {
    sqlite3_stmt* extra_raw = nullptr;
    std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
    sqlite3_prepare_v2(db_, rest.data(), static_cast<int>(rest.size()), &extra_raw, nullptr);
    StatementHandle extra(extra_raw);
    if (extra)
      throw DatabaseError("SQLite query on '" + path_ +
                              "' holds more than one statement; query() runs exactly one "
                              "(use execute() for scripts)\n  statement: " + trimmed(sql),
                          trimmed(sql));
  }

  int expected = sqlite3_bind_parameter_count(statement.get());
  if (expected != static_cast<int>(params.size()))
    throw DatabaseError("SQLite query on '" + path_ + "' expects " + std::to_string(expected) +
                            " parameter(s) but got " + std::to_string(params.size()) +
                            "\n  statement: " + trimmed(sql),
                        trimmed(sql));
  for (std::size_t i = 0; i < params.size(); ++i) {
    int index = static_cast<int>(i) + 1;
    rc = params[i] ? sqlite3_bind_text64(statement.get(), index, params[i]->data(),
                                         params[i]->size(), SQLITE_TRANSIENT, SQLITE_UTF8)
                   : sqlite3_bind_null(statement.get(), index);
    if (rc != SQLITE_OK) fail("binding parameter ?" + std::to_string(index), sql);
  }

  ResultSet result;
  int column_count = sqlite3_column_count(statement.get());
  result.column_names.reserve(static_cast<std::size_t>(column_count));
  for (int c = 0; c < column_count; ++c) {
    const char* name = sqlite3_column_name(statement.get(), c);
    result.column_names.emplace_back(name ? name : "");
  }

  ++statements_run_;
  while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
    Row row;
    row.reserve(static_cast<std::size_t>(column_count));
    for (int c = 0; c < column_count; ++c) {
      if (sqlite3_column_type(statement.get(), c) == SQLITE_NULL) {
        row.emplace_back(std::nullopt);
        continue;
      }
      // column_text before column_bytes: the byte count is of the text conversion.
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), c));
      int bytes = sqlite3_column_bytes(statement.get(), c);
      row.emplace_back(std::string(text ? text : "", static_cast<std::size_t>(bytes)));
    }
    result.rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) fail("running a query", sql);
  return result;
}

void SqliteConnection::begin() { execute("BEGIN IMMEDIATE"); }
void SqliteConnection::commit() { execute("COMMIT"); }
void SqliteConnection::rollback() { execute("ROLLBACK"); }

std::unique_ptr<Connection> open_sqlite(const std::string& path) {
  return std::make_unique<SqliteConnection>(path);
}

}  // namespace sqlmodel::db
