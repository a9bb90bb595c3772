// The schema of the ORM test models (orm_models.hpp), as the plugin's snapshot describes it
// (test_orm_test_schemas compares the two); the tests create their tables from it.
#pragma once

#include <string>
#include <vector>

#include "schema/ddl.hpp"
#include "schema/naming.hpp"
#include "sqlmodel/schema.hpp"

namespace sqlmodel::testing::orm {

inline schema::Column orm_column(std::string name, schema::TypeKind kind, bool nullable = false) {
  schema::Column column;
  column.name = std::move(name);
  column.type.kind = kind;
  column.nullable = nullable;
  return column;
}

inline schema::Column orm_key_column() {
  schema::Column column = orm_column("id", schema::TypeKind::int64);
  column.autoincrement = true;
  return column;
}

inline schema::Table orm_table(std::string name) {
  schema::Table table;
  table.name = std::move(name);
  table.columns.push_back(orm_key_column());
  table.primary_key = schema::PrimaryKey{schema::naming::primary_key(table.name), {"id"}};
  return table;
}

inline schema::ForeignKey orm_foreign_key(const std::string& table, const std::string& column,
                                          const std::string& referred) {
  schema::ForeignKey key;
  key.name = schema::naming::foreign_key(table, {column}, referred);
  key.columns = {column};
  key.referred_table = referred;
  key.referred_columns = {"id"};
  return key;
}

inline schema::Schema orm_test_schema() {
  using schema::TypeKind;
  schema::Schema result;

  schema::Table users = orm_table("users");
  auto email = orm_column("email", TypeKind::string);
  email.type.max_length = 255;
  users.columns.push_back(email);
  users.columns.push_back(orm_column("name", TypeKind::string));
  users.columns.push_back(orm_column("age", TypeKind::int32));
  users.columns.push_back(orm_column("nickname", TypeKind::string, true));
  users.unique_constraints.push_back({schema::naming::unique("users", {"email"}), {"email"}, {}});
  users.check_constraints.push_back({schema::naming::check("users", "age_not_negative"), "age >= 0", {}});
  result.tables.push_back(users);

  schema::Table posts = orm_table("posts");
  posts.columns.push_back(orm_column("user_id", TypeKind::int64));
  posts.columns.push_back(orm_column("title", TypeKind::string));
  posts.columns.push_back(orm_column("score", TypeKind::int32));
  posts.foreign_keys.push_back(orm_foreign_key("posts", "user_id", "users"));
  posts.indexes.push_back({schema::naming::index("posts", {"user_id"}), {"user_id"}, false, {}, {}, {}});
  result.tables.push_back(posts);

  schema::Table comments = orm_table("comments");
  comments.columns.push_back(orm_column("post_id", TypeKind::int64));
  comments.columns.push_back(orm_column("body", TypeKind::string));
  comments.foreign_keys.push_back(orm_foreign_key("comments", "post_id", "posts"));
  comments.indexes.push_back({schema::naming::index("comments", {"post_id"}), {"post_id"}, false, {}, {}, {}});
  result.tables.push_back(comments);

  schema::Table teams = orm_table("teams");
  teams.columns.push_back(orm_column("name", TypeKind::string));
  teams.unique_constraints.push_back({schema::naming::unique("teams", {"name"}), {"name"}, {}});
  result.tables.push_back(teams);

  schema::Table memberships;
  memberships.name = "memberships";
  memberships.columns.push_back(orm_column("user_id", TypeKind::int64));
  memberships.columns.push_back(orm_column("team_id", TypeKind::int64));
  memberships.columns.push_back(orm_column("role", TypeKind::string));
  memberships.primary_key =
      schema::PrimaryKey{schema::naming::primary_key("memberships"), {"user_id", "team_id"}};
  memberships.foreign_keys.push_back(orm_foreign_key("memberships", "user_id", "users"));
  memberships.foreign_keys.push_back(orm_foreign_key("memberships", "team_id", "teams"));
  // The key's index serves lookups by user_id only.
  memberships.indexes.push_back(
      {schema::naming::index("memberships", {"team_id"}), {"team_id"}, false, {}, {}, {}});
  result.tables.push_back(memberships);

  schema::Table categories = orm_table("categories");
  categories.columns.push_back(orm_column("parent_id", TypeKind::int64, true));
  categories.columns.push_back(orm_column("name", TypeKind::string));
  auto parent = orm_foreign_key("categories", "parent_id", "categories");
  parent.on_delete = ReferentialAction::set_null;
  categories.foreign_keys.push_back(parent);
  categories.indexes.push_back(
      {schema::naming::index("categories", {"parent_id"}), {"parent_id"}, false, {}, {}, {}});
  result.tables.push_back(categories);

  schema::Table gadgets = orm_table("gadgets");
  gadgets.columns.push_back(orm_column("active", TypeKind::boolean));
  gadgets.columns.push_back(orm_column("ratio", TypeKind::float64));
  gadgets.columns.push_back(orm_column("small", TypeKind::int16));
  auto priority = orm_column("priority", TypeKind::enumeration);
  priority.type.enum_name = "priority";
  gadgets.columns.push_back(priority);
  auto fallback = orm_column("fallback", TypeKind::enumeration, true);
  fallback.type.enum_name = "priority";
  gadgets.columns.push_back(fallback);
  gadgets.columns.push_back(orm_column("token", TypeKind::uuid));
  gadgets.columns.push_back(orm_column("parent_token", TypeKind::uuid, true));
  auto price = orm_column("price", TypeKind::numeric);
  price.type.precision = 12;
  price.type.scale = 2;
  gadgets.columns.push_back(price);
  gadgets.columns.push_back(orm_column("payload", TypeKind::blob));
  gadgets.columns.push_back(orm_column("maybe_ratio", TypeKind::float64, true));
  gadgets.columns.push_back(orm_column("maybe_count", TypeKind::int64, true));
  result.tables.push_back(gadgets);

  schema::Table documents = orm_table("documents");
  documents.columns.push_back(orm_column("title", TypeKind::string));
  documents.columns.push_back(orm_column("body", TypeKind::string));
  documents.columns.push_back(orm_column("version", TypeKind::int32));
  result.tables.push_back(documents);

  schema::Table settings;
  settings.name = "settings";
  auto key = orm_column("key", TypeKind::string);
  key.type.max_length = 64;
  settings.columns.push_back(key);
  settings.columns.push_back(orm_column("value", TypeKind::string));
  settings.primary_key = schema::PrimaryKey{schema::naming::primary_key("settings"), {"key"}};
  result.tables.push_back(settings);

  result.enums.push_back({"priority", {"low", "normal", "urgent"}, {}});
  schema::sort_canonically(result);
  return result;
}

// Every statement that creates `tables`, joined into one script.
inline std::string create_script(const schema::Schema& tables, schema::Dialect dialect) {
  std::string script;
  for (const auto& statement : schema::render_create_all(tables, dialect)) script += statement + ";\n";
  return script;
}

inline std::string orm_create_script(schema::Dialect dialect) {
  return create_script(orm_test_schema(), dialect);
}

}  // namespace sqlmodel::testing::orm
