// Writes through relationships (the save-update cascade), writes of changed columns only, and
// optimistic concurrency, on a real SQLite file and a real PostgreSQL server. Each write path
// asserts the statements the flush ran (docs/orm.md "What a flush runs").
#include <array>
#include <atomic>
#include <map>
#include <barrier>
#include <memory>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/orm_fixture.hpp"
#include "sqlmodel/loading.hpp"
#include "sqlmodel/session.hpp"

namespace sqlmodel::testing::orm {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The statements of a kind ("INSERT", "UPDATE", "DELETE", "SELECT") the log holds.
std::vector<std::string> of_kind(const StatementLog& log, std::string_view kind) {
  std::vector<std::string> found;
  for (const auto& statement : log.statements)
    if (statement.starts_with(kind)) found.push_back(statement);
  return found;
}
std::size_t writes(const StatementLog& log) {
  return of_kind(log, "INSERT").size() + of_kind(log, "UPDATE").size() + of_kind(log, "DELETE").size();
}

template <TableModel T>
std::size_t count_rows(Database& db) {
  Session session(db);
  return session.exec(select<T>()).size();
}

std::shared_ptr<User> new_user(std::string name, std::int32_t age = 30) {
  return std::make_shared<User>(make_user(std::move(name), age));
}
std::shared_ptr<Post> new_post(std::string title) {
  auto post = std::make_shared<Post>();
  post->title = std::move(title);
  return post;
}
std::shared_ptr<Comment> new_comment(std::string body) {
  auto comment = std::make_shared<Comment>();
  comment->body = std::move(body);
  return comment;
}

// Users ann and bob, and ann's post "moving", committed: the set-up of the tests that move a
// post between its author's copies.
struct AnnBobAndAPost {
  User ann;
  User bob;
  Post post;
};
AnnBobAndAPost seed_ann_bob_and_a_post(Database& db) {
  Session setup(db);
  AnnBobAndAPost seeded{make_user("ann"), make_user("bob"), {}};
  setup.add(seeded.ann);
  setup.add(seeded.bob);
  setup.commit();
  seeded.post = make_post(*seeded.ann.id, "moving");
  setup.add(seeded.post);
  setup.commit();
  return seeded;
}

// ---- 1. writes through relationships ----

TEST_P(OrmTest, AddingAParentInsertsItsNewChildrenAndGrandchildrenInForeignKeyOrder) {
  auto author = new_user("ann");
  for (int p = 0; p < 3; ++p) {
    auto post = new_post("post " + std::to_string(p));
    for (int c = 0; c < 2; ++c) post->comments.append(new_comment("c" + std::to_string(p) + std::to_string(c)));
    author->posts.append(post);
  }
  StatementLog log;
  db().add_listener(log.listener());
  Session session(db());
  session.add(author);
  session.commit();

  ASSERT_TRUE(author->id.has_value());
  for (const auto& post : author->posts.get()) {
    ASSERT_TRUE(post->id.has_value());
    EXPECT_EQ(post->user_id, *author->id);
    for (const auto& comment : post->comments.get()) {
      ASSERT_TRUE(comment->id.has_value());
      EXPECT_EQ(comment->post_id, *post->id);
    }
  }
  // One INSERT per row on SQLite; one multi-row INSERT ... RETURNING per table on PostgreSQL.
  const auto inserts = of_kind(log, "INSERT");
  EXPECT_EQ(inserts.size(), postgres() ? 3u : 1u + 3u + 6u);
  EXPECT_EQ(writes(log), inserts.size());
  EXPECT_THAT(inserts.front(), HasSubstr("\"users\""));
  EXPECT_THAT(inserts.back(), HasSubstr("\"comments\""));

  Session reader(db());
  auto users = reader.exec(select<User>().options(selectinload(&User::posts).then(&Post::comments)));
  ASSERT_EQ(users.size(), 1u);
  ASSERT_EQ(users[0].posts.get().size(), 3u);
  for (const auto& post : users[0].posts.get()) EXPECT_EQ(post->comments.get().size(), 2u);
}

TEST_P(OrmTest, SettingAToOneRelationshipToANewObjectInsertsItAndWritesTheForeignKey) {
  // The report: p.author.set(std::make_shared<Author>(zed)); session.add(p).
  Post post = make_post(0, "hello");
  post.author.set(new_user("zed"));
  StatementLog log;
  db().add_listener(log.listener());
  Session session(db());
  session.add(post);
  session.commit();
  const auto& zed = post.author.get();
  ASSERT_TRUE(zed->id.has_value());
  EXPECT_EQ(post.user_id, *zed->id);
  EXPECT_EQ(of_kind(log, "INSERT").size(), 2u);
  EXPECT_THAT(of_kind(log, "INSERT")[0], HasSubstr("\"users\""));
  EXPECT_EQ(Session(db()).get_one<Post>(*post.id).user_id, *zed->id);
}

TEST_P(OrmTest, PointingALoadedObjectAtAnotherUpdatesOnlyTheForeignKey) {
  auto [ann, bob, post] = seed_ann_bob_and_a_post(db());

  Session session(db());
  auto posts = session.exec(select<Post>().options(selectinload(&Post::author)));
  ASSERT_EQ(posts.size(), 1u);
  auto new_owner = session.get<User>(*bob.id);
  posts[0].author.set(std::make_shared<User>(*new_owner));
  StatementLog log;
  session.add_listener(log.listener());
  session.add(posts[0]);
  session.commit();
  ASSERT_EQ(writes(log), 1u) << "the author is a known, unchanged row: only the post is written";
  EXPECT_THAT(of_kind(log, "UPDATE")[0], HasSubstr("\"user_id\""));
  EXPECT_THAT(of_kind(log, "UPDATE")[0], Not(HasSubstr("\"title\"")));
  EXPECT_EQ(Session(db()).get_one<Post>(*post.id).user_id, *bob.id);
}

TEST_P(OrmTest, BackPopulatesKeepsBothSidesInStepAfterAFlush) {
  Session setup(db());
  User ann = make_user("ann");
  setup.add(ann);
  setup.commit();

  Session session(db());
  auto users = session.exec(select<User>().options(selectinload(&User::posts)));
  auto owner = std::make_shared<User>(std::move(users[0]));
  EXPECT_TRUE(owner->posts.get().empty());
  auto post = new_post("linked");
  post->author.set(owner);
  session.add(post);
  session.flush();
  ASSERT_EQ(owner->posts.get().size(), 1u) << "User.posts back_populates Post.author";
  EXPECT_EQ(owner->posts.get()[0], post);
  EXPECT_EQ(post->user_id, *owner->id);

  // The other direction: a child appended to the list has its author set.
  auto second = new_post("appended");
  owner->posts.append(second);
  session.add(owner);
  session.commit();
  ASSERT_TRUE(second->author.loaded());
  EXPECT_EQ(second->author.get(), owner.get());
  EXPECT_EQ(second->user_id, *owner->id);
}

// Without an identity map, a loaded list can hold an old copy of a row another object has
// moved since; writing the list's owner must not move the row back.
TEST_P(OrmTest, AnOldCopyInALoadedListDoesNotMoveARowBackWhenItsOwnerIsWritten) {
  auto [ann, bob, post] = seed_ann_bob_and_a_post(db());

  Session session(db());
  auto users = session.exec(select<User>().where(col(&User::id) == *ann.id).options(selectinload(&User::posts)));
  ASSERT_EQ(users.size(), 1u);
  auto owner = std::make_shared<User>(std::move(users[0]));
  ASSERT_EQ(owner->posts.get().size(), 1u);

  Post moved = session.get_one<Post>(*post.id);
  moved.author.set(std::make_shared<User>(session.get_one<User>(*bob.id)));
  session.add(moved);
  session.commit();
  ASSERT_EQ(Session(db()).get_one<Post>(*post.id).user_id, *bob.id);
  ASSERT_EQ(owner->posts.get()[0]->user_id, *ann.id) << "the list's copy is the one read before the move";

  StatementLog log;
  session.add_listener(log.listener());
  owner->nickname = "annie";
  session.add(owner);
  session.commit();
  ASSERT_EQ(writes(log), 1u) << "only ann's own change is written";
  EXPECT_THAT(of_kind(log, "UPDATE")[0], HasSubstr("\"users\""));
  EXPECT_EQ(Session(db()).get_one<Post>(*post.id).user_id, *bob.id);

  // The copy that moved it, updated again with nothing changed, writes nothing.
  log.statements.clear();
  session.update(moved);
  session.commit();
  EXPECT_EQ(writes(log), 0u);
  EXPECT_EQ(Session(db()).get_one<Post>(*post.id).user_id, *bob.id);
}

TEST_P(OrmTest, AnOldCopyBehindALoadedToOneDoesNotMoveARowBackWhenReached) {
  Session setup(db());
  Category a, b, c, g;
  a.name = "a";
  b.name = "b";
  setup.add(a);
  setup.add(b);
  setup.commit();
  c.name = "c";
  c.parent_id = a.id;
  setup.add(c);
  setup.commit();
  g.name = "g";
  g.parent_id = c.id;
  setup.add(g);
  setup.commit();

  Session session(db());
  // g -> c (a copy whose parent, a, is loaded too).
  auto found = session.exec(select<Category>()
                                .where(col(&Category::id) == *g.id)
                                .options(selectinload(&Category::parent).then(&Category::parent)));
  ASSERT_EQ(found.size(), 1u);
  Category& grandchild = found[0];
  ASSERT_TRUE(grandchild.parent.get()->parent.loaded());

  Category moved = session.get_one<Category>(*c.id);
  moved.parent.set(std::make_shared<Category>(session.get_one<Category>(*b.id)));
  session.add(moved);
  session.commit();
  ASSERT_EQ(Session(db()).get_one<Category>(*c.id).parent_id, b.id);

  StatementLog log;
  session.add_listener(log.listener());
  grandchild.name = "g2";
  session.add(grandchild);
  session.commit();
  ASSERT_EQ(writes(log), 1u) << "only g's own change is written";
  EXPECT_THAT(of_kind(log, "UPDATE")[0], HasSubstr("\"name\""));
  EXPECT_EQ(Session(db()).get_one<Category>(*c.id).parent_id, b.id) << "c's old copy did not move it back";
}

// The old list still holds the item, but another list it is appended to in the flush moves it.
TEST_P(OrmTest, AnItemAppendedToAnotherListMovesWhileItsOldLoadedListStillHoldsIt) {
  auto [ann, bob, post] = seed_ann_bob_and_a_post(db());

  Session session(db());
  auto users = session.exec(select<User>().order_by(col(&User::name)).options(selectinload(&User::posts)));
  ASSERT_EQ(users.size(), 2u);
  auto old_owner = std::make_shared<User>(std::move(users[0]));
  auto new_owner = std::make_shared<User>(std::move(users[1]));
  ASSERT_EQ(old_owner->posts.get().size(), 1u);
  new_owner->posts.append(old_owner->posts.get()[0]);
  session.add(old_owner);
  session.add(new_owner);
  session.commit();
  EXPECT_EQ(Session(db()).get_one<Post>(*post.id).user_id, *bob.id);
}

// An old copy in a loaded list is compared with the row as its list read it: a column another
// copy changed and flushed since is not written back, the column the old copy changed is.
TEST_P(OrmTest, AnOldCopyInALoadedListWritesOnlyItsOwnChangesNotAnotherCopysOlderValues) {
  Session setup(db());
  User ann = make_user("ann");
  setup.add(ann);
  setup.commit();
  Post post = make_post(*ann.id, "first", 1);
  setup.add(post);
  setup.commit();

  Session session(db());
  auto users = session.exec(select<User>().where(col(&User::id) == *ann.id).options(selectinload(&User::posts)));
  ASSERT_EQ(users.size(), 1u);
  auto owner = std::make_shared<User>(std::move(users[0]));
  ASSERT_EQ(owner->posts.get().size(), 1u);
  const std::shared_ptr<Post> old_copy = owner->posts.get()[0];

  Post renamed = session.get_one<Post>(*post.id);
  renamed.title = "second";
  session.add(renamed);
  session.commit();
  ASSERT_EQ(old_copy->title, "first") << "the list's copy is the one read before the rename";

  StatementLog log;
  session.add_listener(log.listener());
  owner->nickname = "annie";
  session.add(owner);
  session.commit();
  ASSERT_EQ(writes(log), 1u) << "only ann's own change is written";
  EXPECT_THAT(of_kind(log, "UPDATE")[0], HasSubstr("\"users\""));
  EXPECT_EQ(Session(db()).get_one<Post>(*post.id).title, "second");

  // The old copy's own change is written, and nothing else of it.
  log.statements.clear();
  old_copy->score = 7;
  session.add(owner);
  session.commit();
  ASSERT_EQ(writes(log), 1u);
  EXPECT_THAT(of_kind(log, "UPDATE")[0], HasSubstr("\"score\""));
  EXPECT_THAT(of_kind(log, "UPDATE")[0], Not(HasSubstr("\"title\"")));
  Post stored = Session(db()).get_one<Post>(*post.id);
  EXPECT_EQ(stored.title, "second");
  EXPECT_EQ(stored.score, 7);

  // Written once, the old copy is not a change again.
  log.statements.clear();
  session.add(owner);
  session.commit();
  EXPECT_EQ(writes(log), 0u);

  // The session knows the row as the database holds it (the rename and the score), not as the
  // old copy holds it: a copy with those values has nothing to write.
  Post current = renamed;
  current.score = 7;
  session.update(current);
  session.commit();
  EXPECT_EQ(writes(log), 0u);
}

TEST_P(OrmTest, AnOldCopyBehindALoadedToOneDoesNotWriteBackAnotherCopysChange) {
  for (const bool joined : {false, true}) {
    SCOPED_TRACE(joined ? "joinedload" : "selectinload");
    Session setup(db());
    User ann = make_user(joined ? "ann-joined" : "ann");
    setup.add(ann);
    setup.commit();
    Post post = make_post(*ann.id, "hello");
    setup.add(post);
    setup.commit();

    Session session(db());
    std::vector<Post> posts =
        joined ? session.exec(select<Post>().where(col(&Post::id) == *post.id).options(joinedload(&Post::author)))
               : session.exec(select<Post>().where(col(&Post::id) == *post.id).options(selectinload(&Post::author)));
    ASSERT_EQ(posts.size(), 1u);
    ASSERT_TRUE(posts[0].author.loaded());

    User renamed = session.get_one<User>(*ann.id);
    renamed.name = "Ann B";
    session.add(renamed);
    session.commit();

    StatementLog log;
    session.add_listener(log.listener());
    posts[0].score = 3;
    session.add(posts[0]);
    session.commit();
    ASSERT_EQ(writes(log), 1u) << "only the post's own change is written";
    EXPECT_THAT(of_kind(log, "UPDATE")[0], HasSubstr("\"posts\""));
    EXPECT_EQ(Session(db()).get_one<User>(*ann.id).name, "Ann B");

    // The author behind it changed by the caller: written, the rename kept.
    log.statements.clear();
    posts[0].author.get()->age = 41;
    session.add(posts[0]);
    session.commit();
    ASSERT_EQ(writes(log), 1u);
    EXPECT_THAT(of_kind(log, "UPDATE")[0], HasSubstr("\"age\""));
    EXPECT_THAT(of_kind(log, "UPDATE")[0], Not(HasSubstr("\"name\"")));
    User stored = Session(db()).get_one<User>(*ann.id);
    EXPECT_EQ(stored.name, "Ann B");
    EXPECT_EQ(stored.age, 41);
  }
}

TEST_P(OrmTest, RemovingFromADeleteOrphanListDeletesTheChildAndItsCascades) {
  auto author = new_user("ann");
  auto keep = new_post("keep"), drop = new_post("drop");
  drop->comments.append(new_comment("goes with it"));
  author->posts.append(keep);
  author->posts.append(drop);
  {
    Session setup(db());
    setup.add(author);
    setup.commit();
  }
  Session session(db());
  auto users = session.exec(select<User>().options(selectinload(&User::posts)));
  ASSERT_EQ(users[0].posts.get().size(), 2u);
  const auto doomed = users[0].posts.get()[1];
  ASSERT_EQ(doomed->title, "drop");
  EXPECT_TRUE(users[0].posts.remove(doomed));
  StatementLog log;
  session.add_listener(log.listener());
  session.add(users[0]);
  session.commit();
  EXPECT_EQ(of_kind(log, "INSERT").size(), 0u);
  EXPECT_EQ(of_kind(log, "UPDATE").size(), 0u);
  EXPECT_EQ(of_kind(log, "DELETE").size(), 2u) << "the comments, then the post";
  EXPECT_EQ(count_rows<Post>(db()), 1u);
  EXPECT_EQ(count_rows<Comment>(db()), 0u);
}

TEST_P(OrmTest, RemovingFromANullableListSetsTheForeignKeyNull) {
  auto root = std::make_shared<Category>();
  root->name = "root";
  auto leaf = std::make_shared<Category>();
  leaf->name = "leaf";
  root->children.append(leaf);
  {
    Session setup(db());
    setup.add(root);
    setup.commit();
  }
  ASSERT_EQ(leaf->parent_id, root->id);
  Session session(db());
  auto roots = session.exec(select<Category>().where(col(&Category::name) == "root").options(selectinload(&Category::children)));
  ASSERT_EQ(roots[0].children.get().size(), 1u);
  roots[0].children.remove(roots[0].children.get()[0]);
  StatementLog log;
  session.add_listener(log.listener());
  session.add(roots[0]);
  session.commit();
  ASSERT_EQ(writes(log), 1u);
  EXPECT_THAT(of_kind(log, "UPDATE")[0], HasSubstr("\"parent_id\""));
  EXPECT_EQ(Session(db()).get_one<Category>(*leaf->id).parent_id, std::nullopt);
}

TEST_P(OrmTest, RemovingFromANotNullListWithoutDeleteOrphanIsRefusedBeforeAnyWrite) {
  auto author = new_user("ann");
  auto post = new_post("p");
  post->comments.append(new_comment("stays"));
  author->posts.append(post);
  {
    Session setup(db());
    setup.add(author);
    setup.commit();
  }
  Session session(db());
  auto posts = session.exec(select<Post>().options(selectinload(&Post::comments)));
  posts[0].comments.remove(posts[0].comments.get()[0]);
  StatementLog log;
  session.add_listener(log.listener());
  session.add(posts[0]);
  try {
    session.flush();
    FAIL() << "expected an IntegrityError";
  } catch (const IntegrityError& error) {
    EXPECT_THAT(error.what(), HasSubstr("comments.post_id"));
    EXPECT_THAT(error.what(), HasSubstr("Post.comments"));
    EXPECT_THAT(error.what(), HasSubstr("NOT NULL"));
    EXPECT_THAT(error.what(), HasSubstr("nothing was written"));
  }
  EXPECT_EQ(writes(log), 0u);
  EXPECT_EQ(count_rows<Comment>(db()), 1u);
}

TEST_P(OrmTest, ManyToManyAppendInsertsTheTargetAndItsLinkRowWithExtraColumns) {
  auto user = new_user("ann");
  auto red = std::make_shared<Team>(), blue = std::make_shared<Team>();
  red->name = "red";
  blue->name = "blue";
  user->teams.append(red);  // a default link row
  auto owner_link = std::make_shared<Membership>();
  owner_link->role = "owner";
  user->teams.append(blue, owner_link);
  StatementLog log;
  db().add_listener(log.listener());
  Session session(db());
  session.add(user);
  session.commit();
  ASSERT_TRUE(red->id && blue->id && user->id);
  EXPECT_EQ(owner_link->user_id, *user->id);
  EXPECT_EQ(owner_link->team_id, *blue->id);
  EXPECT_EQ(of_kind(log, "INSERT").size(), postgres() ? 3u : 5u);

  Session reader(db());
  auto users = reader.exec(select<User>().options(selectinload(&User::teams)));
  const auto links = linked(users[0], &User::teams);
  ASSERT_EQ(links.size(), 2u);
  std::map<std::string, std::string> roles;
  for (const auto& item : links) roles[item.target->name] = item.link->role;
  EXPECT_EQ(roles["blue"], "owner");
  EXPECT_EQ(roles["red"], "");
  // After the flush the list holds its link rows, as a loaded one does.
  EXPECT_EQ(linked(*user, &User::teams).size(), 2u);

  // Taking a team out deletes its link row, not the team.
  users[0].teams.remove(users[0].teams.get()[0]);
  StatementLog removal;
  reader.add_listener(removal.listener());
  reader.add(users[0]);
  reader.commit();
  EXPECT_EQ(writes(removal), 1u);
  EXPECT_EQ(of_kind(removal, "DELETE").size(), 1u);
  EXPECT_EQ(count_rows<Membership>(db()), 1u);
  EXPECT_EQ(count_rows<Team>(db()), 2u);
}

TEST_P(OrmTest, RowsThatReferToEachOtherAreInsertedThenCompletedByAPostUpdate) {
  auto a = std::make_shared<Category>(), b = std::make_shared<Category>();
  a->name = "a";
  b->name = "b";
  a->parent.set(b);
  b->parent.set(a);
  StatementLog log;
  db().add_listener(log.listener());
  Session session(db());
  session.add(a);
  session.commit();
  ASSERT_TRUE(a->id && b->id);
  EXPECT_EQ(a->parent_id, b->id);
  EXPECT_EQ(b->parent_id, a->id);
  // b waits for a's key (a's own waits for the post-update): two dependency levels.
  EXPECT_EQ(of_kind(log, "INSERT").size(), 2u);
  EXPECT_EQ(of_kind(log, "UPDATE").size(), 1u) << "one foreign key deferred to break the cycle";
  Session reader(db());
  EXPECT_EQ(reader.get_one<Category>(*a->id).parent_id, b->id);
  EXPECT_EQ(reader.get_one<Category>(*b->id).parent_id, a->id);
}

TEST_P(OrmTest, AFlushThatFailsValidationWritesNothingAndAssignsNoKey) {
  auto author = new_user("ann");
  auto post = new_post("p");
  author->posts.append(post);
  auto bad = new_user("bad", -5);  // User.age has .ge = 0
  auto other = new_post("q");
  other->author.set(bad);
  StatementLog log;
  db().add_listener(log.listener());
  Session session(db());
  session.add(author);
  session.add(other);
  EXPECT_THROW(session.flush(), ValidationError);
  EXPECT_EQ(writes(log), 0u);
  EXPECT_FALSE(author->id.has_value());
  EXPECT_FALSE(post->id.has_value());
  EXPECT_EQ(post->user_id, 0);
  EXPECT_FALSE(bad->id.has_value());
  EXPECT_EQ(count_rows<User>(db()), 0u);
}

TEST_P(OrmTest, AFlushThatFailsAConstraintRollsBackAndRestoresTheObjects) {
  {
    Session setup(db());
    User taken = make_user("taken");
    setup.add(taken);
    setup.commit();
  }
  auto author = new_user("ann");
  auto post = new_post("p");
  author->posts.append(post);
  auto clash = new_user("taken");  // users.email is unique
  auto second = new_post("q");
  second->author.set(clash);
  Session session(db());
  session.add(author);
  session.add(second);
  EXPECT_THROW(session.commit(), IntegrityError);
  EXPECT_FALSE(author->id.has_value());
  EXPECT_FALSE(post->id.has_value());
  EXPECT_EQ(post->user_id, 0);
  EXPECT_FALSE(clash->id.has_value());
  EXPECT_EQ(count_rows<User>(db()), 1u);
  EXPECT_EQ(count_rows<Post>(db()), 0u);
}

// ---- 2. write only what changed ----

TEST_P(OrmTest, AnUpdateWritesOnlyTheChangedColumnsAndNothingWhenNoneChanged) {
  Session setup(db());
  User ann = make_user("ann");
  setup.add(ann);
  setup.commit();

  Session session(db());
  auto user = session.get_one<User>(*ann.id);
  StatementLog log;
  session.add_listener(log.listener());
  session.update(user);
  session.flush();
  EXPECT_EQ(writes(log), 0u) << "nothing changed: no statement";

  user.nickname = "annie";
  session.update(user);
  session.flush();
  ASSERT_EQ(of_kind(log, "UPDATE").size(), 1u);
  const std::string update = of_kind(log, "UPDATE")[0];
  EXPECT_THAT(update, HasSubstr("\"nickname\""));
  EXPECT_THAT(update, Not(HasSubstr("\"email\"")));
  EXPECT_THAT(update, Not(HasSubstr("\"name\" =")));
  EXPECT_EQ(log.events.back().parameters, 2u) << "the nickname and the key";

  // The flush remembered what it wrote: the same object again is no change.
  session.update(user);
  session.commit();
  EXPECT_EQ(of_kind(log, "UPDATE").size(), 1u);
  EXPECT_EQ(Session(db()).get_one<User>(*ann.id).nickname, std::optional<std::string>("annie"));
}

TEST_P(OrmTest, UpdateOfARowTheSessionNeverReadWritesEveryColumn) {
  Session setup(db());
  User ann = make_user("ann");
  setup.add(ann);
  setup.commit();
  Session session(db());
  User copy = ann;
  copy.name = "anne";
  StatementLog log;
  session.add_listener(log.listener());
  session.update(copy);
  session.commit();
  ASSERT_EQ(of_kind(log, "UPDATE").size(), 1u);
  EXPECT_THAT(of_kind(log, "UPDATE")[0], HasSubstr("\"email\""));
  EXPECT_EQ(Session(db()).get_one<User>(*ann.id).name, "anne");
}

// ---- optimistic concurrency ----

TEST_P(OrmTest, AVersionColumnIsSetOnInsertAndBumpedByEachUpdate) {
  Session session(db());
  Document doc;
  doc.title = "draft";
  session.add(doc);
  session.commit();
  EXPECT_EQ(doc.version, 1);
  doc.title = "final";
  session.update(doc);
  session.commit();
  EXPECT_EQ(doc.version, 2);
  session.update(doc);  // unchanged: no statement, no bump
  session.commit();
  EXPECT_EQ(doc.version, 2);
  EXPECT_EQ(Session(db()).get_one<Document>(*doc.id).version, 2);
}

TEST_P(OrmTest, AWriteOverAnotherSessionsChangeIsAStaleVersionErrorNamingTableAndKey) {
  Document doc;
  doc.title = "shared";
  {
    Session setup(db());
    setup.add(doc);
    setup.commit();
  }
  Session first(db()), second(db());
  auto mine = first.get_one<Document>(*doc.id);
  auto theirs = second.get_one<Document>(*doc.id);
  first.commit();
  second.commit();
  mine.body = "first writer";
  first.update(mine);
  first.commit();
  theirs.body = "second writer";
  second.update(theirs);
  try {
    second.commit();
    FAIL() << "expected StaleVersion";
  } catch (const StaleVersion& error) {
    EXPECT_EQ(error.table(), "documents");
    EXPECT_EQ(error.key(), std::to_string(*doc.id));
    EXPECT_EQ(error.version(), 1);
    EXPECT_THAT(error.what(), HasSubstr("Document"));
    EXPECT_THAT(error.what(), HasSubstr("version 1"));
  }
  EXPECT_EQ(theirs.version, 1) << "the failed flush leaves the object as it was";
  EXPECT_EQ(Session(db()).get_one<Document>(*doc.id).body, "first writer");

  // A DELETE checks the version too.
  second.delete_(theirs);
  EXPECT_THROW(second.commit(), StaleVersion);
  EXPECT_EQ(count_rows<Document>(db()), 1u);
  // StaleVersion is a StaleData, as any write that matched no row.
  second.delete_(theirs);
  EXPECT_THROW(second.commit(), StaleData);
}

TEST_P(OrmTest, TwoSessionsRacingOnOneRowOneWinsTheOtherGetsStaleVersion) {
  Document doc;
  doc.title = "race";
  {
    Session setup(db());
    setup.add(doc);
    setup.commit();
  }
  // Both read the row before either writes (the barrier), then both write at once: the two
  // sessions' read-modify-write cycles overlap, which the versions they read prove.
  std::barrier both_read(2);
  std::atomic<int> committed{0}, stale{0}, other_error{0};
  std::array<std::int32_t, 2> read_versions{};
  auto writer = [&](int index) {
    Session session(db());
    auto copy = session.get_one<Document>(*doc.id);
    session.commit();
    read_versions[index] = copy.version;
    both_read.arrive_and_wait();
    copy.body = "from writer " + std::to_string(index);
    session.update(copy);
    try {
      session.commit();
      ++committed;
    } catch (const StaleVersion&) {
      ++stale;
    } catch (const DatabaseError&) {
      ++other_error;
    }
  };
  std::thread a(writer, 0), b(writer, 1);
  a.join();
  b.join();
  EXPECT_EQ(read_versions[0], 1);
  EXPECT_EQ(read_versions[1], 1);
  EXPECT_EQ(committed.load(), 1);
  EXPECT_EQ(stale.load(), 1);
  EXPECT_EQ(other_error.load(), 0);
  EXPECT_EQ(Session(db()).get_one<Document>(*doc.id).version, 2);
}

}  // namespace
}  // namespace sqlmodel::testing::orm
