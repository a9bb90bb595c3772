// The SQL text of the typed query API past select<T>(), without a database: exact statements
// and parameter order for both dialects, and what the compiler refuses.
#include <gtest/gtest.h>

#include "support/orm_models_traits.hpp"
#include "sqlmodel/session.hpp"

namespace sqlmodel::testing::orm {
namespace {

using schema::Dialect;

// ---- what must not compile ----
template <typename Query>
concept Runnable = requires(const Query& query, Session& session) { session.exec(query); };
static_assert(!Runnable<Update<User>>, "an UPDATE without where() or all() must not run");
static_assert(Runnable<Update<User, true>>);
static_assert(!Runnable<Delete<Post>>, "a DELETE without where() or all() must not run");
static_assert(Runnable<decltype(delete_<Post>().all())>);
static_assert(Runnable<decltype(delete_<Post>().where(col(&Post::score) > 1))>);

template <typename V>
concept SettableAge = requires(Update<User> update, V value) { update.set(&User::age, value); };
static_assert(SettableAge<int>);
static_assert(!SettableAge<std::string>);
static_assert(SettableAge<Expr<std::int64_t>>);
static_assert(!SettableAge<Expr<std::string>>);

template <typename A, typename B>
concept Comparable = requires(A a, B b) { a == b; };
static_assert(Comparable<ColumnRef<Post, std::int64_t>, ColumnRef<User, std::optional<std::int64_t>>>);
static_assert(!Comparable<ColumnRef<Post, std::string>, ColumnRef<User, std::optional<std::int64_t>>>);

template <typename E>
concept Summable = requires(E e) { sum(e); };
static_assert(Summable<ColumnRef<Post, std::int32_t>>);
static_assert(!Summable<ColumnRef<Post, std::string>>);

// Ranking functions exist only over a window.
template <typename F>
concept UsableAlone = requires(F f) { select(f); };
static_assert(!UsableAlone<RankingFunction>);
static_assert(UsableAlone<Expr<std::int64_t>>);

// having() needs group_by(); scalar() and in() need a one-column select.
template <typename Query>
concept HasScalar = requires(Query query) { scalar(query); };
static_assert(HasScalar<decltype(select(&Post::score))>);
static_assert(!HasScalar<decltype(select(&Post::score, &Post::title))>);
template <typename Query>
concept InnableInt = requires(Query query) { col(&User::age).in(query); };
static_assert(InnableInt<decltype(select(&Post::score))>);
static_assert(!InnableInt<decltype(select(&Post::score, &Post::id))>);

// ---- result types ----
static_assert(std::is_same_v<decltype(select(&User::name, &Post::title).left_join(&User::posts))::row_type,
                             std::tuple<std::string, std::optional<std::string>>>);
static_assert(std::is_same_v<decltype(select(sum(col(&Post::score)), count(), avg(col(&Post::score)),
                                             min(col(&Post::title)), max(col(&User::nickname))))::row_type,
                             std::tuple<std::optional<std::int64_t>, std::int64_t, std::optional<double>,
                                        std::optional<std::string>, std::optional<std::string>>>);
static_assert(std::is_same_v<decltype(select(&Post::user_id, sum(col(&Post::score)), max(col(&Post::title)))
                                          .group_by(&Post::user_id))::row_type,
                             std::tuple<std::int64_t, std::int64_t, std::string>>);
static_assert(std::is_same_v<decltype(select(&User::id, sum(col(&Post::score)))
                                          .left_join(&User::posts)
                                          .group_by(&User::id))::row_type,
                             std::tuple<std::optional<std::int64_t>, std::optional<std::int64_t>>>);
static_assert(std::is_same_v<decltype(select(sum(col(&Gadget::ratio)), col(&Post::score) + 1.5))::row_type,
                             std::tuple<std::optional<double>, double>>);

TEST(OrmQuerySql, TupleSelectWithJoinsGroupingAndPaging) {
  auto query = select(&User::name, count(col(&Post::id)), sum(col(&Post::score)).as("total"))
                   .left_join(&User::posts)
                   .where(col(&User::age) > 18)
                   .group_by(&User::id, &User::name)
                   .having(count(col(&Post::id)) > 2)
                   .order_by(col(&User::name).desc())
                   .limit(5);
  RenderedQuery pg = query.render(Dialect::postgresql);
  EXPECT_EQ(pg.sql,
            "SELECT \"users\".\"name\", COUNT(\"posts\".\"id\"), SUM(\"posts\".\"score\") AS \"total\" "
            "FROM \"users\" LEFT JOIN \"posts\" ON \"posts\".\"user_id\" = \"users\".\"id\" "
            "WHERE \"users\".\"age\" > $1 GROUP BY \"users\".\"id\", \"users\".\"name\" "
            "HAVING COUNT(\"posts\".\"id\") > $2 ORDER BY \"users\".\"name\" DESC LIMIT $3");
  ASSERT_EQ(pg.params.size(), 3u);
  EXPECT_EQ(std::get<std::int64_t>(pg.params[1]), 2);

  RenderedQuery lite = select(&Post::title)
                           .join<User>(col(&Post::user_id) == col(&User::id) && col(&User::age) < 3)
                           .distinct()
                           .render(Dialect::sqlite);
  EXPECT_EQ(lite.sql,
            "SELECT DISTINCT \"posts\".\"title\" FROM \"posts\" JOIN \"users\" ON "
            "(\"posts\".\"user_id\" = \"users\".\"id\" AND \"users\".\"age\" < ?)");
}

TEST(OrmQuerySql, JoinAlongARelationshipOfAModelNotInTheQueryIsAnError) {
  try {
    (void)select(&Post::title).join(&User::posts);
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(),
                 "join along a relationship of User: its table 'users' is not in the query (FROM "
                 "'posts'); select or join it first");
  }
}

TEST(OrmQuerySql, ManyToManyJoinsThroughTheLinkModel) {
  auto query = select(&User::name, &Team::name, &Membership::role).left_join(&User::teams);
  static_assert(std::is_same_v<decltype(query)::row_type,
                               std::tuple<std::string, std::optional<std::string>, std::optional<std::string>>>);
  EXPECT_EQ(query.render(Dialect::sqlite).sql,
            "SELECT \"users\".\"name\", \"teams\".\"name\", \"memberships\".\"role\" FROM \"users\" "
            "LEFT JOIN \"memberships\" ON \"memberships\".\"user_id\" = \"users\".\"id\" "
            "LEFT JOIN \"teams\" ON \"teams\".\"id\" = \"memberships\".\"team_id\"");
  try {
    (void)select(&Category::name).join(&Category::children);
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("table 'categories' is already in the query"), std::string::npos)
        << error.what();
  }
}

