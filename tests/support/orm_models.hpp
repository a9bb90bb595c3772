// Models the ORM tests use, annotated as a user writes them. Their traits live in
// orm_models_traits.hpp, hand-written until the plugin's code generator writes them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sqlmodel/annotations.hpp"

namespace sqlmodel::testing::orm {

struct Post;
struct Comment;

struct SQLMODEL_TABLE(.name = "users") User {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.unique = true, .max_length = 255) std::string email;
  std::string name;
  SQLMODEL_FIELD(.ge = 0) std::int32_t age = 0;
  std::optional<std::string> nickname;
  SQLMODEL_RELATIONSHIP(.back_populates = "author") sqlmodel::RelatedList<Post> posts;
};

struct SQLMODEL_TABLE(.name = "posts") Post {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.foreign_key = "users.id", .index = true) std::int64_t user_id = 0;
  std::string title;
  std::int32_t score = 0;
  SQLMODEL_RELATIONSHIP(.back_populates = "posts") sqlmodel::Related<User> author;
  SQLMODEL_RELATIONSHIP(.back_populates = "post") sqlmodel::RelatedList<Comment> comments;
};

struct SQLMODEL_TABLE(.name = "comments") Comment {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.foreign_key = "posts.id", .index = true) std::int64_t post_id = 0;
  std::string body;
};

enum class Priority { low, normal, urgent };

// Every value type the codecs handle, nullable and not.
struct SQLMODEL_TABLE(.name = "gadgets") Gadget {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  bool active = false;
  double ratio = 0;
  std::int16_t small = 0;
  Priority priority = Priority::normal;
  std::optional<Priority> fallback;
  sqlmodel::UUID token;
  std::optional<sqlmodel::UUID> parent_token;
  sqlmodel::Decimal price;
  std::vector<std::uint8_t> payload;
  std::optional<double> maybe_ratio;
  std::optional<std::int64_t> maybe_count;
};

// A table whose key the application chooses (no autoincrement).
struct SQLMODEL_TABLE(.name = "settings") Setting {
  SQLMODEL_FIELD(.primary_key = true, .max_length = 64) std::string key;
  std::string value;
};

}  // namespace sqlmodel::testing::orm
