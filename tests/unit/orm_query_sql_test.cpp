// The SQL text of the typed query API past select<T>(), without a database: exact statements
// and parameter order for both dialects, and what the compiler refuses.
#include <gtest/gtest.h>

#include "support/orm_models_api_traits.hpp"
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
  detail::RenderedQuery pg = query.render(Dialect::postgresql);
  EXPECT_EQ(pg.sql,
            "SELECT \"users\".\"name\", COUNT(\"posts\".\"id\"), SUM(\"posts\".\"score\") AS \"total\" "
            "FROM \"users\" LEFT JOIN \"posts\" ON \"posts\".\"user_id\" = \"users\".\"id\" "
            "WHERE \"users\".\"age\" > $1 GROUP BY \"users\".\"id\", \"users\".\"name\" "
            "HAVING COUNT(\"posts\".\"id\") > $2 ORDER BY \"users\".\"name\" DESC LIMIT $3");
  ASSERT_EQ(pg.params.size(), 3u);
  EXPECT_EQ(std::get<std::int64_t>(pg.params[1]), 2);

  detail::RenderedQuery lite = select(&Post::title)
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
  detail::RenderedQuery pg = query.render(Dialect::postgresql);
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
  detail::RenderedQuery update_sql = update<User>()
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
  detail::NamedParameters parsed = detail::parse_named_parameters(
      "SELECT :a, ':b', \":c\", x::int, y -- :d\n, /* :e */ \\:f, :a_2 + :a", Dialect::postgresql);
  EXPECT_EQ(parsed.sql, "SELECT $1, ':b', \":c\", x::int, y -- :d\n, /* :e */ :f, $2 + $3");
  EXPECT_EQ(parsed.names, (std::vector<std::string>{"a", "a_2", "a"}));
  EXPECT_EQ(detail::parse_named_parameters("a = :x AND 'it''s :y' = :z", Dialect::sqlite).sql,
            "a = ? AND 'it''s :y' = ?");
}

TEST(OrmQuerySql, TextBindsByNameAndNamesWhatIsMissingOrExtra) {
  detail::RenderedQuery rendered = text("SELECT * FROM users WHERE age > :age AND name = :name OR age < :age")
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
  EXPECT_EQ(detail::explain_prefix(Dialect::sqlite, ExplainMode::plan), "EXPLAIN QUERY PLAN ");
  EXPECT_EQ(detail::explain_prefix(Dialect::postgresql, ExplainMode::plan), "EXPLAIN ");
  EXPECT_EQ(detail::explain_prefix(Dialect::postgresql, analyze), "EXPLAIN ANALYZE ");
  EXPECT_THROW(detail::explain_prefix(Dialect::sqlite, analyze), std::invalid_argument);
}


// ---- table aliases (self-joins) ----
TEST(OrmQuerySql, AliasSelfJoinOnACondition) {
  auto parent = alias<Category>("parent");
  auto query = select(&Category::name, parent(&Category::name))
                   .join(parent, col(&Category::parent_id) == parent(&Category::id))
                   .where(parent(&Category::name) == "root")
                   .order_by(parent(&Category::name).desc(), col(&Category::name));
  static_assert(std::is_same_v<decltype(query)::row_type, std::tuple<std::string, std::string>>);
  detail::RenderedQuery pg = query.render(Dialect::postgresql);
  EXPECT_EQ(pg.sql,
            "SELECT \"categories\".\"name\", \"parent\".\"name\" FROM \"categories\" JOIN \"categories\" AS "
            "\"parent\" ON \"categories\".\"parent_id\" = \"parent\".\"id\" WHERE \"parent\".\"name\" = $1 "
            "ORDER BY \"parent\".\"name\" DESC, \"categories\".\"name\"");
  ASSERT_EQ(pg.params.size(), 1u);
  EXPECT_EQ(std::get<std::string>(pg.params[0]), "root");
}

