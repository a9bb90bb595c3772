// One runner at a time. Two sqlmodel-migrate processes pointed at the same database must never
// apply the same migration twice, nor interleave the statements of two migrations.
//
// PostgreSQL: a session-level advisory lock (pg_try_advisory_lock, polled until the timeout)
// held for the whole run, keyed on the current schema, so runners on different schemas of one
// database do not wait for each other. Each migration still runs in its own transaction.
//
// SQLite: the database's own write lock. A migration's transaction starts with BEGIN IMMEDIATE,
// which takes the write lock up front; it is polled until the timeout. PRAGMA foreign_keys can
// only change between transactions, so the lock is taken per migration, not per run: the apply
// engine re-reads the version table once it holds the lock and re-plans when another runner
// got there first.
//
// Either way a runner that has to wait says so once, and one that times out throws
// MigrationLockTimeout naming the database and the timeout.
#pragma once

#include <chrono>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>

#include "db/connection.hpp"

namespace sqlmodel::migrate {

class MigrationLockTimeout : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct LockOptions {
  std::chrono::milliseconds timeout{std::chrono::seconds(60)};
  std::chrono::milliseconds poll_interval{100};
  // Where "waiting for ..." goes; null for silence.
  std::ostream* progress = nullptr;
  // Names the database in messages (the URL without a password).
  std::string database_name;
};

class MigrationLock {
 public:
  // PostgreSQL: waits for the advisory lock. SQLite: nothing to wait for yet.
  MigrationLock(db::Connection& connection, LockOptions options);
  ~MigrationLock();  // releases the advisory lock
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;

  // Opens the transaction one migration (or one version-table change) runs in. SQLite: BEGIN
  // IMMEDIATE, polled until the timeout. PostgreSQL: BEGIN (the run already holds the lock).
  void begin_transaction();

  const LockOptions& options() const { return options_; }

 private:
  void acquire_advisory_lock();
  void begin_immediate();
  [[noreturn]] void time_out(const std::string& what) const;
  void say_waiting(const std::string& what);

  db::Connection& connection_;
  LockOptions options_;
  bool holds_advisory_lock_ = false;
  bool said_waiting_ = false;
};

using db::display_url;

}  // namespace sqlmodel::migrate
