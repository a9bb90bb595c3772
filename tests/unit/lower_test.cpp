#include "schema/lower.hpp"
#include "schema/sql_expression.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <ostream>
#include <stdexcept>

#include "support/every_feature_schema.hpp"
#include "unit/ddl_test_helpers.hpp"

namespace sqlmodel::schema {
namespace {

using namespace sqlmodel::testing::ddl;

Schema schema_with_status_enum() {
  Schema schema;
  Table tasks = table_with_id("tasks", {column("status", enum_of("taskstatus")),
                                        column("statuses", array_of(enum_of("taskstatus")), true)});
  tasks.comment = "Work items";
  tasks.columns[1].comment = "Where the task is";
  Index index;
  index.name = "ix_tasks_status";
  index.columns = {"status"};
  index.method = "hash";
  tasks.indexes.push_back(index);
  schema.tables.push_back(tasks);
  schema.enums.push_back(EnumType{"taskstatus", {"draft", "in_review", "done"}, {}});
  return schema;
}

TEST(LowerForSqlite, EnumBecomesVarcharOfLongestValueWithNamedCheck) {
  Schema lowered = lower_for_dialect(schema_with_status_enum(), Dialect::sqlite);
  const Table& tasks = lowered.tables.at(0);
  EXPECT_EQ(tasks.find_column("status")->type, varchar(9));  // "in_review"
  ASSERT_EQ(tasks.check_constraints.size(), 1u);
  EXPECT_EQ(tasks.check_constraints[0].name, "ck_tasks_status_enum");
  EXPECT_EQ(tasks.check_constraints[0].expression, "\"status\" IN ('draft', 'in_review', 'done')");
  EXPECT_TRUE(lowered.enums.empty());
}

TEST(LowerForSqlite, EnumLengthCountsCharactersNotBytes) {
  Schema schema;
  schema.tables.push_back(table_with_id("t", {column("mood", enum_of("mood"))}));
  schema.enums.push_back(EnumType{"mood", {"heureux", "fâché"}, {}});
  schema.enums[0].values.push_back("très fâché");  // 10 characters, 12 bytes
  Schema lowered = lower_for_dialect(schema, Dialect::sqlite);
  EXPECT_EQ(lowered.tables[0].find_column("mood")->type, varchar(10));
}

TEST(LowerForSqlite, ArraysBecomeJsonEvenOfEnums) {
  Schema lowered = lower_for_dialect(schema_with_status_enum(), Dialect::sqlite);
  EXPECT_EQ(lowered.tables[0].find_column("statuses")->type, type_of(TypeKind::json));
  // No CHECK for the array: JSON text is not one enum value.
  EXPECT_EQ(lowered.tables[0].check_constraints.size(), 1u);
}

ColumnType spelled(ColumnType type, std::optional<std::string> postgresql,
                   std::optional<std::string> sqlite = std::nullopt) {
  type.postgresql_type = std::move(postgresql);
  type.sqlite_type = std::move(sqlite);
  return type;
}

ColumnType custom(Dialect dialect, std::string spelling) {
  ColumnType type = type_of(TypeKind::custom);
  (dialect == Dialect::sqlite ? type.sqlite_type : type.postgresql_type) = std::move(spelling);
  return type;
}

TEST(LowerForSqlite, JsonbAndIntervalBecomeWhatSqliteHolds) {
  Schema schema;
  schema.tables.push_back(table_with_id("t", {column("doc", type_of(TypeKind::jsonb)),
                                              column("wait", type_of(TypeKind::interval)),
                                              column("body", type_of(TypeKind::text))}));
  Schema lowered = lower_for_dialect(schema, Dialect::sqlite);
  EXPECT_EQ(lowered.tables[0].find_column("doc")->type, type_of(TypeKind::json));
  EXPECT_EQ(lowered.tables[0].find_column("wait")->type, type_of(TypeKind::datetime));
  EXPECT_EQ(lowered.tables[0].find_column("body")->type, type_of(TypeKind::text));
  Schema postgres = lower_for_dialect(schema, Dialect::postgresql);
  EXPECT_EQ(postgres.tables[0].find_column("doc")->type, type_of(TypeKind::jsonb));
  EXPECT_EQ(postgres.tables[0].find_column("wait")->type, type_of(TypeKind::interval));
}

TEST(Lower, DialectSpellingsBecomeWhatIntrospectionReads) {
  Schema schema;
  schema.tables.push_back(table_with_id(
      "docs", {column("search", spelled(varchar(), "TSVECTOR")),
               column("shape", spelled(varchar(), "geometry( Point, 4326 )", "BLOB")),
               column("code", spelled(varchar(), "varchar(12)", "CHAR(12)")),
               column("tags", spelled(varchar(), "int4[]")),
               column("email", spelled(varchar(), "citext", "TEXT COLLATE NOCASE"))}));
  const Table postgres = lower_for_dialect(schema, Dialect::postgresql).tables[0];
  EXPECT_EQ(postgres.find_column("search")->type, custom(Dialect::postgresql, "tsvector"));
  EXPECT_EQ(postgres.find_column("shape")->type, custom(Dialect::postgresql, "geometry(Point,4326)"));
  // A spelling of a type the model knows is that type: introspection reads it so.
  EXPECT_EQ(postgres.find_column("code")->type, varchar(12));
  EXPECT_EQ(postgres.find_column("tags")->type, array_of(type_of(TypeKind::int32)));
  EXPECT_EQ(postgres.find_column("email")->type, custom(Dialect::postgresql, "citext"));

  const Table sqlite = lower_for_dialect(schema, Dialect::sqlite).tables[0];
  // No SQLite spelling: the neutral type.
  EXPECT_EQ(sqlite.find_column("search")->type, varchar());
  EXPECT_EQ(sqlite.find_column("shape")->type, type_of(TypeKind::blob));
  EXPECT_EQ(sqlite.find_column("code")->type, custom(Dialect::sqlite, "CHAR(12)"));
  EXPECT_EQ(sqlite.find_column("email")->type, custom(Dialect::sqlite, "TEXT COLLATE NOCASE"));
}

TEST(Lower, CustomTypeWithoutTheDialectsSpellingIsAnError) {
  Schema schema;
  schema.tables.push_back(table_with_id("docs", {column("search", custom(Dialect::postgresql, "tsvector"))}));
  EXPECT_NO_THROW(lower_for_dialect(schema, Dialect::postgresql));
  try {
    lower_for_dialect(schema, Dialect::sqlite);
    FAIL() << "lowered a type SQLite has no spelling for";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("table \"docs\", column \"search\""), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find(".sqlite_type"), std::string::npos) << error.what();
  }
}

TEST(Lower, SqliteAutoincrementNeedsTheRowidKeyAndIsSqliteOnly) {
  Schema schema;
  schema.tables.push_back(table_with_id("events"));
  schema.tables[0].sqlite_autoincrement = true;
  EXPECT_TRUE(lower_for_dialect(schema, Dialect::sqlite).tables[0].sqlite_autoincrement);
  EXPECT_FALSE(lower_for_dialect(schema, Dialect::postgresql).tables[0].sqlite_autoincrement);
  schema.tables[0].columns[0].autoincrement = false;
  EXPECT_THROW(lower_for_dialect(schema, Dialect::sqlite), std::invalid_argument);
}

TEST(LowerForSqlite, DropsCommentsAndIndexMethods) {
  Schema lowered = lower_for_dialect(schema_with_status_enum(), Dialect::sqlite);
  const Table& tasks = lowered.tables[0];
  EXPECT_FALSE(tasks.comment);
  EXPECT_FALSE(tasks.find_column("status")->comment);
  EXPECT_FALSE(tasks.indexes[0].method);
}

TEST(LowerForSqlite, AutoincrementIntegerPrimaryKeyBecomesInt64Rowid) {
  Schema schema;
  Table table = table_with_id("counters");
  table.columns[0] = id_column(TypeKind::int32);
  schema.tables.push_back(table);
  Schema lowered = lower_for_dialect(schema, Dialect::sqlite);
  const Column& id = lowered.tables[0].columns[0];
  EXPECT_EQ(id.type, type_of(TypeKind::int64));
  EXPECT_TRUE(id.autoincrement);
}

TEST(LowerForSqlite, AutoincrementOutsideASingleColumnPrimaryKeyIsAnError) {
  Schema schema;
  Table table = table_with_id("pairs", {column("other", type_of(TypeKind::int64))});
  table.primary_key->columns = {"id", "other"};
  schema.tables.push_back(table);
  try {
    lower_for_dialect(schema, Dialect::sqlite);
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("table \"pairs\", column \"id\""), std::string::npos)
        << error.what();
  }
  // PostgreSQL can make any integer column an identity.
  EXPECT_NO_THROW(lower_for_dialect(schema, Dialect::postgresql));
}

