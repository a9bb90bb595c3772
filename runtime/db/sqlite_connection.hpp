// The SQLite backend of db::Connection, over the sqlite3 C API. Exposed (rather than kept
// behind open_sqlite) so code that needs the raw handle, and tests that count statements, can
// reach it with a dynamic_cast from db::Connection.
#pragma once

#include <cstdint>
#include <string>

#include "db/connection.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace sqlmodel::db {

class SqliteConnection final : public Connection {
 public:
  // Opens (creating if needed) `path`, or an in-memory database for ":memory:"; turns foreign
  // key enforcement on and waits up to busy_timeout_ms for a lock held by another connection.
  // `serialized = false` opens it with SQLITE_OPEN_NOMUTEX: the caller guarantees that one
  // thread at a time uses it (the ORM's pool lends a connection to one session), and SQLite
  // then skips the mutex it otherwise takes on every sqlite3_column_* call.
  explicit SqliteConnection(std::string path, int busy_timeout_ms = 5000, bool serialized = true);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  schema::Dialect dialect() const override { return schema::Dialect::sqlite; }
  void execute(std::string_view sql) override;
  ResultSet query(std::string_view sql, const std::vector<Value>& params = {}) override;
  // BEGIN IMMEDIATE: schema work writes, and taking the write lock up front turns a
  // concurrent writer into a busy wait at BEGIN instead of a deadlock at the first write.
  void begin() override;
  void commit() override;
  void rollback() override;

  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }
  // How many SQL statements this connection has run (each statement of a multi-statement
  // execute() counts once). Lets tests prove that introspection issues a fixed number of
  // catalog queries however many tables there are.
  std::uint64_t statements_run() const { return statements_run_; }

 private:
  [[noreturn]] void fail(std::string_view doing, std::string_view statement) const;
  void step_to_completion(sqlite3_stmt* statement, std::string_view text);

  std::string path_;
  sqlite3* db_ = nullptr;
  std::uint64_t statements_run_ = 0;
};

}  // namespace sqlmodel::db
