// How one C++ value type converts to and from JSON (nlohmann::json), with errors that name
// the JSON path and the type that was expected. Used by to_json/from_json of models (json.hpp)
// and by the SQLite storage of array columns (JSON text, as the SQLite lowering declares them).
//
//   bool, integers, floating point  JSON booleans and numbers (integers range-checked)
//   std::string                     string
//   sqlmodel::UUID                  "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
//   sqlmodel::Decimal               string (exact); a JSON integer is accepted when reading
//   enums                           the enumerator's name (enum_traits)
//   system_clock::time_point        "YYYY-MM-DDTHH:MM:SS.ffffffZ" (UTC; offsets accepted)
//   std::chrono::year_month_day     "YYYY-MM-DD"
//   std::chrono::duration           ISO 8601 "PT1H30M" (Pydantic's timedelta); seconds read too
//   a typed JSON struct             an object of its members (json_column.hpp)
//   nlohmann::json                  itself
//   std::vector<std::byte|uint8_t>  base64 string (RFC 4648, padded)
//   std::vector<T>                  array
//   std::optional<T>                null when empty
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "sqlmodel/annotations.hpp"
#include "sqlmodel/detail/value_text.hpp"

namespace sqlmodel {

template <typename E>
struct enum_traits;  // specialised by the generated code (see value_codec.hpp)

// A JSON document does not fit a model: `path` says where ("UserCreate.tags[2]"), the message
// what was expected and what was found.
class JsonError : public std::runtime_error {
 public:
  JsonError(std::string path, const std::string& message)
      : std::runtime_error(path.empty() ? message : path + ": " + message), path_(std::move(path)) {}
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

template <typename V>
struct json_value;

namespace detail {

[[noreturn]] inline void json_type_error(const std::string& path, std::string_view expected,
                                         const nlohmann::json& found) {
  std::string shown = found.dump();
  if (shown.size() > 60) shown = shown.substr(0, 57) + "...";
  throw JsonError(path, "expected " + std::string(expected) + ", got " + found.type_name() + " " + shown);
}

inline std::string format_timestamp_iso(std::chrono::system_clock::time_point time) {
  std::string text = detail::format_timestamp(time);  // "YYYY-MM-DD HH:MM:SS.ffffff+00:00"
  text[10] = 'T';
  text.replace(text.size() - 6, 6, "Z");
  return text;
}

inline std::string base64_encode(std::span<const std::uint8_t> bytes) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t chunk = static_cast<std::uint32_t>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) chunk |= static_cast<std::uint32_t>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) chunk |= bytes[i + 2];
    out += alphabet[(chunk >> 18) & 63];
    out += alphabet[(chunk >> 12) & 63];
    out += i + 1 < bytes.size() ? alphabet[(chunk >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? alphabet[chunk & 63] : '=';
  }
  return out;
}

inline std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  if (text.size() % 4 != 0) return std::nullopt;
  std::vector<std::uint8_t> out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    int v[4];
    int padding = 0;
    for (int k = 0; k < 4; ++k) {
      char c = text[i + k];
      if (c == '=' && i + 4 == text.size() && k >= 2) {
        v[k] = 0;
        ++padding;
      } else {
        if (padding) return std::nullopt;
        v[k] = value(c);
        if (v[k] < 0) return std::nullopt;
      }
    }
    std::uint32_t chunk = (v[0] << 18) | (v[1] << 12) | (v[2] << 6) | v[3];
    out.push_back(static_cast<std::uint8_t>(chunk >> 16));
    if (padding < 2) out.push_back(static_cast<std::uint8_t>(chunk >> 8));
    if (padding < 1) out.push_back(static_cast<std::uint8_t>(chunk));
  }
  return out;
}

}  // namespace detail

template <>
struct json_value<bool> {
  static nlohmann::json to(bool value) { return value; }
  static void from(const nlohmann::json& json, bool& out, const std::string& path) {
    if (!json.is_boolean()) detail::json_type_error(path, "a boolean", json);
    out = json.get<bool>();
  }
};

template <std::integral T>
  requires(!std::same_as<T, bool>)