TEST(OrmQuerySql, SelectWithoutAColumnNeedsFrom) {
  EXPECT_THROW(select(count()).render(Dialect::sqlite), std::invalid_argument);
  EXPECT_EQ(select(count()).from<User>().render(Dialect::sqlite).sql, "SELECT COUNT(*) FROM \"users\"");
}

TEST(OrmQuerySql, LiteralsAreTypedOnPostgreSQLOnlyWhereTheServerCannotInfer) {
  auto query = select(lit<std::int64_t>(7).as("seven"), col(&User::age) + 1).where(col(&User::name) == "x");
  EXPECT_EQ(query.render(Dialect::postgresql).sql,
            "SELECT CAST($1 AS BIGINT) AS \"seven\", (\"users\".\"age\" + $2) FROM \"users\" WHERE "
            "\"users\".\"name\" = $3");
  EXPECT_EQ(query.render(Dialect::sqlite).sql,
            "SELECT ? AS \"seven\", (\"users\".\"age\" + ?) FROM \"users\" WHERE \"users\".\"name\" = ?");
}

TEST(OrmQuerySql, SubqueriesNumberTheirPlaceholdersInTextOrder) {
  auto best = scalar(select(max(col(&Post::score))).where(col(&Post::user_id) == col(&User::id) &&
                                                          col(&Post::score) < 100));
  auto query = select(&User::name, best)
                   .where(col(&User::id).in(select(&Post::user_id).where(col(&Post::title).like("a%"))) &&
                          !exists(select(&Post::id).where(col(&Post::score) > 50)));
  RenderedQuery pg = query.render(Dialect::postgresql);
  EXPECT_EQ(pg.sql,
            "SELECT \"users\".\"name\", (SELECT MAX(\"posts\".\"score\") FROM \"posts\" WHERE "
            "(\"posts\".\"user_id\" = \"users\".\"id\" AND \"posts\".\"score\" < $1)) FROM \"users\" "
            "WHERE (\"users\".\"id\" IN (SELECT \"posts\".\"user_id\" FROM \"posts\" WHERE "
            "\"posts\".\"title\" LIKE $2) AND NOT (EXISTS (SELECT \"posts\".\"id\" FROM \"posts\" "
            "WHERE \"posts\".\"score\" > $3)))");
  ASSERT_EQ(pg.params.size(), 3u);
  EXPECT_EQ(std::get<std::int64_t>(pg.params[0]), 100);
  EXPECT_EQ(std::get<std::string>(pg.params[1]), "a%");
  EXPECT_EQ(std::get<std::int64_t>(pg.params[2]), 50);
}

