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
#include <memory>
#include <string>
#include <string_view>

#include "sqlmodel/dialect.hpp"
#include "sqlmodel/errors.hpp"
#include "sqlmodel/statement.hpp"

namespace sqlmodel {

struct DatabaseOptions {
  std::size_t max_connections = 8;  // PostgreSQL and SQLite files; :memory: always has 1
  std::chrono::milliseconds acquire_timeout{5000};
  // SQLite: the form of a UUID bound where no column says one (a text() parameter, lit(uuid)).
  // A value bound for a column is always written in that column's form (`uuid`: 36 characters,
  // `uuid_hex`: 32 hex digits), whatever this says; reads accept both forms.
  SqliteUuid sqlite_uuid = SqliteUuid::text;
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

  // Runs a script (DDL, or several statements separated by ';') on a pooled connection, in its
  // own transaction.
  void exec_script(std::string_view sql);

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