TEST(LowerForSqlite, AutoincrementInATableWithoutPrimaryKeyIsPlainInteger) {
  // The state between dropping and re-adding a primary key during a migration.
  Schema schema;
  Table table = table_with_id("workspaces");
  table.primary_key.reset();
  schema.tables.push_back(table);
  Schema lowered = lower_for_dialect(schema, Dialect::sqlite);
  const Column& id = lowered.tables[0].columns[0];
  EXPECT_FALSE(id.autoincrement);
  EXPECT_EQ(id.type, table.columns[0].type);
  EXPECT_TRUE(lower_for_dialect(schema, Dialect::postgresql).tables[0].columns[0].autoincrement);
}

TEST(Lower, AutoincrementNeedsAnIntegerType) {
  Schema schema;
  Table table = table_with_id("codes");
  table.columns[0].type = varchar(10);
  schema.tables.push_back(table);
  EXPECT_THROW(lower_for_dialect(schema, Dialect::sqlite), std::invalid_argument);
  EXPECT_THROW(lower_for_dialect(schema, Dialect::postgresql), std::invalid_argument);
}

TEST(LowerForSqlite, UnknownEnumIsAnErrorNamingTheColumn) {
  Schema schema;
  schema.tables.push_back(table_with_id("t", {column("state", enum_of("nowhere"))}));
  try {
    lower_for_dialect(schema, Dialect::sqlite);
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("column \"state\": enum \"nowhere\""), std::string::npos)
        << error.what();
  }
}

