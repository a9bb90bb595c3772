// A table declared several times before its definition.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct SQLMODEL_TABLE(.name = "notes") Note;
struct Note;
struct SQLMODEL_TABLE(.name = "notes") Note;
struct Note { std::int64_t id; };
// The annotation on the forward declarations makes the definition a table (the same one
// repeated is fine): its missing key is reported.
// CHECK: error: table 'notes' has no primary key
// CHECK-NOT: SQLMODEL_TABLE
