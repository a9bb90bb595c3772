#include "sqlmodel/session.hpp"

#include <stdexcept>

#include "orm/database_state.hpp"

namespace sqlmodel {

Session::Session(const Database& database)
    : database_(database.state_),
      connection_(database_->acquire()),
      dialect_(database_->dialect),
      row_states_(database_->dialect) {}

Session::~Session() {
  abort_transaction();
  database_->release(std::move(connection_));
}

bool Session::in_transaction() const { return connection_->in_transaction(); }

void Session::ensure_transaction() {
  if (!connection_->in_transaction()) connection_->begin();
}

void Session::abort_transaction() noexcept {
  pending_.clear();
  // What the rolled-back transaction read or wrote is not what the database holds now.
  row_states_.clear();
  try {
    connection_->rollback();
  } catch (...) {
    // The connection is returned to the pool only when it is out of its transaction (see
    // Database::State::release); nothing else can be done here.
  }
}

void Session::flush() {
  if (pending_.empty()) return;
  std::vector<detail::StagedWrite> writes;
  writes.swap(pending_);
  bool wrote = false;
  try {
    detail::run_flush(*this, std::span<const detail::StagedWrite>(writes), wrote);
  } catch (...) {
    if (wrote) {
      // A statement failed (or the flush did, between statements): the transaction is rolled
      // back, as SQLAlchemy does, and the staged writes go with it.
      abort_transaction();
    } else {
      // Refused before any statement (validation, a NOT NULL orphan, a cycle without a nullable
      // foreign key): the objects are as they were and the writes stay staged, to be fixed and
      // flushed again.
      pending_ = std::move(writes);
    }
    throw;
  }
}

void Session::commit() {
  flush();
  if (!connection_->in_transaction()) return;
  try {
    connection_->commit();
  } catch (...) {
    abort_transaction();
    throw;
  }
}

void Session::rollback() { abort_transaction(); }

Transaction Session::begin() {
  if (connection_->in_transaction())
    throw std::logic_error(
        "Session::begin(): a transaction is already open (the session begins one with its first "
        "statement); commit() or rollback() it first");
  connection_->begin();
  return Transaction(*this);
}

void Session::exec_script(std::string_view sql) {
  flush();
  ensure_transaction();
  try {
    connection_->exec_script(sql);
  } catch (...) {
    abort_transaction();
    throw;
  }
}

bool Session::is_observed() const {
  return !listeners_.empty() || database_->listener_count.load(std::memory_order_relaxed) > 0;
}

void Session::notify(const Statement& statement, std::size_t parameters,
                     std::chrono::steady_clock::time_point start, std::int64_t rows, bool failed) {
  StatementEvent event{statement.sql(), dialect_,
                       std::chrono::steady_clock::now() - start, parameters, rows, failed};
  for (auto& listener : listeners_) listener(event);
  if (database_->listener_count.load(std::memory_order_relaxed) > 0) database_->notify(event);
}

Transaction::~Transaction() {
  if (session_) session_->abort_transaction();
}

void Transaction::commit() {
  if (!session_) throw std::logic_error("Transaction::commit(): the transaction is already over");
  Session* session = std::exchange(session_, nullptr);
  session->commit();
}

void Transaction::rollback() {
  if (!session_) return;
  std::exchange(session_, nullptr)->abort_transaction();
}

}  // namespace sqlmodel
