// Session: the unit of work over one pooled connection.
//
//   sqlmodel::Session session(db);
//   User alice{.email = "alice@example.com"};
//   session.add(alice);               // INSERT at the next flush / commit
//   session.commit();                 // alice.id now holds the key the database assigned
//   auto found = session.get<User>(*alice.id);
//
// Models are plain values the caller owns (there is no identity map and no dirty tracking):
// add() stages an INSERT, update() an UPDATE of every column by primary key, remove() a
// DELETE by primary key. The session refers to the staged object until the next flush, so it
// must stay alive (and in place) until then. flush() runs staged writes in the order they were
// staged; commit() flushes and commits; rollback() drops staged writes and rolls back.
//
// A transaction begins with the first statement (as in SQLAlchemy) or explicitly with begin(),
// whose Transaction rolls back in its destructor unless committed. Any statement that fails
// rolls the whole transaction back on both dialects, so SQLite and PostgreSQL behave alike.
//
// Statements are prepared once per connection and cached; values are bound straight from the
// members (see model_traits.hpp).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sqlmodel/database.hpp"
#include "sqlmodel/errors.hpp"
#include "sqlmodel/loading_sql.hpp"
#include "sqlmodel/model_traits.hpp"
#include "sqlmodel/query.hpp"
#include "sqlmodel/single_table.hpp"
#include "sqlmodel/sqlite_statement.hpp"
#include "sqlmodel/statement.hpp"
#include "sqlmodel/write_preparation.hpp"

namespace sqlmodel {

// SQL text of the per-model statements; identifiers quoted by the dialect.
namespace sql {
std::string insert(schema::Dialect dialect, std::string_view table,
                   std::span<const std::string_view> columns,
                   std::optional<std::string_view> returning);
// Rows whose `key` is in one bound list parameter: json_each(?) on SQLite, = ANY($1) on
// PostgreSQL. One statement text for any number of keys, so it is prepared once.
std::string select_where_in_list(schema::Dialect dialect, std::string_view table,
                                 std::span<const std::string_view> columns, std::string_view key,
                                 std::string_view order_by);
// The list parameter select_where_in_list binds: a JSON array (SQLite) or an array literal
// (PostgreSQL).
std::string integer_list(schema::Dialect dialect, std::span<const std::int64_t> values);
std::string text_list(schema::Dialect dialect, std::span<const std::string> values);
}  // namespace sql

namespace detail {

template <typename T>
struct table_info {
  std::vector<std::string_view> columns;
  std::vector<std::string_view> non_key_columns;
  std::vector<std::string_view> keys;  // the primary key's columns, in order
  std::string_view key;                // the first of them

