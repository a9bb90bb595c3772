// STAND-IN FOR GENERATED CODE: the traits the sqlmodel plugin writes for soft_delete_models.hpp,
// by hand, following include/sqlmodel/model_traits.hpp.
#pragma once

#include <string_view>
#include <tuple>

#include "soft_delete_models.hpp"
#include "sqlmodel/model_traits.hpp"

template <>
struct sqlmodel::model_traits<sqlmodel::testing::soft::Author> {
  using Author = sqlmodel::testing::soft::Author;
  using Article = sqlmodel::testing::soft::Article;
  using Club = sqlmodel::testing::soft::Club;
  using ClubMember = sqlmodel::testing::soft::ClubMember;
  static constexpr std::string_view model_name = "Author";
  static constexpr std::string_view table_name = "authors";
  static constexpr auto columns = std::tuple{
      column<&Author::id>{.name = "id", .kind = schema::TypeKind::int64, .primary_key = true,
                          .autoincrement = true, .nullable = false},
      column<&Author::name>{.name = "name", .kind = schema::TypeKind::string},
  };
  static constexpr auto relationships = std::tuple{
      relationship<&Author::articles, &Author::id, &Article::author_id>{
          .name = "articles", .kind = schema::RelationshipKind::one_to_many,
          .foreign_key_column = "author_id", .delete_orphan = true},
      link_relationship<&Author::clubs, &Author::id, &ClubMember::author_id, &ClubMember::club_id,
                        &Club::id>{
          .name = "clubs", .kind = schema::RelationshipKind::many_to_many,
          .link_table = "club_members"},
  };
};

template <>
struct sqlmodel::model_traits<sqlmodel::testing::soft::Article> {
  using Author = sqlmodel::testing::soft::Author;
  using Article = sqlmodel::testing::soft::Article;
  using Note = sqlmodel::testing::soft::Note;
  static constexpr std::string_view model_name = "Article";
  static constexpr std::string_view table_name = "articles";
  static constexpr auto columns = std::tuple{
      column<&Article::created_at>{.name = "created_at", .kind = schema::TypeKind::datetime,
                                   .nullable = false, .with_timezone = true,
                                   .default_factory = DefaultFactory::now, .has_default = true},
      column<&Article::updated_at>{.name = "updated_at", .kind = schema::TypeKind::datetime,
                                   .nullable = false, .with_timezone = true,
                                   .default_factory = DefaultFactory::now, .role = ColumnRole::updated_at,
                                   .has_default = true},
      column<&Article::deleted_at>{.name = "deleted_at", .kind = schema::TypeKind::datetime,
                                   .with_timezone = true, .role = ColumnRole::deleted_at},
      column<&Article::id>{.name = "id", .kind = schema::TypeKind::int64, .primary_key = true,
                           .autoincrement = true, .nullable = false},
      column<&Article::author_id>{.name = "author_id", .kind = schema::TypeKind::int64},
      column<&Article::title>{.name = "title", .kind = schema::TypeKind::string, .max_length = 40},
      column<&Article::stars>{.name = "stars", .kind = schema::TypeKind::int32, .ge = 0, .le = 10,
                              .has_default = true},
  };
  static constexpr auto relationships = std::tuple{
      relationship<&Article::author, &Article::author_id, &Author::id>{
          .name = "author", .kind = schema::RelationshipKind::many_to_one,
          .foreign_key_column = "author_id"},
      relationship<&Article::notes, &Article::id, &Note::article_id>{
          .name = "notes", .kind = schema::RelationshipKind::one_to_many,
          .foreign_key_column = "article_id"},
  };
};

template <>
struct sqlmodel::model_traits<sqlmodel::testing::soft::Note> {
  using Article = sqlmodel::testing::soft::Article;
  using Note = sqlmodel::testing::soft::Note;
  static constexpr std::string_view model_name = "Note";
  static constexpr std::string_view table_name = "notes";
  static constexpr auto columns = std::tuple{
      column<&Note::deleted_at>{.name = "deleted_at", .kind = schema::TypeKind::datetime,
                                .with_timezone = true, .role = ColumnRole::deleted_at},
      column<&Note::id>{.name = "id", .kind = schema::TypeKind::int64, .primary_key = true,
                        .autoincrement = true, .nullable = false},
      column<&Note::article_id>{.name = "article_id", .kind = schema::TypeKind::int64},
      column<&Note::body>{.name = "body", .kind = schema::TypeKind::string},
  };
  static constexpr auto relationships = std::tuple{
      relationship<&Note::article, &Note::article_id, &Article::id>{
          .name = "article", .kind = schema::RelationshipKind::many_to_one,
          .foreign_key_column = "article_id"},
  };
};

template <>
struct sqlmodel::model_traits<sqlmodel::testing::soft::Club> {
  using Club = sqlmodel::testing::soft::Club;
  static constexpr std::string_view model_name = "Club";
  static constexpr std::string_view table_name = "clubs";
  static constexpr auto columns = std::tuple{
      column<&Club::deleted_at>{.name = "deleted_at", .kind = schema::TypeKind::datetime,
                                .with_timezone = true, .role = ColumnRole::deleted_at},
      column<&Club::id>{.name = "id", .kind = schema::TypeKind::int64, .primary_key = true,
                        .autoincrement = true, .nullable = false},
      column<&Club::name>{.name = "name", .kind = schema::TypeKind::string},
  };
};

template <>
struct sqlmodel::model_traits<sqlmodel::testing::soft::ClubMember> {
  using ClubMember = sqlmodel::testing::soft::ClubMember;
  static constexpr std::string_view model_name = "ClubMember";
  static constexpr std::string_view table_name = "club_members";
  static constexpr auto columns = std::tuple{
      column<&ClubMember::deleted_at>{.name = "deleted_at", .kind = schema::TypeKind::datetime,
                                      .with_timezone = true, .role = ColumnRole::deleted_at},
      column<&ClubMember::author_id>{.name = "author_id", .kind = schema::TypeKind::int64,
                                     .primary_key = true},
      column<&ClubMember::club_id>{.name = "club_id", .kind = schema::TypeKind::int64,
                                   .primary_key = true},
      column<&ClubMember::role>{.name = "role", .kind = schema::TypeKind::string},
  };
};
