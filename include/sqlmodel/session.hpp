// Session: the unit of work over one pooled connection.
//
//   sqlmodel::Session session(db);
//   User alice{.email = "alice@example.com"};
//   session.add(alice);               // INSERT at the next flush / commit
//   session.commit();                 // alice.id now holds the key the database assigned
//   auto found = session.get<User>(*alice.id);
//
// Models are plain values the caller owns; there is no identity map. The session remembers
// what each row held when it last read or wrote it (by table and primary key, detail/row_state.hpp),
// so a write sends only the columns that changed, and nothing when none did. add() stages an
// object and, through its loaded or set relationships, every object it reaches (SQLAlchemy's
// save-update cascade): new ones are inserted in foreign-key order, changed ones updated, and
// the keys the database assigns are written into the objects and the foreign keys that refer
// to them (detail/unit_of_work.hpp). update() stages an UPDATE of the changed columns (every
// column for a row this session never read), delete_() a DELETE by primary key. The session
// refers to a staged object until the next flush, so it must stay alive (and in place) until
// then; add(std::shared_ptr) lets a relationship's other side hold the object itself.
// flush() runs the staged writes; commit() flushes and commits; rollback() drops staged writes,
// rolls back, and forgets what the session remembered of rows.
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
#include "sqlmodel/detail/cascade.hpp"
#include "sqlmodel/detail/connection.hpp"
#include "sqlmodel/detail/copy_text.hpp"
#include "sqlmodel/detail/loaders.hpp"
#include "sqlmodel/detail/single_table.hpp"
#include "sqlmodel/detail/sql.hpp"
#include "sqlmodel/detail/sqlite_statement.hpp"
#include "sqlmodel/detail/statements.hpp"
#include "sqlmodel/detail/row_state.hpp"
#include "sqlmodel/detail/unit_of_work.hpp"
#include "sqlmodel/detail/write_preparation.hpp"
#include "sqlmodel/dialect.hpp"
#include "sqlmodel/errors.hpp"
#include "sqlmodel/loading.hpp"
#include "sqlmodel/mixins.hpp"
#include "sqlmodel/model_traits.hpp"
#include "sqlmodel/query.hpp"
#include "sqlmodel/soft_delete.hpp"
#include "sqlmodel/statement.hpp"
#include "sqlmodel/validation.hpp"

namespace sqlmodel {

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
  detail::Connection& connection() { return *connection_; }

  // ---- unit of work ----
  // Stages `object` (and what its relationships reach) for the next flush: an INSERT when its
  // key is unset (or is one this session never read), else an UPDATE of the columns that
  // changed since the session read or wrote the row. Validates it now (validation.hpp).
  template <TableModel T>
  void add(T& object) {
    stage(object, detail::WriteKind::add, nullptr);
  }
  // The same for an object held by a shared_ptr: relationships' other sides (back_populates)
  // can then hold the object itself.
  template <TableModel T>
  void add(const std::shared_ptr<T>& object) {
    stage(*object, detail::WriteKind::add, object);
  }
  template <TableModel T>
  void add_all(std::span<T> objects) {
    pending_.reserve(pending_.size() + objects.size());
    for (T& object : objects) add(object);
  }
  template <TableModel T>
  void add_all(std::vector<T>& objects) { add_all(std::span<T>(objects)); }
  template <TableModel T>
  void add_all(const std::vector<std::shared_ptr<T>>& objects) {
    pending_.reserve(pending_.size() + objects.size());
    for (const auto& object : objects) add(object);
  }
  // Stages an UPDATE of `object` by primary key: the columns that changed since this session
  // read or wrote the row (nothing at all, not even updated_at, when none did), or every
  // column for a row the session never read. Relationships are followed as add() does.
  template <TableModel T>
  void update(T& object) {
    stage(object, detail::WriteKind::update, nullptr);
  }
  template <TableModel T>
  void update(const std::shared_ptr<T>& object) {
    stage(*object, detail::WriteKind::update, object);
  }
  // Soft-deletable models (mixins.hpp): sets deleted_at to now and stages an UPDATE.
  template <TableModel T>
    requires(is_soft_deletable<T>())
  void soft_delete(T& object) {
    for_each_column<T>([&](auto, const auto& column) {
      using Column = std::remove_cvref_t<decltype(column)>;
      if (column.role == ColumnRole::deleted_at) detail::assign_now(object.*Column::member);
    });
    update(object);
  }
  // Stages a DELETE by primary key (with the relationships' cascades, cascade.hpp). `delete` is
  // a keyword, hence the underscore, as in delete_<T>() for a DELETE by criteria.
  template <TableModel T>
  void delete_(T& object) {
    pending_.push_back({&object, &detail::model_ops<T, Session>(), detail::WriteKind::remove, nullptr});
  }
  template <TableModel T>
  void delete_(const std::shared_ptr<T>& object) {
    pending_.push_back({object.get(), &detail::model_ops<T, Session>(), detail::WriteKind::remove, object});
  }
  template <TableModel T>
  [[deprecated("Session::remove is now Session::delete_")]] void remove(T& object) {
    delete_(object);
  }

