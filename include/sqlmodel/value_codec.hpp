// How one C++ member type is bound to a statement parameter and read back from a result
// column. The generated traits name member pointers only; the codec for each column is picked
// at compile time from the member's type, so binding is a direct call with no conversion
// through text on SQLite.
//
// How each type is stored, matching the DDL the schema lowering declares (lower.cpp,
// sqlite_types.cpp):
//   system_clock::time_point  timestamp[tz] on PostgreSQL, DATETIME / TIMESTAMP WITH TIME ZONE
//                             text on SQLite: "YYYY-MM-DD HH:MM:SS.ffffff+00:00" (detail/value_text.hpp)
//   year_month_day            date / DATE text "YYYY-MM-DD"
//   std::chrono::duration     interval / DATETIME text "1970-01-01 00:00:05.000000" (SQLAlchemy's
//                             Interval on SQLite: the duration after the epoch)
//   nlohmann::json            json or jsonb / JSON text
//   UUID                      uuid / CHAR(36) text, or CHAR(32) hex digits for a uuid_hex column
//                             (bind_in_column_form below)
//   Decimal                   numeric / NUMERIC, as exact text
//   std::vector<std::byte>    bytea / BLOB (as std::vector<std::uint8_t>)
//   std::vector<T>            a PostgreSQL array (T[]); JSON text on SQLite (arrays lower to
//                             json there), elements as in json_value.hpp
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

#include <charconv>
#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "sqlmodel/annotations.hpp"
#include "sqlmodel/json_value.hpp"
#include "sqlmodel/detail/sqlite_statement.hpp"
#include "sqlmodel/statement.hpp"
#include "sqlmodel/detail/value_text.hpp"

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
    else detail::bind_null_parameter(statement, index);
  }
  static bool try_read(Statement& statement, int index, std::optional<T>& value) {
    if constexpr (std::is_same_v<T, std::string>) {
      if (detail::SqliteStatement* sqlite = statement.as_sqlite()) {
        sqlite->read_text(index, value);
        return true;
      }
    }
    if (!value) value.emplace();
    if (!value_codec<T>::try_read(statement, index, *value)) value.reset();
    return true;
  }
  static void read(Statement& statement, int index, std::optional<T>& value) {
    try_read(statement, index, value);
  }
};

namespace detail {
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
    if (!Derived::try_read(statement, index, value)) detail::throw_null_in_non_optional(index, statement.sql());
  }
};

// A value read from the database that the codec cannot take: names the text and the statement.
[[noreturn]] inline void throw_unreadable(std::string_view what, std::string_view text, int index,
                                          std::string_view sql) {
  throw std::runtime_error("'" + std::string(text) + "' read from result column " + std::to_string(index) +
                           " is not " + std::string(what) + " (statement: " + std::string(sql) + ")");
}
}  // namespace detail

template <>
struct value_codec<bool> : detail::non_null_codec<value_codec<bool>, bool> {
  static void bind(Statement& statement, int index, bool value) { detail::bind_parameter(statement, index, value); }
  static bool try_read(Statement& statement, int index, bool& value) {
    return detail::read_column(statement, index, value);
  }
};

template <std::integral T>
  requires(!std::same_as<T, bool>)
struct value_codec<T> : detail::non_null_codec<value_codec<T>, T> {
  static void bind(Statement& statement, int index, T value) {
    detail::bind_parameter(statement, index, static_cast<std::int64_t>(value));
  }
  static bool try_read(Statement& statement, int index, T& value) {
    std::int64_t wide;
    if (!detail::read_column(statement, index, wide)) return false;
    value = static_cast<T>(wide);
    return true;
  }
};

template <std::floating_point T>
struct value_codec<T> : detail::non_null_codec<value_codec<T>, T> {
  static void bind(Statement& statement, int index, T value) {
    detail::bind_parameter(statement, index, static_cast<double>(value));
  }
  static bool try_read(Statement& statement, int index, T& value) {
    double wide;
    if (!detail::read_column(statement, index, wide)) return false;
    value = static_cast<T>(wide);
    return true;
  }
};

template <>
struct value_codec<std::string> : detail::non_null_codec<value_codec<std::string>, std::string> {
  static void bind(Statement& statement, int index, const std::string& value) {
    detail::bind_parameter(statement, index, std::string_view(value));
  }
  static bool try_read(Statement& statement, int index, std::string& value) {
    return detail::read_column(statement, index, value);
  }
};

