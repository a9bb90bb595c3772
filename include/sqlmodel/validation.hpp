// Field constraints checked before a write (and by from_json), as Pydantic checks a model:
// every failing field of one object is reported, not just the first, and nothing is written.
//
//   SQLMODEL_FIELD(.min_length = 3, .max_length = 40, .pattern = "^[a-z0-9_]+$") std::string handle;
//   SQLMODEL_FIELD(.ge = 0, .lt = 150) std::int32_t age;
//
//   try { session.add(user); } catch (const sqlmodel::ValidationError& error) {
//     error.model();      // "User"
//     error.failures();   // {field "handle", rule "min_length", message ...}, {field "age", ...}
//   }
//
// Rules (the bounds come from model_traits<T>::columns, see model_traits.hpp):
// - min_length / max_length: a string's length in characters (UTF-8 code points, as Python
//   counts them); for an array of strings, each element's length (max_length is the element's
//   VARCHAR(n)).
// - ge / gt / le / lt: integers, floating point and Decimal (compared through double), and each
//   element of an array of numbers.
// - pattern: a regular expression in RE2's syntax searched in the string (as Pydantic 2 does:
//   anchor it with ^...$ to match the whole value). RE2 runs in time linear in the value and
//   never recurses (detail/text_pattern.hpp). A value already longer than max_length is not
//   searched: that failure is reported, and a hostile megabyte costs one length count.
// - An unset std::optional passes every rule (NULL is the nullable column's business).
//
// Besides add/update/flush, Session::bulk_insert checks every object before writing any (each
// failure carries the object's index: "Account[3].handle"), and update<T>().set(member, value)
// checks the values it sets when it runs (query_update_delete.hpp).
#pragma once

#include <cmath>
#include <cstddef>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sqlmodel/detail/text_pattern.hpp"
#include "sqlmodel/model_traits.hpp"

namespace sqlmodel {

struct ValidationFailure {
  std::string field;    // the C++ field name (the JSON key)
  std::string rule;     // "max_length", "min_length", "ge", "gt", "le", "lt", "pattern"
  std::string message;  // "at most 255 characters, got 300"
  // Writes of many objects (Session::bulk_insert): the failing object's position among them.
  std::optional<std::size_t> index = {};
};

class ValidationError : public std::invalid_argument {
 public:
  ValidationError(std::string model, std::vector<ValidationFailure> failures)
      : std::invalid_argument(describe(model, failures)),
        model_(std::move(model)),
        failures_(std::move(failures)) {}

  const std::string& model() const { return model_; }
  const std::vector<ValidationFailure>& failures() const { return failures_; }

 private:
  static std::string describe(const std::string& model, const std::vector<ValidationFailure>& failures) {
    std::string text = std::to_string(failures.size()) + " validation error" +
                       (failures.size() == 1 ? "" : "s") + " for " + model;
    for (const auto& failure : failures)
      text += "\n  " + model + (failure.index ? "[" + std::to_string(*failure.index) + "]" : "") + "." +
              failure.field + ": " + failure.message + " (" + failure.rule + ")";
    return text;
  }

  std::string model_;
  std::vector<ValidationFailure> failures_;
};

namespace detail {

inline std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++count;
  return count;
}

inline std::string bound_text(double bound) {
  std::ostringstream out;
  out << bound;
  return out.str();
}

template <typename V>
inline constexpr bool is_number_v = (std::is_arithmetic_v<V> && !std::is_same_v<V, bool>) ||
                                    std::is_same_v<V, Decimal>;

template <typename V>
double as_double(const V& value) {
  if constexpr (std::is_same_v<V, Decimal>) return std::stod(value.to_string());
  else return static_cast<double>(value);
}

template <typename V>
std::string value_text(const V& value) {
  if constexpr (std::is_same_v<V, Decimal>) return value.to_string();
  else if constexpr (std::is_floating_point_v<V>) return bound_text(static_cast<double>(value));
  else return std::to_string(value);
}

// The pattern of one column, compiled once (Column is a distinct type per member).
template <typename Column>
const CompiledPattern& column_pattern(const Column& column) {
  static const CompiledPattern& pattern = compiled_text_pattern(column.pattern, column.name);
  return pattern;
}

template <typename Column>
void check_string(const Column& column, std::string_view field, const std::string& value,
                  std::string_view where, std::vector<ValidationFailure>& failures) {
  const std::size_t length = utf8_length(value);
  const bool too_long = column.max_length >= 0 && length > static_cast<std::size_t>(column.max_length);
  if (too_long)
    failures.push_back({std::string(field), "max_length",
                        std::string(where) + "at most " + std::to_string(column.max_length) +
                            " characters, got " + std::to_string(length)});
  if (column.min_length >= 0 && length < static_cast<std::size_t>(column.min_length))
    failures.push_back({std::string(field), "min_length",
                        std::string(where) + "at least " + std::to_string(column.min_length) +
                            " characters, got " + std::to_string(length)});
  if (!column.pattern.empty() && !too_long && !text_pattern_found(column_pattern(column), value))
    failures.push_back({std::string(field), "pattern",
                        std::string(where) + "must match the pattern \"" + std::string(column.pattern) +
                            "\", got " + quoted_value_sample(value)});
}

template <typename Column, typename V>
void check_number(const Column& column, std::string_view field, const V& value, std::string_view where,
                  std::vector<ValidationFailure>& failures) {
  const double number = as_double(value);
  auto fail = [&](std::string_view rule, std::string_view op, double bound) {
    failures.push_back({std::string(field), std::string(rule),
                        std::string(where) + "must be " + std::string(op) + " " + bound_text(bound) +
                            ", got " + value_text(value)});
  };
  if (column.ge && !(number >= *column.ge)) fail("ge", ">=", *column.ge);
  if (column.gt && !(number > *column.gt)) fail("gt", ">", *column.gt);
  if (column.le && !(number <= *column.le)) fail("le", "<=", *column.le);
  if (column.lt && !(number < *column.lt)) fail("lt", "<", *column.lt);
}

template <typename Column, typename V>
void check_value(const Column& column, std::string_view field, const V& value,
                 std::vector<ValidationFailure>& failures) {
  if constexpr (std::is_same_v<V, std::string>) {
    check_string(column, field, value, "", failures);
  } else if constexpr (is_number_v<V>) {
    check_number(column, field, value, "", failures);
  } else if constexpr (requires { typename V::value_type; value.size(); } &&
                       !std::is_same_v<V, std::string>) {
    using Element = typename V::value_type;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string where = "element " + std::to_string(i) + ": ";
      if constexpr (std::is_same_v<Element, std::string>) check_string(column, field, value[i], where, failures);
      else if constexpr (is_number_v<Element>) check_number(column, field, value[i], where, failures);
    }
  }
}