struct json_value<T> {
  static nlohmann::json to(T value) { return value; }
  static void from(const nlohmann::json& json, T& out, const std::string& path) {
    const std::string expected = "an integer from " + std::to_string(std::numeric_limits<T>::min()) +
                                 " to " + std::to_string(std::numeric_limits<T>::max());
    if (json.is_number_unsigned()) {
      auto value = json.get<std::uint64_t>();
      if (value > static_cast<std::uint64_t>(std::numeric_limits<T>::max()))
        detail::json_type_error(path, expected, json);
      out = static_cast<T>(value);
    } else if (json.is_number_integer()) {
      auto value = json.get<std::int64_t>();
      if constexpr (std::is_unsigned_v<T>) {
        if (value < 0) detail::json_type_error(path, expected, json);
        if (static_cast<std::uint64_t>(value) > std::numeric_limits<T>::max())
          detail::json_type_error(path, expected, json);
      } else {
        if (value < std::numeric_limits<T>::min() || value > std::numeric_limits<T>::max())
          detail::json_type_error(path, expected, json);
      }
      out = static_cast<T>(value);
    } else {
      detail::json_type_error(path, expected, json);
    }
  }
};

template <std::floating_point T>
struct json_value<T> {
  static nlohmann::json to(T value) { return value; }
  static void from(const nlohmann::json& json, T& out, const std::string& path) {
    if (!json.is_number()) detail::json_type_error(path, "a number", json);
    out = json.get<T>();
  }
};

template <>
struct json_value<std::string> {
  static nlohmann::json to(const std::string& value) { return value; }
  static void from(const nlohmann::json& json, std::string& out, const std::string& path) {
    if (!json.is_string()) detail::json_type_error(path, "a string", json);
    out = json.get<std::string>();
  }
};

template <>
struct json_value<UUID> {
  static nlohmann::json to(const UUID& value) { return value.to_string(); }
  static void from(const nlohmann::json& json, UUID& out, const std::string& path) {
    std::optional<UUID> parsed;
    if (json.is_string()) parsed = UUID::parse(json.get_ref<const std::string&>());
    if (!parsed) detail::json_type_error(path, "a UUID string (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", json);
    out = *parsed;
  }
};

template <>
struct json_value<Decimal> {
  static nlohmann::json to(const Decimal& value) { return value.to_string(); }
  static void from(const nlohmann::json& json, Decimal& out, const std::string& path) {
    try {
      if (json.is_string()) return void(out = Decimal(json.get_ref<const std::string&>()));
      if (json.is_number_integer()) return void(out = Decimal(json.dump()));
    } catch (const std::invalid_argument&) {
    }
    detail::json_type_error(path, "a decimal number as a string (\"12.50\")", json);
  }
};

template <typename E>
  requires std::is_enum_v<E> && requires { enum_traits<E>::enumerators; }
struct json_value<E> {
  static nlohmann::json to(E value) {
    for (const auto& [enumerator, name] : enum_traits<E>::enumerators)
      if (enumerator == value) return std::string(name);
    throw std::invalid_argument("value " + std::to_string(static_cast<long long>(value)) +
                                " is not an enumerator of enum " + std::string(enum_traits<E>::name));
  }
  static void from(const nlohmann::json& json, E& out, const std::string& path) {
    if (json.is_string())
      for (const auto& [enumerator, name] : enum_traits<E>::enumerators)
        if (name == json.get_ref<const std::string&>()) return void(out = enumerator);
    std::string expected = "one of";
    for (const auto& [enumerator, name] : enum_traits<E>::enumerators)
      expected += std::string(expected.size() > 6 ? ", " : " ") + "\"" + std::string(name) + "\"";
    detail::json_type_error(path, expected + " (enum " + std::string(enum_traits<E>::name) + ")", json);
  }
};

template <>
struct json_value<std::chrono::system_clock::time_point> {
  static nlohmann::json to(std::chrono::system_clock::time_point value) {
    return detail::format_timestamp_iso(value);
  }
  static void from(const nlohmann::json& json, std::chrono::system_clock::time_point& out,
                   const std::string& path) {
    std::optional<std::chrono::system_clock::time_point> parsed;
    if (json.is_string()) parsed = detail::parse_timestamp(json.get_ref<const std::string&>());
    if (!parsed) detail::json_type_error(path, "an ISO 8601 timestamp (\"2024-05-01T12:00:00Z\")", json);
    out = *parsed;
  }
};

