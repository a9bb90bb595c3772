// Valid SQL written by hand draws no diagnostic: CTEs, subqueries in FROM, aliases of result
// columns, functions, window functions, ON CONFLICT with excluded, tables the project does not
// model, quoted names, parameters in every position, casts, scripts that create what they use.
// RUN: %clang_sqlmodel -Xclang -verify -Werror %s
// expected-no-diagnostics
#include <sqlmodel/annotations.hpp>
#include <sqlmodel/session.hpp>

struct SQLMODEL_TABLE(.name = "teams") Team {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::string name;
};
struct SQLMODEL_TABLE(.name = "users") User {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::string email;
  std::int64_t age = 0;
  std::string position;
  SQLMODEL_FIELD(.foreign_key = "teams.id", .index = true) std::optional<std::int64_t> team_id;
};

using sqlmodel::text;

void queries(sqlmodel::Session& session) {
  session.exec(text("WITH RECURSIVE chain(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM chain WHERE n < 5) SELECT n FROM chain"));
  session.exec(text("WITH adults AS (SELECT id, email AS mail FROM users WHERE age >= 18) SELECT a.mail, whatever FROM adults a"));
  session.exec(text("SELECT s.total FROM (SELECT team_id, count(*) AS total FROM users GROUP BY team_id) AS s WHERE s.total > 1"));
  session.exec(text("SELECT team_id, count(*) AS n FROM users GROUP BY team_id HAVING count(*) > 1 ORDER BY n DESC"));
  session.exec(text("SELECT email, row_number() OVER (PARTITION BY team_id ORDER BY age) AS rank FROM users"));
  session.exec(text("SELECT count(DISTINCT team_id), max(age), coalesce(min(email), 'none') FROM users"));
  session.exec(text("SELECT team_id, string_agg(email, ',' ORDER BY age DESC, email) FROM users GROUP BY team_id"));
  session.exec(text("SELECT \"users\".\"email\", position FROM \"users\" WHERE email LIKE :pattern || '%'").bind("pattern", "a"));
  session.exec(text("SELECT u.email, t.name FROM users AS u LEFT OUTER JOIN teams AS t ON t.id = u.team_id WHERE t.id IS NULL OR u.age BETWEEN :lo AND :hi").bind("lo", 1).bind("hi", 9));
  session.exec(text("SELECT email FROM users WHERE EXISTS (SELECT 1 FROM teams WHERE teams.id = users.team_id) AND age = ANY (SELECT age FROM users)"));
  session.exec(text("SELECT CAST(age AS TEXT), age::bigint, CASE WHEN age > 1 THEN 'a' ELSE 'b' END FROM users"));
  session.exec(text("INSERT INTO users (email, age) VALUES (:email, :age) ON CONFLICT (email) DO UPDATE SET age = excluded.age WHERE users.age < excluded.age RETURNING id").bind("email", "a").bind("age", 1));
  session.exec(text("INSERT OR IGNORE INTO teams (name) SELECT DISTINCT email FROM users"));
  session.exec(text("INSERT INTO teams DEFAULT VALUES"));
  session.exec(text("UPDATE users SET age = t.id FROM teams t WHERE t.id = users.team_id"));
  session.exec(text("DELETE FROM users WHERE team_id IN (SELECT id FROM teams WHERE name = :n)").bind("n", "x"));
  session.exec(text("SELECT name, type FROM sqlite_master WHERE type = 'table'"));
  session.exec(text("SELECT * FROM audit_log WHERE anything = 1"));
  session.exec(text("SELECT email FROM users ORDER BY age NULLS LAST LIMIT :n OFFSET 5").bind("n", 5));
  session.exec(text("SELECT email FROM users UNION SELECT name FROM teams ORDER BY 1"));
  session.exec(text("SELECT email FROM users WHERE email = 'it''s :not a parameter' -- :nor this\n"));
  session.exec(text("SELECT now(), CURRENT_TIMESTAMP, :v").bind("v", 1));
  session.exec(text("SELECT x.n FROM json_each('[1,2]') AS x(n)"));
  session.exec(text("SELECT email FROM users FOR UPDATE SKIP LOCKED"));
  session.exec(text("select EMAIL from USERS where AGE > 1;"));
  session.exec_script(
      "CREATE TABLE scratch (k INTEGER, v TEXT);"
      "INSERT INTO scratch (k, v) SELECT id, email FROM users;"
      "ALTER TABLE users ADD COLUMN nickname TEXT;"
      "UPDATE users SET nickname = email");
  sqlmodel::Text<> kept = text("SELECT id FROM users WHERE email = :email");
  kept.bind("email", "x");
  session.exec(kept);
}
