// An application's use of the header generated for todo_models.hpp: it includes only that
// header, by name, and the traits say what the models say.
#include "todo.sqlmodel.hpp"

#include <tuple>
#include <type_traits>

namespace {

template <typename T>
using traits = sqlmodel::model_traits<T>;
template <typename T, std::size_t I>
using relationship_type = std::remove_cvref_t<decltype(sqlmodel::get<I>(traits<T>::relationships))>;

// Mixin columns first, then the struct's own, as in the snapshot.
static_assert(traits<todo::User>::table_name == "users");
static_assert(traits<todo::User>::model_name == "User");
static_assert(std::tuple_size_v<decltype(traits<todo::User>::columns)> == 6);
static_assert(sqlmodel::get<0>(traits<todo::User>::columns).name == "created_at");
static_assert(sqlmodel::get<0>(traits<todo::User>::columns).with_timezone);
static_assert(sqlmodel::detail::primary_key_index<todo::User> == 2);
static_assert(sqlmodel::get<2>(traits<todo::User>::columns).autoincrement);
static_assert(!sqlmodel::get<2>(traits<todo::User>::columns).nullable);
static_assert(sqlmodel::get<3>(traits<todo::User>::columns).max_length == 255);
static_assert(sqlmodel::detail::primary_key_column<todo::Task>.name == "id");
static_assert(sqlmodel::get<2>(traits<todo::Task>::columns).nullable);  // description

// What the session and JSON need beyond the schema: bounds, defaults, factories.
static_assert(sqlmodel::get<3>(traits<todo::User>::columns).pattern == "^[^@]+@[^@]+$");
static_assert(!sqlmodel::get<3>(traits<todo::User>::columns).has_default);
static_assert(sqlmodel::get<4>(traits<todo::User>::columns).min_length == 1);
static_assert(sqlmodel::get<5>(traits<todo::User>::columns).has_default);  // is_active = true
static_assert(sqlmodel::get<0>(traits<todo::User>::columns).default_factory == sqlmodel::DefaultFactory::now);
static_assert(sqlmodel::get<0>(traits<todo::User>::columns).has_default);

// Many-to-many through the link model, and the API shapes.
using user_teams = relationship_type<todo::User, 1>;
static_assert(sqlmodel::detail::same_member<user_teams::local_key, &todo::User::id>());
static_assert(sqlmodel::detail::same_member<user_teams::link_local_key, &todo::TeamMember::user_id>());
static_assert(sqlmodel::detail::same_member<user_teams::link_remote_key, &todo::TeamMember::team_id>());
static_assert(sqlmodel::detail::same_member<user_teams::remote_key, &todo::Team::id>());
static_assert(sqlmodel::get<1>(traits<todo::User>::relationships).link_table == "team_members");
static_assert(sqlmodel::get<0>(traits<todo::User>::relationships).order_by == "-due_date, title");
static_assert(sqlmodel::get<0>(traits<todo::User>::relationships).cascade_delete);
static_assert(std::is_same_v<sqlmodel::mirror_traits<todo::UserUpdate>::table_model, todo::User>);
static_assert(sqlmodel::mirror_traits<todo::UserUpdate>::partial);
static_assert(std::tuple_size_v<decltype(sqlmodel::mirror_traits<todo::UserCreate>::fields)> == 2);

// Enums by enumerator name, under the schema's enum name.
static_assert(sqlmodel::enum_traits<todo::TaskStatus>::name == "taskstatus");
static_assert(sqlmodel::enum_traits<todo::TaskStatus>::enumerators.size() == 3);
static_assert(sqlmodel::enum_traits<todo::TaskStatus>::enumerators[1].first == todo::TaskStatus::in_progress);
static_assert(sqlmodel::enum_traits<todo::TaskStatus>::enumerators[1].second == "in_progress");
static_assert(sqlmodel::get<3>(traits<todo::Task>::columns).enum_name == "taskstatus");

// One-to-many: the parent's key and the child's foreign key; many-to-one the other way round.
using user_tasks = relationship_type<todo::User, 0>;
static_assert(sqlmodel::detail::same_member<user_tasks::member, &todo::User::tasks>());
static_assert(sqlmodel::detail::same_member<user_tasks::local_key, &todo::User::id>());
static_assert(sqlmodel::detail::same_member<user_tasks::remote_key, &todo::Task::owner_id>());
static_assert(sqlmodel::get<0>(traits<todo::User>::relationships).kind ==
              sqlmodel::schema::RelationshipKind::one_to_many);
using task_owner = relationship_type<todo::Task, 0>;
static_assert(sqlmodel::detail::same_member<task_owner::local_key, &todo::Task::owner_id>());
static_assert(sqlmodel::detail::same_member<task_owner::remote_key, &todo::User::id>());
static_assert(sqlmodel::get<0>(traits<todo::Task>::relationships).foreign_key_column == "owner_id");

// Self-referential: parent follows this row's parent_id, children find rows pointing here.
using category_parent = relationship_type<todo::Category, 0>;
static_assert(sqlmodel::detail::same_member<category_parent::local_key, &todo::Category::parent_id>());
static_assert(sqlmodel::detail::same_member<category_parent::remote_key, &todo::Category::id>());
using category_children = relationship_type<todo::Category, 1>;
static_assert(sqlmodel::detail::same_member<category_children::local_key, &todo::Category::id>());
static_assert(sqlmodel::detail::same_member<category_children::remote_key, &todo::Category::parent_id>());

// Tuple-like: a structured binding names the columns (of a copy of the traits' list).
int column_names_length() {
  auto [created_at, updated_at, id, email, name, is_active] = traits<todo::User>::columns;
  return static_cast<int>(created_at.name.size() + updated_at.name.size() + id.name.size() + email.name.size() +
                          name.name.size() + is_active.name.size());
}

}  // namespace

int main() { return column_names_length() == 0; }
