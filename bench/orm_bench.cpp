// ORM against a hand-written loop over the raw sqlite3 C API, measured in the same run on the
// same kind of database (in memory, so the ORM's own overhead is as visible as it can be):
//   insert 100,000 rows of a 6-column model in one transaction; read them all;
//   10,000 lookups by primary key; load 1,000 users with 10 posts each.
// Prints the median and the best of several runs of each, and their ratios (ORM time / raw
// time; target <= 1.10). Not a test: nothing here fails on timing.
//
// Each figure is one named function per side (Raw::read_all, orm_read_all, ...), so that
// `ORM_BENCH_ONLY=raw|orm valgrind --tool=callgrind` gives load-independent instruction counts
// per figure: bench/orm_bench_callgrind.sh prints those ratios.
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "bench_common.hpp"
#include "sqlmodel/annotations.hpp"
#include "sqlmodel/orm.hpp"

namespace bench {

struct Post;
struct SQLMODEL_TABLE(.name = "users") User {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::string name;
  sqlmodel::RelatedList<Post> posts;
};
struct SQLMODEL_TABLE(.name = "posts") Post {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.foreign_key = "users.id") std::int64_t user_id = 0;
  std::string title;
};

}  // namespace bench

// Stand-ins for the code the plugin generates (see include/sqlmodel/model_traits.hpp).
template <>
struct sqlmodel::model_traits<bench::User> {
  using U = bench::User;
  static constexpr std::string_view model_name = "User";
  static constexpr std::string_view table_name = "users";
  static constexpr auto columns = std::tuple{
      column<&U::id>{.name = "id", .kind = schema::TypeKind::int64, .primary_key = true,
                     .autoincrement = true, .nullable = false},
      column<&U::name>{.name = "name", .kind = schema::TypeKind::string},
  };
  static constexpr auto relationships = std::tuple{
      relationship<&U::posts, &U::id, &bench::Post::user_id>{
          .name = "posts", .kind = schema::RelationshipKind::one_to_many,
          .foreign_key_column = "user_id"},
  };
};
template <>
struct sqlmodel::model_traits<bench::Post> {
  using P = bench::Post;
  static constexpr std::string_view model_name = "Post";
  static constexpr std::string_view table_name = "posts";
  static constexpr auto columns = std::tuple{
      column<&P::id>{.name = "id", .kind = schema::TypeKind::int64, .primary_key = true,
                     .autoincrement = true, .nullable = false},
      column<&P::user_id>{.name = "user_id", .kind = schema::TypeKind::int64},
      column<&P::title>{.name = "title", .kind = schema::TypeKind::string},
  };
};

