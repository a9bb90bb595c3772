// create_all on a real SQLite file, then introspection: the database read back must equal the
// schema's SQLite database view. Expressions are compared in normalize_sql_expression's form:
// introspection normalises what it reads, and the expected side goes through
// normalize_expressions (lower.hpp).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "db/connection.hpp"
#include "db/sqlite_connection.hpp"
#include "schema/ddl.hpp"
#include "live_schema/introspect.hpp"
#include "schema/lower.hpp"
#include "schema/naming.hpp"
#include "schema/snapshot_json.hpp"
#include "support/every_feature_schema.hpp"
#include "support/test_databases.hpp"

namespace sqlmodel {
namespace {

using namespace schema;
using ::testing::HasSubstr;

Schema sqlite_view(const Schema& schema) {
  Schema view = database_view(lower_for_dialect(schema, Dialect::sqlite));
  normalize_expressions(view);
  return view;
}

std::string database_url(const std::string& file_name) {
  return "sqlite:///" + (sqlmodel::testing::scratch_directory() / file_name).string();
}

void create_all(db::Connection& connection, const Schema& schema) {
  for (const auto& statement : render_create_all(schema, Dialect::sqlite))
    connection.execute(statement);
}

// Creates `schema` in a fresh file, then introspects it through a second connection, so what
// is read back comes from the file and not from the creating connection's state.
Schema create_and_introspect(const Schema& schema, const std::string& file_name) {
  std::string url = database_url(file_name);
  {
    auto connection = db::connect(url);
    create_all(*connection, schema);
  }
  auto reader = db::connect(url);
  return introspect(*reader);
}

// Snapshot text first: a mismatch shows as a readable diff of the two JSON documents.
#define EXPECT_SAME_SCHEMA(actual, expected)                     \
  do {                                                           \
    EXPECT_EQ(write_snapshot(actual), write_snapshot(expected)); \
    EXPECT_TRUE((actual) == (expected));                         \
  } while (false)

// --- Small schema builders ----------------------------------------------------------------

ColumnType type_of(TypeKind kind) {
  ColumnType type;
  type.kind = kind;
  return type;
}

Column column(std::string name, ColumnType type, bool nullable = false) {
  Column result;
  result.name = std::move(name);
  result.type = std::move(type);
  result.nullable = nullable;
  return result;
}

Column autoincrement_id() {
  Column id = column("id", type_of(TypeKind::int64));
  id.autoincrement = true;
  return id;
}

Table table_with_id(std::string name) {
  Table table;
  table.name = std::move(name);
  table.columns.push_back(autoincrement_id());
  table.primary_key = PrimaryKey{naming::primary_key(table.name), {"id"}};
  return table;
}

Schema schema_of(std::vector<Table> tables, std::vector<EnumType> enums = {}) {
  Schema schema;
  schema.tables = std::move(tables);
  schema.enums = std::move(enums);
  sort_canonically(schema);
  return schema;
}

// --- The whole-feature round trip -----------------------------------------------------------

TEST(SqliteCreateIntrospect, EveryFeatureSchemaReadsBackAsItsDatabaseView) {
  Schema schema = sqlmodel::testing::every_feature_schema();
  Schema actual = create_and_introspect(schema, "every_feature.db");
  EXPECT_SAME_SCHEMA(actual, sqlite_view(schema));
}

TEST(SqliteCreateIntrospect, IntrospectingTwiceGivesIdenticalSnapshots) {
  std::string url = database_url("twice.db");
  auto connection = db::connect(url);
  create_all(*connection, sqlmodel::testing::every_feature_schema());
  EXPECT_EQ(write_snapshot(introspect(*connection)), write_snapshot(introspect(*connection)));
}

// --- Focused cases ----------------------------------------------------------------------------

TEST(SqliteCreateIntrospect, EveryColumnType) {
  Table table = table_with_id("typed");
  auto add = [&](std::string name, ColumnType type, bool nullable) {
    table.columns.push_back(column(std::move(name), std::move(type), nullable));
  };
  add("small", type_of(TypeKind::int16), false);
  add("regular", type_of(TypeKind::int32), true);
  add("big", type_of(TypeKind::int64), false);
  add("flag", type_of(TypeKind::boolean), false);
  add("single", type_of(TypeKind::float32), true);
  add("double", type_of(TypeKind::float64), false);
  add("text", type_of(TypeKind::string), true);
  ColumnType bounded = type_of(TypeKind::string);
  bounded.max_length = 255;
  add("bounded_text", bounded, false);
  add("bytes", type_of(TypeKind::blob), true);
  add("day", type_of(TypeKind::date), true);
  add("moment", type_of(TypeKind::datetime), true);
  ColumnType moment_tz = type_of(TypeKind::datetime);
  moment_tz.with_timezone = true;
  add("moment_tz", moment_tz, false);
  add("identifier", type_of(TypeKind::uuid), false);
  add("document", type_of(TypeKind::json), true);
  add("any_number", type_of(TypeKind::numeric), true);
  ColumnType whole = type_of(TypeKind::numeric);
  whole.precision = 12;
  add("whole", whole, true);
  ColumnType money = type_of(TypeKind::numeric);
  money.precision = 10;
  money.scale = 2;
  add("money", money, false);
  ColumnType mood = type_of(TypeKind::enumeration);
  mood.enum_name = "mood";
  add("mood", mood, false);
  ColumnType tags = type_of(TypeKind::array);
  tags.element_kind = TypeKind::string;
  tags.max_length = 20;
  add("tags", tags, true);

  Schema schema = schema_of({table}, {EnumType{"mood", {"happy", "grumpy"}, {}}});
  Schema actual = create_and_introspect(schema, "types.db");
  Schema expected = sqlite_view(schema);
  EXPECT_SAME_SCHEMA(actual, expected);

  // The lowering the comparison relies on, spelled out: enum -> VARCHAR(longest) + CHECK,
  // array -> json.
  const Table& read = actual.tables.at(0);
  EXPECT_EQ(format_type(read.find_column("mood")->type), "string(6)");
  EXPECT_EQ(format_type(read.find_column("tags")->type), "json");
  ASSERT_EQ(read.check_constraints.size(), 1u);
  EXPECT_EQ(read.check_constraints[0].name, "ck_typed_mood_enum");
}

TEST(SqliteCreateIntrospect, AutoincrementIsTheRowidAndOtherIntegerKeysAreNot) {
  Table rowid = table_with_id("with_rowid");
  Table int32_key;
  int32_key.name = "int32_key";
  int32_key.columns.push_back(column("code", type_of(TypeKind::int32)));
  int32_key.primary_key = PrimaryKey{"pk_int32_key", {"code"}};
  Table int64_key;
  int64_key.name = "int64_key";
  int64_key.columns.push_back(column("code", type_of(TypeKind::int64)));
  int64_key.primary_key = PrimaryKey{"pk_int64_key", {"code"}};

  Schema schema = schema_of({rowid, int32_key, int64_key});
  std::string url = database_url("autoincrement.db");
  auto connection = db::connect(url);
  create_all(*connection, schema);
  Schema actual = introspect(*connection);
  EXPECT_SAME_SCHEMA(actual, sqlite_view(schema));

  const Column* id = actual.find_table("with_rowid")->find_column("id");
  EXPECT_TRUE(id->autoincrement);
  EXPECT_EQ(id->type.kind, TypeKind::int64);
  EXPECT_FALSE(actual.find_table("int32_key")->find_column("code")->autoincrement);
  EXPECT_EQ(actual.find_table("int32_key")->find_column("code")->type.kind, TypeKind::int32);
  EXPECT_FALSE(actual.find_table("int64_key")->find_column("code")->autoincrement);

  // And the database really assigns the values.
  connection->execute("INSERT INTO with_rowid DEFAULT VALUES; INSERT INTO with_rowid DEFAULT VALUES");
  EXPECT_EQ(connection->query("SELECT max(id) FROM with_rowid").rows[0][0], "2");
  EXPECT_THROW(connection->execute("INSERT INTO int32_key DEFAULT VALUES"), DatabaseError);
}

TEST(SqliteCreateIntrospect, EveryConstraintKindWithItsName) {
  Table parent;
  parent.name = "parent";
  parent.columns = {column("a", type_of(TypeKind::int32)), column("b", type_of(TypeKind::string))};
  parent.primary_key = PrimaryKey{"pk_parent", {"a", "b"}};

  Table child = table_with_id("child");
  child.columns.push_back(column("parent_a", type_of(TypeKind::int32), true));
  child.columns.push_back(column("parent_b", type_of(TypeKind::string), true));
  child.columns.push_back(column("code", type_of(TypeKind::string)));
  child.columns.push_back(column("amount", type_of(TypeKind::int32)));
  const ReferentialAction actions[] = {ReferentialAction::no_action, ReferentialAction::restrict,
                                       ReferentialAction::cascade, ReferentialAction::set_null,
                                       ReferentialAction::set_default};
  for (std::size_t i = 0; i < std::size(actions); ++i) {
    ReferentialAction on_delete = actions[i];
    std::string column_name = "ref_" + std::string(to_string(on_delete));
    child.columns.push_back(column(column_name, type_of(TypeKind::int64), true));
    ForeignKey key;
    key.name = naming::foreign_key("child", {column_name}, "child");
    key.columns = {column_name};
    key.referred_table = "child";
    key.referred_columns = {"id"};
    key.on_delete = on_delete;
    key.on_update = actions[(i + 2) % std::size(actions)];
    child.foreign_keys.push_back(std::move(key));
  }
  ForeignKey composite;
  composite.name = "fk_child_parent_a_parent";
  composite.columns = {"parent_a", "parent_b"};
  composite.referred_table = "parent";
  composite.referred_columns = {"a", "b"};
  composite.on_delete = ReferentialAction::cascade;
  child.foreign_keys.push_back(composite);
  child.unique_constraints.push_back(UniqueConstraint{"uq_child_code", {"code"}, {}});
  child.unique_constraints.push_back(UniqueConstraint{"uq_child_code_amount", {"code", "amount"}, {}});
  child.check_constraints.push_back(CheckConstraint{"ck_child_amount_positive", "amount > 0", {}});
  child.check_constraints.push_back(
      CheckConstraint{"ck_child_code_shape", "length(code) BETWEEN 2 AND 10 AND code <> 'x)'", {}});

  Schema schema = schema_of({parent, child});
  Schema actual = create_and_introspect(schema, "constraints.db");
  EXPECT_SAME_SCHEMA(actual, sqlite_view(schema));
  EXPECT_EQ(actual.find_table("child")->foreign_keys.size(), 6u);
}

TEST(SqliteCreateIntrospect, UniqueIndexesStayIndexesAndPartialIndexesKeepTheirPredicate) {
  Table table = table_with_id("events");
  table.columns.push_back(column("kind", type_of(TypeKind::string)));
  table.columns.push_back(column("happened_at", type_of(TypeKind::datetime), true));
  table.columns.push_back(column("deleted", type_of(TypeKind::boolean)));
  Index plain{"ix_events_kind", {"kind"}, false, std::nullopt, std::nullopt, {}};
  Index unique{"ix_events_kind_happened_at", {"kind", "happened_at"}, true, std::nullopt, std::nullopt, {}};
  Index partial{"ix_events_happened_at", {"happened_at"}, false,
                std::string("deleted = 0 AND happened_at IS NOT NULL"), std::nullopt, {}};
  Index partial_unique{"uq_events_live_kind", {"kind"}, true, std::string("deleted = 0"), std::nullopt, {}};
  table.indexes = {plain, unique, partial, partial_unique};
  table.unique_constraints.push_back(UniqueConstraint{"uq_events_happened_at", {"happened_at"}, {}});

  Schema schema = schema_of({table});
  Schema actual = create_and_introspect(schema, "indexes.db");
  EXPECT_SAME_SCHEMA(actual, sqlite_view(schema));
  const Table& read = actual.tables.at(0);
  EXPECT_EQ(read.indexes.size(), 4u);
  EXPECT_EQ(read.unique_constraints.size(), 1u);
}

TEST(SqliteCreateIntrospect, ServerDefaults) {
  Table table = table_with_id("defaults");
  auto with_default = [&](std::string name, TypeKind kind, std::string expression) {
    Column c = column(std::move(name), type_of(kind));
    c.server_default = std::move(expression);
    table.columns.push_back(std::move(c));
  };
  with_default("number", TypeKind::int32, "0");
  with_default("negative", TypeKind::float64, "-1.5");
  with_default("word", TypeKind::string, "'it''s'");
  with_default("created", TypeKind::datetime, "CURRENT_TIMESTAMP");
  with_default("computed", TypeKind::string, "lower('ABC')");
  with_default("flag", TypeKind::boolean, "TRUE");

  Schema schema = schema_of({table});
  Schema actual = create_and_introspect(schema, "defaults.db");
  EXPECT_SAME_SCHEMA(actual, sqlite_view(schema));
}

// SQLite rewrites the stored CREATE text on ALTER TABLE: what the migration runner does to a
// table must read back just as well as what create_all wrote.
TEST(SqliteCreateIntrospect, TablesChangedByAlterTableReadBack) {
  Table table = table_with_id("accounts");
  table.columns.push_back(column("email", type_of(TypeKind::string)));
  table.unique_constraints.push_back(UniqueConstraint{"uq_accounts_email", {"email"}, {}});
  table.check_constraints.push_back(CheckConstraint{"ck_accounts_email", "email LIKE '%@%'", {}});
  table.indexes.push_back(Index{"ix_accounts_email", {"email"}, false, std::string("email <> ''"),
                                std::nullopt, {}});
  Schema schema = schema_of({table});

  auto connection = db::connect(database_url("altered.db"));
  create_all(*connection, schema);
  connection->execute(
      "ALTER TABLE \"accounts\" ADD COLUMN \"nick name\" VARCHAR(30) DEFAULT 'none';"
      "ALTER TABLE \"accounts\" RENAME COLUMN \"email\" TO \"e-mail\"");

  Table& expected_table = schema.tables.at(0);
  Column nick = column("nick name", type_of(TypeKind::string), true);
  nick.type.max_length = 30;
  nick.server_default = "'none'";
  expected_table.columns.push_back(nick);
  expected_table.columns.at(1).name = "e-mail";
  expected_table.unique_constraints.at(0).columns = {"e-mail"};
  expected_table.check_constraints.at(0).expression = "\"e-mail\" LIKE '%@%'";
  expected_table.indexes.at(0).columns = {"e-mail"};
  expected_table.indexes.at(0).where = "\"e-mail\" <> ''";
  EXPECT_SAME_SCHEMA(introspect(*connection), sqlite_view(schema));
}

// --- Databases sqlmodel did not write ------------------------------------------------------

Schema introspect_sql(const std::string& sql, const std::string& file_name) {
  auto connection = db::connect(database_url(file_name));
  connection->execute(sql);
  return introspect(*connection);
}

TEST(SqliteIntrospect, UnnamedConstraintsGetConventionNames) {
  Schema actual = introspect_sql(R"sql(
    CREATE TABLE parent (id INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT NOT NULL UNIQUE);
    CREATE TABLE child (
      id INTEGER NOT NULL,
      parent_id INTEGER REFERENCES parent ON DELETE CASCADE,
      qty INT CHECK (qty >= 0),
      note TEXT,
      PRIMARY KEY (id),
      UNIQUE (parent_id, note),
      CHECK (length(note) < 50)
    );
    INSERT INTO parent (code) VALUES ('x');
  )sql", "unnamed.db");

  // sqlite_sequence exists now (AUTOINCREMENT) and is SQLite's, not the user's.
  ASSERT_EQ(actual.tables.size(), 2u);
  const Table& child = *actual.find_table("child");
  EXPECT_EQ(child.primary_key->name, "pk_child");
  ASSERT_EQ(child.foreign_keys.size(), 1u);
  EXPECT_EQ(child.foreign_keys[0].name, "fk_child_parent_id_parent");
  EXPECT_EQ(child.foreign_keys[0].referred_columns, (std::vector<std::string>{"id"}));
  EXPECT_EQ(child.foreign_keys[0].on_delete, ReferentialAction::cascade);
  ASSERT_EQ(child.unique_constraints.size(), 1u);
  EXPECT_EQ(child.unique_constraints[0].name, "uq_child_parent_id_note");
  ASSERT_EQ(child.check_constraints.size(), 2u);
  EXPECT_EQ(child.check_constraints[0].name, "ck_child_1");
  EXPECT_EQ(child.check_constraints[0].expression, normalize_sql_expression("length(note) < 50"));
  EXPECT_EQ(child.check_constraints[1].name, "ck_child_qty");
  EXPECT_TRUE(child.find_column("id")->autoincrement);

  const Table& parent = *actual.find_table("parent");
  EXPECT_EQ(parent.unique_constraints.at(0).name, "uq_parent_code");
  EXPECT_EQ(parent.unique_constraints.at(0).columns, (std::vector<std::string>{"code"}));
}

TEST(SqliteIntrospect, ConventionNamesNeverCollide) {
  Schema actual = introspect_sql(R"sql(
    CREATE TABLE t (
      a INT CHECK (a > 0) CHECK (a < 10),
      b INT,
      CONSTRAINT ck_t_1 CHECK (b > 0),
      CHECK (b < 10),
      FOREIGN KEY (b) REFERENCES t (a),
      FOREIGN KEY (b) REFERENCES t (a) ON DELETE CASCADE
    );
  )sql", "collisions.db");
  std::vector<std::string> names;
  for (const auto& check : actual.tables.at(0).check_constraints) names.push_back(check.name);
  EXPECT_EQ(names, (std::vector<std::string>{"ck_t_1", "ck_t_1_2", "ck_t_a", "ck_t_a_2"}));
  const auto& keys = actual.tables.at(0).foreign_keys;
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].name, "fk_t_b_t");
  EXPECT_EQ(keys[1].name, "fk_t_b_t_2");
  EXPECT_EQ(keys[0].on_delete, ReferentialAction::no_action);  // the first one written
  EXPECT_EQ(keys[1].on_delete, ReferentialAction::cascade);
}

