#include "creation_plan.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace sqlmodel::tools {
namespace {

std::string not_empty_message(const std::vector<std::string>& tables,
                              const std::vector<std::string>& enums) {
  std::string message = "the database is not empty: it has ";
  if (!tables.empty())
    message += fmt::format("{} table{} ({})", tables.size(), tables.size() == 1 ? "" : "s",
                           fmt::join(tables, ", "));
  if (!tables.empty() && !enums.empty()) message += " and ";
  if (!enums.empty())
    message += fmt::format("{} enum type{} ({})", enums.size(), enums.size() == 1 ? "" : "s",
                           fmt::join(enums, ", "));
  return message;
}

}  // namespace

DatabaseNotEmpty::DatabaseNotEmpty(std::vector<std::string> tables, std::vector<std::string> enums)
    : std::runtime_error(not_empty_message(tables, enums)),
      tables_(std::move(tables)),
      enums_(std::move(enums)) {}

CreationPlan plan_creation(const schema::Schema& snapshot, const schema::Schema& existing,
                           schema::Dialect dialect, IfNotEmpty if_not_empty) {
  if (if_not_empty == IfNotEmpty::fail && (!existing.tables.empty() || !existing.enums.empty())) {
    std::vector<std::string> tables, enums;
    for (const auto& table : existing.tables) tables.push_back(table.name);
    for (const auto& enum_type : existing.enums) enums.push_back(enum_type.name);
    throw DatabaseNotEmpty(std::move(tables), std::move(enums));
  }

  CreationPlan plan;
  for (const auto& table : snapshot.tables) {
    if (existing.find_table(table.name) != nullptr)
      plan.existing_tables.push_back(table.name);
    else
      plan.to_create.tables.push_back(table);
  }
  for (const auto& enum_type : snapshot.enums) {
    const bool exists = existing.find_enum(enum_type.name) != nullptr;
    if (exists) plan.existing_enums.push_back(enum_type.name);
    if (!exists || dialect == schema::Dialect::sqlite) plan.to_create.enums.push_back(enum_type);
  }
  return plan;
}

}  // namespace sqlmodel::tools
