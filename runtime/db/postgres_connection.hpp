// The PostgreSQL backend of db::Connection, over libpqxx 6.4. Exposed (rather than kept behind
// open_postgres) so code that needs the libpqxx connection, and tests that count round trips,
// can reach it with a dynamic_cast from db::Connection.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <pqxx/connection>
#include <pqxx/transaction>

#include "db/connection.hpp"

namespace sqlmodel::db {

class PostgresConnection final : public Connection {
 public:
  // `uri` is handed to libpq as it is (postgresql://user:password@host:port/db?options).
  // Throws DatabaseError with libpq's reason when the server cannot be reached.
  explicit PostgresConnection(const std::string& uri);
  ~PostgresConnection() override;
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  schema::Dialect dialect() const override { return schema::Dialect::postgresql; }
  // Sent as one simple-protocol message, so several ';'-separated statements may be given;
  // outside begin()/commit() the server runs them as one implicit transaction.
  void execute(std::string_view sql) override;
  ResultSet query(std::string_view sql, const std::vector<Value>& params = {}) override;
  void begin() override;
  void commit() override;
  void rollback() override;

  bool in_transaction() const { return transaction_ != nullptr; }
  pqxx::connection& handle() { return connection_; }
  // How many execute()/query() calls reached the server (a multi-statement execute() is one
  // round trip). Lets tests prove that introspection issues a fixed number of catalog queries
  // however many tables there are.
  std::uint64_t round_trips() const { return round_trips_; }

 private:
  pqxx::connection connection_;
  // Refuses a statement in a transaction an earlier error aborted (see transaction_failed_).
  void check_transaction_usable(std::string_view doing, std::string_view statement) const;

  // The open transaction between begin() and commit()/rollback(); statements outside one run
  // in a pqxx::nontransaction (autocommit).
  std::unique_ptr<pqxx::work> transaction_;
  // libpqxx rolls a transaction back as soon as a statement in it fails, and would then run a
  // later parameterised query in autocommit mode. The server's own rule (25P02: nothing runs
  // until ROLLBACK) is kept here instead, so no statement the caller meant to be part of the
  // transaction is ever committed on its own.
  bool transaction_failed_ = false;
  std::uint64_t round_trips_ = 0;
};

}  // namespace sqlmodel::db
