// Create / Read / Update models checked against the table they mirror.
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: not %clang_sqlmodel -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "users") User {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::string email;
  std::int32_t age = 0;  // expected-note {{the column is declared here}}
  SQLMODEL_FIELD(.name = "full_name") std::optional<std::string> name;
};

struct SQLMODEL_MODEL(.mirrors = "User") UserCreate {
  std::string email;
  std::string age;  // expected-error {{field 'age' of model 'UserCreate' is string but column 'users.age' is int32 [sqlmodel-mirror-models]}}
  std::string emial;  // expected-error {{field 'emial' of model 'UserCreate' is not a column of table 'users'; did you mean 'email'?}}
};

struct SQLMODEL_MODEL(.mirrors = "users", .partial = true) UserUpdate {
  std::optional<std::string> email;
  std::int32_t age;  // expected-error {{field 'age' of partial model 'UserUpdate' must be std::optional}}
  // CHECK: fix-it:"{{.*}}mirror-models.cpp":{[[@LINE-1]]:3-[[@LINE-1]]:3}:"std::optional<"
};

// Fields map to members by the member's name (the JSON key), not the column's.
struct SQLMODEL_MODEL(.mirrors = "User") UserRead {
  std::optional<std::string> name;
  std::optional<std::string> full_name;  // expected-error {{field 'full_name' of model 'UserRead' is named after column 'users.full_name': a mirror field takes the name of the table struct's member, 'name' [sqlmodel-mirror-models]}}
};

struct SQLMODEL_MODEL(.mirrors = "accounts") AccountRead {  // expected-error {{model 'AccountRead' mirrors 'accounts', which is not a table of this translation unit}}
  std::int64_t id;
};
