// Non-char string literals as options (compile errors of their own).
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct SQLMODEL_TABLE(.name = u8"users") A { SQLMODEL_FIELD(.primary_key = true) std::int64_t id; };
struct SQLMODEL_TABLE(.name = L"users") B { SQLMODEL_FIELD(.primary_key = true) std::int64_t id; };
// CHECK: error:
