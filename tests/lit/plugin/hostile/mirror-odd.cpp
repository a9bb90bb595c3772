// Mirror models pointing at themselves, at mirrors, with relationships.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct SQLMODEL_MODEL(.mirrors = "Self") Self { std::int64_t id; };
struct SQLMODEL_MODEL() NoTarget { std::int64_t id; };
struct SQLMODEL_TABLE(.name = "t") SQLMODEL_MODEL(.mirrors = "t") Both { SQLMODEL_FIELD(.primary_key = true) std::int64_t id; };
// CHECK: error: a struct is either a SQLMODEL_TABLE or a SQLMODEL_MODEL, not both
