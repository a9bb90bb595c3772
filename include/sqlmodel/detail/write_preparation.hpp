// What the session does to an object just before writing it (Session::flush runs this for
// every staged write before the first statement, so a failure writes nothing):
// - INSERT: columns with a default_factory (now, uuid4) get a value while unset, and an
//   updated_at column gets now while unset (mixins.hpp);
// - UPDATE: an updated_at column gets now;
// - both: validate() (validation.hpp).
// Session::bulk_insert does the INSERT part row by row on the values it writes, without
// changing the caller's (const) objects: bind_insert_value below.
#pragma once

#include <array>
#include <chrono>
#include <concepts>
#include <cstdint>
#include <optional>
#include <random>
#include <tuple>
#include <type_traits>

#include "sqlmodel/mixins.hpp"
#include "sqlmodel/model_traits.hpp"
#include "sqlmodel/soft_delete.hpp"
#include "sqlmodel/validation.hpp"

namespace sqlmodel::detail {

// A random (version 4) UUID.
inline UUID uuid4() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  UUID uuid;
  for (std::size_t i = 0; i < uuid.bytes.size(); i += 8) {
    std::uint64_t random = generator();
    for (std::size_t k = 0; k < 8; ++k) uuid.bytes[i + k] = static_cast<std::uint8_t>(random >> (8 * k));
  }
  uuid.bytes[6] = static_cast<std::uint8_t>((uuid.bytes[6] & 0x0f) | 0x40);
  uuid.bytes[8] = static_cast<std::uint8_t>((uuid.bytes[8] & 0x3f) | 0x80);
  return uuid;
}


template <typename V>
bool factory_target_unset(const std::optional<V>& value) { return !value.has_value(); }
// Only time points, dates and UUIDs have factories; a member without == (a typed JSON struct)
// is never a factory's target.
template <typename V>
bool factory_target_unset(const V& value) {
  if constexpr (std::is_same_v<V, Timestamp> || std::is_same_v<V, std::chrono::year_month_day> ||
                std::is_same_v<V, UUID>)
    return value == V{};
  else
    return false;
}

// `now`: what DefaultFactory::now gives (a bulk write uses one for all its rows).
template <typename V>
void assign_factory_value(V& member, DefaultFactory factory, Timestamp now = now_for_database()) {
  using Value = unwrap_optional_t<V>;
  if (factory == DefaultFactory::now) {
    if constexpr (std::is_same_v<Value, Timestamp>) member = now;
    else if constexpr (std::is_same_v<Value, std::chrono::year_month_day>)
      member = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now)};
    else throw std::logic_error("default_factory = now on a member that is not a time_point or a date");
  } else if (factory == DefaultFactory::uuid4) {
    if constexpr (std::is_same_v<Value, UUID>) member = uuid4();
    else throw std::logic_error("default_factory = uuid4 on a member that is not a sqlmodel::UUID");
  }
}

template <typename V>
void assign_now(V& member) {
  if constexpr (std::is_same_v<unwrap_optional_t<V>, Timestamp>) member = now_for_database();
  else throw std::logic_error("an updated_at / deleted_at column is a std::chrono::system_clock::time_point");
}

template <typename Column>
constexpr bool fills_on_insert(const Column& column) {
  return column.default_factory != DefaultFactory::none || column.role == ColumnRole::updated_at;
}

template <TableModel T>
constexpr bool fills_any_on_insert() {
  bool any = false;
  detail::traits_for_each(model_traits<T>::columns, [&](auto, const auto& column) { any = any || fills_on_insert(column); });
  return any;
}

// False when an INSERT of T has nothing to fill or check: add() then stages no preparation, and
// flush() makes no extra pass over the objects (nor reads the clock once per object).
template <TableModel T>
constexpr bool prepares_insert() {
  return fills_any_on_insert<T>() || has_field_constraints<T>();
}

template <TableModel T>
void prepare_insert(void* pointer) {
  T& object = *static_cast<T*>(pointer);
  if constexpr (fills_any_on_insert<T>()) {
    // One now for the object: created_at and updated_at of a new row are equal.
    const Timestamp now = now_for_database();
    for_each_column<T>([&](auto, const auto& column) {
      using Column = std::remove_cvref_t<decltype(column)>;
      auto& member = object.*Column::member;
      if (fills_on_insert(column) && factory_target_unset(member))
        assign_factory_value(member, column.role == ColumnRole::updated_at ? DefaultFactory::now
                                                                            : column.default_factory,
                             now);
    });
  }
  validate(object);
}

// Column I of T, usable in constant expressions (found by overload resolution on flat_tuple:
// no recursion per column).
template <TableModel T, std::size_t I>
inline constexpr const auto& column_at = traits_get<I>(model_traits<T>::columns);

// Which columns of T fill themselves on INSERT, in one walk over the columns (reaching each
// column by its index instead was quadratic in their number: 1,600 columns compile).
template <TableModel T>
inline constexpr auto fills_on_insert_flags = [] {
  std::array<bool, detail::column_count<T>> flags{};
  detail::traits_for_each(model_traits<T>::columns,
                          [&](auto index, const auto& column) { flags[index()] = fills_on_insert(column); });
  return flags;
}();

// Binds column I of `object` (`column`) to parameter `position` of an INSERT: the member's
// value, or, while it is unset, what its default_factory (or updated_at role) gives, as add()
// would have set it. The object is left as it is.
template <TableModel T, std::size_t I, typename Column, typename S>
void bind_insert_value(S& statement, int position, const T& object, Timestamp now, const Column& column) {
  if constexpr (fills_on_insert_flags<T>[I]) {
    if (factory_target_unset(object.*Column::member)) {
      typename Column::value_type value{};
      assign_factory_value(value, column.role == ColumnRole::updated_at ? DefaultFactory::now
                                                                        : column.default_factory,
                           now);
      column.bind_value(statement, position, value);
      return;
    }
  }
  column.bind(statement, position, object);
}

template <TableModel T>
void prepare_update(void* pointer) {
  T& object = *static_cast<T*>(pointer);
  for_each_column<T>([&](auto, const auto& column) {
    using Column = std::remove_cvref_t<decltype(column)>;
    if (column.role == ColumnRole::updated_at) assign_now(object.*Column::member);
  });
  validate(object);
}

}  // namespace sqlmodel::detail
