// JSON to and from every model, through its traits (nothing is registered by hand):
//
//   nlohmann::json document = sqlmodel::to_json(user);              // a table model
//   auto create = sqlmodel::from_json<UserCreate>(request_body);     // a SQLMODEL_MODEL mirror
//
// Keys are the C++ field names (model_traits column json_name / mirror_field name); values as
// in json_value.hpp. Relationships are not serialised.
//
// Reading (from_json) is strict by default, like a typed API should be:
// - a member that is not std::optional and has no default (has_default in the traits) is
//   required: "UserCreate: missing required field 'email'";
// - a value of the wrong type names the field and what was expected:
//   "UserCreate.age: expected an integer from -2147483648 to 2147483647, got string \"x\"";
// - an unknown key is an error naming it (and the nearest field name), unless
//   FromJsonOptions::unknown_fields = UnknownFields::ignore (Pydantic's default is to ignore;
//   here a typo in a request must not be silently dropped);
// - the field constraints are checked (validation.hpp), all failures at once, unless
//   FromJsonOptions::validate = false.
// Writing (to_json): an unset std::optional is null, except in a partial (Update) model,
// whose unset fields are left out (Pydantic's exclude_unset), so that the document round-trips.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "sqlmodel/detail/did_you_mean.hpp"
#include "sqlmodel/json_value.hpp"
#include "sqlmodel/model_traits.hpp"
#include "sqlmodel/validation.hpp"

namespace sqlmodel {

enum class UnknownFields { reject, ignore };

struct FromJsonOptions {
  UnknownFields unknown_fields = UnknownFields::reject;
  bool validate = true;
};

namespace detail {

template <typename V>
inline constexpr bool is_optional_member_v = false;
template <typename V>
inline constexpr bool is_optional_member_v<std::optional<V>> = true;

// Calls f(key, member pointer's value type tag via the field, has_default) for each field.
template <typename M, typename F>
void for_each_json_field(F&& f) {
  if constexpr (TableModel<M>) {
    for_each_column<M>([&](auto, const auto& column) {
      using Column = std::remove_cvref_t<decltype(column)>;
      f(column.key_in_json(), Column::member, column.has_default);
    });
  } else {
    detail::traits_for_each(mirror_traits<M>::fields, [&](auto, const auto& field) {
      f(field.name, std::remove_cvref_t<decltype(field)>::member, field.has_default);
    });
  }
}

template <typename M>
constexpr bool is_partial() {
  if constexpr (MirrorModel<M>) return mirror_traits<M>::partial;
  else return false;
}

// An optional<optional<V>> field of a partial model: unset (absent), set to null, or a value.
template <typename V>
void read_partial_field(const nlohmann::json& json, std::optional<V>& out, const std::string& path) {
  V value{};
  json_value<V>::from(json, value, path);
  out = std::move(value);
}

}  // namespace detail

template <typename M>
  requires TableModel<M> || MirrorModel<M>
nlohmann::json to_json(const M& object) {
  nlohmann::json document = nlohmann::json::object();
  detail::for_each_json_field<M>([&](std::string_view key, auto member, bool) {
    const auto& value = object.*member;
    using V = std::remove_cvref_t<decltype(value)>;
    if constexpr (detail::is_partial<M>() && detail::is_optional_member_v<V>) {
      if (!value) return;
      document[std::string(key)] = json_value<typename V::value_type>::to(*value);
    } else {
      document[std::string(key)] = json_value<V>::to(value);
    }
  });
  return document;
}

template <typename M>
  requires TableModel<M> || MirrorModel<M>
M from_json(const nlohmann::json& document, FromJsonOptions options = {}) {
  const std::string model(detail::model_name_of<M>());
  if (!document.is_object()) detail::json_type_error(model, "a JSON object", document);
  M object{};
  std::vector<std::string_view> known;
  detail::for_each_json_field<M>([&](std::string_view key, auto member, bool has_default) {
    known.push_back(key);
    auto& value = object.*member;
    using V = std::remove_cvref_t<decltype(value)>;
    const std::string path = model + "." + std::string(key);
    auto found = document.find(std::string(key));
    if (found == document.end()) {
      if (!detail::is_optional_member_v<V> && !has_default)
        throw JsonError(model, "missing required field '" + std::string(key) + "'");
      return;
    }
    if constexpr (detail::is_partial<M>() && detail::is_optional_member_v<V>) {
      // Present in an Update document: set (to null only where the field can hold a null).
      detail::read_partial_field(*found, value, path);
    } else {
      json_value<V>::from(*found, value, path);
    }
  });
  if (options.unknown_fields == UnknownFields::reject)
    for (const auto& [key, value] : document.items())
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        std::string message = "unknown field '" + key + "'";
        if (auto nearest = detail::closest_name(key, known, 2))
          message += " (did you mean '" + std::string(*nearest) + "'?)";
        throw JsonError(model, message);
      }
  if (options.validate) validate(object);
  return object;
}

}  // namespace sqlmodel