TEST(SqliteIntrospect, RowidExceptionsAreNotAutoincrement) {
  Schema actual = introspect_sql(R"sql(
    CREATE TABLE descending (id INTEGER PRIMARY KEY DESC, x TEXT);
    CREATE TABLE no_rowid (id INTEGER PRIMARY KEY, x TEXT) WITHOUT ROWID;
    CREATE TABLE composite (a INTEGER, b INTEGER, PRIMARY KEY (a, b));
  )sql", "rowid.db");
  for (const char* name : {"descending", "no_rowid", "composite"}) {
    const Table* table = actual.find_table(name);
    ASSERT_NE(table, nullptr) << name;
    for (const auto& c : table->columns) EXPECT_FALSE(c.autoincrement) << name << "." << c.name;
    EXPECT_EQ(table->columns[0].type.kind, TypeKind::int32) << name;
  }
}

TEST(SqliteIntrospect, ExpressionIndexTermsKeepTheirSql) {
  Schema actual = introspect_sql(R"sql(
    CREATE TABLE people (id INTEGER PRIMARY KEY, email VARCHAR(100) NOT NULL);
    CREATE UNIQUE INDEX ix_people_email_lower ON people (lower(email), id);
  )sql", "expression_index.db");
  const Index& index = actual.tables.at(0).indexes.at(0);
  EXPECT_TRUE(index.unique);
  EXPECT_EQ(index.columns,
            (std::vector<std::string>{normalize_sql_expression("lower(email)"), "id"}));
}

