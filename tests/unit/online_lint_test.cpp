// `revision --online` and `lint` agree: the revisions the online planner writes for each change
// lint flags on a live table (an index, a foreign key, a check, a unique key, SET NOT NULL, a new
// NOT NULL column, a rename, a rewriting type change, a dropped column, and all of them at once)
// lint clean on PostgreSQL, upgrade and downgrade, expand and contract. The one finding left is
// the one a person must acknowledge: a column the models dropped loses its values in contract.
//
// The revisions are built as `revision --online` builds them (plan_online, then the project's
// lock_timeout written into each), after a first revision that creates the tables, so they may
// hold rows by the time the online revisions run.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "lint/lint.hpp"
#include "model_versions.hpp"
#include "online_plan.hpp"
#include "project_config.hpp"
#include "replay.hpp"
#include "revision_graph.hpp"
#include "schema/diff.hpp"

namespace sqlmodel::migrate {
namespace {

using namespace sqlmodel::schema;
namespace v = sqlmodel::testing::versions;
constexpr auto pg = Dialect::postgresql;
constexpr auto lite = Dialect::sqlite;

// teams(id, name); users(id, name NOT NULL, age?, nickname? indexed, score NOT NULL, legacy?,
// team_id?).
Schema models_v1() {
  Schema schema;
  Table teams = v::table("teams", 1);
  teams.columns.push_back(v::column("name", v::string_of(50), false, 3));
  Table users = v::table("users", 10);
  users.columns.push_back(v::column("name", v::string_of(100), false, 12));
  users.columns.push_back(v::column("age", v::of(TypeKind::int32), true, 13));
  users.columns.push_back(v::column("nickname", v::string_of(50), true, 14));
  users.columns.push_back(v::column("score", v::of(TypeKind::int32), false, 15));
  users.columns.push_back(v::column("legacy", v::of(TypeKind::string), true, 16));
  users.columns.push_back(v::column("team_id", v::of(TypeKind::int64), true, 17));
  users.indexes.push_back(v::index("users", {"nickname"}, 14));
  schema.tables = {teams, users};
  sort_canonically(schema);
  return migration_view(schema);
}

Schema changed(const std::function<void(Table& users)>& change) {
  Schema schema = models_v1();
  change(*schema.find_table("users"));
  return migration_view(schema);
}

Migration revision(std::string id, std::optional<std::string> parent, PlannedRevision planned) {
  Migration migration;
  migration.revision = std::move(id);
  if (parent) migration.parents = {*parent};
  migration.sequence = static_cast<int>(migration.parents.size()) + 1;
  migration.message = migration.revision;
  migration.phase = planned.phase;
  migration.upgrade = std::move(planned.upgrade);
  migration.downgrade = std::move(planned.downgrade);
  return migration;
}

struct OnlineRevisions {
  RevisionGraph graph;
  std::vector<std::string> planned;  // the online revisions' ids, in order
};

// a1 creates the v1 tables; then the online plan for `target`, as `revision --online` writes it.
OnlineRevisions online_revisions(const Schema& target) {
  const Schema before = models_v1();
  std::vector<Migration> migrations;
  const auto create = diff(Schema{}, before);
  migrations.push_back(revision("a1", std::nullopt, {create, invert(create), std::nullopt}));
  OnlinePlan plan = plan_online(before, target, OnlinePlanSettings{});
  EXPECT_FALSE(plan.revisions.empty());
  std::vector<std::string> ids;
  std::optional<std::string> parent = "a1";
  for (auto& planned : plan.revisions) {
    ids.push_back("b" + std::to_string(ids.size() + 1));
    Migration migration = revision(ids.back(), parent, std::move(planned));
    migration.sequence = static_cast<int>(ids.size()) + 1;
    migration.lock_timeout_ms = OnlineSettings{}.lock_timeout_ms;
    migrations.push_back(std::move(migration));
    parent = ids.back();
  }
  return {RevisionGraph(std::move(migrations)), std::move(ids)};
}

// "b2 upgrade/3 drop-column: drops column users.legacy ..." for each finding that counts.
std::vector<std::string> findings(const OnlineRevisions& revisions, Dialect dialect) {
  std::vector<const Migration*> linted;
  for (const auto& id : revisions.planned) linted.push_back(&revisions.graph.at(id));
  const auto report = lint::lint_migrations(revisions.graph, linted, {dialect});
  std::vector<std::string> lines;
  for (const auto& finding : report.findings)
    lines.push_back(finding.migration->revision + " " + finding.json_path() + " " + std::string(finding.rule->id) +
                    ": " + finding.message);
  return lines;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

struct Change {
  std::string name;
  std::function<void(Table& users)> edit;
};

const std::vector<Change>& risky_changes() {
  static const std::vector<Change> changes{
      {"create index", [](Table& users) { users.indexes.push_back(v::index("users", {"age"}, 13)); }},
      {"drop index", [](Table& users) { users.indexes.clear(); }},
      {"add foreign key",
       [](Table& users) { users.foreign_keys.push_back(v::foreign_key("users", {"team_id"}, "teams", 17)); }},
      {"add check",
       [](Table& users) { users.check_constraints.push_back({naming::check("users", "age"), "age >= 0", v::at(13)}); }},
      {"add unique",
       [](Table& users) {
         users.unique_constraints.push_back({naming::unique("users", {"nickname"}), {"nickname"}, v::at(14)});
       }},
      {"set not null with a server default",
       [](Table& users) {
         users.find_column("age")->nullable = false;
         users.find_column("age")->server_default = "0";
       }},
      {"set not null with a model default",
       [](Table& users) {
         users.find_column("nickname")->nullable = false;
         users.find_column("nickname")->default_value = "\"anonymous\"";
       }},
      {"add not null column with a server default",
       [](Table& users) {
         Column active = v::column("active", v::of(TypeKind::boolean), false, 18);
         active.server_default = "true";
         users.columns.push_back(active);
       }},
      {"add not null column with a model default",
       [](Table& users) {
         Column locale = v::column("locale", v::string_of(10), false, 18);
         locale.default_value = "\"en\"";
         users.columns.push_back(locale);
       }},
      {"rename column",
       [](Table& users) {
         users.find_column("name")->name = "full_name";
         users.find_column("full_name")->renamed_from = "name";
       }},
      {"int32 to int64", [](Table& users) { users.find_column("score")->type = v::of(TypeKind::int64); }},
      {"drop column", [](Table& users) { std::erase_if(users.columns, [](const Column& c) { return c.name == "legacy"; }); }},
  };
  return changes;
}

TEST(OnlineRevisionsLint, EachRiskyChangeLintsCleanOnPostgresql) {
  for (const auto& change : risky_changes()) {
    const auto revisions = online_revisions(changed(change.edit));
    const auto found = findings(revisions, pg);
    if (change.name == "drop column") {
      // The contract revision drops what the models dropped: data loss a person acknowledges.
      ASSERT_EQ(found.size(), 1u) << change.name << ":\n" << joined(found);
      EXPECT_EQ(found[0], "b2 /upgrade/0 drop-column: drops column users.legacy and every value in it");
    } else {
      EXPECT_TRUE(found.empty()) << change.name << ":\n" << joined(found);
    }
  }
}

TEST(OnlineRevisionsLint, AllTheChangesAtOnceLintCleanButForTheDroppedColumn) {
  const auto revisions = online_revisions(changed([](Table& users) {
    for (const auto& change : risky_changes())
      if (change.name != "drop index") change.edit(users);
  }));
  ASSERT_EQ(revisions.planned.size(), 2u) << "an expand and a contract revision";
  const auto found = findings(revisions, pg);
  ASSERT_EQ(found.size(), 1u) << joined(found);
  EXPECT_NE(found[0].find("drop-column: drops column users.legacy"), std::string::npos) << found[0];
  EXPECT_EQ(found[0].substr(0, 2), "b2") << "the contract revision, not the expand one";
}

TEST(OnlineRevisionsLint, ADroppedTableIsDroppedByContractAndReportedThere) {
  Schema target = models_v1();
  std::erase_if(target.tables, [](const Table& table) { return table.name == "teams"; });
  const auto revisions = online_revisions(target);
  ASSERT_EQ(revisions.planned.size(), 1u) << "nothing to expand: the contract revision alone";
  const auto found = findings(revisions, pg);
  ASSERT_EQ(found.size(), 1u) << joined(found);
  EXPECT_EQ(found[0], "b1 /upgrade/0 drop-table: drops table \"teams\" and every row in it");
}

// SQLite has no online forms: what is left is its own table rebuilds (warnings), never an error
// about the running application (a rename, a dropped column the old version still reads).
TEST(OnlineRevisionsLint, OnSqliteOnlyTheDroppedColumnIsAnError) {
  for (const auto& change : risky_changes()) {
    const auto revisions = online_revisions(changed(change.edit));
    std::vector<const Migration*> linted;
    for (const auto& id : revisions.planned) linted.push_back(&revisions.graph.at(id));
    const auto report = lint::lint_migrations(revisions.graph, linted, {lite});
    std::vector<std::string> errors;
    for (const auto& finding : report.findings)
      if (finding.counts_as_error()) errors.push_back(std::string(finding.rule->id) + ": " + finding.message);
    if (change.name == "drop column") {
      ASSERT_EQ(errors.size(), 1u) << joined(errors);
      EXPECT_EQ(errors[0].substr(0, 12), "drop-column:");
    } else {
      EXPECT_TRUE(errors.empty()) << change.name << ":\n" << joined(errors);
    }
  }
}

}  // namespace
}  // namespace sqlmodel::migrate
