#include "revision_graph.hpp"

#include <gtest/gtest.h>

#include "replay.hpp"
#include "schema/diff.hpp"

namespace sqlmodel::migrate {
namespace {

Migration revision(std::string id, std::vector<std::string> parents, int sequence) {
  Migration migration;
  migration.revision = std::move(id);
  migration.parents = std::move(parents);
  migration.sequence = sequence;
  migration.message = "m" + std::to_string(sequence);
  return migration;
}

// a1 <- a2 <- a3 (branch point) <- b4 ; a3 <- c4 ; b4, c4 <- d5 (merge) <- a6
RevisionGraph branchy() {
  return RevisionGraph({revision("a6a6", {"d5d5"}, 6), revision("a1a1", {}, 1), revision("a2a2", {"a1a1"}, 2),
                        revision("a3a3", {"a2a2"}, 3), revision("c4c4", {"a3a3"}, 5), revision("b4b4", {"a3a3"}, 4),
                        revision("d5d5", {"b4b4", "c4c4"}, 7)});
}

std::vector<std::string> ids(const std::vector<const Migration*>& path) {
  std::vector<std::string> result;
  for (const Migration* migration : path) result.push_back(migration->revision);
  return result;
}

TEST(RevisionGraph, OrdersParentsFirstThenBySequence) {
  auto graph = branchy();
  EXPECT_EQ(ids(graph.in_order()), (std::vector<std::string>{"a1a1", "a2a2", "a3a3", "b4b4", "c4c4", "d5d5", "a6a6"}));
  EXPECT_EQ(graph.heads(), std::vector<std::string>{"a6a6"});
  EXPECT_EQ(graph.bases(), std::vector<std::string>{"a1a1"});
  EXPECT_EQ(graph.children("a3a3"), (std::vector<std::string>{"c4c4", "b4b4"}));
}

TEST(RevisionGraph, ResolvesEverySpelling) {
  auto graph = branchy();
  EXPECT_EQ(graph.resolve("base"), std::nullopt);
  EXPECT_EQ(graph.resolve("head"), "a6a6");
  EXPECT_EQ(graph.resolve("a2a2"), "a2a2");
  EXPECT_EQ(graph.resolve("head-1"), "d5d5");
  EXPECT_EQ(graph.resolve("a1a1+2"), "a3a3");
  EXPECT_EQ(graph.resolve("a2a2-1"), "a1a1");
  EXPECT_EQ(graph.resolve("a2a2-2"), std::nullopt) << "one step below the first revision is base";
  EXPECT_EQ(graph.resolve("base+1"), "a1a1");
  EXPECT_EQ(graph.resolve("+1", std::string("a1a1")), "a2a2");
  EXPECT_EQ(graph.resolve("-1", std::string("a6a6")), "d5d5");
  EXPECT_THROW(graph.resolve("+1"), RevisionError) << "relative without a current revision";
  EXPECT_THROW(graph.resolve("a3a3+1"), RevisionError) << "up through a branch point";
  EXPECT_THROW(graph.resolve("d5d5-1"), RevisionError) << "down through a merge";
  EXPECT_THROW(graph.resolve("a2a2-3"), RevisionError);
  EXPECT_THROW(graph.resolve("ffff"), RevisionError);
  EXPECT_THROW(graph.resolve("head-x"), RevisionError);
}

TEST(RevisionGraph, ResolvesUniquePrefixes) {
  RevisionGraph graph({revision("abcdef01", {}, 1), revision("abcdef02", {"abcdef01"}, 2), revision("12345678", {"abcdef02"}, 3)});
  EXPECT_EQ(graph.resolve("1234"), "12345678");
  EXPECT_THROW(graph.resolve("abcd"), RevisionError) << "ambiguous";
  EXPECT_THROW(graph.resolve("123"), RevisionError) << "too short to be a prefix";
}

TEST(RevisionGraph, SeveralHeadsNeedAName) {
  RevisionGraph graph({revision("a1a1", {}, 1), revision("b2b2", {"a1a1"}, 2), revision("c2c2", {"a1a1"}, 3)});
  try {
    graph.resolve("head");
    FAIL();
  } catch (const RevisionError& error) {
    EXPECT_NE(std::string(error.what()).find("2 heads (b2b2, c2c2)"), std::string::npos) << error.what();
  }
  EXPECT_EQ(graph.resolve("b2b2"), "b2b2");
}

TEST(RevisionGraph, PathsAcrossBranchesAndMerges) {
  auto graph = branchy();
  // One branch applied; upgrading to the merge applies the other branch and the merge.
  auto applied = graph.ancestors(std::string("b4b4"));
  EXPECT_EQ(ids(graph.upgrade_path(applied, std::string("a6a6"))), (std::vector<std::string>{"c4c4", "d5d5", "a6a6"}));
  // Down to the branch point undoes both branches, children first.
  auto everything = graph.ancestors(std::string("a6a6"));
  EXPECT_EQ(ids(graph.downgrade_path(everything, std::string("a3a3"))),
            (std::vector<std::string>{"a6a6", "d5d5", "c4c4", "b4b4"}));
  EXPECT_EQ(graph.downgrade_path(everything, std::nullopt).size(), 7u);
  EXPECT_TRUE(graph.upgrade_path(everything, std::string("a6a6")).empty());
}

TEST(RevisionGraph, RefusesBrokenGraphs) {
  EXPECT_THROW(RevisionGraph({revision("a1a1", {"ffff"}, 1)}), RevisionError) << "unknown parent";
  EXPECT_THROW(RevisionGraph({revision("a1a1", {}, 1), revision("a1a1", {}, 2)}), RevisionError) << "duplicate id";
  EXPECT_THROW(RevisionGraph({revision("a1a1", {"b2b2"}, 1), revision("b2b2", {"a1a1"}, 2)}), RevisionError)
      << "cycle";
}

schema::Column column(std::string name, schema::TypeKind kind, bool nullable) {
  schema::Column result;
  result.name = std::move(name);
  result.type.kind = kind;
  result.nullable = nullable;
  return result;
}

TEST(Replay, BranchesReplayTogetherAndAutogenerateSeesTheirUnion) {
  using namespace schema;
  Table users;
  users.name = "users";
  users.columns.push_back(column("id", TypeKind::int64, false));
  Column nickname = column("nickname", TypeKind::string, true);
  Column age = column("age", TypeKind::int32, true);

  Migration first = revision("a1a1", {}, 1);
  first.upgrade = {CreateTable{users}};
  Migration left = revision("b2b2", {"a1a1"}, 2);
  left.upgrade = {AddColumn{"users", nickname, {}}};
  Migration right = revision("c2c2", {"a1a1"}, 3);
  right.upgrade = {AddColumn{"users", age, {}}};
  Migration merge = revision("d3d3", {"b2b2", "c2c2"}, 4);
  RevisionGraph graph({first, left, right, merge});

  Schema at_merge = replay_to(graph, std::string("d3d3"));
  ASSERT_NE(at_merge.find_table("users"), nullptr);
  EXPECT_EQ(at_merge.find_table("users")->columns.size(), 3u);

  Schema models = at_merge;
  models.find_table("users")->columns[1].source = {"models.hpp", 7, 3};  // a moved line: no change
  EXPECT_TRUE(autogenerate(at_merge, models).empty());
  models.find_table("users")->columns.push_back(column("email", TypeKind::string, false));
  auto operations = autogenerate(at_merge, models);
  ASSERT_EQ(operations.size(), 1u);
  EXPECT_EQ(describe(operations[0]), "add column users.email string not null");
}

TEST(Replay, AnOperationThatDoesNotFitNamesTheFileAndStep) {
  Migration first = revision("a1a1", {}, 1);
  first.path = "migrations/0001_a1a1_x.json";
  first.upgrade = {schema::RenameTable{"users", "people"}};
  RevisionGraph graph({first});
  try {
    replay_to(graph, std::string("a1a1"));
    FAIL();
  } catch (const MigrationFileError& error) {
    EXPECT_EQ(error.file(), "migrations/0001_a1a1_x.json");
    EXPECT_EQ(error.json_path(), "/upgrade/0");
    EXPECT_NE(error.reason().find("no table \"users\""), std::string::npos) << error.what();
  }
}

TEST(MigrationFile, WritesAndReadsBack) {
  Migration migration = revision("3f2a9c1b7d4e", {"a1b2c3d4e5f6"}, 7);
  migration.message = "add users.nickname";
  migration.created = "2026-11-24T06:50:00Z";
  migration.upgrade = {schema::RenameColumn{"users", "a", "b"}};
  migration.downgrade = schema::invert(migration.upgrade);
  auto text = write_migration(migration);
  EXPECT_TRUE(text.starts_with(
      "{\n  \"format\": 1,\n  \"revision\": \"3f2a9c1b7d4e\",\n  \"parents\": [\"a1b2c3d4e5f6\"],\n"))
      << text;
  Migration back = read_migration(text, "m.json");
  EXPECT_EQ(back.revision, migration.revision);
  EXPECT_EQ(back.parents, migration.parents);
  EXPECT_EQ(back.message, migration.message);
  EXPECT_EQ(back.created, migration.created);
  EXPECT_EQ(back.upgrade, migration.upgrade);
  EXPECT_EQ(back.downgrade, migration.downgrade);
  EXPECT_EQ(back.file_text, text);
  EXPECT_EQ(write_migration(back), text);
}

TEST(MigrationFile, CanonicalContentIgnoresSpellingButNotValues) {
  Migration migration = revision("3f2a9c1b7d4e", {"a1b2c3d4e5f6"}, 7);
  migration.message = "rename";
  migration.upgrade = {schema::RenameColumn{"users", "a", "b"}};
  migration.downgrade = schema::invert(migration.upgrade);
  const std::string text = write_migration(migration);
  const std::string canonical = canonical_content(read_migration(text, "m.json"));
  EXPECT_EQ(canonical.find_first_of(" \n\r\t"), std::string::npos) << "no whitespace: " << canonical;
  EXPECT_TRUE(canonical.starts_with("{\"created\":\"\",\"downgrade\":[{\"from\":\"b\",")) << "sorted keys: " << canonical;
  EXPECT_EQ(canonical_content(migration), canonical) << "a migration not read from a file: as write_migration writes it";

  // What an editor, git's autocrlf or another JSON tool may do to the same content.
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  std::string escaped = text;
  escaped.replace(escaped.find("\"rename\""), 8, "\"ren\\u0061me\"");
  const std::string reordered =
      "{\"upgrade\": [{\"op\": \"rename_column\", \"table\": \"users\", \"from\": \"a\", \"to\": \"b\"}],"
      " \"downgrade\": [{\"to\": \"a\", \"from\": \"b\", \"table\": \"users\", \"op\": \"rename_column\"}],"
      " \"created\": \"\", \"message\": \"rename\", \"parents\": [\"a1b2c3d4e5f6\"],"
      " \"revision\": \"3f2a9c1b7d4e\", \"format\": 1}";
  for (const std::string& spelling : {crlf, "\xef\xbb\xbf" + text, escaped, text + "\n\n", reordered}) {
    Migration again = read_migration(spelling, "m.json");
    EXPECT_EQ(again.upgrade, migration.upgrade) << spelling;
    EXPECT_EQ(canonical_content(again), canonical) << spelling;
  }

  // Every change of a value changes it, the order of a list included.
  std::string renamed = text;
  renamed.replace(renamed.find("\"to\": \"b\""), 9, "\"to\": \"c\"");
  std::string messaged = text;
  messaged.replace(messaged.find("\"rename\""), 8, "\"Rename\"");
  for (const std::string& edited : {renamed, messaged})
    EXPECT_NE(canonical_content(read_migration(edited, "m.json")), canonical) << edited;
}

TEST(MigrationFile, OnlineKeysWriteAndReadBack) {
  Migration migration = revision("3f2a9c1b7d4e", {"a1b2c3d4e5f6"}, 7);
  migration.phase = MigrationPhase::contract;
  migration.lock_timeout_ms = 1500;
  migration.lock_retries = 3;
  auto text = write_migration(migration);
  EXPECT_NE(text.find("\"phase\": \"contract\",\n  \"lock_timeout\": \"1500ms\",\n  \"lock_retries\": 3,"),
            std::string::npos)
      << text;
  Migration back = read_migration(text, "m.json");
  EXPECT_EQ(back.phase, MigrationPhase::contract);
  EXPECT_EQ(back.lock_timeout_ms, 1500);
  EXPECT_EQ(back.lock_retries, 3);
  EXPECT_EQ(write_migration(back), text);
}

TEST(MigrationFile, BadOnlineKeysNameTheirPath) {
  auto refused = [](const std::string& replace, const std::string& with, const std::string& path,
                    const std::string& words) {
    std::string text = write_migration(revision("3f2a9c1b7d4e", {}, 1));
    text.replace(text.find(replace), replace.size(), with);
    try {
      read_migration(text, "m.json");
      ADD_FAILURE() << "accepted: " << text;
    } catch (const MigrationFileError& error) {
      EXPECT_EQ(error.json_path(), path) << error.what();
      EXPECT_NE(std::string(error.what()).find(words), std::string::npos) << error.what();
    }
  };
  refused("\"upgrade\"", "\"phase\": \"expnd\", \"upgrade\"", "/phase", "expected \"expand\" or \"contract\"");
  refused("\"upgrade\"", "\"lock_timeout\": \"2 seconds\", \"upgrade\"", "/lock_timeout", "units ms, s, min, h");
  refused("\"upgrade\"", "\"lock_timeout\": \"0s\", \"upgrade\"", "/lock_timeout", "a duration");
  refused("\"upgrade\"", "\"lock_retries\": -1, \"upgrade\"", "/lock_retries", "from 0 to 100");
}

TEST(MigrationFile, Names) {
  EXPECT_EQ(migration_file_name(7, "3f2a9c1b7d4e", "Add users.nickname (for display)!"),
            "0007_3f2a9c1b7d4e_add_users_nickname_for_display.json");
  EXPECT_EQ(slug("!!!"), "revision");
  auto parsed = parse_migration_file_name("0012_00ab_create_users.json");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->sequence, 12);
  EXPECT_EQ(parsed->revision, "00ab");
  EXPECT_FALSE(parse_migration_file_name("create_users.json").has_value());
  EXPECT_FALSE(parse_migration_file_name("0001_XYZ_a.json").has_value());
  EXPECT_EQ(new_revision_id().size(), 12u);
  EXPECT_NE(new_revision_id(), new_revision_id());
}

}  // namespace
}  // namespace sqlmodel::migrate
