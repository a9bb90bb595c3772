// A model file that does not parse.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct SQLMODEL_TABLE(.name = "broken") Broken {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id
  std::string name
  SQLMODEL_FIELD(.foreign_key = "x.y" std::int64_t other;
// CHECK: error:
