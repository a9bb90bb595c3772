#include "render_operations_scenarios.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <utility>

#include <gtest/gtest.h>

#include "schema/ddl.hpp"
#include "live_schema/introspect.hpp"
#include "schema/lower.hpp"
#include "schema/naming.hpp"
#include "schema/render_operations.hpp"
#include "schema/snapshot_json.hpp"
#include "support/every_feature_schema.hpp"

namespace sqlmodel::testing {
namespace {

using namespace sqlmodel::schema;

// ---- the base schema ---------------------------------------------------------------------

ColumnType type_of(TypeKind kind, std::optional<int> max_length = std::nullopt) {
  ColumnType type;
  type.kind = kind;
  type.max_length = max_length;
  return type;
}

Column column(std::string name, ColumnType type, bool nullable,
              std::optional<std::string> server_default = std::nullopt) {
  Column result;
  result.name = std::move(name);
  result.type = std::move(type);
  result.nullable = nullable;
  result.server_default = std::move(server_default);
  return result;
}

Column id_column() {
  Column id = column("id", type_of(TypeKind::int64), false);
  id.autoincrement = true;
  return id;
}

Table table_with_id(std::string name, std::vector<Column> columns) {
  Table table;
  table.name = std::move(name);
  table.columns.push_back(id_column());
  for (auto& each : columns) table.columns.push_back(std::move(each));
  table.primary_key = PrimaryKey{naming::primary_key(table.name), {"id"}};
  return table;
}

ForeignKey foreign_key(std::string table, std::string column_name, std::string referred,
                       ReferentialAction on_delete) {
  ForeignKey key;
  key.name = naming::foreign_key(table, {column_name}, referred);
  key.columns = {std::move(column_name)};
  key.referred_table = std::move(referred);
  key.referred_columns = {"id"};
  key.on_delete = on_delete;
  return key;
}

Index index_on(const std::string& table, std::vector<std::string> columns, bool unique = false) {
  Index index;
  index.name = naming::index(table, columns);
  index.columns = std::move(columns);
  index.unique = unique;
  return index;
}

ColumnType mood_type() {
  ColumnType type = type_of(TypeKind::enumeration);
  type.enum_name = "mood";
  return type;
}

}  // namespace

Schema render_scenario_base_schema() {
  Schema schema;
  schema.enums.push_back({"mood", {"happy", "sad", "calm"}, {}});

  Table teams = table_with_id("teams", {column("name", type_of(TypeKind::string, 100), false)});
  teams.unique_constraints.push_back({naming::unique("teams", {"name"}), {"name"}, {}});
  schema.tables.push_back(teams);

  Table users = table_with_id(
      "users", {column("email", type_of(TypeKind::string, 255), false),
                column("team_id", type_of(TypeKind::int64), true),
                column("mood", mood_type(), false, "'happy'"),
                column("score", type_of(TypeKind::int32), true),
                column("nickname", type_of(TypeKind::string, 20), true)});
  users.foreign_keys.push_back(foreign_key("users", "team_id", "teams", ReferentialAction::set_null));
  users.check_constraints.push_back({naming::check("users", "score_nonnegative"), "score >= 0", {}});
  users.indexes.push_back(index_on("users", {"email"}, true));
  schema.tables.push_back(users);

  Table tasks = table_with_id(
      "tasks", {column("owner_id", type_of(TypeKind::int64), false),
                column("reviewer_id", type_of(TypeKind::int64), true),
                column("title", type_of(TypeKind::string, 200), false),
                column("priority", type_of(TypeKind::int32), false, "0"),
                column("legacy_code", type_of(TypeKind::int32), true),
                column("note", type_of(TypeKind::string), true)});
  tasks.foreign_keys.push_back(foreign_key("tasks", "owner_id", "users", ReferentialAction::cascade));
  tasks.check_constraints.push_back({naming::check("tasks", "priority_nonnegative"), "priority >= 0", {}});
  tasks.indexes.push_back(index_on("tasks", {"owner_id"}));
  schema.tables.push_back(tasks);

  sort_canonically(schema);
  return schema;
}

namespace {

// Rows in every table; valid SQL on both dialects. No row holds "sad": a scenario removes it.
const std::vector<std::string> base_rows{
    R"(INSERT INTO "teams" ("id", "name") VALUES (1, 'red'), (2, 'blue'))",
    R"(INSERT INTO "users" ("id", "email", "team_id", "mood", "score", "nickname") VALUES )"
    R"((1, 'ann@example.com', 1, 'happy', 10, 'ann'), (2, 'bob@example.com', 2, 'calm', NULL, 'bob'), )"
    R"((3, 'cy@example.com', NULL, 'happy', 30, NULL))",
    R"(INSERT INTO "tasks" ("id", "owner_id", "reviewer_id", "title", "priority", "legacy_code", "note") VALUES )"
    R"((1, 1, 2, 'write', 1, 17, 'soon'), (2, 1, NULL, 'test', 2, NULL, NULL), (3, 3, 1, 'ship', 0, 42, 'later'))",
};

const std::vector<std::string> awkward_rows{
    R"(INSERT INTO "user" ("id", "MixedCase", "we""ird") VALUES (1, 'A', 'x'), (2, 'B', NULL))",
    R"(INSERT INTO "order" ("id", "user", "select", "has space", "it's") VALUES )"
    R"((1, 1, 5, 'a b', 'it''s'), (2, 2, 0, NULL, NULL))",
    R"(INSERT INTO "MixedCase" ("ID", "order", "we""ird") VALUES (1, 1, TRUE), (2, NULL, FALSE))",
};

// every_feature_schema(): teams and users refer to each other, so the team lead comes last.
const std::vector<std::string> every_feature_rows{
    R"(INSERT INTO "teams" ("id", "name") VALUES (1, 'core'), (2, 'web'))",
    R"(INSERT INTO "users" ("id", "email", "display_name", "team_id", "manager_id", "is_active", "login_count") VALUES )"
    R"((1, 'ann@example.com', 'Ann', 1, NULL, TRUE, 3), (2, 'bob@example.com', NULL, 2, 1, FALSE, 0))",
    R"(UPDATE "teams" SET "lead_user_id" = 1 WHERE "id" = 1)",
    R"(INSERT INTO "user_profiles" ("user_id", "bio", "birthday") VALUES (1, 'Likes SQL', '1990-05-17'))",
    R"(INSERT INTO "labels" ("name") VALUES ('bug'), ('feature'))",
    R"(INSERT INTO "tasks" ("id", "public_id", "title", "status", "priority", "position", "owner_id", )"
    R"("reviewer_id", "price", "estimate_hours", "progress", "due_date", "done_at") VALUES )"
    R"((1, '5b6f0c1e-7d1a-4a53-9a3e-2f1f1b0c9d01', 'Fix login', 'active', 'high', 1, 1, 2, 12.50, 1.5, 0.25, '2024-03-01', NULL), )"
    R"((2, '5b6f0c1e-7d1a-4a53-9a3e-2f1f1b0c9d02', 'Ship it', 'done', NULL, 2, 2, NULL, 0, NULL, 1, NULL, '2024-02-03 04:05:06'))",
    R"(INSERT INTO "task_labels" ("task_id", "label_name") VALUES (1, 'bug'), (2, 'bug'), (2, 'feature'))",
    R"(INSERT INTO "wiki_pages" ("id", "owner_id", "body", "attributes", "search") VALUES )"
    R"((1, 1, 'Hello', '{"lang": "en"}', 'hello world'), (2, NULL, 'Hi', NULL, NULL))",
};

const Table& base_table(std::string_view name) {
  static const Schema base = render_scenario_base_schema();
  return *base.find_table(name);
}

const Column& base_column(std::string_view table, std::string_view name) {
  return *base_table(table).find_column(name);
}

std::size_t base_position(std::string_view table, std::string_view name) {
  const Table& owner = base_table(table);
  return static_cast<std::size_t>(owner.find_column(name) - owner.columns.data());
}

AlterColumn alter(std::string table, std::string name, const std::function<void(Column&)>& change) {
  Column changed = base_column(table, name);
  change(changed);
  return AlterColumn{table, base_column(table, name), changed};
}

}  // namespace

std::vector<RenderScenario> render_scenarios() {
  std::vector<RenderScenario> scenarios;
  auto add = [&](std::string name, std::vector<Operation> operations) -> RenderScenario& {
    RenderScenario scenario;
    scenario.name = std::move(name);
    scenario.base = render_scenario_base_schema();
    scenario.rows = base_rows;
    scenario.operations = std::move(operations);
    scenarios.push_back(std::move(scenario));
    return scenarios.back();
  };

  add("add_nullable_column", {AddColumn{"users", column("bio", type_of(TypeKind::string), true), {}}});
  add("add_not_null_column_with_server_default",
      {AddColumn{"tasks", column("weight", type_of(TypeKind::int32), false, "1"), {}}});
  add("add_enum_column", {AddColumn{"teams", column("mood", mood_type(), true), {}}});
  add("drop_column", {DropColumn{"users", base_column("users", "nickname"),
                                 base_position("users", "nickname")}});
  add("drop_foreign_key_column",
      {DropForeignKey{"users", base_table("users").foreign_keys.front()},
       DropColumn{"users", base_column("users", "team_id"), base_position("users", "team_id")}})
      .reorders_columns_on_postgres = true;
  add("rename_column", {RenameColumn{"tasks", "note", "remark"}});
  add("rename_enum_column", {RenameColumn{"users", "mood", "feeling"}});
  add("change_type_int32_to_int64",
      {alter("tasks", "priority", [](Column& c) { c.type = type_of(TypeKind::int64); })});
  add("change_type_longer_string",
      {alter("users", "nickname", [](Column& c) { c.type = type_of(TypeKind::string, 50); })});
  add("change_type_int_to_string",
      {alter("tasks", "legacy_code", [](Column& c) { c.type = type_of(TypeKind::string, 10); })});
  add("change_type_enum_to_string", {alter("users", "mood", [](Column& c) {
        c.type = type_of(TypeKind::string, 10);
      })});
  add("change_server_default", {alter("tasks", "priority", [](Column& c) { c.server_default = "5"; })});
  add("make_not_null_with_default", {alter("users", "nickname", [](Column& c) {
        c.nullable = false;
        c.server_default = "'anon'";
      })})
      .rewritten_columns = {"users.nickname"};
  add("make_nullable", {alter("tasks", "title", [](Column& c) { c.nullable = true; })});
  add("add_composite_index", {CreateIndex{"tasks", index_on("tasks", {"owner_id", "priority"})}});
  add("add_unique_index", {CreateIndex{"users", index_on("users", {"team_id", "email"}, true)}});
  Index partial = index_on("tasks", {"title"});
  partial.where = "note IS NOT NULL";
  add("add_partial_index", {CreateIndex{"tasks", partial}});
  add("drop_index", {DropIndex{"users", base_table("users").indexes.front()}});
  add("add_composite_unique",
      {AddUniqueConstraint{"tasks", {naming::unique("tasks", {"owner_id", "title"}), {"owner_id", "title"}, {}}}});
  add("drop_unique_constraint",
      {DropUniqueConstraint{"teams", base_table("teams").unique_constraints.front()}});
  Table commented = base_table("teams");
  commented.comment = "Groups of users";
  add("change_table_comment", {AlterTableMetadata{base_table("teams"), commented}});
  add("add_foreign_key",
      {AddForeignKey{"tasks", foreign_key("tasks", "reviewer_id", "users", ReferentialAction::set_null)}});
  add("drop_foreign_key", {DropForeignKey{"users", base_table("users").foreign_keys.front()}});
  Table labels = table_with_id("labels", {column("name", type_of(TypeKind::string, 50), false),
                                          column("task_id", type_of(TypeKind::int64), false)});
  labels.foreign_keys.push_back(foreign_key("labels", "task_id", "tasks", ReferentialAction::cascade));
  labels.indexes.push_back(index_on("labels", {"task_id"}));
  add("add_table", {CreateTable{labels}});
  add("drop_table", {DropTable{base_table("tasks")}});
  add("rename_table", {RenameTable{"teams", "groups"}});
  // users has an enum column (a CHECK named after the table on SQLite) and is referred to by
  // tasks: the reference follows, and constraint names stay as the operations leave them.
  add("rename_referenced_table_with_enum", {RenameTable{"users", "members"}});
  {
    // What autogenerate writes for a table renamed through .renamed_from: the table, then every
    // constraint and index named after it, its own and the foreign keys that refer to it.
    std::vector<Operation> renames{RenameTable{"users", "members"}};
    auto follow = [](const std::string& name) {
      std::string renamed = name;
      if (auto at = renamed.find("users"); at != std::string::npos) renamed.replace(at, 5, "members");
      return renamed;
    };
    const Table& users = base_table("users");
    for (const auto& index : users.indexes) renames.push_back(RenameIndex{"members", index.name, follow(index.name)});
    if (users.primary_key)
      renames.push_back(RenameConstraint{"members", users.primary_key->name, follow(users.primary_key->name)});
    for (const auto& check : users.check_constraints)
      renames.push_back(RenameConstraint{"members", check.name, follow(check.name)});
    for (const auto& unique : users.unique_constraints)
      renames.push_back(RenameConstraint{"members", unique.name, follow(unique.name)});
    for (const auto& key : users.foreign_keys) renames.push_back(RenameConstraint{"members", key.name, follow(key.name)});
    for (const auto& table : render_scenario_base_schema().tables)
      for (const auto& key : table.foreign_keys)
        if (key.referred_table == "users" && table.name != "users")
          renames.push_back(RenameConstraint{table.name, key.name, follow(key.name)});
    add("rename_table_with_its_constraints_and_indexes", std::move(renames));
  }
  add("add_check_constraint",
      {AddCheckConstraint{"users", {naming::check("users", "score_small"), "score < 1000", {}}}});
  add("drop_check_constraint", {DropCheckConstraint{"tasks", base_table("tasks").check_constraints.front()}});
  add("add_enum_value", {AddEnumValue{"mood", "angry", 1}});
  add("append_enum_value", {AddEnumValue{"mood", "excited", 3}});
  add("remove_enum_value", {RemoveEnumValue{"mood", "sad", 1}});
  EnumType color{"color", {"red", "green"}, {}};
  ColumnType color_type = type_of(TypeKind::enumeration);
  color_type.enum_name = "color";
  add("create_enum_and_column",
      {CreateEnum{color}, AddColumn{"teams", column("color", color_type, true, "'red'"), {}}});
  ColumnType tags = type_of(TypeKind::array, 20);
  tags.element_kind = TypeKind::string;
  add("add_array_column", {AddColumn{"tasks", column("tags", tags, true), {}}});
  add("drop_autoincrement", {alter("teams", "id", [](Column& c) { c.autoincrement = false; })})
      .after_downgrade = {R"(INSERT INTO "teams" ("name") VALUES ('green'))"};
  add("change_column_comment",
      {alter("users", "email", [](Column& c) { c.comment = "Where the sign-in link goes"; })});

  auto add_awkward = [&](std::string name, std::vector<Operation> operations) -> RenderScenario& {
    RenderScenario& scenario = add(std::move(name), std::move(operations));
    scenario.base = awkward_identifiers_schema();
    scenario.rows = awkward_rows;
    return scenario;
  };
  const Schema awkward = awkward_identifiers_schema();
  const Table& order = *awkward.find_table("order");
  Column wider = *order.find_column("select");
  wider.type = type_of(TypeKind::int64);
  add_awkward("awkward_change_type_of_reserved_word", {AlterColumn{"order", *order.find_column("select"), wider}});
  add_awkward("awkward_rename_mixed_case_table", {RenameTable{"MixedCase", "Mixed Case's"}});
  add_awkward("awkward_rename_quoted_column", {RenameColumn{"user", "we\"ird", "we\"irder"}});
  add_awkward("awkward_add_column", {AddColumn{"order", column("from", type_of(TypeKind::string, 5), false, "'it''s'"), {}}});

  // The schema with every feature: a rebuild on SQLite must carry its composite keys, the
  // self-reference, the cycle, partial indexes and enum CHECKs through.
  auto add_every_feature = [&](std::string name, std::vector<Operation> operations) -> RenderScenario& {
    RenderScenario& scenario = add(std::move(name), std::move(operations));
    scenario.base = every_feature_schema();
    scenario.rows = every_feature_rows;
    return scenario;
  };
  const Schema every = every_feature_schema();
  const Table& tasks = *every.find_table("tasks");
  Column longer_title = *tasks.find_column("title");
  longer_title.type.max_length = 300;
  add_every_feature("every_feature_change_type",
                    {AlterColumn{"tasks", *tasks.find_column("title"), longer_title}});
  const Table& task_labels = *every.find_table("task_labels");
  add_every_feature("every_feature_drop_composite_primary_key",
                    {DropPrimaryKey{"task_labels", *task_labels.primary_key}});
  add_every_feature("every_feature_rename_column", {RenameColumn{"users", "display_name", "shown_name"}});
  add_every_feature("every_feature_add_enum_value", {AddEnumValue{"taskstatus", "review", 1}});
  add_every_feature("every_feature_remove_enum_value", {RemoveEnumValue{"priority", "medium", 1}});
  return scenarios;
}

namespace {

// ---- running steps -----------------------------------------------------------------------

}  // namespace

std::vector<std::string> sqlite_triggers_of(db::Connection& connection, const std::vector<std::string>& tables) {
  std::vector<std::string> triggers;
  for (const auto& table : tables) {
    auto result = connection.query(
        "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?1 ORDER BY name", {table});
    for (const auto& row : result.rows)
      if (row.at(0)) triggers.push_back(*row.at(0));
  }
  return triggers;
}

// What a migration runner does with each step: one transaction, foreign keys off around it
// when the SQLite rebuild asks, the rebuilt tables' triggers saved and recreated, and
// foreign_key_check empty before the commit.
void execute_steps(db::Connection& connection, const std::vector<RenderedStep>& steps, const std::string& what) {
  const bool sqlite = connection.dialect() == Dialect::sqlite;
  for (const auto& step : steps) {
    const bool foreign_keys_off = sqlite && step.needs_foreign_keys_off;
    if (foreign_keys_off) connection.execute("PRAGMA foreign_keys = OFF");
    if (!step.outside_transaction) connection.begin();
    std::vector<std::string> statements = step.statements;
    if (sqlite)
      for (auto& trigger : sqlite_triggers_of(connection, step.rebuilt_tables))
        statements.push_back(std::move(trigger));
    for (const auto& statement : statements) {
      try {
        connection.execute(statement);
      } catch (const DatabaseError& error) {
        ADD_FAILURE() << what << ": " << error.what() << "\nstatement: " << statement;
        if (!step.outside_transaction) connection.rollback();
        throw;
      }
    }
    if (foreign_keys_off) {
      auto violations = connection.query("PRAGMA foreign_key_check");
      EXPECT_TRUE(violations.rows.empty()) << what << ": foreign_key_check reports "
                                           << violations.rows.size() << " violation(s)";
    }
    if (!step.outside_transaction) connection.commit();
    if (foreign_keys_off) connection.execute("PRAGMA foreign_keys = ON");
  }
}

namespace {

Schema expected_database(const Schema& schema, Dialect dialect) {
  Schema expected = database_view(lower_for_dialect(schema, dialect));
  normalize_expressions(expected);
  return expected;
}

Schema introspected(db::Connection& connection) {
  Schema actual = introspect(connection);
  normalize_expressions(actual);
  return actual;
}

void sort_columns(Schema& schema) {
  for (auto& table : schema.tables)
    std::sort(table.columns.begin(), table.columns.end(),
              [](const Column& a, const Column& b) { return a.name < b.name; });
}

void expect_database_holds(db::Connection& connection, const Schema& model, bool ignore_column_order,
                           const std::string& what) {
  Schema expected = expected_database(model, connection.dialect());
  Schema actual = introspected(connection);
  if (ignore_column_order) {
    sort_columns(expected);
    sort_columns(actual);
  }
  EXPECT_EQ(write_snapshot(actual), write_snapshot(expected)) << what;
}

// ---- rows --------------------------------------------------------------------------------

// table -> column -> values in primary-key order.
using Contents = std::map<std::string, std::map<std::string, std::vector<db::Value>>>;

Contents read_contents(db::Connection& connection, const Schema& schema) {
  Contents contents;
  const Dialect dialect = connection.dialect();
  for (const auto& table : schema.tables) {
    std::string list;
    for (const auto& each : table.columns) {
      if (!list.empty()) list += ", ";
      // Text on both dialects, so an integer that became a string still compares equal.
      list += "CAST(" + quote_identifier(dialect, each.name) + " AS VARCHAR)";
    }
    // The primary key orders the rows; without one, every column does.
    std::vector<std::string> order_columns;
    if (table.primary_key) {
      order_columns = table.primary_key->columns;
    } else {
      for (const auto& each : table.columns) order_columns.push_back(each.name);
    }
    std::string order;
    for (const auto& key_column : order_columns)
      order += (order.empty() ? std::string() : std::string(", ")) + quote_identifier(dialect, key_column);
    auto result = connection.query("SELECT " + list + " FROM " + quote_identifier(dialect, table.name) +
                                   " ORDER BY " + order);
    auto& columns = contents[table.name];
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      auto& values = columns[table.columns[i].name];
      for (const auto& row : result.rows) values.push_back(row[i]);
    }
  }
  return contents;
}

// Names before the operations -> names after them (renames followed).
struct Renames {
  std::map<std::string, std::string> tables;
  std::map<std::pair<std::string, std::string>, std::string> columns;  // (old table, old column)