TEST(LowerForPostgres, UnknownEnumIsAnErrorEvenInsideAnArray) {
  Schema schema;
  schema.tables.push_back(table_with_id("t", {column("states", array_of(enum_of("nowhere")))}));
  EXPECT_THROW(lower_for_dialect(schema, Dialect::postgresql), std::invalid_argument);
}

TEST(LowerForPostgres, ExplicitBtreeIsTheDefaultMethod) {
  Schema schema = schema_with_status_enum();
  schema.tables[0].indexes[0].method = "btree";
  EXPECT_FALSE(lower_for_dialect(schema, Dialect::postgresql).tables[0].indexes[0].method);
}

TEST(LowerForSqlite, CheckNameTakenByAnotherConstraintIsAnError) {
  Schema schema = schema_with_status_enum();
  schema.tables[0].check_constraints.push_back({"ck_tasks_status_enum", "1 = 1", {}});
  EXPECT_THROW(lower_for_dialect(schema, Dialect::sqlite), std::invalid_argument);
}

TEST(Lower, PrimaryKeyColumnsAreNotNull) {
  Schema schema;
  Table table;
  table.name = "pairs";
  table.columns = {column("a", type_of(TypeKind::int32), true), column("b", varchar(), true)};
  table.primary_key = PrimaryKey{"pk_pairs", {"a", "b"}};
  schema.tables.push_back(table);
  for (Dialect dialect : {Dialect::sqlite, Dialect::postgresql}) {
    Schema lowered = lower_for_dialect(schema, dialect);
    EXPECT_FALSE(lowered.tables[0].columns[0].nullable);
    EXPECT_FALSE(lowered.tables[0].columns[1].nullable);
  }
}

