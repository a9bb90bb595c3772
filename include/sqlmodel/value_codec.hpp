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

// Each codec has bind() and try_read() (false for NULL); read() is try_read() that refuses NULL.
template <typename T>
struct value_codec<std::optional<T>> {
  static constexpr bool is_codec = true;
  static constexpr bool nullable = true;
  static void bind(Statement& statement, int index, const std::optional<T>& value) {
    if (value) value_codec<T>::bind(statement, index, *value);
    else statement.bind_null(index);
  }
  static bool try_read(Statement& statement, int index, std::optional<T>& value) {
    if (!value) value.emplace();
    if (!value_codec<T>::try_read(statement, index, *value)) value.reset();
    return true;
  }
  static void read(Statement& statement, int index, std::optional<T>& value) {
    try_read(statement, index, value);
  }
};

// A NULL in a column read into a non-optional member is a model/schema mismatch, not a value.
[[noreturn]] inline void throw_null_in_non_optional(int index, std::string_view sql) {
  throw std::runtime_error("NULL read into a non-optional member (result column " +
                           std::to_string(index) + ") of: " + std::string(sql) +
                           "; declare the member std::optional");
}

template <typename Derived, typename T>
struct non_null_codec {
  static constexpr bool is_codec = true;
  static constexpr bool nullable = false;
  static void read(Statement& statement, int index, T& value) {
    if (!Derived::try_read(statement, index, value)) throw_null_in_non_optional(index, statement.sql());
  }
};

template <>
struct value_codec<bool> : non_null_codec<value_codec<bool>, bool> {
  static void bind(Statement& statement, int index, bool value) { statement.bind_bool(index, value); }
  static bool try_read(Statement& statement, int index, bool& value) {
    return statement.read_bool(index, value);
  }
};

template <std::integral T>
  requires(!std::same_as<T, bool>)
struct value_codec<T> : non_null_codec<value_codec<T>, T> {
  static void bind(Statement& statement, int index, T value) {
    statement.bind_int64(index, static_cast<std::int64_t>(value));
  }
  static bool try_read(Statement& statement, int index, T& value) {
    std::int64_t wide;
    if (!statement.read_int64(index, wide)) return false;
    value = static_cast<T>(wide);
    return true;
  }
};

template <std::floating_point T>
struct value_codec<T> : non_null_codec<value_codec<T>, T> {
  static void bind(Statement& statement, int index, T value) {
    statement.bind_double(index, static_cast<double>(value));
  }
  static bool try_read(Statement& statement, int index, T& value) {
    double wide;
    if (!statement.read_double(index, wide)) return false;
    value = static_cast<T>(wide);
    return true;
  }
};

template <>
struct value_codec<std::string> : non_null_codec<value_codec<std::string>, std::string> {
  static void bind(Statement& statement, int index, const std::string& value) {
    statement.bind_text(index, value);
  }
  static bool try_read(Statement& statement, int index, std::string& value) {
    return statement.read_text(index, value);
  }
};

template <>
struct value_codec<std::vector<std::uint8_t>>
    : non_null_codec<value_codec<std::vector<std::uint8_t>>, std::vector<std::uint8_t>> {
  static void bind(Statement& statement, int index, const std::vector<std::uint8_t>& value) {
    statement.bind_blob(index, value);
  }
  static bool try_read(Statement& statement, int index, std::vector<std::uint8_t>& value) {
    return statement.read_blob(index, value);
  }
};

template <>
struct value_codec<UUID> : non_null_codec<value_codec<UUID>, UUID> {
  static void bind(Statement& statement, int index, const UUID& value) {
    statement.bind_uuid(index, value);
  }
  static bool try_read(Statement& statement, int index, UUID& value) {
    return statement.read_uuid(index, value);
  }
};

// Decimal travels as its canonical text: NUMERIC on PostgreSQL parses it exactly.
template <>
struct value_codec<Decimal> : non_null_codec<value_codec<Decimal>, Decimal> {
  static void bind(Statement& statement, int index, const Decimal& value) {
    statement.bind_text(index, value.to_string());
  }
  static bool try_read(Statement& statement, int index, Decimal& value) {
    std::string text;
    if (!statement.read_text(index, text)) return false;
    value = Decimal(text);
    return true;
  }
};

template <typename E>
  requires std::is_enum_v<E> && requires { enum_traits<E>::enumerators; }
struct value_codec<E> : non_null_codec<value_codec<E>, E> {
  static void bind(Statement& statement, int index, E value) {
    for (const auto& [enumerator, name] : enum_traits<E>::enumerators)
      if (enumerator == value) return statement.bind_text(index, name);
    throw std::invalid_argument("value " + std::to_string(static_cast<long long>(value)) +
                                " is not an enumerator of enum " +
                                std::string(enum_traits<E>::name));
  }
  static bool try_read(Statement& statement, int index, E& value) {
    std::string text;
    if (!statement.read_text(index, text)) return false;
    for (const auto& [enumerator, name] : enum_traits<E>::enumerators)
      if (name == text) {
        value = enumerator;
        return true;
      }
    throw std::runtime_error("'" + text + "' read from the database is not an enumerator of enum " +
                             std::string(enum_traits<E>::name) + " (statement: " +
                             statement.sql() + ")");
  }
};

}  // namespace sqlmodel
