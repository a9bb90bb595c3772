// Relationship options naming unknown columns, or contradicting each other.
// RUN: %clang_sqlmodel -Xclang -verify %s
#include <sqlmodel/annotations.hpp>

struct Task;

struct SQLMODEL_TABLE(.name = "users") User {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_RELATIONSHIP(.order_by = "-due, title") sqlmodel::RelatedList<Task> tasks;  // expected-error {{.order_by of relationship 'User::tasks' names unknown column 'due' of table 'tasks' [sqlmodel-relationship-options]}}
  SQLMODEL_RELATIONSHIP(.order_by = "-due_date, title", .delete_orphan = true) sqlmodel::RelatedList<Task> sorted;  // expected-error {{.delete_orphan on relationship 'User::sorted' needs .cascade_delete = true as well}}
  SQLMODEL_RELATIONSHIP(.foreign_key = "owner") sqlmodel::RelatedList<Task> owned;  // expected-error {{.foreign_key of relationship 'User::owned' names 'owner', a column of neither 'users' nor 'tasks'}} expected-error {{has no foreign key to follow}}
};

struct SQLMODEL_TABLE(.name = "tasks") Task {  // expected-note {{the target table is declared here}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.foreign_key = "users.id", .index = true) std::int64_t owner_id;
  std::string title;
  std::int64_t due_date = 0;
};