TEST(LowerForPostgres, KeepsEnumsArraysCommentsAndMethods) {
  Schema schema = schema_with_status_enum();
  Schema lowered = lower_for_dialect(schema, Dialect::postgresql);
  EXPECT_EQ(lowered, schema);
}

TEST(LowerForPostgres, IdentityColumnIsNotNull) {
  Schema schema;
  Table table;
  table.name = "events";
  Column sequence_number = column("sequence_number", type_of(TypeKind::int64), true);
  sequence_number.autoincrement = true;
  table.columns.push_back(sequence_number);
  schema.tables.push_back(table);
  EXPECT_FALSE(lower_for_dialect(schema, Dialect::postgresql).tables[0].columns[0].nullable);
}

TEST(DatabaseView, KeepsOnlyWhatADatabaseHolds) {
  Schema view = database_view(sqlmodel::testing::every_feature_schema());
  for (const auto& table : view.tables) {
    EXPECT_TRUE(table.relationships.empty()) << table.name;
    EXPECT_TRUE(table.source.empty()) << table.name;
    EXPECT_FALSE(table.renamed_from) << table.name;
    for (const auto& column : table.columns) {
      EXPECT_FALSE(column.default_value) << table.name << "." << column.name;
      EXPECT_FALSE(column.renamed_from) << table.name << "." << column.name;
      EXPECT_TRUE(column.source.empty()) << table.name << "." << column.name;
    }
    for (const auto& key : table.foreign_keys) EXPECT_TRUE(key.source.empty()) << key.name;
    for (const auto& index : table.indexes) EXPECT_TRUE(index.source.empty()) << index.name;
  }
  // Server defaults and comments are the database's: they stay.
  EXPECT_EQ(view.find_table("users")->find_column("created_at")->server_default, "CURRENT_TIMESTAMP");
  EXPECT_EQ(view.find_table("users")->comment, "People who sign in");
  for (const auto& type : view.enums) EXPECT_TRUE(type.source.empty());
}

TEST(DatabaseView, SortsCanonically) {
  Schema schema;
  schema.tables.push_back(table_with_id("zebras"));
  schema.tables.push_back(table_with_id("apes"));
  schema.tables[0].check_constraints = {{"ck_b", "1 = 1", {}}, {"ck_a", "2 = 2", {}}};
  Schema view = database_view(schema);
  EXPECT_EQ(view.tables[0].name, "apes");
  EXPECT_EQ(view.tables[1].check_constraints[0].name, "ck_a");
}

// Pairs of (as written in a model, as PostgreSQL 15 echoed it back through pg_get_expr /
// pg_get_constraintdef without the CHECK keyword). Recorded from a real server for columns
// n, m INTEGER, p NUMERIC(10,2), name VARCHAR(20), tx TEXT, st an enum "taskstatus",
// b BOOLEAN, d DATE, ts TIMESTAMP, tags VARCHAR(20)[], j JSONB.
struct Echo {
  const char* written;
  const char* echoed;
};

// Test names show both expressions, in characters a test name can hold.
void PrintTo(const Echo& echo, std::ostream* out) {
  auto print = [out](const char* text) {
    for (const char* c = text; *c != '\0'; ++c)
      *out << (std::isalnum(static_cast<unsigned char>(*c)) ? *c : '_');
  };
  print(echo.written);
  *out << "__vs__";
  print(echo.echoed);
}

class NormalizeCatalogEcho : public ::testing::TestWithParam<Echo> {};

TEST_P(NormalizeCatalogEcho, WrittenAndEchoedCompareEqual) {
  EXPECT_EQ(normalize_sql_expression(GetParam().written), normalize_sql_expression(GetParam().echoed))
      << "written: " << GetParam().written << "\nechoed:  " << GetParam().echoed;
}

