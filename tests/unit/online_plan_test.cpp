// The online planner without a database: which changes are split, what each half holds, and
// what is said when a change cannot be made online. The integration suite
// (tests/integration/online_migration_test.cpp) applies such plans to real databases.
#include "online_plan.hpp"

#include <gtest/gtest.h>

#include "model_versions.hpp"
#include "replay.hpp"
#include "schema/diff.hpp"

namespace sqlmodel::migrate {
namespace {

using namespace sqlmodel::schema;
namespace v = sqlmodel::testing::versions;

Schema users_v1() {
  Schema schema;
  Table users = v::table("users", 10);
  users.columns.push_back(v::column("name", v::string_of(100), false, 12));
  users.columns.push_back(v::column("age", v::of(TypeKind::int32), true, 13));
  schema.tables.push_back(users);
  sort_canonically(schema);
  return migration_view(schema);
}

Schema changed(const std::function<void(Table&)>& change) {
  Schema schema = users_v1();
  change(*schema.find_table("users"));
  sort_canonically(schema);
  return schema;
}

template <typename Kind>
std::size_t count_of(const std::vector<Operation>& operations) {
  return static_cast<std::size_t>(std::count_if(operations.begin(), operations.end(),
                                                [](const Operation& op) { return std::holds_alternative<Kind>(op); }));
}

OnlinePlan plan(const Schema& target) { return plan_online(users_v1(), target, OnlinePlanSettings{}); }

TEST(OnlinePlan, NothingChangedPlansNothing) { EXPECT_TRUE(plan(users_v1()).revisions.empty()); }

TEST(OnlinePlan, AnIndexIsBuiltConcurrentlyInOneRevision) {
  auto result = plan(changed([](Table& users) { users.indexes.push_back(v::index("users", {"age"}, 13)); }));
  ASSERT_EQ(result.revisions.size(), 1u);
  EXPECT_FALSE(result.revisions[0].phase);
  ASSERT_EQ(result.revisions[0].upgrade.size(), 1u);
  EXPECT_TRUE(std::get<CreateIndex>(result.revisions[0].upgrade[0]).concurrently);
  EXPECT_TRUE(std::get<DropIndex>(result.revisions[0].downgrade[0]).concurrently);
}

TEST(OnlinePlan, SetNotNullGoesThroughAValidatedCheck) {
  auto result = plan(changed([](Table& users) {
    users.find_column("age")->nullable = false;
    users.find_column("age")->server_default = "0";
  }));
  ASSERT_EQ(result.revisions.size(), 1u);
  const auto& upgrade = result.revisions[0].upgrade;
  EXPECT_EQ(count_of<Backfill>(upgrade), 1u) << "the NULLs get the server default first";
  EXPECT_EQ(count_of<AddCheckConstraint>(upgrade), 1u);
  EXPECT_EQ(count_of<ValidateConstraint>(upgrade), 1u);
  EXPECT_EQ(count_of<DropCheckConstraint>(upgrade), 1u);
  EXPECT_TRUE(std::get<AddCheckConstraint>(upgrade[upgrade.size() - 4]).not_valid);
}

TEST(OnlinePlan, ARenameIsSplitWithATriggerAndABackfill) {
  auto result = plan(changed([](Table& users) {
    users.find_column("name")->name = "full_name";
    users.find_column("full_name")->renamed_from = "name";
  }));
  ASSERT_EQ(result.revisions.size(), 2u);
  const auto& expand = result.revisions[0];
  const auto& contract = result.revisions[1];
  EXPECT_EQ(expand.phase, MigrationPhase::expand);
  EXPECT_EQ(contract.phase, MigrationPhase::contract);
  EXPECT_EQ(count_of<AddColumn>(expand.upgrade), 1u);
  EXPECT_EQ(count_of<CreateSyncTrigger>(expand.upgrade), 1u);
  EXPECT_EQ(count_of<Backfill>(expand.upgrade), 1u);
  EXPECT_EQ(count_of<RenameColumn>(expand.upgrade), 0u) << "the running application never sees a rename";
  EXPECT_EQ(count_of<DropSyncTrigger>(contract.upgrade), 1u);
  EXPECT_EQ(count_of<DropColumn>(contract.upgrade), 1u);
  EXPECT_EQ(count_of<ValidateConstraint>(contract.upgrade), 1u) << "NOT NULL enforced online";
  EXPECT_EQ(count_of<CreateSyncTrigger>(contract.downgrade), 1u) << "the old column comes back kept in step";
}

TEST(OnlinePlan, ARewritingTypeChangeSwapsInAReplacementColumn) {
  auto result = plan(changed([](Table& users) {
    users.find_column("age")->type = v::of(TypeKind::int64);
    users.indexes.push_back(v::index("users", {"age"}, 13));
  }));
  ASSERT_EQ(result.revisions.size(), 2u);
  const auto& expand = result.revisions[0].upgrade;
  const auto& added = std::get<AddColumn>(expand[0]);
  EXPECT_EQ(added.column.name, "_sqlmodel_new_age");
  EXPECT_EQ(added.column.type.kind, TypeKind::int64);
  const auto& index = std::get<CreateIndex>(expand.back());
  EXPECT_EQ(index.index.name, "_sqlmodel_new_ix_users_age");
  EXPECT_TRUE(index.concurrently);
  const auto& contract = result.revisions[1].upgrade;
  auto rename = std::find_if(contract.begin(), contract.end(),
                             [](const Operation& op) { return std::holds_alternative<RenameColumn>(op); });
  ASSERT_NE(rename, contract.end());
  EXPECT_EQ(std::get<RenameColumn>(*rename).from, "_sqlmodel_new_age");
  EXPECT_EQ(count_of<RenameIndex>(contract), 1u) << "the index built on the replacement takes its final name";
  EXPECT_EQ(count_of<RenameConstraint>(contract), 0u);
}

TEST(OnlinePlan, AWideningThatNeedsNoRewriteIsNotSplit) {
  auto result = plan(changed([](Table& users) { users.find_column("name")->type = v::string_of(200); }));
  ASSERT_EQ(result.revisions.size(), 1u);
  EXPECT_TRUE(result.notes.empty());
}

TEST(OnlinePlan, AColumnAGeneratedColumnIsComputedFromIsNotSwapped) {
  // A replacement column would leave the generated column computed from the old one.
  auto with_generated = [](Schema schema) {
    Column next_age = v::column("next_age", v::of(TypeKind::int64), true, 14);
    next_age.generated = "age + 1";
    schema.find_table("users")->columns.push_back(next_age);
    return schema;
  };
  Schema before = with_generated(users_v1());
  Schema after = with_generated(users_v1());
  after.find_table("users")->find_column("age")->type = v::of(TypeKind::int64);
  auto result = plan_online(before, after, OnlinePlanSettings{});
  std::string notes;
  for (const auto& note : result.notes) notes += note + "\n";
  EXPECT_NE(notes.find("alter column users.age (int32 -> int64) is not split into expand and contract "
                       "(generated column next_age is computed from it)"),
            std::string::npos)
      << notes;
  for (const auto& revision : result.revisions)
    for (const auto& operation : revision.upgrade)
      if (const auto* added = std::get_if<AddColumn>(&operation))
        EXPECT_NE(added->column.name.rfind("_sqlmodel_new_", 0), 0u) << "no replacement column";
}

TEST(OnlinePlan, ANewNotNullColumnKeepsItsModelDefaultAsServerDefaultUntilContract) {
  auto result = plan(changed([](Table& users) {
    Column locale = v::column("locale", v::string_of(10), false, 14);
    locale.default_value = "\"en\"";
    locale.source = {};
    users.columns.push_back(locale);
  }));
  ASSERT_EQ(result.revisions.size(), 2u);
  const auto& added = std::get<AddColumn>(result.revisions[0].upgrade[0]);
  EXPECT_EQ(added.column.server_default, "'en'");
  EXPECT_FALSE(added.column.nullable);
  const auto& dropped_default = std::get<AlterColumn>(result.revisions[1].upgrade[0]);
  EXPECT_FALSE(dropped_default.to.server_default);
}

TEST(OnlinePlan, ADroppedColumnIsOnlyDroppedByContract) {
  auto result = plan(changed([](Table& users) {
    std::erase_if(users.columns, [](const Column& column) { return column.name == "name"; });
  }));
  ASSERT_EQ(result.revisions.size(), 2u);
  // The new version does not write it: it becomes nullable first.
  const auto& relaxed = std::get<AlterColumn>(result.revisions[0].upgrade[0]);
  EXPECT_TRUE(relaxed.to.nullable);
  EXPECT_EQ(count_of<DropColumn>(result.revisions[1].upgrade), 1u);
}

TEST(OnlinePlan, AKeyColumnIsNotSplitAndANoteSaysWhy) {
  auto result = plan(changed([](Table& users) {
    users.find_column("id")->name = "user_id";
    users.find_column("user_id")->renamed_from = "id";
    users.primary_key->columns = {"user_id"};
  }));
  ASSERT_EQ(result.revisions.size(), 1u);
  EXPECT_EQ(count_of<RenameColumn>(result.revisions[0].upgrade), 1u);
  ASSERT_FALSE(result.notes.empty());
  EXPECT_NE(result.notes[0].find("part of the primary key"), std::string::npos) << result.notes[0];
}

}  // namespace
}  // namespace sqlmodel::migrate
