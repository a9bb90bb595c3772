// Member types with no column type; the note lists the supported ones.
// RUN: %clang_sqlmodel -Xclang -verify %s
#include <map>
#include <string_view>
#include <vector>
#include <sqlmodel/annotations.hpp>

enum Plain { a, b };

struct SQLMODEL_TABLE(.name = "things") Thing {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  std::string_view name;  // expected-error {{which has no column type: std::string_view does not own its characters: use std::string [sqlmodel-unsupported-type]}} expected-note {{supported column types: bool, std::int8_t}} expected-note {{mark it SQLMODEL_FIELD(.exclude = true)}}
  std::uint64_t big;  // expected-error {{unsigned 64-bit values do not fit a SQL BIGINT}} expected-note {{supported column types}} expected-note {{exclude}}
  std::map<int, int> lookup;  // expected-error {{has no column type}} expected-note {{supported column types}} expected-note {{exclude}}
  Plain plain;  // expected-error {{unscoped enum 'Plain': use an enum class}} expected-note {{supported column types}} expected-note {{exclude}}
  int* pointer;  // expected-error {{pointers are not columns}} expected-note {{supported column types}} expected-note {{exclude}}
  std::vector<std::vector<int>> nested;  // expected-error {{arrays of arrays are not columns}} expected-note {{supported column types}} expected-note {{exclude}}
  std::optional<std::optional<int>> twice;  // expected-error {{std::optional<std::optional<T>> is ambiguous}} expected-note {{supported column types}} expected-note {{exclude}}
  char letter;  // expected-error {{'char' is a character, not a number}} expected-note {{supported column types}} expected-note {{exclude}}
  SQLMODEL_FIELD(.exclude = true) std::map<int, int> cache;
  static inline int counter = 0;
};
