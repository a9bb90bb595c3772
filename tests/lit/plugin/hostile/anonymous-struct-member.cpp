// A table with an anonymous struct member (a Clang extension).
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
#pragma clang diagnostic ignored "-Wgnu-anonymous-struct"
#pragma clang diagnostic ignored "-Wnested-anon-types"
struct SQLMODEL_TABLE(.name = "points") Point {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  struct { int x; int y; };
};
// CHECK: error: anonymous structs inside table 'points' are not columns
