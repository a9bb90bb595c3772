#include "demo_schema.hpp"

#include "schema/naming.hpp"

namespace demo {
namespace {

namespace schema = sqlmodel::schema;
namespace naming = sqlmodel::schema::naming;

schema::ColumnType type(schema::TypeKind kind) { return {.kind = kind}; }

schema::ColumnType string_type(int max_length) {
  return {.kind = schema::TypeKind::string, .max_length = max_length};
}

schema::Column id_column() {
  return {.name = "id", .type = type(schema::TypeKind::int64), .autoincrement = true};
}

void add_primary_key(schema::Table& table) {
  table.primary_key = schema::PrimaryKey{.name = naming::primary_key(table.name), .columns = {"id"}};
}

void add_foreign_key(schema::Table& table, const std::string& column, const std::string& referred_table,
                     sqlmodel::ReferentialAction on_delete) {
  table.foreign_keys.push_back({.name = naming::foreign_key(table.name, {column}, referred_table),
                                .columns = {column},
                                .referred_table = referred_table,
                                .referred_columns = {"id"},
                                .on_delete = on_delete});
}

void add_index(schema::Table& table, const std::string& column, bool unique = false) {
  table.indexes.push_back({.name = naming::index(table.name, {column}), .columns = {column}, .unique = unique});
}

schema::Table teams() {
  schema::Table table{.name = "teams", .comment = "A group of users sharing tasks"};
  table.columns = {
      id_column(),
      {.name = "name", .type = string_type(100)},
      {.name = "created_at",
       .type = {.kind = schema::TypeKind::datetime, .with_timezone = true},
       .server_default = "CURRENT_TIMESTAMP"},
  };
  add_primary_key(table);
  table.unique_constraints.push_back({.name = naming::unique("teams", {"name"}), .columns = {"name"}});
  table.relationships.push_back({.name = "members",
                                 .kind = schema::RelationshipKind::one_to_many,
                                 .target_table = "users",
                                 .back_populates = "team",
                                 .foreign_key_columns = {"team_id"}});
  return table;
}

schema::Table users() {
  schema::Table table{.name = "users"};
  table.columns = {
      id_column(),
      {.name = "email", .type = string_type(255)},
      {.name = "display_name", .type = type(schema::TypeKind::string), .nullable = true},
      {.name = "team_id", .type = type(schema::TypeKind::int64), .nullable = true},
  };
  add_primary_key(table);
  add_foreign_key(table, "team_id", "teams", sqlmodel::ReferentialAction::set_null);
  add_index(table, "email", /*unique=*/true);
  add_index(table, "team_id");
  table.relationships.push_back({.name = "team",
                                 .kind = schema::RelationshipKind::many_to_one,
                                 .target_table = "teams",
                                 .back_populates = "members",
                                 .foreign_key_columns = {"team_id"}});
  table.relationships.push_back({.name = "tasks",
                                 .kind = schema::RelationshipKind::one_to_many,
                                 .target_table = "tasks",
                                 .back_populates = "assignee",
                                 .foreign_key_columns = {"assignee_id"},
                                 .order_by = {"-due_date"}});
  return table;
}

schema::Table tasks() {
  schema::Table table{.name = "tasks"};
  table.columns = {
      id_column(),
      {.name = "title", .type = string_type(200)},
      {.name = "status",
       .type = {.kind = schema::TypeKind::enumeration, .enum_name = "taskstatus"},
       .server_default = "'todo'"},
      {.name = "team_id", .type = type(schema::TypeKind::int64)},
      {.name = "assignee_id", .type = type(schema::TypeKind::int64), .nullable = true},
      {.name = "due_date", .type = type(schema::TypeKind::date), .nullable = true},
  };
  add_primary_key(table);
  add_foreign_key(table, "team_id", "teams", sqlmodel::ReferentialAction::cascade);
  add_foreign_key(table, "assignee_id", "users", sqlmodel::ReferentialAction::set_null);
  table.check_constraints.push_back(
      {.name = naming::check("tasks", "title_not_empty"), .expression = "length(title) > 0"});
  add_index(table, "status");
  table.relationships.push_back({.name = "assignee",
                                 .kind = schema::RelationshipKind::many_to_one,
                                 .target_table = "users",
                                 .back_populates = "tasks",
                                 .foreign_key_columns = {"assignee_id"}});
  return table;
}

}  // namespace

schema::Schema task_tracker_schema() {
  schema::Schema result;
  result.tables = {teams(), users(), tasks()};
  result.enums = {{.name = "taskstatus", .values = {"todo", "in_progress", "done"}}};
  schema::sort_canonically(result);
  return result;
}

}  // namespace demo
