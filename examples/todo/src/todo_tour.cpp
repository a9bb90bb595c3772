#include "todo_tour.hpp"

#include <chrono>
#include <cstddef>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <sqlmodel/json.hpp>
#include <sqlmodel/mirror.hpp>
#include <sqlmodel/orm.hpp>
#include <sqlmodel/validation.hpp>

#include "models.hpp"
#include "todo-app.sqlmodel.hpp"  // the traits the plugin generated from models.hpp

namespace todo {
namespace {

using namespace std::chrono_literals;
using sqlmodel::col;
using sqlmodel::related;
using sqlmodel::select;
using sqlmodel::selectinload;
using nlohmann::json;

// Counts the statements the database runs, to show what each read costs.
class StatementCounter {
 public:
  explicit StatementCounter(sqlmodel::Database& db)
      : db_(db), id_(db.add_listener([this](const sqlmodel::StatementEvent&) { ++count_; })) {}
  ~StatementCounter() { db_.remove_listener(id_); }
  StatementCounter(const StatementCounter&) = delete;
  StatementCounter& operator=(const StatementCounter&) = delete;

  // Statements since the last call.
  std::size_t take() { return std::exchange(count_, 0); }

 private:
  sqlmodel::Database& db_;
  std::uint64_t id_;
  std::size_t count_ = 0;
};

void heading(std::string_view title) { std::cout << "\n== " << title << '\n'; }

template <typename E>
std::string_view enum_text(E value) {
  for (const auto& [enumerator, name] : sqlmodel::enum_traits<E>::enumerators)
    if (enumerator == value) return name;
  return "?";
}

std::string date_text(const std::optional<std::chrono::year_month_day>& date) {
  if (!date) return "no due date";
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date->year()),
                static_cast<unsigned>(date->month()), static_cast<unsigned>(date->day()));
  return std::string("due ") + text;
}

// ---- create ----

struct Created {
  std::int64_t ada = 0, grace = 0, linus = 0;
  std::int64_t urgent_tag = 0;
  std::int64_t review_task = 0;
};

// What an API handler does with a request body: JSON to a Create model (types and field
// constraints checked, every failure named), then a table row from it.
User user_from_request(const std::string& body) {
  const auto input = sqlmodel::from_json<UserCreate>(json::parse(body));
  return sqlmodel::from_create<User>(input);
}

Created create_rows(sqlmodel::Session& session) {
  heading("create");
  Created created;

  std::vector<User> users = {user_from_request(R"({"email": "ada@example.com", "name": "Ada"})"),
                             user_from_request(R"({"email": "grace@example.com", "name": "Grace"})"),
                             user_from_request(R"({"email": "linus@example.com", "name": "Linus"})")};
  session.add_all(users);
  std::vector<Team> teams = {{.name = "platform"}, {.name = "research"}};
  session.add_all(teams);
  session.flush();  // the keys the database assigned are now in the objects
  created.ada = *users[0].id;
  created.grace = *users[1].id;
  created.linus = *users[2].id;
  std::cout << "users from UserCreate JSON: ";
  for (const User& user : users) std::cout << (&user == &users.front() ? "" : " ") << user.name << " (id " << *user.id << ")";
  std::cout << "\nas UserRead JSON: " << sqlmodel::to_json(sqlmodel::to_read<UserRead>(users[0])).dump() << '\n';
  std::cout << "created_at set by the session: " << (users[0].created_at ? "yes" : "no") << '\n';
  std::cout << "teams: platform (id " << *teams[0].id << "), research (id " << *teams[1].id << ")\n";

  // The link model carries a column of its own: the member's role.
  std::vector<TeamMember> memberships = {
      {.team_id = *teams[0].id, .user_id = created.ada, .role = "lead"},
      {.team_id = *teams[0].id, .user_id = created.linus},
      {.team_id = *teams[1].id, .user_id = created.ada},
      {.team_id = *teams[1].id, .user_id = created.grace, .role = "lead"}};
  session.add_all(memberships);

  Category work{.name = "work"};
  Category home{.name = "home"};
  session.add(work);
  session.add(home);
  session.flush();
  std::vector<Category> subcategories = {{.name = "backend", .parent_id = work.id},
                                         {.name = "frontend", .parent_id = work.id}};
  session.add_all(subcategories);

  std::vector<Tag> tags = {{.name = "urgent"}, {.name = "release"}, {.name = "chore"}};
  session.add_all(tags);
  session.flush();
  created.urgent_tag = *tags[0].id;

  using std::chrono::year;
  std::vector<Task> tasks = {
      {.title = "Ship 1.0", .priority = Priority::high, .due_date = year(2026) / 12 / 1,
       .owner_id = created.ada, .category_id = subcategories[0].id},
      {.title = "Review the migration", .description = "check the generated SQL",
       .priority = Priority::high, .due_date = year(2026) / 11 / 30, .owner_id = created.ada,
       .category_id = subcategories[0].id},
      {.title = "Fix the login form", .owner_id = created.grace, .category_id = subcategories[1].id},
      {.title = "Water the plants", .priority = Priority::low, .owner_id = created.grace,
       .category_id = home.id},
      {.title = "Rotate the keys", .status = TaskStatus::in_progress, .owner_id = created.linus,
       .category_id = work.id}};
  session.add_all(tasks);
  session.flush();
  created.review_task = *tasks[1].id;
  std::vector<TaskTag> task_tags = {{.task_id = *tasks[0].id, .tag_id = *tags[0].id},
                                    {.task_id = *tasks[0].id, .tag_id = *tags[1].id},
                                    {.task_id = *tasks[1].id, .tag_id = *tags[1].id},
                                    {.task_id = *tasks[3].id, .tag_id = *tags[2].id},
                                    {.task_id = *tasks[4].id, .tag_id = *tags[0].id}};
  session.add_all(task_tags);
  session.commit();
  std::cout << "categories: work > backend, work > frontend, home\n"
            << "tags: urgent, release, chore\n"
            << tasks.size() << " tasks, " << task_tags.size() << " task tags, " << memberships.size()
            << " team memberships\n";

  // Field constraints are checked before anything reaches the database, all at once.
  try {
    (void)user_from_request(R"({"email": "not-an-email", "name": ""})");
    std::cout << "unexpected: an invalid UserCreate was accepted\n";
  } catch (const sqlmodel::ValidationError& error) {
    std::cout << "rejected before any SQL: " << error.what() << '\n';
  }

  // A unique constraint the database enforces; the error names the table and the constraint.
  User duplicate = user_from_request(R"({"email": "ada@example.com", "name": "Another Ada"})");
  session.add(duplicate);
  try {
    session.commit();
    std::cout << "unexpected: a second ada@example.com was accepted\n";
  } catch (const sqlmodel::IntegrityError& error) {
    std::cout << "a second ada@example.com is refused: IntegrityError on table " << error.table()
              << " (" << error.constraint() << ")\n";
  }
  return created;
}

