#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "schema/ddl.hpp"
#include "schema/lower.hpp"
#include "schema/sqlite_types.hpp"
#include "support/every_feature_schema.hpp"
#include "unit/ddl_test_helpers.hpp"

namespace sqlmodel::schema {
namespace {

using namespace sqlmodel::testing::ddl;

ColumnType numeric(std::optional<int> precision, std::optional<int> scale) {
  ColumnType type = type_of(TypeKind::numeric);
  type.precision = precision;
  type.scale = scale;
  return type;
}

ColumnType datetime(bool with_timezone) {
  ColumnType type = type_of(TypeKind::datetime);
  type.with_timezone = with_timezone;
  return type;
}

// Every column type SQLite holds after lowering, with its declared type.
const std::vector<std::pair<ColumnType, std::string>>& sqlite_spellings() {
  static const std::vector<std::pair<ColumnType, std::string>> spellings{
      {type_of(TypeKind::int16), "SMALLINT"},
      {type_of(TypeKind::int32), "INTEGER"},
      {type_of(TypeKind::int64), "BIGINT"},
      {type_of(TypeKind::boolean), "BOOLEAN"},
      {type_of(TypeKind::float32), "REAL"},
      {type_of(TypeKind::float64), "DOUBLE"},
      {varchar(), "VARCHAR"},
      {varchar(255), "VARCHAR(255)"},
      {type_of(TypeKind::text), "TEXT"},
      {type_of(TypeKind::blob), "BLOB"},
      {type_of(TypeKind::date), "DATE"},
      {datetime(false), "DATETIME"},
      {datetime(true), "TIMESTAMP WITH TIME ZONE"},
      {type_of(TypeKind::uuid), "CHAR(36)"},
      {type_of(TypeKind::json), "JSON"},
      {numeric(std::nullopt, std::nullopt), "NUMERIC"},
      {numeric(12, std::nullopt), "NUMERIC(12)"},
      {numeric(10, 2), "NUMERIC(10,2)"},
  };
  return spellings;
}

TEST(SqliteColumnType, EveryTypeHasItsDeclaredType) {
  for (const auto& [type, declared] : sqlite_spellings())
    EXPECT_EQ(render_column_type(type, Dialect::sqlite), declared) << format_type(type);
}

TEST(SqliteColumnType, EnumsAndArraysMustBeLoweredFirst) {
  EXPECT_THROW(render_column_type(enum_of("taskstatus"), Dialect::sqlite), std::invalid_argument);
  EXPECT_THROW(render_column_type(array_of(varchar()), Dialect::sqlite), std::invalid_argument);
}

TEST(SqliteDeclaredType, EveryDeclaredTypeReadsBackAsItsType) {
  for (const auto& [type, declared] : sqlite_spellings()) {
    auto parsed = parse_sqlite_declared_type(declared);
    ASSERT_TRUE(parsed) << declared;
    EXPECT_EQ(*parsed, type) << declared;
  }
}

TEST(SqliteDeclaredType, CaseAndSpacingDoNotMatter) {
  EXPECT_EQ(parse_sqlite_declared_type("varchar ( 20 )"), varchar(20));
  EXPECT_EQ(parse_sqlite_declared_type("timestamp  with\ttime zone"), datetime(true));
  EXPECT_EQ(parse_sqlite_declared_type("numeric(10, 2)"), numeric(10, 2));
  EXPECT_EQ(parse_sqlite_declared_type(" char(36) "), type_of(TypeKind::uuid));
}

TEST(SqliteDeclaredType, CommonSpellingsOfOtherToolsAreRead) {
  EXPECT_EQ(parse_sqlite_declared_type("INT"), type_of(TypeKind::int32));
  EXPECT_EQ(parse_sqlite_declared_type("CHARACTER VARYING(20)"), varchar(20));
  EXPECT_EQ(parse_sqlite_declared_type("DOUBLE PRECISION"), type_of(TypeKind::float64));
  EXPECT_EQ(parse_sqlite_declared_type("DECIMAL(8,3)"), numeric(8, 3));
  EXPECT_EQ(parse_sqlite_declared_type("TIMESTAMP"), datetime(false));
}

TEST(SqliteDeclaredType, AnythingElseIsNotAType) {
  for (const char* declared : {"", "POINT", "CHAR(10)", "CHAR", "VARCHAR(0)", "VARCHAR(x)",
                               "NUMERIC(2,5)", "BIGINT(8)", "VARCHAR(20", "INTEGER[]"})
    EXPECT_FALSE(parse_sqlite_declared_type(declared)) << declared;
}

TEST(SqliteDeclaredType, RowidAliasIsExactlyIntegerAsTheSolePrimaryKey) {
  EXPECT_TRUE(is_sqlite_rowid_alias("INTEGER", true));
  EXPECT_TRUE(is_sqlite_rowid_alias("integer", true));
  EXPECT_FALSE(is_sqlite_rowid_alias("INTEGER", false));
  EXPECT_FALSE(is_sqlite_rowid_alias("INT", true));
  EXPECT_FALSE(is_sqlite_rowid_alias("BIGINT", true));
}

TEST(SqliteColumnDefinition, SolePrimaryKeyIsTheRowidOnlyWhenAutoincrement) {
  Table table = table_with_id("t");
  Schema schema;
  schema.tables.push_back(table);
  Schema lowered = lower_for_dialect(schema, Dialect::sqlite);
  const Table& with_rowid = lowered.tables[0];
  EXPECT_EQ(render_column_definition(with_rowid, with_rowid.columns[0], Dialect::sqlite),
            "\"id\" INTEGER NOT NULL");

  Table manual = table;
  manual.columns[0].autoincrement = false;
  manual.columns[0].type = type_of(TypeKind::int32);
  EXPECT_EQ(render_column_definition(manual, manual.columns[0], Dialect::sqlite), "\"id\" INT NOT NULL");
  manual.columns[0].type = type_of(TypeKind::int64);
  EXPECT_EQ(render_column_definition(manual, manual.columns[0], Dialect::sqlite), "\"id\" BIGINT NOT NULL");
}

TEST(SqliteCreateTable, AutoincrementPutsTheNamedKeyOnTheColumn) {
  Schema schema;
  schema.tables.push_back(table_with_id("events", {column("body", type_of(TypeKind::text))}));
  schema.tables[0].sqlite_autoincrement = true;
  schema.tables[0].primary_key->name = "events_pkey";
  Schema lowered = lower_for_dialect(schema, Dialect::sqlite);
  EXPECT_EQ(render_create_table(lowered.tables[0], Dialect::sqlite),
            "CREATE TABLE \"events\" (\n"
            "  \"id\" INTEGER NOT NULL CONSTRAINT \"events_pkey\" PRIMARY KEY AUTOINCREMENT,\n"
            "  \"body\" TEXT NOT NULL\n"
            ")");
  Schema postgres = lower_for_dialect(schema, Dialect::postgresql);
  EXPECT_EQ(render_create_table(postgres.tables[0], Dialect::postgresql).find("AUTOINCREMENT"), std::string::npos);
}

TEST(CreateTable, GeneratedColumnIsStoredOnBothDialects) {
  Schema schema;
  Column length = column("body_length", type_of(TypeKind::int32), true);
  length.generated = " length(body) ";
  schema.tables.push_back(table_with_id("docs", {column("body", type_of(TypeKind::text)), length}));
  for (Dialect dialect : {Dialect::sqlite, Dialect::postgresql}) {
    Schema lowered = lower_for_dialect(schema, dialect);
    EXPECT_EQ(render_column_definition(lowered.tables[0], lowered.tables[0].columns[2], dialect),
              "\"body_length\" INTEGER GENERATED ALWAYS AS (length(body)) STORED");
  }
}

TEST(SqliteColumnDefinition, DefaultsAreBareOnlyWhenSqliteAllowsIt) {
  EXPECT_EQ(render_default_expression("'draft'"), "'draft'");
  EXPECT_EQ(render_default_expression("'it''s'"), "'it''s'");
  EXPECT_EQ(render_default_expression("-1.5"), "-1.5");
  EXPECT_EQ(render_default_expression("1e3"), "1e3");
  EXPECT_EQ(render_default_expression("current_timestamp"), "current_timestamp");
  EXPECT_EQ(render_default_expression("FALSE"), "FALSE");
  EXPECT_EQ(render_default_expression("(1 + 2)"), "(1 + 2)");
  EXPECT_EQ(render_default_expression("datetime('now')"), "(datetime('now'))");
  EXPECT_EQ(render_default_expression("(1) + (2)"), "((1) + (2))");
  EXPECT_EQ(render_default_expression("'a' || 'b'"), "('a' || 'b')");
  EXPECT_THROW(render_default_expression("  "), std::invalid_argument);
}

Schema projects_schema() {
  Schema schema;
  Table projects = table_with_id("projects", {column("name", varchar(100)),
                                              column("state", enum_of("projectstate")),
                                              column("created_at", datetime(true)),
                                              column("labels", array_of(varchar(20)), true)});
  projects.comment = "SQLite keeps no comments";
  projects.find_column("name")->server_default = "'untitled'";
  projects.find_column("state")->server_default = "'open'";
  projects.find_column("created_at")->server_default = "CURRENT_TIMESTAMP";
  add_reference(projects, "parent_id", "projects", ReferentialAction::cascade);
  projects.unique_constraints.push_back({"uq_projects_name", {"name"}, {}});
  projects.check_constraints.push_back({"ck_projects_name_not_empty", "length(name) > 0", {}});
  Index by_parent;
  by_parent.name = "ix_projects_parent_id";
  by_parent.columns = {"parent_id", "name"};
  by_parent.unique = true;
  by_parent.where = "parent_id IS NOT NULL";
  by_parent.method = "btree";
  projects.indexes.push_back(by_parent);
  schema.tables.push_back(projects);
  schema.enums.push_back(EnumType{"projectstate", {"open", "archived"}, {}});
  return schema;
}

TEST(SqliteCreateAll, RendersTablesConstraintsAndIndexes) {
  std::vector<std::string> expected{
      "CREATE TABLE \"projects\" (\n"
      "  \"id\" INTEGER NOT NULL,\n"
      "  \"name\" VARCHAR(100) NOT NULL DEFAULT 'untitled',\n"
      "  \"state\" VARCHAR(8) NOT NULL DEFAULT 'open',\n"
      "  \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
      "  \"labels\" JSON,\n"
      "  \"parent_id\" BIGINT,\n"
      "  CONSTRAINT \"pk_projects\" PRIMARY KEY (\"id\"),\n"
      "  CONSTRAINT \"fk_projects_parent_id_projects\" FOREIGN KEY (\"parent_id\") REFERENCES "
      "\"projects\" (\"id\") ON DELETE CASCADE,\n"
      "  CONSTRAINT \"uq_projects_name\" UNIQUE (\"name\"),\n"
      "  CONSTRAINT \"ck_projects_name_not_empty\" CHECK (length(name) > 0),\n"
      "  CONSTRAINT \"ck_projects_state_enum\" CHECK (\"state\" IN ('open', 'archived'))\n"
      ")",
      "CREATE UNIQUE INDEX \"ix_projects_parent_id\" ON \"projects\" (\"parent_id\", \"name\") "
      "WHERE parent_id IS NOT NULL",
  };
  EXPECT_EQ(render_create_all(projects_schema(), Dialect::sqlite), expected);
}

TEST(SqliteCreateAll, CycleForeignKeysStayInline) {
  Schema schema;
  Table authors = table_with_id("authors");
  add_reference(authors, "favourite_book_id", "books", ReferentialAction::set_null);
  Table books = table_with_id("books");
  add_reference(books, "author_id", "authors", ReferentialAction::cascade);
  schema.tables = {books, authors};
  auto statements = render_create_all(schema, Dialect::sqlite);
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_TRUE(statements[0].starts_with("CREATE TABLE \"authors\""));
  EXPECT_NE(statements[0].find("FOREIGN KEY (\"favourite_book_id\") REFERENCES \"books\" (\"id\") "
                               "ON DELETE SET NULL"),
            std::string::npos);
  EXPECT_TRUE(statements[1].starts_with("CREATE TABLE \"books\""));
}

TEST(SqliteCreateAll, AddForeignKeyNeedsATableRebuild) {
  Table table = table_with_id("t");
  EXPECT_THROW(render_add_foreign_key(table, foreign_key("t", "x", "u"), Dialect::sqlite),
               std::invalid_argument);
}

// A connection to a fresh in-memory database through the C API.
class InMemorySqlite {
 public:
  InMemorySqlite() {
    if (sqlite3_open(":memory:", &db_) != SQLITE_OK) throw std::runtime_error("sqlite3_open failed");
    execute("PRAGMA foreign_keys = ON");
  }
  ~InMemorySqlite() { sqlite3_close(db_); }
  InMemorySqlite(const InMemorySqlite&) = delete;
  InMemorySqlite& operator=(const InMemorySqlite&) = delete;

