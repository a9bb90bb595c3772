// The typed query API past select<T>() on a real SQLite file and PostgreSQL: column tuples,
// joins, aggregates with group by / having, subqueries, CTEs (a recursive tree), window
// functions, update/delete by criteria, text() and explain(). Result types are asserted by the
// compiler, values and statement counts at run time.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/orm_fixture.hpp"
#include "sqlmodel/session.hpp"

namespace sqlmodel::testing::orm_query {

// A self-referencing model for recursive CTEs, local to this suite.
struct SQLMODEL_TABLE(.name = "tree_nodes") TreeNode {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.foreign_key = "tree_nodes.id") std::optional<std::int64_t> parent_id;
  std::string name;
};

}  // namespace sqlmodel::testing::orm_query

// STAND-IN FOR GENERATED CODE, following include/sqlmodel/model_traits.hpp.
template <>
struct sqlmodel::model_traits<sqlmodel::testing::orm_query::TreeNode> {
  using TreeNode = sqlmodel::testing::orm_query::TreeNode;
  static constexpr std::string_view model_name = "TreeNode";
  static constexpr std::string_view table_name = "tree_nodes";
  static constexpr auto columns = std::tuple{
      column<&TreeNode::id>{.name = "id", .kind = schema::TypeKind::int64, .primary_key = true,
                            .autoincrement = true, .nullable = false},
      column<&TreeNode::parent_id>{.name = "parent_id", .kind = schema::TypeKind::int64},
      column<&TreeNode::name>{.name = "name", .kind = schema::TypeKind::string},
  };
};

namespace sqlmodel::testing::orm_query {
namespace {

using namespace sqlmodel::testing::orm;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Optional;
using ::testing::StartsWith;

template <typename Rows, typename... Values>
constexpr bool rows_of = std::is_same_v<Rows, std::vector<std::tuple<Values...>>>;

class OrmQueryAdvancedTest : public OrmTest {
 protected:
  void SetUp() override {
    OrmTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Session session(db());
    const char* names[] = {"ann", "bob", "cat", "dan", "eve", "fay", "gus", "hal", "ivy", "jay"};
    for (int age = 0; age < 10; ++age) users_.push_back(make_user(names[age], age));
    session.add_all(users_);
    session.flush();
    // ann: 5, 3; bob: 7; cat: 1, 1, 9; nobody else posts.
    posts_ = {make_post(id("ann"), "a1", 5), make_post(id("ann"), "a2", 3), make_post(id("bob"), "b1", 7),
              make_post(id("cat"), "c1", 1), make_post(id("cat"), "c2", 1), make_post(id("cat"), "c3", 9)};
    session.add_all(posts_);
    session.commit();
  }

  std::int64_t id(std::string_view name) const {
    for (const auto& user : users_)
      if (user.name == name) return *user.id;
    throw std::logic_error("no test user " + std::string(name));
  }

  void create_tree() {
    db().exec_script("DROP TABLE IF EXISTS tree_nodes");
    db().exec_script(postgres()
                     ? "CREATE TABLE tree_nodes (id BIGSERIAL PRIMARY KEY, parent_id BIGINT REFERENCES "
                       "tree_nodes(id), name VARCHAR NOT NULL)"
                     : "CREATE TABLE tree_nodes (id INTEGER PRIMARY KEY AUTOINCREMENT, parent_id BIGINT "
                       "REFERENCES tree_nodes(id), name VARCHAR NOT NULL)");
  }

