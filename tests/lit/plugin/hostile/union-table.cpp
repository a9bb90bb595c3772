// A union annotated as a table.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
union SQLMODEL_TABLE(.name = "u") U { std::int64_t id; double d; };
// CHECK: error: a union cannot be a table model
