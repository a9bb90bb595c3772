// Relationships without a foreign key to follow, with several, or with a broken link model;
// a mistyped link model and a missing one that a link table would fill get fix-its.
// RUN: %clang_sqlmodel -Xclang -verify %s
// RUN: not %clang_sqlmodel -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
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
  SQLMODEL_RELATIONSHIP(.link_model = "user_project") sqlmodel::RelatedList<Project> typo;  // expected-error {{link model 'user_project' of relationship 'User::typo' is not a table of this translation unit; did you mean 'user_projects'?}}
  // CHECK: fix-it:"{{.*}}relationship-path.cpp":{[[@LINE-1]]:39-[[@LINE-1]]:53}:"\"user_projects\""
};

// To-many with no key between the tables, but a link table with a key to each: the error names
// it and the fix-it adds .link_model, to an annotation or as one.
struct Tag;
struct SQLMODEL_TABLE(.name = "articles") Article {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  SQLMODEL_RELATIONSHIP(.back_populates = "articles") sqlmodel::RelatedList<Tag> tags;  // expected-error {{relationship 'Article::tags' has no foreign key to follow: neither 'articles' nor 'tags' has a .foreign_key to the other; table 'article_tags' links them: add .link_model = "article_tags"}}
  // CHECK: fix-it:"{{.*}}relationship-path.cpp":{[[@LINE-1]]:25-[[@LINE-1]]:25}:".link_model = \"article_tags\", "
};
struct SQLMODEL_TABLE(.name = "tags") Tag {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  sqlmodel::RelatedList<Article> articles;  // expected-error {{relationship 'Tag::articles' has no foreign key to follow: neither 'tags' nor 'articles' has a .foreign_key to the other; table 'article_tags' links them}}
  // CHECK: fix-it:"{{.*}}relationship-path.cpp":{[[@LINE-1]]:3-[[@LINE-1]]:3}:"SQLMODEL_RELATIONSHIP(.link_model = \"article_tags\") "
};
struct SQLMODEL_TABLE(.name = "article_tags") ArticleTag {  // expected-note 2 {{the link table is declared here}}
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "articles.id") std::int64_t article_id;
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "tags.id", .index = true) std::int64_t tag_id;
};

struct SQLMODEL_TABLE(.name = "projects") Project {  // expected-note {{the target table is declared here}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};

struct SQLMODEL_TABLE(.name = "user_projects") UserProject {  // expected-note 2 {{the link table is declared here}}
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "users.id") std::int64_t user_id;
  SQLMODEL_FIELD(.primary_key = true) std::int64_t project_id;
};