  std::vector<User> users_;
  std::vector<Post> posts_;
};

TEST_P(OrmQueryAdvancedTest, ChosenColumnsComeBackAsTypedTuples) {
  Session session(db());
  auto rows = session.exec(select(&User::id, &User::name, col(&User::age) * 2)
                               .where(col(&User::age) < 3)
                               .order_by(col(&User::age)));
  static_assert(rows_of<decltype(rows), std::optional<std::int64_t>, std::string, std::int32_t>);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(std::get<0>(rows[1]), id("bob"));
  EXPECT_EQ(std::get<1>(rows[1]), "bob");
  EXPECT_EQ(std::get<2>(rows[2]), 4);

  auto nicknames = session.exec(select(&User::nickname).where(col(&User::age) == 0));
  static_assert(rows_of<decltype(nicknames), std::optional<std::string>>);
  ASSERT_EQ(nicknames.size(), 1u);
  EXPECT_EQ(std::get<0>(nicknames[0]), std::nullopt);

  auto distinct = session.exec(select(&Post::user_id).distinct().order_by(col(&Post::user_id)));
  EXPECT_EQ(distinct.size(), 3u);
}

TEST_P(OrmQueryAdvancedTest, AggregatesOverTheWholeTableAreOptional) {
  Session session(db());
  auto whole = select(count(), sum(col(&User::age)), avg(col(&User::age)), min(col(&User::age)),
                      max(col(&User::name)))
                   .from<User>();
  auto rows = session.exec(whole);
  static_assert(rows_of<decltype(rows), std::int64_t, std::optional<std::int64_t>, std::optional<double>,
                        std::optional<std::int32_t>, std::optional<std::string>>);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], std::make_tuple(std::int64_t{10}, std::optional<std::int64_t>(45),
                                     std::optional<double>(4.5), std::optional<std::int32_t>(0),
                                     std::optional<std::string>("jay")));

  auto none = session.exec(whole.where(col(&User::age) > 100));
  ASSERT_EQ(none.size(), 1u);
  EXPECT_EQ(std::get<0>(none[0]), 0);
  EXPECT_EQ(std::get<1>(none[0]), std::nullopt);
  EXPECT_EQ(std::get<2>(none[0]), std::nullopt);
  EXPECT_EQ(std::get<3>(none[0]), std::nullopt);
}

TEST_P(OrmQueryAdvancedTest, InnerJoinsAlongARelationshipOrAnExplicitCondition) {
  Session session(db());
  auto along = session.exec(select(&User::name, &Post::title)
                                .join(&User::posts)
                                .where(col(&Post::score) > 4)
                                .order_by(col(&Post::title)));
  static_assert(rows_of<decltype(along), std::string, std::string>);
  EXPECT_THAT(along, ElementsAre(std::make_tuple("ann", "a1"), std::make_tuple("bob", "b1"),
                                 std::make_tuple("cat", "c3")));

  // From the many side, along the many-to-one relationship.
  auto back = session.exec(select(&Post::title, &User::age).join(&Post::author).where(col(&User::age) == 2)
                               .order_by(col(&Post::title)));
  EXPECT_THAT(back, ElementsAre(std::make_tuple("c1", 2), std::make_tuple("c2", 2), std::make_tuple("c3", 2)));

  auto explicit_on = session.exec(select(&User::name, &Post::score)
                                      .join<Post>(col(&Post::user_id) == col(&User::id) && col(&Post::score) > 6)
                                      .order_by(col(&Post::score)));
  EXPECT_THAT(explicit_on, ElementsAre(std::make_tuple("bob", 7), std::make_tuple("cat", 9)));

  // Whole models filtered through a join.
  std::vector<std::string> names;
  for (const auto& user : session.exec(select<User>().join(&User::posts).where(col(&Post::score) == 1)
                                           .distinct()))
    names.push_back(user.name);
  EXPECT_THAT(names, ElementsAre("cat"));
}

TEST_P(OrmQueryAdvancedTest, LeftJoinReadsTheRightSideAsOptional) {
  Session session(db());
  auto rows = session.exec(select(&User::name, &Post::title, &Post::score)
                               .left_join(&User::posts)
                               .where(col(&User::age) >= 1 && col(&User::age) <= 3)
                               .order_by(col(&User::age), col(&Post::title)));
  static_assert(rows_of<decltype(rows), std::string, std::optional<std::string>, std::optional<std::int32_t>>);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0], std::make_tuple(std::string("bob"), std::optional<std::string>("b1"),
                                     std::optional<std::int32_t>(7)));
  EXPECT_EQ(rows[4], std::make_tuple(std::string("dan"), std::optional<std::string>(),
                                     std::optional<std::int32_t>()));

  auto explicit_left = session.exec(select(&User::name, &Post::title)
                                        .left_join<Post>(col(&Post::user_id) == col(&User::id) &&
                                                         col(&Post::score) > 8)
                                        .where(col(&User::age) < 3)
                                        .order_by(col(&User::age)));
  static_assert(rows_of<decltype(explicit_left), std::string, std::optional<std::string>>);
  EXPECT_THAT(explicit_left, ElementsAre(std::make_tuple("ann", std::nullopt), std::make_tuple("bob", std::nullopt),
                                         std::make_tuple("cat", std::optional<std::string>("c3"))));
}

TEST_P(OrmQueryAdvancedTest, ManyToManyJoinsGoThroughTheLinkModel) {
  Session session(db());
  session.exec(text("INSERT INTO teams (name) VALUES ('red'), ('blue')"));
  for (auto [user, team, role] : {std::tuple{"ann", "red", "lead"}, std::tuple{"bob", "red", "dev"},
                                  std::tuple{"ann", "blue", "dev"}})
    session.exec(text("INSERT INTO memberships (user_id, team_id, role) "
                      "SELECT CAST(:user AS BIGINT), id, :role FROM teams WHERE name = :team")
                     .bind("user", id(user)).bind("team", std::string(team)).bind("role", std::string(role)));
  auto rows = session.exec(select(&User::name, &Team::name, &Membership::role)
                               .join(&User::teams)
                               .order_by(col(&User::name), col(&Team::name)));
  static_assert(rows_of<decltype(rows), std::string, std::string, std::string>);
  EXPECT_THAT(rows, ElementsAre(std::make_tuple("ann", "blue", "dev"), std::make_tuple("ann", "red", "lead"),
                                std::make_tuple("bob", "red", "dev")));
  auto everyone = session.exec(select(&User::name, &Team::name, &Membership::role)
                                   .left_join(&User::teams)
                                   .where(col(&User::age) >= 1 && col(&User::age) <= 2)
                                   .order_by(col(&User::age)));
  static_assert(rows_of<decltype(everyone), std::string, std::optional<std::string>, std::optional<std::string>>);
  EXPECT_THAT(everyone, ElementsAre(std::make_tuple("bob", std::optional<std::string>("red"),
                                                    std::optional<std::string>("dev")),
                                    std::make_tuple("cat", std::nullopt, std::nullopt)));
  // A table joined to itself needs aliases: refused with a message saying so.
  EXPECT_THROW((void)select(&Category::name).join(&Category::children), std::invalid_argument);
}

TEST_P(OrmQueryAdvancedTest, GroupByAndHavingWithTypedAggregates) {
  Session session(db());
  StatementLog log;
  session.add_listener(log.listener());
  auto grouped = session.exec(select(&User::name, count(col(&Post::id)), sum(col(&Post::score)),
                                     avg(col(&Post::score)), min(col(&Post::title)), max(col(&Post::score)))
                                  .join(&User::posts)
                                  .group_by(&User::name)
                                  .having(count(col(&Post::id)) >= 2)
                                  .order_by(col(&User::name)));
  static_assert(rows_of<decltype(grouped), std::string, std::int64_t, std::int64_t, double, std::string,
                        std::int32_t>);
  ASSERT_EQ(grouped.size(), 2u);
  EXPECT_EQ(grouped[0], std::make_tuple(std::string("ann"), std::int64_t{2}, std::int64_t{8}, 4.0,
                                        std::string("a1"), std::int32_t{5}));
  EXPECT_EQ(std::get<0>(grouped[1]), "cat");
  EXPECT_EQ(std::get<2>(grouped[1]), 11);
  EXPECT_NEAR(std::get<3>(grouped[1]), 11.0 / 3, 1e-9);
  EXPECT_EQ(log.statements.size(), 1u);

  // Left-joined: a user without posts has a count of 0 and no sum.
  auto everyone = session.exec(select(&User::name, count(col(&Post::id)), sum(col(&Post::score)))
                                   .left_join(&User::posts)
                                   .group_by(&User::id, &User::name)
                                   .order_by(count(col(&Post::id)).desc(), col(&User::name))
                                   .limit(4));
  static_assert(rows_of<decltype(everyone), std::string, std::int64_t, std::optional<std::int64_t>>);
  EXPECT_THAT(everyone, ElementsAre(std::make_tuple("cat", 3, std::optional<std::int64_t>(11)),
                                    std::make_tuple("ann", 2, std::optional<std::int64_t>(8)),
                                    std::make_tuple("bob", 1, std::optional<std::int64_t>(7)),
                                    std::make_tuple("dan", 0, std::optional<std::int64_t>())));
}

