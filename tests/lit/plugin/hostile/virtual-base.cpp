// A table with a virtual mixin base and a polymorphic base.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct Mixin { std::int64_t created = 0; };
struct Poly { virtual ~Poly() = default; std::int64_t extra = 0; };
struct SQLMODEL_TABLE(.name = "things") Thing : virtual Mixin, Poly {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};
// CHECK: error: virtual bases cannot be mixins