  static const table_info& get() {
    static const table_info info = [] {
      table_info result;
      for_each_column<T>([&](auto index, const auto& column) {
        result.columns.push_back(column.name);
        if (is_primary_key_index<T>(index())) result.keys.push_back(column.name);
        else result.non_key_columns.push_back(column.name);
      });
      result.key = result.keys.front();
      return result;
    }();
    return info;
  }
};

// The parameter index of column `index` among the non-key columns (UPDATE's SET list, and an
// INSERT that leaves a generated key out).
template <TableModel T>
constexpr int non_key_position(std::size_t index) {
  int position = 0;
  for (std::size_t i = 0; i < index; ++i)
    if (!is_primary_key_index<T>(i)) ++position;
  return position;
}

// True when the database assigns the key: a single autoincrement key column.
template <TableModel T>
constexpr bool has_generated_key() {
  if constexpr (has_composite_key<T>) return false;
  else return primary_key_column<T>.autoincrement;
}

// Binds every non-key column of `object` to parameters 0, 1, ...
template <TableModel T>
void bind_non_key_columns(Statement& statement, const T& object) {
  for_each_column<T>([&](auto index, const auto& column) {
    if constexpr (!is_primary_key_index<T>(index()))
      column.bind(statement, non_key_position<T>(index()), object);
  });
}

// Binds the primary key columns of `object` from parameter first_index on.
template <TableModel T>
void bind_key_columns(Statement& statement, const T& object, int first_index) {
  for_each_key_column<T>([&](const auto& column) { column.bind(statement, first_index++, object); });
}

// Binds a key value as get<T>() takes it: the value, or a tuple of the key columns' values.
template <TableModel T, typename Key>
void bind_key_value(Statement& statement, const Key& key) {
  if constexpr (has_composite_key<T>)
    std::apply([&](const auto&... values) {
      int index = 0;
      (value_codec<std::remove_cvref_t<decltype(values)>>::bind(statement, index++, values), ...);
    }, key);
  else
    value_codec<Key>::bind(statement, 0, key);
}

enum class StatementRole { insert_all, insert_generated_key, select_by_key, update, remove, select_in };
// One address per model, role and key column: the key of the connection's statement cache.
template <typename T, StatementRole Role, auto Extra = 0>
inline const char statement_tag = 0;

template <typename V>
bool key_is_unset(const std::optional<V>& value) { return !value.has_value(); }
template <typename V>
bool key_is_unset(const V& value) {
  if constexpr (std::is_integral_v<V>) return value == 0;
  else return false;
}

template <typename V>
void assign_generated_key(std::optional<V>& member, std::int64_t key) { member = static_cast<V>(key); }
template <typename V>
void assign_generated_key(V& member, std::int64_t key) { member = static_cast<V>(key); }

template <typename V>
std::string key_text(const V& value) {
  if constexpr (std::is_arithmetic_v<V>) return std::to_string(value);
  else if constexpr (std::is_same_v<V, std::string>) return "'" + value + "'";
  else if constexpr (requires { value.to_string(); }) return value.to_string();
  else return "<key>";
}
template <typename V>
std::string key_text(const std::optional<V>& value) {
  return value ? key_text(*value) : std::string("NULL");
}
template <typename... V>
std::string key_text(const std::tuple<V...>& values) {
  std::string text = "(";
  std::apply([&](const auto&... value) {
    bool first = true;
    ((text += (first ? "" : ", ") + key_text(value), first = false), ...);
  }, values);
  return text + ")";
}

// The key column(s) as errors show them: id, or (user_id, team_id).
template <TableModel T>
std::string key_columns_text() {
  const auto& keys = table_info<T>::get().keys;
  if (keys.size() == 1) return std::string(keys.front());
  std::string text = "(";
  for (std::size_t i = 0; i < keys.size(); ++i) text += (i ? ", " : "") + std::string(keys[i]);
  return text + ")";
}

// The key of `object` as errors show it.
template <TableModel T>
std::string object_key_text(const T& object) {
  if constexpr (has_composite_key<T>) return key_text(object_key(object));
  else return key_text(object.*primary_key_column<T>.member);
}

}  // namespace detail

class Session;

namespace detail {

// Cascades on remove/update (cascade.hpp).
template <TableModel T>
constexpr bool has_delete_dependents();
template <TableModel T>
void delete_dependents(Session& session, std::span<T* const> parents);
template <TableModel T>
constexpr bool has_delete_orphan();
template <TableModel T>
void delete_orphans(Session& session, std::span<T* const> parents);

// Loaders joined into the main statement (loading_joined.hpp).
template <TableModel T>
bool has_joined_loads(const std::vector<Loader<T>>& loaders);
template <TableModel T>
std::vector<T> exec_joined(Session& session, const Select<T>& query);

}  // namespace detail

class Session;

// An explicit transaction: rolls back when destroyed without commit().
class Transaction {
 public:
  explicit Transaction(Session& session) : session_(&session) {}
  Transaction(Transaction&& other) noexcept : session_(std::exchange(other.session_, nullptr)) {}
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  void commit();
  void rollback();
  bool active() const { return session_ != nullptr; }

 private:
  Session* session_;
};

class Session {
 public:
  explicit Session(const Database& database);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  schema::Dialect dialect() const { return dialect_; }
  Connection& connection() { return *connection_; }

