// text<Model>(...): the runtime reads the model's columns by name from the statement's result
// (it wraps the statement in SELECT t.<columns> FROM (...)), so the statement must return each
// of them. Compiled the way an application is: against the traits the plugin generated.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang_sqlmodel -I%S/Inputs -fplugin-arg-sqlmodel-emit=%t/sql_text_models.sqlmodel.hpp %S/Inputs/sql_text_models.cpp
// RUN: %clang_sqlmodel -I%S/Inputs -I%t -I%sqlmodel_src/runtime -Xclang -verify %s
// RUN: %clang_sqlmodel -I%S/Inputs -I%t -I%sqlmodel_src/runtime -fplugin-arg-sqlmodel-checks=-sql-text-result %s
#include <sqlmodel/session.hpp>

#include "sql_text_models.sqlmodel.hpp"

using sqlmodel::text;

void queries(sqlmodel::Session& session) {
  session.exec(text<User>("SELECT * FROM users WHERE age > :age").bind("age", 1));
  session.exec(text<User>("SELECT u.* FROM users u JOIN users v ON v.id = u.id"));
  session.exec(text<User>("SELECT id, email, age, 0.5 AS score FROM users"));
  session.exec(text<User>("SELECT id, email FROM users"));  // expected-error {{text<User> reads the model's columns by name, but the statement does not return 'age', 'score' [sqlmodel-sql-text-result]}}
  session.exec(text<User>("UPDATE users SET age = 1"));  // expected-error {{text<User> reads rows, but the statement returns none}}
  // A CTE's * and an unmodeled table's are not known here: left alone.
  session.exec(text<User>("WITH x AS (SELECT * FROM users) SELECT * FROM x"));
  session.exec(text<User>("SELECT * FROM users_archive"));
}
