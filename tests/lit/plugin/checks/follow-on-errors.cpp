// One mistake, one error: what a reported mistake causes is not reported again.
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: not %clang_sqlmodel %s 2>&1 | FileCheck --check-prefix=ORDER %s
#include <sqlmodel/annotations.hpp>

// A mistyped table in a foreign key: one error. Not also "no index" on the key, nor "no foreign
// key to follow" for the relationships on either side.
struct Member;
struct SQLMODEL_TABLE(.name = "teams") Team {  // expected-note {{table 'teams' is declared here}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_RELATIONSHIP(.back_populates = "team") sqlmodel::RelatedList<Member> members;
};
struct SQLMODEL_TABLE(.name = "members") Member {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.foreign_key = "team.id") std::int64_t team_id;  // expected-error {{refers to unknown table 'team'; did you mean 'teams'? [sqlmodel-foreign-key-target]}}
  SQLMODEL_RELATIONSHIP(.back_populates = "members") sqlmodel::Related<Team> team;
};

// A duplicate table name: one error, reported before anything else of the file, and nothing
// about keys, types or mirrors that name the table (which of the two would they mean?).
struct SQLMODEL_TABLE(.name = "users") User {  // expected-note {{the other model is declared here}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.index = true) std::string email;
};
struct SQLMODEL_TABLE(.name = "users") Account {  // expected-error {{struct 'Account' and struct 'User' both map to table 'users' [sqlmodel-table-names]}}
  SQLMODEL_FIELD(.primary_key = true) std::int32_t id;
  SQLMODEL_FIELD(.unique = true) std::string login;
};
struct SQLMODEL_TABLE(.name = "posts") Post {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.foreign_key = "users.login", .index = true) std::string user_login;
  SQLMODEL_FIELD(.foreign_key = "users.id", .index = true) std::int32_t account_id;
  sqlmodel::Related<Account> account;
};
struct SQLMODEL_MODEL(.mirrors = "users") AccountRead {
  std::int32_t id;
  std::string login;
};

// A table without a primary key: its error, and no "make it unique" on the column the fix-it
// makes the key. A key to another of its columns is still an error of its own.
struct SQLMODEL_TABLE(.name = "projects") Project {  // expected-error {{table 'projects' has no primary key}}
  std::int64_t id;  // expected-note {{mark the key column with .primary_key = true}}
  std::string name;  // expected-note {{make the referenced column unique}}
};
struct SQLMODEL_TABLE(.name = "tasks") Task {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.foreign_key = "projects.id", .index = true) std::int64_t project_id;
  SQLMODEL_FIELD(.foreign_key = "projects.name", .index = true) std::string project_name;  // expected-error {{refers to 'projects.name', which is neither the primary key nor unique}}
};

// Without an `id`, the key the fix-it proposes is the column other tables' keys refer to.
struct SQLMODEL_TABLE(.name = "countries") Country {  // expected-error {{table 'countries' has no primary key}}
  SQLMODEL_FIELD(.max_length = 2) std::string code;  // expected-note {{mark the key column with .primary_key = true}}
  std::string name;
};
struct SQLMODEL_TABLE(.name = "cities") City {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.foreign_key = "countries.code", .index = true) std::string country_code;
};

// ORDER: follow-on-errors.cpp:25:{{[0-9]+}}: error: struct 'Account' and struct 'User' both map to table 'users'
// ORDER: error: table 'projects' has no primary key
