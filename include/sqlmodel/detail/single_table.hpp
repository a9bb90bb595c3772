// What the session and queries do for single-table inheritance (the traits' side is in
// model_traits.hpp: polymorphic_root, discriminator, polymorphic_identity,
// polymorphic_identities), as SQLAlchemy does for a mapper with polymorphic_on:
// - INSERT writes the model's identity into the discriminator column: into its member when a
//   member holds it (add() assigns it, so the object says what was stored), else as one more
//   INSERT column;
// - a single-table child's select<T>(), get<T>(key) and refresh() accept only rows whose
//   discriminator is the child's identity or a descendant's; the root's read every row.
#pragma once

#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sqlmodel/dialect.hpp"
#include "sqlmodel/model_traits.hpp"
#include "sqlmodel/query_expr.hpp"
#include "sqlmodel/statement.hpp"

namespace sqlmodel::detail {

// `discriminator IN (identities...)` on T's table, the identities bound as parameters.
template <SingleTableModel T>
Condition discriminator_condition() {
  std::vector<Param> identities;
  for (std::string_view identity : model_traits<T>::polymorphic_identities) identities.emplace_back(std::string(identity));
  return Condition(std::make_shared<node::InList>(
      column_node(model_traits<T>::table_name, model_traits<T>::discriminator), std::move(identities)));
}

// ` AND "table"."kind" IN ('manager', 'director')` for a single-table child, empty otherwise:
// appended to a statement's WHERE that is prepared once per model (get, refresh). The
// identities are the models' own constants, written as literals so that the statement's
// parameters stay the key's.
template <TableModel T>
std::string and_discriminator_in(schema::Dialect dialect, std::string_view table) {
  if constexpr (filters_by_discriminator<T>()) {
    std::string list;
    for (std::string_view identity : model_traits<T>::polymorphic_identities)
      list += (list.empty() ? "" : ", ") + schema::quote_literal(identity);
    if (list.empty()) return " AND 1 = 0";  // a child whose subtree has no identity: no row is one
    return " AND " + schema::quote_identifier(dialect, table) + "." +
           schema::quote_identifier(dialect, model_traits<T>::discriminator) + " IN (" + list + ")";
  } else {
    return {};
  }
}

// True when INSERT writes the discriminator as a column of its own: no member holds it and
// the model has an identity.
template <TableModel T>
constexpr bool inserts_discriminator_column() {
  if constexpr (SingleTableModel<T>)
    return !discriminator_is_member<T>() && !model_traits<T>::polymorphic_identity.empty();
  else
    return false;
}

// The INSERT's column list: `columns` plus the discriminator when no member holds it.
// `columns` is table_info<T>'s list of every column (WithKey) or of the non-key ones, which
// live as long as the program.
template <TableModel T, bool WithKey>
std::span<const std::string_view> insert_columns(const std::vector<std::string_view>& columns) {
  if constexpr (inserts_discriminator_column<T>()) {
    static const std::vector<std::string_view> list = [&] {
      std::vector<std::string_view> with_discriminator = columns;
      with_discriminator.push_back(model_traits<T>::discriminator);
      return with_discriminator;
    }();
    return list;
  } else {
    return columns;
  }
}

// `columns` with the discriminator after them when the INSERT writes it (see insert_columns).
template <TableModel T>
std::vector<std::string_view> with_discriminator_column(std::vector<std::string_view> columns) {
  if constexpr (inserts_discriminator_column<T>()) columns.push_back(model_traits<T>::discriminator);
  return columns;
}

// Binds the identity after the INSERT's other parameters (see insert_columns).
template <TableModel T>
void bind_discriminator_column(Statement& statement, int index) {
  if constexpr (inserts_discriminator_column<T>())
    statement.bind_text(index, model_traits<T>::polymorphic_identity);
}

template <typename V>
void assign_identity(V& member, std::string_view identity, std::string_view model) {
  if constexpr (std::is_same_v<V, std::string>) {
    member = std::string(identity);
  } else if constexpr (std::is_enum_v<V> && requires { enum_traits<V>::enumerators; }) {
    for (const auto& [enumerator, name] : enum_traits<V>::enumerators)
      if (name == identity) {
        member = enumerator;
        return;
      }
    throw std::logic_error("polymorphic_identity '" + std::string(identity) + "' of " +
                           std::string(model) + " is not an enumerator of enum " +
                           std::string(enum_traits<V>::name));
  } else {
    static_assert(std::is_same_v<V, std::string>,
                  "a discriminator member is a std::string or an enum class with enum_traits");
  }
}

// Writes T's identity into its discriminator member (nothing for an abstract root, or when no
// member holds the discriminator): Session::add does this before the INSERT.
template <TableModel T>
void assign_discriminator(T& object) {
  if constexpr (SingleTableModel<T>) {
    if constexpr (discriminator_is_member<T>()) {
      if (model_traits<T>::polymorphic_identity.empty()) return;
      constexpr auto& column = detail::traits_get<discriminator_index<T>()>(model_traits<T>::columns);
      detail::assign_identity(object.*std::remove_cvref_t<decltype(column)>::member,
                              model_traits<T>::polymorphic_identity, model_traits<T>::model_name);
    }
  }
}

}  // namespace sqlmodel::detail