  // ---- unit of work ----
  template <TableModel T>
  void add(T& object) {
    name_relationships(object);
    assign_discriminator(object);  // single-table inheritance (single_table.hpp)
    validate(object);
    pending_.push_back({&object, &Session::insert_batch<T>,
                        detail::prepares_insert<T>() ? &detail::prepare_insert<T> : nullptr});
  }
  template <TableModel T>
  void add_all(std::span<T> objects) {
    pending_.reserve(pending_.size() + objects.size());
    for (T& object : objects) add(object);
  }
  template <TableModel T>
  void add_all(std::vector<T>& objects) { add_all(std::span<T>(objects)); }
  template <TableModel T>
  void update(T& object) {
    validate(object);
    pending_.push_back({&object, &Session::update_batch<T>, &detail::prepare_update<T>});
  }
  // Soft-deletable models (mixins.hpp): sets deleted_at to now and stages an UPDATE.
  template <TableModel T>
    requires(is_soft_deletable<T>())
  void soft_remove(T& object) {
    for_each_column<T>([&](auto, const auto& column) {
      using Column = std::remove_cvref_t<decltype(column)>;
      if (column.role == ColumnRole::deleted_at) detail::assign_now(object.*Column::member);
    });
    update(object);
  }
  template <TableModel T>
  void remove(T& object) {
    pending_.push_back({&object, &Session::remove_batch<T>});
  }

  // Many objects in one go: PostgreSQL COPY, SQLite a prepared INSERT per row. Generated keys
  // are not written back (bulk_insert.hpp).
  template <TableModel T>
  void bulk_insert(std::span<const T> objects);
  template <TableModel T>
  void bulk_insert(const std::vector<T>& objects) { bulk_insert(std::span<const T>(objects)); }

  void flush();
  void commit();
  void rollback();
  Transaction begin();
  bool in_transaction() const;
  std::size_t pending() const { return pending_.size(); }

  // Runs DDL or another script inside the session's transaction.
  void execute(std::string_view sql);

  // ---- reads ----
  // A soft-deleted row (soft_delete.hpp) is not found unless asked: get<T>(key, with_deleted).
  template <TableModel T>
  std::optional<T> get(const unwrap_optional_t<primary_key_type<T>>& key) {
    auto found = get<T>(key, with_deleted);
    if (found && is_soft_deleted(*found)) found.reset();
    return found;
  }
  template <TableModel T>
  std::optional<T> get(const unwrap_optional_t<primary_key_type<T>>& key, WithDeleted) {
    flush();
    const auto& info = detail::table_info<T>::get();
    Statement& statement = connection_->prepare_cached(
        &detail::statement_tag<T, detail::StatementRole::select_by_key>,
        [&] {
          return sql::select_by_keys(dialect_, model_traits<T>::table_name, info.columns, info.keys) +
                 detail::and_discriminator_in<T>(dialect_, model_traits<T>::table_name);
        });
    std::optional<T> found;
    run<true>(statement, info.keys.size(),
        [&](Statement& s) { detail::bind_key_value<T>(s, key); },
        [&](Statement& s) { read_columns(s, found.emplace()); });
    return found;
  }

  // get(), but a missing row is a NotFound error naming the table and key.
  template <TableModel T>
  T get_one(const unwrap_optional_t<primary_key_type<T>>& key) {
    auto found = get<T>(key, with_deleted);
    if (found && is_soft_deleted(*found))
      throw not_found<T>(detail::key_text(key),
                         " (the row is soft-deleted: get_one(key, sqlmodel::with_deleted) returns it)");
    if (!found) throw not_found<T>(detail::key_text(key));
    return std::move(*found);
  }
  template <TableModel T>
  T get_one(const unwrap_optional_t<primary_key_type<T>>& key, WithDeleted) {
    auto found = get<T>(key, with_deleted);
    if (!found) throw not_found<T>(detail::key_text(key));
    return std::move(*found);
  }

