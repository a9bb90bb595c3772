// Models for soft delete across relationships (tests/integration/orm_model_api_soft_delete_test.cpp):
// a parent that is not soft-deletable with soft-deletable children (one-to-many, nested, and
// many-to-one back), and a many-to-many whose far side and link model are both soft-deletable.
// Their traits are hand-written in soft_delete_models_traits.hpp, as the plugin would write them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sqlmodel/annotations.hpp"
#include "sqlmodel/mixins.hpp"

namespace sqlmodel::testing::soft {

struct Article;
struct Note;
struct Club;
struct ClubMember;

struct SQLMODEL_TABLE(.name = "authors") Author {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::string name;
  SQLMODEL_RELATIONSHIP(.back_populates = "author", .delete_orphan = true)
  sqlmodel::RelatedList<Article> articles;
  SQLMODEL_RELATIONSHIP(.link_model = "ClubMember") sqlmodel::RelatedList<Club> clubs;
};

struct SQLMODEL_TABLE(.name = "articles") Article : sqlmodel::TimestampMixin, sqlmodel::SoftDeleteMixin {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.foreign_key = "authors.id", .index = true) std::int64_t author_id = 0;
  SQLMODEL_FIELD(.max_length = 40) std::string title;
  SQLMODEL_FIELD(.ge = 0, .le = 10) std::int32_t stars = 0;
  SQLMODEL_RELATIONSHIP(.back_populates = "articles") sqlmodel::Related<Author> author;
  SQLMODEL_RELATIONSHIP(.back_populates = "article") sqlmodel::RelatedList<Note> notes;
};

struct SQLMODEL_TABLE(.name = "notes") Note : sqlmodel::SoftDeleteMixin {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.foreign_key = "articles.id", .index = true) std::int64_t article_id = 0;
  std::string body;
  SQLMODEL_RELATIONSHIP(.back_populates = "notes") sqlmodel::Related<Article> article;
};

struct SQLMODEL_TABLE(.name = "clubs") Club : sqlmodel::SoftDeleteMixin {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::string name;
};

// The link model of Author.clubs, soft-deletable itself (a membership that ended).
struct SQLMODEL_TABLE(.name = "club_members") ClubMember : sqlmodel::SoftDeleteMixin {
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "authors.id") std::int64_t author_id = 0;
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "clubs.id") std::int64_t club_id = 0;
  std::string role;
};

}  // namespace sqlmodel::testing::soft
