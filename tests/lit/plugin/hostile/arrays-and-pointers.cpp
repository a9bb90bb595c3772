// C arrays, pointers, smart pointers and functions as members.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
#include <memory>
#include <functional>
struct SQLMODEL_TABLE(.name = "ptrs") Ptrs {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  int raw[4];
  int* ptr;
  std::unique_ptr<int> owned;
  std::function<void()> callback;
  int Ptrs::*member;
};
// CHECK: error: member 'raw' of table 'ptrs'