  explicit Renames(const std::vector<Operation>& operations) {
    for (const auto& operation : operations) {
      if (const auto* rename = std::get_if<RenameTable>(&operation)) tables[rename->from] = rename->to;
      if (const auto* rename = std::get_if<RenameColumn>(&operation))
        columns[{rename->table, rename->from}] = rename->to;
    }
  }
  std::string table(const std::string& name) const {
    auto found = tables.find(name);
    return found == tables.end() ? name : found->second;
  }
  std::string column(const std::string& table_name, const std::string& name) const {
    auto found = columns.find({table_name, name});
    return found == columns.end() ? name : found->second;
  }
};

// Every value of `original` that should have survived into `now` is there. Columns present in
// `original` but gone from `now` are skipped, as are those listed in `survivors_of` when given
// (after a downgrade, a column the upgrade dropped comes back empty).
void expect_rows_kept(const Contents& original, const Contents& now, const Renames& renames,
                      const RenderScenario& scenario, const Contents* survivors_of, const std::string& what) {
  for (const auto& [table, columns] : original) {
    auto now_table = now.find(renames.table(table));
    if (now_table == now.end()) continue;  // the operation dropped it
    for (const auto& [name, values] : columns) {
      const std::string label = table + "." + name;
      if (std::find(scenario.rewritten_columns.begin(), scenario.rewritten_columns.end(), label) !=
          scenario.rewritten_columns.end())
        continue;
      auto now_column = now_table->second.find(renames.column(table, name));
      if (now_column == now_table->second.end()) continue;
      if (survivors_of != nullptr) {
        auto survived_table = survivors_of->find(table);
        if (survived_table == survivors_of->end() || !survived_table->second.contains(name)) continue;
      }
      EXPECT_EQ(now_column->second, values) << what << ": values of " << label;
    }
  }
}

Contents contents_under_original_names(const Contents& after, const Renames& renames,
                                       const Contents& original) {
  Contents mapped;
  for (const auto& [table, columns] : original) {
    auto found = after.find(renames.table(table));
    if (found == after.end()) continue;
    for (const auto& [name, values] : columns)
      if (found->second.contains(renames.column(table, name)))
        mapped[table][name] = found->second.at(renames.column(table, name));
  }
  return mapped;
}

}  // namespace