TEST(OrmQuerySql, AliasLeftJoinMakesOnlyTheAliasOptional) {
  auto parent = alias<Category>("parent");
  auto grandparent = alias<Category>("grandparent");
  static_assert(!std::is_same_v<decltype(parent), decltype(grandparent)>, "each alias is a type of its own");
  auto query = select(&Category::name, parent(&Category::name), grandparent(&Category::name))
                   .join(parent, col(&Category::parent_id) == parent(&Category::id))
                   .left_join(grandparent, parent(&Category::parent_id) == grandparent(&Category::id));
  static_assert(std::is_same_v<decltype(query)::row_type,
                               std::tuple<std::string, std::string, std::optional<std::string>>>);
  EXPECT_EQ(query.render(Dialect::sqlite).sql,
            "SELECT \"categories\".\"name\", \"parent\".\"name\", \"grandparent\".\"name\" FROM \"categories\" "
            "JOIN \"categories\" AS \"parent\" ON \"categories\".\"parent_id\" = \"parent\".\"id\" "
            "LEFT JOIN \"categories\" AS \"grandparent\" ON \"parent\".\"parent_id\" = \"grandparent\".\"id\"");
}

TEST(OrmQuerySql, AliasJoinsAlongASelfReferentialRelationship) {
  auto parent = alias<Category>("parent");
  EXPECT_EQ(select(&Category::name, parent(&Category::name)).join(parent, &Category::parent).render(Dialect::sqlite).sql,
            "SELECT \"categories\".\"name\", \"parent\".\"name\" FROM \"categories\" JOIN \"categories\" AS "
            "\"parent\" ON \"parent\".\"id\" = \"categories\".\"parent_id\"");
  auto child = alias<Category>("child");
  auto counted = select(&Category::name, count(child(&Category::id)))
                     .left_join(child, &Category::children)
                     .group_by(&Category::id, &Category::name);
  static_assert(std::is_same_v<decltype(counted)::row_type, std::tuple<std::string, std::int64_t>>);
  EXPECT_EQ(counted.render(Dialect::postgresql).sql,
            "SELECT \"categories\".\"name\", COUNT(\"child\".\"id\") FROM \"categories\" LEFT JOIN \"categories\" "
            "AS \"child\" ON \"child\".\"parent_id\" = \"categories\".\"id\" GROUP BY \"categories\".\"id\", "
            "\"categories\".\"name\"");
  // select<T>() of whole models filtered through an aliased self-join.
  EXPECT_EQ(select<Category>().join(parent, &Category::parent).where(parent(&Category::name) == "x").render(Dialect::sqlite).sql,
            "SELECT \"categories\".\"id\", \"categories\".\"parent_id\", \"categories\".\"name\" FROM \"categories\" "
            "JOIN \"categories\" AS \"parent\" ON \"parent\".\"id\" = \"categories\".\"parent_id\" WHERE "
            "\"parent\".\"name\" = ?");
}

TEST(OrmQuerySql, AliasAsTheFromTable) {
  auto parent = alias<Category>("parent");
  EXPECT_EQ(select(parent(&Category::name), &Category::name)
                .join<Category>(col(&Category::parent_id) == parent(&Category::id))
                .render(Dialect::sqlite)
                .sql,
            "SELECT \"parent\".\"name\", \"categories\".\"name\" FROM \"categories\" AS \"parent\" JOIN "
            "\"categories\" ON \"categories\".\"parent_id\" = \"parent\".\"id\"");
  EXPECT_EQ(select(count()).from(parent).render(Dialect::sqlite).sql,
            "SELECT COUNT(*) FROM \"categories\" AS \"parent\"");
}

