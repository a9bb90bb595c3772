// Database::State: the pool and the listeners every Session of a Database shares. Internal to
// sqlmodel_orm.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sqlmodel/database.hpp"
#include "sqlmodel/detail/connection.hpp"

namespace sqlmodel {

struct Database::State {
  schema::Dialect dialect = schema::Dialect::sqlite;
  DatabaseOptions options;
  std::function<std::unique_ptr<detail::Connection>()> open_connection;
  std::string description;  // for messages: "SQLite database 'app.db'"
  std::string url;          // as given to Database::open

  mutable std::mutex mutex;
  std::condition_variable returned;
  std::vector<std::unique_ptr<detail::Connection>> idle;
  std::size_t open = 0;

  std::mutex listeners_mutex;
  std::map<std::uint64_t, StatementListener> listeners;
  std::uint64_t next_listener = 1;
  std::atomic<std::size_t> listener_count{0};

  // Waits up to options.acquire_timeout for a connection; throws ConnectionError naming the
  // database and the pool size when none comes.
  std::unique_ptr<detail::Connection> acquire();
  // A connection left inside a transaction (a failed rollback) is closed instead of reused.
  void release(std::unique_ptr<detail::Connection> connection) noexcept;
  void notify(const StatementEvent& event);
};

}  // namespace sqlmodel
