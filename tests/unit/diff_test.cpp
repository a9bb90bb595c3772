#include "schema/diff.hpp"

#include <gtest/gtest.h>

#include "model_versions.hpp"
#include "support/every_feature_schema.hpp"

namespace sqlmodel::schema {
namespace {

namespace v = sqlmodel::testing::versions;

std::vector<std::string> descriptions(const std::vector<Operation>& operations) {
  std::vector<std::string> lines;
  for (const auto& operation : operations) lines.push_back(describe(operation));
  return lines;
}

Schema replayed(Schema schema, const std::vector<Operation>& operations) {
  for (const auto& operation : operations) apply_to_schema(schema, operation);
  return schema;
}

// The two promises of diff.hpp, checked on one pair.
void expect_round_trip(const Schema& from, const Schema& to, const std::string& label) {
  SCOPED_TRACE(label);
  auto operations = diff(from, to);
  Schema forward = replayed(without_rename_hints(from), operations);
  EXPECT_EQ(forward, without_rename_hints(to)) << "upgrade does not reach the target";
  Schema backward = replayed(without_rename_hints(to), invert(operations));
  EXPECT_EQ(backward, without_rename_hints(from)) << "downgrade does not come back";
  EXPECT_TRUE(diff(forward, to).empty()) << "a second diff still finds changes";
}

TEST(Diff, EqualSchemasGiveNoOperations) {
  EXPECT_TRUE(diff(v::v1(), v::v1()).empty());
  auto every = testing::every_feature_schema();
  EXPECT_TRUE(diff(every, every).empty());
}

TEST(Diff, EveryStepOfTheChainUpgradesAndDowngradesExactly) {
  auto chain = v::chain();
  ASSERT_GE(chain.size(), 13u);
  for (std::size_t i = 1; i < chain.size(); ++i)
    expect_round_trip(chain[i - 1].schema, chain[i].schema, chain[i].name);
}

TEST(Diff, EveryStepHasAtLeastOneOperation) {
  auto chain = v::chain();
  for (std::size_t i = 1; i < chain.size(); ++i)
    EXPECT_FALSE(diff(chain[i - 1].schema, chain[i].schema).empty()) << chain[i].name;
}

TEST(Diff, WholeChainInOneStepAndBackToNothing) {
  auto chain = v::chain();
  const Schema empty;
  expect_round_trip(empty, chain.back().schema, "empty -> last");
  expect_round_trip(chain.back().schema, empty, "last -> empty");
  expect_round_trip(chain.front().schema, chain.back().schema, "first -> last");
  expect_round_trip(chain.back().schema, chain.front().schema, "last -> first");
}

TEST(Diff, EveryFeatureSchemaFromAndToNothing) {
  const Schema empty;
  auto every = testing::every_feature_schema();
  expect_round_trip(empty, every, "create everything");
  expect_round_trip(every, empty, "drop everything");
  expect_round_trip(testing::awkward_identifiers_schema(), every, "awkward -> every feature");
}

TEST(Diff, AddNotNullColumnWithServerDefault) {
  auto chain = v::chain();
  auto operations = diff(chain[1].schema, chain[2].schema);
  ASSERT_EQ(operations.size(), 1u);
  const auto* add = std::get_if<AddColumn>(&operations[0]);
  ASSERT_NE(add, nullptr);
  EXPECT_EQ(add->table, "users");
  EXPECT_EQ(add->column, chain[2].schema.find_table("users")->columns.back());
  EXPECT_FALSE(add->position.has_value()) << "appended columns carry no position";
  EXPECT_EQ(describe(operations[0]), "add column users.login_count int32 not null default 0");
}

TEST(Diff, DroppedMiddleColumnRemembersItsPosition) {
  auto chain = v::chain();
  auto operations = diff(chain[2].schema, chain[3].schema);
  ASSERT_EQ(operations.size(), 1u);
  const auto* drop = std::get_if<DropColumn>(&operations[0]);
  ASSERT_NE(drop, nullptr);
  EXPECT_EQ(drop->column.name, "nickname");
  EXPECT_EQ(drop->position, std::optional<std::size_t>(3));
}

TEST(Diff, AddedColumnGoesToItsDeclarationPosition) {
  Schema from = v::v1();
  Schema to = from;
  auto& columns = to.find_table("users")->columns;
  columns.insert(columns.begin() + 1, v::column("handle", v::string_of(30), true, 21));
  auto operations = diff(from, to);
  ASSERT_EQ(operations.size(), 1u);
  EXPECT_EQ(std::get<AddColumn>(operations[0]).position, std::optional<std::size_t>(1));
  EXPECT_EQ(replayed(from, operations), to);
}

TEST(Diff, RenameComesOnlyFromRenamedFrom) {
  auto chain = v::chain();
  EXPECT_EQ(descriptions(diff(chain[3].schema, chain[4].schema)),
            std::vector<std::string>{"rename column users.email to email_address"});

  // The same change without the hint is a drop and an add: never guessed.
  Schema unhinted = without_rename_hints(chain[4].schema);
  EXPECT_EQ(descriptions(diff(chain[3].schema, unhinted)),
            (std::vector<std::string>{"drop column users.email",
                                      "add column users.email_address string(255) not null"}));
}

TEST(Diff, ColumnRenameUsedInACheckIsOnlyTheRename) {
  const Schema from = v::chain().back().schema;
  Schema to = from;
  Table& users = *to.find_table("users");
  Column& count = *users.find_column("login_count");
  count.name = "logins";
  count.renamed_from = "login_count";
  for (auto& index : users.indexes)
    for (auto& column : index.columns)
      if (column == "login_count") column = "logins";
  ASSERT_FALSE(users.check_constraints.empty());
  for (auto& check : users.check_constraints) check.expression = "logins >= 0";
  EXPECT_EQ(descriptions(diff(from, to)), std::vector<std::string>{"rename column users.login_count to logins"});
  expect_round_trip(from, to, "rename inside a CHECK");
}

TEST(Diff, StaleRenameHintRenamesNothing) {
  auto chain = v::chain();
  // The history already renamed email -> email_address; the hint is still in the models.
  Schema replay = without_rename_hints(chain[4].schema);
  EXPECT_TRUE(diff(replay, chain[4].schema).empty());
  // Later versions keep the stale hint: still only their own change.
  EXPECT_EQ(descriptions(diff(without_rename_hints(chain[4].schema), chain[5].schema)),
            std::vector<std::string>{"alter column teams.name: type string(100) -> string(200)"});
  // A hint whose old name never existed is ignored too.
  Schema odd = chain[4].schema;
  odd.find_table("teams")->columns[1].renamed_from = "no_such_column";
  EXPECT_TRUE(diff(replay, odd).empty());
}

TEST(Diff, TableRenameKeepsRowsAndRenamesConstraintNames) {
  auto chain = v::chain();
  const auto& before = chain[chain.size() - 3].schema;
  const auto& after = chain[chain.size() - 2].schema;
  ASSERT_EQ(chain[chain.size() - 2].name, "rename table");
  // The names that follow the table's are renamed, not dropped and made again (which would
  // rebuild their indexes and leave a window without the keys).
  EXPECT_EQ(descriptions(diff(before, after)),
            (std::vector<std::string>{
                "rename table projects to workspaces",
                "rename index ix_projects_team_id on workspaces to ix_workspaces_team_id",
                "rename constraint fk_projects_team_id_teams on workspaces to fk_workspaces_team_id_teams",
                "rename constraint pk_projects on workspaces to pk_workspaces",
            }));
  expect_round_trip(before, after, "rename table");
}

TEST(Diff, EveryKindOfConstraintAndIndexIsRenamedWithItsTable) {
  // every_feature's users: a primary key, unique constraints and indexes, checks, and keys of
  // other tables that refer to it.
  const Schema from = sqlmodel::testing::every_feature_schema();
  Schema to = from;
  Table& users = *to.find_table("users");
  users.name = "members";
  users.renamed_from = "users";
  auto rename = [](std::string& name) {
    if (auto at = name.find("users"); at != std::string::npos) name.replace(at, 5, "members");
  };
  if (users.primary_key) rename(users.primary_key->name);
  for (auto& item : users.unique_constraints) rename(item.name);
  for (auto& item : users.check_constraints) rename(item.name);
  for (auto& item : users.indexes) rename(item.name);
  for (auto& item : users.foreign_keys) rename(item.name);
  for (auto& table : to.tables)
    for (auto& key : table.foreign_keys)
      if (key.referred_table == "users") {
        key.referred_table = "members";
        rename(key.name);
      }
  for (auto& table : to.tables)
    for (auto& relationship : table.relationships) {
      if (relationship.target_table == "users") relationship.target_table = "members";
      if (relationship.link_table == "users") relationship.link_table = "members";
    }
  sort_canonically(to);
  auto operations = diff(from, to);
  ASSERT_FALSE(operations.empty());
  EXPECT_EQ(describe(operations.front()), "rename table users to members");
  std::size_t renames = 0;
  for (const auto& operation : operations) {
    EXPECT_TRUE((std::holds_alternative<RenameTable>(operation) || std::holds_alternative<RenameIndex>(operation) ||
                 std::holds_alternative<RenameConstraint>(operation) ||
                 std::holds_alternative<AlterTableMetadata>(operation)))
        << "not a rename: " << describe(operation);
    renames += std::holds_alternative<RenameIndex>(operation) || std::holds_alternative<RenameConstraint>(operation);
  }
  EXPECT_GE(renames, 2u);
  expect_round_trip(from, to, "every kind renamed with its table");
}

TEST(Diff, IndexOverARenamedColumnIsRenamedWithIt) {
  const Schema from = v::chain()[6].schema;  // users has ix_users_login_count
  Schema to = from;
  Table& users = *to.find_table("users");
  ASSERT_EQ(users.indexes.size(), 1u);
  Column& count = *users.find_column("login_count");
  count.name = "logins";
  count.renamed_from = "login_count";
  users.indexes[0].columns = {"logins"};
  users.indexes[0].name = naming::index("users", {"logins"});
  sort_canonically(to);
  EXPECT_EQ(descriptions(diff(from, to)),
            (std::vector<std::string>{
                "rename column users.login_count to logins",
                "rename index ix_users_login_count on users to ix_users_logins",
            }));
  expect_round_trip(from, to, "index over a renamed column");
}

TEST(Diff, ANameThatChangesHandsStillReplays) {
  // users' index takes the name teams' primary key has now, while that key gets another name in
  // the same change: a rename onto a name still in use is never emitted, and whatever the diff
  // does instead replays both ways.
  const Schema from = v::chain()[6].schema;  // users has an index, teams a primary key
  Schema to = from;
  Table& teams = *to.find_table("teams");
  ASSERT_TRUE(teams.primary_key.has_value());
  const std::string handed_over = teams.primary_key->name;
  teams.primary_key->name = handed_over + "_old";
  Table& users = *to.find_table("users");
  ASSERT_FALSE(users.indexes.empty());
  users.indexes.front().name = handed_over;
  sort_canonically(to);
  expect_round_trip(from, to, "a name that changes hands");
}

TEST(Diff, RenamingAReferencedTableRenamesTheForeignKeysOnItsKey) {
  // users.team_id -> teams.id; teams becomes squads, and its key pk_teams becomes pk_squads.
  auto chain = v::chain();
  Schema from = chain[9].schema;
  Schema to = from;
  Table& teams = *to.find_table("teams");
  teams.name = "squads";
  teams.renamed_from = "teams";
  teams.primary_key->name = naming::primary_key("squads");
  Table& users = *to.find_table("users");
  users.foreign_keys[0].referred_table = "squads";
  users.foreign_keys[0].name = naming::foreign_key("users", {"team_id"}, "squads");
  users.relationships[0].target_table = "squads";
  sort_canonically(to);
  EXPECT_EQ(descriptions(diff(from, to)),
            (std::vector<std::string>{
                "rename table teams to squads",
                "rename constraint pk_teams on squads to pk_squads",
                "rename constraint fk_users_team_id_teams on users to fk_users_team_id_squads",
            }));
  expect_round_trip(from, to, "rename a referenced table");
}

TEST(Diff, EnumValueInsertedAtItsPosition) {
  auto chain = v::chain();
  auto operations = diff(chain[13].schema, chain[14].schema);
  ASSERT_EQ(chain[14].name, "enum value added");
  ASSERT_EQ(operations.size(), 1u);
  const auto& add = std::get<AddEnumValue>(operations[0]);
  EXPECT_EQ(add.enum_name, "userstatus");
  EXPECT_EQ(add.value, "invited");
  EXPECT_EQ(add.position, 1u);
}

TEST(Diff, EnumValuesRemovedAndAddedAroundTheKeptOnes) {
  Schema from = v::v1();
  from.enums[0].values = {"a", "b", "c", "d"};
  Schema to = from;
  to.enums[0].values = {"b", "x", "d", "a"};
  EXPECT_EQ(descriptions(diff(from, to)),
            (std::vector<std::string>{"remove value 'c' from enum userstatus",
                                      "remove value 'a' from enum userstatus",
                                      "add value 'x' to enum userstatus at position 1",
                                      "add value 'a' to enum userstatus at position 3"}));
  expect_round_trip(from, to, "reordered enum");
}

TEST(Diff, ForeignKeyCycleIsClosedAfterBothTablesExist) {
  auto chain = v::chain();
  Schema cycle;  // teams <-> users, nothing else
  cycle.enums = chain.back().schema.enums;
  cycle.tables = {*chain.back().schema.find_table("teams"), *chain.back().schema.find_table("users")};
  cycle.tables[0].relationships.clear();
  EXPECT_EQ(descriptions(diff(Schema{}, cycle)),
            (std::vector<std::string>{
                "create enum userstatus (active, invited, suspended)",
                "create table teams",
                "create table users",
                "add foreign key fk_teams_lead_user_id_users on teams (lead_user_id) -> users (id)",
            }));
  // Dropping them opens the cycle first, then drops children before parents.
  EXPECT_EQ(descriptions(diff(cycle, Schema{})),
            (std::vector<std::string>{
                "drop foreign key fk_teams_lead_user_id_users on teams",
                "drop table users",
                "drop table teams",
                "drop enum userstatus",
            }));
}

TEST(Diff, NewTableCreatedBeforeTheForeignKeyThatNeedsIt) {
  auto chain = v::chain();
  Schema from = chain[8].schema;  // users.team_id exists, no foreign key yet
  Schema to = from;
  Table owners = v::table("owners", 60);
  to.tables.push_back(owners);
  to.find_table("users")->columns.push_back(v::column("owner_id", v::of(TypeKind::int64), true, 29));
  to.find_table("users")->foreign_keys.push_back(v::foreign_key("users", {"owner_id"}, "owners", 29));
  sort_canonically(to);
  EXPECT_EQ(descriptions(diff(from, to)),
            (std::vector<std::string>{
                "create table owners",
                "add column users.owner_id int64",
                "add foreign key fk_users_owner_id_owners on users (owner_id) -> owners (id)",
            }));
}

TEST(Diff, DropsWhatStandsOnAColumnBeforeTheColumn) {
  auto chain = v::chain();
  Schema from = chain[10].schema;  // users.team_id with composite unique and foreign key
  Schema to = from;
  Table& users = *to.find_table("users");
  users.unique_constraints.clear();
  users.foreign_keys.clear();
  users.relationships.clear();
  users.columns.erase(users.columns.begin() + 4);  // team_id
  ASSERT_EQ(users.columns.size(), 4u);
  EXPECT_EQ(descriptions(diff(from, to)),
            (std::vector<std::string>{
                "drop foreign key fk_users_team_id_teams on users",
                "drop unique constraint uq_users_email_address_team_id on users",
                "drop column users.team_id",
                "alter model metadata of table users: relationships",
            }));
  expect_round_trip(from, to, "drop a column under constraints");
}

TEST(Diff, ModelOnlyChangesBecomeMetadata) {
  auto chain = v::chain();
  auto operations = diff(chain[chain.size() - 2].schema, chain.back().schema);
  EXPECT_EQ(descriptions(operations),
            (std::vector<std::string>{
                "alter column users.id: default none -> null",
                "alter model metadata of table teams: relationships, comment, source location",
            }));
}

TEST(Diff, ColumnReorderIsMetadata) {
  Schema from = v::v1();
  Schema to = from;
  auto& columns = to.find_table("users")->columns;
  std::swap(columns[1], columns[2]);
  EXPECT_EQ(descriptions(diff(from, to)),
            std::vector<std::string>{"alter model metadata of table users: column order"});
}

TEST(Diff, ConstraintChangedInPlaceIsDroppedThenAdded) {
  auto chain = v::chain();
  Schema from = chain[12].schema;
  Schema to = from;
  to.find_table("users")->check_constraints[0].expression = "login_count >= 1";
  EXPECT_EQ(descriptions(diff(from, to)),
            (std::vector<std::string>{
                "drop check constraint ck_users_login_count_nonnegative on users",
                "add check constraint ck_users_login_count_nonnegative on users (login_count >= 1)",
            }));
}

TEST(Diff, ChainedTableRenamesResolve) {
  Schema from = v::v1();
  Schema to = from;
  Table& teams = *to.find_table("teams");
  teams.name = "groups";
  teams.renamed_from = "teams";
  Table& users = *to.find_table("users");
  users.name = "members";
  users.renamed_from = "users";
  sort_canonically(to);
  auto operations = diff(from, to);
  EXPECT_EQ(describe(operations[0]), "rename table teams to groups");
  EXPECT_EQ(describe(operations[1]), "rename table users to members");
  expect_round_trip(from, to, "two table renames");
}

}  // namespace
}  // namespace sqlmodel::schema
