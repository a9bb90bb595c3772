// Session::bulk_insert and update<T>() / delete_<T>() / soft_delete<T>() by criteria do what the
// model's annotations ask, as add() and update() do: validation first (nothing written on a
// failure), created_at / updated_at, soft delete. On SQLite and PostgreSQL.
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/soft_delete_fixture.hpp"

namespace sqlmodel::testing::soft {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

using TimestampMember = std::optional<Timestamp> Article::*;
// The mixin's members are members of the mixin: named through Article for set() and col().
const TimestampMember article_updated_at = &Article::updated_at;
const TimestampMember article_deleted_at = &Article::deleted_at;

std::int64_t add_author(Session& session, std::string name) {
  Author author = make_author(std::move(name));
  session.add(author);
  session.commit();
  return *author.id;
}

std::vector<Article> stored_articles(Session& session) {
  return session.exec(select<Article>().with_deleted().order_by(col(&Article::title)));
}

TEST_P(SoftDeleteTest, BulkInsertValidatesEveryObjectBeforeWritingAny) {
  Session session(db());
  const std::int64_t author = add_author(session, "ann");
  std::vector<Article> articles{make_article(author, "fine"), make_article(author, std::string(41, 't')),
                                make_article(author, "fine too"), make_article(author, std::string(50, 'u'), 11)};
  Author staged = make_author("staged");
  session.add(staged);
  orm::StatementLog log;
  session.add_listener(log.listener());
  try {
    session.bulk_insert(articles);
    FAIL() << "bulk_insert accepted invalid Articles";
  } catch (const ValidationError& error) {
    EXPECT_EQ(error.model(), "Article");
    ASSERT_EQ(error.failures().size(), 3u);
    EXPECT_EQ(error.failures()[0].field, "title");
    EXPECT_EQ(error.failures()[0].index, 1u);
    EXPECT_EQ(error.failures()[1].field, "title");
    EXPECT_EQ(error.failures()[1].index, 3u);
    EXPECT_EQ(error.failures()[2].field, "stars");
    EXPECT_EQ(error.failures()[2].rule, "le");
    EXPECT_EQ(error.failures()[2].index, 3u);
    EXPECT_THAT(error.what(), HasSubstr("3 validation errors for Article"));
    EXPECT_THAT(error.what(), HasSubstr("Article[1].title: at most 40 characters, got 41 (max_length)"));
    EXPECT_THAT(error.what(), HasSubstr("Article[3].stars: must be <= 10, got 11 (le)"));
  }
  EXPECT_TRUE(log.statements.empty());  // not even the staged Author was flushed
  EXPECT_EQ(session.pending(), 1u);
  session.rollback();
  EXPECT_TRUE(stored_articles(session).empty());
}

TEST_P(SoftDeleteTest, BulkInsertSetsCreatedAtAndUpdatedAtLikeAdd) {
  Session session(db());
  const std::int64_t author = add_author(session, "ann");
  std::vector<Article> articles{make_article(author, "a"), make_article(author, "b"), make_article(author, "c")};
  const Timestamp given = std::chrono::sys_days(std::chrono::year(2021) / 3 / 4) + std::chrono::hours(5);
  articles[1].created_at = given;  // given by the caller: kept, as add() keeps it
  orm::StatementLog log;
  session.add_listener(log.listener());
  const Timestamp before = detail::now_for_database();
  session.bulk_insert(articles);
  const Timestamp after = detail::now_for_database();
  session.commit();
  EXPECT_EQ(log.statements.size(), GetParam() == Backend::postgres ? 1u : 3u);  // COPY, or one INSERT a row
  EXPECT_FALSE(articles[0].created_at.has_value());  // the caller's objects are not changed

  auto stored = stored_articles(session);
  ASSERT_EQ(stored.size(), 3u);
  for (const Article& article : stored) {
    ASSERT_TRUE(article.created_at && article.updated_at) << article.title;
    EXPECT_GE(*article.updated_at, before);
    EXPECT_LE(*article.updated_at, after);
    EXPECT_FALSE(article.deleted_at.has_value());
  }
  EXPECT_GE(*stored[0].created_at, before);
  EXPECT_EQ(stored[0].created_at, stored[0].updated_at);  // one now for the whole call
  EXPECT_EQ(stored[2].created_at, stored[0].created_at);
  EXPECT_EQ(stored[1].created_at, given);
  EXPECT_EQ(stored[1].updated_at, stored[0].updated_at);
}

TEST_P(SoftDeleteTest, UpdateByCriteriaSetsUpdatedAtUnlessTheQuerySetsIt) {
  Session session(db());
  const std::int64_t author = add_author(session, "ann");
  Article article = make_article(author, "a");
  session.add(article);
  session.commit();
  const Timestamp created = *article.created_at;
  std::this_thread::sleep_for(std::chrono::milliseconds(5));

  orm::StatementLog log;
  session.add_listener(log.listener());
  EXPECT_EQ(session.exec(update<Article>().set(&Article::stars, 5).where(col(&Article::id) == *article.id)), 1);
  EXPECT_EQ(log.statements.size(), 1u);
  EXPECT_THAT(log.statements[0], HasSubstr("\"updated_at\""));
  Article stored = session.get_one<Article>(*article.id);
  EXPECT_EQ(stored.stars, 5);
  EXPECT_EQ(stored.created_at, created);
  ASSERT_TRUE(stored.updated_at.has_value());
  EXPECT_GT(*stored.updated_at, created);

  const Timestamp given = std::chrono::sys_days(std::chrono::year(2022) / 5 / 6);
  session.exec(update<Article>().set(article_updated_at, given).set(&Article::stars, 6).all());
  stored = session.get_one<Article>(*article.id);
  EXPECT_EQ(stored.updated_at, given);  // the query's own value, not now
  EXPECT_EQ(stored.stars, 6);
}

TEST_P(SoftDeleteTest, UpdateByCriteriaValidatesTheValuesItSetsBeforeAnyStatement) {
  Session session(db());
  const std::int64_t author = add_author(session, "ann");
  Article article = make_article(author, "a");
  session.add(article);
  session.commit();
  Author staged = make_author("staged");
  session.add(staged);
  orm::StatementLog log;
  session.add_listener(log.listener());
  auto invalid = update<Article>()
                     .set(&Article::title, std::string(41, 'x'))
                     .set(&Article::stars, -1)
                     .where(col(&Article::id) == *article.id);
  try {
    session.exec(invalid);
    FAIL() << "update<Article>() ran with invalid values";
  } catch (const ValidationError& error) {
    EXPECT_EQ(error.model(), "Article");
    ASSERT_EQ(error.failures().size(), 2u);
    EXPECT_EQ(error.failures()[0].field, "title");
    EXPECT_EQ(error.failures()[0].rule, "max_length");
    EXPECT_EQ(error.failures()[1].field, "stars");
    EXPECT_EQ(error.failures()[1].rule, "ge");
    EXPECT_THAT(error.what(), HasSubstr("Article.stars: must be >= 0, got -1 (ge)"));
  }
  EXPECT_TRUE(log.statements.empty());
  EXPECT_EQ(session.pending(), 1u);
  // Valid values run; the bounds themselves are valid.
  EXPECT_EQ(session.exec(update<Article>().set(&Article::stars, 10).set(&Article::title, std::string(40, 'y'))
                             .where(col(&Article::id) == *article.id)),
            1);
  EXPECT_EQ(session.get_one<Article>(*article.id).stars, 10);
}

TEST_P(SoftDeleteTest, SoftDeleteByCriteriaMarksLiveRowsAndDeleteByCriteriaPurges) {
  Session session(db());
  const std::int64_t author = add_author(session, "ann");
  Article a1 = make_article(author, "a1"), a2 = make_article(author, "a2"), a3 = make_article(author, "a3");
  session.add(a1);
  session.add(a2);
  session.add(a3);
  session.commit();
  session.soft_delete(a2);
  session.commit();
  const auto a2_deleted_at = a2.deleted_at;
  std::this_thread::sleep_for(std::chrono::milliseconds(5));

  orm::StatementLog log;
  session.add_listener(log.listener());
  // a2 was deleted before: not counted, and it keeps its deleted_at.
  EXPECT_EQ(session.exec(soft_delete<Article>().where(col(&Article::title) != std::string("a3"))), 1);
  EXPECT_EQ(log.statements.size(), 1u);
  auto stored = stored_articles(session);
  ASSERT_EQ(stored.size(), 3u);
  ASSERT_TRUE(stored[0].deleted_at.has_value());
  EXPECT_GT(*stored[0].deleted_at, *a2_deleted_at);
  EXPECT_EQ(stored[0].updated_at, stored[0].deleted_at);
  EXPECT_EQ(stored[1].deleted_at, a2_deleted_at);
  EXPECT_FALSE(stored[2].deleted_at.has_value());
  auto visible = session.exec(select<Article>());
  ASSERT_EQ(visible.size(), 1u);
  EXPECT_EQ(visible[0].title, "a3");
  EXPECT_EQ(session.exec(soft_delete<Article>().where(col(article_deleted_at).is_not_null())), 0);

  // delete_<T>() is a DELETE, soft-deletable model or not: soft-deleted rows go too.
  EXPECT_EQ(session.exec(delete_<Article>().where(col(&Article::title) != std::string("a3"))), 2);
  std::vector<std::string> left;
  for (const Article& article : stored_articles(session)) left.push_back(article.title);
  EXPECT_THAT(left, ElementsAre("a3"));
  EXPECT_EQ(session.exec(soft_delete<Article>().all()), 1);
  EXPECT_TRUE(session.exec(select<Article>()).empty());
}

}  // namespace
}  // namespace sqlmodel::testing::soft
