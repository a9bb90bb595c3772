// Models in the style docs/annotations.md teaches: every member a designated initializer may
// leave out has an initializer of its own, relationships included.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <sqlmodel/annotations.hpp>
#include <sqlmodel/mixins.hpp>

namespace blog {

struct Post;

struct SQLMODEL_TABLE(.name = "authors") Author {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id{};
  SQLMODEL_FIELD(.unique = true, .max_length = 40) std::string handle;
  std::optional<std::string> bio{};
  SQLMODEL_RELATIONSHIP(.back_populates = "author") sqlmodel::RelatedList<Post> posts{};
};

struct SQLMODEL_TABLE(.name = "posts") Post {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id{};
  std::string title;
  SQLMODEL_FIELD(.foreign_key = "authors.id", .index = true) std::int64_t author_id = 0;
  SQLMODEL_RELATIONSHIP(.back_populates = "posts") sqlmodel::Related<Author> author{};
};

// A model deriving from a mixin: the base cannot be named in a designated initializer.
struct SQLMODEL_TABLE(.name = "notes") Note : sqlmodel::TimestampMixin, sqlmodel::SoftDeleteMixin {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id{};
  std::string text;
};

}  // namespace blog
