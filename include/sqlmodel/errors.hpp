// The errors of database work. Every database failure is a DatabaseError, so one catch
// handles them all; the ORM's typed errors derive from it and each names the table (and the
// constraint or key) it is about.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

namespace sqlmodel {

// The message names what was being done and quotes the statement.
class DatabaseError : public std::runtime_error {
 public:
  DatabaseError(const std::string& message, std::string statement = {}, std::string sqlstate = {})
      : std::runtime_error(message), statement_(std::move(statement)), sqlstate_(std::move(sqlstate)) {}
  const std::string& statement() const { return statement_; }
  // PostgreSQL's five-character error code ("55P03": lock not available), empty when unknown.
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  std::string statement_;
  std::string sqlstate_;
};

// A constraint rejected a write: unique, primary key, foreign key, not null or check.
class IntegrityError : public DatabaseError {
 public:
  enum class Kind { unique, primary_key, foreign_key, not_null, check, other };

  IntegrityError(const std::string& message, std::string statement, Kind kind, std::string table,
                 std::string constraint)
      : DatabaseError(message, std::move(statement)),
        kind_(kind),
        table_(std::move(table)),
        constraint_(std::move(constraint)) {}

  Kind kind() const { return kind_; }
  const std::string& table() const { return table_; }
  // The constraint's name where the database reports it (PostgreSQL always; SQLite for CHECK
  // constraints and for named unique indexes); otherwise what it is over ("users.email").
  const std::string& constraint() const { return constraint_; }

 private:
  Kind kind_;
  std::string table_;
  std::string constraint_;
};

// get_one / refresh: no row has the key.
class NotFound : public DatabaseError {
 public:
  NotFound(const std::string& message, std::string table, std::string key)
      : DatabaseError(message), table_(std::move(table)), key_(std::move(key)) {}
  const std::string& table() const { return table_; }
  const std::string& key() const { return key_; }

 private:
  std::string table_;
  std::string key_;
};

// An UPDATE or DELETE by primary key matched no row: someone else deleted it (or the object's
// key is wrong), so the session's view of the row is stale.
class StaleData : public DatabaseError {
 public:
  StaleData(const std::string& message, std::string statement, std::string table, std::string key)
      : DatabaseError(message, std::move(statement)),
        table_(std::move(table)),
        key_(std::move(key)) {}
  const std::string& table() const { return table_; }
  const std::string& key() const { return key_; }

 private:
  std::string table_;
  std::string key_;
};

// Text holding a NUL byte, bound for PostgreSQL: its text types cannot store one, and libpq
// passes parameters as C strings, so the value would silently end at the NUL ("a\0b" stored
// as "a", and where(col == "admin\0evil") matching the row "admin"). Refused before the
// statement runs, on every write and bind path; bytes belong in a blob (std::vector<std::byte>,
// bytea). SQLite stores such text whole and is not affected.
class NulInTextError : public DatabaseError {
 public:
  // `column` empty: only the parameter's position is known (a text() query, an array
  // element); `statement` is then quoted.
  // `statement` is copied, not moved, into the base: the order in which the base's arguments
  // are evaluated is unspecified, and g++ moved it out before describe() quoted it.
  NulInTextError(std::string table, std::string column, int parameter = -1, std::string statement = {})
      : DatabaseError(describe(table, column, parameter, statement), statement),
        table_(std::move(table)),
        column_(std::move(column)),
        parameter_(parameter) {}

  const std::string& table() const { return table_; }
  const std::string& column() const { return column_; }
  // 0-based position of the parameter, or -1 when the column is named instead.
  int parameter() const { return parameter_; }

 private:
  static std::string describe(const std::string& table, const std::string& column, int parameter,
                              const std::string& statement) {
    std::string subject;
    if (!column.empty())
      subject = "text for column '" + (table.empty() ? column : table + "." + column) + "'";
    else
      subject = "text parameter $" + std::to_string(parameter + 1) +
                (table.empty() ? std::string() : " of a statement on table '" + table + "'");
    return subject +
           " holds a NUL byte, which PostgreSQL text cannot store (the value would be cut at it); nothing "
           "was written. Bytes belong in a blob column (std::vector<std::byte>, bytea)" +
           (column.empty() && !statement.empty() ? "\n  statement: " + statement : std::string());
  }

  std::string table_;
  std::string column_;
  int parameter_;
};

// Optimistic concurrency (a model with a SQLMODEL_FIELD(.version = true) column): the UPDATE or
// DELETE of a row said `AND version = <the object's version>` and matched nothing, because
// another session changed (or deleted) the row since this object was read.
class StaleVersion : public StaleData {
 public:
  StaleVersion(const std::string& message, std::string statement, std::string table, std::string key,
               std::int64_t version)
      : StaleData(message, std::move(statement), std::move(table), std::move(key)), version_(version) {}
  // The version the object held (the row's is now another, or the row is gone).
  std::int64_t version() const { return version_; }

 private:
  std::int64_t version_;
};

// The database cannot be reached, or the pool has no connection to give.
class ConnectionError : public DatabaseError {
 public:
  using DatabaseError::DatabaseError;
};

}  // namespace sqlmodel
