// Relationships to itself, to a struct being defined, and cycles.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct B;
struct SQLMODEL_TABLE(.name = "a") A {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.foreign_key = "b.id", .index = true) std::int64_t b_id;
  sqlmodel::Related<B> b;
  sqlmodel::RelatedList<A> as;
};
struct SQLMODEL_TABLE(.name = "b") B {
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "a.id") std::int64_t id;
  sqlmodel::Related<A> a;
};
// CHECK: error: relationship 'A::as' has no foreign key to follow