namespace bench {
namespace {

constexpr int kRows = 100'000;
constexpr int kLookups = 10'000;
constexpr int kUsers = 1'000;
constexpr int kPostsPerUser = 10;
constexpr int kRuns = 9;

const std::string kSchema = std::string("CREATE TABLE readings (id INTEGER PRIMARY KEY, ") +
                            kReadingsColumns +
                            ");"
                            "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL);"
                            "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users (id),"
                            " title VARCHAR NOT NULL);"
                            "CREATE INDEX ix_posts_user_id ON posts (user_id);";

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

// The hand-written side: each statement prepared once, then bind, step, reset; every column
// read into the struct, NULL only where the column allows it.
struct Raw {
  sqlite3* db = nullptr;
  Raw() {
    // Opened as the ORM opens its connections: one thread at a time, no per-call mutex.
    check(sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                          nullptr),
          db, "open");
    exec("PRAGMA foreign_keys = ON");
    exec(kSchema.c_str());
  }
  ~Raw() { sqlite3_close(db); }
  void exec(const char* sql) { check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db, sql); }
  sqlite3_stmt* prepare(const char* sql) {
    sqlite3_stmt* statement = nullptr;
    check(sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr), db, sql);
    return statement;
  }

  [[gnu::noinline]] void insert(std::vector<Reading>& rows) {
    exec("BEGIN");
    sqlite3_stmt* s = prepare(
        "INSERT INTO readings (sensor, value, count, flag, note) VALUES (?, ?, ?, ?, ?)");
    for (auto& row : rows) {
      sqlite3_bind_text(s, 1, row.sensor.data(), static_cast<int>(row.sensor.size()), SQLITE_STATIC);
      sqlite3_bind_double(s, 2, row.value);
      sqlite3_bind_int64(s, 3, row.count);
      sqlite3_bind_int(s, 4, row.flag);
      if (row.note)
        sqlite3_bind_text(s, 5, row.note->data(), static_cast<int>(row.note->size()), SQLITE_STATIC);
      else
        sqlite3_bind_null(s, 5);
      check(sqlite3_step(s), db, "insert");
      sqlite3_reset(s);
      row.id = sqlite3_last_insert_rowid(db);
    }
    sqlite3_finalize(s);
    exec("COMMIT");
  }

  static void read_row(sqlite3_stmt* s, Reading& row) {
    row.id = sqlite3_column_int64(s, 0);
    row.sensor.assign(reinterpret_cast<const char*>(sqlite3_column_text(s, 1)), sqlite3_column_bytes(s, 1));
    row.value = sqlite3_column_double(s, 2);
    row.count = static_cast<std::int32_t>(sqlite3_column_int64(s, 3));
    row.flag = sqlite3_column_int64(s, 4) != 0;
    // A TEXT value, even an empty one, is never a null pointer: null means NULL.
    if (auto* note = reinterpret_cast<const char*>(sqlite3_column_text(s, 5)))
      row.note.emplace(note, static_cast<std::size_t>(sqlite3_column_bytes(s, 5)));
    else
      row.note.reset();
  }

  [[gnu::noinline]] std::vector<Reading> read_all() {
    exec("BEGIN");
    sqlite3_stmt* s = prepare("SELECT id, sensor, value, count, flag, note FROM readings");
    std::vector<Reading> rows;
    while (sqlite3_step(s) == SQLITE_ROW) read_row(s, rows.emplace_back());
    sqlite3_finalize(s);
    exec("COMMIT");
    return rows;
  }

  [[gnu::noinline]] std::int64_t lookups(const std::vector<std::int64_t>& keys) {
    exec("BEGIN");
    sqlite3_stmt* s = prepare("SELECT id, sensor, value, count, flag, note FROM readings WHERE id = ?");
    std::int64_t sum = 0;
    for (auto key : keys) {
      sqlite3_bind_int64(s, 1, key);
      std::optional<Reading> found;
      if (sqlite3_step(s) == SQLITE_ROW) read_row(s, found.emplace());
      sqlite3_reset(s);
      sum += found ? found->count : 0;
    }
    sqlite3_finalize(s);
    exec("COMMIT");
    return sum;
  }

  // The same two statements the ORM's selectinload runs, with the same result shape.
  [[gnu::noinline]] std::size_t users_with_posts() {
    exec("BEGIN");
    sqlite3_stmt* u = prepare("SELECT id, name FROM users");
    std::vector<User> users;
    while (sqlite3_step(u) == SQLITE_ROW) {
      User& user = users.emplace_back();
      user.id = sqlite3_column_int64(u, 0);
      user.name.assign(reinterpret_cast<const char*>(sqlite3_column_text(u, 1)), sqlite3_column_bytes(u, 1));
    }
    sqlite3_finalize(u);
    std::map<std::int64_t, std::vector<User*>> by_id;
    std::string keys = "[";
    for (auto& user : users) {
      by_id[*user.id].push_back(&user);
      if (keys.size() > 1) keys += ",";
      keys += std::to_string(*user.id);
    }
    keys += "]";
    sqlite3_stmt* p = prepare(
        "SELECT id, user_id, title FROM posts WHERE user_id IN (SELECT value FROM json_each(?)) "
        "ORDER BY user_id, id");
    sqlite3_bind_text(p, 1, keys.data(), static_cast<int>(keys.size()), SQLITE_STATIC);
    std::map<std::int64_t, std::vector<std::shared_ptr<Post>>> grouped;
    while (sqlite3_step(p) == SQLITE_ROW) {
      auto post = std::make_shared<Post>();
      post->id = sqlite3_column_int64(p, 0);
      post->user_id = sqlite3_column_int64(p, 1);
      post->title.assign(reinterpret_cast<const char*>(sqlite3_column_text(p, 2)), sqlite3_column_bytes(p, 2));
      grouped[post->user_id].push_back(std::move(post));
    }
    sqlite3_finalize(p);
    exec("COMMIT");
    std::size_t total = 0;
    for (auto& [id, parents] : by_id) {
      total += grouped[id].size();
      for (User* user : parents) user->posts.set(std::move(grouped[id]));
    }
    return total;
  }
};

void seed_users(sqlite3* db) {
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  for (int i = 0; i < kUsers; ++i) {
    std::string sql = "INSERT INTO users (name) VALUES ('user" + std::to_string(i) + "')";
    sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    std::int64_t id = sqlite3_last_insert_rowid(db);
    for (int j = 0; j < kPostsPerUser; ++j) {
      std::string post = "INSERT INTO posts (user_id, title) VALUES (" + std::to_string(id) +
                         ", 'post " + std::to_string(j) + "')";
      sqlite3_exec(db, post.c_str(), nullptr, nullptr, nullptr);
    }
  }
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
}

