// Explicit relationship loading on a real SQLite file and PostgreSQL: one statement per level
// whatever the number of parents, and an error, never a query, for an unloaded relationship.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/orm_fixture.hpp"
#include "sqlmodel/session.hpp"

namespace sqlmodel::testing::orm {
namespace {

using ::testing::HasSubstr;

class OrmLoadingTest : public OrmTest {
 protected:
  // users × posts_per_user posts; post j of user i has title "u<i>p<j>" and j comments.
  std::vector<User> seed(int users_count, int posts_per_user, bool comments = false) {
    Session session(db());
    std::vector<User> users;
    for (int i = 0; i < users_count; ++i) users.push_back(make_user("u" + std::to_string(i), i % 90));
    session.add_all(users);
    session.flush();
    std::vector<Post> posts;
    posts.reserve(users_count * posts_per_user);
    for (int i = 0; i < users_count; ++i)
      for (int j = 0; j < posts_per_user; ++j)
        posts.push_back(make_post(*users[i].id, "u" + std::to_string(i) + "p" + std::to_string(j), j));
    session.add_all(posts);
    session.flush();
    std::vector<Comment> all_comments;
    if (comments)
      for (const auto& post : posts)
        for (int k = 0; k < post.score; ++k)
          all_comments.push_back(make_comment(*post.id, post.title + "c" + std::to_string(k)));
    session.add_all(all_comments);
    session.commit();
    return users;
  }
};

TEST_P(OrmLoadingTest, ThousandUsersWithTenPostsEachLoadInTwoStatements) {
  seed(1000, 10);
  Session session(db());
  StatementLog log;
  session.add_listener(log.listener());
  auto users = session.exec(select<User>().options(selectinload(&User::posts)));
  EXPECT_EQ(log.statements.size(), 2u);
  ASSERT_EQ(users.size(), 1000u);
  std::size_t total = 0;
  for (const auto& user : users) {
    const auto& posts = related(user, &User::posts);
    ASSERT_EQ(posts.size(), 10u) << user.name;
    for (std::size_t j = 0; j < posts.size(); ++j) {
      EXPECT_EQ(posts[j]->user_id, *user.id);
      EXPECT_EQ(posts[j]->title, user.name + "p" + std::to_string(j));  // in key order
    }
    total += posts.size();
  }
  EXPECT_EQ(total, 10000u);
  EXPECT_EQ(log.events[1].rows, 10000);
  EXPECT_EQ(log.events[1].parameters, 1u) << "the keys travel as one bound list";
}

TEST_P(OrmLoadingTest, NestedLoadingIsOneStatementPerLevel) {
  seed(20, 4, true);
  Session session(db());
  StatementLog log;
  session.add_listener(log.listener());
  auto users = session.exec(select<User>().where(col(&User::age) < 10).order_by(col(&User::id))
                                .options(selectinload(&User::posts).then(&Post::comments)));
  EXPECT_EQ(log.statements.size(), 3u);
  ASSERT_EQ(users.size(), 10u);
  for (const auto& user : users)
    for (const auto& post : related(user, &User::posts)) {
      const auto& comments = related(*post, &Post::comments);
      ASSERT_EQ(comments.size(), static_cast<std::size_t>(post->score));
      for (const auto& comment : comments) EXPECT_EQ(comment->post_id, *post->id);
    }
}

TEST_P(OrmLoadingTest, ManyToOneSharesTheLoadedParent) {
  seed(3, 5);
  Session session(db());
  StatementLog log;
  session.add_listener(log.listener());
  auto posts = session.exec(select<Post>().order_by(col(&Post::id)).options(selectinload(&Post::author)));
  EXPECT_EQ(log.statements.size(), 2u);
  ASSERT_EQ(posts.size(), 15u);
  EXPECT_EQ(posts[0].author.get(), posts[4].author.get()) << "one object per parent row";
  EXPECT_NE(posts[0].author.get(), posts[5].author.get());
  for (const auto& post : posts) {
    ASSERT_NE(post.author.get(), nullptr);
    EXPECT_EQ(*post.author->id, post.user_id);
  }
}

TEST_P(OrmLoadingTest, SessionLoadOnObjectsInHand) {
  auto seeded = seed(5, 2);
  Session session(db());
  StatementLog log;
  session.add_listener(log.listener());

  User lone = make_user("lone");
  session.add(lone);
  session.flush();
  log.statements.clear();

  User first = session.get_one<User>(*seeded[0].id);
  session.load(first, &User::posts);
  EXPECT_EQ(related(first, &User::posts).size(), 2u);
  session.load(lone, &User::posts);
  EXPECT_TRUE(related(lone, &User::posts).empty()) << "loaded, and empty";

  auto users = session.exec(select<User>());
  log.statements.clear();
  session.load(users, &User::posts);
  EXPECT_EQ(log.statements.size(), 1u);
  std::size_t total = 0;
  for (const auto& user : users) total += related(user, &User::posts).size();
  EXPECT_EQ(total, 10u);
}

TEST_P(OrmLoadingTest, UnloadedRelationshipThrowsNamingItAndRunsNoQuery) {
  seed(1, 1);
  Session session(db());
  auto users = session.exec(select<User>());
  ASSERT_EQ(users.size(), 1u);
  StatementLog log;
  session.add_listener(log.listener());
  try {
    related(users[0], &User::posts);
    FAIL() << "an unloaded relationship was read";
  } catch (const RelationshipNotLoaded& error) {
    EXPECT_THAT(error.what(), HasSubstr("User.posts"));
    EXPECT_THAT(error.what(), HasSubstr("selectinload(&User::posts)"));
  }
  EXPECT_THROW(users[0].posts.get(), RelationshipNotLoaded);
  EXPECT_TRUE(log.statements.empty());
}

TEST_P(OrmLoadingTest, EmptyResultRunsNoLoaderStatement) {
  Session session(db());
  StatementLog log;
  session.add_listener(log.listener());
  auto users = session.exec(select<User>().options(selectinload(&User::posts)));
  EXPECT_TRUE(users.empty());
  EXPECT_EQ(log.statements.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, OrmLoadingTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), backend_name);

}  // namespace
}  // namespace sqlmodel::testing::orm