INSTANTIATE_TEST_SUITE_P(
    Postgres15, NormalizeCatalogEcho,
    ::testing::Values(
        Echo{"n >= 0", "(n >= 0)"},
        Echo{"p >= 0", "(p >= (0)::numeric)"},
        Echo{"p > 0.5", "(p > 0.5)"},
        Echo{"NOT (n = 3)", "(NOT (n = 3))"},
        Echo{"n <> 4 AND n != 5", "((n <> 4) AND (n <> 5))"},
        Echo{"\"name\" <> '' AND (n + 1) * 2 > 0",
             "(((name)::text <> ''::text) AND (((n + 1) * 2) > 0))"},
        Echo{"st <> 'done'", "(st <> 'done'::taskstatus)"},
        Echo{"name IN ('a','b')",
             "((name)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))"},
        Echo{"tx IN ('a', 'b')", "(tx = ANY (ARRAY['a'::text, 'b'::text]))"},
        Echo{"n IN (1,2)", "(n = ANY (ARRAY[1, 2]))"},
        Echo{"n NOT IN (7,8)", "(n <> ALL (ARRAY[7, 8]))"},
        Echo{"n > 0 AND n < 10 OR n IS NULL", "(((n > 0) AND (n < 10)) OR (n IS NULL))"},
        Echo{"n IS NOT NULL OR p IS NULL", "((n IS NOT NULL) OR (p IS NULL))"},
        Echo{"length(name) > 0", "(length((name)::text) > 0)"},
        Echo{"char_length(tx) <= 10", "(char_length(tx) <= 10)"},
        Echo{"coalesce(n, 0) >= -5", "(COALESCE(n, 0) >= '-5'::integer)"},
        Echo{"n - -1 > 0", "((n - '-1'::integer) > 0)"},
        Echo{"name LIKE 'a%'", "((name)::text ~~ 'a%'::text)"},
        Echo{"tx ILIKE 'a%' OR tx NOT LIKE 'b%'", "((tx ~~* 'a%'::text) OR (tx !~~ 'b%'::text))"},
        Echo{"name ~ '^[a-z]+$'", "((name)::text ~ '^[a-z]+$'::text)"},
        Echo{"n BETWEEN 1 AND 5", "((n >= 1) AND (n <= 5))"},
        Echo{"CASE WHEN n > 0 THEN TRUE ELSE FALSE END",
             "\nCASE\n    WHEN (n > 0) THEN true\n    ELSE false\nEND"},
        Echo{"b = TRUE", "(b = true)"},
        Echo{"deleted_at IS NULL", "(deleted_at IS NULL)"},
        Echo{"n IS NOT DISTINCT FROM m", "(NOT (n IS DISTINCT FROM m))"},
        Echo{"b IS TRUE", "(b IS TRUE)"},
        Echo{"NOT b", "(NOT b)"},
        Echo{"name NOT IN ('x','y')",
             "((name)::text <> ALL ((ARRAY['x'::character varying, 'y'::character varying])::text[]))"},
        Echo{"tx || name <> 'ab'", "(((tx || (name)::text) <> 'ab'::text))"},
        Echo{"abs(n) % 2 = 0", "(((abs(n) % 2) = 0))"},
        Echo{"ts > now() - interval '1 day'", "(ts > (now() - '1 day'::interval))"},
        Echo{"extract(year from d) > 2000", "(EXTRACT(year FROM d) > (2000)::numeric)"},
        Echo{"d > DATE '2020-01-01'", "(d > '2020-01-01'::date)"},
        Echo{"p * 2 >= 1.5 AND -n < 0", "(((p * (2)::numeric) >= 1.5) AND ((- n) < 0))"},
        Echo{"array_length(tags, 1) < 5", "(array_length(tags, 1) < 5)"},
        Echo{"j ? 'k'", "(j ? 'k'::text)"},
        Echo{"n NOT BETWEEN 1 AND 5", "(((n < 1) OR (n > 5)))"},
        Echo{"name SIMILAR TO 'a%'", "(((name)::text ~ similar_to_escape('a%'::text)))"},
        Echo{"n IS NULL OR (n > 0 AND (m > 0 OR m IS NULL))",
             "(((n IS NULL) OR ((n > 0) AND ((m > 0) OR (m IS NULL)))))"},
        Echo{"lower(name) = name COLLATE \"C\"", "((lower((name)::text) = ((name)::text COLLATE \"C\")))"},
        Echo{"p > -1.5", "(p > '-1.5'::numeric)"},
        Echo{"n::text <> ''", "(((n)::text <> ''::text))"},
        // Column defaults (pg_get_expr of pg_attrdef.adbin).
        Echo{"'x'", "'x'::character varying"},
        Echo{"'y'", "'y'::text"},
        Echo{"'draft'", "'draft'::taskstatus"},
        Echo{"-1", "'-1'::integer"},
        Echo{"0", "0"},
        Echo{"1.5", "1.5"},
        Echo{"TRUE", "true"},
        Echo{"CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"},
        Echo{"current_date", "CURRENT_DATE"},
        Echo{"now()", "now()"},
        Echo{"(now() AT TIME ZONE 'utc')", "(now() AT TIME ZONE 'utc'::text)"},
        Echo{"'{}'", "'{}'::json"},
        Echo{"'{}'", "'{}'::character varying[]"},
        Echo{"gen_random_uuid()", "gen_random_uuid()"},
        Echo{"LOWER('X')", "lower('X'::text)"}));

