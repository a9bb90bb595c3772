// Soft-deleted rows stay out of every read unless asked for: relationship loaders (selectinload,
// joinedload, nesting, session.load, many-to-many through a link model), get/get_one, and
// delete-orphan; the filter never adds a statement. On SQLite and PostgreSQL.
#include <algorithm>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/soft_delete_fixture.hpp"

namespace sqlmodel::testing::soft {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// ann: articles "a1" (notes "n1", and "n2" soft-deleted), "a2" soft-deleted, "a3";
//      clubs "chess" (live), "go" (the club soft-deleted), "bridge" (the membership soft-deleted).
// bob: one article, "b1", soft-deleted.
struct Seeded {
  std::int64_t ann = 0, bob = 0;
  std::int64_t a1 = 0, a2 = 0, b1 = 0;
  std::int64_t n2 = 0;
};

Note make_note(std::int64_t article_id, std::string body) {
  Note note;
  note.article_id = article_id;
  note.body = std::move(body);
  return note;
}

Club make_club(std::string name) {
  Club club;
  club.name = std::move(name);
  return club;
}

ClubMember make_member(std::int64_t author_id, std::int64_t club_id, std::string role) {
  ClubMember member;
  member.author_id = author_id;
  member.club_id = club_id;
  member.role = std::move(role);
  return member;
}

Seeded seed(Session& session) {
  Author ann = make_author("ann"), bob = make_author("bob");
  session.add(ann);
  session.add(bob);
  session.flush();
  Article a1 = make_article(*ann.id, "a1"), a2 = make_article(*ann.id, "a2"),
          a3 = make_article(*ann.id, "a3"), b1 = make_article(*bob.id, "b1");
  session.add(a1);
  session.add(a2);
  session.add(a3);
  session.add(b1);
  session.flush();
  Note n1 = make_note(*a1.id, "n1"), n2 = make_note(*a1.id, "n2");
  session.add(n1);
  session.add(n2);
  Club chess = make_club("chess"), go = make_club("go"), bridge = make_club("bridge");
  session.add(chess);
  session.add(go);
  session.add(bridge);
  session.flush();
  ClubMember m1 = make_member(*ann.id, *chess.id, "captain");
  ClubMember m2 = make_member(*ann.id, *go.id, "member");
  ClubMember m3 = make_member(*ann.id, *bridge.id, "member");
  session.add(m1);
  session.add(m2);
  session.add(m3);
  session.flush();
  session.soft_delete(a2);
  session.soft_delete(b1);
  session.soft_delete(n2);
  session.soft_delete(go);
  session.soft_delete(m3);
  session.commit();
  return {*ann.id, *bob.id, *a1.id, *a2.id, *b1.id, *n2.id};
}

const Author& by_name(const std::vector<Author>& authors, std::string_view name) {
  auto found = std::find_if(authors.begin(), authors.end(), [&](const Author& a) { return a.name == name; });
  if (found == authors.end()) throw std::runtime_error("no author " + std::string(name));
  return *found;
}

std::vector<std::string> club_names(const Author& author) {
  std::vector<std::string> names;
  for (const auto& club : author.clubs.get()) names.push_back(club->name);
  std::sort(names.begin(), names.end());
  return names;
}

TEST_P(SoftDeleteTest, SelectinloadLeavesOutSoftDeletedChildrenInTheSameStatementCount) {
  Session session(db());
  seed(session);
  orm::StatementLog log;
  session.add_listener(log.listener());
  auto authors = session.exec(select<Author>().options(selectinload(&Author::articles)));
  EXPECT_EQ(log.statements.size(), 2u);
  EXPECT_THAT(titles(by_name(authors, "ann").articles), ElementsAre("a1", "a3"));
  EXPECT_THAT(titles(by_name(authors, "bob").articles), IsEmpty());
  EXPECT_THAT(log.statements[1], HasSubstr("\"deleted_at\" IS NULL"));

  auto everything = session.exec(select<Author>().options(selectinload(&Author::articles).with_deleted()));
  EXPECT_EQ(log.statements.size(), 4u);
  EXPECT_THAT(titles(by_name(everything, "ann").articles), ElementsAre("a1", "a2", "a3"));
  EXPECT_THAT(titles(by_name(everything, "bob").articles), ElementsAre("b1"));
  EXPECT_THAT(log.statements[3], ::testing::Not(HasSubstr("IS NULL")));

  // The two statements are cached apart: the filtered one again filters.
  auto again = session.exec(select<Author>().options(selectinload(&Author::articles)));
  EXPECT_THAT(titles(by_name(again, "ann").articles), ElementsAre("a1", "a3"));
}

TEST_P(SoftDeleteTest, JoinedloadKeepsParentsButNotTheirSoftDeletedChildren) {
  Session session(db());
  seed(session);
  orm::StatementLog log;
  session.add_listener(log.listener());
  auto authors = session.exec(select<Author>().options(joinedload(&Author::articles)));
  EXPECT_EQ(log.statements.size(), 1u);
  ASSERT_EQ(authors.size(), 2u);  // bob's only article is soft-deleted: bob still comes back
  EXPECT_THAT(titles(by_name(authors, "ann").articles), ElementsAre("a1", "a3"));
  EXPECT_THAT(titles(by_name(authors, "bob").articles), IsEmpty());

  auto everything = session.exec(select<Author>().options(joinedload(&Author::articles).with_deleted()));
  EXPECT_EQ(log.statements.size(), 2u);
  EXPECT_THAT(titles(by_name(everything, "ann").articles), ElementsAre("a1", "a2", "a3"));
  EXPECT_THAT(titles(by_name(everything, "bob").articles), ElementsAre("b1"));
}

TEST_P(SoftDeleteTest, NestedLoadersEachDecideForTheirOwnLevel) {
  Session session(db());
  seed(session);
  orm::StatementLog log;
  session.add_listener(log.listener());
  auto notes_of_a1 = [](const Author& ann) {
    std::vector<std::string> bodies;
    for (const auto& article : ann.articles.get())
      if (article->title == "a1")
        for (const auto& note : article->notes.get()) bodies.push_back(note->body);
    return bodies;
  };

  auto authors = session.exec(select<Author>().options(selectinload(&Author::articles).then(&Article::notes)));
  EXPECT_EQ(log.statements.size(), 3u);
  EXPECT_THAT(notes_of_a1(by_name(authors, "ann")), ElementsAre("n1"));

  // with_deleted() on the outer level does not reach the notes.
  log.statements.clear();
  authors = session.exec(
      select<Author>().options(selectinload(&Author::articles).with_deleted().then(&Article::notes)));
  EXPECT_EQ(log.statements.size(), 3u);
  EXPECT_THAT(titles(by_name(authors, "ann").articles), ElementsAre("a1", "a2", "a3"));
  EXPECT_THAT(notes_of_a1(by_name(authors, "ann")), ElementsAre("n1"));

  // ... the nested loader says it for itself: articles filtered, notes not.
  log.statements.clear();
  authors = session.exec(select<Author>().options(
      selectinload(&Author::articles).then(selectinload(&Article::notes).with_deleted())));
  EXPECT_EQ(log.statements.size(), 3u);
  EXPECT_THAT(titles(by_name(authors, "ann").articles), ElementsAre("a1", "a3"));
  EXPECT_THAT(notes_of_a1(by_name(authors, "ann")), ElementsAre("n1", "n2"));

  // Joined levels inside one statement, and a joined level inside a select-in statement.
  log.statements.clear();
  authors = session.exec(select<Author>().options(joinedload(&Author::articles).then(&Article::notes)));
  EXPECT_EQ(log.statements.size(), 1u);
  EXPECT_THAT(titles(by_name(authors, "ann").articles), ElementsAre("a1", "a3"));
  EXPECT_THAT(notes_of_a1(by_name(authors, "ann")), ElementsAre("n1"));

  log.statements.clear();
  authors = session.exec(select<Author>().options(
      selectinload(&Author::articles).then(joinedload(&Article::notes).with_deleted())));
  EXPECT_EQ(log.statements.size(), 2u);
  EXPECT_THAT(titles(by_name(authors, "ann").articles), ElementsAre("a1", "a3"));
  EXPECT_THAT(notes_of_a1(by_name(authors, "ann")), ElementsAre("n1", "n2"));
}

TEST_P(SoftDeleteTest, SessionLoadFiltersUnlessWithDeleted) {
  Session session(db());
  const Seeded ids = seed(session);
  orm::StatementLog log;
  session.add_listener(log.listener());
  Author ann = session.get_one<Author>(ids.ann);
  session.load(ann, &Author::articles);
  EXPECT_THAT(titles(ann.articles), ElementsAre("a1", "a3"));
  session.load(ann, &Author::articles, with_deleted);
  EXPECT_THAT(titles(ann.articles), ElementsAre("a1", "a2", "a3"));

  auto authors = session.exec(select<Author>());
  session.load(authors, &Author::articles);
  EXPECT_THAT(titles(by_name(authors, "bob").articles), IsEmpty());
  session.load(authors, &Author::articles, with_deleted);
  EXPECT_THAT(titles(by_name(authors, "bob").articles), ElementsAre("b1"));
  EXPECT_EQ(log.statements.size(), 6u);  // get, load, load, select, load, load
}

TEST_P(SoftDeleteTest, ASoftDeletedManyToOneTargetReadsAsNone) {
  Session session(db());
  const Seeded ids = seed(session);
  Note orphan = make_note(ids.a2, "on a deleted article");
  session.add(orphan);
  session.commit();
  orm::StatementLog log;
  session.add_listener(log.listener());
  auto notes = session.exec(select<Note>().where(col(&Note::id) == *orphan.id).options(selectinload(&Note::article)));
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_TRUE(notes[0].article.loaded());
  EXPECT_EQ(notes[0].article.get(), nullptr);
  notes = session.exec(select<Note>().where(col(&Note::id) == *orphan.id).options(joinedload(&Note::article)));
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].article.get(), nullptr);
  notes = session.exec(
      select<Note>().where(col(&Note::id) == *orphan.id).options(joinedload(&Note::article).with_deleted()));
  ASSERT_NE(notes[0].article.get(), nullptr);
  EXPECT_EQ(notes[0].article->title, "a2");
  EXPECT_EQ(log.statements.size(), 4u);  // select + select-in, joined, joined
}

