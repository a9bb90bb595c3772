// SQLite's AUTOINCREMENT needs the rowid: one integer key the database assigns.
// RUN: %clang_sqlmodel -Xclang -verify %s
#include <sqlmodel/annotations.hpp>

#include <optional>
#include <string>

struct SQLMODEL_TABLE(.name = "events", .sqlite_autoincrement = true) Event {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
};

struct SQLMODEL_TABLE(.name = "codes", .sqlite_autoincrement = true) Code {  // expected-error {{.sqlite_autoincrement on table 'codes', but SQLite's AUTOINCREMENT needs a single integer primary key the database assigns: its key 'code' is not an integer the database assigns (autoincrement) [sqlmodel-sqlite-autoincrement]}}
  SQLMODEL_FIELD(.primary_key = true) std::string code;
};

struct SQLMODEL_TABLE(.name = "pairs", .sqlite_autoincrement = true) Pair {  // expected-error {{its primary key has 2 columns}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t left = 0;
  SQLMODEL_FIELD(.primary_key = true) std::int64_t right = 0;
};
