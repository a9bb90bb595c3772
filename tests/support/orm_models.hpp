// Models the ORM tests use, annotated as a user writes them. The plugin generates their traits
// (test_orm_integration_generated); orm_models_traits.hpp stands in for builds without it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sqlmodel/annotations.hpp"

namespace sqlmodel::testing::orm {

struct Post;
struct Comment;
struct Team;
struct Membership;

// The database's own check beside the validation of .ge (tests reach it with a statement of
// their own).
struct SQLMODEL_TABLE(.name = "users")
SQLMODEL_CHECK(.name = "age_not_negative", .expression = "age >= 0") User {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.unique = true, .max_length = 255) std::string email;
  std::string name;
  SQLMODEL_FIELD(.ge = 0) std::int32_t age = 0;
  std::optional<std::string> nickname;
  SQLMODEL_RELATIONSHIP(.back_populates = "author", .cascade_delete = true, .delete_orphan = true)
  sqlmodel::RelatedList<Post> posts;
  // Many-to-many through a link model with a column of its own (Membership::role), and the
  // same rows as association objects.
  SQLMODEL_RELATIONSHIP(.link_model = "Membership", .back_populates = "members")
  sqlmodel::RelatedList<Team> teams;
  SQLMODEL_RELATIONSHIP(.back_populates = "user") sqlmodel::RelatedList<Membership> memberships;
};

struct SQLMODEL_TABLE(.name = "posts") Post {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.foreign_key = "users.id", .index = true) std::int64_t user_id = 0;
  std::string title;
  std::int32_t score = 0;
  SQLMODEL_RELATIONSHIP(.back_populates = "posts") sqlmodel::Related<User> author;
  SQLMODEL_RELATIONSHIP(.cascade_delete = true)
  sqlmodel::RelatedList<Comment> comments;
};

struct SQLMODEL_TABLE(.name = "comments") Comment {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.foreign_key = "posts.id", .index = true) std::int64_t post_id = 0;
  std::string body;
};

struct SQLMODEL_TABLE(.name = "teams") Team {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.unique = true) std::string name;
  SQLMODEL_RELATIONSHIP(.link_model = "Membership", .back_populates = "teams", .order_by = "name")
  sqlmodel::RelatedList<User> members;
};

// The link model of User.teams / Team.members: a composite primary key, and a column of its own.
struct SQLMODEL_TABLE(.name = "memberships") Membership {
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "users.id") std::int64_t user_id = 0;
  // Second in the key, so the key's index does not serve lookups by team: an index of its own.
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "teams.id", .index = true) std::int64_t team_id = 0;
  std::string role;
  SQLMODEL_RELATIONSHIP(.back_populates = "memberships") sqlmodel::Related<User> user;
  SQLMODEL_RELATIONSHIP() sqlmodel::Related<Team> team;
};

// A self-referential tree; the database sets a child's parent_id to NULL when its parent goes.
struct SQLMODEL_TABLE(.name = "categories") Category {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.foreign_key = "categories.id", .on_delete = sqlmodel::OnDelete::set_null,
                 .index = true)
  std::optional<std::int64_t> parent_id;
  std::string name;
  SQLMODEL_RELATIONSHIP(.back_populates = "children", .remote_side = "id")
  sqlmodel::Related<Category> parent;
  SQLMODEL_RELATIONSHIP(.back_populates = "parent", .order_by = "-name")
  sqlmodel::RelatedList<Category> children;
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
  SQLMODEL_FIELD(.precision = 12, .scale = 2) sqlmodel::Decimal price;
  std::vector<std::uint8_t> payload;
  std::optional<double> maybe_ratio;
  std::optional<std::int64_t> maybe_count;
};

// Optimistic concurrency: the session checks and bumps `version` on every UPDATE and DELETE.
struct SQLMODEL_TABLE(.name = "documents") Document {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::string title;
  std::string body;
  SQLMODEL_FIELD(.version = true) std::int32_t version = 0;
};

// A table whose key the application chooses (no autoincrement).
struct SQLMODEL_TABLE(.name = "settings") Setting {
  SQLMODEL_FIELD(.primary_key = true, .max_length = 64) std::string key;
  std::string value;
};

}  // namespace sqlmodel::testing::orm
