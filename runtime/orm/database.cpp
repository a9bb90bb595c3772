#include <chrono>
#include <stdexcept>

#include "db/connection.hpp"
#include "orm/backends.hpp"
#include "orm/database_state.hpp"
#include "sqlmodel/database.hpp"

namespace sqlmodel {

Database Database::open(std::string_view url, DatabaseOptions options) {
  db::Url parsed = db::parse_url(url);
  if (options.max_connections == 0)
    throw std::invalid_argument("DatabaseOptions::max_connections must be at least 1");
  auto state = std::make_shared<State>();
  state->dialect = parsed.dialect;
  state->options = options;
  state->url = std::string(url);
  if (parsed.dialect == schema::Dialect::sqlite) {
    std::string path = parsed.sqlite_path;
    // Each connection to :memory: is a database of its own: one connection is the database.
    if (path == ":memory:") state->options.max_connections = 1;
    state->description = "SQLite database '" + path + "'";
    state->open_connection = [path, uuid_without_column = options.sqlite_uuid] {
      return orm::open_sqlite_connection(path, uuid_without_column);
    };
  } else {
#ifdef SQLMODEL_HAVE_POSTGRES
    std::string uri = parsed.postgres_uri;
    state->description = "PostgreSQL database";
    state->open_connection = [uri] { return orm::open_postgres_connection(uri); };
#else
    throw ConnectionError(
        "cannot open a postgresql:// URL: this build of sqlmodel has no PostgreSQL backend "
        "(configured with SQLMODEL_WITH_POSTGRES=OFF)");
#endif
  }
  // Open the first connection now, so a wrong path or server fails at open() and not at the
  // first query.
  state->idle.push_back(state->open_connection());
  state->open = 1;
  return Database(std::move(state));
}

schema::Dialect Database::dialect() const { return state_->dialect; }
const std::string& Database::url() const { return state_->url; }

void Database::exec_script(std::string_view sql) {
  auto connection = state_->acquire();
  try {
    connection->begin();
    connection->exec_script(sql);
    connection->commit();
  } catch (...) {
    try {
      connection->rollback();
    } catch (...) {
    }
    state_->release(std::move(connection));
    throw;
  }
  state_->release(std::move(connection));
}

std::uint64_t Database::add_listener(StatementListener listener) {
  std::lock_guard lock(state_->listeners_mutex);
  std::uint64_t id = state_->next_listener++;
  state_->listeners.emplace(id, std::move(listener));
  state_->listener_count = state_->listeners.size();
  return id;
}

void Database::remove_listener(std::uint64_t id) {
  std::lock_guard lock(state_->listeners_mutex);
  state_->listeners.erase(id);
  state_->listener_count = state_->listeners.size();
}

std::size_t Database::open_connections() const {
  std::lock_guard lock(state_->mutex);
  return state_->open;
}

std::size_t Database::idle_connections() const {
  std::lock_guard lock(state_->mutex);
  return state_->idle.size();
}

std::unique_ptr<detail::Connection> Database::State::acquire() {
  std::unique_lock lock(mutex);
  auto deadline = std::chrono::steady_clock::now() + options.acquire_timeout;
  while (idle.empty() && open >= options.max_connections) {
    if (returned.wait_until(lock, deadline) == std::cv_status::timeout && idle.empty() &&
        open >= options.max_connections)
      throw ConnectionError("no free connection to the " + description + " after " +
                            std::to_string(options.acquire_timeout.count()) + " ms: all " +
                            std::to_string(options.max_connections) +
                            " connections are held by open sessions");
  }
  if (!idle.empty()) {
    auto connection = std::move(idle.back());
    idle.pop_back();
    return connection;
  }
  ++open;
  lock.unlock();
  try {
    return open_connection();
  } catch (...) {
    lock.lock();
    --open;
    returned.notify_one();
    throw;
  }
}

void Database::State::release(std::unique_ptr<detail::Connection> connection) noexcept {
  std::lock_guard lock(mutex);
  bool usable = false;
  try {
    usable = connection && !connection->in_transaction();
  } catch (...) {
  }
  if (usable) {
    idle.push_back(std::move(connection));
  } else {
    connection.reset();
    --open;
  }
  returned.notify_one();
}

void Database::State::notify(const StatementEvent& event) {
  std::lock_guard lock(listeners_mutex);
  for (auto& [id, listener] : listeners) listener(event);
}

}  // namespace sqlmodel