template <>
struct value_codec<std::vector<std::uint8_t>>
    : detail::non_null_codec<value_codec<std::vector<std::uint8_t>>, std::vector<std::uint8_t>> {
  static void bind(Statement& statement, int index, const std::vector<std::uint8_t>& value) {
    statement.bind_blob(index, value);
  }
  static bool try_read(Statement& statement, int index, std::vector<std::uint8_t>& value) {
    return detail::read_column(statement, index, value);
  }
};

// Bound here for no column (the connection's form on SQLite); a column binds through
// detail::bind_in_column_form, in its own form.
template <>
struct value_codec<UUID> : detail::non_null_codec<value_codec<UUID>, UUID> {
  static void bind(Statement& statement, int index, const UUID& value) {
    statement.bind_uuid(index, value, std::nullopt);
  }
  static bool try_read(Statement& statement, int index, UUID& value) {
    return statement.read_uuid(index, value);
  }
};

// Decimal travels as its canonical text: NUMERIC on PostgreSQL parses it exactly.
template <>
struct value_codec<Decimal> : detail::non_null_codec<value_codec<Decimal>, Decimal> {
  static void bind(Statement& statement, int index, const Decimal& value) {
    statement.bind_text(index, value.to_string());
  }
  static bool try_read(Statement& statement, int index, Decimal& value) {
    std::string text;
    if (!detail::read_column(statement, index, text)) return false;
    value = Decimal(text);
    return true;
  }
};

template <typename E>
  requires std::is_enum_v<E> && requires { enum_traits<E>::enumerators; }
