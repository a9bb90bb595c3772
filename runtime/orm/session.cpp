#include "sqlmodel/session.hpp"

#include <stdexcept>

#include "orm/database_state.hpp"

namespace sqlmodel {

Session::Session(const Database& database)
    : database_(database.state_), connection_(database_->acquire()), dialect_(database_->dialect) {}

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
  try {
    connection_->rollback();
  } catch (...) {
    // The connection is returned to the pool only when it is out of its transaction (see
    // Database::State::release); nothing else can be done here.
  }
}

void Session::flush() {
  if (pending_.empty()) return;
  // Every object is prepared (and validated) before the first statement: an invalid one
  // writes nothing, and the writes stay staged so the caller can fix it and flush again.
  for (const PendingWrite& write : pending_)
    if (write.prepare) write.prepare(write.object);
  std::vector<PendingWrite> writes;
  writes.swap(pending_);
  // A failing write rolls the transaction back inside run(); the writes after it are dropped
  // with it.
  for (std::size_t begin = 0; begin < writes.size();) {
    std::size_t end = begin + 1;
    while (end < writes.size() && writes[end].apply == writes[begin].apply) ++end;
    writes[begin].apply(*this, std::span<const PendingWrite>(writes.data() + begin, end - begin));
    begin = end;
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
