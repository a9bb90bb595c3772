// A dialect's own server default (.postgresql_server_default, .sqlite_server_default) is held to
// the rules of .server_default, each diagnostic and fix-it at the option that is wrong; accepted
// ones are written to the snapshot after the shared one, and a model without them is unchanged.
// RUN: %clang_sqlmodel -Xclang -verify -DERRORS %s
// RUN: not %clang_sqlmodel -DERRORS -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck --check-prefix=FIXIT %s
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang_sqlmodel -fplugin-arg-sqlmodel-snapshot=%t/schema.json -fplugin-arg-sqlmodel-emit=%t/models.sqlmodel.hpp %s
// RUN: FileCheck --check-prefix=SNAPSHOT %s < %t/schema.json
// RUN: FileCheck --check-prefix=TRAITS %s < %t/models.sqlmodel.hpp
#include <chrono>
#include <sqlmodel/annotations.hpp>

enum class Stage { draft, published };

#ifdef ERRORS
struct SQLMODEL_TABLE(.name = "teams") Team {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};

struct SQLMODEL_TABLE(.name = "posts") Post {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;

  // The literal misfits the column on one dialect's option: reported there, not at the others.
  SQLMODEL_FIELD(.server_default = "0", .postgresql_server_default = "'many'") std::int32_t views;  // expected-error {{.postgresql_server_default ''many'' of column 'posts.views' is a string, which a 32-bit integer column cannot hold [sqlmodel-server-default]}}
  SQLMODEL_FIELD(.sqlite_server_default = "1") bool visible;  // expected-error {{.sqlite_server_default '1' of column 'posts.visible' is a number, which a boolean column cannot hold (PostgreSQL has no implicit cast)}}
  // FIXIT: fix-it:"{{.*}}dialect-server-default.cpp":{[[@LINE-1]]:43-[[@LINE-1]]:46}:"\"true\""
  SQLMODEL_FIELD(.postgresql_server_default = "draft") std::string state;  // expected-error {{.postgresql_server_default 'draft' of column 'posts.state' is the bare word 'draft'}}
  // FIXIT: fix-it:"{{.*}}dialect-server-default.cpp":{[[@LINE-1]]:47-[[@LINE-1]]:54}:"\"'draft'\""
  SQLMODEL_FIELD(.sqlite_server_default = "'unfinished") std::string note;  // expected-error {{.sqlite_server_default ''unfinished' of column 'posts.note' is not SQL: unterminated}}
  SQLMODEL_FIELD(.postgresql_server_default = "") std::string blank;  // expected-error {{SQLMODEL_FIELD: option '.postgresql_server_default' is an empty string; leave the option out for its default [sqlmodel-invalid-options]}}
  SQLMODEL_FIELD(.postgresql_server_default = "  ") std::string spaces;  // expected-error {{.postgresql_server_default '  ' of column 'posts.spaces' is empty: leave .postgresql_server_default out for no DEFAULT}}
  SQLMODEL_FIELD(.sqlite_server_default = "'drafft'") Stage stage = Stage::draft;  // expected-error {{.sqlite_server_default ''drafft'' of column 'posts.stage' is not an enumerator of 'Stage'; did you mean 'draft'? [sqlmodel-enum-default]}}
  // FIXIT: fix-it:"{{.*}}dialect-server-default.cpp":{[[@LINE-1]]:43-[[@LINE-1]]:53}:"\"'draft'\""
  SQLMODEL_FIELD(.postgresql_server_default = "now() +") std::chrono::system_clock::time_point due;  // expected-warning {{.postgresql_server_default 'now() +' of column 'posts.due' could not be checked}}
  SQLMODEL_FIELD(.generated = "views + 1", .sqlite_server_default = "0") std::optional<std::int64_t> next;  // expected-error {{generated column 'posts.next' cannot have .sqlite_server_default: the database computes its value}}
  // SET DEFAULT on a dialect without a default writes NULL there.
  SQLMODEL_FIELD(.foreign_key = "teams.id", .index = true, .on_delete = sqlmodel::OnDelete::set_default,
                 .postgresql_server_default = "1")
  std::optional<std::int64_t> team_id;  // expected-warning@-2 {{.on_delete = set_default on column 'posts.team_id', which has no server default on sqlite: that database will write NULL}}
};
#else
struct SQLMODEL_TABLE(.name = "events") Event {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.postgresql_server_default = "now()", .sqlite_server_default = "CURRENT_TIMESTAMP")
  std::optional<std::chrono::system_clock::time_point> created_at;
  SQLMODEL_FIELD(.server_default = "'app'", .postgresql_server_default = "'pg'") std::string origin;
  SQLMODEL_FIELD(.postgresql_server_default = "'eu'") std::optional<std::string> region;
  SQLMODEL_FIELD(.sqlite_server_default = "'draft'") Stage stage = Stage::draft;
  SQLMODEL_FIELD(.server_default = "0") std::int32_t views;
};
#endif

// SNAPSHOT:      "name": "created_at",
// SNAPSHOT-NEXT: "type": "datetime_tz",
// SNAPSHOT-NEXT: "nullable": true,
// SNAPSHOT-NEXT: "postgresql_server_default": "now()",
// SNAPSHOT-NEXT: "sqlite_server_default": "CURRENT_TIMESTAMP",
// SNAPSHOT-NEXT: "source":
// SNAPSHOT:      "name": "origin",
// SNAPSHOT-NEXT: "type": "string",
// SNAPSHOT-NEXT: "nullable": false,
// SNAPSHOT-NEXT: "server_default": "'app'",
// SNAPSHOT-NEXT: "postgresql_server_default": "'pg'",
// SNAPSHOT-NEXT: "source":
// SNAPSHOT:      "name": "region",
// SNAPSHOT-NEXT: "type": "string",
// SNAPSHOT-NEXT: "nullable": true,
// SNAPSHOT-NEXT: "postgresql_server_default": "'eu'",
// SNAPSHOT-NEXT: "source":
// SNAPSHOT:      "name": "stage",
// SNAPSHOT-NEXT: "type": "enum(stage)",
// SNAPSHOT-NEXT: "nullable": false,
// SNAPSHOT-NEXT: "default": "draft",
// SNAPSHOT-NEXT: "sqlite_server_default": "'draft'",
// SNAPSHOT-NEXT: "source":
// SNAPSHOT:      "name": "views",
// SNAPSHOT-NEXT: "type": "int32",
// SNAPSHOT-NEXT: "nullable": false,
// SNAPSHOT-NEXT: "server_default": "0",
// SNAPSHOT-NEXT: "source":

// The ORM leaves such a column to the database while it is unset, whichever dialect has the DEFAULT.
// TRAITS: sqlmodel::column<&::Event::created_at>{.name = "created_at",{{.*}}.server_default = true}
// TRAITS: sqlmodel::column<&::Event::region>{.name = "region",{{.*}}.server_default = true}