TEST(OrmQuerySql, SelfJoinWithoutAnAliasOrTwiceUnderOneAliasIsAnError) {
  auto parent = alias<Category>("parent");
  try {
    (void)select(&Category::name).join<Category>(col(&Category::parent_id) == col(&Category::id));
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(),
                 "join(): table 'categories' is already in the query; to read it a second time (a "
                 "self-join), join it under an alias: auto other = sqlmodel::alias<Model>(\"other\"); "
                 ".join(other, condition or &Model::relationship)");
  }
  try {
    (void)select(&Category::name).join(parent, &Category::parent).join(parent, &Category::children);
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(),
                 "join(): the name 'parent' (an alias of table 'categories') is already in the query; "
                 "give the alias another name");
  }
  EXPECT_THROW(alias<Category>(""), std::invalid_argument);
}

// Joining an alias along a relationship whose target is another model does not compile.
template <typename A>
concept JoinsAlongUserPosts = requires(A a) { select(&User::name).join(a, &User::posts); };
static_assert(JoinsAlongUserPosts<decltype(alias<Post>("p"))>);
static_assert(!JoinsAlongUserPosts<decltype(alias<Category>("c"))>);

// ---- compound selects ----
template <typename A, typename B>
concept Unionable = requires(A a, B b) { union_(a, b); };
static_assert(Unionable<decltype(select(&User::name)), decltype(select(&Post::title))>);
static_assert(!Unionable<decltype(select(&User::name)), decltype(select(&Post::score))>,
              "a UNION of a text column and a number column must not compile");
static_assert(!Unionable<decltype(select(&User::name)), decltype(select(&Post::title, &Post::id))>,
              "a UNION of selects with different column counts must not compile");
static_assert(std::is_same_v<decltype(union_all(select(&Post::user_id), select(&User::id)))::row_type,
                             std::tuple<std::optional<std::int64_t>>>,
              "a column is std::optional when it is in any member");

TEST(OrmQuerySql, CompoundSelectsWithOrderAndLimitOnTheWhole) {
  auto names = union_(select(&User::name).where(col(&User::age) < 18),
                      select(&Post::title).where(col(&Post::score) > 5));
  names.order_by(names.col<0>().desc()).limit(3).offset(1);
  static_assert(std::is_same_v<decltype(names)::row_type, std::tuple<std::string>>);
  detail::RenderedQuery pg = names.render(Dialect::postgresql);
  EXPECT_EQ(pg.sql,
            "SELECT \"users\".\"name\" FROM \"users\" WHERE \"users\".\"age\" < $1 UNION SELECT "
            "\"posts\".\"title\" FROM \"posts\" WHERE \"posts\".\"score\" > $2 ORDER BY 1 DESC LIMIT $3 OFFSET $4");
  ASSERT_EQ(pg.params.size(), 4u);
  EXPECT_EQ(std::get<std::int64_t>(pg.params[1]), 5);
  EXPECT_EQ(std::get<std::int64_t>(pg.params[3]), 1);

  EXPECT_EQ(select(&User::id).union_all(select(&Post::user_id)).render(Dialect::sqlite).sql,
            "SELECT \"users\".\"id\" FROM \"users\" UNION ALL SELECT \"posts\".\"user_id\" FROM \"posts\"");
  EXPECT_EQ(intersect(select(&User::id), select(&Post::user_id), select(&Comment::post_id)).render(Dialect::sqlite).sql,
            "SELECT \"users\".\"id\" FROM \"users\" INTERSECT SELECT \"posts\".\"user_id\" FROM \"posts\" "
            "INTERSECT SELECT \"comments\".\"post_id\" FROM \"comments\"");
  auto without = except(select(&User::id), select(&Post::user_id));
  without.offset(2);
  EXPECT_EQ(without.render(Dialect::sqlite).sql,
            "SELECT \"users\".\"id\" FROM \"users\" EXCEPT SELECT \"posts\".\"user_id\" FROM \"posts\" LIMIT -1 "
            "OFFSET ?");
}

