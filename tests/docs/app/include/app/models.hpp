// A blog: authors write posts, readers leave threaded comments, posts have tags.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <sqlmodel/annotations.hpp>
#include <sqlmodel/mixins.hpp>

namespace app {

struct Post;
struct Comment;
struct Tag;

struct SQLMODEL_TABLE(.name = "authors") Author {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id{};
  SQLMODEL_FIELD(.unique = true, .max_length = 40) std::string handle;
  SQLMODEL_FIELD(.max_length = 100) std::string name;
  SQLMODEL_RELATIONSHIP(.back_populates = "author") sqlmodel::RelatedList<Post> posts{};
};

struct SQLMODEL_TABLE(.name = "posts") Post : sqlmodel::TimestampMixin {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id{};
  SQLMODEL_FIELD(.max_length = 200) std::string title;
  std::string body;
  SQLMODEL_FIELD(.foreign_key = "authors.id", .on_delete = sqlmodel::OnDelete::cascade, .index = true)
  std::int64_t author_id = 0;
  SQLMODEL_RELATIONSHIP(.back_populates = "posts") sqlmodel::Related<Author> author{};
  SQLMODEL_RELATIONSHIP(.back_populates = "post") sqlmodel::RelatedList<Comment> comments{};
  SQLMODEL_RELATIONSHIP(.back_populates = "posts", .link_model = "post_tags") sqlmodel::RelatedList<Tag> tags{};
};

// Replies point at the comment they answer.
struct SQLMODEL_TABLE(.name = "comments") Comment {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id{};
  SQLMODEL_FIELD(.foreign_key = "posts.id", .on_delete = sqlmodel::OnDelete::cascade, .index = true)
  std::int64_t post_id = 0;
  SQLMODEL_FIELD(.foreign_key = "comments.id", .on_delete = sqlmodel::OnDelete::cascade, .index = true)
  std::optional<std::int64_t> parent_id{};
  std::string text;
  SQLMODEL_RELATIONSHIP(.back_populates = "comments") sqlmodel::Related<Post> post{};
  SQLMODEL_RELATIONSHIP(.back_populates = "replies", .remote_side = "id") sqlmodel::Related<Comment> parent{};
  SQLMODEL_RELATIONSHIP(.back_populates = "parent") sqlmodel::RelatedList<Comment> replies{};
};

struct SQLMODEL_TABLE(.name = "tags") Tag {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id{};
  SQLMODEL_FIELD(.unique = true, .max_length = 50) std::string name;
  SQLMODEL_RELATIONSHIP(.back_populates = "tags", .link_model = "post_tags") sqlmodel::RelatedList<Post> posts{};
};

struct SQLMODEL_TABLE(.name = "post_tags") PostTag {
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "posts.id", .on_delete = sqlmodel::OnDelete::cascade)
  std::int64_t post_id = 0;
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "tags.id", .on_delete = sqlmodel::OnDelete::cascade,
                 .index = true)
  std::int64_t tag_id = 0;
};

}  // namespace app
