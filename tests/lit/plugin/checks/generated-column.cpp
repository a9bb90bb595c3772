// A generated column: the database computes it, so no default and no key; its expression
// names columns of its own table, none of them generated.
// RUN: %clang_sqlmodel -Xclang -verify %s
#include <sqlmodel/annotations.hpp>

#include <optional>
#include <string>

struct SQLMODEL_TABLE(.name = "pages") Page {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::string title;
  std::string body;
  SQLMODEL_FIELD(.generated = "length(title) + length(body)") std::optional<std::int32_t> size;
  SQLMODEL_FIELD(.generated = "length(titel)") std::optional<std::int32_t> title_size;  // expected-error {{.generated of column 'pages.title_size' names unknown column 'titel' of table 'pages'; did you mean 'title'? [sqlmodel-generated-column]}}
  SQLMODEL_FIELD(.generated = "size * 2") std::optional<std::int32_t> double_size;  // expected-error {{.generated of column 'pages.double_size' reads generated column 'size', which PostgreSQL refuses [sqlmodel-generated-column]}}
  SQLMODEL_FIELD(.generated = "upper(title)", .server_default = "''") std::optional<std::string> loud;  // expected-error {{generated column 'pages.loud' cannot have .server_default: the database computes its value [sqlmodel-generated-column]}}
  SQLMODEL_FIELD(.generated = "  ") std::optional<std::string> blank;  // expected-error {{.generated of column 'pages.blank' is empty}}
};
// expected-note@13 {{the other generated column is declared here}}