struct value_codec<E> : detail::non_null_codec<value_codec<E>, E> {
  static void bind(Statement& statement, int index, E value) {
    for (const auto& [enumerator, name] : enum_traits<E>::enumerators)
      if (enumerator == value) return statement.bind_text(index, name);
    throw std::invalid_argument("value " + std::to_string(static_cast<long long>(value)) +
                                " is not an enumerator of enum " +
                                std::string(enum_traits<E>::name));
  }
  static bool try_read(Statement& statement, int index, E& value) {
    std::string text;
    if (!detail::read_column(statement, index, text)) return false;
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

template <>
struct value_codec<std::chrono::system_clock::time_point>
    : detail::non_null_codec<value_codec<std::chrono::system_clock::time_point>, std::chrono::system_clock::time_point> {
  static void bind(Statement& statement, int index, std::chrono::system_clock::time_point value) {
    statement.bind_text_copy(index, detail::format_timestamp(value));
  }
  static bool try_read(Statement& statement, int index, std::chrono::system_clock::time_point& value) {
    std::string text;
    if (!detail::read_column(statement, index, text)) return false;
    auto parsed = detail::parse_timestamp(text);
    if (!parsed) detail::throw_unreadable("a timestamp", text, index, statement.sql());
    value = *parsed;
    return true;
  }
};

template <>
struct value_codec<std::chrono::year_month_day>
    : detail::non_null_codec<value_codec<std::chrono::year_month_day>, std::chrono::year_month_day> {
  static void bind(Statement& statement, int index, std::chrono::year_month_day value) {
    statement.bind_text_copy(index, detail::format_date(value));
  }
  static bool try_read(Statement& statement, int index, std::chrono::year_month_day& value) {
    std::string text;
    if (!detail::read_column(statement, index, text)) return false;
    auto parsed = detail::parse_date(text);
    if (!parsed) detail::throw_unreadable("a date (YYYY-MM-DD)", text, index, statement.sql());
    value = *parsed;
    return true;
  }
};

// A duration: INTERVAL on PostgreSQL, SQLAlchemy's DATETIME-after-the-epoch form on SQLite
// (value_text.hpp). Reading a value the member cannot hold exactly (1.5 s into whole seconds)
// is an error naming the text, not a silent truncation.
template <typename Rep, typename Period>
struct value_codec<std::chrono::duration<Rep, Period>>
    : detail::non_null_codec<value_codec<std::chrono::duration<Rep, Period>>, std::chrono::duration<Rep, Period>> {
  using Duration = std::chrono::duration<Rep, Period>;
  static void bind(Statement& statement, int index, Duration value) {
    const auto micros = detail::duration_to_micros(value);
    statement.bind_text_copy(index, statement.dialect() == schema::Dialect::postgresql
                                        ? detail::format_interval_postgres(micros)
                                        : detail::format_interval_sqlite(micros));
  }
  static bool try_read(Statement& statement, int index, Duration& value) {
    std::string text;
    if (!detail::read_column(statement, index, text)) return false;
    auto micros = statement.dialect() == schema::Dialect::postgresql ? detail::parse_interval_postgres(text)
                                                                     : detail::parse_interval_sqlite(text);
    if (!micros) detail::throw_unreadable("a duration", text, index, statement.sql());
    auto converted = detail::duration_from_micros<Duration>(*micros);
    if (!converted) detail::throw_unreadable("a whole number of the member's duration unit", text, index, statement.sql());
    value = *converted;
    return true;
  }
};

// JSON null is a value (the text "null"), distinct from SQL NULL (std::optional<json>).
template <>
struct value_codec<nlohmann::json> : detail::non_null_codec<value_codec<nlohmann::json>, nlohmann::json> {
  static void bind(Statement& statement, int index, const nlohmann::json& value) {
    statement.bind_text_copy(index, value.dump());
  }
  static bool try_read(Statement& statement, int index, nlohmann::json& value) {
    std::string text;
    if (!detail::read_column(statement, index, text)) return false;
    try {
      value = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error&) {
      detail::throw_unreadable("JSON", text, index, statement.sql());
    }
    return true;
  }
};

template <>
struct value_codec<std::vector<std::byte>>
    : detail::non_null_codec<value_codec<std::vector<std::byte>>, std::vector<std::byte>> {
  static void bind(Statement& statement, int index, const std::vector<std::byte>& value) {
    statement.bind_blob(index, std::span(reinterpret_cast<const std::uint8_t*>(value.data()), value.size()));
  }
  static bool try_read(Statement& statement, int index, std::vector<std::byte>& value) {
    std::vector<std::uint8_t> bytes;
    if (!detail::read_column(statement, index, bytes)) return false;
    value.assign(reinterpret_cast<const std::byte*>(bytes.data()),
                 reinterpret_cast<const std::byte*>(bytes.data()) + bytes.size());
    return true;
  }
};

namespace detail {

// Binds `value` for a column whose UUIDs are stored in `uuid_form` (nullopt: no column is
// known): a UUID in that form, any other type as its codec binds it. Only UUIDs have a form per
// column, so every other type compiles to its codec's bind.
template <typename V>
void bind_in_column_form(Statement& statement, int index, const V& value, std::optional<SqliteUuid> uuid_form) {
  if constexpr (std::is_same_v<V, UUID>) {
    statement.bind_uuid(index, value, uuid_form);
  } else if constexpr (std::is_same_v<V, std::optional<UUID>>) {
    if (value) statement.bind_uuid(index, *value, uuid_form);
    else statement.bind_null(index);
  } else {
    value_codec<V>::bind(statement, index, value);
  }
}

// An array element's text inside a PostgreSQL array literal. `quoted`: written in double
// quotes (anything that is not a number or a boolean).
template <typename T>
struct pg_array_element;

template <std::integral T>
  requires(!std::same_as<T, bool>)
struct pg_array_element<T> {
  static constexpr bool quoted = false;
  static std::string to_text(T value) { return std::to_string(value); }
  static std::optional<T> from_text(std::string_view text) {
    T value{};
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
  }
};
template <std::floating_point T>
struct pg_array_element<T> {
  static constexpr bool quoted = false;
  static std::string to_text(T value) {
    char buffer[64];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, end);
  }
  static std::optional<T> from_text(std::string_view text) {
    std::string copy(text);
    char* end = nullptr;
    double value = std::strtod(copy.c_str(), &end);
    if (copy.empty() || end != copy.c_str() + copy.size()) return std::nullopt;
    return static_cast<T>(value);
  }
};
template <>
struct pg_array_element<bool> {
  static constexpr bool quoted = false;
  static std::string to_text(bool value) { return value ? "true" : "false"; }
  static std::optional<bool> from_text(std::string_view text) {
    if (text == "t" || text == "true") return true;
    if (text == "f" || text == "false") return false;
    return std::nullopt;
  }
};
template <>
struct pg_array_element<std::string> {
  static constexpr bool quoted = true;
  static std::string to_text(const std::string& value) { return value; }
  static std::optional<std::string> from_text(std::string_view text) { return std::string(text); }
};
template <>
struct pg_array_element<UUID> {
  static constexpr bool quoted = true;
  static std::string to_text(const UUID& value) { return value.to_string(); }
  static std::optional<UUID> from_text(std::string_view text) { return UUID::parse(text); }
};
template <>
struct pg_array_element<Decimal> {
  static constexpr bool quoted = true;
  static std::string to_text(const Decimal& value) { return value.to_string(); }
  static std::optional<Decimal> from_text(std::string_view text) {
    try {
      return Decimal(text);
    } catch (const std::invalid_argument&) {
      return std::nullopt;
    }
  }
};
template <>
struct pg_array_element<std::chrono::system_clock::time_point> {
  static constexpr bool quoted = true;
  static std::string to_text(std::chrono::system_clock::time_point value) { return detail::format_timestamp(value); }
  static auto from_text(std::string_view text) { return detail::parse_timestamp(text); }
};
template <>
struct pg_array_element<std::chrono::year_month_day> {
  static constexpr bool quoted = true;
  static std::string to_text(std::chrono::year_month_day value) { return detail::format_date(value); }
  static auto from_text(std::string_view text) { return detail::parse_date(text); }
};
template <typename E>
  requires std::is_enum_v<E> && requires { enum_traits<E>::enumerators; }
struct pg_array_element<E> {
  static constexpr bool quoted = true;
  static std::string to_text(E value) { return json_value<E>::to(value).template get<std::string>(); }
  static std::optional<E> from_text(std::string_view text) {
    for (const auto& [enumerator, name] : enum_traits<E>::enumerators)
      if (name == text) return enumerator;
    return std::nullopt;
  }
};

// The elements of a one-dimensional PostgreSQL array literal ("{1,2}", "{\"a b\",c}");
// nullopt for anything else, including NULL elements (a std::vector<T> has no place for them).
inline std::optional<std::vector<std::string>> parse_pg_array(std::string_view text) {
  if (text.size() < 2 || text.front() != '{' || text.back() != '}') return std::nullopt;
  std::vector<std::string> elements;
  std::string_view body = text.substr(1, text.size() - 2);
  if (body.empty()) return elements;
  std::size_t at = 0;
  while (true) {
    std::string element;
    if (at < body.size() && body[at] == '"') {
      ++at;
      for (; at < body.size() && body[at] != '"'; ++at) {
        if (body[at] == '\\' && at + 1 < body.size()) ++at;
        element += body[at];
      }
      if (at >= body.size()) return std::nullopt;
      ++at;
    } else {
      std::size_t end = body.find(',', at);
      if (end == std::string_view::npos) end = body.size();
      element = std::string(body.substr(at, end - at));
      if (element == "NULL" || element.empty() || element.front() == '{') return std::nullopt;
      at = end;
    }
    elements.push_back(std::move(element));
    if (at == body.size()) return elements;
    if (body[at] != ',') return std::nullopt;
    ++at;
  }
}

}  // namespace detail

// Arrays of scalars (not of bytes: std::vector<std::byte> is a blob).
template <typename T>
  requires(!std::same_as<T, std::byte> && !std::same_as<T, std::uint8_t> &&
           requires { detail::pg_array_element<T>::quoted; })
struct value_codec<std::vector<T>> : detail::non_null_codec<value_codec<std::vector<T>>, std::vector<T>> {
  static void bind(Statement& statement, int index, const std::vector<T>& values) {
    if (statement.dialect() == schema::Dialect::postgresql) {
      std::string literal = "{";
      for (const T& value : values) {
        if (literal.size() > 1) literal += ',';
        std::string text = detail::pg_array_element<T>::to_text(value);
        if (!detail::pg_array_element<T>::quoted) {
          literal += text;
          continue;
        }
        literal += '"';
        for (char c : text) {
          if (c == '"' || c == '\\') literal += '\\';
          literal += c;
        }
        literal += '"';
      }
      literal += '}';
      statement.bind_text_copy(index, literal);
    } else {
      statement.bind_text_copy(index, json_value<std::vector<T>>::to(values).dump());
    }
  }
  static bool try_read(Statement& statement, int index, std::vector<T>& values) {
    std::string text;
    if (!detail::read_column(statement, index, text)) return false;
    if (statement.dialect() == schema::Dialect::postgresql) {
      auto elements = detail::parse_pg_array(text);
      if (!elements) detail::throw_unreadable("a one-dimensional array without NULLs", text, index, statement.sql());
      std::vector<T> result;
      result.reserve(elements->size());
      for (const auto& element : *elements) {
        auto value = detail::pg_array_element<T>::from_text(element);
        if (!value) detail::throw_unreadable("an array of the member's element type", text, index, statement.sql());
        result.push_back(std::move(*value));
      }
      values = std::move(result);
      return true;
    }
    try {
      json_value<std::vector<T>>::from(nlohmann::json::parse(text), values, "");
    } catch (const std::exception&) {
      detail::throw_unreadable("a JSON array of the member's element type", text, index, statement.sql());
    }
    return true;
  }
};

}  // namespace sqlmodel