  // Empty on success, else SQLite's message.
  std::string try_execute(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK) return {};
    std::string error = message ? message : "unknown error";
    sqlite3_free(message);
    return error;
  }
  void execute(const std::string& sql) {
    std::string error = try_execute(sql);
    if (!error.empty()) throw std::runtime_error(error + "\n  statement: " + sql);
  }
  std::vector<std::vector<std::string>> rows(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string(sqlite3_errmsg(db_)) + "\n  statement: " + sql);
    std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> guard(statement, sqlite3_finalize);
    std::vector<std::vector<std::string>> result;
    while (sqlite3_step(statement) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int i = 0; i < sqlite3_column_count(statement); ++i) {
        auto text = sqlite3_column_text(statement, i);
        row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
      }
      result.push_back(std::move(row));
    }
    return result;
  }

 private:
  sqlite3* db_ = nullptr;
};

void create_all(InMemorySqlite& db, const Schema& schema) {
  for (const auto& statement : render_create_all(schema, Dialect::sqlite)) db.execute(statement);
}

TEST(SqliteCreateAllExecutes, EveryFeatureSchemaIsValidAndForeignKeysCheckClean) {
  InMemorySqlite db;
  ASSERT_NO_THROW(create_all(db, sqlmodel::testing::every_feature_schema()));
  EXPECT_TRUE(db.rows("PRAGMA foreign_key_check").empty());

  auto tables = db.rows("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  std::vector<std::string> names;
  for (const auto& row : tables) names.push_back(row[0]);
  EXPECT_EQ(names, (std::vector<std::string>{"labels", "sqlite_sequence", "task_labels", "tasks",
                                             "teams", "user_profiles", "users", "wiki_pages"}));
  auto indexes = db.rows("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name");
  EXPECT_EQ(indexes.size(), 7u);
}

TEST(SqliteCreateAllExecutes, DeclaredTypesReadBackAsTheLoweredTypes) {
  InMemorySqlite db;
  Schema lowered = lower_for_dialect(sqlmodel::testing::every_feature_schema(), Dialect::sqlite);
  create_all(db, lowered);
  for (const auto& table : lowered.tables) {
    // cid, name, type, notnull, dflt_value, pk, hidden (table_xinfo lists generated columns too)
    auto columns = db.rows("PRAGMA table_xinfo(" + quote_identifier(Dialect::sqlite, table.name) + ")");
    ASSERT_EQ(columns.size(), table.columns.size()) << table.name;
    bool sole_key = table.primary_key && table.primary_key->columns.size() == 1;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const Column& column = table.columns[i];
      const std::string& declared = columns[i][2];
      bool is_sole_key_column = sole_key && columns[i][5] == "1";
      std::string where = table.name + "." + column.name + " declared " + declared;
      EXPECT_EQ(columns[i][1], column.name) << where;
      EXPECT_EQ(columns[i][3] == "1", !column.nullable) << where;
      if (is_sqlite_rowid_alias(declared, is_sole_key_column)) {
        EXPECT_TRUE(column.autoincrement) << where;
        EXPECT_EQ(column.type, type_of(TypeKind::int64)) << where;
        continue;
      }
      EXPECT_FALSE(column.autoincrement) << where;
      auto parsed = parse_sqlite_declared_type(declared);
      ASSERT_TRUE(parsed) << where;
      EXPECT_EQ(*parsed, column.type) << where;
      if (column.server_default) {
        EXPECT_EQ(normalize_sql_expression(columns[i][4]), normalize_sql_expression(*column.server_default))
            << where;
      }
    }
  }
}