// SQLite echoes the CREATE TABLE text as written, but PRAGMA table_info drops the parentheses
// around a DEFAULT expression.
INSTANTIATE_TEST_SUITE_P(
    Sqlite, NormalizeCatalogEcho,
    ::testing::Values(Echo{"(lower('X'))", "lower('X')"}, Echo{"(1+2)", "1+2"},
                      Echo{"\"status\" IN ('draft', 'active')", "\"status\" IN ('draft','active')"}));

TEST(NormalizeSqlExpression, KeepsWhatChangesTheMeaning) {
  // now() and CURRENT_TIMESTAMP are different expressions (and PostgreSQL keeps them apart).
  EXPECT_NE(normalize_sql_expression("CURRENT_TIMESTAMP"), normalize_sql_expression("now()"));
  EXPECT_NE(normalize_sql_expression("'X'"), normalize_sql_expression("'x'"));
  EXPECT_NE(normalize_sql_expression("\"Order\" > 0"), normalize_sql_expression("order_ > 0"));
  EXPECT_NE(normalize_sql_expression("\"Price\" > 0"), normalize_sql_expression("price > 0"));
  EXPECT_NE(normalize_sql_expression("(a + b) * c"), normalize_sql_expression("a + b * c"));
  EXPECT_NE(normalize_sql_expression("a - (b - c)"), normalize_sql_expression("a - b - c"));
  EXPECT_NE(normalize_sql_expression("a AND (b OR c)"), normalize_sql_expression("a AND b OR c"));
  EXPECT_NE(normalize_sql_expression("n IN (1, 2)"), normalize_sql_expression("n IN (2, 1)"));
}

TEST(NormalizeSqlExpression, CanonicalSpelling) {
  EXPECT_EQ(normalize_sql_expression("  Price   >=\n 0 "), "price >= 0");
  EXPECT_EQ(normalize_sql_expression("((a > 0))"), "a > 0");
  EXPECT_EQ(normalize_sql_expression("\"price\" > 0"), "price > 0");
  EXPECT_EQ(normalize_sql_expression("\"select\" >= 0"), "\"select\" >= 0");
  EXPECT_EQ(normalize_sql_expression("\"we\"\"ird\" = 'it''s'"), "\"we\"\"ird\" = 'it''s'");
  EXPECT_EQ(normalize_sql_expression("\"$x\" > a$b"), "\"$x\" > a$b");
  EXPECT_EQ(normalize_sql_expression("COALESCE(A, 'Keep Case')"), "coalesce(a, 'Keep Case')");
  EXPECT_EQ(normalize_sql_expression("CAST(n AS BIGINT) > 0"), "n > 0");
  EXPECT_EQ(normalize_sql_expression("x::timestamp with time zone"), "x");
  EXPECT_EQ(normalize_sql_expression("a BETWEEN 1 AND 2 AND b"), "a >= 1 and a <= 2 and b");
  EXPECT_EQ(normalize_sql_expression("NOT a BETWEEN 1 AND 2"), "not (a >= 1 and a <= 2)");
  EXPECT_EQ(normalize_sql_expression("tags[1] = 'x'"), "tags[1] = 'x'");
}