  // Reloads every column of `object` from its row (relationships are left as they are).
  template <TableModel T>
  void refresh(T& object) {
    bool unset = false;
    for_each_key_column<T>([&](const auto& column) {
      unset = unset || detail::key_is_unset(object.*column.member);
    });
    if (unset)
      throw std::invalid_argument("cannot refresh a " + std::string(model_traits<T>::model_name) +
                                  " whose primary key is unset (it was never inserted)");
    flush();
    const auto& info = detail::table_info<T>::get();
    Statement& statement = connection_->prepare_cached(
        &detail::statement_tag<T, detail::StatementRole::select_by_key>,
        [&] {
          return sql::select_by_keys(dialect_, model_traits<T>::table_name, info.columns, info.keys) +
                 detail::and_discriminator_in<T>(dialect_, model_traits<T>::table_name);
        });
    bool found = false;
    run<true>(statement, info.keys.size(), [&](Statement& s) { detail::bind_key_columns(s, object, 0); },
        [&](Statement& s) {
          read_columns(s, object);
          found = true;
        });
    if (!found) throw not_found<T>(detail::object_key_text(object));
  }

  template <TableModel T>
  std::vector<T> exec(const Select<T>& query) {
    if (!query.loaders().empty() && detail::has_joined_loads<T>(query.loaders()))
      return detail::exec_joined(*this, query);
    flush();
    RenderedQuery rendered = query.render(dialect_);
    Statement& statement = connection_->prepare(rendered.sql, model_traits<T>::table_name);
    std::vector<T> rows;
    run(statement, rendered.params.size(),
        [&](Statement& s) {
          for (std::size_t i = 0; i < rendered.params.size(); ++i)
            bind_param(s, static_cast<int>(i), rendered.params[i]);
        },
        [&](Statement& s) { read_columns(s, rows.emplace_back()); });
    if (!query.loaders().empty() && !rows.empty()) {
      std::vector<T*> pointers;
      pointers.reserve(rows.size());
      for (T& row : rows) pointers.push_back(&row);
      for (const auto& loader : query.loaders()) loader(*this, pointers);
    }
    return rows;
  }

  // select(...) tuples, update<T>() / delete_<T>() and text() (query_*.hpp): each query type
  // runs itself and says what it returns (rows, or the number of rows changed).
  template <typename Query>
    requires requires(const Query& query, Session& session) { query.run(session); }
  auto exec(const Query& query) {
    return query.run(*this);
  }

  // The database's plan for any query, as text (query_explain.hpp).
  template <typename Query>
  std::string explain(const Query& query, ExplainMode mode = ExplainMode::plan) {
    return explain_plan(*this, query.render(dialect_), mode);
  }

  template <TableModel T>
  std::optional<T> first(Select<T> query) {
    auto rows = exec(query.limit(1));
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
  }

  // Loads one relationship of objects already in hand: one statement however many objects.
  // Soft-deleted targets are left out unless asked: load(user, &User::posts, with_deleted).
  template <TableModel T, typename M>
  void load(T& object, M T::*relationship);
  template <TableModel T, typename M>
  void load(T& object, M T::*relationship, WithDeleted);
  template <TableModel T, typename M>
  void load(std::span<T> objects, M T::*relationship);
  template <TableModel T, typename M>
  void load(std::span<T> objects, M T::*relationship, WithDeleted);
  template <TableModel T, typename M>
  void load(std::vector<T>& objects, M T::*relationship) {
    load(std::span<T>(objects), relationship);
  }
  template <TableModel T, typename M>
  void load(std::vector<T>& objects, M T::*relationship, WithDeleted) {
    load(std::span<T>(objects), relationship, with_deleted);
  }

  // ---- statement listeners ----
  // Called after every statement this session runs (besides the database's listeners).
  void add_listener(StatementListener listener) { listeners_.push_back(std::move(listener)); }

  struct RunResult {
    std::int64_t rows_returned = 0;
    std::int64_t rows_changed = 0;
    std::int64_t last_insert_id = 0;  // SQLite only
  };