TEST_P(SoftDeleteTest, ManyToManyLeavesOutSoftDeletedTargetsAndLinkRows) {
  Session session(db());
  const Seeded ids = seed(session);
  orm::StatementLog log;
  session.add_listener(log.listener());

  auto authors = session.exec(select<Author>().where(col(&Author::id) == ids.ann).options(selectinload(&Author::clubs)));
  EXPECT_EQ(log.statements.size(), 2u);
  ASSERT_EQ(authors.size(), 1u);
  EXPECT_THAT(club_names(authors[0]), ElementsAre("chess"));
  auto links = linked(authors[0], &Author::clubs);
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].link->role, "captain");

  authors = session.exec(select<Author>().where(col(&Author::id) == ids.ann).options(joinedload(&Author::clubs)));
  EXPECT_EQ(log.statements.size(), 3u);
  EXPECT_THAT(club_names(authors[0]), ElementsAre("chess"));
  EXPECT_EQ(linked(authors[0], &Author::clubs).size(), 1u);

  authors = session.exec(
      select<Author>().where(col(&Author::id) == ids.ann).options(selectinload(&Author::clubs).with_deleted()));
  EXPECT_THAT(club_names(authors[0]), ElementsAre("bridge", "chess", "go"));
  EXPECT_EQ(linked(authors[0], &Author::clubs).size(), 3u);
  authors = session.exec(
      select<Author>().where(col(&Author::id) == ids.ann).options(joinedload(&Author::clubs).with_deleted()));
  EXPECT_THAT(club_names(authors[0]), ElementsAre("bridge", "chess", "go"));

  Author ann = session.get_one<Author>(ids.ann);
  session.load(ann, &Author::clubs);
  EXPECT_THAT(club_names(ann), ElementsAre("chess"));
}

