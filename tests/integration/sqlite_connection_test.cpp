// URL parsing and the SQLite connection, against real database files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>

#include "db/connection.hpp"
#include "db/sqlite_connection.hpp"
#include "support/test_databases.hpp"

namespace sqlmodel {
namespace {

using ::testing::HasSubstr;

std::string invalid_url_message(std::string_view url) {
  try {
    db::parse_url(url);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  ADD_FAILURE() << "parse_url accepted " << url;
  return {};
}

TEST(SqliteUrl, RelativeAbsoluteAndMemoryPaths) {
  auto relative = db::parse_url("sqlite:///app.db");
  EXPECT_EQ(relative.dialect, schema::Dialect::sqlite);
  EXPECT_EQ(relative.sqlite_path, "app.db");
  EXPECT_EQ(db::parse_url("sqlite:///data/app.db").sqlite_path, "data/app.db");
  EXPECT_EQ(db::parse_url("sqlite:////var/lib/app.db").sqlite_path, "/var/lib/app.db");
  EXPECT_EQ(db::parse_url("sqlite:///:memory:").sqlite_path, ":memory:");
  EXPECT_EQ(db::parse_url("sqlite://").sqlite_path, ":memory:");
  EXPECT_EQ(db::parse_url("SQLite:///app.db").sqlite_path, "app.db");
}

TEST(SqliteUrl, PostgresUrlsAreHandedOnAsWritten) {
  for (std::string url : {"postgresql://alice:secret@db.example:5433/app?sslmode=require",
                          "postgres://localhost/app", "postgresql://"}) {
    auto parsed = db::parse_url(url);
    EXPECT_EQ(parsed.dialect, schema::Dialect::postgresql) << url;
    EXPECT_EQ(parsed.postgres_uri, url);
    EXPECT_TRUE(parsed.sqlite_path.empty());
  }
}

TEST(SqliteUrl, BadUrlsNameTheUrlAndTheProblem) {
  EXPECT_THAT(invalid_url_message("mysql://localhost/app"),
              AllOf(HasSubstr("'mysql://localhost/app'"), HasSubstr("unsupported scheme 'mysql'")));
  EXPECT_THAT(invalid_url_message("app.db"), AllOf(HasSubstr("'app.db'"), HasSubstr("no scheme")));
  EXPECT_THAT(invalid_url_message(""), HasSubstr("empty"));
  EXPECT_THAT(invalid_url_message("sqlite:///"), HasSubstr("no database file"));
  EXPECT_THAT(invalid_url_message("sqlite://host/app.db"), HasSubstr("no host part"));
  EXPECT_THAT(invalid_url_message("sqlite:///app.db?mode=ro"), HasSubstr("query options"));
  EXPECT_THAT(invalid_url_message("postgresql+psycopg2://u@h/db"), HasSubstr("driver suffix"));
}

TEST(SqliteUrl, PasswordsNeverAppearInErrors) {
  std::string message = invalid_url_message("mysql://alice:hunter2@localhost/app");
  EXPECT_THAT(message, Not(HasSubstr("hunter2")));
  EXPECT_THAT(message, HasSubstr("mysql://alice:***@localhost/app"));
}

// libpq quotes the part of a URL it cannot parse, password included, in its own words: the
// message is masked with the URL it came from, the password as written and percent-decoded.
TEST(SqliteUrl, MaskUrlSecretsHidesThePasswordWhereverAMessageQuotesIt) {
  const std::string url = "postgresql://admin:Top%21Secret@[::1/db?password=other";
  const std::string message = db::mask_url_secrets(
      "invalid URI \"" + url + "\": near \"admin:Top%21Secret@[\"; also Top!Secret and other", url);
  EXPECT_THAT(message, Not(HasSubstr("Secret")));
  EXPECT_THAT(message, Not(HasSubstr("other")));
  EXPECT_THAT(message, HasSubstr("postgresql://admin:***@[::1/db?password=***"));
  EXPECT_EQ(db::mask_url_secrets("nothing to hide", "sqlite:///app.db"), "nothing to hide");
}

// A secret that the mask itself contains ("*") must not match the masks already written: each
// such secret tripled the text (a fuzzer's URL with many "password=*" ran for seconds).
TEST(SqliteUrl, MaskingSecretsThatLookLikeTheMaskKeepsTheTextItsSize) {
  std::string url = "postgresql://adm:h@db/x?";
  for (int i = 0; i < 40; ++i) url += "password=*&password=h&";
  url += "password=**";
  const std::string message = db::mask_url_secrets("could not parse \"" + url + "\": " + url, url);
  EXPECT_LE(message.size(), 2 * (url.size() * 2 + 20));
  EXPECT_THAT(message, Not(HasSubstr("=h")));
  EXPECT_LE(db::display_url(url).size(), url.size() * 2);
}

#ifndef SQLMODEL_HAVE_POSTGRES
TEST(SqliteUrl, PostgresUrlWithoutPostgresSupportIsAClearError) {
  try {
    db::connect("postgresql://localhost/app");
    FAIL() << "connect() opened a PostgreSQL URL in a build without PostgreSQL";
  } catch (const DatabaseError& error) {
    EXPECT_THAT(error.what(), HasSubstr("SQLMODEL_WITH_POSTGRES"));
  }
}
#endif

class SqliteConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path = testing::scratch_directory() / "connection.db";
    connection = db::connect("sqlite:///" + path.string());
  }

