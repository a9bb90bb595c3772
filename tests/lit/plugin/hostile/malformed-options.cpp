// Option values that C++ accepts but that cannot mean what they say: each is an error at its
// line, never silently read as something else (a cut name, a default, a table with no options).
// RUN: %no_crash %clang_sqlmodel -Xclang -verify %s
#include <cstdint>
#include <optional>
#include <string>

#include <sqlmodel/annotations.hpp>

// A NUL inside a name: the name would end there ("users").
struct SQLMODEL_TABLE(.name = "users\0x") Cut {  // expected-error {{SQLMODEL_TABLE: option '.name' holds a NUL byte (\0) before its end: the name or SQL would be cut there [sqlmodel-invalid-options]}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};

struct SQLMODEL_TABLE(.name = "accounts") Account {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.name = "e\0mail") std::string email;  // expected-error {{SQLMODEL_FIELD: option '.name' holds a NUL byte}}
  // An enum option cast from an integer that is no enumerator: it used to read as the default.
  SQLMODEL_FIELD(.foreign_key = "accounts.id", .on_delete = static_cast<sqlmodel::OnDelete>(99)) std::optional<std::int64_t> parent_id;  // expected-error {{SQLMODEL_FIELD: option '.on_delete' is 99, which is not an enumerator of sqlmodel::ReferentialAction (unset, no_action, restrict, cascade, set_null, set_default; a cast from an integer?)}}
  SQLMODEL_FIELD(.default_factory = (sqlmodel::DefaultFactory)7) std::string token;  // expected-error {{option '.default_factory' is 7, which is not an enumerator of sqlmodel::DefaultFactory}}
  // An empty name is not "the default".
  SQLMODEL_FIELD(.name = "") std::string nameless;  // expected-error {{SQLMODEL_FIELD: option '.name' is an empty string; leave the option out for its default}}
  SQLMODEL_FIELD(.server_default = "") std::string no_default;  // expected-error {{option '.server_default' is an empty string}}
  SQLMODEL_FIELD(.comment = "") std::string empty_comment;  // a comment may be empty
  // .exclude drops the member from the table: the options beside it would be ignored.
  SQLMODEL_FIELD(.exclude = true, .index = true) std::string cache;  // expected-error {{SQLMODEL_FIELD: .index on 'cache', which .exclude = true leaves out of the table: the option would be ignored; drop one of them}}
  SQLMODEL_FIELD(.primary_key = true, .exclude = true) std::int64_t shadow;  // expected-error {{.primary_key on 'shadow', which .exclude = true leaves out of the table}}
  SQLMODEL_FIELD(.exclude = true, .foreign_key = "accounts.id", .unique = true) std::int64_t ghost;  // expected-error {{.foreign_key on 'ghost'}} expected-error {{.unique on 'ghost'}}
  SQLMODEL_FIELD(.exclude = true) std::string scratch;  // fine alone
};

struct SQLMODEL_TABLE(.name = "") Unnamed {  // expected-error {{SQLMODEL_TABLE: option '.name' is an empty string}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};

SQLMODEL_INDEX(.columns = {"id", ""}) struct SQLMODEL_TABLE(.name = "indexed") Indexed {  // expected-error {{SQLMODEL_INDEX: option '.columns' lists an empty string}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};

// An annotation whose argument is not the option struct: it used to read as a table.
struct [[clang::annotate("sqlmodel.table", [] { return 1; })]] Lambda {  // expected-error {{SQLMODEL_TABLE: the annotation's argument is}} expected-error-re {{not the option struct sqlmodel::Table (write SQLMODEL_TABLE(...)){{.*}}}}
  std::int64_t id;
};
struct Other {
  int x = 0;
};
struct [[clang::annotate("sqlmodel.field_like", Other{})]] NotOurs {  // expected-error {{unknown sqlmodel annotation 'sqlmodel.field_like' [sqlmodel-unknown-annotation]}}
  std::int64_t id;
};

// A table struct deriving privately: the generated traits would name &Child::id, which the
// private base hides, and the header did not compile.
struct SQLMODEL_TABLE(.name = "parents") Parent {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};
struct SQLMODEL_TABLE(.name = "children") Child : private Parent {  // expected-error {{table 'children' derives from 'Parent' privately: the ORM reads the inherited columns from outside the struct; derive publicly (struct Child : public Parent) [sqlmodel-unsupported-declaration]}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t child_id;
};
struct Stamps {
  std::int64_t created = 0;
};
class SQLMODEL_TABLE(.name = "logs") Log : Stamps {  // expected-error {{table 'logs' derives from 'Stamps' privately}}
 public:
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};
struct SQLMODEL_TABLE(.name = "audits") Audit : protected Stamps {  // expected-error {{table 'audits' derives from 'Stamps' as protected}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};
