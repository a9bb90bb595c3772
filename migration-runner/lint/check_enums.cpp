// Enum values taken away or moved. The diff writes a move as a removal and an addition of the
// same value further on in the list, so a removal whose value comes back is a reorder.
#include "lint/checks.hpp"

namespace sqlmodel::migrate::lint {
namespace {

// The columns of tables that may hold rows which use the enum, "users.status, posts.state".
std::string existing_columns_using(const StepContext& step, const std::string& enum_name) {
  std::string columns;
  for (const auto& table : step.before.tables) {
    if (!step.existing_table(table.name)) continue;
    for (const auto& column : table.columns) {
      const bool uses = column.type.enum_name == enum_name &&
                        (column.type.kind == schema::TypeKind::enumeration ||
                         (column.type.kind == schema::TypeKind::array &&
                          column.type.element_kind == schema::TypeKind::enumeration));
      if (uses) columns += (columns.empty() ? "" : ", ") + table.name + "." + column.name;
    }
  }
  return columns;
}

bool added_back_later(const StepContext& step, const schema::RemoveEnumValue& removal) {
  const auto& operations = *step.list.operations;
  for (std::size_t i = step.index + 1; i < operations.size(); ++i)
    if (const auto* add = std::get_if<schema::AddEnumValue>(&operations[i]))
      if (add->enum_name == removal.enum_name && add->value == removal.value) return true;
  return false;
}

}  // namespace

CheckResult check_enum_value_removed(const StepContext& step) {
  const auto* removal = std::get_if<schema::RemoveEnumValue>(&step.operation);
  if (!removal || added_back_later(step, *removal)) return std::nullopt;
  const std::string columns = existing_columns_using(step, removal->enum_name);
  if (columns.empty()) return std::nullopt;  // no table holds the enum: nothing to convert
  return "removes '" + removal->value + "' from enum " + removal->enum_name + ", used by " + columns;
}

CheckResult check_enum_values_reordered(const StepContext& step) {
  const auto* removal = std::get_if<schema::RemoveEnumValue>(&step.operation);
  if (!removal || !added_back_later(step, *removal)) return std::nullopt;
  const std::string columns = existing_columns_using(step, removal->enum_name);
  if (columns.empty()) return std::nullopt;
  return "moves '" + removal->value + "' within enum " + removal->enum_name + " (removed, then added back), used by " +
         columns;
}

}  // namespace sqlmodel::migrate::lint