template <typename Column>
constexpr bool has_constraints(const Column& column) {
  return column.max_length >= 0 || column.min_length >= 0 || column.ge || column.gt || column.le ||
         column.lt || !column.pattern.empty();
}

template <typename Column, typename V>
void check_member(const Column& column, std::string_view field, const V& member,
                  std::vector<ValidationFailure>& failures) {
  if (!has_constraints(column)) return;
  check_value(column, field, member, failures);
}
template <typename Column, typename V>
void check_member(const Column& column, std::string_view field, const std::optional<V>& member,
                  std::vector<ValidationFailure>& failures) {
  if (member) check_member(column, field, *member, failures);
}

// The constraints of the table column a mirror field maps to, applied to the field.
template <typename Table, typename Field, typename M>
void check_mirror_field(const Field& field, const M& object, std::vector<ValidationFailure>& failures) {
  if constexpr (!requires { Field::table_member; }) {
    // The model's own field (mirror_own_field): its constraints are its own.
    check_member(field, field.name, object.*Field::member, failures);
  } else {
    for_each_column<Table>([&](auto, const auto& column) {
      using Column = std::remove_cvref_t<decltype(column)>;
      if constexpr (detail::same_member<Column::member, Field::table_member>())
        check_member(column, field.name, object.*Field::member, failures);
    });
  }
}

}  // namespace detail

// Every constraint failure of `object`, in column order; empty when it is valid.
template <TableModel T>
std::vector<ValidationFailure> validation_failures(const T& object) {
  std::vector<ValidationFailure> failures;
  for_each_column<T>([&](auto, const auto& column) {
    using Column = std::remove_cvref_t<decltype(column)>;
    detail::check_member(column, column.key_in_json(), object.*Column::member, failures);
  });
  return failures;
}

namespace detail {
// True when any column of T has a constraint to check (lets bulk writes skip the loop).
template <TableModel T>
constexpr bool has_field_constraints() {
  bool any = false;
  detail::traits_for_each(model_traits<T>::columns,
                          [&](auto, const auto& column) { any = any || detail::has_constraints(column); });
  return any;
}

// The failures of `value` as the value of T's column `member` (update<T>().set(member, value)).
template <TableModel T, typename V>
std::vector<ValidationFailure> column_value_failures(V T::*member, const V& value) {
  std::vector<ValidationFailure> failures;
  for_each_column<T>([&](auto, const auto& column) {
    using Column = std::remove_cvref_t<decltype(column)>;
    if constexpr (std::is_same_v<typename Column::value_type, V>)
      if (Column::member == member) detail::check_member(column, column.key_in_json(), value, failures);
  });
  return failures;
}

}  // namespace detail

// A mirror model's fields are checked against the constraints of the columns they map to.
template <MirrorModel M>
std::vector<ValidationFailure> validation_failures(const M& object) {
  using Table = typename mirror_traits<M>::table_model;
  std::vector<ValidationFailure> failures;
  detail::traits_for_each(mirror_traits<M>::fields, [&](auto, const auto& field) {
    detail::check_mirror_field<Table>(field, object, failures);
  });
  return failures;
}

namespace detail {
template <typename M>
constexpr std::string_view model_name_of() {
  if constexpr (TableModel<M>) return model_traits<M>::model_name;
  else return mirror_traits<M>::model_name;
}
}  // namespace detail

// Throws ValidationError listing every failure of `object`.
template <typename M>
  requires TableModel<M> || MirrorModel<M>
void validate(const M& object) {
  // add() validates every object: a model without constraints pays nothing for it.
  if constexpr (TableModel<M>)
    if constexpr (!detail::has_field_constraints<M>()) return;
  auto failures = validation_failures(object);
  if (!failures.empty()) throw ValidationError(std::string(detail::model_name_of<M>()), std::move(failures));
}

}  // namespace sqlmodel