TEST(OrmQuerySql, CompoundMembersWithTheirOwnPagingOrNestingAreBracketedPerDialect) {
  auto top = select(&Post::title).order_by(col(&Post::score).desc()).limit(2);
  auto query = union_all(top, select(&User::name).where(col(&User::age) == 1));
  EXPECT_EQ(query.render(Dialect::postgresql).sql,
            "(SELECT \"posts\".\"title\" FROM \"posts\" ORDER BY \"posts\".\"score\" DESC LIMIT $1) UNION ALL "
            "SELECT \"users\".\"name\" FROM \"users\" WHERE \"users\".\"age\" = $2");
  EXPECT_EQ(query.render(Dialect::sqlite).sql,
            "SELECT * FROM (SELECT \"posts\".\"title\" FROM \"posts\" ORDER BY \"posts\".\"score\" DESC LIMIT ?) "
            "UNION ALL SELECT \"users\".\"name\" FROM \"users\" WHERE \"users\".\"age\" = ?");
  // a UNION (b INTERSECT c): PostgreSQL would bind INTERSECT tighter anyway, SQLite would not.
  auto nested = select(&User::id).union_(intersect(select(&Post::user_id), select(&Comment::post_id)));
  EXPECT_EQ(nested.render(Dialect::sqlite).sql,
            "SELECT \"users\".\"id\" FROM \"users\" UNION SELECT * FROM (SELECT \"posts\".\"user_id\" FROM "
            "\"posts\" INTERSECT SELECT \"comments\".\"post_id\" FROM \"comments\")");
  EXPECT_EQ(nested.render(Dialect::postgresql).sql,
            "SELECT \"users\".\"id\" FROM \"users\" UNION (SELECT \"posts\".\"user_id\" FROM \"posts\" INTERSECT "
            "SELECT \"comments\".\"post_id\" FROM \"comments\")");
  // (a UNION b) EXCEPT c keeps its brackets; a UNION b UNION c stays flat.
  EXPECT_EQ(union_(select(&User::id), select(&Post::user_id)).except(select(&Comment::post_id)).render(Dialect::postgresql).sql,
            "(SELECT \"users\".\"id\" FROM \"users\" UNION SELECT \"posts\".\"user_id\" FROM \"posts\") EXCEPT "
            "SELECT \"comments\".\"post_id\" FROM \"comments\"");
  EXPECT_EQ(union_(select(&User::id), select(&Post::user_id)).union_(select(&Comment::post_id)).render(Dialect::postgresql).sql,
            "SELECT \"users\".\"id\" FROM \"users\" UNION SELECT \"posts\".\"user_id\" FROM \"posts\" UNION "
            "SELECT \"comments\".\"post_id\" FROM \"comments\"");
}

TEST(OrmQuerySql, CompoundSelectsAsSubqueries) {
  auto ids = union_(select(&Post::user_id).where(col(&Post::score) > 6), select(&User::id).where(col(&User::age) == 9));
  detail::RenderedQuery pg = select(&User::name).where(col(&User::id).in(ids) && col(&User::age) < 50).render(Dialect::postgresql);
  EXPECT_EQ(pg.sql,
            "SELECT \"users\".\"name\" FROM \"users\" WHERE (\"users\".\"id\" IN (SELECT \"posts\".\"user_id\" FROM "
            "\"posts\" WHERE \"posts\".\"score\" > $1 UNION SELECT \"users\".\"id\" FROM \"users\" WHERE "
            "\"users\".\"age\" = $2) AND \"users\".\"age\" < $3)");
  EXPECT_EQ(select<Post>().where(exists(intersect(select(&Post::id), select(&Comment::post_id)))).render(Dialect::sqlite).sql,
            "SELECT \"posts\".\"id\", \"posts\".\"user_id\", \"posts\".\"title\", \"posts\".\"score\" FROM \"posts\" "
            "WHERE EXISTS (SELECT \"posts\".\"id\" FROM \"posts\" INTERSECT SELECT \"comments\".\"post_id\" FROM "
            "\"comments\")");
}