TEST_P(OrmQueryAdvancedTest, SubqueriesInExistsAndScalar) {
  Session session(db());
  auto has_big_post = select(&Post::user_id).where(col(&Post::score) > 6);
  auto in_rows = session.exec(select(&User::name).where(col(&User::id).in(has_big_post)).order_by(col(&User::name)));
  EXPECT_THAT(in_rows, ElementsAre(std::make_tuple("bob"), std::make_tuple("cat")));

  auto posts_of_user = select(&Post::id).where(col(&Post::user_id) == col(&User::id));
  std::vector<std::string> silent;
  for (const auto& user : session.exec(select<User>().where(!exists(posts_of_user) && col(&User::age) < 5)
                                           .order_by(col(&User::age))))
    silent.push_back(user.name);
  EXPECT_THAT(silent, ElementsAre("dan", "eve"));

  // A correlated scalar subquery in the select list, and an uncorrelated one in where().
  auto best = scalar(select(max(col(&Post::score))).where(col(&Post::user_id) == col(&User::id)));
  auto rows = session.exec(select(&User::name, best).where(col(&User::age) < 4).order_by(col(&User::age)));
  static_assert(rows_of<decltype(rows), std::string, std::optional<std::int32_t>>);
  EXPECT_THAT(rows, ElementsAre(std::make_tuple("ann", std::optional<std::int32_t>(5)),
                                std::make_tuple("bob", std::optional<std::int32_t>(7)),
                                std::make_tuple("cat", std::optional<std::int32_t>(9)),
                                std::make_tuple("dan", std::optional<std::int32_t>())));
  auto top = session.exec(select(&Post::title).where(col(&Post::score) == scalar(select(max(col(&Post::score))))));
  EXPECT_THAT(top, ElementsAre(std::make_tuple("c3")));
}

TEST_P(OrmQueryAdvancedTest, CteReadAndJoined) {
  Session session(db());
  StatementLog log;
  session.add_listener(log.listener());
  auto totals = cte("totals", select(&Post::user_id, sum(col(&Post::score)).as("total"))
                                  .group_by(&Post::user_id));
  auto rows = session.exec(select(&User::name, totals.col<1>())
                               .join(totals, totals.col<0>() == col(&User::id))
                               .where(totals.col<1>() > 7)
                               .order_by(totals.col<1>().desc()));
  static_assert(rows_of<decltype(rows), std::string, std::int64_t>);
  EXPECT_THAT(rows, ElementsAre(std::make_tuple("cat", 11), std::make_tuple("ann", 8)));
  auto from_cte = session.exec(select(max(totals.col<1>())).from(totals));
  EXPECT_THAT(from_cte, ElementsAre(std::make_tuple(std::optional<std::int64_t>(11))));
  EXPECT_EQ(log.statements.size(), 2u);
  EXPECT_THAT(log.statements[0], StartsWith("WITH \"totals\"(\"user_id\", \"total\") AS (SELECT"));
}

TEST_P(OrmQueryAdvancedTest, RecursiveCteWalksACategoryTree) {
  create_tree();
  Session session(db());
  // root -> (books -> (novels -> classics), music), other
  auto add = [&](std::string name, std::optional<std::int64_t> parent) {
    TreeNode node{.id = std::nullopt, .parent_id = parent, .name = std::move(name)};
    session.add(node);
    session.flush();
    return *node.id;
  };
  auto root = add("root", std::nullopt);
  auto books = add("books", root);
  auto novels = add("novels", books);
  add("classics", novels);
  add("music", root);
  add("other", std::nullopt);

  auto tree = with_recursive(
      "tree",
      select(&TreeNode::id, &TreeNode::name, lit<std::int64_t>(0).as("depth"))
          .where(col(&TreeNode::id) == root),
      [](const auto& self) {
        return select(&TreeNode::id, &TreeNode::name, self.template col<2>() + 1)
            .join(self, col(&TreeNode::parent_id) == self.template col<0>());
      });
  StatementLog log;
  session.add_listener(log.listener());
  auto rows = session.exec(select(tree.col<1>(), tree.col<2>()).from(tree).order_by(tree.col<2>(), tree.col<1>()));
  static_assert(rows_of<decltype(rows), std::string, std::int64_t>);
  EXPECT_THAT(rows, ElementsAre(std::make_tuple("root", 0), std::make_tuple("books", 1), std::make_tuple("music", 1),
                                std::make_tuple("novels", 2), std::make_tuple("classics", 3)));
  ASSERT_EQ(log.statements.size(), 1u);
  EXPECT_THAT(log.statements[0], StartsWith("WITH RECURSIVE \"tree\"(\"id\", \"name\", \"depth\") AS ("));
  EXPECT_THAT(log.statements[0], HasSubstr(" UNION ALL SELECT "));

  // The tree's ids as a subquery: the models under root.
  std::vector<std::string> under;
  for (const auto& node : session.exec(select<TreeNode>()
                                           .where(col(&TreeNode::id).in(select(tree.col<0>()).from(tree)) &&
                                                  col(&TreeNode::id) != root)
                                           .order_by(col(&TreeNode::name))))
    under.push_back(node.name);
  EXPECT_THAT(under, ElementsAre("books", "classics", "music", "novels"));
}

