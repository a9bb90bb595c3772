#include "creation_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "schema/ddl.hpp"
#include "schema/naming.hpp"

namespace sqlmodel::tools {
namespace {

std::string count(std::size_t n, std::string_view singular, std::string_view plural) {
  return fmt::format("{} {}", n, n == 1 ? singular : plural);
}

std::string enum_values(const schema::Schema& schema, const std::string& enum_name) {
  const auto* enum_type = schema.find_enum(enum_name);
  return enum_type ? fmt::format("{}", fmt::join(enum_type->values, ", ")) : "values unknown";
}

// SQLite has no enum types: an enum column gets a CHECK (see lower.hpp).
bool has_enum_checks(schema::Dialect dialect) { return dialect == schema::Dialect::sqlite; }

std::size_t enum_column_count(const schema::Schema& schema) {
  std::size_t n = 0;
  for (const auto& table : schema.tables)
    for (const auto& column : table.columns)
      if (column.type.kind == schema::TypeKind::enumeration) ++n;
  return n;
}

std::size_t index_count(const schema::Schema& schema) {
  std::size_t n = 0;
  for (const auto& table : schema.tables) n += table.indexes.size();
  return n;
}

}  // namespace

std::vector<std::string> describe_creation(const schema::Schema& created, schema::Dialect dialect) {
  std::vector<std::string> lines;
  if (!has_enum_checks(dialect)) {
    for (const auto& enum_type : created.enums)
      lines.push_back(fmt::format("created enum type {} ({})", enum_type.name,
                                  fmt::join(enum_type.values, ", ")));
  }
  const auto tables = schema::dependency_order(created);
  for (const auto* table : tables) {
    lines.push_back(fmt::format("created table {} ({})", table->name,
                                count(table->columns.size(), "column", "columns")));
    if (!has_enum_checks(dialect)) continue;
    for (const auto& column : table->columns) {
      if (column.type.kind != schema::TypeKind::enumeration) continue;
      lines.push_back(fmt::format("created check {} on {}.{} (enum {}: {})",
                                  schema::naming::enum_check(table->name, column.name), table->name,
                                  column.name, column.type.enum_name,
                                  enum_values(created, column.type.enum_name)));
    }
  }
  for (const auto* table : tables) {
    for (const auto& index : table->indexes)
      lines.push_back(fmt::format("created {}index {} on {} ({})", index.unique ? "unique " : "",
                                  index.name, table->name, fmt::join(index.columns, ", ")));
  }
  return lines;
}

std::string summarize_creation(const schema::Schema& created, schema::Dialect dialect) {
  std::vector<std::string> parts;
  if (!created.tables.empty()) parts.push_back(count(created.tables.size(), "table", "tables"));
  if (const auto n = index_count(created); n > 0) parts.push_back(count(n, "index", "indexes"));
  if (has_enum_checks(dialect)) {
    if (const auto n = enum_column_count(created); n > 0)
      parts.push_back(count(n, "enum check", "enum checks"));
  } else if (!created.enums.empty()) {
    parts.push_back(count(created.enums.size(), "enum type", "enum types"));
  }
  if (parts.empty()) return "nothing";
  std::string summary = parts.front();
  for (std::size_t i = 1; i < parts.size(); ++i)
    summary += (i + 1 == parts.size() ? " and " : ", ") + parts[i];
  return summary;
}

}  // namespace sqlmodel::tools