TEST(OrmQuerySql, CompoundOrderByTakesResultColumns) {
  auto names = union_(select(&User::name), select(&Post::title));
  names.order_by(col(&User::name));
  try {
    (void)names.render(Dialect::sqlite);
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(),
                 "order_by() of a compound select (UNION, INTERSECT, EXCEPT) takes its result columns, "
                 "compound.col<I>(): a table's column is not in scope there");
  }
}

// ---- window frames ----
TEST(OrmQuerySql, WindowFrames) {
  auto query = select(&Post::title,
                      sum(col(&Post::score)).over(over().order_by(col(&Post::id)).rows_between(unbounded_preceding, current_row)),
                      avg(col(&Post::score)).over(partition_by(&Post::user_id).order_by(col(&Post::id)).rows_between(preceding(2), current_row)),
                      max(col(&Post::score)).over(over().order_by(col(&Post::score)).range_between(preceding(1), following(1))),
                      count().over(over().order_by(col(&Post::score)).groups_between(current_row, unbounded_following)),
                      min(col(&Post::score)).over(over().rows_between(unbounded_preceding, unbounded_following)));
  static_assert(std::is_same_v<decltype(query)::row_type,
                               std::tuple<std::string, std::int64_t, double, std::int32_t, std::int64_t, std::int32_t>>);
  EXPECT_EQ(query.render(Dialect::postgresql).sql,
            "SELECT \"posts\".\"title\", SUM(\"posts\".\"score\") OVER (ORDER BY \"posts\".\"id\" ROWS BETWEEN "
            "UNBOUNDED PRECEDING AND CURRENT ROW), AVG(\"posts\".\"score\") OVER (PARTITION BY \"posts\".\"user_id\" "
            "ORDER BY \"posts\".\"id\" ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), MAX(\"posts\".\"score\") OVER "
            "(ORDER BY \"posts\".\"score\" RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING), COUNT(*) OVER (ORDER BY "
            "\"posts\".\"score\" GROUPS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING), MIN(\"posts\".\"score\") OVER "
            "(ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM \"posts\"");
}

TEST(OrmQuerySql, WindowFramesThatCannotBeAreRefusedWhenBuilt) {
  auto refused = [](auto make) -> std::string {
    try {
      make();
    } catch (const std::invalid_argument& error) {
      return error.what();
    }
    return "no error";
  };
  EXPECT_EQ(refused([] { over().rows_between(current_row, preceding(1)); }),
            "window frame rows_between(current_row, preceding(1)): the frame starts after it ends");
  EXPECT_EQ(refused([] { over().range_between(unbounded_following, unbounded_following); }),
            "window frame range_between(unbounded_following, unbounded_following): a frame cannot start at "
            "unbounded_following");
  EXPECT_EQ(refused([] { over().rows_between(current_row, unbounded_preceding); }),
            "window frame rows_between(current_row, unbounded_preceding): a frame cannot end at unbounded_preceding");
  EXPECT_EQ(refused([] { over().groups_between(preceding(-1), current_row); }),
            "window frame groups_between(preceding(-1), current_row): an offset counts rows or values away from "
            "the current row and cannot be negative; use the other direction");
  // A frame wholly before the current row is empty on a partition's first row: SUM is NULL there,
  // which a non-optional result cannot hold. COUNT is 0 there, so it may.
  EXPECT_EQ(refused([] { (void)sum(col(&Post::score)).over(over().order_by(col(&Post::id)).rows_between(preceding(3), preceding(1))); })
                .rfind("over(window): the window's frame does not hold the current row", 0),
            0u);
  EXPECT_EQ(refused([] { (void)count().over(over().order_by(col(&Post::id)).rows_between(preceding(3), preceding(1))); }),
            "no error");
  EXPECT_EQ(refused([] { (void)sum(col(&Gadget::maybe_count)).over(over().rows_between(following(1), following(2))); }),
            "no error");
}