TEST(NormalizeSqlExpression, UnparseableTextStillFoldsWhitespaceCaseAndCasts) {
  EXPECT_EQ(normalize_sql_expression("EXISTS (SELECT 1 FROM T   WHERE x = 'A'::text)"),
            normalize_sql_expression("exists (select 1 from t where x = 'A')"));
  EXPECT_EQ(normalize_sql_expression(""), "");
  EXPECT_EQ(normalize_sql_expression(" 'unterminated "), "'unterminated");
}

// Inputs found by fuzz_sql_expression. A number lexes on through dots and letters, so the
// fallback may not glue a dot to one ("a. 0" glued is "a.0": a, then the number .0); and "(a,)"
// is no row (printed as "(a)", it would read back as plain a); and a text that parses only once
// its casts are dropped is spelled as the parser spells it.
TEST(NormalizeSqlExpression, NestedSignsStaySigns) {
  // Glued, "- -x" would be "--x": a comment, which reads back as nothing.
  EXPECT_EQ(normalize_sql_expression("- -x"), "- -x");
  EXPECT_EQ(normalize_sql_expression("-(-5)"), "- -5");
  EXPECT_EQ(normalize_sql_expression("-x"), "-x");
}

TEST(NormalizeSqlExpression, UnparseableTextNormalisesIdempotently) {
  for (const char* text : {"~| a. 0", "~| a . 5", "~| 1 . x", "~| 1. x", "~| 1. 5", "~| a.b . c",
                           "(p!ikege.~|enowem(f~>=kege. 0)", "(a ~ b,)", "(p!o\xe8" "el~\xff\xff,)",
                           "ln1ow1++\x8f\x9ftity-::\x8f\x8f++\x8f\x9ftity-::\x8f ET ",
                           "-::ty-::\x8f ty-::\x8f ET ", "- -x", "- - 5", "+ -x", "- +x", "NOT-NOT-::t * ", "- *",
                           "\"$n$\" d\x9b" "d$n$\" d\x9b" "d\x9b\x93" "n\x9b\x93" "n$\" dd\x93-"}) {
    const std::string once = normalize_sql_expression(text);
    EXPECT_EQ(normalize_sql_expression(once), once) << text;
  }
  EXPECT_EQ(normalize_sql_expression("~| t . c"), "~| t.c");
}

TEST(NormalizeSqlExpression, MalformedOrDeepInputNeverCrashes) {
  for (const char* text : {")(", "a +", "CASE", "CASE WHEN", "'", "\"", "::", "ARRAY[", "1 IN", "x IS",
                           "NOT", "-", "f(", "a::", "a::character(", "x BETWEEN 1", "a[", "((a)", "a))",
                           "extract(", "interval", "a = ANY (", "\x01", "a ; b"}) {
    EXPECT_NO_THROW(normalize_sql_expression(text)) << text;
  }
  std::string deep = std::string(100000, '(') + "a" + std::string(100000, ')');
  EXPECT_FALSE(normalize_sql_expression(deep).empty());
  EXPECT_EQ(normalize_sql_expression(std::string(100, '(') + "A" + std::string(100, ')')), "a");
}

// The expressions of every_feature_schema() as PostgreSQL 15 echoes them after create_all
// (recorded from a real server; ddl_postgres_test checks the live echo too).
TEST(NormalizeExpressions, EveryFeatureSchemaMatchesRecordedPostgresEchoes) {
  Schema lowered = lower_for_dialect(sqlmodel::testing::every_feature_schema(), Dialect::postgresql);
  Schema echoed = lowered;
  echoed.find_table("labels")->find_column("color")->server_default = "'#cccccc'::character varying";
  echoed.find_table("users")->find_column("login_count")->server_default = "0";
  echoed.find_table("users")->find_column("created_at")->server_default = "CURRENT_TIMESTAMP";
  echoed.find_table("tasks")->find_column("status")->server_default = "'draft'::taskstatus";
  echoed.find_table("tasks")->find_column("price")->server_default = "0";
  echoed.find_table("users")->check_constraints.at(0).expression = "(login_count >= 0)";
  echoed.find_table("tasks")->check_constraints.at(0).expression = "(price >= (0)::numeric)";
  for (auto& index : echoed.find_table("tasks")->indexes)
    if (index.where) index.where = "(deleted_at IS NULL)";
  normalize_expressions(lowered);
  normalize_expressions(echoed);
  EXPECT_EQ(lowered, echoed);
  EXPECT_NE(lowered.find_table("tasks")->check_constraints.at(0).expression,
            "(price >= (0)::numeric)");
}

