// Table inheritance: joined-table works; two parents, or a parent without a key, are errors.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct SQLMODEL_TABLE(.name = "animals") Animal { SQLMODEL_FIELD(.primary_key = true) std::int64_t id; };
struct SQLMODEL_TABLE(.name = "plants") Plant { SQLMODEL_FIELD(.primary_key = true) std::int64_t id; };
struct SQLMODEL_TABLE(.name = "dogs") Dog : Animal { std::string breed; };
struct SQLMODEL_TABLE(.name = "chimeras") Chimera : Animal, Plant { std::string name; };
struct SQLMODEL_TABLE(.name = "keyless") Keyless { std::int64_t id; };
struct SQLMODEL_TABLE(.name = "heirs") Heir : Keyless { std::int64_t x; };
// CHECK: error: table 'chimeras' derives from two table structs, 'Animal' and 'Plant': joined-table inheritance has one parent
// CHECK: error: table 'heirs' inherits from table 'keyless', whose struct declares no primary key to join on