  // Runs a prepared statement: begins the transaction if none is open, binds, steps through
  // the rows, resets, and tells the listeners. On failure the transaction is rolled back.
  // SingleRow: the statement matches at most one row (a primary key lookup), so it is not
  // stepped again to find out that no second row follows.
  template <bool SingleRow = false, typename Bind, typename OnRow>
  RunResult run(Statement& statement, std::size_t parameters, Bind&& bind, OnRow&& on_row) {
    ensure_transaction();
    const bool observed = is_observed();
    const auto start = observed ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
    RunResult result;
    // SQLite's statement class is final: stepping it directly lets the compiler inline the
    // calls a hand-written loop makes (sqlite_statement.hpp).
    SqliteStatement* const sqlite = statement.as_sqlite();
    try {
      bind(statement);
      while (sqlite ? sqlite->step() : statement.step()) {
        on_row(statement);
        ++result.rows_returned;
        if constexpr (SingleRow) break;
      }
      if (sqlite) {
        result.rows_changed = sqlite->rows_affected();
        result.last_insert_id = sqlite->last_insert_id();
      } else {
        result.rows_changed = statement.rows_affected();
      }
    } catch (...) {
      statement.reset();
      if (observed) notify(statement, parameters, start, 0, true);
      abort_transaction();
      throw;
    }
    statement.reset();
    if (observed)
      notify(statement, parameters, start,
             result.rows_returned ? result.rows_returned : result.rows_changed, false);
    return result;
  }

 private:
  friend class Transaction;
  struct PendingWrite {
    void* object;
    void (*apply)(Session&, std::span<const PendingWrite>);
    // add()/update(): default factories, timestamps and validation, run by flush() for every
    // staged write before its first statement (write_preparation.hpp).
    void (*prepare)(void*) = nullptr;
  };
  template <TableModel T>
  static std::vector<T*> objects_of(std::span<const PendingWrite> writes) {
    std::vector<T*> objects;
    objects.reserve(writes.size());
    for (const PendingWrite& write : writes) objects.push_back(static_cast<T*>(write.object));
    return objects;
  }

  void ensure_transaction();
  void abort_transaction() noexcept;
  bool is_observed() const;
  void notify(const Statement& statement, std::size_t parameters,
              std::chrono::steady_clock::time_point start, std::int64_t rows, bool failed);

  template <TableModel T>
  static NotFound not_found(const std::string& key, std::string_view why = {}) {
    const std::string table(model_traits<T>::table_name);
    return NotFound("no " + std::string(model_traits<T>::model_name) + " in table '" + table +
                        "' with " + detail::key_columns_text<T>() + " = " + key + std::string(why),
                    table, key);
  }

  // Each runs a batch of consecutive staged writes of one kind and model: the statement is
  // looked up once per batch, not once per object.
  template <TableModel T>
  static void insert_batch(Session& session, std::span<const PendingWrite> writes) {
    const auto& info = detail::table_info<T>::get();
    const std::string_view table = model_traits<T>::table_name;
    const schema::Dialect dialect = session.dialect_;
    Statement* generated_key_statement = nullptr;
    Statement* all_columns_statement = nullptr;
    for (const PendingWrite& write : writes) {
      T& object = *static_cast<T*>(write.object);
      if constexpr (detail::has_generated_key<T>()) {
        constexpr auto& key = primary_key_column<T>;
        if (detail::key_is_unset(object.*key.member)) {
          if (!generated_key_statement)
            generated_key_statement = &session.connection_->prepare_cached(
                &detail::statement_tag<T, detail::StatementRole::insert_generated_key>,
                [&] {
                  return sql::insert(dialect, table, detail::insert_columns<T, false>(info.non_key_columns),
                                     dialect == schema::Dialect::postgresql
                                         ? std::optional<std::string_view>(info.key)
                                         : std::nullopt);
                },
                table);
          auto result = session.run(
              *generated_key_statement, info.non_key_columns.size(),
              [&](Statement& s) {
                detail::bind_non_key_columns(s, object);
                detail::bind_discriminator_column<T>(s, static_cast<int>(info.non_key_columns.size()));
              },
              [&](Statement& s) { key.read(s, 0, object); });
          if (dialect == schema::Dialect::sqlite)
            detail::assign_generated_key(object.*key.member, result.last_insert_id);
          continue;
        }
      }
      if (!all_columns_statement)
        all_columns_statement = &session.connection_->prepare_cached(
            &detail::statement_tag<T, detail::StatementRole::insert_all>,
            [&] { return sql::insert(dialect, table, detail::insert_columns<T, true>(info.columns), std::nullopt); },
            table);
      session.run(*all_columns_statement, info.columns.size(),
                  [&](Statement& s) {
                    bind_columns(s, object);
                    detail::bind_discriminator_column<T>(s, static_cast<int>(info.columns.size()));
                  },
                  [](Statement&) {});
    }
  }