  // bulk_insert(objects): many rows at once, in the session's transaction.
  //
  //   std::vector<Reading> readings = ...;
  //   session.bulk_insert(readings);   // PostgreSQL: one COPY readings (...) FROM STDIN
  //   session.commit();
  //
  // PostgreSQL streams the rows through COPY in COPY text format, encoded by the same codecs as
  // bound parameters (NULLs, enums, UUIDs, bytea, escaped tabs/newlines/backslashes). SQLite runs
  // its one prepared INSERT per row, which is what COPY buys elsewhere. Keys the database
  // assigns are not written back (as SQLAlchemy's bulk_insert_mappings): use add_all() when the
  // objects need them. Either every object leaves its generated key unset (the database assigns
  // them) or every object sets it.
  //
  // A single-table model's rows get its polymorphic_identity in the discriminator, as add() writes.
  // A generated column is never written; a column with a .server_default that an object leaves
  // std::nullopt is left out of its row, so the database's DEFAULT applies (runs of rows that
  // write the same columns share one statement, or one COPY).
  //
  // As add() does, and before anything is written (staged writes are not flushed either):
  // - every object is validated (validation.hpp); one ValidationError lists every failure of
  //   every object, each with the object's index ("Account[3].handle: at most 20 characters").
  // - columns with a default_factory (created_at, uuid4 ...) and updated_at get their value in the
  //   rows written while the object leaves them unset: one `now` for the whole call (all rows are
  //   written in one transaction), a fresh UUID per row. The objects are const and are not changed
  //   (like generated keys); read the rows back when they are needed.
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

  // Runs a script (DDL, or several statements separated by ';', without parameters or results)
  // inside the session's transaction. For one statement with values: exec(text(...)).
  void exec_script(std::string_view sql);

  // ---- reads ----
  // A soft-deleted row (soft_delete.hpp) is not found unless asked: get<T>(key, with_deleted).
  template <TableModel T>
  std::optional<T> get(const detail::unwrap_optional_t<primary_key_type<T>>& key) {
    auto found = get<T>(key, with_deleted);
    if (found && is_soft_deleted(*found)) found.reset();
    return found;
  }
  template <TableModel T>
  std::optional<T> get(const detail::unwrap_optional_t<primary_key_type<T>>& key, WithDeleted) {
    flush();
    const auto& info = detail::table_info<T>::get();
    Statement& statement = connection_->prepare_cached(
        &detail::statement_tag<T, detail::StatementRole::select_by_key>,
        [&] {
          return detail::sql::select_by_keys(dialect_, model_traits<T>::table_name, info.columns, info.keys) +
                 detail::and_discriminator_in<T>(dialect_, model_traits<T>::table_name);
        });
    std::optional<T> found;
    run<true>(statement, info.keys.size(),
        [&](Statement& s) { detail::bind_key_value<T>(s, key); },
        [&](Statement& s) { detail::read_columns(s, found.emplace()); });
    if (found) remember(*found);
    return found;
  }

  // get(), but a missing row is a NotFound error naming the table and key.
  template <TableModel T>
  T get_one(const detail::unwrap_optional_t<primary_key_type<T>>& key) {
    auto found = get<T>(key, with_deleted);
    if (found && is_soft_deleted(*found))
      throw not_found<T>(detail::key_text(key),
                         " (the row is soft-deleted: get_one(key, sqlmodel::with_deleted) returns it)");
    if (!found) throw not_found<T>(detail::key_text(key));
    return std::move(*found);
  }
  template <TableModel T>
  T get_one(const detail::unwrap_optional_t<primary_key_type<T>>& key, WithDeleted) {
    auto found = get<T>(key, with_deleted);
    if (!found) throw not_found<T>(detail::key_text(key));
    return std::move(*found);
  }

  // Reloads every column of `object` from its row (relationships are left as they are).
  template <TableModel T>
  void refresh(T& object) {
    bool unset = false;
    detail::for_each_key_column<T>([&](const auto& column) {
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
          return detail::sql::select_by_keys(dialect_, model_traits<T>::table_name, info.columns, info.keys) +
                 detail::and_discriminator_in<T>(dialect_, model_traits<T>::table_name);
        });
    bool found = false;
    run<true>(statement, info.keys.size(), [&](Statement& s) { detail::bind_key_columns(s, object, 0); },
        [&](Statement& s) {
          detail::read_columns(s, object);
          found = true;
        });
    if (!found) throw not_found<T>(detail::object_key_text(object));
    remember(object);
  }