  std::filesystem::path path;
  std::unique_ptr<db::Connection> connection;
};

TEST_F(SqliteConnectionTest, OpensAFileAndEnforcesForeignKeys) {
  EXPECT_EQ(connection->dialect(), schema::Dialect::sqlite);
  EXPECT_TRUE(std::filesystem::exists(path));
  auto result = connection->query("PRAGMA foreign_keys");
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_EQ(result.rows[0][0], "1");

  connection->execute(
      "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
      "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id));");
  EXPECT_THROW(connection->execute("INSERT INTO child (parent_id) VALUES (42)"), DatabaseError);
}

TEST_F(SqliteConnectionTest, AbsoluteUrlReachesTheSameFile) {
  ASSERT_TRUE(path.is_absolute());
  connection->execute("CREATE TABLE t (x INTEGER)");
  auto again = db::connect("sqlite:///" + path.string());  // "sqlite:////abs/path"
  EXPECT_EQ(again->query("SELECT name FROM sqlite_schema").rows.size(), 1u);
}

TEST_F(SqliteConnectionTest, ExecuteRunsEveryStatementOfAScript) {
  connection->execute(R"sql(
    -- a script, as a migration file would hold it
    CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
    /* two inserts */ INSERT INTO notes (body) VALUES ('a; not a separator');
    INSERT INTO notes (body) VALUES ('b');
  )sql");
  auto rows = connection->query("SELECT body FROM notes ORDER BY id").rows;
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], "a; not a separator");
  EXPECT_EQ(rows[1][0], "b");
}

TEST_F(SqliteConnectionTest, QueryBindsTextAndNullAndReturnsText) {
  connection->execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, price REAL)");
  connection->query("INSERT INTO items (name, price) VALUES (?1, ?2)", {"it's", "2.5"});
  connection->query("INSERT INTO items (name, price) VALUES (?1, ?2)", {std::nullopt, "3"});
  auto result = connection->query("SELECT id, name, price FROM items WHERE id >= ?1 ORDER BY id", {"1"});
  EXPECT_EQ(result.column_names, (std::vector<std::string>{"id", "name", "price"}));
  ASSERT_EQ(result.rows.size(), 2u);
  EXPECT_EQ(result.rows[0], (db::Row{"1", "it's", "2.5"}));
  EXPECT_EQ(result.rows[1], (db::Row{"2", std::nullopt, "3.0"}));
}

