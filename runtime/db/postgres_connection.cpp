#include "db/postgres_connection.hpp"

#include <pqxx/except>
#include <pqxx/nontransaction>
#include <pqxx/prepared_statement>
#include <pqxx/result>

#include "db/backends.hpp"

namespace sqlmodel::db {
namespace {

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// Called from a catch block: turns the libpqxx exception in flight into a DatabaseError that
// says what was being done, carries the server's message (with its DETAIL and HINT lines) and
// SQLSTATE, and quotes the statement.
[[noreturn]] void rethrow_as_database_error(std::string_view doing, std::string_view statement) {
  std::string context = "PostgreSQL: " + std::string(doing) + " failed";
  std::string quoted = statement.empty() ? "" : "\n  statement: " + std::string(statement);
  try {
    throw;
  } catch (const pqxx::sql_error& error) {
    std::string sqlstate = error.sqlstate().empty() ? "" : " [SQLSTATE " + error.sqlstate() + "]";
    throw DatabaseError(context + sqlstate + ": " + trimmed(error.what()) + quoted,
                        std::string(statement), error.sqlstate());
  } catch (const pqxx::broken_connection& error) {
    throw DatabaseError(context + ": the connection to the server was lost: " +
                            trimmed(error.what()) + quoted,
                        std::string(statement));
  } catch (const pqxx::failure& error) {
    throw DatabaseError(context + ": " + trimmed(error.what()) + quoted, std::string(statement));
  } catch (const pqxx::usage_error& error) {
    throw DatabaseError(context + ": " + trimmed(error.what()) + quoted, std::string(statement));
  }
}

ResultSet to_result_set(const pqxx::result& result) {
  ResultSet rows;
  const auto column_count = result.columns();
  rows.column_names.reserve(column_count);
  for (pqxx::row::size_type column = 0; column < column_count; ++column)
    rows.column_names.emplace_back(result.column_name(column));
  rows.rows.reserve(result.size());
  for (const auto& row : result) {
    Row& out = rows.rows.emplace_back();
    out.reserve(column_count);
    for (const auto& field : row) {
      if (field.is_null())
        out.emplace_back(std::nullopt);
      else
        out.emplace_back(std::string(field.c_str(), field.size()));
    }
  }
  return rows;
}

}  // namespace

PostgresConnection::PostgresConnection(const std::string& uri) try : connection_(uri) {
  // A schema tool's catalog work produces NOTICEs ("drop cascades to ...", "relation already
  // exists, skipping") that libpqxx would print on stderr; warnings and errors still arrive.
  pqxx::nontransaction setup(connection_);
  setup.exec("SET client_min_messages TO warning");
} catch (const pqxx::broken_connection& error) {
  // libpq's message names the host and port; the URI is not repeated: it may hold a password.
  throw DatabaseError("cannot connect to PostgreSQL: " + trimmed(error.what()));
} catch (const pqxx::failure& error) {
  throw DatabaseError("cannot set up the PostgreSQL connection: " + trimmed(error.what()));
}

PostgresConnection::~PostgresConnection() = default;  // an open transaction is rolled back

void PostgresConnection::check_transaction_usable(std::string_view doing,
                                                  std::string_view statement) const {
  if (transaction_ && transaction_failed_)
    throw DatabaseError("PostgreSQL: " + std::string(doing) +
                            " failed [SQLSTATE 25P02]: the current transaction was aborted by an "
                            "earlier error; nothing runs until rollback()\n  statement: " +
                            std::string(statement),
                        std::string(statement));
}

void PostgresConnection::execute(std::string_view sql) {
  refuse_nul_bytes("PostgreSQL: execute", sql);
  std::string statement(sql);
  check_transaction_usable("execute", statement);
  ++round_trips_;
  try {
    if (transaction_) {
      transaction_->exec(statement);
    } else {
      pqxx::nontransaction autocommit(connection_);
      autocommit.exec(statement);
    }
  } catch (...) {
    if (transaction_) transaction_failed_ = true;
    rethrow_as_database_error("execute", statement);
  }
}

ResultSet PostgresConnection::query(std::string_view sql, const std::vector<Value>& params) {
  refuse_nul_bytes("PostgreSQL: query", sql, params);
  std::string statement(sql);
  check_transaction_usable("query", statement);
  // libpq takes parameters as C strings, a null pointer meaning SQL NULL.
  std::vector<const char*> texts;
  texts.reserve(params.size());
  for (const Value& param : params) texts.push_back(param ? param->c_str() : nullptr);
  ++round_trips_;
  try {
    auto run = [&](pqxx::transaction_base& transaction) {
      return transaction.exec_params(statement, pqxx::prepare::make_dynamic_params(texts));
    };
    if (transaction_) return to_result_set(run(*transaction_));
    pqxx::nontransaction autocommit(connection_);
    return to_result_set(run(autocommit));
  } catch (...) {
    if (transaction_) transaction_failed_ = true;
    rethrow_as_database_error("query", statement);
  }
}

void PostgresConnection::begin() {
  if (transaction_)
    throw DatabaseError("PostgreSQL: begin failed: a transaction is already open on this connection");
  try {
    transaction_ = std::make_unique<pqxx::work>(connection_);
    transaction_failed_ = false;
  } catch (...) {
    rethrow_as_database_error("begin", "BEGIN");
  }
}

void PostgresConnection::commit() {
  if (!transaction_) throw DatabaseError("PostgreSQL: commit failed: no transaction is open");
  // Whatever happens, the transaction object is finished: a failed COMMIT rolled back.
  auto finishing = std::move(transaction_);
  if (transaction_failed_)
    throw DatabaseError(
        "PostgreSQL: commit failed: the transaction was aborted by an earlier error and has been "
        "rolled back",
        "COMMIT");
  try {
    finishing->commit();
  } catch (...) {
    rethrow_as_database_error("commit", "COMMIT");
  }
}

void PostgresConnection::rollback() {
  if (!transaction_) throw DatabaseError("PostgreSQL: rollback failed: no transaction is open");
  auto finishing = std::move(transaction_);
  try {
    finishing->abort();
  } catch (...) {
    rethrow_as_database_error("rollback", "ROLLBACK");
  }
}

std::unique_ptr<Connection> open_postgres(const std::string& uri) {
  return std::make_unique<PostgresConnection>(uri);
}

}  // namespace sqlmodel::db
