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
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sqlmodel/query_expr.hpp"

namespace sqlmodel {

struct Assignment {
  std::string_view column;
  NodePtr value;
};

// UPDATE "table" SET "a" = ..., "b" = ... [WHERE ...]
RenderedQuery render_update(schema::Dialect dialect, std::string_view model, std::string_view table,
                            const std::vector<Assignment>& assignments,
                            const std::optional<Condition>& where);
// DELETE FROM "table" [WHERE ...]
RenderedQuery render_delete(schema::Dialect dialect, std::string_view table,
                            const std::optional<Condition>& where);

namespace detail {
template <typename S>
std::int64_t run_write(S& session, const RenderedQuery& rendered, std::string_view table) {
  session.flush();
  Statement& statement = session.connection().prepare(rendered.sql, table);
  auto result = session.run(statement, rendered.params.size(),
                            [&](Statement& s) { bind_params(s, rendered.params); },
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
  Update(std::vector<Assignment> assignments, std::optional<Condition> where)
      : assignments_(std::move(assignments)), where_(std::move(where)) {}

  template <typename V, typename X>
    requires(!SqlExpression<X> && std::convertible_to<const X&, V>)
  Update& set(V T::*member, const X& value) {
    assignments_.push_back({column_name<T>(member), std::make_shared<node::Value>(to_param(V(value)), false)});
    return *this;
  }
  template <typename V, SqlExpression E>
    requires detail::comparable_v<unwrap_optional_t<V>, typename expr_t<E>::operand_type>
  Update& set(V T::*member, const E& expression) {
    assignments_.push_back({column_name<T>(member), to_expr(expression).node()});
    return *this;
  }

  Update<T, true> where(const Condition& condition) const {
    return Update<T, true>(assignments_, where_ ? (*where_ && condition) : condition);
  }
  // Every row of the table, on purpose.
  Update<T, true> all() const { return Update<T, true>(assignments_, where_); }

  RenderedQuery render(schema::Dialect dialect) const {
    return render_update(dialect, model_traits<T>::model_name, model_traits<T>::table_name, assignments_, where_);
  }

  // session.exec(query) calls this: the number of rows changed.
  template <typename S>
    requires WhereOrAllSaid
  std::int64_t run(S& session) const {
    return detail::run_write(session, render(session.dialect()), model_traits<T>::table_name);
  }

 private:
  std::vector<Assignment> assignments_;
  std::optional<Condition> where_;
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

  RenderedQuery render(schema::Dialect dialect) const {
    return render_delete(dialect, model_traits<T>::table_name, where_);
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
Delete<T> delete_() {
  return {};
}

}  // namespace sqlmodel
