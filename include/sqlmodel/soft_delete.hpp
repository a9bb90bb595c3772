// Which models are soft-deletable: those with a column whose role is deleted_at (a model
// deriving from sqlmodel::SoftDeleteMixin, see mixins.hpp), and what reading one means.
//
// A soft-deleted row (deleted_at set) is gone for every read unless the read asks for it, as
// with django-safedelete's default manager or sqlalchemy-easy-softdelete:
// - select<T>() skips it unless .with_deleted();
// - session.get<T>(key) / get_one<T>(key) do not find it unless given sqlmodel::with_deleted
//   (get_one's NotFound then says the row is soft-deleted);
// - relationship loaders (selectinload, joinedload, .then(...), session.load) leave soft-deleted
//   targets out of the collections, and a soft-deleted many-to-one target reads as empty,
//   unless the loader says .with_deleted() (selectinload(&User::posts).with_deleted()) or
//   session.load(user, &User::posts, sqlmodel::with_deleted). Each level decides for itself:
//   .with_deleted() on one loader does not reach the loaders nested under it. Through a link
//   model, soft-deleted targets and soft-deleted link rows are both left out. The filter is part
//   of the loader's one statement: it never adds a statement.
// - session.refresh(object) reloads the row whatever its deleted_at says (the caller holds the
//   object already).
// Writes: session.soft_delete(object) and soft_delete<T>().where(...) (query_update_delete.hpp)
// set deleted_at; session.delete_(object) and delete_<T>() delete rows for good.
#pragma once

#include <string>
#include <string_view>
#include <tuple>

#include "sqlmodel/dialect.hpp"
#include "sqlmodel/model_traits.hpp"

namespace sqlmodel {

template <TableModel T>
constexpr bool is_soft_deletable() {
  bool found = false;
  detail::traits_for_each(model_traits<T>::columns,
                          [&](auto, const auto& column) { found = found || column.role == ColumnRole::deleted_at; });
  return found;
}

namespace detail {
// The name of T's deleted_at column; empty when T is not soft-deletable.
template <TableModel T>
constexpr std::string_view deleted_at_column() {
  std::string_view name;
  detail::traits_for_each(model_traits<T>::columns, [&](auto, const auto& column) {
    if (column.role == ColumnRole::deleted_at) name = column.name;
  });
  return name;
}
}  // namespace detail

// The opt-in to soft-deleted rows where a call takes no query:
//   session.get<Account>(id, sqlmodel::with_deleted);
//   session.load(user, &User::posts, sqlmodel::with_deleted);
struct WithDeleted {
  explicit constexpr WithDeleted() = default;
};
inline constexpr WithDeleted with_deleted{};

// True when `object`'s deleted_at is set (always false for a model that is not soft-deletable).
template <TableModel T>
bool is_soft_deleted(const T& object) {
  bool deleted = false;
  if constexpr (is_soft_deletable<T>()) {
    for_each_column<T>([&](auto, const auto& column) {
      using Column = std::remove_cvref_t<decltype(column)>;
      if constexpr (requires { (object.*Column::member).has_value(); })
        if (column.role == ColumnRole::deleted_at) deleted = (object.*Column::member).has_value();
    });
  }
  return deleted;
}

namespace detail {
// ` AND "alias"."deleted_at" IS NULL` when T is soft-deletable and soft-deleted rows are not
// wanted; empty otherwise. Appended to a WHERE or a JOIN's ON condition.
template <TableModel T>
std::string and_not_deleted(schema::Dialect dialect, std::string_view alias, bool with_deleted) {
  if constexpr (is_soft_deletable<T>()) {
    if (with_deleted) return {};
    return " AND " + schema::quote_identifier(dialect, alias) + "." +
           schema::quote_identifier(dialect, detail::deleted_at_column<T>()) + " IS NULL";
  } else {
    return {};
  }
}
}  // namespace detail

}  // namespace sqlmodel
