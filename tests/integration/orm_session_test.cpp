// Session on a real SQLite file and a real PostgreSQL server: writes, keys written back, reads,
// transactions, typed errors and value round trips.
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/orm_fixture.hpp"
#include "sqlmodel/session.hpp"

namespace sqlmodel::testing::orm {
namespace {

using ::testing::HasSubstr;

TEST_P(OrmTest, AddAssignsDatabaseKeysAndGetReadsThemBack) {
  Session session(db());
  User alice = make_user("alice", 31), bob = make_user("bob", 42);
  bob.nickname = "bobby";
  session.add(alice);
  session.add(bob);
  EXPECT_FALSE(alice.id.has_value()) << "nothing is written before the flush";
  session.commit();
  ASSERT_TRUE(alice.id.has_value());
  ASSERT_TRUE(bob.id.has_value());
  EXPECT_NE(*alice.id, *bob.id);

  Session reader(db());
  auto found = reader.get<User>(*bob.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->email, "bob@example.com");
  EXPECT_EQ(found->name, "bob");
  EXPECT_EQ(found->age, 42);
  EXPECT_EQ(found->nickname, std::optional<std::string>("bobby"));
  EXPECT_EQ(reader.get<User>(*alice.id)->nickname, std::nullopt);
  EXPECT_FALSE(reader.get<User>(*bob.id + 1000).has_value());
}

TEST_P(OrmTest, AddAllWritesEveryObjectAndKeysAreDistinct) {
  Session session(db());
  std::vector<User> users;
  for (int i = 0; i < 50; ++i) users.push_back(make_user("user" + std::to_string(i), i));
  session.add_all(users);
  session.commit();
  std::set<std::int64_t> keys;
  for (const auto& user : users) {
    ASSERT_TRUE(user.id.has_value());
    keys.insert(*user.id);
  }
  EXPECT_EQ(keys.size(), 50u);
  EXPECT_EQ(session.exec(select<User>()).size(), 50u);
  EXPECT_EQ(session.get_one<User>(*users[17].id).name, "user17");
}

TEST_P(OrmTest, ExplicitKeyIsInsertedAsGiven) {
  Session session(db());
  Setting setting{.key = "theme", .value = "dark"};
  session.add(setting);
  User user = make_user("carol");
  user.id = 500;
  session.add(user);
  session.commit();
  EXPECT_EQ(session.get_one<Setting>("theme").value, "dark");
  EXPECT_EQ(session.get_one<User>(500).name, "carol");
}

TEST_P(OrmTest, UpdateAndRemoveByPrimaryKey) {
  Session session(db());
  User user = make_user("dave", 20);
  session.add(user);
  session.commit();

  user.age = 21;
  user.nickname = "d";
  session.update(user);
  session.commit();
  Session other(db());
  auto stored = other.get_one<User>(*user.id);
  EXPECT_EQ(stored.age, 21);
  EXPECT_EQ(stored.nickname, std::optional<std::string>("d"));
  other.rollback();

  session.delete_(user);
  session.commit();
  EXPECT_FALSE(session.get<User>(*user.id).has_value());
}

TEST_P(OrmTest, MixedWritesRunInTheOrderTheyWereStaged) {
  Session session(db());
  User user = make_user("quinn", 1);
  user.id = 7;
  Post first = make_post(7, "first"), second = make_post(7, "second");
  session.add(user);  // the posts' foreign key needs the user first
  session.add(first);
  session.add(second);
  user.age = 2;  // update() binds the object as it is at flush time
  session.update(user);
  session.delete_(first);
  session.commit();
  ASSERT_TRUE(first.id.has_value());
  Session reader(db());
  EXPECT_EQ(reader.get_one<User>(7).age, 2);
  EXPECT_FALSE(reader.get<Post>(*first.id).has_value());
  EXPECT_EQ(reader.get_one<Post>(*second.id).title, "second");
}

TEST_P(OrmTest, RollbackDropsStagedAndFlushedWrites) {
  Session session(db());
  User flushed = make_user("erin"), staged = make_user("frank");
  session.add(flushed);
  session.flush();
  ASSERT_TRUE(flushed.id.has_value());
  session.add(staged);
  EXPECT_EQ(session.pending(), 1u);
  session.rollback();
  EXPECT_EQ(session.pending(), 0u);
  EXPECT_FALSE(session.in_transaction());
  EXPECT_TRUE(session.exec(select<User>()).empty());
}

TEST_P(OrmTest, TransactionRollsBackUnlessCommitted) {
  Session session(db());
  {
    Transaction transaction = session.begin();
    User user = make_user("gina");
    session.add(user);
    session.flush();
    EXPECT_TRUE(session.in_transaction());
  }  // destroyed without commit()
  EXPECT_FALSE(session.in_transaction());
  EXPECT_TRUE(session.exec(select<User>()).empty());
  session.rollback();

  {
    Transaction transaction = session.begin();
    User user = make_user("hank");
    session.add(user);
    transaction.commit();
    EXPECT_FALSE(transaction.active());
  }
  Session other(db());
  EXPECT_EQ(other.exec(select<User>()).size(), 1u);
}

TEST_P(OrmTest, BeginInsideATransactionIsRefused) {
  Session session(db());
  auto transaction = session.begin();
  EXPECT_THROW(session.begin(), std::logic_error);
}

TEST_P(OrmTest, SessionDestroyedWithOpenTransactionRollsBack) {
  {
    Session session(db());
    User user = make_user("ivan");
    session.add(user);
    session.flush();
  }
  Session session(db());
  EXPECT_TRUE(session.exec(select<User>()).empty());
}

TEST_P(OrmTest, UniqueViolationIsAnIntegrityErrorNamingTableAndConstraint) {
  Session session(db());
  User first = make_user("jane"), second = make_user("jane");
  session.add(first);
  session.add(second);
  try {
    session.commit();
    FAIL() << "a duplicate email was accepted";
  } catch (const IntegrityError& error) {
    EXPECT_EQ(error.kind(), IntegrityError::Kind::unique);
    EXPECT_EQ(error.table(), "users");
    EXPECT_EQ(error.constraint(), "uq_users_email");
    EXPECT_THAT(error.what(), HasSubstr("uq_users_email"));
    EXPECT_THAT(error.what(), HasSubstr("INSERT INTO \"users\""));
  }
  // The failed flush rolled the whole transaction back: the first user is gone too.
  EXPECT_FALSE(session.in_transaction());
  EXPECT_TRUE(session.exec(select<User>()).empty());
}

TEST_P(OrmTest, ForeignKeyViolationNamesTheForeignKey) {
  Session session(db());
  Post post = make_post(999, "orphan");
  session.add(post);
  try {
    session.commit();
    FAIL() << "a post without its user was accepted";
  } catch (const IntegrityError& error) {
    EXPECT_EQ(error.kind(), IntegrityError::Kind::foreign_key);
    EXPECT_EQ(error.table(), "posts");
    EXPECT_EQ(error.constraint(), "fk_posts_user_id_users");
  }
}

TEST_P(OrmTest, CheckViolationNamesTheCheck) {
  Session session(db());
  User user = make_user("kim", -5);
  // The model's own .ge = 0 stops it before the database sees it (validation.hpp) ...
  EXPECT_THROW(session.add(user), ValidationError);
  // ... so the database's CHECK is reached through a statement of our own.
  Statement& insert = session.connection().prepare(
      postgres() ? "INSERT INTO users (email, name, age) VALUES ($1, $2, $3)"
                 : "INSERT INTO users (email, name, age) VALUES (?, ?, ?)",
      "users");
  try {
    session.run(insert, 3, [&](Statement& s) {
      s.bind_text(0, user.email);
      s.bind_text(1, user.name);
      s.bind_int64(2, user.age);
    }, [](Statement&) {});
    FAIL() << "a negative age was accepted";
  } catch (const IntegrityError& error) {
    EXPECT_EQ(error.kind(), IntegrityError::Kind::check);
    EXPECT_EQ(error.table(), "users");
    EXPECT_EQ(error.constraint(), "ck_users_age_not_negative");
  }
}

TEST_P(OrmTest, DuplicatePrimaryKeyIsAPrimaryKeyIntegrityError) {
  Session session(db());
  Setting a{.key = "k", .value = "1"}, b{.key = "k", .value = "2"};
  session.add(a);
  session.add(b);
  try {
    session.commit();
    FAIL() << "a duplicate primary key was accepted";
  } catch (const IntegrityError& error) {
    EXPECT_EQ(error.kind(), IntegrityError::Kind::primary_key);
    EXPECT_EQ(error.table(), "settings");
    EXPECT_EQ(error.constraint(), "pk_settings");
  }
}

TEST_P(OrmTest, GetOneOfAMissingRowIsNotFound) {
  Session session(db());
  try {
    session.get_one<User>(12345);
    FAIL();
  } catch (const NotFound& error) {
    EXPECT_EQ(error.table(), "users");
    EXPECT_EQ(error.key(), "12345");
    EXPECT_THAT(error.what(), HasSubstr("no User in table 'users' with id = 12345"));
  }
}

TEST_P(OrmTest, UpdateOrRemoveOfADeletedRowIsStaleData) {
  Session session(db());
  User user = make_user("lou");
  session.add(user);
  session.commit();
  {
    Session other(db());
    User copy = user;
    other.delete_(copy);
    other.commit();
  }
  user.age = 99;
  session.update(user);
  try {
    session.commit();
    FAIL() << "an UPDATE of a deleted row succeeded";
  } catch (const StaleData& error) {
    EXPECT_EQ(error.table(), "users");
    EXPECT_EQ(error.key(), std::to_string(*user.id));
    EXPECT_THAT(error.what(), HasSubstr("UPDATE of User"));
  }
  session.delete_(user);
  EXPECT_THROW(session.commit(), StaleData);
}

TEST_P(OrmTest, RefreshReloadsColumnsAndFailsForADeletedRow) {
  Session session(db());
  User user = make_user("mia", 10);
  session.add(user);
  session.commit();
  {
    Session other(db());
    User changed = other.get_one<User>(*user.id);
    changed.age = 11;
    changed.nickname = "mimi";
    other.update(changed);
    other.commit();
  }
  session.refresh(user);
  EXPECT_EQ(user.age, 11);
  EXPECT_EQ(user.nickname, std::optional<std::string>("mimi"));
  session.commit();
  {
    Session other(db());
    other.delete_(user);
    other.commit();
  }
  EXPECT_THROW(session.refresh(user), NotFound);
}

TEST_P(OrmTest, EveryValueTypeRoundTrips) {
  Session session(db());
  Gadget gadget;
  gadget.active = true;
  gadget.ratio = 0.1 + 0.2;
  gadget.small = -32768;
  gadget.priority = Priority::urgent;
  gadget.fallback = Priority::low;
  gadget.token = *UUID::parse("0f8fad5b-d9cb-469f-a165-70867728950e");
  gadget.price = Decimal("1234.5");
  gadget.payload = {0x00, 0xff, 0x10, 0x5c, 0x27};
  gadget.maybe_count = std::int64_t{1} << 53;
  Gadget empty;
  empty.token = *UUID::parse("00000000-0000-0000-0000-000000000001");
  empty.parent_token = gadget.token;
  session.add(gadget);
  session.add(empty);
  session.commit();

  Session reader(db());
  Gadget read = reader.get_one<Gadget>(*gadget.id);
  EXPECT_TRUE(read.active);
  EXPECT_EQ(read.ratio, 0.1 + 0.2);
  EXPECT_EQ(read.small, -32768);
  EXPECT_EQ(read.priority, Priority::urgent);
  EXPECT_EQ(read.fallback, std::optional<Priority>(Priority::low));
  EXPECT_EQ(read.token, gadget.token);
  EXPECT_EQ(read.parent_token, std::nullopt);
  EXPECT_EQ(read.price, Decimal("1234.50"));
  EXPECT_EQ(read.payload, gadget.payload);
  EXPECT_EQ(read.maybe_ratio, std::nullopt);
  EXPECT_EQ(read.maybe_count, std::optional<std::int64_t>(std::int64_t{1} << 53));

  Gadget other = reader.get_one<Gadget>(*empty.id);
  EXPECT_FALSE(other.active);
  EXPECT_EQ(other.fallback, std::nullopt);
  EXPECT_EQ(other.parent_token, std::optional<UUID>(gadget.token));
  EXPECT_TRUE(other.payload.empty());
}

TEST_P(OrmTest, StatementsArePreparedOnceAndReused) {
  StatementLog log;
  db().add_listener(log.listener());
  Session session(db());
  std::vector<User> users;
  for (int i = 0; i < 5; ++i) users.push_back(make_user("p" + std::to_string(i)));
  session.add_all(users);
  session.commit();
  if (postgres()) {
    // One multi-row INSERT ... RETURNING for the five (docs/orm.md "What a flush runs").
    ASSERT_EQ(log.statements.size(), 1u);
    EXPECT_EQ(log.statements.front(),
              "INSERT INTO \"users\" (\"email\", \"name\", \"age\", \"nickname\") VALUES ($1, $2, $3, $4), "
              "($5, $6, $7, $8), ($9, $10, $11, $12), ($13, $14, $15, $16), ($17, $18, $19, $20) RETURNING \"id\"");
    EXPECT_EQ(log.events.front().parameters, 20u);
    EXPECT_EQ(log.events.front().rows, 5);
    // One row alone goes through the prepared single-row statement.
    User single = make_user("single");
    session.add(single);
    session.commit();
    ASSERT_EQ(log.statements.size(), 2u);
    EXPECT_EQ(log.statements.back(),
              "INSERT INTO \"users\" (\"email\", \"name\", \"age\", \"nickname\") VALUES ($1, $2, $3, $4) RETURNING \"id\"");
    return;
  }
  ASSERT_EQ(log.statements.size(), 5u);
  for (const auto& statement : log.statements) EXPECT_EQ(statement, log.statements.front());
  EXPECT_EQ(log.statements.front(), "INSERT INTO \"users\" (\"email\", \"name\", \"age\", \"nickname\") VALUES (?, ?, ?, ?)");
  EXPECT_EQ(log.events.front().parameters, 4u);
  EXPECT_EQ(log.events.front().rows, 1);
}

TEST_P(OrmTest, ListenersCanBeRemovedAndSessionListenersSeeOnlyTheirSession) {
  StatementLog database_log, session_log;
  auto id = db().add_listener(database_log.listener());
  Session session(db());
  session.add_listener(session_log.listener());
  session.get<User>(1);
  Session other(db());
  other.get<User>(2);
  EXPECT_EQ(database_log.statements.size(), 2u);
  EXPECT_EQ(session_log.statements.size(), 1u);
  db().remove_listener(id);
  session.get<User>(3);
  EXPECT_EQ(database_log.statements.size(), 2u);
  EXPECT_EQ(session_log.statements.size(), 2u);
}

TEST_P(OrmTest, PoolReusesConnectionsAndSessionsRunInParallel) {
  {
    Session a(db()), b(db());
    User user = make_user("olga");
    a.add(user);
    a.commit();
    EXPECT_EQ(b.exec(select<User>()).size(), 1u);
  }
  EXPECT_EQ(db().open_connections(), 2u);
  EXPECT_EQ(db().idle_connections(), 2u);

  std::vector<std::thread> threads;
  std::atomic<int> inserted{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        Session session(db());
        User user = make_user("t" + std::to_string(t) + "_" + std::to_string(i));
        session.add(user);
        session.commit();
        ++inserted;
      }
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(inserted.load(), 20);
  Session session(db());
  EXPECT_EQ(session.exec(select<User>()).size(), 21u);
  EXPECT_LE(db().open_connections(), 8u);
}

INSTANTIATE_TEST_SUITE_P(Backends, OrmTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         backend_name);

TEST(OrmDatabase, InMemorySqliteHasOneConnectionAndASecondSessionTimesOut) {
  auto db = Database::open("sqlite:///:memory:", {.max_connections = 4,
                                                  .acquire_timeout = std::chrono::milliseconds(50)});
  db.exec_script(orm_create_script(db.dialect()));
  Session first(db);
  User user = make_user("pat");
  first.add(user);
  first.commit();
  try {
    Session second(db);
    FAIL() << "a second session got a connection to the one in-memory database";
  } catch (const ConnectionError& error) {
    EXPECT_THAT(error.what(), HasSubstr(":memory:"));
    EXPECT_THAT(error.what(), HasSubstr("all 1 connections are held"));
  }
  EXPECT_EQ(first.get_one<User>(*user.id).name, "pat");
}

TEST(OrmDatabase, UnreachableDatabasesAreConnectionErrors) {
  EXPECT_THROW(Database::open("sqlite:////nonexistent-directory/sub/x.db"), ConnectionError);
  EXPECT_THROW(Database::open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"),
               ConnectionError);
  EXPECT_THROW(Database::open("mysql://localhost/db"), std::invalid_argument);
}

}  // namespace
}  // namespace sqlmodel::testing::orm