// The outline server-default's check reads: the names a database would take for columns,
// and the literal the whole expression is.
TEST(OutlineSqlExpression, ColumnReferencesAreNamesThatAreNoFunctionKeywordOrType) {
  auto names = [](std::string_view sql) {
    std::vector<std::string> found;
    for (const auto& name : outline_sql_expression(sql).column_references) found.push_back(name.text);
    return found;
  };
  EXPECT_EQ(names("draft"), std::vector<std::string>{"draft"});
  EXPECT_EQ(names("\"Draft\""), std::vector<std::string>{"Draft"});
  EXPECT_EQ(names("views + 1"), std::vector<std::string>{"views"});
  EXPECT_EQ(outline_sql_expression("views + 1").column_references.front().offset, 0u);
  for (std::string_view constant :
       {"now()", "CURRENT_TIMESTAMP", "'draft'", "'{}'::jsonb", "now() at time zone 'utc'", "interval '1 day'",
        "CAST('5' AS integer)", "CASE WHEN 1 > 0 THEN 'a' ELSE 'b' END", "public.gen_id()", "true", "NULL",
        "'a' COLLATE \"C\"", "nextval('seq'::regclass)", "EXTRACT(year FROM now())"}) {
    SqlExpressionOutline outline = outline_sql_expression(constant);
    EXPECT_TRUE(outline.parsed) << constant << ": " << outline.parse_error;
    EXPECT_TRUE(outline.column_references.empty()) << constant << ": " << outline.column_references.front().text;
  }
}

TEST(OutlineSqlExpression, LiteralsThroughParenthesesAndSign) {
  using Literal = SqlExpressionOutline::Literal;
  auto literal = [](std::string_view sql) {
    SqlExpressionOutline outline = outline_sql_expression(sql);
    return std::pair{outline.literal, outline.literal_text};
  };
  EXPECT_EQ(literal("'it''s'"), std::pair(Literal::string, std::string("it's")));
  EXPECT_EQ(literal("((-5))"), std::pair(Literal::number, std::string("-5")));
  EXPECT_EQ(literal("1.5"), std::pair(Literal::number, std::string("1.5")));
  EXPECT_EQ(literal("FALSE"), std::pair(Literal::boolean, std::string("FALSE")));
  EXPECT_EQ(literal("null"), std::pair(Literal::null, std::string("null")));
  EXPECT_EQ(literal("'a' || 'b'").first, Literal::none);
  EXPECT_EQ(literal("'5'::integer").first, Literal::none);
  EXPECT_EQ(literal("now()").first, Literal::none);
}

TEST(OutlineSqlExpression, WhatDoesNotLexOrParse) {
  SqlExpressionOutline unterminated = outline_sql_expression("'draft");
  ASSERT_TRUE(unterminated.lexical_error);
  EXPECT_EQ(unterminated.lexical_error->offset, 0u);
  EXPECT_FALSE(unterminated.parsed);
  for (std::string_view unknown : {"now() +", "(SELECT 1)", "SUBSTRING('abc' FROM 2)", "1 2"}) {
    SqlExpressionOutline outline = outline_sql_expression(unknown);
    EXPECT_FALSE(outline.lexical_error) << unknown;
    EXPECT_FALSE(outline.parsed) << unknown;
    EXPECT_FALSE(outline.parse_error.empty()) << unknown;
  }
}

}  // namespace
}  // namespace sqlmodel::schema
