// Single-table inheritance: polymorphic identities missing, repeated, not an enumerator of an
// enum discriminator, too long for the discriminator, or without a discriminator at all.
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: not %clang_sqlmodel -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include <sqlmodel/annotations.hpp>

using sqlmodel::Inheritance;

struct SQLMODEL_TABLE(.name = "employees", .discriminator = "kind", .polymorphic_identity = "employee") Employee {  // #employees
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
};

// expected-note@#employees {{the hierarchy's table 'employees' is declared here}}
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table) Manager : Employee {  // expected-error {{single-table child 'Manager' of table 'employees' has no .polymorphic_identity: its rows need a value of discriminator 'kind' [sqlmodel-single-table-identity]}}
  std::optional<double> budget;
};
// CHECK: fix-it:"{{.*}}single-table-identity.cpp":{[[@LINE-3]]:23-[[@LINE-3]]:23}:".polymorphic_identity = \"manager\", "

// expected-note@#employees {{the first use is here}}
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "employee") Intern : Employee {  // expected-error {{polymorphic identity 'employee' of 'Intern' is already used by 'Employee' in table 'employees'}}
  std::optional<std::int32_t> school_year;
};

// An enum discriminator: identities are enumerator names (did-you-mean fix-it).
enum class Kind { circle, square };  // #kind
struct SQLMODEL_TABLE(.name = "shapes", .discriminator = "kind") Shape {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  Kind kind = Kind::circle;
};
// expected-note@#kind 2 {{'Kind' is declared here}}
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "cirle") Circle : Shape {  // expected-error {{polymorphic identity 'cirle' of 'Circle' is not an enumerator of 'Kind', the type of discriminator 'shapes.kind'; did you mean 'circle'?}}
  std::optional<double> radius;
};
// CHECK: fix-it:"{{.*}}single-table-identity.cpp":{[[@LINE-3]]:85-[[@LINE-3]]:92}:"\"circle\""
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "hexagon") Hexagon : Shape {  // expected-error {{polymorphic identity 'hexagon' of 'Hexagon' is not an enumerator of 'Kind', the type of discriminator 'shapes.kind'}}
  std::optional<double> side;
};
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "square") Square : Shape {
  std::optional<double> edge;
};

// A string discriminator with a max_length.
struct SQLMODEL_TABLE(.name = "events", .discriminator = "kind") Event {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.max_length = 4) std::string kind;  // expected-note {{max_length is set here}}
};
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "meeting") Meeting : Event {  // expected-error {{polymorphic identity 'meeting' is 7 characters, longer than the max_length of 4 of discriminator 'events.kind'}}
  std::optional<std::int32_t> room;
};
struct SQLMODEL_TABLE(.inherit = Inheritance::single_table, .polymorphic_identity = "") Blank : Event {  // expected-error {{empty polymorphic identity on 'Blank'}}
  std::optional<std::int32_t> nothing;
};

// An identity with nowhere to go.
struct SQLMODEL_TABLE(.name = "plain", .polymorphic_identity = "plain") Plain {  // expected-error {{.polymorphic_identity on table 'plain', which declares no .discriminator column to store it in}}
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
};
