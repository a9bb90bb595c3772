// Create / Read / Update models (SQLMODEL_MODEL structs that mirror a table model), as in
// SQLModel's "multiple models" pattern:
//
//   User user = sqlmodel::from_create<User>(create);   // a new row from a Create model
//   UserRead read = sqlmodel::to_read<UserRead>(user);  // an API view of a row
//   sqlmodel::apply_update(user, update);               // only the fields the Update set
//
// Fields map by mirror_traits (model_traits.hpp): each field stands for one table member. A
// value converts when the types agree, when a plain value goes into a std::optional member,
// or when a std::optional value goes into a plain member (only when it is set; the member is
// left as it is otherwise). apply_update assigns every engaged std::optional field of a
// partial model; a field of type std::optional<std::optional<V>> set to an empty optional sets
// a nullable column to NULL.
#pragma once

#include <optional>
#include <type_traits>

#include "sqlmodel/model_traits.hpp"

namespace sqlmodel {

namespace detail {

template <typename V>
inline constexpr bool is_optional_field_v = false;
template <typename V>
inline constexpr bool is_optional_field_v<std::optional<V>> = true;

template <typename To, typename From>
void assign_field(To& to, const From& from) {
  if constexpr (std::is_assignable_v<To&, const From&>) {
    to = from;
  } else if constexpr (is_optional_field_v<From>) {
    if (from) assign_field(to, *from);
  } else {
    static_assert(std::is_assignable_v<To&, const From&>,
                  "a mirror field's type does not convert to the table member's type");
  }
}

// The fields that stand for a table member (a mirror_own_field maps to none).
template <typename M, typename F>
void for_each_mirror_field(F&& f) {
  detail::traits_for_each(mirror_traits<M>::fields, [&](auto, const auto& field) {
    if constexpr (requires { std::remove_cvref_t<decltype(field)>::table_member; }) f(field);
  });
}

}  // namespace detail

// A table model built from a Create model: mapped members assigned, the rest default.
template <TableModel T, MirrorModel Create>
  requires std::is_same_v<typename mirror_traits<Create>::table_model, T>
T from_create(const Create& create) {
  T object{};
  detail::for_each_mirror_field<Create>([&](const auto& field) {
    using Field = std::remove_cvref_t<decltype(field)>;
    detail::assign_field(object.*Field::table_member, create.*Field::member);
  });
  return object;
}

// A Read model (or any mirror) filled from a table model.
template <MirrorModel Read, TableModel T>
  requires std::is_same_v<typename mirror_traits<Read>::table_model, T>
Read to_read(const T& object) {
  Read read{};
  detail::for_each_mirror_field<Read>([&](const auto& field) {
    using Field = std::remove_cvref_t<decltype(field)>;
    detail::assign_field(read.*Field::member, object.*Field::table_member);
  });
  return read;
}

// Assigns the fields an Update model sets (engaged std::optional) to `object`.
template <TableModel T, MirrorModel Update>
  requires std::is_same_v<typename mirror_traits<Update>::table_model, T>
void apply_update(T& object, const Update& update) {
  static_assert(mirror_traits<Update>::partial,
                "apply_update takes a partial model (SQLMODEL_MODEL(.partial = true)): only its "
                "set fields are applied");
  detail::for_each_mirror_field<Update>([&](const auto& field) {
    using Field = std::remove_cvref_t<decltype(field)>;
    using Value = typename Field::value_type::value_type;
    // Else an update that says "set to NULL" would leave the member as it is, silently (the
    // plugin reports it at compile time; this is for builds without it).
    static_assert(!detail::is_optional_field_v<Value> ||
                      detail::is_optional_field_v<typename Field::table_value_type>,
                  "a std::optional<std::optional<V>> field of an update sets its column to NULL: "
                  "the table member it maps to must be std::optional");
    const auto& value = update.*Field::member;
    if (value) detail::assign_field(object.*Field::table_member, *value);
  });
}

}  // namespace sqlmodel
