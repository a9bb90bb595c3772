// sqlmodel annotations on functions, enums, namespaces-scope variables, parameters.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
SQLMODEL_TABLE(.name = "f") void f();
enum class SQLMODEL_FIELD() Color { red };
SQLMODEL_RELATIONSHIP() int global;
void g(SQLMODEL_FIELD() int parameter);
struct S { SQLMODEL_TABLE() static int counter; SQLMODEL_INDEX(.columns = {"x"}) int method(); };
// CHECK: error: SQLMODEL_TABLE belongs on a struct definition
