// An anonymous struct annotated as a table.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct SQLMODEL_TABLE(.name = "anon") { SQLMODEL_FIELD(.primary_key = true) std::int64_t id; } anon_value;
// CHECK: error: an anonymous struct cannot be a table model: give it a name
