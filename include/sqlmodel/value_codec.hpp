// How one C++ member type is bound to a statement parameter and read back from a result
// column. The generated traits name member pointers only; the codec for each column is picked
// at compile time from the member's type, so binding is a direct call with no conversion
// through text on SQLite.
//
// Enums are stored by enumerator name (PostgreSQL native enum, SQLite CHECKed text). The
// generated header gives each enum its names by specialising enum_traits:
//
//   template <> struct sqlmodel::enum_traits<TaskStatus> {
//     static constexpr std::string_view name = "taskstatus";
//     static constexpr std::array<std::pair<TaskStatus, std::string_view>, 2> enumerators{{
//         {TaskStatus::open, "open"}, {TaskStatus::done, "done"}}};
//   };
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sqlmodel/annotations.hpp"
#include "sqlmodel/statement.hpp"

namespace sqlmodel {

template <typename E>
struct enum_traits;  // specialised by the generated code

template <typename T>
struct value_codec;  // specialised per member type below

template <typename T>
concept Codable = requires { value_codec<T>::is_codec; };

template <typename T>
struct value_codec<std::optional<T>> {
  static constexpr bool is_codec = true;
  static constexpr bool nullable = true;
  static void bind(Statement& statement, int index, const std::optional<T>& value) {
    if (value) value_codec<T>::bind(statement, index, *value);
    else statement.bind_null(index);
  }
  static void read(Statement& statement, int index, std::optional<T>& value) {
    if (statement.column_is_null(index)) {
      value.reset();
    } else {
      if (!value) value.emplace();
      value_codec<T>::read(statement, index, *value);
    }
  }
};

// A NULL in a column read into a non-optional member is a model/schema mismatch, not a value.
[[noreturn]] inline void throw_null_in_non_optional(int index, std::string_view sql) {
  throw std::runtime_error("NULL read into a non-optional member (result column " +
                           std::to_string(index) + ") of: " + std::string(sql) +
                           "; declare the member std::optional");
}

template <>
struct value_codec<bool> {
  static constexpr bool is_codec = true;
  static constexpr bool nullable = false;
  static void bind(Statement& statement, int index, bool value) { statement.bind_bool(index, value); }
  static void read(Statement& statement, int index, bool& value) {
    if (statement.column_is_null(index)) throw_null_in_non_optional(index, statement.sql());
    value = statement.column_bool(index);
  }
};

template <std::integral T>
  requires(!std::same_as<T, bool>)
struct value_codec<T> {
  static constexpr bool is_codec = true;
  static constexpr bool nullable = false;
  static void bind(Statement& statement, int index, T value) {
    statement.bind_int64(index, static_cast<std::int64_t>(value));
  }
  static void read(Statement& statement, int index, T& value) {
    if (statement.column_is_null(index)) throw_null_in_non_optional(index, statement.sql());
    value = static_cast<T>(statement.column_int64(index));
  }
};

template <std::floating_point T>
struct value_codec<T> {
  static constexpr bool is_codec = true;
  static constexpr bool nullable = false;
  static void bind(Statement& statement, int index, T value) {
    statement.bind_double(index, static_cast<double>(value));
  }
  static void read(Statement& statement, int index, T& value) {
    if (statement.column_is_null(index)) throw_null_in_non_optional(index, statement.sql());
    value = static_cast<T>(statement.column_double(index));
  }
};

template <>
struct value_codec<std::string> {
  static constexpr bool is_codec = true;
  static constexpr bool nullable = false;
  static void bind(Statement& statement, int index, const std::string& value) {
    statement.bind_text(index, value);
  }
  static void read(Statement& statement, int index, std::string& value) {
    if (statement.column_is_null(index)) throw_null_in_non_optional(index, statement.sql());
    value.assign(statement.column_text(index));
  }
};

template <>
struct value_codec<std::vector<std::uint8_t>> {
  static constexpr bool is_codec = true;
  static constexpr bool nullable = false;
  static void bind(Statement& statement, int index, const std::vector<std::uint8_t>& value) {
    statement.bind_blob(index, value);
  }
  static void read(Statement& statement, int index, std::vector<std::uint8_t>& value) {
    if (statement.column_is_null(index)) throw_null_in_non_optional(index, statement.sql());
    value = statement.column_blob(index);
  }
};

template <>
struct value_codec<UUID> {
  static constexpr bool is_codec = true;
  static constexpr bool nullable = false;
  static void bind(Statement& statement, int index, const UUID& value) {
    statement.bind_uuid(index, value);
  }
  static void read(Statement& statement, int index, UUID& value) {
    if (statement.column_is_null(index)) throw_null_in_non_optional(index, statement.sql());
    value = statement.column_uuid(index);
  }
};

// Decimal travels as its canonical text: NUMERIC on PostgreSQL parses it exactly.
template <>
struct value_codec<Decimal> {
  static constexpr bool is_codec = true;
  static constexpr bool nullable = false;
  static void bind(Statement& statement, int index, const Decimal& value) {
    statement.bind_text(index, value.to_string());
  }
  static void read(Statement& statement, int index, Decimal& value) {
    if (statement.column_is_null(index)) throw_null_in_non_optional(index, statement.sql());
    value = Decimal(statement.column_text(index));
  }
};

template <typename E>
  requires std::is_enum_v<E> && requires { enum_traits<E>::enumerators; }
struct value_codec<E> {
  static constexpr bool is_codec = true;
  static constexpr bool nullable = false;
  static void bind(Statement& statement, int index, E value) {
    for (const auto& [enumerator, name] : enum_traits<E>::enumerators)
      if (enumerator == value) return statement.bind_text(index, name);
    throw std::invalid_argument("value " + std::to_string(static_cast<long long>(value)) +
                                " is not an enumerator of enum " +
                                std::string(enum_traits<E>::name));
  }
  static void read(Statement& statement, int index, E& value) {
    if (statement.column_is_null(index)) throw_null_in_non_optional(index, statement.sql());
    std::string_view text = statement.column_text(index);
    for (const auto& [enumerator, name] : enum_traits<E>::enumerators)
      if (name == text) {
        value = enumerator;
        return;
      }
    throw std::runtime_error("'" + std::string(text) + "' read from the database is not an " +
                             "enumerator of enum " + std::string(enum_traits<E>::name) +
                             " (statement: " + statement.sql() + ")");
  }
};

}  // namespace sqlmodel
