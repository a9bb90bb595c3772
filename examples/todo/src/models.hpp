// The models of a small todo application, and the single source of truth for its schema:
// the sqlmodel plugin checks them while they compile and writes the snapshot that
// `sqlmodel-migrate revision` diffs against the migrations in ../migrations.
//
// - User gets created_at / updated_at from sqlmodel::TimestampMixin.
// - Task has two enums, an owner (many-to-one), a category and tags.
// - Team <-> User is many-to-many through TeamMember, a link model with an extra column (role).
// - Task <-> Tag is many-to-many through task_tags, a plain link table.
// - Category refers to itself (parent / children).
// - UserCreate / UserRead / UserUpdate and TaskCreate / TaskUpdate are the shapes an API
//   reads and writes; the plugin checks their fields against the tables they mirror.
//
// Every member that `Task{.title = "..."}` may leave out has an initializer (`{}` for optionals
// and relationships), so the designated style stays quiet under -Wextra
// (-Wmissing-field-initializers), with g++ and clang++ alike.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <sqlmodel/annotations.hpp>
#include <sqlmodel/mixins.hpp>

namespace todo {

enum class TaskStatus { todo, in_progress, done };
enum class Priority { low, medium, high };

struct Task;
struct Team;
struct Tag;
struct Category;

// sqlmodel::TimestampMixin gives created_at (set on INSERT) and updated_at (set on every
// UPDATE): the session fills them, as Django's auto_now_add / auto_now do.
struct SQLMODEL_TABLE(.name = "users", .comment = "People who sign in") User : sqlmodel::TimestampMixin {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id{};
  SQLMODEL_FIELD(.index = true, .unique = true, .max_length = 255, .pattern = "^[^@]+@[^@]+$")
  std::string email;
  SQLMODEL_FIELD(.max_length = 100, .min_length = 1) std::string name;
  bool is_active = true;
  SQLMODEL_RELATIONSHIP(.back_populates = "owner", .order_by = "-due_date, title", .cascade_delete = true)
  sqlmodel::RelatedList<Task> tasks{};
  SQLMODEL_RELATIONSHIP(.back_populates = "members", .link_model = "TeamMember")
  sqlmodel::RelatedList<Team> teams{};
};

struct SQLMODEL_TABLE(.name = "teams") Team {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id{};
  SQLMODEL_FIELD(.unique = true, .max_length = 100) std::string name;
  SQLMODEL_RELATIONSHIP(.back_populates = "teams", .link_model = "team_members", .order_by = "name")
  sqlmodel::RelatedList<User> members{};
};

// Many-to-many with an extra column: the link model is a table of its own.
struct SQLMODEL_TABLE(.name = "team_members") TeamMember {
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "teams.id", .on_delete = sqlmodel::OnDelete::cascade)
  std::int64_t team_id = 0;
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "users.id", .on_delete = sqlmodel::OnDelete::cascade, .index = true)
  std::int64_t user_id = 0;
  SQLMODEL_FIELD(.max_length = 20, .server_default = "'member'") std::string role = "member";
};

struct SQLMODEL_TABLE(.name = "categories") Category {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id{};
  SQLMODEL_FIELD(.max_length = 100) std::string name;
  SQLMODEL_FIELD(.foreign_key = "categories.id", .on_delete = sqlmodel::OnDelete::cascade, .index = true)
  std::optional<std::int64_t> parent_id{};
  SQLMODEL_RELATIONSHIP(.back_populates = "children", .remote_side = "id")
  sqlmodel::Related<Category> parent{};
  SQLMODEL_RELATIONSHIP(.back_populates = "parent", .order_by = "name", .cascade_delete = true)
  sqlmodel::RelatedList<Category> children{};
  SQLMODEL_RELATIONSHIP(.back_populates = "category", .order_by = "title")
  sqlmodel::RelatedList<Task> tasks{};
};

struct SQLMODEL_TABLE(.name = "tasks", .comment = "Work items")
SQLMODEL_INDEX(.columns = {"owner_id", "status"})
SQLMODEL_INDEX(.columns = {"due_date"}, .where = "status <> 'done'", .name = "ix_tasks_open_due_date")
SQLMODEL_CHECK(.name = "title_not_blank", .expression = "length(title) > 0")
Task {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id{};
  SQLMODEL_FIELD(.max_length = 200, .min_length = 1) std::string title;
  std::optional<std::string> description{};
  SQLMODEL_FIELD(.server_default = "'todo'") TaskStatus status = TaskStatus::todo;
  Priority priority = Priority::medium;
  std::optional<std::chrono::year_month_day> due_date{};
  SQLMODEL_FIELD(.foreign_key = "users.id", .on_delete = sqlmodel::OnDelete::cascade)
  std::int64_t owner_id = 0;
  SQLMODEL_FIELD(.foreign_key = "categories.id", .on_delete = sqlmodel::OnDelete::set_null, .index = true)
  std::optional<std::int64_t> category_id{};
  SQLMODEL_RELATIONSHIP(.back_populates = "tasks") sqlmodel::Related<User> owner{};
  SQLMODEL_RELATIONSHIP(.back_populates = "tasks") sqlmodel::Related<Category> category{};
  SQLMODEL_RELATIONSHIP(.back_populates = "tasks", .link_model = "task_tags", .order_by = "name")
  sqlmodel::RelatedList<Tag> tags{};
};

struct SQLMODEL_TABLE(.name = "tags") Tag {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id{};
  SQLMODEL_FIELD(.unique = true, .max_length = 50) std::string name;
  SQLMODEL_RELATIONSHIP(.back_populates = "tags", .link_model = "task_tags", .order_by = "title")
  sqlmodel::RelatedList<Task> tasks{};
};

// A plain link table: only the two keys.
struct SQLMODEL_TABLE(.name = "task_tags") TaskTag {
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "tasks.id", .on_delete = sqlmodel::OnDelete::cascade)
  std::int64_t task_id = 0;
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "tags.id", .on_delete = sqlmodel::OnDelete::cascade, .index = true)
  std::int64_t tag_id = 0;
};

// ---- API shapes: what a client sends and receives, never a table of their own ----

struct SQLMODEL_MODEL(.mirrors = "User") UserCreate {
  std::string email;
  std::string name;
};

struct SQLMODEL_MODEL(.mirrors = "User") UserRead {
  std::int64_t id = 0;
  std::string email;
  std::string name;
  bool is_active = true;
};

// Only the fields a client sent are set; applying it leaves the others as they are.
struct SQLMODEL_MODEL(.mirrors = "User", .partial = true) UserUpdate {
  std::optional<std::string> email{};
  std::optional<std::string> name{};
  std::optional<bool> is_active{};
};

struct SQLMODEL_MODEL(.mirrors = "Task") TaskCreate {
  std::string title;
  std::optional<std::string> description{};
  Priority priority = Priority::medium;
  std::int64_t owner_id = 0;
};

struct SQLMODEL_MODEL(.mirrors = "Task", .partial = true) TaskUpdate {
  std::optional<std::string> title{};
  std::optional<TaskStatus> status{};
  std::optional<Priority> priority{};
};

}  // namespace todo