// ---- read ----

void print_users(sqlmodel::Session& session, StatementCounter& counter) {
  heading("query users with their teams, tasks and the tasks' tags (selectinload)");
  counter.take();
  auto users = session.exec(select<User>()
                                .order_by(col(&User::name))
                                .options(selectinload(&User::teams),
                                         selectinload(&User::tasks).then(&Task::tags)));
  std::cout << users.size() << " users in " << counter.take()
            << " statements (one per relationship level, however many users)\n";
  for (const User& user : users) {
    std::cout << user.name << " <" << user.email << ">  teams:";
    for (const auto& team : related(user, &User::teams)) std::cout << ' ' << team->name;
    std::cout << '\n';
    for (const auto& task : related(user, &User::tasks)) {
      std::cout << "  [" << enum_text(task->priority) << "] " << task->title << " ("
                << enum_text(task->status) << ", " << date_text(task->due_date) << ")";
      const auto& tags = related(*task, &Task::tags);
      if (!tags.empty()) {
        std::cout << "  tags:";
        for (const auto& tag : tags) std::cout << ' ' << tag->name;
      }
      std::cout << '\n';
    }
  }
}

void print_category(const Category& category, int depth) {
  std::cout << std::string(static_cast<std::size_t>(depth) * 2, ' ') << category.name;
  const auto& tasks = related(category, &Category::tasks);
  if (!tasks.empty()) {
    std::cout << ":";
    for (const auto& task : tasks) std::cout << " \"" << task->title << "\"";
  }
  std::cout << '\n';
  if (category.children.loaded())
    for (const auto& child : related(category, &Category::children)) print_category(*child, depth + 1);
}

void print_categories(sqlmodel::Session& session, StatementCounter& counter) {
  heading("the category tree, two levels, with each category's tasks (self-referential)");
  counter.take();
  auto roots = session.exec(
      select<Category>()
          .where(col(&Category::parent_id).is_null())
          .order_by(col(&Category::name))
          .options(selectinload(&Category::tasks),
                   selectinload(&Category::children).then(&Category::tasks)));
  std::cout << "loaded in " << counter.take() << " statements\n";
  for (const Category& root : roots) print_category(root, 1);
}

void show_lazy_loading_is_refused(sqlmodel::Session& session, std::int64_t task_id) {
  heading("a relationship that was not loaded is an error, not a hidden query");
  Task task = session.get_one<Task>(task_id);
  try {
    (void)related(task, &Task::owner);
  } catch (const sqlmodel::RelationshipNotLoaded& error) {
    std::cout << "RelationshipNotLoaded: " << error.what() << '\n';
  }
  session.load(task, &Task::owner);
  std::cout << "after session.load(task, &Task::owner): \"" << task.title << "\" belongs to "
            << related(task, &Task::owner)->name << '\n';
}

// ---- update ----

