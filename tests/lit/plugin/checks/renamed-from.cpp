// renamed_from naming a column (or table) that still exists.
// RUN: %clang_sqlmodel -Xclang -verify %s
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "people") Person {  // expected-note {{the live table is declared here}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};

struct SQLMODEL_TABLE(.name = "users", .renamed_from = "people") User {  // expected-error {{table 'users' is renamed from 'people', which is still a table [sqlmodel-renamed-from]}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  std::string email;  // expected-note {{the live column is declared here}}
  SQLMODEL_FIELD(.renamed_from = "email") std::string login;  // expected-error {{column 'users.login' is renamed from 'email', which is still a column of the table}}
  SQLMODEL_FIELD(.renamed_from = "nick") std::string nickname;
  SQLMODEL_FIELD(.renamed_from = "phone") std::string phone;  // expected-error {{column 'users.phone' is renamed from itself}}
};
