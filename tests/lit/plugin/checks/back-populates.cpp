// back_populates naming a missing member, or one that does not point back.
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: not %clang_sqlmodel -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include <sqlmodel/annotations.hpp>

struct User;
struct Team;

struct SQLMODEL_TABLE(.name = "projects") Project {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.foreign_key = "teams.id", .index = true) std::int64_t team_id;
  sqlmodel::Related<Team> team;
};

struct SQLMODEL_TABLE(.name = "teams") Team {  // expected-note {{'Team' is declared here}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  // User::team names "member", so this side is reported too.
  SQLMODEL_RELATIONSHIP(.back_populates = "team") sqlmodel::RelatedList<User> members;  // expected-note {{the other side is declared here}} expected-error {{relationship 'Team::members' back-populates 'User::team', which back-populates 'member' instead}}
  SQLMODEL_RELATIONSHIP(.back_populates = "team") sqlmodel::RelatedList<Project> project_list;  // expected-note {{'Team::project_list' is declared here}}
};

struct SQLMODEL_TABLE(.name = "users") User {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.foreign_key = "teams.id", .index = true) std::int64_t team_id;
  SQLMODEL_RELATIONSHIP(.back_populates = "member") sqlmodel::Related<Team> team;  // expected-note {{the other side is declared here}} expected-error {{relationship 'User::team' back-populates 'member', but 'Team' has no relationship of that name; did you mean 'members'? [sqlmodel-back-populates]}}
  // CHECK: fix-it:"{{.*}}back-populates.cpp":{[[@LINE-1]]:43-[[@LINE-1]]:51}:"\"members\""
  SQLMODEL_RELATIONSHIP(.back_populates = "project_list", .foreign_key = "team_id") sqlmodel::Related<Team> team_again;  // expected-error {{relationship 'User::team_again' back-populates 'Team::project_list', which points to 'Project', not to 'User'}}
  SQLMODEL_RELATIONSHIP(.back_populates = "members", .foreign_key = "team_id") sqlmodel::Related<Team> third;  // expected-error {{relationship 'User::third' back-populates 'Team::members', which back-populates 'team' instead}}
};
