// Default member initializers of every shape.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
#include <string>
int counter();
struct SQLMODEL_TABLE(.name = "defaults") Defaults {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id{};
  std::int32_t a{counter()};
  std::string b{"x"};
  std::string c = std::string("y") + "z";
  std::optional<std::int32_t> d = std::nullopt;
  std::optional<std::int32_t> e{};
  std::optional<std::string> f = "g";
  bool h = 1 < 2;
  double i = 1.0 / 3.0;
  std::string j = {};
};
// CHECK-NOT: PLEASE
