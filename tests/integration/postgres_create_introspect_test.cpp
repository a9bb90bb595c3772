// create_all on a real PostgreSQL server, then introspection: what comes back equals the
// schema lowered for PostgreSQL. Each test works in its own PostgreSQL schema.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "db/connection.hpp"
#include "postgres_test_schema.hpp"
#include "live_schema/introspect.hpp"
#include "schema/lower.hpp"
#include "schema/naming.hpp"
#include "schema/snapshot_json.hpp"
#include "support/every_feature_schema.hpp"

namespace sqlmodel::testing {
namespace {

using namespace sqlmodel::schema;

ColumnType type_of(TypeKind kind) {
  ColumnType type;
  type.kind = kind;
  return type;
}

ColumnType string_of(std::optional<int> max_length) {
  ColumnType type = type_of(TypeKind::string);
  type.max_length = max_length;
  return type;
}

ColumnType array_of(ColumnType element) {
  element.element_kind = element.kind;
  element.kind = TypeKind::array;
  return element;
}

Column column_of(std::string name, ColumnType type, bool nullable = true) {
  Column column;
  column.name = std::move(name);
  column.type = std::move(type);
  column.nullable = nullable;
  return column;
}

// A table with an autoincrement BIGINT "id" primary key and the given columns.
Table table_with_id(std::string name, std::vector<Column> columns = {}) {
  Table table;
  table.name = std::move(name);
  Column id = column_of("id", type_of(TypeKind::int64), false);
  id.autoincrement = true;
  table.columns.push_back(std::move(id));
  for (auto& column : columns) table.columns.push_back(std::move(column));
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

class PostgresCreateIntrospectTest : public PostgresSchemaTest {
 protected:
  // create_all, introspect, and compare: the snapshot text first, for a readable diff.
  void expect_round_trip(const Schema& schema) {
    create_all(schema);
    Schema expected = expected_database(schema);
    Schema actual = introspected();
    EXPECT_EQ(write_snapshot(expected), write_snapshot(actual));
    EXPECT_TRUE(expected == actual);
  }
};

TEST_F(PostgresCreateIntrospectTest, EveryFeatureSchemaReadsBackAsCreated) {
  expect_round_trip(every_feature_schema());
}

TEST_F(PostgresCreateIntrospectTest, EveryColumnTypeReadsBackAsItsKind) {
  ColumnType numeric = type_of(TypeKind::numeric);
  ColumnType money = numeric;
  money.precision = 12;
  money.scale = 4;
  ColumnType naive_time = type_of(TypeKind::datetime);
  ColumnType zoned_time = naive_time;
  zoned_time.with_timezone = true;
  ColumnType mood = type_of(TypeKind::enumeration);
  mood.enum_name = "mood";

  Table table = table_with_id(
      "all_types",
      {column_of("small", type_of(TypeKind::int16)), column_of("medium", type_of(TypeKind::int32)),
       column_of("large", type_of(TypeKind::int64)), column_of("flag", type_of(TypeKind::boolean)),
       column_of("single", type_of(TypeKind::float32)),
       column_of("double", type_of(TypeKind::float64)), column_of("short_text", string_of(20)),
       column_of("any_text", string_of(std::nullopt)), column_of("bytes", type_of(TypeKind::blob)),
       column_of("day", type_of(TypeKind::date)), column_of("naive", naive_time),
       column_of("zoned", zoned_time), column_of("identifier", type_of(TypeKind::uuid)),
       column_of("document", type_of(TypeKind::json)), column_of("any_number", numeric),
       column_of("money", money), column_of("feeling", mood, false),
       column_of("numbers", array_of(type_of(TypeKind::int32))),
       column_of("names", array_of(string_of(30))), column_of("feelings", array_of(mood)),
       column_of("stamps", array_of(zoned_time)), column_of("amounts", array_of(money))});
  expect_round_trip(schema_of({table}, {EnumType{"mood", {"sad", "fine", "glad"}, {}}}));

  // The kinds themselves, not only equality with the lowered model (which could hide a
  // mapping error made the same way on both sides).
  Schema actual = introspected();
  const Table& read = actual.tables.at(0);
  EXPECT_EQ(read.find_column("double")->type.kind, TypeKind::float64);
  EXPECT_EQ(read.find_column("single")->type.kind, TypeKind::float32);
  EXPECT_EQ(read.find_column("short_text")->type.max_length, 20);
  EXPECT_EQ(read.find_column("money")->type.precision, 12);
  EXPECT_EQ(read.find_column("money")->type.scale, 4);
  EXPECT_TRUE(read.find_column("zoned")->type.with_timezone);
  EXPECT_FALSE(read.find_column("naive")->type.with_timezone);
  EXPECT_EQ(read.find_column("feelings")->type.element_kind, TypeKind::enumeration);
  EXPECT_EQ(read.find_column("feelings")->type.enum_name, "mood");
  EXPECT_EQ(read.find_column("names")->type.element_kind, TypeKind::string);
  EXPECT_EQ(read.find_column("names")->type.max_length, 30);
}

TEST_F(PostgresCreateIntrospectTest, TextJsonbAndIntervalReadBackAsThemselves) {
  connection().execute(
      "CREATE TABLE notes (body text NOT NULL, title varchar, extra jsonb, doc json, wait interval, "
      "tags text[])");
  Schema actual = introspected();
  ASSERT_EQ(actual.tables.size(), 1u);
  const Table& notes = actual.tables[0];
  EXPECT_EQ(notes.find_column("body")->type, type_of(TypeKind::text));
  EXPECT_FALSE(notes.find_column("body")->nullable);
  EXPECT_EQ(notes.find_column("title")->type, string_of(std::nullopt));
  EXPECT_EQ(notes.find_column("extra")->type, type_of(TypeKind::jsonb));
  EXPECT_EQ(notes.find_column("doc")->type, type_of(TypeKind::json));
  EXPECT_EQ(notes.find_column("wait")->type, type_of(TypeKind::interval));
  EXPECT_EQ(format_type(notes.find_column("tags")->type), "array(text)");
}

TEST_F(PostgresCreateIntrospectTest, GeneratedColumnsReadBackWithTheirExpression) {
  connection().execute(
      "CREATE TABLE pages (body text, search tsvector GENERATED ALWAYS AS "
      "(to_tsvector('english', body)) STORED, size integer GENERATED ALWAYS AS (length(body)) STORED)");
  Schema actual = introspected();
  const Table& pages = actual.tables.at(0);
  EXPECT_EQ(pages.find_column("size")->generated, "length(body)");
  EXPECT_EQ(pages.find_column("size")->server_default, std::nullopt);
  EXPECT_EQ(format_type(pages.find_column("search")->type), "custom; postgresql: tsvector");
  ASSERT_TRUE(pages.find_column("search")->generated);
  // The model writes what a person writes; both sides normalise to the same text.
  EXPECT_EQ(*pages.find_column("search")->generated, normalize_sql_expression("to_tsvector('english', body)"));
}

TEST_F(PostgresCreateIntrospectTest, IdentityAndSerialColumnsAreAutoincrement) {
  connection().execute(
      "CREATE TABLE counters (a BIGINT GENERATED ALWAYS AS IDENTITY, "
      "b INTEGER GENERATED BY DEFAULT AS IDENTITY, c SERIAL, d INTEGER DEFAULT 7)");
  Schema actual = introspected();
  const Table& table = actual.tables.at(0);
  for (const char* name : {"a", "b", "c"}) {
    SCOPED_TRACE(name);
    EXPECT_TRUE(table.find_column(name)->autoincrement);
    // The sequence behind an identity or serial column is not a server default.
    EXPECT_EQ(table.find_column(name)->server_default, std::nullopt);
  }
  EXPECT_FALSE(table.find_column("d")->autoincrement);
  EXPECT_EQ(table.find_column("d")->server_default, "7");
}

TEST_F(PostgresCreateIntrospectTest, ServerDefaultsReadBackNormalised) {
  Column created = column_of("created", type_of(TypeKind::datetime), false);
  created.type.with_timezone = true;
  created.server_default = "CURRENT_TIMESTAMP";
  Column label = column_of("label", string_of(10), false);
  label.server_default = "'it''s'";
  Column lowered = column_of("lowered", string_of(std::nullopt));
  lowered.server_default = "lower('ABC')";
  Column flag = column_of("flag", type_of(TypeKind::boolean), false);
  flag.server_default = "false";
  expect_round_trip(schema_of({table_with_id("defaults", {created, label, lowered, flag})}));
}

// Composite keys keep their column order, and each foreign key pairs its columns with the
// referred columns in key order even when that differs from the tables' column order.
TEST_F(PostgresCreateIntrospectTest, CompositeKeysKeepTheirColumnOrder) {
  Table parent;
  parent.name = "parent";
  parent.columns = {column_of("x", type_of(TypeKind::int32), false),
                    column_of("y", string_of(5), false)};
  parent.primary_key = PrimaryKey{naming::primary_key("parent"), {"y", "x"}};

  Table child = table_with_id("child", {column_of("px", type_of(TypeKind::int32)),
                                        column_of("py", string_of(5))});
  ForeignKey key;
  key.columns = {"py", "px"};
  key.name = naming::foreign_key("child", key.columns, "parent");
  key.referred_table = "parent";
  key.referred_columns = {"y", "x"};
  child.foreign_keys.push_back(key);
  child.unique_constraints.push_back(
      UniqueConstraint{naming::unique("child", {"py", "px"}), {"py", "px"}, {}});
  expect_round_trip(schema_of({parent, child}));
}

TEST_F(PostgresCreateIntrospectTest, EveryReferentialActionReadsBack) {
  const std::vector<ReferentialAction> actions = {
      ReferentialAction::no_action, ReferentialAction::restrict, ReferentialAction::cascade,
      ReferentialAction::set_null, ReferentialAction::set_default};
  Table target = table_with_id("target");
  Table source = table_with_id("source");
  for (std::size_t i = 0; i < actions.size(); ++i) {
    std::string column = "ref_" + std::string(to_string(actions[i]));
    source.columns.push_back(column_of(column, type_of(TypeKind::int64)));
    ForeignKey key;
    key.columns = {column};
    key.name = naming::foreign_key("source", key.columns, "target");
    key.referred_table = "target";
    key.referred_columns = {"id"};
    key.on_delete = actions[i];
    key.on_update = actions[actions.size() - 1 - i];
    source.foreign_keys.push_back(key);
  }
  expect_round_trip(schema_of({target, source}));
}

TEST_F(PostgresCreateIntrospectTest, ChecksAndIndexesOfEveryKindReadBack) {
  Table table = table_with_id(
      "events", {column_of("kind", string_of(20), false), column_of("at", type_of(TypeKind::date)),
                 column_of("score", type_of(TypeKind::int32), false),
                 column_of("labels", array_of(string_of(10)))});
  table.check_constraints.push_back(
      CheckConstraint{naming::check("events", "score_range"), "score BETWEEN 0 AND 100", {}});
  table.check_constraints.push_back(
      CheckConstraint{naming::check("events", "kind_known"), "kind IN ('a', 'b')", {}});

  Index composite{naming::index("events", {"score", "kind"}), {"score", "kind"}, false, {}, {}, {}};
  Index unique{naming::index("events", {"kind", "at"}), {"kind", "at"}, true, {}, {}, {}};
  Index partial{naming::index("events", {"at"}), {"at"}, false, "score > 50", {}, {}};
  Index hashed{naming::index("events", {"kind"}), {"kind"}, false, {}, "hash", {}};
  Index gin{naming::index("events", {"labels"}), {"labels"}, false, {}, "gin", {}};
  table.indexes = {composite, unique, partial, hashed, gin};
  expect_round_trip(schema_of({table}));

  // A UNIQUE index is an index, a UNIQUE constraint is a constraint: neither turns into the other.
  Schema actual = introspected();
  EXPECT_TRUE(actual.tables.at(0).unique_constraints.empty());
  EXPECT_EQ(actual.tables.at(0).indexes.size(), 5u);
}

TEST_F(PostgresCreateIntrospectTest, ExplicitBtreeMethodIsTheDefault) {
  Table table = table_with_id("things", {column_of("name", string_of(10))});
  table.indexes.push_back(Index{naming::index("things", {"name"}), {"name"}, false, {}, "btree", {}});
  create_all(schema_of({table}));
  Schema actual = introspected();
  ASSERT_EQ(actual.tables.at(0).indexes.size(), 1u);
  EXPECT_EQ(actual.tables.at(0).indexes[0].method, std::nullopt);
  EXPECT_EQ(write_snapshot(expected_database(schema_of({table}))), write_snapshot(actual));
}

TEST_F(PostgresCreateIntrospectTest, EnumValuesKeepTheirOrderIncludingAddedValues) {
  Column level = column_of("level", type_of(TypeKind::enumeration), false);
  level.type.enum_name = "level";
  expect_round_trip(
      schema_of({table_with_id("logs", {level})}, {EnumType{"level", {"warn", "error", "debug"}, {}}}));

  // A value added later in the middle gets a fractional sort order, not the last position.
  connection().execute("ALTER TYPE level ADD VALUE 'info' BEFORE 'warn'");
  Schema actual = introspected();
  ASSERT_EQ(actual.enums.size(), 1u);
  EXPECT_EQ(actual.enums[0].values, (std::vector<std::string>{"info", "warn", "error", "debug"}));
}

TEST_F(PostgresCreateIntrospectTest, CommentsReadBack) {
  Table table = table_with_id("documented", {column_of("body", string_of(std::nullopt))});
  table.comment = "Holds 'quoted' text";
  table.columns[1].comment = "The text itself";
  expect_round_trip(schema_of({table}));
}

TEST_F(PostgresCreateIntrospectTest, OnlyTheCurrentSchemaIsRead) {
  const std::string other = naming::fit_identifier(schema_name() + "_other");
  connection().execute("CREATE SCHEMA " + pg_quote(other) + "; CREATE TABLE " + pg_quote(other) +
                       ".elsewhere (id integer PRIMARY KEY); CREATE TYPE " + pg_quote(other) +
                       ".elsewhere_enum AS ENUM ('a')");
  try {
    create_all(schema_of({table_with_id("here")}));
    Schema actual = introspected();
    ASSERT_EQ(actual.tables.size(), 1u);
    EXPECT_EQ(actual.tables[0].name, "here");
    EXPECT_TRUE(actual.enums.empty());
  } catch (...) {
    connection().execute("DROP SCHEMA " + pg_quote(other) + " CASCADE");
    throw;
  }
  connection().execute("DROP SCHEMA " + pg_quote(other) + " CASCADE");
}

TEST_F(PostgresCreateIntrospectTest, RunnerVersionTableIsSkipped) {
  connection().execute(
      "CREATE TABLE sqlmodel_version (revision varchar(64) PRIMARY KEY, checksum text)");
  create_all(schema_of({table_with_id("kept")}));
  for (const Schema& actual : {introspect_postgres(connection()), introspected()}) {
    ASSERT_EQ(actual.tables.size(), 1u);
    EXPECT_EQ(actual.tables[0].name, "kept");
  }
}

TEST_F(PostgresCreateIntrospectTest, TypesTheModelHasNoKindForAreCarriedVerbatim) {
  connection().execute(
      "CREATE TABLE shapes (id integer PRIMARY KEY, \"Centre\" point, address inet, "
      "stamp timestamp(3) with time zone, pairs point[])");
  const Schema actual = introspected();
  const Table& shapes = actual.tables.at(0);
  EXPECT_EQ(format_type(shapes.find_column("Centre")->type), "custom; postgresql: point");
  EXPECT_EQ(format_type(shapes.find_column("address")->type), "custom; postgresql: inet");
  EXPECT_EQ(format_type(shapes.find_column("stamp")->type), "custom; postgresql: timestamp(3) with time zone");
  EXPECT_EQ(format_type(shapes.find_column("pairs")->type), "custom; postgresql: point[]");
}

TEST_F(PostgresCreateIntrospectTest, ExpressionIndexIsAnErrorNamingTheIndex) {
  connection().execute(
      "CREATE TABLE people (id integer PRIMARY KEY, name varchar); "
      "CREATE INDEX ix_people_lower_name ON people (lower(name))");
  try {
    introspected();
    FAIL() << "introspection accepted an expression index";
  } catch (const DatabaseError& error) {
    EXPECT_NE(std::string(error.what()).find("\"ix_people_lower_name\""), std::string::npos)
        << error.what();
  }
}

TEST_F(PostgresCreateIntrospectTest, NoCurrentSchemaIsAClearError) {
  connection().execute("SET search_path TO no_such_schema_anywhere");
  try {
    introspect_postgres(connection());
    FAIL() << "introspection ran without a current schema";
  } catch (const DatabaseError& error) {
    EXPECT_NE(std::string(error.what()).find("search_path"), std::string::npos) << error.what();
  }
}

// One catalog query per kind of object: the count is the same for 1 table and for 30.
TEST_F(PostgresCreateIntrospectTest, CatalogQueryCountDoesNotGrowWithTables) {
  auto queries_to_introspect = [&] {
    auto before = connection().round_trips();
    Schema schema = introspect_postgres(connection());
    return std::pair{connection().round_trips() - before, schema.tables.size()};
  };
  auto numbered = [](int i) { return "t" + std::to_string(i); };

  create_all(schema_of({table_with_id(numbered(0), {column_of("v", string_of(5))})}));
  auto [few_queries, few_tables] = queries_to_introspect();
  ASSERT_EQ(few_tables, 1u);

  std::vector<Table> tables;
  for (int i = 1; i < 30; ++i) {
    Table table = table_with_id(numbered(i), {column_of("parent_id", type_of(TypeKind::int64))});
    ForeignKey key;
    key.columns = {"parent_id"};
    key.name = naming::foreign_key(table.name, key.columns, numbered(i - 1));
    key.referred_table = numbered(i - 1);
    key.referred_columns = {"id"};
    table.foreign_keys.push_back(key);
    table.indexes.push_back(
        Index{naming::index(table.name, {"parent_id"}), {"parent_id"}, false, {}, {}, {}});
    tables.push_back(std::move(table));
  }
  create_all(schema_of(std::move(tables)));
  auto [many_queries, many_tables] = queries_to_introspect();
  ASSERT_EQ(many_tables, 30u);
  EXPECT_EQ(many_queries, few_queries);
  // current_schema() plus tables, columns, constraints, indexes, enums.
  EXPECT_EQ(few_queries, 6u);
}

}  // namespace
}  // namespace sqlmodel::testing