void run_render_scenario(db::Connection& connection, const RenderScenario& scenario) {
  const Dialect dialect = connection.dialect();
  const Schema& before = scenario.base;
  Schema after = before;
  for (const auto& operation : scenario.operations) apply_to_schema(after, operation);

  connection.begin();
  for (const auto& statement : render_create_all(before, dialect)) connection.execute(statement);
  for (const auto& statement : scenario.rows) connection.execute(statement);
  connection.commit();
  const Contents original = read_contents(connection, before);
  for (const auto& [table, columns] : original)
    ASSERT_FALSE(columns.begin()->second.empty()) << "no rows in " << table;

  execute_steps(connection, render_operations(scenario.operations, before, dialect), "upgrade");
  expect_database_holds(connection, after, false, "after the upgrade");
  const Renames renames(scenario.operations);
  const Contents upgraded = read_contents(connection, after);
  expect_rows_kept(original, upgraded, renames, scenario, nullptr, "after the upgrade");

  const std::vector<Operation> downgrade = invert(scenario.operations);
  execute_steps(connection, render_operations(downgrade, after, dialect), "downgrade");
  const bool reordered = scenario.reorders_columns_on_postgres && dialect == Dialect::postgresql;
  expect_database_holds(connection, before, reordered, "after the downgrade");
  const Contents survivors = contents_under_original_names(upgraded, renames, original);
  expect_rows_kept(original, read_contents(connection, before), Renames({}), scenario, &survivors,
                   "after the downgrade");
  for (const auto& statement : scenario.after_downgrade) {
    try {
      connection.execute(statement);
    } catch (const DatabaseError& error) {
      ADD_FAILURE() << "after the downgrade: " << error.what() << "\nstatement: " << statement;
    }
  }
}

}  // namespace sqlmodel::testing
