// text<std::tuple<...>>: one element per result column of the statement, and a result column
// that is a plain column of a model reads into its element's type. (text<Model>:
// sql-text-result-model.cpp.)
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: %clang_sqlmodel -fplugin-arg-sqlmodel-checks=-sql-text-result %s
#include <chrono>
#include <sqlmodel/annotations.hpp>
#include <sqlmodel/session.hpp>

struct SQLMODEL_TABLE(.name = "users") User {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::string email;  // expected-note 2 {{column 'users.email' is declared here}}
  std::int64_t age = 0;
  double score = 0;  // expected-note {{column 'users.score' is declared here}}
  std::chrono::system_clock::time_point created;
};

using sqlmodel::text;
using Row = std::tuple<std::string, std::int64_t>;
using Wide = std::tuple<std::string, std::string, std::string, std::string, std::string, std::int64_t>;

void queries(sqlmodel::Session& session) {
  session.exec(text<Row>("SELECT email, age FROM users"));
  session.exec(text<std::tuple<std::string, std::int64_t, std::int64_t>>("SELECT email, age FROM users"));  // expected-error {{text<std::tuple<std::string, std::int64_t, std::int64_t>> reads 3 columns, but the statement returns 2 [sqlmodel-sql-text-result]}}
  session.exec(text<Row>("SELECT u.email AS mail, count(*) FROM users u GROUP BY u.email"));
  session.exec(text<Row>("SELECT age, email FROM users"));  // expected-error {{result column 2 'users.email' is std::string in the model, but element 2 of Row is std::int64_t [sqlmodel-sql-text-result]}}
  session.exec(text<std::tuple<std::int64_t>>("SELECT score FROM users"));  // expected-error {{result column 1 'users.score' is double in the model}}
  // Lenient where the value converts: an integer into a double, anything but a blob into a string,
  // a NULL-able id into a non-optional (a WHERE may exclude the NULLs).
  session.exec(text<std::tuple<double, std::string, std::int64_t>>("SELECT age, created, id FROM users"));
  // * is the model's columns.
  session.exec(text<std::tuple<std::int64_t, std::string>>("SELECT * FROM users"));  // expected-error {{reads 2 columns, but the statement returns 5}}
  // A *'s own columns are in the database's order, which a migration's appended column makes
  // differ from the model's: only counted. A column after it is at a known position.
  session.exec(text<Wide>("SELECT *, age FROM users"));
  session.exec(text<Wide>("SELECT u.*, u.email FROM users u"));  // expected-error {{result column 6 'users.email' is std::string in the model, but element 6 of Wide is std::int64_t}}
  session.exec(text<std::tuple<std::int64_t>>("UPDATE users SET age = 1"));  // expected-error {{text<std::tuple<std::int64_t>> reads rows, but the statement returns none; add a RETURNING clause}}
  session.exec(text<std::tuple<std::int64_t>>("UPDATE users SET age = 1 RETURNING id"));
  // Unknown shapes are left alone: a CTE's *, an unmodeled table.
  session.exec(text<std::tuple<std::int64_t>>("WITH x AS (SELECT id, age FROM users) SELECT * FROM x"));
  session.exec(text<std::tuple<std::string>>("SELECT * FROM sqlite_master"));
}
