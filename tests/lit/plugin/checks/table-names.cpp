// Two models mapping to one table.
// RUN: %clang_sqlmodel -Xclang -verify %s
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "users") User {  // expected-note 2 {{the other model is declared here}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};

namespace admin {
struct SQLMODEL_TABLE(.name = "users") Account {  // expected-error {{struct 'Account' and struct 'User' both map to table 'users' [sqlmodel-table-names]}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};
}  // namespace admin

// The default table name is the struct's name, lowercased.
struct SQLMODEL_TABLE() Users {  // expected-error {{struct 'Users' and struct 'User' both map to table 'users'}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};
