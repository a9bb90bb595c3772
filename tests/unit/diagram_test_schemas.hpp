// Small schemas for the diagram tests, written against the schema model directly.
#pragma once

#include <string>
#include <vector>

#include "sqlmodel/schema.hpp"

namespace sqlmodel::diagram::testing {

inline schema::Column column(std::string name, schema::TypeKind kind, bool nullable = false) {
  schema::Column column;
  column.name = std::move(name);
  column.type.kind = kind;
  column.nullable = nullable;
  return column;
}

inline schema::Table table(std::string name, std::vector<schema::Column> columns, std::vector<std::string> key) {
  schema::Table table;
  table.name = std::move(name);
  table.columns = std::move(columns);
  table.primary_key = schema::PrimaryKey{"pk_" + table.name, std::move(key)};
  return table;
}

inline schema::ForeignKey foreign_key(const std::string& table, std::vector<std::string> columns,
                                      std::string referred_table, std::vector<std::string> referred = {"id"}) {
  schema::ForeignKey key;
  key.name = "fk_" + table + "_" + columns.front() + "_" + referred_table;
  key.columns = std::move(columns);
  key.referred_table = std::move(referred_table);
  key.referred_columns = std::move(referred);
  return key;
}

inline schema::Relationship relationship(std::string name, schema::RelationshipKind kind, std::string target,
                                         std::vector<std::string> foreign_key_columns) {
  schema::Relationship relationship;
  relationship.name = std::move(name);
  relationship.kind = kind;
  relationship.target_table = std::move(target);
  relationship.foreign_key_columns = std::move(foreign_key_columns);
  return relationship;
}

// users 1-n tasks (owner_id, NOT NULL), categories self-referencing (parent_id, nullable),
// tasks n-m tags through task_tags, users 1-1 profiles (user_id unique). Tables are listed
// out of order on purpose.
inline schema::Schema todo_like_schema() {
  using schema::RelationshipKind;
  using schema::TypeKind;
  schema::Schema schema;

  auto tasks = table("tasks",
                     {column("id", TypeKind::int64), column("title", TypeKind::string),
                      column("owner_id", TypeKind::int64), column("category_id", TypeKind::int64, true)},
                     {"id"});
  tasks.foreign_keys = {foreign_key("tasks", {"owner_id"}, "users"), foreign_key("tasks", {"category_id"}, "categories")};
  tasks.relationships = {relationship("owner", RelationshipKind::many_to_one, "users", {"owner_id"}),
                         relationship("tags", RelationshipKind::many_to_many, "tags", {"task_id", "tag_id"})};
  tasks.relationships[1].link_table = "task_tags";

  auto users = table("users", {column("id", TypeKind::int64), column("email", TypeKind::string)}, {"id"});
  users.indexes = {schema::Index{"ix_users_email", {"email"}, true, std::nullopt, std::nullopt, {}}};
  users.relationships = {relationship("tasks", RelationshipKind::one_to_many, "tasks", {"owner_id"})};

  auto categories = table("categories", {column("id", TypeKind::int64), column("parent_id", TypeKind::int64, true)}, {"id"});
  categories.foreign_keys = {foreign_key("categories", {"parent_id"}, "categories")};
  categories.relationships = {relationship("parent", RelationshipKind::many_to_one, "categories", {"parent_id"}),
                              relationship("children", RelationshipKind::one_to_many, "categories", {"parent_id"})};

  auto tags = table("tags", {column("id", TypeKind::int64), column("name", TypeKind::string)}, {"id"});
  tags.unique_constraints = {schema::UniqueConstraint{"uq_tags_name", {"name"}, {}}};
  tags.relationships = {relationship("tasks", RelationshipKind::many_to_many, "tasks", {"tag_id", "task_id"})};
  tags.relationships[0].link_table = "task_tags";

  auto task_tags = table("task_tags", {column("task_id", TypeKind::int64), column("tag_id", TypeKind::int64)},
                         {"task_id", "tag_id"});
  task_tags.foreign_keys = {foreign_key("task_tags", {"task_id"}, "tasks"), foreign_key("task_tags", {"tag_id"}, "tags")};

  auto profiles = table("profiles", {column("id", TypeKind::int64), column("user_id", TypeKind::int64)}, {"id"});
  profiles.foreign_keys = {foreign_key("profiles", {"user_id"}, "users")};
  profiles.unique_constraints = {schema::UniqueConstraint{"uq_profiles_user_id", {"user_id"}, {}}};

  schema.tables = {tasks, users, categories, tags, task_tags, profiles};
  return schema;
}

}  // namespace sqlmodel::diagram::testing
