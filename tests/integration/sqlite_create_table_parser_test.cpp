// The parser of the CREATE TABLE / CREATE INDEX texts in sqlite_schema. Every statement here
// is also run through SQLite itself, so the tests never rely on syntax SQLite would reject.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "db/connection.hpp"
#include "schema/sqlite_create_table_parser.hpp"

namespace sqlmodel {
namespace {

using namespace schema::sqlite_sql;
using ::testing::HasSubstr;

// Checks that SQLite accepts the statement (in a throwaway in-memory database).
void expect_sqlite_accepts(const std::string& sql, const std::string& prelude = {}) {
  auto connection = db::connect("sqlite:///:memory:");
  if (!prelude.empty()) connection->execute(prelude);
  EXPECT_NO_THROW(connection->execute(sql)) << sql;
}

ParsedCreateTable parse_accepted_table(const std::string& sql) {
  expect_sqlite_accepts(sql);
  return parse_create_table(sql);
}

const ParsedConstraint& only(const ParsedCreateTable& table, ConstraintKind kind) {
  const ParsedConstraint* found = nullptr;
  for (const auto& constraint : table.constraints) {
    if (constraint.kind != kind) continue;
    EXPECT_EQ(found, nullptr) << "more than one constraint of the kind";
    found = &constraint;
  }
  if (found == nullptr) throw std::runtime_error("no constraint of the kind");
  return *found;
}

TEST(SqliteCreateTableParser, EveryQuotingStyleOfIdentifiers) {
  auto table = parse_accepted_table(
      "CREATE TABLE \"my \"\"t\"\"\" (\"a\"\"b\" INTEGER, `c``d` TEXT, [e f] REAL, 'g' BLOB, "
      "plain_h NUMERIC, \"ünï\" TEXT)");
  EXPECT_EQ(table.name, "my \"t\"");
  ASSERT_EQ(table.columns.size(), 6u);
  EXPECT_EQ(table.columns[0].name, "a\"b");
  EXPECT_EQ(table.columns[1].name, "c`d");
  EXPECT_EQ(table.columns[2].name, "e f");
  EXPECT_EQ(table.columns[3].name, "g");
  EXPECT_EQ(table.columns[4].name, "plain_h");
  EXPECT_EQ(table.columns[5].name, "ünï");
}

TEST(SqliteCreateTableParser, SchemaQualifiedNameAndIfNotExists) {
  auto table = parse_accepted_table("CREATE TABLE IF NOT EXISTS main.\"Orders\" (id INTEGER)");
  EXPECT_EQ(table.schema_name, "main");
  EXPECT_EQ(table.name, "Orders");
}

TEST(SqliteCreateTableParser, DeclaredTypesAsWritten) {
  auto table = parse_accepted_table(
      "CREATE TABLE t (a VARCHAR ( 255 ), b UNSIGNED BIG INT NOT NULL, c DOUBLE PRECISION, "
      "d, e NUMERIC(10, 2) DEFAULT 0, f TIMESTAMP WITH TIME ZONE)");
  ASSERT_EQ(table.columns.size(), 6u);
  EXPECT_EQ(table.columns[0].declared_type, "VARCHAR ( 255 )");
  EXPECT_EQ(table.columns[1].declared_type, "UNSIGNED BIG INT");
  EXPECT_TRUE(table.columns[1].not_null);
  EXPECT_EQ(table.columns[2].declared_type, "DOUBLE PRECISION");
  EXPECT_EQ(table.columns[3].declared_type, "");
  EXPECT_EQ(table.columns[4].declared_type, "NUMERIC(10, 2)");
  EXPECT_EQ(table.columns[4].default_expression, "0");
  EXPECT_EQ(table.columns[5].declared_type, "TIMESTAMP WITH TIME ZONE");
}

TEST(SqliteCreateTableParser, DefaultsInEveryForm) {
  auto table = parse_accepted_table(
      "CREATE TABLE t (a INT DEFAULT (1 + (2 * 3)), b TEXT DEFAULT 'it''s', c INT DEFAULT -5, "
      "d DATETIME DEFAULT CURRENT_TIMESTAMP, e BLOB DEFAULT x'00ff', f REAL DEFAULT +1.5e3, "
      "g TEXT DEFAULT NULL, h BOOLEAN DEFAULT TRUE)");
  std::vector<std::string> defaults;
  for (const auto& column : table.columns) defaults.push_back(column.default_expression.value_or("?"));
  EXPECT_EQ(defaults, (std::vector<std::string>{"1 + (2 * 3)", "'it''s'", "-5", "CURRENT_TIMESTAMP",
                                                "x'00ff'", "+1.5e3", "NULL", "TRUE"}));
}

TEST(SqliteCreateTableParser, ColumnConstraintsNamedAndUnnamed) {
  auto table = parse_accepted_table(
      "CREATE TABLE t (\n"
      "  id INTEGER CONSTRAINT \"pk_t\" PRIMARY KEY ASC ON CONFLICT ABORT AUTOINCREMENT,\n"
      "  email TEXT NOT NULL CONSTRAINT uq_email UNIQUE COLLATE NOCASE,\n"
      "  code TEXT UNIQUE ON CONFLICT REPLACE,\n"
      "  qty INT CHECK (qty > 0 AND qty < (10 + 1)) CONSTRAINT ck_qty_even CHECK (qty % 2 = 0),\n"
      "  parent INT REFERENCES t ON DELETE SET NULL NOT NULL\n"
      ")");
  ASSERT_EQ(table.columns.size(), 5u);
  EXPECT_TRUE(table.columns[1].not_null);
  EXPECT_EQ(table.columns[1].collation, "NOCASE");
  EXPECT_TRUE(table.columns[4].not_null);

  ASSERT_EQ(table.constraints.size(), 6u);
  const auto& key = table.constraints[0];
  EXPECT_EQ(key.kind, ConstraintKind::primary_key);
  EXPECT_EQ(key.name, "pk_t");
  EXPECT_EQ(key.column, "id");
  EXPECT_TRUE(key.autoincrement);
  EXPECT_FALSE(key.descending);

  // DESC on a column's PRIMARY KEY is what keeps an INTEGER key from being the rowid.
  auto descending = parse_accepted_table("CREATE TABLE d (id INTEGER PRIMARY KEY DESC)");
  EXPECT_TRUE(only(descending, ConstraintKind::primary_key).descending);

  EXPECT_EQ(table.constraints[1].kind, ConstraintKind::unique);
  EXPECT_EQ(table.constraints[1].name, "uq_email");
  EXPECT_EQ(table.constraints[1].columns, (std::vector<std::string>{"email"}));
  EXPECT_EQ(table.constraints[2].kind, ConstraintKind::unique);
  EXPECT_EQ(table.constraints[2].name, std::nullopt);

  EXPECT_EQ(table.constraints[3].kind, ConstraintKind::check);
  EXPECT_EQ(table.constraints[3].name, std::nullopt);
  EXPECT_EQ(table.constraints[3].check_expression, "qty > 0 AND qty < (10 + 1)");
  EXPECT_EQ(table.constraints[4].name, "ck_qty_even");
  EXPECT_EQ(table.constraints[4].check_expression, "qty % 2 = 0");

  const auto& reference = table.constraints[5];
  EXPECT_EQ(reference.kind, ConstraintKind::foreign_key);
  EXPECT_EQ(reference.column, "parent");
  EXPECT_EQ(reference.referred_table, "t");
  EXPECT_TRUE(reference.referred_columns.empty());
  EXPECT_EQ(reference.on_delete, ReferentialAction::set_null);
  EXPECT_EQ(reference.on_update, ReferentialAction::no_action);
}

TEST(SqliteCreateTableParser, TableConstraintsWithAndWithoutCommasAndNames) {
  auto table = parse_accepted_table(
      "CREATE TABLE \"task labels\" (\n"
      "  task_id INTEGER NOT NULL, \"label name\" TEXT NOT NULL, note TEXT,\n"
      "  CONSTRAINT \"pk_task labels\" PRIMARY KEY (task_id, \"label name\" COLLATE NOCASE DESC)\n"
      "  UNIQUE (note, task_id) ON CONFLICT IGNORE,\n"
      "  CONSTRAINT [fk one] FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE "
      "ON UPDATE RESTRICT MATCH SIMPLE DEFERRABLE INITIALLY DEFERRED,\n"
      "  FOREIGN KEY (\"label name\") REFERENCES labels ON UPDATE SET DEFAULT NOT DEFERRABLE,\n"
      "  CONSTRAINT ck_note CHECK (note <> 'a '')'' b' /* not the end ) */),\n"
      "  CHECK (length(note) < 100)\n"
      ")");
  ASSERT_EQ(table.columns.size(), 3u);
  EXPECT_EQ(table.columns[1].name, "label name");
  ASSERT_EQ(table.constraints.size(), 6u);

  EXPECT_EQ(table.constraints[0].kind, ConstraintKind::primary_key);
  EXPECT_EQ(table.constraints[0].name, "pk_task labels");
  EXPECT_EQ(table.constraints[0].column, std::nullopt);
  EXPECT_EQ(table.constraints[0].columns, (std::vector<std::string>{"task_id", "label name"}));

  EXPECT_EQ(table.constraints[1].kind, ConstraintKind::unique);
  EXPECT_EQ(table.constraints[1].name, std::nullopt);
  EXPECT_EQ(table.constraints[1].columns, (std::vector<std::string>{"note", "task_id"}));

  const auto& named_key = table.constraints[2];
  EXPECT_EQ(named_key.name, "fk one");
  EXPECT_EQ(named_key.columns, (std::vector<std::string>{"task_id"}));
  EXPECT_EQ(named_key.referred_table, "tasks");
  EXPECT_EQ(named_key.referred_columns, (std::vector<std::string>{"id"}));
  EXPECT_EQ(named_key.on_delete, ReferentialAction::cascade);
  EXPECT_EQ(named_key.on_update, ReferentialAction::restrict);

  const auto& unnamed_key = table.constraints[3];
  EXPECT_EQ(unnamed_key.name, std::nullopt);
  EXPECT_EQ(unnamed_key.referred_table, "labels");
  EXPECT_EQ(unnamed_key.on_update, ReferentialAction::set_default);

  EXPECT_EQ(table.constraints[4].name, "ck_note");
  // A comment after the expression is not part of it; one inside would be.
  EXPECT_EQ(table.constraints[4].check_expression, "note <> 'a '')'' b'");
  EXPECT_EQ(table.constraints[5].check_expression, "length(note) < 100");
}

TEST(SqliteCreateTableParser, CommentsAnywhere) {
  auto table = parse_accepted_table(
      "CREATE /* c1 */ TABLE -- c2\n t ( -- c3\n a /* c4 */ INTEGER -- c5\n , b TEXT /* c6 ) */ )"
      " -- trailing");
  ASSERT_EQ(table.columns.size(), 2u);
  EXPECT_EQ(table.columns[0].declared_type, "INTEGER");
  EXPECT_EQ(table.columns[1].name, "b");
}

TEST(SqliteCreateTableParser, TableOptionsAndGeneratedColumns) {
  auto table = parse_accepted_table(
      "CREATE TABLE t (a INTEGER PRIMARY KEY, b INTEGER, c INTEGER GENERATED ALWAYS AS (a + b) "
      "STORED, d INTEGER AS (a * 2)) WITHOUT ROWID, STRICT");
  EXPECT_TRUE(table.without_rowid);
  EXPECT_TRUE(table.strict);
  EXPECT_TRUE(table.columns[2].generated);
  EXPECT_TRUE(table.columns[3].generated);
  EXPECT_FALSE(table.columns[1].generated);
}

TEST(SqliteCreateTableParser, CreateTableAsSelectHasNoDefinitions) {
  expect_sqlite_accepts("CREATE TABLE copy AS SELECT 1 AS x", "");
  auto table = parse_create_table("CREATE TABLE copy AS SELECT 1 AS x");
  EXPECT_TRUE(table.as_select);
  EXPECT_TRUE(table.columns.empty());
}

TEST(SqliteCreateIndexParser, TermsAndPartialPredicate) {
  const std::string prelude = "CREATE TABLE \"Tasks\" (a, \"due date\", c)";
  const std::string sql =
      "CREATE UNIQUE INDEX IF NOT EXISTS \"ix due\" ON \"Tasks\" (\"due date\" DESC, lower(c) "
      "COLLATE NOCASE, a ASC) WHERE \"due date\" IS NOT NULL AND (c > 'x;y');";
  expect_sqlite_accepts(sql, prelude);
  auto index = parse_create_index(sql);
  EXPECT_EQ(index.name, "ix due");
  EXPECT_EQ(index.table, "Tasks");
  EXPECT_TRUE(index.unique);
  ASSERT_EQ(index.terms.size(), 3u);
  EXPECT_EQ(index.terms[0].text, "due date");
  EXPECT_FALSE(index.terms[0].is_expression);
  EXPECT_TRUE(index.terms[0].descending);
  EXPECT_EQ(index.terms[1].text, "lower(c)");
  EXPECT_TRUE(index.terms[1].is_expression);
  EXPECT_EQ(index.terms[2].text, "a");
  EXPECT_FALSE(index.terms[2].descending);
  EXPECT_EQ(index.where, "\"due date\" IS NOT NULL AND (c > 'x;y')");
}

TEST(SqliteCreateIndexParser, PlainIndexHasNoPredicate) {
  auto index = parse_create_index("CREATE INDEX ix ON t (a)");
  EXPECT_FALSE(index.unique);
  EXPECT_EQ(index.where, std::nullopt);
}

std::string parse_error(std::string_view sql) {
  try {
    parse_create_table(sql, "table \"broken\"");
  } catch (const SqliteSqlParseError& error) {
    return error.what();
  }
  ADD_FAILURE() << "parsed without error: " << sql;
  return {};
}

TEST(SqliteCreateTableParser, BadInputIsAnErrorNamingTheTable) {
  EXPECT_THAT(parse_error(""), AllOf(HasSubstr("table \"broken\""), HasSubstr("expected CREATE")));
  EXPECT_THAT(parse_error("CREATE TABLE \"t (a)"), HasSubstr("unterminated double-quoted identifier"));
  EXPECT_THAT(parse_error("CREATE TABLE t (a TEXT DEFAULT 'x)"), HasSubstr("unterminated string"));
  EXPECT_THAT(parse_error("CREATE TABLE [t (a)"), HasSubstr("unterminated [bracketed]"));
  EXPECT_THAT(parse_error("CREATE TABLE t (a CHECK (a > (1)"), HasSubstr("unbalanced parentheses"));
  EXPECT_THAT(parse_error("CREATE TABLE t (a INT(3) FROBNICATE)"), HasSubstr("unexpected 'FROBNICATE'"));
  EXPECT_THAT(parse_error("CREATE TABLE t (a INT) garbage"), HasSubstr("after the end"));
  EXPECT_THAT(parse_error("CREATE TABLE t (a INT REFERENCES p ON DELETE EXPLODE)"),
              HasSubstr("referential action"));
  EXPECT_THAT(parse_error("CREATE TABLE t ()"), HasSubstr("expected a column name"));
  EXPECT_THAT(parse_error("CREATE VIRTUAL TABLE t USING fts5(a)"), HasSubstr("virtual tables"));
  EXPECT_THAT(parse_error("CREATE TABLE t (a INT CONSTRAINT lonely)"), HasSubstr("names no constraint"));
  // The offset points at the problem.
  EXPECT_THAT(parse_error("CREATE TABLE t (a INT) garbage"), HasSubstr("at offset 23"));
}

// Every prefix and thousands of random mutations of a statement that uses every construct:
// the parser returns or throws SqliteSqlParseError, nothing else (under ASan/UBSan too).
TEST(SqliteCreateTableParser, NeverCrashesOnTruncatedOrMutatedInput) {
  const std::string sql =
      "CREATE TABLE IF NOT EXISTS main.\"t\"\"x\" (`a` INTEGER CONSTRAINT pk PRIMARY KEY "
      "AUTOINCREMENT, [b c] VARCHAR(20) NOT NULL DEFAULT 'it''s' CHECK (length([b c]) > (0)), "
      "d REFERENCES p (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED, -- note\n"
      "e NUMERIC(10, 2) DEFAULT -1.5e3 /* c */, CONSTRAINT u UNIQUE (d, e), "
      "FOREIGN KEY (e) REFERENCES q ON UPDATE CASCADE) WITHOUT ROWID;";
  auto survives = [](std::string_view text) {
    try {
      parse_create_table(text);
      parse_create_index(text);
    } catch (const SqliteSqlParseError&) {
    }
  };
  for (std::size_t length = 0; length <= sql.size(); ++length) survives(sql.substr(0, length));

  std::mt19937 random(20261124);
  const std::string alphabet = "()'\"`[],;-/* \nxX0.e+AZ";
  for (int round = 0; round < 5000; ++round) {
    std::string mutated = sql;
    int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits; ++e) {
      std::size_t at = random() % mutated.size();
      switch (random() % 3) {
        case 0: mutated[at] = alphabet[random() % alphabet.size()]; break;
        case 1: mutated.erase(at, 1 + random() % 8); break;
        default: mutated.insert(at, 1, alphabet[random() % alphabet.size()]); break;
      }
      if (mutated.empty()) mutated = "(";
    }
    survives(mutated);
  }
  // Deep nesting is iterative, not recursive.
  survives("CREATE TABLE t (a CHECK (" + std::string(200000, '(') + "1" + std::string(200000, ')') + "))");
  survives(std::string(100000, '('));
}

}  // namespace
}  // namespace sqlmodel