TEST(SqliteCreateAllExecutes, AutoincrementNeverReusesAKeyAndGeneratedColumnsCompute) {
  InMemorySqlite db;
  create_all(db, sqlmodel::testing::every_feature_schema());
  db.execute("INSERT INTO wiki_pages (body) VALUES ('one'), ('three')");
  db.execute("DELETE FROM wiki_pages WHERE id = 2");
  db.execute("INSERT INTO wiki_pages (body) VALUES ('five!')");
  EXPECT_EQ(db.rows("SELECT id, body_length FROM wiki_pages ORDER BY id"),
            (std::vector<std::vector<std::string>>{{"1", "3"}, {"3", "5"}}));
  EXPECT_NE(db.try_execute("INSERT INTO wiki_pages (body, body_length) VALUES ('x', 1)"), "");
}

TEST(SqliteCreateAllExecutes, RowidAssignsIdsAndConstraintsHold) {
  InMemorySqlite db;
  create_all(db, sqlmodel::testing::every_feature_schema());
  db.execute("INSERT INTO teams (name) VALUES ('core')");
  db.execute("INSERT INTO users (email, team_id, is_active) VALUES ('a@example.com', 1, 1)");
  EXPECT_EQ(db.rows("SELECT id, login_count FROM users")[0], (std::vector<std::string>{"1", "0"}));
  EXPECT_EQ(db.rows("SELECT typeof(created_at) FROM users")[0][0], "text");
  const std::string task =
      "INSERT INTO tasks (public_id, title, status, position, owner_id, progress) VALUES "
      "('6f9619ff-8b86-d011-b42d-00cf4fc964ff', 'write tests', ";
  EXPECT_EQ(db.try_execute(task + "'done', 1, 1, 0.5)"), "");
  EXPECT_NE(db.try_execute(task + "'lost', 2, 1, 0.5)").find("CHECK constraint failed: ck_tasks_status_enum"),
            std::string::npos);
  EXPECT_NE(db.try_execute("INSERT INTO users (email, team_id, is_active) VALUES ('b@example.com', 99, 1)")
                .find("FOREIGN KEY constraint failed"),
            std::string::npos);
  EXPECT_NE(db.try_execute("UPDATE users SET login_count = -1").find("ck_users_login_count_nonnegative"),
            std::string::npos);
  // ON DELETE CASCADE from teams reaches users, and from users reaches tasks' RESTRICT.
  EXPECT_NE(db.try_execute("DELETE FROM teams"), "");
  EXPECT_TRUE(db.rows("PRAGMA foreign_key_check").empty());
}

TEST(SqliteCreateAllExecutes, AwkwardIdentifiersWork) {
  InMemorySqlite db;
  ASSERT_NO_THROW(create_all(db, sqlmodel::testing::awkward_identifiers_schema()));
  db.execute("INSERT INTO \"user\" (\"MixedCase\", \"we\"\"ird\") VALUES ('x', 'y')");
  db.execute("INSERT INTO \"order\" (\"user\", \"select\", \"has space\", \"it's\") VALUES (1, 0, 'a', 'b')");
  EXPECT_NE(db.try_execute("INSERT INTO \"order\" (\"user\", \"select\") VALUES (1, -1)").find("ck_order_select"),
            std::string::npos);
  auto names = db.rows("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name");
  ASSERT_EQ(names.size(), 3u);
  EXPECT_EQ(names[0][0], "ix_MixedCase_we\"ird_order");
  EXPECT_TRUE(db.rows("PRAGMA foreign_key_check").empty());
}

}  // namespace
}  // namespace sqlmodel::schema
