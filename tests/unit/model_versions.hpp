// A chain of model versions, each one edit away from the one before, as a team would write
// them over a project's life: the cases issue 4 lists (add nullable column, NOT NULL column with
// a server default, drop, rename, type change, index added and dropped, composite unique,
// foreign key, table added and dropped, check constraint, nullability, enum value), plus a
// foreign-key cycle and a table rename. Used by the diff, operations and JSON suites.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "schema/naming.hpp"
#include "sqlmodel/schema.hpp"

namespace sqlmodel::testing::versions {

using namespace sqlmodel::schema;

inline SourceLocation at(int line, int column = 3) { return {"models/app.hpp", line, column}; }

inline ColumnType of(TypeKind kind) {
  ColumnType type;
  type.kind = kind;
  return type;
}

inline ColumnType string_of(int max_length) {
  ColumnType type = of(TypeKind::string);
  type.max_length = max_length;
  return type;
}

inline ColumnType enum_of(std::string name) {
  ColumnType type = of(TypeKind::enumeration);
  type.enum_name = std::move(name);
  return type;
}

inline Column column(std::string name, ColumnType type, bool nullable, int line) {
  Column result;
  result.name = std::move(name);
  result.type = std::move(type);
  result.nullable = nullable;
  result.source = at(line);
  return result;
}

inline Column id_column(int line) {
  Column id = column("id", of(TypeKind::int64), false, line);
  id.autoincrement = true;
  return id;
}

inline Table table(std::string name, int line) {
  Table result;
  result.name = std::move(name);
  result.source = at(line, 1);
  result.columns.push_back(id_column(line + 1));
  result.primary_key = PrimaryKey{naming::primary_key(result.name), {"id"}};
  return result;
}

inline ForeignKey foreign_key(const std::string& table, std::vector<std::string> columns,
                              std::string referred_table, int line) {
  ForeignKey key;
  key.name = naming::foreign_key(table, columns, referred_table);
  key.columns = std::move(columns);
  key.referred_table = std::move(referred_table);
  key.referred_columns = {"id"};
  key.source = at(line);
  return key;
}

inline Index index(const std::string& table, std::vector<std::string> columns, int line) {
  Index result;
  result.name = naming::index(table, columns);
  result.columns = std::move(columns);
  result.source = at(line);
  return result;
}

inline Schema sorted(Schema schema) {
  sort_canonically(schema);
  return schema;
}

// Version 1: teams, users with a status enum, and a legacy table that a later version drops.
inline Schema v1() {
  Schema schema;
  schema.enums.push_back({"userstatus", {"active", "suspended"}, at(5, 1)});
  Table teams = table("teams", 10);
  teams.columns.push_back(column("name", string_of(100), false, 12));
  Table users = table("users", 20);
  users.columns.push_back(column("email", string_of(255), false, 22));
  users.columns.push_back(column("status", enum_of("userstatus"), false, 23));
  Table notes = table("legacy_notes", 40);
  notes.columns.push_back(column("body", of(TypeKind::string), true, 42));
  schema.tables = {teams, users, notes};
  return sorted(schema);
}

// Each version edits the previous one; `name` says what changed.
struct Version {
  std::string name;
  Schema schema;
};

inline std::vector<Version> chain() {
  std::vector<Version> versions;
  Schema s = v1();
  versions.push_back({"v1 initial", s});
  auto edit = [&](std::string name, auto change) {
    change(s);
    sort_canonically(s);
    versions.push_back({std::move(name), s});
  };
  auto users = [](Schema& schema) -> Table& { return *schema.find_table("users"); };
  auto teams = [](Schema& schema) -> Table& { return *schema.find_table("teams"); };

  edit("add nullable column", [&](Schema& schema) {
    users(schema).columns.push_back(column("nickname", string_of(50), true, 24));
  });
  edit("add not null column with server default", [&](Schema& schema) {
    Column count = column("login_count", of(TypeKind::int32), false, 25);
    count.server_default = "0";
    count.default_value = "0";
    users(schema).columns.push_back(count);
  });
  edit("drop column", [&](Schema& schema) {
    auto& columns = users(schema).columns;
    columns.erase(columns.begin() + 3);  // nickname, in the middle
  });
  edit("rename column", [&](Schema& schema) {
    Column& email = users(schema).columns[1];
    email.name = "email_address";
    email.renamed_from = "email";
  });
  edit("change type", [&](Schema& schema) { teams(schema).columns[1].type = string_of(200); });
  edit("add index", [&](Schema& schema) {
    users(schema).indexes.push_back(index("users", {"login_count"}, 25));
  });
  edit("drop index", [&](Schema& schema) { users(schema).indexes.clear(); });
  edit("composite unique", [&](Schema& schema) {
    Table& table = users(schema);
    table.columns.push_back(column("team_id", of(TypeKind::int64), true, 26));
    table.unique_constraints.push_back(
        {naming::unique("users", {"email_address", "team_id"}), {"email_address", "team_id"}, at(27)});
  });
  edit("add foreign key", [&](Schema& schema) {
    Table& table = users(schema);
    table.foreign_keys.push_back(foreign_key("users", {"team_id"}, "teams", 26));
    Relationship team;
    team.name = "team";
    team.kind = RelationshipKind::many_to_one;
    team.target_table = "teams";
    team.foreign_key_columns = {"team_id"};
    team.source = at(28);
    table.relationships.push_back(team);
  });
  edit("add table", [&](Schema& schema) {
    Table projects = table("projects", 50);
    projects.columns.push_back(column("team_id", of(TypeKind::int64), false, 52));
    projects.columns.push_back(column("title", of(TypeKind::string), true, 53));
    projects.foreign_keys.push_back(foreign_key("projects", {"team_id"}, "teams", 52));
    projects.indexes.push_back(index("projects", {"team_id"}, 52));
    schema.tables.push_back(projects);
  });
  edit("drop table", [&](Schema& schema) {
    schema.tables.erase(schema.tables.begin() + (schema.find_table("legacy_notes") - schema.tables.data()));
  });
  edit("check constraint", [&](Schema& schema) {
    users(schema).check_constraints.push_back(
        {naming::check("users", "login_count_nonnegative"), "login_count >= 0", at(25)});
  });
  edit("nullability change", [&](Schema& schema) {
    schema.find_table("projects")->columns[2].nullable = false;
  });
  edit("enum value added", [&](Schema& schema) {
    auto& values = schema.enums[0].values;
    values.insert(values.begin() + 1, "invited");
  });
  edit("foreign key cycle", [&](Schema& schema) {
    Table& table = teams(schema);
    table.columns.push_back(column("lead_user_id", of(TypeKind::int64), true, 13));
    table.foreign_keys.push_back(foreign_key("teams", {"lead_user_id"}, "users", 13));
  });
  edit("rename table", [&](Schema& schema) {
    Table& projects = *schema.find_table("projects");
    projects.name = "workspaces";
    projects.renamed_from = "projects";
    projects.primary_key->name = naming::primary_key("workspaces");
    projects.foreign_keys[0].name = naming::foreign_key("workspaces", {"team_id"}, "teams");
    projects.indexes[0].name = naming::index("workspaces", {"team_id"});
  });
  edit("model-only changes", [&](Schema& schema) {
    Table& table = teams(schema);
    table.comment = "Groups of users";
    table.source = at(11, 1);  // a line inserted above the struct
    Relationship members;
    members.name = "members";
    members.kind = RelationshipKind::one_to_many;
    members.target_table = "users";
    members.foreign_key_columns = {"team_id"};
    members.back_populates = "team";
    table.relationships.push_back(members);
    users(schema).columns[0].default_value = "null";
  });
  return versions;
}

}  // namespace sqlmodel::testing::versions
