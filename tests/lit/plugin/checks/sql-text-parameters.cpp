// Named parameters against what the call binds: a value for a name the statement does not have
// is an error where it is bound (with a fix-it to the parameter it was meant for); a :name
// without a value is an error at the parameter when the query goes straight into
// session.exec(), where nothing can bind it later. A query kept in a variable may be bound
// later: only its bound names are checked.
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: not %clang_sqlmodel -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
// RUN: %clang_sqlmodel -fplugin-arg-sqlmodel-checks=-sql-text-parameters %s
#include <sqlmodel/annotations.hpp>
#include <sqlmodel/session.hpp>

struct SQLMODEL_TABLE(.name = "users") User {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::string email;
  std::int64_t age = 0;
};

using sqlmodel::text;

void queries(sqlmodel::Session& session, const std::string& dynamic_name) {
  session.exec(text("SELECT id FROM users WHERE email = :email AND age > :age").bind("email", "a").bind("age", 3));

  // Misspelt where it is bound: one error, not a second one for the :email it was meant for.
  session.exec(text("SELECT id FROM users WHERE email = :email")  // expected-note {{the statement is here}}
                   .bind("emial", "a"));  // expected-error {{a value is bound for parameter ':emial', which the text() statement does not have; did you mean 'email'? [sqlmodel-sql-text-parameters]}}
  // CHECK: fix-it:"{{.*}}sql-text-parameters.cpp":{[[@LINE-1]]:26-[[@LINE-1]]:33}:"\"email\""

  // Bound for nothing at all.
  session.exec(text("SELECT id FROM users").bind("limit", 3));  // expected-error {{which the text() statement does not have (its parameters: none)}} expected-note {{the statement is here}}

  // Never bound.
  session.exec(text("UPDATE users SET age = :age WHERE id = :id").bind("age", 1));  // expected-error {{no value is bound for parameter ':id' of the text() statement; bind one with .bind("id", value) [sqlmodel-sql-text-parameters]}}

  // '::' is a cast, quoted text and comments hold no parameters.
  session.exec(text("SELECT id FROM users WHERE age::text = ':x' /* :y */ AND email = :e -- :z\n").bind("e", "a"));

  // Kept in a variable: bound later, so a missing value is not an error here; a wrong name is.
  auto query = text("SELECT id FROM users WHERE email = :email AND age = :age").bind("email", "a");
  query.bind("age", 3);
  auto other = text("SELECT id FROM users WHERE age = :age").bind("agee", 3);  // expected-error {{parameter ':agee'}} expected-note {{the statement is here}}
  // A name that is not a literal: nothing is known about what is bound.
  session.exec(text("SELECT id FROM users WHERE age = :age").bind(dynamic_name, 3));
  session.exec(query);
  (void)other;
}
