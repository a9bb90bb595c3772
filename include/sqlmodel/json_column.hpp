// Typed JSON columns: a member whose type is a plain struct, or a std::vector of them, stored
// as one JSON value (SQLModel's `steps: list[Step] = Field(sa_type=JSON)`):
//
//   struct Step { std::string name; int retries = 0; std::optional<std::string> note; };
//   struct SQLMODEL_TABLE(.name = "pipelines") Pipeline {
//     SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
//     std::vector<Step> steps;                      // JSON (JSONB with json-type=jsonb)
//   };
//
// The plugin checks every member of the struct (and of the structs it holds) and writes, in the
// generated header, one json_struct_traits<Step> naming them; the generated header includes
// this header only when its models have such a column, so translation units without one never
// parse the JSON library for it. Members are written as an object keyed by member name, values
// as json_value.hpp spells them. Reading follows Pydantic's defaults for a nested model: a key
// the struct does not have is ignored (another service may have added it) and an absent member
// keeps its default; a value of the wrong type is an error naming the path inside the column
// ("steps[1].retries: expected an integer ..."), and for a value read from the database, the
// result column and the statement too.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "sqlmodel/json_value.hpp"
#include "sqlmodel/model_traits.hpp"
#include "sqlmodel/value_codec.hpp"

namespace sqlmodel {

template <typename T>
struct json_struct_traits;  // specialised by the generated code, one per typed JSON struct

template <typename T>
concept JsonStruct = requires { json_struct_traits<T>::members; };

// One member of a typed JSON struct, by its member pointer; `name` is its JSON key.
template <auto Member>
struct json_struct_member {
  using model_type = typename detail::member_pointer_traits<Member>::model_type;
  using value_type = typename detail::member_pointer_traits<Member>::value_type;
  static constexpr auto member = Member;
  std::string_view name;
};

template <JsonStruct T>
struct json_value<T> {
  static nlohmann::json to(const T& value) {
    nlohmann::json object = nlohmann::json::object();
    std::apply([&](const auto&... members) {
      ((object[std::string(members.name)] =
            json_value<typename std::remove_cvref_t<decltype(members)>::value_type>::to(
                value.*std::remove_cvref_t<decltype(members)>::member)),
       ...);
    }, json_struct_traits<T>::members);
    return object;
  }

  // A member absent from the document keeps the value a default-constructed T gives it (its
  // default member initializer, or an empty std::optional); `path` names the struct in messages.
  static void from(const nlohmann::json& json, T& out, const std::string& path) {
    if (!json.is_object())
      detail::json_type_error(path, "an object (" + std::string(json_struct_traits<T>::name) + ")", json);
    T value{};
    std::apply([&](const auto&... members) {
      (([&](const auto& member) {
         using Member = std::remove_cvref_t<decltype(member)>;
         auto found = json.find(std::string(member.name));
         if (found == json.end()) return;
         const std::string member_path = path.empty() ? std::string(member.name) : path + "." + std::string(member.name);
         json_value<typename Member::value_type>::from(*found, value.*Member::member, member_path);
       }(members)),
       ...);
    }, json_struct_traits<T>::members);
    out = std::move(value);
  }
};

namespace detail {

// Binds and reads a typed JSON column: JSON text on both dialects (PostgreSQL casts the
// parameter to the column's json or jsonb type).
template <typename V>
struct json_text_codec : non_null_codec<json_text_codec<V>, V> {
  static void bind(Statement& statement, int index, const V& value) {
    statement.bind_text_copy(index, json_value<V>::to(value).dump());
  }
  static bool try_read(Statement& statement, int index, V& value) {
    std::string text;
    if (!read_column(statement, index, text)) return false;
    nlohmann::json document;
    try {
      document = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error&) {
      throw_unreadable("JSON", text, index, statement.sql());
    }
    try {
      json_value<V>::from(document, value, "");
    } catch (const JsonError& error) {
      throw std::runtime_error("result column " + std::to_string(index) + " does not fit the member's type: " +
                               error.what() + " (statement: " + statement.sql() + ")");
    }
    return true;
  }
};

}  // namespace detail

template <JsonStruct T>
struct value_codec<T> : detail::json_text_codec<T> {};

template <JsonStruct T>
struct value_codec<std::vector<T>> : detail::json_text_codec<std::vector<T>> {};

}  // namespace sqlmodel
