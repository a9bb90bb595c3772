// Types spelled through typedefs, aliases and decltype.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
#include <string>
#include <vector>
using Id = std::int64_t;
typedef std::optional<std::string> MaybeText;
template <typename T> using List = std::vector<T>;
struct SQLMODEL_TABLE(.name = "aliased") Aliased {
  SQLMODEL_FIELD(.primary_key = true) Id id;
  MaybeText text;
  List<Id> ids;
  decltype(id) copy;
  const std::int32_t constant = 1;
  std::int32_t& reference;
};
// CHECK: error: member 'reference' of table 'aliased' has type 'std::int32_t &'
