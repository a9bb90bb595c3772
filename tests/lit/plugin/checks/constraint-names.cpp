// Two indexes or constraints with one name (index names are schema-wide on PostgreSQL).
// RUN: %clang_sqlmodel -Xclang -verify %s
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "users")
SQLMODEL_INDEX(.columns = {"email"}, .name = "by_email")  // expected-note 2 {{the other one is declared here}}
SQLMODEL_INDEX(.columns = {"email", "id"}, .name = "by_email")  // expected-error {{index 'by_email' of table 'users' has the same name as index 'by_email' of table 'users' [sqlmodel-constraint-names]}}
SQLMODEL_CHECK(.name = "positive", .expression = "id > 0")  // expected-note {{the other one is declared here}}
SQLMODEL_CHECK(.name = "positive", .expression = "id >= 1")  // expected-error {{check constraint 'ck_users_positive' of table 'users' has the same name as check constraint 'ck_users_positive'}}
User {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  std::string email;
};

struct SQLMODEL_TABLE(.name = "teams")
SQLMODEL_INDEX(.columns = {"name"}, .name = "by_email")  // expected-error {{index 'by_email' of table 'teams' has the same name as index 'by_email' of table 'users'}}
Team {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  std::string name;
};