TEST(OrmQuerySql, RecursiveCteRendersWithItsColumnsAndUnionAll) {
  auto tree = with_recursive(
      "tree", select(&Post::id, lit<std::int64_t>(0).as("depth")).where(col(&Post::score) == 1),
      [](const auto& self) {
        return select(&Post::id, self.template col<1>() + 1).join(self, col(&Post::user_id) == self.template col<0>());
      });
  auto query = select(tree.col<0>(), tree.col<1>()).from(tree).where(tree.col<1>() < 5);
  EXPECT_EQ(query.render(Dialect::postgresql).sql,
            "WITH RECURSIVE \"tree\"(\"id\", \"depth\") AS (SELECT \"posts\".\"id\", CAST($1 AS BIGINT) "
            "AS \"depth\" FROM \"posts\" WHERE \"posts\".\"score\" = $2 UNION ALL SELECT \"posts\".\"id\", "
            "(\"tree\".\"depth\" + $3) FROM \"posts\" JOIN \"tree\" ON \"posts\".\"user_id\" = "
            "\"tree\".\"id\") SELECT \"tree\".\"id\", \"tree\".\"depth\" FROM \"tree\" WHERE "
            "\"tree\".\"depth\" < $4");
  // An unnamed item cannot be a CTE column.
  EXPECT_THROW(cte("bad", select(&Post::id, col(&Post::score) + 1)), std::invalid_argument);
}

TEST(OrmQuerySql, WindowFunctions) {
  auto query = select(&Post::title,
                      row_number().over(partition_by(&Post::user_id).order_by(col(&Post::score).desc())),
                      sum(col(&Post::score)).over(over().order_by(col(&Post::id))), rank().over(over()));
  EXPECT_EQ(query.render(Dialect::sqlite).sql,
            "SELECT \"posts\".\"title\", ROW_NUMBER() OVER (PARTITION BY \"posts\".\"user_id\" ORDER BY "
            "\"posts\".\"score\" DESC), SUM(\"posts\".\"score\") OVER (ORDER BY \"posts\".\"id\"), "
            "RANK() OVER () FROM \"posts\"");
  static_assert(std::is_same_v<decltype(query)::row_type,
                               std::tuple<std::string, std::int64_t, std::int64_t, std::int64_t>>);
}

