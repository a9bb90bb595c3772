// Tables and columns named by SQL written by hand (text(), exec_script()) must be the models':
// an error at the word in the string literal, with "did you mean" and a fix-it that edits the
// literal. Turned off by name, silenced by NOLINT on the call.
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: not %clang_sqlmodel -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
// RUN: %clang_sqlmodel -fplugin-arg-sqlmodel-checks=-sql-text-names %s
// sqlmodel-check (the GCC route) runs the same check with the same switch:
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/queries.cpp
// RUN: echo '[{"directory": "%t", "command": "g++ -std=c++20 -I%sqlmodel_src/include -c queries.cpp", "file": "queries.cpp"}]' > %t/compile_commands.json
// RUN: not sqlmodel-check -p %t %t/queries.cpp 2>&1 | FileCheck --check-prefix=TOOL %s
// RUN: sqlmodel-check -p %t --checks=-sql-text-names %t/queries.cpp
// TOOL: queries.cpp:[[# @LINE + 20]]:52: error: the text() statement names unknown column 'emial' of table 'users'; did you mean 'email'? [sqlmodel-sql-text-names]
#include <sqlmodel/annotations.hpp>
#include <sqlmodel/session.hpp>

struct SQLMODEL_TABLE(.name = "teams") Team {  // expected-note 3 {{table 'teams' is declared here}}
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::string name;
};

struct SQLMODEL_TABLE(.name = "users") User {  // expected-note 5 {{table 'users' is declared here}}
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::string email;
  std::int64_t age = 0;
  SQLMODEL_FIELD(.foreign_key = "teams.id", .index = true) std::optional<std::int64_t> team_id;
};

using sqlmodel::text;

void queries(sqlmodel::Session& session) {
  // An unknown column: the error points into the literal, at the word.
  session.exec(text("SELECT email FROM users WHERE emial = :email").bind("email", "a@b.c"));  // expected-error {{the text() statement names unknown column 'emial' of table 'users'; did you mean 'email'? [sqlmodel-sql-text-names]}}
  // CHECK: fix-it:"{{.*}}sql-text-names.cpp":{[[@LINE-1]]:52-[[@LINE-1]]:57}:"email"

  // A qualified column: the alias's table.
  session.exec(text("SELECT u.email, t.nmae FROM users u JOIN teams t ON t.id = u.team_id"));  // expected-error {{unknown column 't.nmae' of table 'teams'; did you mean 'name'?}}

  // A mistyped table.
  session.exec(text("SELECT * FROM usres"));  // expected-error {{the text() statement names unknown table 'usres'; did you mean 'users'?}}
  // CHECK: fix-it:"{{.*}}sql-text-names.cpp":{[[@LINE-1]]:36-[[@LINE-1]]:41}:"users"

  // A correlated subquery sees its own table and the outer one.
  session.exec(text("SELECT email FROM users WHERE team_id IN (SELECT id FROM teams WHERE nme = 'a')"));  // expected-error {{unknown column 'nme' of tables 'teams', 'users'; did you mean 'name'?}}

  // UPDATE's SET, INSERT's column list, RETURNING.
  session.exec(text("UPDATE users SET agee = 1 WHERE id = 2"));  // expected-error {{unknown column 'agee' of table 'users'; did you mean 'age'?}}
  session.exec(text("INSERT INTO users (email, ag) VALUES ('a', 1)"));  // expected-error {{unknown column 'ag' of table 'users'; did you mean 'age'?}}

  // exec_script: each statement of the script.
  session.exec_script("DELETE FROM teams WHERE id = 1; DELETE FROM users WHERE emai = 'x'");  // expected-error {{the exec_script() statement names unknown column 'emai' of table 'users'; did you mean 'email'?}}

  // A column no table has, with nothing close: no guess.
  session.exec(text("SELECT shoe_size FROM teams"));  // expected-error {{unknown column 'shoe_size' of table 'teams' [sqlmodel-sql-text-names]}}

  // Silenced on the call.
  session.exec(text("SELECT emial FROM users"));  // NOLINT(sqlmodel-sql-text-names)
  session.exec(text(  // NOLINT(sqlmodel-sql-text-names)
      "SELECT emial "
      "FROM users"));
}
