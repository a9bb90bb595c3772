// Relationships without a foreign key to follow, with several, or with a broken link model.
// RUN: %clang_sqlmodel -Xclang -verify %s
#include <sqlmodel/annotations.hpp>

struct User;
struct Project;
struct NotATable {};

struct SQLMODEL_TABLE(.name = "teams") Team {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  sqlmodel::RelatedList<User> members;  // expected-error {{relationship 'Team::members' could follow any of the foreign keys 'team_id', 'backup_team_id': pick one with .foreign_key = "column" [sqlmodel-relationship-path]}}
  SQLMODEL_RELATIONSHIP(.foreign_key = "team_id") sqlmodel::RelatedList<User> members_by_team;
  sqlmodel::RelatedList<Project> projects;  // expected-error {{relationship 'Team::projects' has no foreign key to follow: neither 'teams' nor 'projects' has a .foreign_key to the other}}
  sqlmodel::Related<NotATable> other;  // expected-error {{relationship 'Team::other' points to 'NotATable', which is not a SQLMODEL_TABLE}}
};

struct SQLMODEL_TABLE(.name = "users") User {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_FIELD(.foreign_key = "teams.id", .index = true) std::int64_t team_id;  // expected-note {{candidate foreign key 'team_id'}}
  SQLMODEL_FIELD(.foreign_key = "teams.id", .index = true) std::optional<std::int64_t> backup_team_id;  // expected-note {{candidate foreign key 'backup_team_id'}}
  SQLMODEL_RELATIONSHIP(.link_model = "user_projects") sqlmodel::RelatedList<Project> projects;  // expected-error {{link table 'user_projects' of many-to-many relationship 'User::projects' has no foreign key to 'projects'}}
  SQLMODEL_RELATIONSHIP(.link_model = "UserProject") sqlmodel::RelatedList<Project> projects_again;  // expected-error {{has no foreign key to 'projects'}}
  SQLMODEL_RELATIONSHIP(.link_model = "memberships") sqlmodel::RelatedList<Project> unknown;  // expected-error {{link model 'memberships' of relationship 'User::unknown' is not a table of this translation unit}}
};

struct SQLMODEL_TABLE(.name = "projects") Project {  // expected-note {{the target table is declared here}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};

struct SQLMODEL_TABLE(.name = "user_projects") UserProject {  // expected-note 2 {{the link table is declared here}}
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "users.id") std::int64_t user_id;
  SQLMODEL_FIELD(.primary_key = true) std::int64_t project_id;
};