TEST(SqliteIntrospect, SkipsTheRunnersVersionTable) {
  Schema actual = introspect_sql(R"sql(
    CREATE TABLE sqlmodel_version (revision VARCHAR(64) NOT NULL PRIMARY KEY);
    CREATE TABLE app (id INTEGER PRIMARY KEY);
    ANALYZE;
  )sql", "bookkeeping.db");
  ASSERT_EQ(actual.tables.size(), 1u);
  EXPECT_EQ(actual.tables[0].name, "app");
}

std::string introspection_error(const std::string& sql, const std::string& file_name) {
  try {
    introspect_sql(sql, file_name);
  } catch (const std::exception& error) {
    return error.what();
  }
  ADD_FAILURE() << "introspection accepted: " << sql;
  return {};
}

TEST(SqliteIntrospect, WhatTheModelCannotHoldIsAnErrorNamingIt) {
  EXPECT_THAT(introspection_error("CREATE TABLE untyped (id INTEGER PRIMARY KEY, v)", "untyped.db"),
              AllOf(HasSubstr("table \"untyped\""), HasSubstr("column \"v\""), HasSubstr("no declared type")));
  EXPECT_THAT(introspection_error(
                  "CREATE TABLE gen (a INTEGER, b INTEGER GENERATED ALWAYS AS (a * 2))", "gen.db"),
              AllOf(HasSubstr("table \"gen\""), HasSubstr("VIRTUAL generated column")));
}

