// Single-table inheritance: the root's discriminator column is missing, not a string or an
// enum, nullable, or empty.
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: not %clang_sqlmodel -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include <sqlmodel/annotations.hpp>

using sqlmodel::Inheritance;

// A hierarchy without a discriminator: the fix-it adds one.
struct SQLMODEL_TABLE(.name = "animals") Animal {  // expected-error {{table 'animals' is shared by single-table child 'Dog' but declares no .discriminator: add the column that tells each row's model [sqlmodel-single-table-discriminator]}}
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
};
// CHECK: fix-it:"{{.*}}single-table-discriminator.cpp":{[[@LINE-3]]:23-[[@LINE-3]]:23}:".discriminator = \"type\", "

struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "dog") Dog : Animal {  // expected-note {{'Dog' is declared here}}
  std::optional<bool> good;
};

// An integer discriminator.
struct SQLMODEL_TABLE(.name = "shapes", .discriminator = "sides") Shape {  // expected-error {{discriminator column 'shapes.sides' has type int32: it must be a std::string or an enum class, whose values name each row's model}}
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::int32_t sides = 0;  // expected-note {{'shapes.sides' is declared here}}
};

// Nullable discriminators: through std::optional, and through .nullable = true; the fix-its
// make the column NOT NULL.
struct SQLMODEL_TABLE(.name = "documents", .discriminator = "kind") Document {  // expected-error {{discriminator column 'documents.kind' is nullable: every row needs a value naming its model}}
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::optional<std::string> kind;  // expected-note {{'documents.kind' is declared here}}
};
// CHECK: fix-it:"{{.*}}single-table-discriminator.cpp":{[[@LINE-2]]:3-[[@LINE-2]]:3}:"SQLMODEL_FIELD(.nullable = false) "

struct SQLMODEL_TABLE(.name = "notes", .discriminator = "kind") Note {  // expected-error {{discriminator column 'notes.kind' is nullable}}
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.nullable = true) std::optional<std::string> kind;  // expected-note {{'notes.kind' is declared here}}
};
// CHECK: fix-it:"{{.*}}single-table-discriminator.cpp":{[[@LINE-2]]:30-[[@LINE-2]]:34}:"false"

struct SQLMODEL_TABLE(.name = "blank", .discriminator = "") Blank {  // expected-error {{table 'blank' has an empty .discriminator: name a column}}
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
};

// Fine: a string member, an enum member, and a column the plugin adds.
enum class Kind { circle, square };
struct SQLMODEL_TABLE(.name = "by_string", .discriminator = "kind") ByString {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.max_length = 20) std::string kind;
};
struct SQLMODEL_TABLE(.name = "by_enum", .discriminator = "kind") ByEnum {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  Kind kind = Kind::circle;
};
struct SQLMODEL_TABLE(.name = "by_added", .discriminator = "type") ByAdded {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
};
