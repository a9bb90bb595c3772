// Type changes: the ones that make PostgreSQL rewrite the table, and the ones existing values
// may not fit.
#include <algorithm>

#include "lint/checks.hpp"

namespace sqlmodel::migrate::lint {
namespace {

using schema::ColumnType;
using schema::TypeKind;

const schema::AlterColumn* type_change(const StepContext& step) {
  const auto* alter = std::get_if<schema::AlterColumn>(&step.operation);
  if (!alter || alter->from.type == alter->to.type || !step.existing_table(alter->table)) return nullptr;
  return alter;
}

// PostgreSQL changes the type without touching a row when the old values are valid values of the
// new type as they are stored (binary-coercible, and a length or precision that only grows):
// varchar(n) -> varchar(m >= n) or varchar, numeric(p, s) -> numeric(q >= p, s) or numeric.
bool changes_in_place(const ColumnType& from, const ColumnType& to) {
  if (from.kind != to.kind) return false;
  switch (from.kind) {
    case TypeKind::string:
      return !to.max_length || (from.max_length && *to.max_length >= *from.max_length);
    case TypeKind::numeric:
      if (!to.precision) return true;
      return from.precision && *to.precision >= *from.precision && from.scale.value_or(0) == to.scale.value_or(0);
    default:
      return false;
  }
}

// The characters the longest value of `type` takes as text, when that is bounded.
std::optional<int> text_width(const ColumnType& type, const schema::Schema& schema) {
  switch (type.kind) {
    case TypeKind::string: return type.max_length;
    case TypeKind::int16: return 6;
    case TypeKind::int32: return 11;
    case TypeKind::int64: return 20;
    case TypeKind::boolean: return 5;
    case TypeKind::uuid: return 36;
    case TypeKind::date: return 10;
    case TypeKind::enumeration: {
      const schema::EnumType* enum_type = schema.find_enum(type.enum_name);
      if (!enum_type) return std::nullopt;
      std::size_t longest = 0;
      for (const auto& value : enum_type->values) longest = std::max(longest, value.size());
      return static_cast<int>(longest);
    }
    default: return std::nullopt;
  }
}

int integer_digits(TypeKind kind) { return kind == TypeKind::int16 ? 5 : kind == TypeKind::int32 ? 10 : 19; }
bool is_integer(TypeKind kind) { return kind == TypeKind::int16 || kind == TypeKind::int32 || kind == TypeKind::int64; }

// Every value of `from` is a value of `to` (`before` and `after` hold their enums).
bool always_fits(const ColumnType& from, const ColumnType& to, const schema::Schema& before,
                 const schema::Schema& after) {
  if (from == to) return true;
  if (from.kind == TypeKind::array || to.kind == TypeKind::array) {
    if (from.kind != to.kind || !from.element_kind || !to.element_kind) return false;
    ColumnType from_element = from, to_element = to;
    from_element.kind = *from.element_kind;
    to_element.kind = *to.element_kind;
    from_element.element_kind = to_element.element_kind = std::nullopt;
    return always_fits(from_element, to_element, before, after);
  }
  switch (to.kind) {
    case TypeKind::string: {
      if (!to.max_length) return from.kind != TypeKind::blob;
      auto width = text_width(from, before);
      return width && *width <= *to.max_length;
    }
    case TypeKind::int32:
      return from.kind == TypeKind::int16;
    case TypeKind::int64:
      return from.kind == TypeKind::int16 || from.kind == TypeKind::int32;
    case TypeKind::float64:
      return from.kind == TypeKind::float32 || from.kind == TypeKind::int16 || from.kind == TypeKind::int32;
    case TypeKind::numeric: {
      if (!to.precision) return is_integer(from.kind) || from.kind == TypeKind::numeric;
      const int integer_places = *to.precision - to.scale.value_or(0);
      if (is_integer(from.kind)) return integer_places >= integer_digits(from.kind);
      if (from.kind != TypeKind::numeric || !from.precision) return false;
      return to.scale.value_or(0) >= from.scale.value_or(0) &&
             integer_places >= *from.precision - from.scale.value_or(0);
    }
    case TypeKind::datetime:
      return from.kind == TypeKind::date || (from.kind == TypeKind::datetime && to.with_timezone);
    case TypeKind::enumeration: {
      if (from.kind != TypeKind::enumeration) return false;
      const schema::EnumType* old_values = before.find_enum(from.enum_name);
      const schema::EnumType* new_values = after.find_enum(to.enum_name);
      if (!old_values || !new_values) return false;
      return std::all_of(old_values->values.begin(), old_values->values.end(), [&](const std::string& value) {
        return std::find(new_values->values.begin(), new_values->values.end(), value) != new_values->values.end();
      });
    }
    default:
      return false;
  }
}

std::string change(const schema::AlterColumn& alter) {
  return quoted_name(alter.table, alter.to.name) + " from " + schema::format_type(alter.from.type) + " to " +
         schema::format_type(alter.to.type);
}

}  // namespace

CheckResult check_type_change_rewrites_table(const StepContext& step) {
  const auto* alter = type_change(step);
  if (!alter || changes_in_place(alter->from.type, alter->to.type)) return std::nullopt;
  return "changes " + change(*alter) + ": PostgreSQL rewrites " + quoted_name(alter->table) + " and its indexes";
}

CheckResult check_type_change_narrows(const StepContext& step) {
  const auto* alter = type_change(step);
  if (!alter || always_fits(alter->from.type, alter->to.type, step.before, step.after)) return std::nullopt;
  return "changes " + change(*alter) + ": existing values may not fit";
}

}  // namespace sqlmodel::migrate::lint