template <>
struct json_value<std::chrono::year_month_day> {
  static nlohmann::json to(std::chrono::year_month_day value) { return detail::format_date(value); }
  static void from(const nlohmann::json& json, std::chrono::year_month_day& out, const std::string& path) {
    std::optional<std::chrono::year_month_day> parsed;
    if (json.is_string()) parsed = detail::parse_date(json.get_ref<const std::string&>());
    if (!parsed) detail::json_type_error(path, "a date \"YYYY-MM-DD\"", json);
    out = *parsed;
  }
};

// ISO 8601, as Pydantic writes a timedelta ("PT1H30M"); a number of seconds is read too.
template <typename Rep, typename Period>
struct json_value<std::chrono::duration<Rep, Period>> {
  using Duration = std::chrono::duration<Rep, Period>;
  static nlohmann::json to(Duration value) { return detail::format_interval_iso8601(detail::duration_to_micros(value)); }
  static void from(const nlohmann::json& json, Duration& out, const std::string& path) {
    std::optional<std::chrono::microseconds> micros;
    if (json.is_string()) micros = detail::parse_interval_iso8601(json.get_ref<const std::string&>());
    else if (json.is_number())
      micros = std::chrono::round<std::chrono::microseconds>(std::chrono::duration<double>(json.get<double>()));
    if (!micros) detail::json_type_error(path, "an ISO 8601 duration (\"PT1H30M\") or a number of seconds", json);
    auto converted = detail::duration_from_micros<Duration>(*micros);
    if (!converted) detail::json_type_error(path, "a whole number of the field's duration unit", json);
    out = *converted;
  }
};

template <>
struct json_value<nlohmann::json> {
  static nlohmann::json to(const nlohmann::json& value) { return value; }
  static void from(const nlohmann::json& json, nlohmann::json& out, const std::string&) { out = json; }
};

template <typename Byte>
  requires std::same_as<Byte, std::byte> || std::same_as<Byte, std::uint8_t>
struct json_value<std::vector<Byte>> {
  static nlohmann::json to(const std::vector<Byte>& value) {
    return detail::base64_encode(std::span(reinterpret_cast<const std::uint8_t*>(value.data()), value.size()));
  }
  static void from(const nlohmann::json& json, std::vector<Byte>& out, const std::string& path) {
    std::optional<std::vector<std::uint8_t>> bytes;
    if (json.is_string()) bytes = detail::base64_decode(json.get_ref<const std::string&>());
    if (!bytes) detail::json_type_error(path, "base64 text", json);
    out.assign(reinterpret_cast<const Byte*>(bytes->data()),
               reinterpret_cast<const Byte*>(bytes->data()) + bytes->size());
  }
};

template <typename T>
  requires(!std::same_as<T, std::byte> && !std::same_as<T, std::uint8_t>)
struct json_value<std::vector<T>> {
  static nlohmann::json to(const std::vector<T>& values) {
    nlohmann::json array = nlohmann::json::array();
    for (const T& value : values) array.push_back(json_value<T>::to(value));
    return array;
  }
  static void from(const nlohmann::json& json, std::vector<T>& out, const std::string& path) {
    if (!json.is_array()) detail::json_type_error(path, "an array", json);
    std::vector<T> values(json.size());
    for (std::size_t i = 0; i < json.size(); ++i)
      json_value<T>::from(json[i], values[i], path + "[" + std::to_string(i) + "]");
    out = std::move(values);
  }
};

template <typename T>
struct json_value<std::optional<T>> {
  static nlohmann::json to(const std::optional<T>& value) {
    return value ? json_value<T>::to(*value) : nlohmann::json(nullptr);
  }
  static void from(const nlohmann::json& json, std::optional<T>& out, const std::string& path) {
    if (json.is_null()) return out.reset();
    T value{};
    json_value<T>::from(json, value, path);
    out = std::move(value);
  }
};

}  // namespace sqlmodel