TEST_P(OrmQueryAdvancedTest, WindowFunctions) {
  Session session(db());
  auto per_user = partition_by(&Post::user_id).order_by(col(&Post::score).desc(), col(&Post::title));
  auto rows = session.exec(select(&Post::title, row_number().over(per_user),
                                  rank().over(partition_by(&Post::user_id).order_by(col(&Post::score))),
                                  sum(col(&Post::score)).over(partition_by(&Post::user_id)),
                                  dense_rank().over(over().order_by(col(&Post::score).desc())))
                               .order_by(col(&Post::title)));
  static_assert(rows_of<decltype(rows), std::string, std::int64_t, std::int64_t, std::int64_t, std::int64_t>);
  // a1 5, a2 3 | b1 7 | c1 1, c2 1, c3 9
  EXPECT_THAT(rows, ElementsAre(std::make_tuple("a1", 1, 2, 8, 3), std::make_tuple("a2", 2, 1, 8, 4),
                                std::make_tuple("b1", 1, 1, 7, 2), std::make_tuple("c1", 2, 1, 11, 5),
                                std::make_tuple("c2", 3, 1, 11, 5), std::make_tuple("c3", 1, 3, 11, 1)));
}

TEST_P(OrmQueryAdvancedTest, UpdateAndDeleteByCriteriaCountRows) {
  Session session(db());
  StatementLog log;
  session.add_listener(log.listener());
  std::int64_t updated = session.exec(update<User>()
                                          .set(&User::nickname, std::string("young"))
                                          .set(&User::age, col(&User::age) + 10)
                                          .where(col(&User::age) < 3));
  EXPECT_EQ(updated, 3);
  EXPECT_EQ(session.exec(update<Post>().set(&Post::score, 0).where(col(&Post::score) > 100)), 0);
  EXPECT_EQ(session.exec(delete_<Post>().where(col(&Post::user_id).in(
                select(&User::id).where(col(&User::nickname) == std::string("young"))) &&
                                            col(&Post::score) < 5)),
            3);
  EXPECT_EQ(log.statements.size(), 3u);
  session.commit();

  auto ages = session.exec(select(&User::name, &User::age, &User::nickname).where(col(&User::age) >= 10)
                               .order_by(col(&User::age)));
  EXPECT_THAT(ages, ElementsAre(std::make_tuple("ann", 10, std::optional<std::string>("young")),
                                std::make_tuple("bob", 11, std::optional<std::string>("young")),
                                std::make_tuple("cat", 12, std::optional<std::string>("young"))));
  EXPECT_EQ(session.exec(update<User>().set(&User::nickname, std::nullopt).all()), 10);
  EXPECT_EQ(session.exec(select(count()).from<User>().where(col(&User::nickname).is_not_null())),
            (std::vector<std::tuple<std::int64_t>>{{0}}));
  EXPECT_EQ(session.exec(delete_<Post>().all()), 3);
  EXPECT_EQ(session.exec(select(count()).from<Post>()), (std::vector<std::tuple<std::int64_t>>{{0}}));
}

TEST_P(OrmQueryAdvancedTest, UpdateWithoutSetIsAnErrorNamingTheModel) {
  Session session(db());
  try {
    session.exec(update<User>().where(col(&User::age) > 1));
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& error) {
    EXPECT_THAT(error.what(), HasSubstr("update<User>() sets no column"));
  }
}

