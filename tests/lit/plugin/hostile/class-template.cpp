// A class template annotated as a table, and its instantiation.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
template <typename T>
struct SQLMODEL_TABLE(.name = "boxes") Box { SQLMODEL_FIELD(.primary_key = true) T id; };
Box<long> box;
// CHECK: error: a class template or its specializations cannot be table models
