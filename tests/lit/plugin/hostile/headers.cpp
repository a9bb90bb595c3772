// Redeclarations across several headers, one table name used in two.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
#include "Inputs/header_a.hpp"
#include "Inputs/header_b.hpp"
#include "Inputs/header_a.hpp"
struct Later { SQLMODEL_FIELD(.primary_key = true) std::int64_t id; };
// CHECK: header_b.hpp:4:{{[0-9]+}}: error: struct 'SharedB' and struct 'SharedA' both map to table 'shared'
// CHECK: header_a.hpp:3:{{[0-9]+}}: note: the other model is declared here
