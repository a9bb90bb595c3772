// Check expressions the column scanner must not choke on.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct SQLMODEL_TABLE(.name = "t")
SQLMODEL_CHECK(.name = "a", .expression = "'unterminated")
SQLMODEL_CHECK(.name = "b", .expression = "\"unterminated")
SQLMODEL_CHECK(.name = "c", .expression = "((((")
SQLMODEL_CHECK(.name = "d", .expression = "x::")
SQLMODEL_CHECK(.name = "e", .expression = "1e10 > 2.5e-3 AND $1 = ?")
T { SQLMODEL_FIELD(.primary_key = true) std::int64_t id; std::int64_t x; };
// CHECK-NOT: PLEASE
