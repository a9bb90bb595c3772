// UPDATE and DELETE by criteria, returning the number of rows they changed.
//
//   std::int64_t renamed = session.exec(update<User>()
//                                           .set(&User::nickname, std::string("old"))
//                                           .set(&User::age, col(&User::age) + 1)
//                                           .where(col(&User::age) > 60));
//   std::int64_t purged = session.exec(delete_<Post>().where(col(&Post::score) < 0));
//   session.exec(delete_<Post>().all());   // every row: has to be said
//
// The safety net Django and SQLAlchemy users expect: an UPDATE or DELETE without where() does
// not compile when run (session.exec), because forgetting the filter rewrites or empties the
// whole table. Say .all() to mean every row. set() takes a value of the member's type (or the
// type inside its std::optional, or std::nullopt) or an expression of a comparable type.
// The statements run inside the session's transaction like any other; staged writes are
// flushed first.
//
// What the model's annotations ask for, as on the per-object path (Session::update):
// - set(member, value) checks the value against the column's constraints (max_length, ge, le,
//   pattern ...); session.exec throws one ValidationError naming the model and every failing
//   field before any statement runs (nor are staged writes flushed). A value computed by an
//   expression (col(&User::age) + 1) is the database's to check.
// - A model with an updated_at column (TimestampMixin) gets `updated_at = <now>` in the SET list
//   unless the query sets updated_at itself.
// - Soft delete (soft_delete.hpp), explicit as in SQLAlchemy: delete_<T>() is a DELETE on every
//   model, so on a soft-deletable one it removes the matching rows for good, soft-deleted or not
//   (a purge). soft_delete<T>().where(...) marks rows instead: UPDATE ... SET deleted_at = <now>
//   [, updated_at = <now>] WHERE <criteria> AND deleted_at IS NULL, returning the number of rows
//   it newly deleted (a row deleted before keeps its deleted_at). update<T>() and delete_<T>()
//   are the SQL they say: they match soft-deleted rows too (add a where() on deleted_at to
//   leave them out), unlike select<T>().
// - A single-table inheritance child's update<Child>(), delete_<Child>() and soft_delete<Child>()
//   match only rows whose discriminator is the child's identity or a descendant's, as its
//   select<Child>() does; the root's match every row.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "sqlmodel/mixins.hpp"
#include "sqlmodel/query_expr.hpp"
#include "sqlmodel/detail/single_table.hpp"
#include "sqlmodel/soft_delete.hpp"
#include "sqlmodel/validation.hpp"
#include "sqlmodel/detail/write_preparation.hpp"

namespace sqlmodel {

namespace detail {

struct Assignment {
  std::string_view column;
  detail::NodePtr value;
};

// UPDATE "table" SET "a" = ..., "b" = ... [WHERE ...]
detail::RenderedQuery render_update(schema::Dialect dialect, std::string_view model, std::string_view table,
                            const std::vector<detail::Assignment>& assignments,
                            const std::optional<Condition>& where);
// DELETE FROM "table" [WHERE ...]
detail::RenderedQuery render_delete(schema::Dialect dialect, std::string_view table,
                            const std::optional<Condition>& where);


// `column = <now>` for T's column whose role is `role` (updated_at, deleted_at); nullopt when
// T has none.
template <TableModel T>
std::optional<detail::Assignment> assign_now_to(ColumnRole role, Timestamp now) {
  std::optional<detail::Assignment> assignment;
  for_each_column<T>([&](auto, const auto& column) {
    using Column = std::remove_cvref_t<decltype(column)>;
    if constexpr (std::is_same_v<detail::unwrap_optional_t<typename Column::value_type>, Timestamp>)
      if (column.role == role)
        assignment = detail::Assignment{column.name, std::make_shared<detail::node::Value>(
                                                 detail::to_param(typename Column::value_type(now)), false)};
  });
  return assignment;
}

// The SET list as it runs: the caller's assignments, then updated_at = now unless they set it.
template <TableModel T>
std::vector<detail::Assignment> with_updated_at(std::vector<detail::Assignment> assignments, Timestamp now) {
  if (auto updated_at = assign_now_to<T>(ColumnRole::updated_at, now)) {
    bool set_by_caller = false;
    for (const detail::Assignment& assignment : assignments)
      set_by_caller = set_by_caller || assignment.column == updated_at->column;
    if (!set_by_caller) assignments.push_back(std::move(*updated_at));
  }
  return assignments;
}

template <TableModel T>
void throw_if_invalid(const std::vector<ValidationFailure>& failures) {
  if (!failures.empty()) throw ValidationError(std::string(model_traits<T>::model_name), failures);
}

// A single-table child's UPDATE/DELETE by criteria touch only its own and its descendants'
// rows, as its select<T>() reads only those (detail/single_table.hpp).
template <TableModel T>
std::optional<Condition> only_rows_of(const std::optional<Condition>& where) {
  if constexpr (detail::filters_by_discriminator<T>())
    return where ? (detail::discriminator_condition<T>() && *where) : detail::discriminator_condition<T>();
  else
    return where;
}

template <typename S>
std::int64_t run_write(S& session, const detail::RenderedQuery& rendered, std::string_view table) {
  session.flush();
  Statement& statement = session.connection().prepare(rendered.sql, table);
  auto result = session.run(statement, rendered.params.size(),
                            [&](Statement& s) { detail::bind_params(s, rendered.params); },
                            [](Statement&) {});
  return result.rows_changed;
}
}  // namespace detail

// WhereOrAllSaid: where() or all() was called; only then can the statement run.
template <TableModel T, bool WhereOrAllSaid = false>
class Update {
 public:
  using runnable_query = void;