TEST_F(SqliteConnectionTest, ErrorsNameTheDatabaseTheStatementAndSqlitesReason) {
  try {
    connection->execute("CREATE TABLE ok (x INTEGER); SELEC nonsense");
    FAIL() << "a syntax error was accepted";
  } catch (const DatabaseError& error) {
    EXPECT_THAT(error.what(), HasSubstr(path.string()));
    EXPECT_THAT(error.what(), HasSubstr("syntax error"));
    EXPECT_EQ(error.statement(), "SELEC nonsense");
  }
  try {
    connection->query("SELECT * FROM missing_table WHERE x = ?1", {"1"});
    FAIL() << "a query of a missing table succeeded";
  } catch (const DatabaseError& error) {
    EXPECT_THAT(error.what(), HasSubstr("no such table: missing_table"));
    EXPECT_EQ(error.statement(), "SELECT * FROM missing_table WHERE x = ?1");
  }
}

TEST_F(SqliteConnectionTest, QueryRefusesAWrongParameterCountAndASecondStatement) {
  EXPECT_THROW(connection->query("SELECT ?1, ?2", {"only one"}), DatabaseError);
  EXPECT_THROW(connection->query("SELECT 1", {"unused"}), DatabaseError);
  EXPECT_THROW(connection->query("SELECT 1; SELECT 2"), DatabaseError);
  EXPECT_NO_THROW(connection->query("SELECT 1; -- a trailing comment"));
}

// sqlite3_prepare reads the SQL as a C string: a statement holding a NUL would end there, so it
// is refused whole. A parameter is bound with its length and keeps every byte.
TEST_F(SqliteConnectionTest, ANulInAStatementIsRefusedAndInAParameterKept) {
  using namespace std::string_literals;
  connection->execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)");
  try {
    connection->execute("INSERT INTO items (name) VALUES ('a');\0 DROP TABLE items"s);
    FAIL() << "a statement holding a NUL byte ran";
  } catch (const DatabaseError& error) {
    EXPECT_THAT(error.what(), HasSubstr("the statement holds a NUL byte at offset 38"));
    EXPECT_THAT(error.what(), HasSubstr("\\x00 DROP TABLE items"));
  }
  EXPECT_EQ(connection->query("SELECT count(*) FROM items").rows.at(0).at(0), "0");
  connection->query("INSERT INTO items (name) VALUES (?1)", {"a\0b"s});
  EXPECT_EQ(connection->query("SELECT length(CAST(name AS BLOB)) FROM items").rows.at(0).at(0), "3");
}

TEST_F(SqliteConnectionTest, RollbackUndoesAndCommitKeeps) {
  connection->execute("CREATE TABLE t (x INTEGER)");
  connection->begin();
  connection->execute("INSERT INTO t VALUES (1)");
  connection->rollback();
  EXPECT_TRUE(connection->query("SELECT x FROM t").rows.empty());
  connection->begin();
  connection->execute("INSERT INTO t VALUES (2)");
  connection->commit();
  EXPECT_EQ(connection->query("SELECT x FROM t").rows.size(), 1u);
}

TEST_F(SqliteConnectionTest, CountsEveryStatementItRuns) {
  auto& sqlite = dynamic_cast<db::SqliteConnection&>(*connection);
  auto before = sqlite.statements_run();
  connection->execute("CREATE TABLE a (x); CREATE TABLE b (x); -- comment only");
  connection->query("SELECT 1");
  EXPECT_EQ(sqlite.statements_run() - before, 3u);
}

TEST(SqliteConnection, MemoryDatabasesAreSeparate) {
  auto first = db::connect("sqlite:///:memory:");
  auto second = db::connect("sqlite:///:memory:");
  first->execute("CREATE TABLE only_here (x)");
  EXPECT_EQ(first->query("SELECT count(*) FROM sqlite_schema").rows[0][0], "1");
  EXPECT_EQ(second->query("SELECT count(*) FROM sqlite_schema").rows[0][0], "0");
}

TEST(SqliteConnection, UnopenableFileIsAnErrorNamingIt) {
  auto missing_directory = testing::scratch_directory() / "no" / "such" / "dir.db";
  try {
    db::connect("sqlite:///" + missing_directory.string());
    FAIL() << "opened a file in a missing directory";
  } catch (const DatabaseError& error) {
    EXPECT_THAT(error.what(), HasSubstr(missing_directory.string()));
  }
}

}  // namespace
}  // namespace sqlmodel
