// Small schema builders for the DDL and lowering tests: each test states its own schema in a
// few lines instead of sharing one large fixture.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "schema/naming.hpp"
#include "sqlmodel/schema.hpp"

namespace sqlmodel::testing::ddl {

using namespace sqlmodel::schema;

inline ColumnType type_of(TypeKind kind) {
  ColumnType type;
  type.kind = kind;
  return type;
}

inline ColumnType varchar(std::optional<int> length = std::nullopt) {
  ColumnType type = type_of(TypeKind::string);
  type.max_length = length;
  return type;
}

inline ColumnType enum_of(std::string name) {
  ColumnType type = type_of(TypeKind::enumeration);
  type.enum_name = std::move(name);
  return type;
}

inline ColumnType array_of(ColumnType element) {
  element.element_kind = element.kind;
  element.kind = TypeKind::array;
  return element;
}

inline Column column(std::string name, ColumnType type, bool nullable = false) {
  Column result;
  result.name = std::move(name);
  result.type = std::move(type);
  result.nullable = nullable;
  return result;
}

inline Column id_column(TypeKind kind = TypeKind::int64) {
  Column id = column("id", type_of(kind));
  id.autoincrement = true;
  return id;
}

// A table with an autoincrement "id" primary key and the given extra columns.
inline Table table_with_id(std::string name, std::vector<Column> columns = {}) {
  Table table;
  table.name = std::move(name);
  table.columns.push_back(id_column());
  for (auto& extra : columns) table.columns.push_back(std::move(extra));
  table.primary_key = PrimaryKey{naming::primary_key(table.name), {"id"}};
  return table;
}

inline ForeignKey foreign_key(const std::string& table, std::string column, std::string referred_table,
                              ReferentialAction on_delete = ReferentialAction::no_action,
                              ReferentialAction on_update = ReferentialAction::no_action) {
  ForeignKey key;
  key.name = naming::foreign_key(table, {column}, referred_table);
  key.columns = {std::move(column)};
  key.referred_table = std::move(referred_table);
  key.referred_columns = {"id"};
  key.on_delete = on_delete;
  key.on_update = on_update;
  return key;
}

// `table` gains a nullable int64 column `column` referring to `referred_table`.id.
inline void add_reference(Table& table, std::string column_name, std::string referred_table,
                          ReferentialAction on_delete = ReferentialAction::no_action) {
  table.columns.push_back(column(column_name, type_of(TypeKind::int64), true));
  table.foreign_keys.push_back(foreign_key(table.name, std::move(column_name),
                                           std::move(referred_table), on_delete));
}

inline std::vector<std::string> names_of(const std::vector<const Table*>& tables) {
  std::vector<std::string> names;
  for (const Table* table : tables) names.push_back(table->name);
  return names;
}

}  // namespace sqlmodel::testing::ddl
