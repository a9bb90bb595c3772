// NOLINT comments silence one check for one declaration, read the way clang-tidy reads them;
// a NOLINT anywhere on a field's lines (next to its SQLMODEL_FIELD) or a table's head covers
// it. Errors about the models cannot be silenced.
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: not %clang_sqlmodel -Werror %s 2>&1 | FileCheck --check-prefix=WERROR %s
// WERROR: error: table 'orphans' has no primary key [sqlmodel-primary-key]
// WERROR-COUNT-5: error: {{.*}}[sqlmodel-foreign-key-index,-Werror]
// WERROR-NOT: error:
// WERROR: 6 errors generated.
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "teams") Team {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};

struct SQLMODEL_TABLE(.name = "users") User {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  // On the line, by name.
  SQLMODEL_FIELD(.foreign_key = "teams.id") std::int64_t a_id;  // NOLINT(sqlmodel-foreign-key-index)
  // By glob, among other tools' names.
  SQLMODEL_FIELD(.foreign_key = "teams.id") std::int64_t b_id;  // NOLINT(bugprone-*, sqlmodel-foreign-*)
  // Without a list: every check.
  SQLMODEL_FIELD(.foreign_key = "teams.id") std::int64_t c_id;  // NOLINT
  // NOLINTNEXTLINE(sqlmodel-foreign-key-index)
  SQLMODEL_FIELD(.foreign_key = "teams.id") std::int64_t d_id;
  // On the annotation's line of a field written over two lines.
  SQLMODEL_FIELD(.foreign_key = "teams.id")  // NOLINT(sqlmodel-foreign-key-index)
  std::int64_t e_id;
  // NOLINTNEXTLINE(sqlmodel-foreign-key-index): before the first line of the declaration.
  SQLMODEL_FIELD(.foreign_key = "teams.id")
  std::int64_t f_id;

  // Another check's name, a misspelt directive, a comment on the line before: still reported.
  SQLMODEL_FIELD(.foreign_key = "teams.id") std::int64_t g_id;  // NOLINT(sqlmodel-duplicate-index) expected-warning {{foreign key column 'users.g_id' has no index}}
  SQLMODEL_FIELD(.foreign_key = "teams.id") std::int64_t h_id;  // NOLINTNEXT(sqlmodel-foreign-key-index) expected-warning {{foreign key column 'users.h_id' has no index}}
  // NOLINT(sqlmodel-foreign-key-index)
  SQLMODEL_FIELD(.foreign_key = "teams.id") std::int64_t i_id;  // expected-warning {{foreign key column 'users.i_id' has no index}}
  // A NOLINT on another field's line covers only that field.
  SQLMODEL_FIELD(.foreign_key = "teams.id") std::int64_t j_id;  // expected-warning {{foreign key column 'users.j_id' has no index}}
  std::int64_t unrelated = 0;  // NOLINT(sqlmodel-foreign-key-index)
};

// A block.
// NOLINTBEGIN(sqlmodel-foreign-key-index)
struct SQLMODEL_TABLE(.name = "posts") Post {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.foreign_key = "teams.id") std::int64_t team_id;
  SQLMODEL_FIELD(.foreign_key = "users.id") std::int64_t user_id;
};
// NOLINTEND(sqlmodel-foreign-key-index)
struct SQLMODEL_TABLE(.name = "comments") Comment {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.foreign_key = "posts.id") std::int64_t post_id;  // expected-warning {{foreign key column 'comments.post_id' has no index}}
};

// A table-level warning silenced on the table's head.
struct SQLMODEL_TABLE(.name = "tags")  // NOLINT(sqlmodel-duplicate-index)
    SQLMODEL_INDEX(.columns = {"label"}, .name = "ix_label_again") Tag {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.index = true) std::string label;
};

// Errors about the models stay: the schema would be wrong without them.
struct SQLMODEL_TABLE(.name = "orphans") Orphan {  // NOLINT expected-error {{table 'orphans' has no primary key}}
  // expected-note@-1 {{add a key column}}
  std::string body;
};
