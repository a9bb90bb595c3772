// Which models are soft-deletable: those with a column whose role is deleted_at (a model
// deriving from sqlmodel::SoftDeleteMixin, see mixins.hpp). select<T>() skips their deleted
// rows unless asked .with_deleted(); Session::soft_remove(object) deletes one softly.
#pragma once

#include <string_view>
#include <tuple>

#include "sqlmodel/model_traits.hpp"

namespace sqlmodel {

template <TableModel T>
constexpr bool is_soft_deletable() {
  bool found = false;
  std::apply([&](const auto&... columns) { ((found = found || columns.role == ColumnRole::deleted_at), ...); },
             model_traits<T>::columns);
  return found;
}

// The name of T's deleted_at column; empty when T is not soft-deletable.
template <TableModel T>
constexpr std::string_view deleted_at_column() {
  std::string_view name;
  std::apply([&](const auto&... columns) {
    ((columns.role == ColumnRole::deleted_at ? (name = columns.name, 0) : 0), ...);
  }, model_traits<T>::columns);
  return name;
}

}  // namespace sqlmodel
