// Table aliases on a real SQLite file and PostgreSQL: a self-join of the category tree on an
// explicit condition, along its self-referential relationships, a left join that reads only the
// alias as optional, and an alias as the FROM table.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/orm_fixture.hpp"
#include "sqlmodel/session.hpp"

namespace sqlmodel::testing::orm_query_alias {
namespace {

using namespace sqlmodel::testing::orm;
using ::testing::ElementsAre;

template <typename Rows, typename... Values>
constexpr bool rows_of = std::is_same_v<Rows, std::vector<std::tuple<Values...>>>;

// books -> novels -> classics; books -> comics; music (a root without children).
class OrmQueryAliasTest : public OrmTest {
 protected:
  void SetUp() override {
    OrmTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Session session(db());
    books_ = add(session, "books", std::nullopt);
    novels_ = add(session, "novels", books_);
    add(session, "comics", books_);
    add(session, "classics", novels_);
    add(session, "music", std::nullopt);
    session.commit();
  }

  static std::int64_t add(Session& session, std::string name, std::optional<std::int64_t> parent_id) {
    Category category;
    category.name = std::move(name);
    category.parent_id = parent_id;
    session.add(category);
    session.flush();
    return *category.id;
  }

  std::int64_t books_ = 0, novels_ = 0;
};

TEST_P(OrmQueryAliasTest, SelfJoinOnAnExplicitCondition) {
  Session session(db());
  auto parent = alias<Category>("parent");
  auto rows = session.exec(select(&Category::name, parent(&Category::name))
                               .join(parent, col(&Category::parent_id) == parent(&Category::id))
                               .order_by(col(&Category::name)));
  static_assert(rows_of<decltype(rows), std::string, std::string>);
  EXPECT_THAT(rows, ElementsAre(std::make_tuple("classics", "novels"), std::make_tuple("comics", "books"),
                                std::make_tuple("novels", "books")));

  // The alias filters and orders like a column of its own.
  auto under_books = session.exec(select(&Category::name)
                                      .join(parent, col(&Category::parent_id) == parent(&Category::id))
                                      .where(parent(&Category::name) == "books")
                                      .order_by(col(&Category::name).desc()));
  EXPECT_THAT(under_books, ElementsAre(std::make_tuple("novels"), std::make_tuple("comics")));
}

TEST_P(OrmQueryAliasTest, LeftJoinsOfTwoAliasesReadOnlyTheLeftJoinedOneAsOptional) {
  Session session(db());
  auto parent = alias<Category>("parent");
  auto grandparent = alias<Category>("grandparent");
  auto rows = session.exec(select(&Category::name, parent(&Category::name), grandparent(&Category::name))
                               .join(parent, &Category::parent)
                               .left_join(grandparent, parent(&Category::parent_id) == grandparent(&Category::id))
                               .order_by(col(&Category::name)));
  static_assert(rows_of<decltype(rows), std::string, std::string, std::optional<std::string>>);
  EXPECT_THAT(rows, ElementsAre(std::make_tuple("classics", "novels", std::optional<std::string>("books")),
                                std::make_tuple("comics", "books", std::optional<std::string>()),
                                std::make_tuple("novels", "books", std::optional<std::string>())));
}

TEST_P(OrmQueryAliasTest, SelfJoinAlongTheSelfReferentialRelationships) {
  Session session(db());
  // One-to-many to the alias: each category with its number of children, roots included.
  auto child = alias<Category>("child");
  auto counts = session.exec(select(&Category::name, count(child(&Category::id)))
                                 .left_join(child, &Category::children)
                                 .group_by(&Category::id, &Category::name)
                                 .order_by(col(&Category::name)));
  static_assert(rows_of<decltype(counts), std::string, std::int64_t>);
  EXPECT_THAT(counts, ElementsAre(std::make_tuple("books", 2), std::make_tuple("classics", 0),
                                  std::make_tuple("comics", 0), std::make_tuple("music", 0),
                                  std::make_tuple("novels", 1)));

  // select<T>() of whole objects filtered through the many-to-one relationship to the alias.
  auto parent = alias<Category>("parent");
  auto with_novels_parent = session.exec(
      select<Category>().join(parent, &Category::parent).where(parent(&Category::id) == novels_));
  ASSERT_EQ(with_novels_parent.size(), 1u);
  EXPECT_EQ(with_novels_parent[0].name, "classics");
  EXPECT_EQ(with_novels_parent[0].parent_id, novels_);
}

TEST_P(OrmQueryAliasTest, AnAliasAsTheFromTable) {
  Session session(db());
  auto parent = alias<Category>("parent");
  // Parents first: FROM "categories" AS "parent" JOIN "categories".
  auto rows = session.exec(select(parent(&Category::name), count(col(&Category::id)))
                               .join<Category>(col(&Category::parent_id) == parent(&Category::id))
                               .group_by(parent(&Category::name))
                               .order_by(parent(&Category::name)));
  static_assert(rows_of<decltype(rows), std::string, std::int64_t>);
  EXPECT_THAT(rows, ElementsAre(std::make_tuple("books", 2), std::make_tuple("novels", 1)));
}

INSTANTIATE_TEST_SUITE_P(Backends, OrmQueryAliasTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         backend_name);

}  // namespace
}  // namespace sqlmodel::testing::orm_query_alias
