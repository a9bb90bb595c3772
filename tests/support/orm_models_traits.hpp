// STAND-IN FOR GENERATED CODE, for builds without the plugin (SQLMODEL_WITH_PLUGIN=OFF). It is
// what the plugin's code generator (-fplugin-arg-sqlmodel-emit=PATH) writes for orm_models.hpp,
// following the contract in include/sqlmodel/model_traits.hpp. With the plugin, the integration
// suite is also built against the generated header (test_orm_integration_generated), so the
// two cannot drift apart unnoticed.
#pragma once

#include <array>
#include <string_view>
#include <tuple>
#include <utility>

#include "orm_models.hpp"
#include "sqlmodel/model_traits.hpp"

template <>
struct sqlmodel::model_traits<sqlmodel::testing::orm::User> {
  using User = sqlmodel::testing::orm::User;
  using Post = sqlmodel::testing::orm::Post;
  using Team = sqlmodel::testing::orm::Team;
  using Membership = sqlmodel::testing::orm::Membership;
  static constexpr std::string_view model_name = "User";
  static constexpr std::string_view table_name = "users";
  static constexpr auto columns = std::tuple{
      column<&User::id>{.name = "id", .kind = schema::TypeKind::int64, .primary_key = true,
                        .autoincrement = true, .nullable = false},
      column<&User::email>{.name = "email", .kind = schema::TypeKind::string, .max_length = 255},
      column<&User::name>{.name = "name", .kind = schema::TypeKind::string},
      column<&User::age>{.name = "age", .kind = schema::TypeKind::int32, .ge = 0},
      column<&User::nickname>{.name = "nickname", .kind = schema::TypeKind::string},
  };
  static constexpr auto relationships = std::tuple{
      relationship<&User::posts, &User::id, &Post::user_id>{
          .name = "posts", .kind = schema::RelationshipKind::one_to_many,
          .foreign_key_column = "user_id", .cascade_delete = true, .delete_orphan = true,
          .back_populates = "author"},
      link_relationship<&User::teams, &User::id, &Membership::user_id, &Membership::team_id,
                        &Team::id>{
          .name = "teams", .kind = schema::RelationshipKind::many_to_many,
          .link_table = "memberships", .back_populates = "members"},
      relationship<&User::memberships, &User::id, &Membership::user_id>{
          .name = "memberships", .kind = schema::RelationshipKind::one_to_many,
          .foreign_key_column = "user_id", .back_populates = "user"},
  };
};

template <>
struct sqlmodel::model_traits<sqlmodel::testing::orm::Post> {
  using User = sqlmodel::testing::orm::User;
  using Post = sqlmodel::testing::orm::Post;
  using Comment = sqlmodel::testing::orm::Comment;
  static constexpr std::string_view model_name = "Post";
  static constexpr std::string_view table_name = "posts";
  static constexpr auto columns = std::tuple{
      column<&Post::id>{.name = "id", .kind = schema::TypeKind::int64, .primary_key = true,
                        .autoincrement = true, .nullable = false},
      column<&Post::user_id>{.name = "user_id", .kind = schema::TypeKind::int64},
      column<&Post::title>{.name = "title", .kind = schema::TypeKind::string},
      column<&Post::score>{.name = "score", .kind = schema::TypeKind::int32},
  };
  static constexpr auto relationships = std::tuple{
      relationship<&Post::author, &Post::user_id, &User::id>{
          .name = "author", .kind = schema::RelationshipKind::many_to_one,
          .foreign_key_column = "user_id", .back_populates = "posts"},
      relationship<&Post::comments, &Post::id, &Comment::post_id>{
          .name = "comments", .kind = schema::RelationshipKind::one_to_many,
          .foreign_key_column = "post_id", .cascade_delete = true},
  };
};

template <>
struct sqlmodel::model_traits<sqlmodel::testing::orm::Comment> {
  using Comment = sqlmodel::testing::orm::Comment;
  static constexpr std::string_view model_name = "Comment";
  static constexpr std::string_view table_name = "comments";
  static constexpr auto columns = std::tuple{
      column<&Comment::id>{.name = "id", .kind = schema::TypeKind::int64, .primary_key = true,
                           .autoincrement = true, .nullable = false},
      column<&Comment::post_id>{.name = "post_id", .kind = schema::TypeKind::int64},
      column<&Comment::body>{.name = "body", .kind = schema::TypeKind::string},
  };
};

template <>
struct sqlmodel::model_traits<sqlmodel::testing::orm::Team> {
  using User = sqlmodel::testing::orm::User;
  using Team = sqlmodel::testing::orm::Team;
  using Membership = sqlmodel::testing::orm::Membership;
  static constexpr std::string_view model_name = "Team";
  static constexpr std::string_view table_name = "teams";
  static constexpr auto columns = std::tuple{
      column<&Team::id>{.name = "id", .kind = schema::TypeKind::int64, .primary_key = true,
                        .autoincrement = true, .nullable = false},
      column<&Team::name>{.name = "name", .kind = schema::TypeKind::string},
  };
  static constexpr auto relationships = std::tuple{
      link_relationship<&Team::members, &Team::id, &Membership::team_id, &Membership::user_id,
                        &User::id>{
          .name = "members", .kind = schema::RelationshipKind::many_to_many,
          .link_table = "memberships", .order_by = "name", .back_populates = "teams"},
  };
};

