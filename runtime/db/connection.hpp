// A database connection for schema work: DDL, catalog queries, transactions. It is the narrow
// layer the introspection, the migration runner and sqlmodel-init-db share; the ORM's prepared
// statement path sits beside it, not on top of it.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sqlmodel/dialect.hpp"
#include "sqlmodel/errors.hpp"

namespace sqlmodel::db {

// A parsed connection URL: sqlite:///relative.db, sqlite:////absolute.db, sqlite:///:memory:,
// postgresql://user:password@host:port/dbname?options (handed to libpq as it is).
struct Url {
  schema::Dialect dialect = schema::Dialect::sqlite;
  std::string sqlite_path;      // sqlite only
  std::string postgres_uri;     // postgresql only: the URL itself
};
// Throws std::invalid_argument naming the URL and what is wrong with it.
Url parse_url(std::string_view url);

// The URL as messages and logs show it: "postgresql://app:secret@db/x" becomes
// "postgresql://app:***@db/x", and a "password=" query parameter is masked too. Other URLs come
// back unchanged.
std::string display_url(std::string_view url);
// `text` (a message from libpq, SQLite or anything that saw the URL) with the URL's secrets
// masked: the URL itself as display_url() shows it, and its password, as written and
// percent-decoded, wherever else it appears (libpq quotes parts of a URL it cannot parse).
std::string mask_url_secrets(std::string_view text, std::string_view url);

using Value = std::optional<std::string>;  // NULL or the value's text form
using Row = std::vector<Value>;

struct ResultSet {
  std::vector<std::string> column_names;
  std::vector<Row> rows;
};

class Connection {
 public:
  virtual ~Connection() = default;

  virtual schema::Dialect dialect() const = 0;
  // Runs one or more statements that return no rows.
  virtual void execute(std::string_view sql) = 0;
  // Runs one statement with positional parameters ($1.. on PostgreSQL, ?1.. on SQLite) and
  // returns its rows as text.
  virtual ResultSet query(std::string_view sql, const std::vector<Value>& params = {}) = 0;

  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
};

// Opens the database a URL names. SQLite connections enforce foreign keys.
std::unique_ptr<Connection> connect(std::string_view url);

}  // namespace sqlmodel::db
