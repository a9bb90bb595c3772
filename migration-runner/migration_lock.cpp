#include "migration_lock.hpp"

#include <sqlite3.h>

#include <thread>

#include "db/sqlite_connection.hpp"

namespace sqlmodel::migrate {
namespace {

using Clock = std::chrono::steady_clock;

// The first key of the two-key advisory lock: "SQLM". The second is the current schema's hashtext.
constexpr int advisory_lock_class = 0x53514C4D;

std::string seconds_text(std::chrono::milliseconds duration) {
  const auto ms = duration.count();
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
  return std::to_string(ms / 1000) + "." + std::to_string((ms % 1000) / 100) + " s";
}

int clamp_to_int(std::chrono::milliseconds duration) {
  return static_cast<int>(std::min<long long>(duration.count(), 0x7fffffff));
}

}  // namespace

MigrationLock::MigrationLock(db::Connection& connection, LockOptions options)
    : connection_(connection), options_(std::move(options)) {
  if (connection_.dialect() == schema::Dialect::postgresql) {
    acquire_advisory_lock();
  } else if (auto* sqlite = dynamic_cast<db::SqliteConnection*>(&connection_)) {
    // Reads outside the lock may meet another runner's commit in progress: wait as long as
    // for the lock itself rather than fail with "database is locked".
    sqlite3_busy_timeout(sqlite->handle(), clamp_to_int(options_.timeout));
  }
}

MigrationLock::~MigrationLock() {
  if (!holds_advisory_lock_) return;
  try {
    connection_.query("SELECT pg_advisory_unlock($1, hashtext(coalesce(current_schema(), '')))",
                      {std::to_string(advisory_lock_class)});
  } catch (...) {
    // The session ends with the process, and the server releases the lock then.
  }
}

void MigrationLock::say_waiting(const std::string& what) {
  if (said_waiting_ || !options_.progress) return;
  said_waiting_ = true;
  *options_.progress << "Waiting for " << what << " (another sqlmodel-migrate is applying migrations to "
                     << options_.database_name << "); giving up after " << seconds_text(options_.timeout)
                     << std::endl;
}

void MigrationLock::time_out(const std::string& what) const {
  throw MigrationLockTimeout("could not get " + what + " on " + options_.database_name + " within " +
                             seconds_text(options_.timeout) +
                             ": another sqlmodel-migrate (or another writer) still holds it; nothing was applied "
                             "by this run since it started waiting. Try again, or raise --lock-timeout");
}

void MigrationLock::acquire_advisory_lock() {
  const std::string what = "the migration lock (PostgreSQL advisory lock)";
  const auto deadline = Clock::now() + options_.timeout;
  for (;;) {
    auto result = connection_.query("SELECT pg_try_advisory_lock($1, hashtext(coalesce(current_schema(), '')))",
                                    {std::to_string(advisory_lock_class)});
    if (!result.rows.empty() && result.rows[0][0] == std::optional<std::string>("t")) {
      holds_advisory_lock_ = true;
      return;
    }
    if (Clock::now() >= deadline) {
      std::string holder;
      try {
        auto pids = connection_.query(
            "SELECT pid FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1::oid "
            "AND objid::bigint = (hashtext(coalesce(current_schema(), ''))::bigint & 4294967295) AND objsubid = 2",
            {std::to_string(advisory_lock_class)});
        if (!pids.rows.empty() && pids.rows[0][0]) holder = " (held by server process " + *pids.rows[0][0] + ")";
      } catch (const DatabaseError&) {
        // Naming the holder is a courtesy; the timeout is the error.
      }
      time_out(what + holder);
    }
    say_waiting(what);
    std::this_thread::sleep_for(options_.poll_interval);
  }
}

void MigrationLock::begin_immediate() {
  auto* sqlite = dynamic_cast<db::SqliteConnection*>(&connection_);
  if (!sqlite) {
    connection_.begin();
    return;
  }
  const std::string what = "the SQLite write lock";
  const auto deadline = Clock::now() + options_.timeout;
  // Short busy waits inside SQLite, so that this loop can say it is waiting and stop on time.
  sqlite3_busy_timeout(sqlite->handle(), clamp_to_int(options_.poll_interval));
  for (;;) {
    try {
      connection_.begin();
      break;
    } catch (const DatabaseError&) {
      if ((sqlite3_extended_errcode(sqlite->handle()) & 0xff) != SQLITE_BUSY) {
        sqlite3_busy_timeout(sqlite->handle(), clamp_to_int(options_.timeout));
        throw;
      }
    }
    if (Clock::now() >= deadline) {
      sqlite3_busy_timeout(sqlite->handle(), clamp_to_int(options_.timeout));
      time_out(what);
    }
    say_waiting(what);
  }
  sqlite3_busy_timeout(sqlite->handle(), clamp_to_int(options_.timeout));
}

void MigrationLock::begin_transaction() {
  if (connection_.dialect() == schema::Dialect::sqlite)
    begin_immediate();
  else
    connection_.begin();
}

}  // namespace sqlmodel::migrate
