#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "schema/sql_statement.hpp"

namespace sqlmodel::schema {
namespace {

std::vector<std::string> column_names(const SqlStatementReading& reading) {
  std::vector<std::string> names;
  for (const auto& column : reading.columns)
    names.push_back((column.qualifier ? column.qualifier->text + "." : std::string()) + column.column.text);
  return names;
}

TEST(SqlStatement, SelectWithJoinAliasesAndParameters) {
  std::string_view sql = "SELECT u.email, t.name AS team FROM users u JOIN teams AS t ON t.id = u.team_id "
                         "WHERE u.age > :min ORDER BY team";
  SqlStatementReading reading = read_sql_statement(sql);
  ASSERT_TRUE(reading.read) << reading.problem;
  EXPECT_EQ(reading.kind, SqlStatementKind::select);
  ASSERT_EQ(reading.sources.size(), 2u);
  EXPECT_EQ(reading.sources[0].table->text, "users");
  EXPECT_EQ(reading.sources[0].alias->text, "u");
  EXPECT_EQ(reading.sources[1].alias->text, "t");
  EXPECT_EQ(column_names(reading),
            (std::vector<std::string>{"u.email", "t.name", "t.id", "u.team_id", "u.age", "team"}));
  ASSERT_EQ(reading.parameters.size(), 1u);
  EXPECT_EQ(reading.parameters[0].name, "min");
  EXPECT_EQ(sql.substr(reading.parameters[0].offset, 4), ":min");
  ASSERT_EQ(reading.results.size(), 2u);
  ASSERT_TRUE(reading.results[0].plain_column);
  EXPECT_EQ(reading.columns[*reading.results[0].plain_column].column.text, "email");
  ASSERT_EQ(reading.result_aliases.size(), 1u);
  EXPECT_EQ(reading.result_aliases[0].text, "team");
  // Offsets point at the words in the text.
  EXPECT_EQ(sql.substr(reading.columns[4].column.offset, 3), "age");
}

TEST(SqlStatement, SubqueriesOpenScopesThatSeeTheOuterOne) {
  SqlStatementReading reading =
      read_sql_statement("SELECT email FROM users WHERE id IN (SELECT user_id FROM orders WHERE orders.total > users.age)");
  ASSERT_TRUE(reading.read) << reading.problem;
  ASSERT_EQ(reading.scopes.size(), 2u);
  EXPECT_EQ(reading.scopes[1].parent, 0u);
  EXPECT_EQ(reading.sources[1].table->text, "orders");
  EXPECT_EQ(reading.sources[1].scope, 1u);
  for (const auto& column : reading.columns)
    EXPECT_EQ(column.scope, column.column.text == "email" || column.column.text == "id" ? 0u : 1u) << column.column.text;
}

TEST(SqlStatement, CtesSubqueriesAndFunctionsAreOpaqueSources) {
  SqlStatementReading reading = read_sql_statement(
      "WITH recent AS (SELECT id FROM users) SELECT r.id, s.n FROM recent r, (SELECT 1 AS n) s, json_each('[]') j");
  ASSERT_TRUE(reading.read) << reading.problem;
  std::vector<bool> opaque;
  for (const auto& source : reading.sources)
    if (source.table && source.table->text == "users") EXPECT_FALSE(source.opaque());
    else opaque.push_back(source.opaque());
  EXPECT_EQ(opaque, (std::vector<bool>{true, true, true}));
}

TEST(SqlStatement, InsertUpdateDeleteTargets) {
  SqlStatementReading insert = read_sql_statement(
      "INSERT INTO users (email, age) VALUES (:e, 1) ON CONFLICT (email) DO UPDATE SET age = excluded.age RETURNING id");
  ASSERT_TRUE(insert.read) << insert.problem;
  EXPECT_EQ(insert.kind, SqlStatementKind::insert);
  EXPECT_TRUE(insert.columns[0].target_column);
  EXPECT_EQ(column_names(insert), (std::vector<std::string>{"email", "age", "email", "age", "excluded.age", "id"}));
  EXPECT_EQ(insert.results.size(), 1u);

  SqlStatementReading update = read_sql_statement("UPDATE users AS u SET age = age + 1, (a, b) = (1, 2) WHERE u.id = 3;");
  ASSERT_TRUE(update.read) << update.problem;
  EXPECT_EQ(update.kind, SqlStatementKind::update);
  EXPECT_EQ(column_names(update), (std::vector<std::string>{"age", "age", "a", "b", "u.id"}));
  EXPECT_TRUE(update.results.empty());

  SqlStatementReading remove = read_sql_statement("DELETE FROM users USING teams WHERE teams.id = users.team_id");
  ASSERT_TRUE(remove.read) << remove.problem;
  EXPECT_EQ(remove.sources.size(), 2u);
}

TEST(SqlStatement, ParametersCastsAndQuotes) {
  SqlStatementReading reading =
      read_sql_statement("SELECT a::text, ':not', \"col:x\" FROM t WHERE b = :b -- :c\n AND c = :b /* :d */");
  ASSERT_TRUE(reading.read) << reading.problem;
  ASSERT_EQ(reading.parameters.size(), 2u);
  EXPECT_EQ(reading.parameters[0].name, "b");
  EXPECT_EQ(reading.parameters[1].name, "b");
}

TEST(SqlStatement, WhatItCannotReadIsSaidNotGuessed) {
  SqlStatementReading typo = read_sql_statement("SELEC * FROM users");
  EXPECT_FALSE(typo.read);
  EXPECT_NE(typo.problem.find("did you mean 'SELECT'"), std::string::npos) << typo.problem;

  SqlStatementReading ddl = read_sql_statement("CREATE TABLE x (a int)");
  EXPECT_EQ(ddl.kind, SqlStatementKind::other);
  EXPECT_TRUE(ddl.problem.empty());

  SqlStatementReading cut = read_sql_statement("SELECT a FROM t WHERE");
  EXPECT_FALSE(cut.read);
  EXPECT_FALSE(cut.problem.empty());

  SqlStatementReading unterminated = read_sql_statement("SELECT 'a");
  EXPECT_FALSE(unterminated.lexed);
  EXPECT_EQ(unterminated.problem_offset, 7u);
}

// Every prefix of a statement that uses most of what the reader knows, and every single-byte
// corruption of it, reads without throwing or crashing.
TEST(SqlStatement, NeverThrowsOnAnyPrefixOrCorruption) {
  std::string sql =
      "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 3) "
      "SELECT DISTINCT ON (u.id) u.*, count(*) FILTER (WHERE x > 1) OVER (PARTITION BY y) AS k, "
      "CASE WHEN a IS NULL THEN 'x' ELSE b::text END FROM users u LEFT JOIN (SELECT * FROM t) AS s(q) "
      "USING (id) WHERE EXISTS (SELECT 1) AND z = ANY (SELECT 2) GROUP BY 1 HAVING sum(a) > :m "
      "ORDER BY k DESC NULLS LAST LIMIT 5 OFFSET 2 FOR UPDATE";
  ASSERT_TRUE(read_sql_statement(sql).read) << read_sql_statement(sql).problem;
  for (std::size_t length = 0; length <= sql.size(); ++length) read_sql_statement(sql.substr(0, length));
  for (std::size_t i = 0; i < sql.size(); i += 3)
    for (char c : {'(', ')', '\'', '"', ',', ':', '*', '\0'}) {
      std::string corrupted = sql;
      corrupted[i] = c;
      read_sql_statement(corrupted);
    }
  read_sql_statement(std::string(5000, '('));
  read_sql_statement("SELECT " + std::string(5000, '(') + "1");
}

TEST(SqlStatement, ScriptsSplitAtTopLevelSemicolons) {
  std::string_view script = "CREATE TABLE a (x text DEFAULT ';'); INSERT INTO a VALUES (';') ;; SELECT 1";
  std::vector<SqlScriptStatement> statements = split_sql_script(script);
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_EQ(statements[1].text, "INSERT INTO a VALUES (';') ");
  EXPECT_EQ(script.substr(statements[2].offset), "SELECT 1");
  EXPECT_TRUE(split_sql_script("'unterminated; x").empty());
}

}  // namespace
}  // namespace sqlmodel::schema
