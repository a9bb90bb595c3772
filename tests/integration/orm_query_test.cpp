// select<T>() on a real SQLite file and PostgreSQL: every operator, ordering, paging, and the
// guarantee that values travel as bound parameters.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/orm_fixture.hpp"
#include "sqlmodel/session.hpp"

namespace sqlmodel::testing::orm {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

class OrmQueryTest : public OrmTest {
 protected:
  void SetUp() override {
    OrmTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Session session(db());
    // ann(0) bob(1) ... jay(9); even ages have a nickname.
    const char* names[] = {"ann", "bob", "cat", "dan", "eve", "fay", "gus", "hal", "ivy", "jay"};
    std::vector<User> users;
    for (int age = 0; age < 10; ++age) {
      users.push_back(make_user(names[age], age));
      if (age % 2 == 0) users.back().nickname = std::string("nick_") + names[age];
    }
    session.add_all(users);
    session.commit();
  }

  std::vector<std::string> names(const Select<User>& query) {
    Session session(db());
    std::vector<std::string> result;
    for (const auto& user : session.exec(query)) result.push_back(user.name);
    return result;
  }
};

Select<User> by_age() {
  auto query = select<User>();
  query.order_by(col(&User::age));
  return query;
}

TEST_P(OrmQueryTest, Comparisons) {
  EXPECT_THAT(names(by_age().where(col(&User::age) == 3)), ElementsAre("dan"));
  EXPECT_THAT(names(by_age().where(col(&User::age) != 3 && col(&User::age) < 3)),
              ElementsAre("ann", "bob", "cat"));
  EXPECT_THAT(names(by_age().where(col(&User::age) <= 1)), ElementsAre("ann", "bob"));
  EXPECT_THAT(names(by_age().where(col(&User::age) > 7)), ElementsAre("ivy", "jay"));
  EXPECT_THAT(names(by_age().where(col(&User::age) >= 8)), ElementsAre("ivy", "jay"));
  EXPECT_THAT(names(by_age().where(col(&User::name) == std::string("eve"))), ElementsAre("eve"));
}

TEST_P(OrmQueryTest, AndOrNotNest) {
  auto condition = (col(&User::age) < 2 || col(&User::age) > 8) && !(col(&User::name) == std::string("bob"));
  EXPECT_THAT(names(by_age().where(condition)), ElementsAre("ann", "jay"));
  // Two where() calls combine with AND.
  EXPECT_THAT(names(by_age().where(col(&User::age) > 2).where(col(&User::age) < 5)),
              ElementsAre("dan", "eve"));
}

TEST_P(OrmQueryTest, InLikeAndNull) {
  EXPECT_THAT(names(by_age().where(col(&User::age).in({1, 5, 9, 42}))),
              ElementsAre("bob", "fay", "jay"));
  std::vector<std::string> wanted{"cat", "hal"};
  EXPECT_THAT(names(by_age().where(col(&User::name).in(wanted))), ElementsAre("cat", "hal"));
  EXPECT_THAT(names(by_age().where(col(&User::age).in(std::vector<std::int32_t>{}))), ElementsAre());
  EXPECT_THAT(names(by_age().where(col(&User::email).like("%a%@example.com") && col(&User::age) < 5)),
              ElementsAre("ann", "cat", "dan"));
  EXPECT_THAT(names(by_age().where(col(&User::nickname).is_null() && col(&User::age) < 4)),
              ElementsAre("bob", "dan"));
  EXPECT_THAT(names(by_age().where(col(&User::nickname).is_not_null() && col(&User::age) < 4)),
              ElementsAre("ann", "cat"));
  EXPECT_THAT(names(by_age().where(col(&User::nickname) == std::string("nick_gus"))), ElementsAre("gus"));
}

TEST_P(OrmQueryTest, OrderLimitOffsetDistinct) {
  EXPECT_THAT(names(select<User>().order_by(col(&User::age).desc()).limit(3)),
              ElementsAre("jay", "ivy", "hal"));
  EXPECT_THAT(names(select<User>().order_by(col(&User::age)).limit(2).offset(4)), ElementsAre("eve", "fay"));
  EXPECT_THAT(names(select<User>().order_by(col(&User::age)).offset(8)), ElementsAre("ivy", "jay"));
  EXPECT_THAT(names(select<User>().where(col(&User::age) < 4).order_by(col(&User::nickname).desc(), col(&User::age))),
              postgres() ? ElementsAre("bob", "dan", "cat", "ann")   // NULLs sort first in DESC
                         : ElementsAre("cat", "ann", "bob", "dan"));
  EXPECT_EQ(names(select<User>().distinct().where(col(&User::age) < 3)).size(), 3u);
  Session session(db());
  auto first = session.first(select<User>().order_by(col(&User::age).desc()));
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->name, "jay");
  EXPECT_FALSE(session.first(select<User>().where(col(&User::age) > 100)).has_value());
}

TEST_P(OrmQueryTest, ValuesAreBoundNeverSpliced) {
  StatementLog log;
  db().add_listener(log.listener());
  const std::string hostile = "x' OR '1'='1";
  EXPECT_THAT(names(select<User>().where(col(&User::name) == hostile)), ElementsAre());
  ASSERT_EQ(log.statements.size(), 1u);
  EXPECT_THAT(log.statements[0], Not(HasSubstr("OR '1'")));
  EXPECT_EQ(log.events[0].parameters, 1u);
  const std::string expected =
      std::string("SELECT \"users\".\"id\", \"users\".\"email\", \"users\".\"name\", \"users\".\"age\", "
                  "\"users\".\"nickname\" FROM \"users\" WHERE \"users\".\"name\" = ") +
      (postgres() ? "$1" : "?");
  EXPECT_EQ(log.statements[0], expected);
}

TEST_P(OrmQueryTest, SameQueryShapeReusesThePreparedStatement) {
  Session session(db());
  StatementLog log;
  session.add_listener(log.listener());
  for (int age = 0; age < 5; ++age)
    EXPECT_EQ(session.exec(select<User>().where(col(&User::age) == age)).size(), 1u);
  ASSERT_EQ(log.statements.size(), 5u);
  EXPECT_EQ(log.statements[0], log.statements[4]);
}

INSTANTIATE_TEST_SUITE_P(Backends, OrmQueryTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), backend_name);

}  // namespace
}  // namespace sqlmodel::testing::orm
