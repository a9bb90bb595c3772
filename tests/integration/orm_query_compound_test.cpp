// Compound selects (UNION, UNION ALL, INTERSECT, EXCEPT) and window frames (ROWS / RANGE /
// GROUPS BETWEEN) on a real SQLite file and PostgreSQL, over ten users and six posts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/orm_fixture.hpp"
#include "sqlmodel/session.hpp"

namespace sqlmodel::testing::orm_query_compound {
namespace {

using namespace sqlmodel::testing::orm;
using ::testing::DoubleNear;
using ::testing::ElementsAre;
using ::testing::FieldsAre;

template <typename Rows, typename... Values>
constexpr bool rows_of = std::is_same_v<Rows, std::vector<std::tuple<Values...>>>;

class OrmQueryCompoundTest : public OrmTest {
 protected:
  void SetUp() override {
    OrmTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Session session(db());
    const char* names[] = {"ann", "bob", "cat", "dan", "eve", "fay", "gus", "hal", "ivy", "jay"};
    for (int age = 0; age < 10; ++age) users_.push_back(make_user(names[age], age));
    session.add_all(users_);
    session.flush();
    // In id order: a1 5, a2 3 (ann); b1 7 (bob); c1 1, c2 1, c3 9 (cat).
    for (auto [user, title, score] : {std::tuple{0, "a1", 5}, {0, "a2", 3}, {1, "b1", 7}, {2, "c1", 1},
                                      {2, "c2", 1}, {2, "c3", 9}}) {
      Post post = make_post(*users_[user].id, title, score);
      session.add(post);
      session.flush();
    }
    session.commit();
  }

  // Users younger than 3 (ann, bob, cat), and users with a post scoring over 6 (bob, cat).
  static auto young() { return select(&User::name).where(col(&User::age) < 3); }
  static auto high_scorers() { return select(&User::name).join(&User::posts).where(col(&Post::score) > 6); }

