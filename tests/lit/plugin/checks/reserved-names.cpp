// Table names the migration runner uses for itself: its version table, and the temporary
// tables of a SQLite rebuild (_sqlmodel_new_<table>). Compared ignoring case, as SQLite does.
// RUN: %clang_sqlmodel -Xclang -verify %s
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "SqlModel_Version") Version {  // expected-error {{table name "SqlModel_Version" is reserved: sqlmodel-migrate records the applied revisions in its own table of that name; name the table otherwise (.name = "...") [sqlmodel-reserved-names]}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};

struct SQLMODEL_TABLE(.name = "_sqlmodel_new_users") Staging {  // expected-error {{table name "_sqlmodel_new_users" is reserved: names starting with "_sqlmodel_new_" are the temporary tables of the SQLite table rebuild}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};

// The default name is the struct's, lowercased.
struct SQLMODEL_TABLE() SQLModel_Version {  // expected-error {{table name "sqlmodel_version" is reserved}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};

struct SQLMODEL_TABLE(.name = "_SQLModel_New_Orders") Orders {  // expected-error {{table name "_SQLModel_New_Orders" is reserved}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};

// Near misses are fine.
struct SQLMODEL_TABLE(.name = "sqlmodel_versions") Versions {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};
struct SQLMODEL_TABLE(.name = "sqlmodel_new_things") Things {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};
