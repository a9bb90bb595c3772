// The example models of a small todo application: users with a timestamps mixin, tasks with
// enums and relationships, teams many-to-many with users through a link model that carries
// an extra column, tags through a plain link table, and self-referential categories.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <sqlmodel/annotations.hpp>

namespace todo {

// A mixin: its members become columns of every table deriving from it.
struct Timestamps {
  SQLMODEL_FIELD(.server_default = "CURRENT_TIMESTAMP", .default_factory = sqlmodel::DefaultFactory::now)
  std::chrono::system_clock::time_point created_at;
  SQLMODEL_FIELD(.default_factory = sqlmodel::DefaultFactory::now)
  std::chrono::system_clock::time_point updated_at;
};

enum class TaskStatus { todo, in_progress, done };
enum class Priority { low, medium, high };

struct Task;
struct Team;
struct Tag;
struct Category;

struct SQLMODEL_TABLE(.name = "users", .comment = "People who sign in") User : Timestamps {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.index = true, .unique = true, .max_length = 255, .pattern = "^[^@]+@[^@]+$")
  std::string email;
  SQLMODEL_FIELD(.max_length = 100, .min_length = 1) std::string name;
  bool is_active = true;
  SQLMODEL_RELATIONSHIP(.back_populates = "owner", .order_by = "-due_date, title", .cascade_delete = true)
  sqlmodel::RelatedList<Task> tasks;
  SQLMODEL_RELATIONSHIP(.back_populates = "members", .link_model = "TeamMember")
  sqlmodel::RelatedList<Team> teams;
};

struct SQLMODEL_TABLE(.name = "teams") Team {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.unique = true, .max_length = 100) std::string name;
  SQLMODEL_RELATIONSHIP(.back_populates = "teams", .link_model = "team_members")
  sqlmodel::RelatedList<User> members;
};

// Many-to-many with an extra column: the link model is a table of its own.
struct SQLMODEL_TABLE(.name = "team_members") TeamMember {
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "teams.id", .on_delete = sqlmodel::OnDelete::cascade)
  std::int64_t team_id;
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "users.id", .on_delete = sqlmodel::OnDelete::cascade, .index = true)
  std::int64_t user_id;
  SQLMODEL_FIELD(.max_length = 20, .server_default = "'member'") std::string role = "member";
};

struct SQLMODEL_TABLE(.name = "categories") Category {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.max_length = 100) std::string name;
  SQLMODEL_FIELD(.foreign_key = "categories.id", .on_delete = sqlmodel::OnDelete::cascade, .index = true)
  std::optional<std::int64_t> parent_id;
  SQLMODEL_RELATIONSHIP(.back_populates = "children", .remote_side = "id")
  sqlmodel::Related<Category> parent;
  SQLMODEL_RELATIONSHIP(.back_populates = "parent", .order_by = "name", .cascade_delete = true)
  sqlmodel::RelatedList<Category> children;
  SQLMODEL_RELATIONSHIP(.back_populates = "category") sqlmodel::RelatedList<Task> tasks;
};

struct SQLMODEL_TABLE(.name = "tasks", .comment = "Work items")
SQLMODEL_INDEX(.columns = {"owner_id", "status"})
SQLMODEL_INDEX(.columns = {"due_date"}, .where = "status <> 'done'", .name = "ix_tasks_open_due_date")
SQLMODEL_CHECK(.name = "title_not_blank", .expression = "length(title) > 0")
Task {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.max_length = 200) std::string title;
  std::optional<std::string> description;
  SQLMODEL_FIELD(.server_default = "'todo'") TaskStatus status = TaskStatus::todo;
  Priority priority = Priority::medium;
  std::optional<std::chrono::year_month_day> due_date;
  SQLMODEL_FIELD(.foreign_key = "users.id", .on_delete = sqlmodel::OnDelete::cascade)
  std::int64_t owner_id;
  SQLMODEL_FIELD(.foreign_key = "categories.id", .on_delete = sqlmodel::OnDelete::set_null, .index = true)
  std::optional<std::int64_t> category_id;
  SQLMODEL_RELATIONSHIP(.back_populates = "tasks") sqlmodel::Related<User> owner;
  SQLMODEL_RELATIONSHIP(.back_populates = "tasks") sqlmodel::Related<Category> category;
  SQLMODEL_RELATIONSHIP(.back_populates = "tasks", .link_model = "task_tags", .order_by = "name")
  sqlmodel::RelatedList<Tag> tags;
};

struct SQLMODEL_TABLE(.name = "tags") Tag {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.unique = true, .max_length = 50) std::string name;
  SQLMODEL_RELATIONSHIP(.back_populates = "tags", .link_model = "task_tags")
  sqlmodel::RelatedList<Task> tasks;
};

// A plain link table: only the two keys.
struct SQLMODEL_TABLE(.name = "task_tags") TaskTag {
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "tasks.id", .on_delete = sqlmodel::OnDelete::cascade)
  std::int64_t task_id;
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "tags.id", .on_delete = sqlmodel::OnDelete::cascade, .index = true)
  std::int64_t tag_id;
};

// API shapes mirroring the users table.
struct SQLMODEL_MODEL(.mirrors = "users") UserCreate {
  std::string email;
  std::string name;
};

struct SQLMODEL_MODEL(.mirrors = "User", .partial = true) UserUpdate {
  std::optional<std::string> email;
  std::optional<std::string> name;
  std::optional<bool> is_active;
};

}  // namespace todo
