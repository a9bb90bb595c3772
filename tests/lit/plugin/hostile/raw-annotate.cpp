// Hand-written annotate attributes with sqlmodel names and odd arguments.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct [[clang::annotate("sqlmodel.table")]] A { std::int64_t id; };
struct [[clang::annotate("sqlmodel.table", 1, 2)]] B { std::int64_t id; };
struct [[clang::annotate("sqlmodel.table", "users")]] C { std::int64_t id; };
struct [[clang::annotate("sqlmodel.table", sqlmodel::Field{})]] D { std::int64_t id; };
struct [[clang::annotate("sqlmodel.")]] E {};
struct S { [[clang::annotate("sqlmodel.field", 3.5)]] int x; };
// CHECK: error: SQLMODEL_TABLE: expects exactly one option struct, got 0 arguments
// CHECK: error: SQLMODEL_TABLE: expects exactly one option struct, got 2 arguments
