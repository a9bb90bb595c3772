// The schema of soft_delete_models.hpp as the plugin's snapshot describes it; the tests create
// their tables from it.
#pragma once

#include <string>

#include "orm_test_schema.hpp"
#include "schema/ddl.hpp"
#include "schema/naming.hpp"
#include "sqlmodel/schema.hpp"

namespace sqlmodel::testing::soft {

inline schema::Column soft_timestamp(std::string name, bool nullable) {
  schema::Column column = orm::orm_column(std::move(name), schema::TypeKind::datetime, nullable);
  column.type.with_timezone = true;
  return column;
}

inline schema::Schema soft_delete_schema() {
  using schema::TypeKind;
  using orm::orm_column;
  schema::Schema result;

  schema::Table authors = orm::orm_table("authors");
  authors.columns.push_back(orm_column("name", TypeKind::string));
  result.tables.push_back(authors);

  schema::Table articles = orm::orm_table("articles");
  articles.columns.push_back(soft_timestamp("created_at", false));
  articles.columns.push_back(soft_timestamp("updated_at", false));
  articles.columns.push_back(soft_timestamp("deleted_at", true));
  articles.columns.push_back(orm_column("author_id", TypeKind::int64));
  auto title = orm_column("title", TypeKind::string);
  title.type.max_length = 40;
  articles.columns.push_back(title);
  articles.columns.push_back(orm_column("stars", TypeKind::int32));
  articles.foreign_keys.push_back(orm::orm_foreign_key("articles", "author_id", "authors"));
  result.tables.push_back(articles);

  schema::Table notes = orm::orm_table("notes");
  notes.columns.push_back(soft_timestamp("deleted_at", true));
  notes.columns.push_back(orm_column("article_id", TypeKind::int64));
  notes.columns.push_back(orm_column("body", TypeKind::string));
  notes.foreign_keys.push_back(orm::orm_foreign_key("notes", "article_id", "articles"));
  result.tables.push_back(notes);

  schema::Table clubs = orm::orm_table("clubs");
  clubs.columns.push_back(soft_timestamp("deleted_at", true));
  clubs.columns.push_back(orm_column("name", TypeKind::string));
  result.tables.push_back(clubs);

  schema::Table members;
  members.name = "club_members";
  members.columns.push_back(soft_timestamp("deleted_at", true));
  members.columns.push_back(orm_column("author_id", TypeKind::int64));
  members.columns.push_back(orm_column("club_id", TypeKind::int64));
  members.columns.push_back(orm_column("role", TypeKind::string));
  members.primary_key = schema::PrimaryKey{schema::naming::primary_key("club_members"), {"author_id", "club_id"}};
  members.foreign_keys.push_back(orm::orm_foreign_key("club_members", "author_id", "authors"));
  members.foreign_keys.push_back(orm::orm_foreign_key("club_members", "club_id", "clubs"));
  result.tables.push_back(members);

  schema::sort_canonically(result);
  return result;
}

inline std::string soft_delete_create_script(schema::Dialect dialect) {
  std::string script;
  for (const auto& statement : schema::render_create_all(soft_delete_schema(), dialect))
    script += statement + ";\n";
  return script;
}

}  // namespace sqlmodel::testing::soft