TEST(SqliteIntrospect, UnknownDeclaredTypesStoredGeneratedColumnsAndAutoincrementReadBack) {
  auto connection = db::connect(database_url("kinds.db"));
  connection->execute(
      "CREATE TABLE kinds (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT, v FANCYTYPE(3), "
      "twice INTEGER GENERATED ALWAYS AS (id * 2) STORED)");
  Schema actual = introspect(*connection);
  const Table& kinds = actual.tables.at(0);
  EXPECT_TRUE(kinds.sqlite_autoincrement);
  EXPECT_EQ(kinds.find_column("body")->type, type_of(TypeKind::text));
  EXPECT_EQ(format_type(kinds.find_column("v")->type), "custom; sqlite: FANCYTYPE(3)");
  EXPECT_EQ(kinds.find_column("twice")->generated, "id * 2");
}

// --- A fixed number of catalog queries ------------------------------------------------------

std::uint64_t statements_to_introspect(int table_count) {
  std::vector<Table> tables;
  for (int i = 0; i < table_count; ++i) {
    Table table = table_with_id("t" + std::to_string(i));
    table.columns.push_back(column("name", type_of(TypeKind::string)));
    table.columns.push_back(column("previous_id", type_of(TypeKind::int64), true));
    table.foreign_keys.push_back(ForeignKey{
        naming::foreign_key(table.name, {"previous_id"}, "t0"), {"previous_id"}, "t0", {"id"},
        ReferentialAction::cascade, ReferentialAction::no_action, {}});
    table.unique_constraints.push_back(UniqueConstraint{naming::unique(table.name, {"name"}), {"name"}, {}});
    table.indexes.push_back(Index{naming::index(table.name, {"previous_id"}), {"previous_id"}, false,
                                  std::string("previous_id IS NOT NULL"), std::nullopt, {}});
    table.check_constraints.push_back(CheckConstraint{naming::check(table.name, "name"), "name <> ''", {}});
    tables.push_back(std::move(table));
  }
  Schema schema = schema_of(std::move(tables));
  auto connection = db::connect(database_url("count_" + std::to_string(table_count) + ".db"));
  create_all(*connection, schema);
  auto& sqlite = dynamic_cast<db::SqliteConnection&>(*connection);
  auto before = sqlite.statements_run();
  Schema actual = introspect(*connection);
  auto used = sqlite.statements_run() - before;
  EXPECT_EQ(actual.tables.size(), static_cast<std::size_t>(table_count));
  EXPECT_SAME_SCHEMA(actual, sqlite_view(schema));
  return used;
}

TEST(SqliteIntrospect, IssuesTheSameNumberOfQueriesForThreeOrFiftyTables) {
  auto for_three = statements_to_introspect(3);
  auto for_fifty = statements_to_introspect(50);
  EXPECT_EQ(for_three, for_fifty);
  // One per kind of object: CREATE texts, columns, indexes, foreign keys.
  EXPECT_EQ(for_three, 4u);
}

}  // namespace
}  // namespace sqlmodel