// The ORM side: the public API a user calls.
[[gnu::noinline]] void orm_insert(sqlmodel::Session& session, std::vector<Reading>& rows) {
  session.add_all(rows);
  session.commit();
}

[[gnu::noinline]] std::vector<Reading> orm_read_all(sqlmodel::Session& session) {
  auto rows = session.exec(sqlmodel::select<Reading>());
  session.commit();
  return rows;
}

[[gnu::noinline]] std::int64_t orm_lookups(sqlmodel::Session& session, const std::vector<std::int64_t>& keys) {
  std::int64_t sum = 0;
  for (auto key : keys) {
    auto found = session.get<Reading>(key);
    sum += found ? found->count : 0;
  }
  session.commit();
  return sum;
}

[[gnu::noinline]] std::size_t orm_users_with_posts(sqlmodel::Session& session) {
  auto users = session.exec(sqlmodel::select<User>().options(sqlmodel::selectinload(&User::posts)));
  session.commit();
  std::size_t total = 0;
  for (const auto& user : users) total += user.posts.get().size();
  return total;
}

// The in-memory database has one connection: seeded through the same session.
void orm_seed_users(sqlmodel::Session& session) {
  std::vector<User> users(kUsers);
  for (int i = 0; i < kUsers; ++i) users[i].name = "user" + std::to_string(i);
  session.add_all(users);
  session.flush();
  std::vector<Post> posts(static_cast<std::size_t>(kUsers) * kPostsPerUser);
  for (int i = 0; i < kUsers; ++i)
    for (int j = 0; j < kPostsPerUser; ++j) {
      Post& post = posts[static_cast<std::size_t>(i) * kPostsPerUser + j];
      post.user_id = *users[i].id;
      post.title = "post " + std::to_string(j);
    }
  session.add_all(posts);
  session.commit();
}

}  // namespace
}  // namespace bench

int main() {
  using namespace bench;
  Figure insert{"insert 100,000 rows (one transaction)"}, read{"read 100,000 rows"},
      lookup{"10,000 primary key lookups"}, load{"1,000 users x 10 posts (selectinload)"};

  std::vector<std::int64_t> keys(kLookups);
  std::mt19937_64 random(42);
  for (auto& key : keys) key = static_cast<std::int64_t>(random() % kRows) + 1;
  std::int64_t raw_sum = 0, orm_sum = 0;
  std::size_t raw_rows = 0, orm_rows = 0, raw_posts = 0, orm_posts = 0;

  auto run_raw = [&] {
    Raw raw;
    auto rows = make_readings(kRows);
    insert.raw.push_back(seconds_of([&] { raw.insert(rows); }));
    read.raw.push_back(seconds_of([&] { raw_rows = raw.read_all().size(); }));
    lookup.raw.push_back(seconds_of([&] { raw_sum = raw.lookups(keys); }));
    seed_users(raw.db);
    load.raw.push_back(seconds_of([&] { raw_posts = raw.users_with_posts(); }));
  };
  auto run_orm = [&] {
    auto db = sqlmodel::Database::open("sqlite:///:memory:");
    db.exec_script(kSchema);
    auto rows = make_readings(kRows);
    sqlmodel::Session session(db);
    insert.orm.push_back(seconds_of([&] { orm_insert(session, rows); }));
    read.orm.push_back(seconds_of([&] { orm_rows = orm_read_all(session).size(); }));
    lookup.orm.push_back(seconds_of([&] { orm_sum = orm_lookups(session, keys); }));
    orm_seed_users(session);
    load.orm.push_back(seconds_of([&] { orm_posts = orm_users_with_posts(session); }));
  };
  // ORM_BENCH_ONLY=raw|orm runs one side once, for instruction counts (callgrind, perf stat),
  // which a busy machine does not disturb, unlike times.
  if (const char* only = std::getenv("ORM_BENCH_ONLY")) {
    if (std::string(only) == "raw") run_raw();
    else run_orm();
    return 0;
  }
  alternate(kRuns, run_raw, run_orm);

  if (raw_sum != orm_sum || raw_rows != orm_rows || raw_posts != orm_posts) {
    std::fprintf(stderr, "orm_bench: the ORM and the raw loop disagree (sum %lld vs %lld, rows %zu vs %zu, posts %zu vs %zu)\n",
                 static_cast<long long>(orm_sum), static_cast<long long>(raw_sum), orm_rows, raw_rows,
                 orm_posts, raw_posts);
    return 1;
  }
  print_ratios("ORM vs raw sqlite3 (in-memory)", 1.10, {&insert, &read, &lookup, &load});
  return 0;
}
