// A text() statement the checker cannot read is a warning, never an error: the dialect may
// accept what the checker does not know. Statements that are not queries (DDL, PRAGMA, SET)
// are not read and not warned about. The warning follows -Werror and -w, the per-check switch
// and NOLINT.
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: %clang_sqlmodel -w -Werror %s
// RUN: %clang_sqlmodel -Werror -fplugin-arg-sqlmodel-checks=-sql-text-syntax %s
// RUN: not %clang_sqlmodel -Werror %s 2>&1 | FileCheck %s
// CHECK: error: the text() statement could not be checked: it does not begin with a statement keyword the checker knows ('SELEC'); did you mean 'SELECT'?{{.*}}[sqlmodel-sql-text-syntax,-Werror]
#include <sqlmodel/annotations.hpp>
#include <sqlmodel/session.hpp>

struct SQLMODEL_TABLE(.name = "users") User {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::string email;
};

void queries(sqlmodel::Session& session) {
  session.exec(sqlmodel::text("SELEC email FROM users"));  // expected-warning {{the text() statement could not be checked: it does not begin with a statement keyword the checker knows ('SELEC'); did you mean 'SELECT'?; the database will be the first to read it [sqlmodel-sql-text-syntax]}}
  session.exec(sqlmodel::text("SELECT email FROM users WHERE"));  // expected-warning {{could not be checked: unexpected token ''}}
  session.exec(sqlmodel::text("SELECT email FROM users WHERE email = 'unterminated"));  // expected-warning {{could not be checked: unterminated}}
  // A dialect's own syntax: the names after it are left unchecked, not called wrong.
  session.exec(sqlmodel::text("SELECT email FROM users WHERE email SIMILAR TO 'a%' ESCAPE '!' QUALIFY x"));  // expected-warning {{could not be checked: unexpected 'QUALIFY' after the statement}}
  session.exec(sqlmodel::text("SELECT email FROM users LIMIT 1 ()"));  // NOLINT(sqlmodel-sql-text-syntax)
  // Not queries: left alone.
  session.exec(sqlmodel::text("PRAGMA foreign_keys = ON"));
  session.exec(sqlmodel::text("CREATE INDEX ix_users_emial ON users (emial)"));
  session.exec_script("SET search_path TO app; VACUUM");
}
