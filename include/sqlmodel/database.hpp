// Database: the entry point of the ORM. Database::open(url) picks the backend from the URL and
// keeps a pool of connections; a Session borrows one for its lifetime.
//
//   auto db = sqlmodel::Database::open("sqlite:///app.db");
//   sqlmodel::Session session(db);
//
// PostgreSQL: a thread-safe pool of up to `max_connections` libpqxx connections, opened on
// demand; a Session waits (up to `acquire_timeout`) for a free one and throws ConnectionError
// when none comes. SQLite files get a connection per concurrent session in the same way;
// sqlite:///:memory: is one database per connection, so it has exactly one connection and
// sessions on it take turns.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

#include "schema/dialect.hpp"
#include "sqlmodel/errors.hpp"
#include "sqlmodel/statement.hpp"

namespace sqlmodel {

// One connection of the pool, as the session uses it: cached prepared statements and
// transaction control. Implemented by the SQLite and PostgreSQL backends.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual schema::Dialect dialect() const = 0;

  // The statement for `sql`, prepared on first use and kept for the connection's lifetime.
  // `table` names the table a write goes to, for the errors it may raise.
  Statement& prepare(const std::string& sql, std::string_view table = {}) {
    auto found = by_text_.find(sql);
    if (found != by_text_.end()) return *found->second;
    auto statement = prepare_new(sql, table);
    Statement& result = *statement;
    by_text_.emplace(sql, std::move(statement));
    return result;
  }

  // The same, keyed by an address that stands for the statement (one per model and
  // operation): the hot path looks it up without building or hashing the SQL text.
  template <typename MakeSql>
  Statement& prepare_cached(const void* key, MakeSql&& make_sql, std::string_view table = {}) {
    auto found = by_key_.find(key);
    if (found != by_key_.end()) return *found->second;
    Statement& statement = prepare(make_sql(), table);
    by_key_.emplace(key, &statement);
    return statement;
  }

  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  virtual bool in_transaction() const = 0;
  // Runs statements without parameters or results (DDL, scripts); ';' separates statements.
  virtual void execute(std::string_view sql) = 0;

  // COPY "table" (columns) FROM STDIN inside the open transaction (PostgreSQL). next_chunk
  // appends rows in COPY text format (tab-separated fields, '\N' for NULL, each row ending in
  // '\n') to the string it is given and returns false after the last row. Backends without
  // COPY throw std::logic_error; Session::bulk_insert does not call them.
  virtual void copy_from(std::string_view table, std::span<const std::string_view> columns,
                         const std::function<bool(std::string& chunk)>& next_chunk) {
    (void)columns;
    (void)next_chunk;
    throw std::logic_error("COPY into '" + std::string(table) + "' needs PostgreSQL");
  }

 protected:
  virtual std::unique_ptr<Statement> prepare_new(const std::string& sql, std::string_view table) = 0;
  // Backends call this in their destructor, while the handle the statements need still exists.
  void clear_cache() {
    by_key_.clear();
    by_text_.clear();
  }

 private:
  std::unordered_map<std::string, std::unique_ptr<Statement>> by_text_;
  std::unordered_map<const void*, Statement*> by_key_;
};

struct DatabaseOptions {
  std::size_t max_connections = 8;  // PostgreSQL and SQLite files; :memory: always has 1
  std::chrono::milliseconds acquire_timeout{5000};
};

class Session;

class Database {
 public:
  // sqlite:///relative.db, sqlite:////absolute.db, sqlite:///:memory:, postgresql://...
  // Throws std::invalid_argument for a malformed URL and ConnectionError when the database
  // cannot be opened (the first connection is opened here, so a wrong URL fails early).
  static Database open(std::string_view url, DatabaseOptions options = {});

  schema::Dialect dialect() const;
  // The URL given to open() (check_schema opens its own catalog connection from it).
  const std::string& url() const;

  // Runs DDL or another script on a pooled connection, in its own transaction.
  void execute(std::string_view sql);

  // Called after every statement any session of this database runs (from the thread that ran
  // it). Returns an id for remove_listener.
  std::uint64_t add_listener(StatementListener listener);
  void remove_listener(std::uint64_t id);

  // Connections opened so far and idle in the pool (for tests and monitoring).
  std::size_t open_connections() const;
  std::size_t idle_connections() const;

  struct State;

 private:
  friend class Session;
  explicit Database(std::shared_ptr<State> state) : state_(std::move(state)) {}
  std::shared_ptr<State> state_;
};

}  // namespace sqlmodel