TEST_P(OrmQueryAdvancedTest, TextWithNamedParametersAndTypedResults) {
  Session session(db());
  StatementLog log;
  session.add_listener(log.listener());
  auto rows = session.exec(text<std::tuple<std::string, std::int64_t>>(
                               "SELECT name, age FROM users WHERE age >= :min AND age < :min + 2 "
                               "AND name <> :skip AND email <> 'x:y' -- :not_a_parameter\n"
                               "ORDER BY age")
                               .bind("min", 3)
                               .bind("skip", "zed"));
  EXPECT_THAT(rows, ElementsAre(std::make_tuple("dan", 3), std::make_tuple("eve", 4)));
  ASSERT_EQ(log.events.size(), 1u);
  EXPECT_EQ(log.events[0].parameters, 3u);

  auto users = session.exec(text<User>("SELECT * FROM users WHERE name = :name").bind("name", "gus"));
  static_assert(std::is_same_v<decltype(users), std::vector<User>>);
  ASSERT_EQ(users.size(), 1u);
  EXPECT_EQ(users[0].age, 6);
  EXPECT_EQ(users[0].email, "gus@example.com");

  EXPECT_EQ(session.exec(text("UPDATE users SET age = age + 1 WHERE age > :age").bind("age", 7)), 2);

  if (postgres()) {
    auto cast = session.exec(text<std::tuple<std::int64_t>>("SELECT :n::bigint * 2").bind("n", 21));
    EXPECT_THAT(cast, ElementsAre(std::make_tuple(42)));
  }
}

TEST_P(OrmQueryAdvancedTest, TextNamesAMissingOrAnUnusedParameter) {
  Session session(db());
  try {
    session.exec(text<std::tuple<std::string>>("SELECT name FROM users WHERE age = :age AND name = :name")
                     .bind("age", 1));
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& error) {
    EXPECT_THAT(error.what(), HasSubstr("no value bound for parameter :name"));
    EXPECT_THAT(error.what(), HasSubstr("statement: SELECT name FROM users"));
  }
  try {
    session.exec(text("DELETE FROM posts WHERE score = :score").bind("score", 1).bind("scor", 2));
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& error) {
    EXPECT_THAT(error.what(), HasSubstr("parameter :scor was bound but does not occur"));
    EXPECT_THAT(error.what(), HasSubstr("its parameters: :score"));
  }
  // text<Model> over SQL that lacks one of the model's columns: the database names it.
  try {
    session.exec(text<User>("SELECT id, email, name, age FROM users"));
    FAIL() << "expected an error";
  } catch (const DatabaseError& error) {
    EXPECT_THAT(error.what(), HasSubstr("nickname"));
  }
}

TEST_P(OrmQueryAdvancedTest, ExplainShowsThePlanPerDialect) {
  Session session(db());
  auto query = select<User>().where(col(&User::email) == std::string("eve@example.com"));
  std::string plan = session.explain(query);
  std::string tuples = session.explain(select(&Post::title).join(&Post::author).where(col(&User::age) > 1));
  std::string write = session.explain(delete_<Post>().where(col(&Post::score) > 1));
  if (postgres()) {
    EXPECT_THAT(plan, HasSubstr("Scan"));
    EXPECT_THAT(tuples, HasSubstr("Join"));
    EXPECT_THAT(write, HasSubstr("Delete on posts"));
    std::string analyzed = session.explain(query, analyze);
    EXPECT_THAT(analyzed, HasSubstr("actual time="));
    EXPECT_THAT(analyzed, HasSubstr("Execution Time"));
  } else {
    // The unique index on email is used.
    EXPECT_THAT(plan, HasSubstr("SEARCH users USING INDEX"));
    EXPECT_THAT(tuples, HasSubstr("posts"));
    EXPECT_THAT(write, HasSubstr("SCAN posts"));
    EXPECT_THROW(session.explain(query, analyze), std::invalid_argument);
  }
  // Explaining did not run the delete.
  EXPECT_EQ(session.exec(select(count()).from<Post>()), (std::vector<std::tuple<std::int64_t>>{{6}}));
}

INSTANTIATE_TEST_SUITE_P(Backends, OrmQueryAdvancedTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), backend_name);

}  // namespace
}  // namespace sqlmodel::testing::orm_query