// ---- members declared in a mixin ----
using orm_api::Account;
// &Account::created_at is a member pointer of TimestampMixin: col() cannot see Account in it,
// so col(&Account::created_at) is the static_assert overload (it returns void) and
// col<Account>(...) names the model.
static_assert(std::is_void_v<decltype(col(&Account::created_at))>);
static_assert(std::is_same_v<decltype(col<Account>(&Account::created_at)),
                             ColumnRef<Account, std::optional<std::chrono::system_clock::time_point>>>);
static_assert(std::is_same_v<decltype(col(&Account::handle)), ColumnRef<Account, std::string>>);

TEST(OrmQuerySql, MixinMembersNameTheirModel) {
  auto query = select(col<Account>(&Account::handle), col<Account>(&Account::created_at))
                   .where(col<Account>(&Account::deleted_at).is_null())
                   .order_by(col<Account>(&Account::updated_at).desc());
  EXPECT_EQ(query.render(Dialect::sqlite).sql,
            "SELECT \"accounts\".\"handle\", \"accounts\".\"created_at\" FROM \"accounts\" WHERE "
            "\"accounts\".\"deleted_at\" IS NULL ORDER BY \"accounts\".\"updated_at\" DESC");
  auto older = alias<Account>("older");
  EXPECT_EQ(select(older(&Account::created_at)).render(Dialect::sqlite).sql,
            "SELECT \"older\".\"created_at\" FROM \"accounts\" AS \"older\"");
}

// ---- values bound in the statement's dialect ----
// Records the text a codec binds, as a statement of the given dialect would receive it.
class RecordedBind final : public detail::BindOnlyStatement {
 public:
  explicit RecordedBind(Dialect dialect) : detail::BindOnlyStatement("", dialect) {}
  std::string text;
  void bind_null(int) override { text = "NULL"; }
  void bind_bool(int, bool) override {}
  void bind_int64(int, std::int64_t v) override { text = std::to_string(v); }
  void bind_double(int, double) override {}
  void bind_text(int, std::string_view v) override { text = std::string(v); }
  void bind_blob(int, std::span<const std::uint8_t>) override {}
  void bind_uuid(int, const UUID&, std::optional<SqliteUuid>) override {}
};

std::string bound_as(Dialect dialect, const detail::Param& param) {
  RecordedBind statement(dialect);
  detail::bind_param(statement, 0, param);
  return statement.text;
}

TEST(OrmQuerySql, ArrayValuesAreEncodedForTheDialectOfTheStatementTheyAreBoundTo) {
  const std::vector<std::string> tags{"a b", "c"};
  detail::RenderedQuery query = select<Account>().where(col(&Account::tags) == tags).render(Dialect::postgresql);
  ASSERT_FALSE(query.params.empty());
  const detail::Param& param = query.params.back();
  ASSERT_TRUE(std::holds_alternative<detail::DialectBoundParam>(param));
  EXPECT_EQ(bound_as(Dialect::postgresql, param), "{\"a b\",\"c\"}");
  EXPECT_EQ(bound_as(Dialect::sqlite, param), "[\"a b\",\"c\"]");
  // Scalars are encoded at once; an absent optional array binds NULL.
  EXPECT_TRUE(std::holds_alternative<std::int64_t>(detail::to_param(std::int64_t{4})));
  EXPECT_EQ(bound_as(Dialect::postgresql, detail::to_param(std::optional<std::vector<std::int64_t>>())), "NULL");
  EXPECT_EQ(bound_as(Dialect::postgresql, detail::to_param(std::optional<std::vector<std::int64_t>>({1, 2}))), "{1,2}");
  EXPECT_EQ(bound_as(Dialect::sqlite, detail::to_param(std::vector<std::int64_t>{1, 2})), "[1,2]");
}
}  // namespace
}  // namespace sqlmodel::testing::orm
