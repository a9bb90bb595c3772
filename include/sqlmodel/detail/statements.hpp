// What the session knows per model to run its statements by primary key: the column lists,
// the parameter positions, how keys are bound and shown in errors, and the address that keys
// each statement in the connection's cache.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "sqlmodel/model_traits.hpp"
#include "sqlmodel/statement.hpp"
#include "sqlmodel/value_codec.hpp"

namespace sqlmodel::detail {

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

// Columns the database fills in: generated ones (never written) and those with a server
// default (left out of an INSERT while the member is std::nullopt). A model with none takes the
// INSERT and UPDATE whose shape never changes; one with some writes each object with the
// columns it sets and reads the others back (RETURNING).
template <typename Column>
constexpr bool database_may_fill(const Column& column) {
  // A server default applies only when the member can say "unset" (std::nullopt).
  return column.generated || (column.server_default && Column::codec::nullable);
}

template <TableModel T>
constexpr bool has_database_filled_columns() {
  bool any = false;
  traits_for_each(model_traits<T>::columns, [&](auto, const auto& column) { any = any || database_may_fill(column); });
  return any;
}

template <TableModel T>
constexpr bool has_generated_columns() {
  bool any = false;
  traits_for_each(model_traits<T>::columns, [&](auto, const auto& column) { any = any || column.generated; });
  return any;
}

template <typename V>
bool leaves_default_to_database(const V&) { return false; }
template <typename V>
bool leaves_default_to_database(const std::optional<V>& value) { return !value.has_value(); }

// A cached statement per model, role and shape: shape spells which columns a statement
// writes, so each shape is prepared once.
template <typename T, int Role>
const void* shaped_statement_tag(const std::string& shape) {
  static std::mutex mutex;
  static std::map<std::string, char, std::less<>> tags;
  std::lock_guard<std::mutex> lock(mutex);
  return &tags[shape];
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

// Binds a key value as get<T>() takes it: the value, or a tuple of the key columns' values,
// each as its column stores it.
template <TableModel T, typename Key>
void bind_key_value(Statement& statement, const Key& key) {
  if constexpr (has_composite_key<T>)
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (traits_get<primary_key_indexes<T>[I]>(model_traits<T>::columns).bind_value(statement, static_cast<int>(I),
                                                                                 std::get<I>(key)),
       ...);
    }(std::make_index_sequence<primary_key_indexes<T>.size()>{});
  else
    primary_key_column<T>.bind_value(statement, 0, key);
}

enum class StatementRole { insert_all, insert_generated_key, select_by_key, update, delete_, select_in };
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

}  // namespace sqlmodel::detail
