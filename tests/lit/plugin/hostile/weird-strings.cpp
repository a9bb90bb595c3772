// Strings with quotes, backslashes, UTF-8 and control characters.
// RUN: %no_crash %clang_sqlmodel %s 2>&1 | FileCheck --allow-empty %s
#include <sqlmodel/annotations.hpp>
struct SQLMODEL_TABLE(.name = "we\"ird\\tab\u00e9", .comment = "line\nbreak\ttab") Weird {
  SQLMODEL_FIELD(.primary_key = true, .name = "\x01\x7f") std::int64_t id;
  SQLMODEL_FIELD(.server_default = "'it''s'", .pattern = "\\d+") std::string s = "quote \" and \\ and \u00e9";
};
// CHECK-NOT: PLEASE
