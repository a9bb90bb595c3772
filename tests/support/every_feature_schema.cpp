#include "support/every_feature_schema.hpp"

#include <string>
#include <utility>
#include <vector>

#include "schema/naming.hpp"

namespace sqlmodel::testing {
namespace {

using namespace sqlmodel::schema;

ColumnType type_of(TypeKind kind) {
  ColumnType type;
  type.kind = kind;
  return type;
}

ColumnType string_type(std::optional<int> max_length = std::nullopt) {
  ColumnType type = type_of(TypeKind::string);
  type.max_length = max_length;
  return type;
}

ColumnType datetime_type(bool with_timezone) {
  ColumnType type = type_of(TypeKind::datetime);
  type.with_timezone = with_timezone;
  return type;
}

ColumnType numeric_type(int precision, int scale) {
  ColumnType type = type_of(TypeKind::numeric);
  type.precision = precision;
  type.scale = scale;
  return type;
}

ColumnType enum_type(std::string enum_name) {
  ColumnType type = type_of(TypeKind::enumeration);
  type.enum_name = std::move(enum_name);
  return type;
}

ColumnType string_array_type(int max_length) {
  ColumnType type = string_type(max_length);
  type.element_kind = TypeKind::string;
  type.kind = TypeKind::array;
  return type;
}

// The header the plugin would have read these models from; line numbers only need to differ.
SourceLocation at(int line, int column = 3) { return {"models/app_models.hpp", line, column}; }

Column column(std::string name, ColumnType type, bool nullable, int line) {
  Column result;
  result.name = std::move(name);
  result.type = std::move(type);
  result.nullable = nullable;
  result.source = at(line);
  return result;
}

Column autoincrement_id(int line) {
  Column id = column("id", type_of(TypeKind::int64), false, line);
  id.autoincrement = true;
  return id;
}

PrimaryKey primary_key_of(std::string_view table, std::vector<std::string> columns) {
  return {naming::primary_key(table), std::move(columns)};
}

ForeignKey foreign_key_of(std::string_view table, std::vector<std::string> columns,
                          std::string referred_table, std::vector<std::string> referred_columns,
                          ReferentialAction on_delete, ReferentialAction on_update, int line) {
  ForeignKey key;
  key.name = naming::foreign_key(table, columns, referred_table);
  key.columns = std::move(columns);
  key.referred_table = std::move(referred_table);
  key.referred_columns = std::move(referred_columns);
  key.on_delete = on_delete;
  key.on_update = on_update;
  key.source = at(line);
  return key;
}

UniqueConstraint unique_of(std::string_view table, std::vector<std::string> columns, int line) {
  return {naming::unique(table, columns), std::move(columns), at(line)};
}

CheckConstraint check_of(std::string_view table, std::string_view label, std::string expression,
                         int line) {
  return {naming::check(table, label), std::move(expression), at(line)};
}

Index index_of(std::string_view table, std::vector<std::string> columns, int line) {
  Index index;
  index.name = naming::index(table, columns);
  index.columns = std::move(columns);
  index.source = at(line);
  return index;
}

Relationship relationship(std::string name, RelationshipKind kind, std::string target_table,
                          std::vector<std::string> foreign_key_columns, int line) {
  Relationship result;
  result.name = std::move(name);
  result.kind = kind;
  result.target_table = std::move(target_table);
  result.foreign_key_columns = std::move(foreign_key_columns);
  result.source = at(line);
  return result;
}

// teams <-> users form a foreign-key cycle: teams.lead_user_id (nullable) -> users.id and
// users.team_id -> teams.id.
Table teams_table() {
  Table table;
  table.name = "teams";
  table.comment = "A group of users working together";
  table.source = at(10, 1);
  table.columns.push_back(autoincrement_id(11));
  table.columns.push_back(column("name", string_type(100), false, 12));
  table.columns.push_back(column("lead_user_id", type_of(TypeKind::int64), true, 13));
  table.primary_key = primary_key_of("teams", {"id"});
  table.foreign_keys.push_back(foreign_key_of("teams", {"lead_user_id"}, "users", {"id"},
                                              ReferentialAction::set_null,
                                              ReferentialAction::no_action, 13));
  table.unique_constraints.push_back(unique_of("teams", {"name"}, 12));

  auto members = relationship("members", RelationshipKind::one_to_many, "users", {"team_id"}, 14);
  members.back_populates = "team";
  members.order_by = {"email"};
  members.cascade_delete = true;
  members.delete_orphan = true;
  table.relationships.push_back(std::move(members));
  table.relationships.push_back(
      relationship("lead", RelationshipKind::many_to_one, "users", {"lead_user_id"}, 15));
  return table;
}

Table users_table() {
  Table table;
  table.name = "users";
  table.comment = "People who sign in";
  table.source = at(20, 1);
  table.columns.push_back(autoincrement_id(21));
  table.columns.push_back(column("email", string_type(255), false, 22));

  Column display_name = column("display_name", string_type(), true, 23);
  display_name.renamed_from = "full_name";
  display_name.comment = "Shown instead of the email when set";
  table.columns.push_back(std::move(display_name));

  table.columns.push_back(column("team_id", type_of(TypeKind::int64), false, 24));
  table.columns.push_back(column("manager_id", type_of(TypeKind::int64), true, 25));

  Column is_active = column("is_active", type_of(TypeKind::boolean), false, 26);
  is_active.default_value = "true";
  table.columns.push_back(std::move(is_active));

  Column login_count = column("login_count", type_of(TypeKind::int32), false, 27);
  login_count.default_value = "0";
  login_count.server_default = "0";
  table.columns.push_back(std::move(login_count));

  Column created_at = column("created_at", datetime_type(true), false, 28);
  created_at.server_default = "CURRENT_TIMESTAMP";
  created_at.default_factory = "now";
  table.columns.push_back(std::move(created_at));

  table.primary_key = primary_key_of("users", {"id"});
  table.foreign_keys.push_back(foreign_key_of("users", {"team_id"}, "teams", {"id"},
                                              ReferentialAction::cascade,
                                              ReferentialAction::cascade, 24));
  // Self-reference: a user's manager is another user.
  table.foreign_keys.push_back(foreign_key_of("users", {"manager_id"}, "users", {"id"},
                                              ReferentialAction::set_null,
                                              ReferentialAction::no_action, 25));
  table.check_constraints.push_back(
      check_of("users", "login_count_nonnegative", "login_count >= 0", 27));
  Index email = index_of("users", {"email"}, 22);
  email.unique = true;
  table.indexes.push_back(std::move(email));

  auto team = relationship("team", RelationshipKind::many_to_one, "teams", {"team_id"}, 29);
  team.back_populates = "members";
  table.relationships.push_back(std::move(team));
  auto manager = relationship("manager", RelationshipKind::many_to_one, "users", {"manager_id"}, 30);
  manager.back_populates = "reports";
  manager.remote_side = {"id"};
  table.relationships.push_back(std::move(manager));
  auto reports = relationship("reports", RelationshipKind::one_to_many, "users", {"manager_id"}, 31);
  reports.back_populates = "manager";
  table.relationships.push_back(std::move(reports));
  auto tasks = relationship("tasks", RelationshipKind::one_to_many, "tasks", {"owner_id"}, 32);
  tasks.back_populates = "owner";
  tasks.order_by = {"-due_date", "title"};
  table.relationships.push_back(std::move(tasks));
  auto profile =
      relationship("profile", RelationshipKind::one_to_one, "user_profiles", {"user_id"}, 33);
  profile.back_populates = "user";
  profile.cascade_delete = true;
  table.relationships.push_back(std::move(profile));
  return table;
}

// One-to-one with users: the primary key is also the foreign key.
Table user_profiles_table() {
  Table table;
  table.name = "user_profiles";
  table.source = at(40, 1);
  table.columns.push_back(column("user_id", type_of(TypeKind::int64), false, 41));
  table.columns.push_back(column("bio", string_type(), true, 42));
  table.columns.push_back(column("avatar", type_of(TypeKind::blob), true, 43));
  table.columns.push_back(column("birthday", type_of(TypeKind::date), true, 44));
  table.primary_key = primary_key_of("user_profiles", {"user_id"});
  table.foreign_keys.push_back(foreign_key_of("user_profiles", {"user_id"}, "users", {"id"},
                                              ReferentialAction::cascade,
                                              ReferentialAction::no_action, 41));
  auto user = relationship("user", RelationshipKind::one_to_one, "users", {"user_id"}, 45);
  user.back_populates = "profile";
  table.relationships.push_back(std::move(user));
  return table;
}

Table tasks_table() {
  Table table;
  table.name = "tasks";
  table.comment = "Work items";
  table.source = at(50, 1);
  table.columns.push_back(autoincrement_id(51));
  table.columns.push_back(column("public_id", type_of(TypeKind::uuid), false, 52));
  table.columns.push_back(column("title", string_type(200), false, 53));

  Column status = column("status", enum_type("taskstatus"), false, 54);
  status.default_value = "\"draft\"";
  status.server_default = "'draft'";
  table.columns.push_back(std::move(status));

  table.columns.push_back(column("priority", enum_type("priority"), true, 55));
  table.columns.push_back(column("position", type_of(TypeKind::int16), false, 56));
  table.columns.push_back(column("owner_id", type_of(TypeKind::int64), false, 57));
  table.columns.push_back(column("reviewer_id", type_of(TypeKind::int64), true, 58));

  Column price = column("price", numeric_type(10, 2), false, 59);
  price.server_default = "0";
  price.comment = "In the team's currency";
  table.columns.push_back(std::move(price));

  table.columns.push_back(column("estimate_hours", type_of(TypeKind::float32), true, 60));
  table.columns.push_back(column("progress", type_of(TypeKind::float64), false, 61));
  table.columns.push_back(column("due_date", type_of(TypeKind::date), true, 62));
  table.columns.push_back(column("done_at", datetime_type(false), true, 63));
  table.columns.push_back(column("deleted_at", datetime_type(true), true, 64));
  table.columns.push_back(column("metadata", type_of(TypeKind::json), true, 65));
  table.columns.push_back(column("tags", string_array_type(50), true, 66));

  table.primary_key = primary_key_of("tasks", {"id"});
  table.foreign_keys.push_back(foreign_key_of("tasks", {"owner_id"}, "users", {"id"},
                                              ReferentialAction::restrict,
                                              ReferentialAction::cascade, 57));
  table.foreign_keys.push_back(foreign_key_of("tasks", {"reviewer_id"}, "users", {"id"},
                                              ReferentialAction::set_default,
                                              ReferentialAction::restrict, 58));
  table.unique_constraints.push_back(unique_of("tasks", {"public_id"}, 52));
  table.unique_constraints.push_back(unique_of("tasks", {"owner_id", "title"}, 67));
  table.check_constraints.push_back(check_of("tasks", "price_nonnegative", "price >= 0", 59));

  table.indexes.push_back(index_of("tasks", {"owner_id", "status"}, 68));
  Index due_date = index_of("tasks", {"due_date"}, 69);
  due_date.where = "deleted_at IS NULL";
  table.indexes.push_back(std::move(due_date));
  Index tags = index_of("tasks", {"tags"}, 70);
  tags.method = "gin";
  table.indexes.push_back(std::move(tags));

  auto owner = relationship("owner", RelationshipKind::many_to_one, "users", {"owner_id"}, 71);
  owner.back_populates = "tasks";
  table.relationships.push_back(std::move(owner));
  table.relationships.push_back(
      relationship("reviewer", RelationshipKind::many_to_one, "users", {"reviewer_id"}, 72));
  auto labels = relationship("labels", RelationshipKind::many_to_many, "labels", {}, 73);
  labels.link_table = "task_labels";
  labels.back_populates = "tasks";
  labels.order_by = {"name"};
  table.relationships.push_back(std::move(labels));
  return table;
}

// A text primary key that other tables refer to.
Table labels_table() {
  Table table;
  table.name = "labels";
  table.source = at(80, 1);
  table.columns.push_back(column("name", string_type(50), false, 81));
  Column color = column("color", string_type(7), false, 82);
  color.server_default = "'#cccccc'";
  table.columns.push_back(std::move(color));
  table.primary_key = primary_key_of("labels", {"name"});
  auto tasks = relationship("tasks", RelationshipKind::many_to_many, "tasks", {}, 83);
  tasks.link_table = "task_labels";
  tasks.back_populates = "labels";
  table.relationships.push_back(std::move(tasks));
  return table;
}

// The many-to-many link table: a composite primary key made of two foreign keys.
Table task_labels_table() {
  Table table;
  table.name = "task_labels";
  table.source = at(90, 1);
  table.columns.push_back(column("task_id", type_of(TypeKind::int64), false, 91));
  table.columns.push_back(column("label_name", string_type(50), false, 92));
  table.primary_key = primary_key_of("task_labels", {"task_id", "label_name"});
  table.foreign_keys.push_back(foreign_key_of("task_labels", {"task_id"}, "tasks", {"id"},
                                              ReferentialAction::cascade,
                                              ReferentialAction::no_action, 91));
  table.foreign_keys.push_back(foreign_key_of("task_labels", {"label_name"}, "labels", {"name"},
                                              ReferentialAction::no_action,
                                              ReferentialAction::cascade, 92));
  table.indexes.push_back(index_of("task_labels", {"label_name"}, 92));
  return table;
}

// The types and names real schemas use beyond the basics: text, jsonb with a GIN index, a
// duration, a type only PostgreSQL names (with a SQLite spelling of its own), a STORED
// generated column, SQLite AUTOINCREMENT, and key names another tool chose (PostgreSQL's
// <table>_pkey and <table>_<column>_fkey, as a database SQLAlchemy created has them).
Table wiki_pages_table() {
  Table table;
  table.name = "wiki_pages";
  table.source = at(130, 1);
  table.sqlite_autoincrement = true;
  table.columns.push_back(autoincrement_id(131));
  table.columns.push_back(column("owner_id", type_of(TypeKind::int64), true, 132));
  table.columns.push_back(column("body", type_of(TypeKind::text), false, 133));
  table.columns.push_back(column("attributes", type_of(TypeKind::jsonb), true, 134));
  table.columns.push_back(column("retention", type_of(TypeKind::interval), true, 135));
  ColumnType search = string_type();
  search.postgresql_type = "tsvector";
  search.sqlite_type = "TEXT";
  table.columns.push_back(column("search", search, true, 136));
  Column length = column("body_length", type_of(TypeKind::int32), true, 137);
  length.generated = "length(body)";
  table.columns.push_back(std::move(length));
  table.primary_key = PrimaryKey{"wiki_pages_pkey", {"id"}};
  ForeignKey owner = foreign_key_of("wiki_pages", {"owner_id"}, "users", {"id"},
                                    ReferentialAction::set_null, ReferentialAction::no_action, 132);
  owner.name = "wiki_pages_owner_id_fkey";
  table.foreign_keys.push_back(std::move(owner));
  Index attributes = index_of("wiki_pages", {"attributes"}, 134);
  attributes.method = "gin";
  table.indexes.push_back(std::move(attributes));
  table.indexes.push_back(index_of("wiki_pages", {"body_length"}, 137));
  return table;
}

EnumType enum_of(std::string name, std::vector<std::string> values, int line) {
  return {std::move(name), std::move(values), at(line, 1)};
}

}  // namespace

schema::Schema every_feature_schema() {
  Schema schema;
  schema.tables.push_back(teams_table());
  schema.tables.push_back(users_table());
  schema.tables.push_back(user_profiles_table());
  schema.tables.push_back(tasks_table());
  schema.tables.push_back(labels_table());
  schema.tables.push_back(task_labels_table());
  schema.tables.push_back(wiki_pages_table());
  // Declaration order is not alphabetical: PostgreSQL enums are ordered.
  schema.enums.push_back(enum_of("taskstatus", {"draft", "active", "done"}, 1));
  schema.enums.push_back(enum_of("priority", {"low", "medium", "high"}, 5));
  sort_canonically(schema);
  return schema;
}

schema::Schema awkward_identifiers_schema() {
  Schema schema;

  Table user;
  user.name = "user";
  user.columns.push_back(autoincrement_id(100));
  user.columns.push_back(column("MixedCase", string_type(50), false, 101));
  user.columns.push_back(column("we\"ird", string_type(), true, 102));
  user.primary_key = primary_key_of("user", {"id"});
  user.indexes.push_back(index_of("user", {"MixedCase"}, 101));
  schema.tables.push_back(std::move(user));

  Table order;
  order.name = "order";
  order.columns.push_back(autoincrement_id(110));
  order.columns.push_back(column("user", type_of(TypeKind::int64), false, 111));
  order.columns.push_back(column("select", type_of(TypeKind::int32), false, 112));
  order.columns.push_back(column("has space", string_type(20), true, 113));
  order.columns.push_back(column("it's", string_type(20), true, 114));
  order.primary_key = primary_key_of("order", {"id"});
  order.foreign_keys.push_back(foreign_key_of("order", {"user"}, "user", {"id"},
                                              ReferentialAction::cascade,
                                              ReferentialAction::no_action, 111));
  order.unique_constraints.push_back(unique_of("order", {"select", "it's"}, 115));
  order.check_constraints.push_back(check_of("order", "select", "\"select\" >= 0", 112));
  order.indexes.push_back(index_of("order", {"has space"}, 113));
  schema.tables.push_back(std::move(order));

  Table mixed;
  mixed.name = "MixedCase";
  mixed.columns.push_back(column("ID", type_of(TypeKind::int64), false, 120));
  mixed.columns.push_back(column("order", type_of(TypeKind::int64), true, 121));
  mixed.columns.push_back(column("we\"ird", type_of(TypeKind::boolean), false, 122));
  mixed.primary_key = primary_key_of("MixedCase", {"ID"});
  mixed.foreign_keys.push_back(foreign_key_of("MixedCase", {"order"}, "order", {"id"},
                                              ReferentialAction::set_null,
                                              ReferentialAction::no_action, 121));
  Index weird = index_of("MixedCase", {"we\"ird", "order"}, 122);
  weird.unique = true;
  mixed.indexes.push_back(std::move(weird));
  schema.tables.push_back(std::move(mixed));

  sort_canonically(schema);
  return schema;
}

}  // namespace sqlmodel::testing
