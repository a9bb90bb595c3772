// A discriminator on a SQLMODEL_MODEL, which has no such option: the compiler's own error.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck %s
#include <sqlmodel/annotations.hpp>
struct SQLMODEL_TABLE(.name = "people", .discriminator = "kind") Person {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
};
struct SQLMODEL_MODEL(.mirrors = "people", .discriminator = "kind") PersonRead {
  std::optional<std::int64_t> id;
};
// CHECK: error: field designator 'discriminator' does not refer to any field in type '::sqlmodel::Model'
