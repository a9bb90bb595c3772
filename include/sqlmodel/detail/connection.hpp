// One connection of a Database's pool, as the session uses it: cached prepared statements and
// transaction control. Implemented by the SQLite and PostgreSQL backends (runtime/orm).
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

#include "sqlmodel/dialect.hpp"
#include "sqlmodel/statement.hpp"

namespace sqlmodel::detail {

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

  // A statement run once and then dropped: text that differs from call to call (a multi-row
  // INSERT of n rows). It is not cached, and PostgreSQL does not keep it as a named statement.
  virtual std::unique_ptr<Statement> prepare_transient(const std::string& sql, std::string_view table = {}) {
    return prepare_new(sql, table);
  }

  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  virtual bool in_transaction() const = 0;
  // Runs statements without parameters or results (DDL, scripts); ';' separates statements.
  virtual void exec_script(std::string_view sql) = 0;

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

}  // namespace sqlmodel::detail
