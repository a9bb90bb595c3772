// Warning: an index identical to another one.
// RUN: %clang_sqlmodel -Xclang -verify %s
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "users")
SQLMODEL_INDEX(.columns = {"email"}, .name = "ix_email_again")  // expected-warning {{index 'ix_email_again' of table 'users' duplicates index 'ix_users_email' [sqlmodel-duplicate-index]}}
SQLMODEL_INDEX(.columns = {"email"}, .name = "ix_email_live", .where = "deleted = false")
SQLMODEL_UNIQUE(.columns = {"login"}, .name = "login_unique")  // expected-warning {{unique constraint 'login_unique' of table 'users' duplicates unique constraint 'uq_users_login'}}
User {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.index = true) std::string email;  // expected-note {{the identical one is declared here}}
  SQLMODEL_FIELD(.unique = true) std::string login;  // expected-note {{the identical one is declared here}}
  bool deleted = false;
};