  template <TableModel T>
  std::vector<T> exec(const Select<T>& query) {
    if (!query.loaders().empty() && detail::has_joined_loads<T>(query.loaders()))
      return detail::exec_joined(*this, query);
    flush();
    detail::RenderedQuery rendered = query.render(dialect_);
    Statement& statement = connection_->prepare(rendered.sql, model_traits<T>::table_name);
    std::vector<T> rows;
    run(statement, rendered.params.size(),
        [&](Statement& s) {
          for (std::size_t i = 0; i < rendered.params.size(); ++i)
            detail::bind_param(s, static_cast<int>(i), rendered.params[i]);
        },
        [&](Statement& s) { detail::read_columns(s, rows.emplace_back()); });
    // Remembered once all are read, in one pass: the loop over the rows stays the plain read.
    row_states_.of<T>().remember_all(std::span<const T>(rows));
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
    return detail::explain_plan(*this, query.render(dialect_), mode);
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
  void load(T& object, M T::*relationship) {
    load(std::span<T>(&object, 1), relationship);
  }
  template <TableModel T, typename M>
  void load(T& object, M T::*relationship, WithDeleted) {
    load(std::span<T>(&object, 1), relationship, with_deleted);
  }
  template <TableModel T, typename M>
  void load(std::span<T> objects, M T::*relationship) {
    load_objects(objects, relationship, false);
  }
  template <TableModel T, typename M>
  void load(std::span<T> objects, M T::*relationship, WithDeleted) {
    load_objects(objects, relationship, true);
  }
  template <TableModel T, typename M>
  void load(std::vector<T>& objects, M T::*relationship) {
    load(std::span<T>(objects), relationship);
  }
  template <TableModel T, typename M>
  void load(std::vector<T>& objects, M T::*relationship, WithDeleted) {
    load(std::span<T>(objects), relationship, with_deleted);
  }

  // What the session remembers of the rows it read and wrote (the loaders and the flush use it).
  detail::RowStates& row_states() { return row_states_; }
  template <TableModel T>
  void remember(const T& object) {
    row_states_.of<T>().remember(object);
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
    // calls a hand-written loop makes (detail/sqlite_statement.hpp).
    detail::SqliteStatement* const sqlite = statement.as_sqlite();
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
  template <TableModel T>
  void stage(T& object, detail::WriteKind kind, std::shared_ptr<void> shared) {
    detail::name_relationships(object);
    detail::assign_discriminator(object);  // single-table inheritance (detail/single_table.hpp)
    validate(object);
    pending_.push_back({&object, &detail::model_ops<T, Session>(), kind, std::move(shared)});
  }
  template <TableModel T, typename M>
  void load_objects(std::span<T> objects, M T::*relationship, bool with_deleted) {
    std::vector<T*> pointers;
    pointers.reserve(objects.size());
    for (T& object : objects) pointers.push_back(&object);
    detail::load_member(*this, std::span<T* const>(pointers), relationship, {}, with_deleted);
  }

  // COPY `table` (`columns`) FROM STDIN of `rows` rows, row i encoded by bind_row(encoder, i),
  // in the session's transaction (PostgreSQL).
  template <typename BindRow>
  void copy_rows(std::string_view table, std::span<const std::string_view> columns, std::size_t rows,
                 BindRow bind_row);
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

  std::shared_ptr<Database::State> database_;
  std::unique_ptr<detail::Connection> connection_;
  schema::Dialect dialect_;
  std::vector<detail::StagedWrite> pending_;
  detail::RowStates row_states_;
  std::vector<StatementListener> listeners_;
};

template <TableModel T>
void Session::bulk_insert(std::span<const T> objects) {
  if (objects.empty()) return;
  if constexpr (detail::has_field_constraints<T>()) {
    std::vector<ValidationFailure> failures;
    for (std::size_t i = 0; i < objects.size(); ++i)
      for (ValidationFailure& failure : validation_failures(objects[i])) {
        failure.index = i;
        failures.push_back(std::move(failure));
      }
    if (!failures.empty()) throw ValidationError(std::string(model_traits<T>::model_name), std::move(failures));
  }
  flush();
  const Timestamp now = detail::now_for_database();
  bool generated = false;
  if constexpr (detail::has_generated_key<T>()) {
    constexpr auto& key = detail::primary_key_column<T>;
    generated = detail::key_is_unset(objects.front().*key.member);
    for (const T& object : objects)
      if (detail::key_is_unset(object.*key.member) != generated)
        throw std::invalid_argument(
            "bulk_insert of " + std::string(model_traits<T>::model_name) +
            ": some objects set their key and some leave it to the database; insert them "
            "in two calls");
  }
  const std::string_view table = model_traits<T>::table_name;
  // Which columns a row writes ('w'): all but a key the database assigns and, on a model with
  // database-filled columns, its generated columns and the server-defaulted ones the row leaves
  // std::nullopt (and no default_factory fills), so the database's DEFAULT applies.
  auto shape_of = [&](const T& object) {
    std::string shape;
    for_each_column<T>([&](auto index, const auto& column) {
      using Column = std::remove_cvref_t<decltype(column)>;
      const bool leave_out = (generated && detail::is_primary_key_index<T>(index())) || column.generated ||
                             (column.server_default && !detail::fills_on_insert(column) &&
                              detail::leaves_default_to_database(object.*Column::member));
      shape += leave_out ? 'r' : 'w';
    });
    return shape;
  };
  // The written columns, in add()'s INSERT order: with the discriminator of a single-table model
  // when no member holds it.
  auto columns_of = [&](const std::string& shape) {
    std::vector<std::string_view> written;
    for_each_column<T>([&](auto index, const auto& column) {
      if (shape[index()] == 'w') written.push_back(column.name);
    });
    return detail::with_discriminator_column<T>(std::move(written));
  };
  // A single-table model's rows carry its identity, as add() writes it (the const objects are
  // not assigned).
  auto bind_row = [&](Statement& statement, const T& object, const std::string& shape) {
    int position = 0;
    for_each_column<T>([&](auto index, const auto& column) {
      if (shape[index()] != 'w') return;
      if constexpr (SingleTableModel<T>) {
        if constexpr (index() == detail::discriminator_index<T>()) {
          if (!model_traits<T>::polymorphic_identity.empty()) {
            statement.bind_text(position++, model_traits<T>::polymorphic_identity);
            return;
          }
        }
      }
      detail::bind_insert_value<T, index()>(statement, position++, object, now, column);
    });
    detail::bind_discriminator_column<T>(statement, position);
  };
  // The rows are written in order, each run of rows that writes the same columns by one
  // statement (SQLite: the prepared INSERT add() shares) or one COPY (PostgreSQL).
  if (dialect_ == schema::Dialect::postgresql) ensure_transaction();
  for (std::size_t first = 0; first < objects.size();) {
    const std::string shape = shape_of(objects[first]);
    std::size_t last = objects.size();
    if constexpr (detail::has_database_filled_columns<T>()) {
      last = first + 1;
      while (last < objects.size() && shape_of(objects[last]) == shape) ++last;
    }
    const std::vector<std::string_view> columns = columns_of(shape);
    if (dialect_ == schema::Dialect::postgresql) {
      copy_rows(table, columns, last - first,
                [&](Statement& encoder, std::size_t row) { bind_row(encoder, objects[first + row], shape); });
    } else {
      const void* tag = generated ? &detail::statement_tag<T, detail::StatementRole::insert_generated_key>
                                  : &detail::statement_tag<T, detail::StatementRole::insert_all>;
      // Not add()'s statements for these: theirs read the filled columns back (RETURNING).
      if constexpr (detail::has_database_filled_columns<T>()) tag = detail::shaped_statement_tag<T, -1>(shape);
      Statement& statement = connection_->prepare_cached(
          tag, [&] { return detail::sql::insert(dialect_, table, columns, std::nullopt); }, table);
      for (std::size_t row = first; row < last; ++row)
        run(statement, columns.size(), [&](Statement& s) { bind_row(s, objects[row], shape); }, [](Statement&) {});
    }
    first = last;
  }
}

template <typename BindRow>
void Session::copy_rows(std::string_view table, std::span<const std::string_view> columns, std::size_t rows,
                        BindRow bind_row) {
  std::string copy_sql = "COPY " + schema::quote_identifier(dialect_, table) + " (";
  for (std::size_t i = 0; i < columns.size(); ++i)
    copy_sql += (i ? ", " : "") + schema::quote_identifier(dialect_, columns[i]);
  copy_sql += ") FROM STDIN";
  detail::CopyText encoder(std::move(copy_sql), std::string(table));
  const bool observed = is_observed();
  const auto start = observed ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
  std::size_t next = 0;
  constexpr std::size_t chunk_bytes = 1 << 16;
  try {
    connection_->copy_from(table, columns, [&](std::string& chunk) {
      while (next < rows && chunk.size() < chunk_bytes) {
        encoder.start_row(chunk);
        bind_row(static_cast<Statement&>(encoder), next++);
        chunk += '\n';
      }
      return next < rows;
    });
  } catch (...) {
    if (observed) notify(encoder, columns.size(), start, 0, true);
    abort_transaction();
    throw;
  }
  if (observed) notify(encoder, columns.size(), start, static_cast<std::int64_t>(rows), false);
}

}  // namespace sqlmodel
