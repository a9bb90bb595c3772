// A self-referential to-one relationship without .remote_side.
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: not %clang_sqlmodel -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "categories") Category {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.foreign_key = "categories.id", .index = true) std::optional<std::int64_t> parent_id;
  SQLMODEL_RELATIONSHIP(.back_populates = "children") sqlmodel::Related<Category> parent;  // expected-error {{self-referential relationship 'Category::parent' needs .remote_side = "id" (the parent's key column) [sqlmodel-remote-side]}}
  // CHECK: fix-it:"{{.*}}remote-side.cpp":{[[@LINE-1]]:25-[[@LINE-1]]:25}:".remote_side = \"id\", "
  SQLMODEL_RELATIONSHIP(.back_populates = "parent") sqlmodel::RelatedList<Category> children;
  SQLMODEL_RELATIONSHIP(.remote_side = "idd", .foreign_key = "parent_id") sqlmodel::Related<Category> parent_again;  // expected-error {{.remote_side of relationship 'Category::parent_again' names unknown column 'idd' of table 'categories'; did you mean 'id'?}}
};