void update_rows(sqlmodel::Session& session, const Created& created) {
  heading("update");
  User ada = session.get_one<User>(created.ada);
  const auto created_at = ada.created_at;
  const auto patch = sqlmodel::from_json<UserUpdate>(json::parse(R"({"name": "Ada Lovelace"})"));
  sqlmodel::apply_update(ada, patch);  // only the fields the request set
  session.update(ada);

  Task review = session.get_one<Task>(created.review_task);
  review.status = TaskStatus::done;
  session.update(review);
  session.commit();

  session.refresh(ada);
  std::cout << "user " << *ada.id << " renamed to \"" << ada.name << "\" by a UserUpdate; its email is still "
            << ada.email << ", created_at " << (ada.created_at == created_at ? "kept" : "CHANGED")
            << ", updated_at " << (ada.updated_at && created_at && *ada.updated_at >= *created_at ? "moved on" : "NOT SET")
            << '\n';
  std::cout << "task \"" << review.title << "\" is now "
            << enum_text(session.get_one<Task>(created.review_task).status) << '\n';

  // UPDATE by criteria: one statement, however many rows.
  const auto raised = session.exec(sqlmodel::update<Task>()
                                       .set(&Task::priority, Priority::high)
                                       .where(col(&Task::owner_id) == created.grace &&
                                              col(&Task::status) != TaskStatus::done));
  session.commit();
  std::cout << raised << " of Grace's open tasks raised to high priority in one UPDATE\n";

  auto open_tasks = session.exec(select<Task>()
                                     .where(col(&Task::status) != TaskStatus::done)
                                     .order_by(col(&Task::title)));
  std::cout << open_tasks.size() << " tasks are not done:";
  for (const Task& task : open_tasks) std::cout << " \"" << task.title << "\"";
  std::cout << '\n';
}

// ---- delete ----

template <typename T>
std::size_t count_rows(sqlmodel::Session& session) {
  return session.exec(select<T>()).size();
}

void delete_rows(sqlmodel::Session& session, const Created& created) {
  heading("delete");
  Tag urgent = session.get_one<Tag>(created.urgent_tag);
  const std::size_t links_before = count_rows<TaskTag>(session);
  session.delete_(urgent);
  session.commit();
  std::cout << "removed tag \"" << urgent.name << "\": task_tags went from " << links_before << " to "
            << count_rows<TaskTag>(session) << " rows\n";

  // DELETE by criteria. Without where() it would not compile: emptying a table is said with .all().
  const auto purged = session.exec(sqlmodel::delete_<Task>().where(col(&Task::status) == TaskStatus::done));
  session.commit();
  std::cout << "deleted " << purged << " done task(s) in one DELETE\n";

  User linus = session.get_one<User>(created.linus);
  const std::size_t tasks_before = count_rows<Task>(session);
  session.delete_(linus);
  session.commit();
  std::cout << "removed user \"" << linus.name << "\": tasks went from " << tasks_before << " to "
            << count_rows<Task>(session) << " (his tasks cascade), team_members to "
            << count_rows<TeamMember>(session) << '\n';
  std::cout << "left: " << count_rows<User>(session) << " users, " << count_rows<Team>(session)
            << " teams, " << count_rows<Category>(session) << " categories, "
            << count_rows<Tag>(session) << " tags\n";
}

// ---- write through relationships ----

void write_through_relationships(sqlmodel::Session& session, StatementCounter& counter, std::int64_t owner) {
  heading("write through relationships (one add, one flush)");
  // New objects hung on each other: session.add(errands) inserts every new object its
  // relationships reach, parents first, and writes the keys into the foreign keys.
  auto errands = std::make_shared<Category>();
  errands->name = "errands";
  auto shopping = std::make_shared<Category>();
  shopping->name = "shopping";
  errands->children.append(shopping);
  for (const char* title : {"Buy milk", "Buy bread"}) {
    auto task = std::make_shared<Task>();
    task->title = title;
    task->owner_id = owner;
    shopping->tasks.append(task);
  }
  counter.take();
  session.add(errands);
  session.commit();
  std::cout << "errands (id " << *errands->id << ") > shopping (parent_id " << *shopping->parent_id
            << ") with tasks " << (shopping->tasks.get()[0]->category_id == shopping->id ? "in it" : "elsewhere")
            << ": " << counter.take() << " statements for 4 rows\n";

  // Moving a task to another category: only the foreign key is written.
  auto tasks = session.exec(select<Task>().where(col(&Task::title) == "Buy bread").options(selectinload(&Task::category)));
  tasks[0].category.set(errands);
  session.add(tasks[0]);
  session.commit();
  std::cout << "\"Buy bread\" moved to errands: " << counter.take() << " statement(s), category_id is now "
            << *session.get_one<Task>(*tasks[0].id).category_id << '\n';

  // Nothing changed: nothing is written.
  counter.take();
  session.update(tasks[0]);
  session.commit();
  std::cout << "an update with nothing changed runs " << counter.take() << " statements\n";
}

}  // namespace

bool run_tour(sqlmodel::Database& db) {
  StatementCounter counter(db);
  sqlmodel::Session session(db);
  if (session.first(select<User>())) {
    std::cout << "todo-app: the database already has users; the tour starts from an empty, "
                 "migrated database (tools/demo.sh creates a fresh one each run)\n";
    return false;
  }
  const Created created = create_rows(session);
  print_users(session, counter);
  print_categories(session, counter);
  show_lazy_loading_is_refused(session, created.review_task);
  update_rows(session, created);
  delete_rows(session, created);
  write_through_relationships(session, counter, created.grace);
  return true;
}

}  // namespace todo
