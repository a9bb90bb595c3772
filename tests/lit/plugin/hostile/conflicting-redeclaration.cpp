// A forward declaration and a definition with different table options.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct SQLMODEL_TABLE(.name = "a") Thing;
struct SQLMODEL_TABLE(.name = "b") Thing { SQLMODEL_FIELD(.primary_key = true) std::int64_t id; };
// CHECK: error: conflicting SQLMODEL_TABLE annotations on declarations of the same entity
// CHECK: note: the first one is here