TEST(OrmQuerySql, UpdateAndDelete) {
  RenderedQuery update_sql = update<User>()
                                 .set(&User::nickname, std::nullopt)
                                 .set(&User::age, col(&User::age) + 1)
                                 .where(col(&User::age) < 30)
                                 .render(Dialect::postgresql);
  EXPECT_EQ(update_sql.sql,
            "UPDATE \"users\" SET \"nickname\" = $1, \"age\" = (\"users\".\"age\" + $2) WHERE "
            "\"users\".\"age\" < $3");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(update_sql.params[0]));
  EXPECT_EQ(update<Post>().set(&Post::score, 0).all().render(Dialect::sqlite).sql,
            "UPDATE \"posts\" SET \"score\" = ?");
  EXPECT_EQ(delete_<Post>().where(col(&Post::score) < 0).where(col(&Post::title) == "x").render(Dialect::sqlite).sql,
            "DELETE FROM \"posts\" WHERE (\"posts\".\"score\" < ? AND \"posts\".\"title\" = ?)");
  EXPECT_EQ(delete_<Post>().all().render(Dialect::postgresql).sql, "DELETE FROM \"posts\"");
}

TEST(OrmQuerySql, NamedParametersSkipQuotesCommentsAndCasts) {
  NamedParameters parsed = parse_named_parameters(
      "SELECT :a, ':b', \":c\", x::int, y -- :d\n, /* :e */ \\:f, :a_2 + :a", Dialect::postgresql);
  EXPECT_EQ(parsed.sql, "SELECT $1, ':b', \":c\", x::int, y -- :d\n, /* :e */ :f, $2 + $3");
  EXPECT_EQ(parsed.names, (std::vector<std::string>{"a", "a_2", "a"}));
  EXPECT_EQ(parse_named_parameters("a = :x AND 'it''s :y' = :z", Dialect::sqlite).sql,
            "a = ? AND 'it''s :y' = ?");
}

TEST(OrmQuerySql, TextBindsByNameAndNamesWhatIsMissingOrExtra) {
  RenderedQuery rendered = text("SELECT * FROM users WHERE age > :age AND name = :name OR age < :age")
                               .bind("name", "ann")
                               .bind("age", 3)
                               .render(Dialect::postgresql);
  EXPECT_EQ(rendered.sql, "SELECT * FROM users WHERE age > $1 AND name = $2 OR age < $3");
  ASSERT_EQ(rendered.params.size(), 3u);
  EXPECT_EQ(std::get<std::int64_t>(rendered.params[2]), 3);
  EXPECT_EQ(std::get<std::string>(rendered.params[1]), "ann");

  EXPECT_EQ(text<User>("SELECT * FROM users").render(Dialect::sqlite).sql,
            "SELECT \"text_result\".\"id\", \"text_result\".\"email\", \"text_result\".\"name\", "
            "\"text_result\".\"age\", \"text_result\".\"nickname\" FROM (SELECT * FROM users) AS "
            "\"text_result\"");
  try {
    (void)text("SELECT :a").render(Dialect::sqlite);
    FAIL();
  } catch (const std::invalid_argument& error) {
    EXPECT_EQ(std::string(error.what()),
              "text(): no value bound for parameter :a (bind it with .bind(\"a\", value))\n  statement: SELECT :a");
  }
  try {
    (void)text("SELECT 1").bind("a", 1).render(Dialect::sqlite);
    FAIL();
  } catch (const std::invalid_argument& error) {
    EXPECT_EQ(std::string(error.what()),
              "text(): parameter :a was bound but does not occur in the statement (its parameters: "
              "none)\n  statement: SELECT 1");
  }
}

TEST(OrmQuerySql, ExplainPrefixPerDialect) {
  EXPECT_EQ(explain_prefix(Dialect::sqlite, ExplainMode::plan), "EXPLAIN QUERY PLAN ");
  EXPECT_EQ(explain_prefix(Dialect::postgresql, ExplainMode::plan), "EXPLAIN ");
  EXPECT_EQ(explain_prefix(Dialect::postgresql, analyze), "EXPLAIN ANALYZE ");
  EXPECT_THROW(explain_prefix(Dialect::sqlite, analyze), std::invalid_argument);
}

}  // namespace
}  // namespace sqlmodel::testing::orm