TEST_P(SoftDeleteTest, GetDoesNotFindASoftDeletedRowUnlessWithDeleted) {
  Session session(db());
  const Seeded ids = seed(session);
  orm::StatementLog log;
  session.add_listener(log.listener());
  EXPECT_FALSE(session.get<Article>(ids.a2).has_value());
  auto found = session.get<Article>(ids.a2, with_deleted);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->title, "a2");
  EXPECT_TRUE(found->deleted_at.has_value());
  EXPECT_TRUE(session.get<Article>(ids.a1).has_value());
  EXPECT_EQ(log.statements.size(), 3u);  // one lookup each, filtered or not

  try {
    session.get_one<Article>(ids.a2);
    FAIL() << "get_one found a soft-deleted Article";
  } catch (const NotFound& error) {
    EXPECT_THAT(error.what(), HasSubstr("no Article in table 'articles' with id = " + std::to_string(ids.a2)));
    EXPECT_THAT(error.what(), HasSubstr("soft-deleted"));
  }
  EXPECT_EQ(session.get_one<Article>(ids.a2, with_deleted).title, "a2");
  try {
    session.get_one<Article>(999999);
    FAIL() << "get_one found a missing Article";
  } catch (const NotFound& error) {
    EXPECT_THAT(error.what(), ::testing::Not(HasSubstr("soft-deleted")));
  }
  // A model without soft delete is unaffected, and refresh() of an object in hand finds its
  // row whatever its deleted_at says.
  EXPECT_TRUE(session.get<Author>(ids.bob).has_value());
  Article held = *found;
  held.title = "changed in memory";
  session.refresh(held);
  EXPECT_EQ(held.title, "a2");
}

TEST_P(SoftDeleteTest, DeleteOrphanLeavesSoftDeletedChildrenAlone) {
  Session session(db());
  const Seeded ids = seed(session);
  auto authors = session.exec(select<Author>().where(col(&Author::id) == ids.ann).options(selectinload(&Author::articles)));
  ASSERT_EQ(authors.size(), 1u);
  Author& ann = authors[0];
  ASSERT_THAT(titles(ann.articles), ElementsAre("a1", "a3"));
  // a3 leaves the collection: it is an orphan. a2 (soft-deleted, never loaded) is not.
  auto kept = ann.articles.get();
  kept.erase(kept.begin() + 1);
  ann.articles.set(kept);
  session.update(ann);
  session.commit();
  std::vector<std::string> stored;
  for (const Article& article : session.exec(select<Article>().with_deleted().order_by(col(&Article::title))))
    stored.push_back(article.title);
  EXPECT_THAT(stored, ElementsAre("a1", "a2", "b1"));
}

INSTANTIATE_TEST_SUITE_P(Backends, SoftDeleteTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         backend_name);

}  // namespace
}  // namespace sqlmodel::testing::soft