  template <TableModel T>
  static void update_batch(Session& session, std::span<const PendingWrite> writes) {
    const auto& info = detail::table_info<T>::get();
    const std::string_view table = model_traits<T>::table_name;
    Statement& statement = session.connection_->prepare_cached(
        &detail::statement_tag<T, detail::StatementRole::update>,
        [&] { return sql::update_by_keys(session.dialect_, table, info.non_key_columns, info.keys); },
        table);
    for (const PendingWrite& write : writes) {
      T& object = *static_cast<T*>(write.object);
      auto result = session.run(
          statement, info.columns.size(),
          [&](Statement& s) {
            detail::bind_non_key_columns(s, object);
            detail::bind_key_columns(s, object, static_cast<int>(info.non_key_columns.size()));
          },
          [](Statement&) {});
      if (result.rows_changed != 1)
        session.stale<T>(statement, "UPDATE", detail::object_key_text(object));
    }
    // delete_orphan: children the loaded collections no longer hold are deleted.
    if constexpr (detail::has_delete_orphan<T>())
      detail::delete_orphans<T>(session, objects_of<T>(writes));
  }

  template <TableModel T>
  static void remove_batch(Session& session, std::span<const PendingWrite> writes) {
    const auto& info = detail::table_info<T>::get();
    const std::string_view table = model_traits<T>::table_name;
    // Cascades and link rows first, one statement per level for the whole batch.
    if constexpr (detail::has_delete_dependents<T>())
      detail::delete_dependents<T>(session, objects_of<T>(writes));
    Statement& statement = session.connection_->prepare_cached(
        &detail::statement_tag<T, detail::StatementRole::remove>,
        [&] { return sql::delete_by_keys(session.dialect_, table, info.keys); }, table);
    for (const PendingWrite& write : writes) {
      T& object = *static_cast<T*>(write.object);
      auto result = session.run(statement, info.keys.size(),
                                [&](Statement& s) { detail::bind_key_columns(s, object, 0); },
                                [](Statement&) {});
      if (result.rows_changed != 1)
        session.stale<T>(statement, "DELETE", detail::object_key_text(object));
    }
  }

  template <TableModel T>
  [[noreturn]] void stale(const Statement& statement, std::string_view what, const std::string& key) {
    abort_transaction();
    const std::string table(model_traits<T>::table_name);
    throw StaleData(std::string(what) + " of " + std::string(model_traits<T>::model_name) +
                        " with " + detail::key_columns_text<T>() + " = " + key +
                        " in table '" + table +
                        "' matched no row: it was deleted, or its key changed, since it was read",
                    statement.sql(), table, key);
  }

  std::shared_ptr<Database::State> database_;
  std::unique_ptr<Connection> connection_;
  schema::Dialect dialect_;
  std::vector<PendingWrite> pending_;
  std::vector<StatementListener> listeners_;
};

}  // namespace sqlmodel

// The session's templates defined with the loaders (loading.hpp includes the rest).
#include "sqlmodel/loading.hpp"