template <>
struct sqlmodel::model_traits<sqlmodel::testing::orm::Membership> {
  using User = sqlmodel::testing::orm::User;
  using Team = sqlmodel::testing::orm::Team;
  using Membership = sqlmodel::testing::orm::Membership;
  static constexpr std::string_view model_name = "Membership";
  static constexpr std::string_view table_name = "memberships";
  static constexpr auto columns = std::tuple{
      column<&Membership::user_id>{.name = "user_id", .kind = schema::TypeKind::int64,
                                   .primary_key = true},
      column<&Membership::team_id>{.name = "team_id", .kind = schema::TypeKind::int64,
                                   .primary_key = true},
      column<&Membership::role>{.name = "role", .kind = schema::TypeKind::string},
  };
  static constexpr auto relationships = std::tuple{
      relationship<&Membership::user, &Membership::user_id, &User::id>{
          .name = "user", .kind = schema::RelationshipKind::many_to_one,
          .foreign_key_column = "user_id", .back_populates = "memberships"},
      relationship<&Membership::team, &Membership::team_id, &Team::id>{
          .name = "team", .kind = schema::RelationshipKind::many_to_one,
          .foreign_key_column = "team_id"},
  };
};

template <>
struct sqlmodel::model_traits<sqlmodel::testing::orm::Category> {
  using Category = sqlmodel::testing::orm::Category;
  static constexpr std::string_view model_name = "Category";
  static constexpr std::string_view table_name = "categories";
  static constexpr auto columns = std::tuple{
      column<&Category::id>{.name = "id", .kind = schema::TypeKind::int64, .primary_key = true,
                            .autoincrement = true, .nullable = false},
      column<&Category::parent_id>{.name = "parent_id", .kind = schema::TypeKind::int64},
      column<&Category::name>{.name = "name", .kind = schema::TypeKind::string},
  };
  static constexpr auto relationships = std::tuple{
      relationship<&Category::parent, &Category::parent_id, &Category::id>{
          .name = "parent", .kind = schema::RelationshipKind::many_to_one,
          .foreign_key_column = "parent_id", .back_populates = "children"},
      relationship<&Category::children, &Category::id, &Category::parent_id>{
          .name = "children", .kind = schema::RelationshipKind::one_to_many,
          .foreign_key_column = "parent_id", .order_by = "-name", .back_populates = "parent"},
  };
};

template <>
struct sqlmodel::enum_traits<sqlmodel::testing::orm::Priority> {
  using Priority = sqlmodel::testing::orm::Priority;
  static constexpr std::string_view name = "priority";
  static constexpr std::array<std::pair<Priority, std::string_view>, 3> enumerators{{
      {Priority::low, "low"}, {Priority::normal, "normal"}, {Priority::urgent, "urgent"}}};
};

template <>
struct sqlmodel::model_traits<sqlmodel::testing::orm::Gadget> {
  using Gadget = sqlmodel::testing::orm::Gadget;
  static constexpr std::string_view model_name = "Gadget";
  static constexpr std::string_view table_name = "gadgets";
  static constexpr auto columns = std::tuple{
      column<&Gadget::id>{.name = "id", .kind = schema::TypeKind::int64, .primary_key = true,
                          .autoincrement = true, .nullable = false},
      column<&Gadget::active>{.name = "active", .kind = schema::TypeKind::boolean},
      column<&Gadget::ratio>{.name = "ratio", .kind = schema::TypeKind::float64},
      column<&Gadget::small>{.name = "small", .kind = schema::TypeKind::int16},
      column<&Gadget::priority>{.name = "priority", .kind = schema::TypeKind::enumeration,
                                .enum_name = "priority"},
      column<&Gadget::fallback>{.name = "fallback", .kind = schema::TypeKind::enumeration,
                                .enum_name = "priority"},
      column<&Gadget::token>{.name = "token", .kind = schema::TypeKind::uuid},
      column<&Gadget::parent_token>{.name = "parent_token", .kind = schema::TypeKind::uuid},
      column<&Gadget::price>{.name = "price", .kind = schema::TypeKind::numeric, .precision = 12,
                             .scale = 2},
      column<&Gadget::payload>{.name = "payload", .kind = schema::TypeKind::blob},
      column<&Gadget::maybe_ratio>{.name = "maybe_ratio", .kind = schema::TypeKind::float64},
      column<&Gadget::maybe_count>{.name = "maybe_count", .kind = schema::TypeKind::int64},
  };
};

template <>
struct sqlmodel::model_traits<sqlmodel::testing::orm::Document> {
  using Document = sqlmodel::testing::orm::Document;
  static constexpr std::string_view model_name = "Document";
  static constexpr std::string_view table_name = "documents";
  static constexpr auto columns = std::tuple{
      column<&Document::id>{.name = "id", .kind = schema::TypeKind::int64, .primary_key = true,
                            .autoincrement = true, .nullable = false},
      column<&Document::title>{.name = "title", .kind = schema::TypeKind::string},
      column<&Document::body>{.name = "body", .kind = schema::TypeKind::string},
      column<&Document::version>{.name = "version", .kind = schema::TypeKind::int32,
                                 .role = ColumnRole::version, .has_default = true},
  };
};

template <>
struct sqlmodel::model_traits<sqlmodel::testing::orm::Setting> {
  using Setting = sqlmodel::testing::orm::Setting;
  static constexpr std::string_view model_name = "Setting";
  static constexpr std::string_view table_name = "settings";
  static constexpr auto columns = std::tuple{
      column<&Setting::key>{.name = "key", .kind = schema::TypeKind::string, .primary_key = true,
                            .max_length = 64},
      column<&Setting::value>{.name = "value", .kind = schema::TypeKind::string},
  };
};