  std::vector<User> users_;
};

TEST_P(OrmQueryCompoundTest, UnionAndUnionAllWithOrderAndLimitOnTheWhole) {
  Session session(db());
  auto names = union_(young(), high_scorers());
  names.order_by(names.col<0>().desc());
  auto rows = session.exec(names);
  static_assert(rows_of<decltype(rows), std::string>);
  EXPECT_THAT(rows, ElementsAre(FieldsAre("cat"), FieldsAre("bob"), FieldsAre("ann")));

  auto all = young().union_all(high_scorers());
  all.order_by(all.col<0>()).limit(3).offset(1);
  EXPECT_THAT(session.exec(all), ElementsAre(FieldsAre("bob"), FieldsAre("bob"), FieldsAre("cat")));
}

TEST_P(OrmQueryCompoundTest, IntersectAndExcept) {
  Session session(db());
  auto both = intersect(young(), high_scorers());
  both.order_by(both.col<0>());
  EXPECT_THAT(session.exec(both), ElementsAre(FieldsAre("bob"), FieldsAre("cat")));
  EXPECT_THAT(session.exec(except(young(), high_scorers())), ElementsAre(FieldsAre("ann")));
  // Left to right: (young - high scorers) - {ann} is empty.
  EXPECT_TRUE(session.exec(except(young(), high_scorers(), select(&User::name).where(col(&User::age) == 0))).empty());
}

TEST_P(OrmQueryCompoundTest, MembersWithTheirOwnLimitAndNestedCompounds) {
  Session session(db());
  // The two best posts' titles and the youngest user's name: the member keeps its own LIMIT.
  auto best = select(&Post::title).order_by(col(&Post::score).desc()).limit(2);
  auto mixed = union_all(best, select(&User::name).where(col(&User::age) == 0));
  mixed.order_by(mixed.col<0>());
  EXPECT_THAT(session.exec(mixed), ElementsAre(FieldsAre("ann"), FieldsAre("b1"), FieldsAre("c3")));

  // ann UNION (young INTERSECT high scorers): the nested compound is one operand on both
  // databases (SQLite alone would read a UNION b INTERSECT c left to right).
  auto nested = select(&User::name).where(col(&User::age) == 0).union_(intersect(young(), high_scorers()));
  nested.order_by(nested.col<0>());
  EXPECT_THAT(session.exec(nested), ElementsAre(FieldsAre("ann"), FieldsAre("bob"), FieldsAre("cat")));
}

TEST_P(OrmQueryCompoundTest, AColumnOptionalInAnyMemberIsOptional) {
  Session session(db());
  auto ids = union_(select(&Post::user_id), select(&User::id).where(col(&User::age) == 9));
  ids.order_by(ids.col<0>());
  auto rows = session.exec(ids);
  static_assert(rows_of<decltype(rows), std::optional<std::int64_t>>);
  EXPECT_THAT(rows, ElementsAre(FieldsAre(users_[0].id), FieldsAre(users_[1].id), FieldsAre(users_[2].id),
                                FieldsAre(users_[9].id)));
}

TEST_P(OrmQueryCompoundTest, ACompoundAsAnInSubquery) {
  Session session(db());
  // Users with a post over 6, or aged 9: bob, cat, jay.
  auto ids = union_(select(&Post::user_id).where(col(&Post::score) > 6), select(&User::id).where(col(&User::age) == 9));
  auto users = session.exec(select<User>().where(col(&User::id).in(ids)).order_by(col(&User::name)));
  ASSERT_EQ(users.size(), 3u);
  EXPECT_EQ(users[0].name, "bob");
  EXPECT_EQ(users[2].name, "jay");
}

TEST_P(OrmQueryCompoundTest, RunningSumAndMovingAverageOverRows) {
  Session session(db());
  auto by_id = over().order_by(col(&Post::id));
  auto rows = session.exec(
      select(&Post::title,
             sum(col(&Post::score)).over(Window(by_id).rows_between(unbounded_preceding, current_row)),
             avg(col(&Post::score)).over(Window(by_id).rows_between(preceding(2), current_row)),
             count().over(Window(by_id).rows_between(preceding(2), preceding(1))),
             max(col(&Post::score)).over(Window(by_id).rows_between(current_row, unbounded_following)))
          .order_by(col(&Post::id)));
  static_assert(rows_of<decltype(rows), std::string, std::int64_t, double, std::int64_t, std::int32_t>);
  // scores 5 3 7 1 1 9
  EXPECT_THAT(rows, ElementsAre(FieldsAre("a1", 5, DoubleNear(5.0, 1e-9), 0, 9),
                                FieldsAre("a2", 8, DoubleNear(4.0, 1e-9), 1, 9),
                                FieldsAre("b1", 15, DoubleNear(5.0, 1e-9), 2, 9),
                                FieldsAre("c1", 16, DoubleNear(11.0 / 3, 1e-9), 2, 9),
                                FieldsAre("c2", 17, DoubleNear(3.0, 1e-9), 2, 9),
                                FieldsAre("c3", 26, DoubleNear(11.0 / 3, 1e-9), 2, 9)));

  // A centred average within each user's posts.
  auto centred = session.exec(
      select(&Post::title, avg(col(&Post::score))
                               .over(partition_by(&Post::user_id).order_by(col(&Post::id)).rows_between(preceding(1), following(1))))
          .order_by(col(&Post::id)));
  EXPECT_THAT(centred, ElementsAre(FieldsAre("a1", DoubleNear(4.0, 1e-9)), FieldsAre("a2", DoubleNear(4.0, 1e-9)),
                                   FieldsAre("b1", DoubleNear(7.0, 1e-9)), FieldsAre("c1", DoubleNear(1.0, 1e-9)),
                                   FieldsAre("c2", DoubleNear(11.0 / 3, 1e-9)),
                                   FieldsAre("c3", DoubleNear(5.0, 1e-9))));
}

TEST_P(OrmQueryCompoundTest, RangeAndGroupsFrames) {
  Session session(db());
  // Posts whose score is within 2 of this one's; the sum over this score and the next lower one.
  auto by_score = over().order_by(col(&Post::score));
  auto rows = session.exec(
      select(&Post::title, count().over(Window(by_score).range_between(preceding(2), following(2))),
             sum(col(&Post::score)).over(Window(by_score).groups_between(preceding(1), current_row)))
          .order_by(col(&Post::score), col(&Post::title)));
  static_assert(rows_of<decltype(rows), std::string, std::int64_t, std::int64_t>);
  // scores 1 1 3 5 7 9
  EXPECT_THAT(rows, ElementsAre(FieldsAre("c1", 3, 2), FieldsAre("c2", 3, 2), FieldsAre("a2", 4, 5),
                                FieldsAre("a1", 3, 8), FieldsAre("b1", 3, 12), FieldsAre("c3", 2, 16)));
}

INSTANTIATE_TEST_SUITE_P(Backends, OrmQueryCompoundTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         backend_name);

}  // namespace
}  // namespace sqlmodel::testing::orm_query_compound