  Update() = default;
  Update(std::vector<detail::Assignment> assignments, std::optional<Condition> where,
         std::vector<ValidationFailure> failures = {})
      : assignments_(std::move(assignments)), where_(std::move(where)), failures_(std::move(failures)) {}

  // `member` may be one T inherits (a single-table parent's, a mixin's): &Manager::name is a
  // member of Employee.
  template <typename B, typename V, typename X>
    requires(std::is_base_of_v<B, T> && !detail::SqlExpression<X> && std::convertible_to<const X&, V>)
  Update& set(V B::*inherited, const X& value) {
    V T::*const member = inherited;
    const V converted(value);
    for (ValidationFailure& failure : detail::column_value_failures(member, converted))
      failures_.push_back(std::move(failure));
    assignments_.push_back({column_name<T>(member),
                            std::make_shared<detail::node::Value>(
                                detail::to_param(converted, detail::column_uuid_form<T>(member)), false)});
    return *this;
  }
  template <typename B, typename V, detail::SqlExpression E>
    requires(std::is_base_of_v<B, T> &&
             detail::comparable_v<detail::unwrap_optional_t<V>, typename detail::expr_t<E>::operand_type>)
  Update& set(V B::*inherited, const E& expression) {
    V T::*const member = inherited;
    assignments_.push_back({column_name<T>(member), detail::to_expr(expression).node()});
    return *this;
  }

  Update<T, true> where(const Condition& condition) const {
    return Update<T, true>(assignments_, where_ ? (*where_ && condition) : condition, failures_);
  }
  // Every row of the table, on purpose.
  Update<T, true> all() const { return Update<T, true>(assignments_, where_, failures_); }

  // The statement as it runs (updated_at = now added for a TimestampMixin model).
  detail::RenderedQuery render(schema::Dialect dialect) const {
    return detail::render_update(dialect, model_traits<T>::model_name, model_traits<T>::table_name,
                         detail::with_updated_at<T>(assignments_, detail::now_for_database()),
                         detail::only_rows_of<T>(where_));
  }

  // session.exec(query) calls this: the number of rows changed.
  template <typename S>
    requires WhereOrAllSaid
  std::int64_t run(S& session) const {
    detail::throw_if_invalid<T>(failures_);
    return detail::run_write(session, render(session.dialect()), model_traits<T>::table_name);
  }

 private:
  std::vector<detail::Assignment> assignments_;
  std::optional<Condition> where_;
  std::vector<ValidationFailure> failures_;
};

template <TableModel T, bool WhereOrAllSaid = false>
class Delete {
 public:
  using runnable_query = void;

  Delete() = default;
  explicit Delete(std::optional<Condition> where) : where_(std::move(where)) {}

  Delete<T, true> where(const Condition& condition) const {
    return Delete<T, true>(where_ ? (*where_ && condition) : condition);
  }
  Delete<T, true> all() const { return Delete<T, true>(where_); }

  detail::RenderedQuery render(schema::Dialect dialect) const {
    return detail::render_delete(dialect, model_traits<T>::table_name, detail::only_rows_of<T>(where_));
  }

  template <typename S>
    requires WhereOrAllSaid
  std::int64_t run(S& session) const {
    return detail::run_write(session, render(session.dialect()), model_traits<T>::table_name);
  }

 private:
  std::optional<Condition> where_;
};

// soft_delete<T>().where(...): marks the matching live rows deleted (see the top of this file).
template <TableModel T, bool WhereOrAllSaid = false>
  requires(is_soft_deletable<T>())
class SoftDelete {
 public:
  using runnable_query = void;

  SoftDelete() = default;
  explicit SoftDelete(std::optional<Condition> where) : where_(std::move(where)) {}

  SoftDelete<T, true> where(const Condition& condition) const {
    return SoftDelete<T, true>(where_ ? (*where_ && condition) : condition);
  }
  SoftDelete<T, true> all() const { return SoftDelete<T, true>(where_); }

  detail::RenderedQuery render(schema::Dialect dialect) const {
    const Timestamp now = detail::now_for_database();
    Condition only_live{std::make_shared<detail::node::NullTest>(
        detail::column_node(model_traits<T>::table_name, detail::deleted_at_column<T>()), false)};
    std::vector<detail::Assignment> assignments{*detail::assign_now_to<T>(ColumnRole::deleted_at, now)};
    return detail::render_update(dialect, model_traits<T>::model_name, model_traits<T>::table_name,
                         detail::with_updated_at<T>(std::move(assignments), now),
                         detail::only_rows_of<T>(where_ ? (*where_ && only_live) : only_live));
  }

  template <typename S>
    requires WhereOrAllSaid
  std::int64_t run(S& session) const {
    return detail::run_write(session, render(session.dialect()), model_traits<T>::table_name);
  }

 private:
  std::optional<Condition> where_;
};

template <TableModel T>
Update<T> update() {
  return {};
}
template <TableModel T>
  requires(is_soft_deletable<T>())
SoftDelete<T> soft_delete() {
  return {};
}
template <TableModel T>
Delete<T> delete_() {
  return {};
}

}  // namespace sqlmodel
