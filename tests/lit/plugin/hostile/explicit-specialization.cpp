// An explicit specialization annotated as a table.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
template <typename T> struct Row {};
template <> struct SQLMODEL_TABLE(.name = "rows") Row<int> { SQLMODEL_FIELD(.primary_key = true) std::int64_t id; };
// CHECK: error: a class template or its specializations cannot be table models
