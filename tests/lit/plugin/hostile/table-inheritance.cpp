// A table deriving from another table.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct SQLMODEL_TABLE(.name = "animals") Animal { SQLMODEL_FIELD(.primary_key = true) std::int64_t id; };
struct SQLMODEL_TABLE(.name = "dogs") Dog : Animal { std::string breed; };
// CHECK: error: table 'dogs' derives from table struct 'Animal': table inheritance is not supported
