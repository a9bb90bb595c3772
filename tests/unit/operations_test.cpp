#include "schema/operations.hpp"

#include <set>

#include <gtest/gtest.h>

#include "model_versions.hpp"
#include "schema/diff.hpp"
#include "support/every_feature_schema.hpp"

namespace sqlmodel::schema {
namespace {

namespace v = sqlmodel::testing::versions;

// Every operation the chain and the every-feature schema produce, both directions.
std::vector<Operation> sample_operations() {
  std::vector<Operation> all;
  auto chain = v::chain();
  auto add = [&](const std::vector<Operation>& operations) {
    all.insert(all.end(), operations.begin(), operations.end());
  };
  for (std::size_t i = 1; i < chain.size(); ++i) {
    add(diff(chain[i - 1].schema, chain[i].schema));
    add(diff(chain[i].schema, chain[i - 1].schema));
  }
  add(diff(Schema{}, testing::every_feature_schema()));
  add(diff(testing::every_feature_schema(), Schema{}));
  // A primary key that changes columns is dropped and added (renames no longer do that).
  Schema widened = chain[12].schema;
  Table& projects = *widened.find_table("projects");
  projects.primary_key->columns.push_back("team_id");
  add(diff(chain[12].schema, widened));
  // What only online plans write (online_plan.hpp), with an exact inverse.
  all.push_back(CreateSyncTrigger{"users", "name", "full_name"});
  all.push_back(DropSyncTrigger{"users", "name", "full_name"});
  all.push_back(CreateIndex{"users", v::index("users", {"email"}, 22), true});
  return all;
}

TEST(Invert, TwiceIsTheIdentityForEveryKind) {
  auto operations = sample_operations();
  std::set<std::size_t> kinds;
  for (const auto& operation : operations) {
    kinds.insert(operation.index());
    EXPECT_EQ(invert(invert(operation)), operation) << describe(operation);
  }
  // Every kind but those without an inverse (SqlStep, ValidateConstraint, Backfill) is in the
  // sample.
  EXPECT_EQ(kinds.size(), std::variant_size_v<Operation> - 3) << "the sample misses operation kinds";
}

TEST(Invert, StepsThatChangeNoSchemaAreLeftOutOfAListsInverse) {
  Backfill backfill;
  backfill.table = "users";
  backfill.set["full_name"] = "\"name\"";
  std::vector<Operation> operations{CreateSyncTrigger{"users", "name", "full_name"}, backfill,
                                    ValidateConstraint{"users", "ck_users_x"}};
  EXPECT_EQ(invert(operations), (std::vector<Operation>{DropSyncTrigger{"users", "name", "full_name"}}));
  EXPECT_THROW(invert(Operation{ValidateConstraint{"users", "ck_users_x"}}), std::invalid_argument);
  EXPECT_THROW(invert(Operation{backfill}), std::invalid_argument);
  // A key that took over an index cannot give it back.
  EXPECT_THROW(invert(Operation{AddUniqueConstraint{"users", UniqueConstraint{"uq", {"email"}, {}}, "uq"}}),
               std::invalid_argument);
}

TEST(Invert, ADroppedNotNullColumnWithAModelDefaultComesBackFilled) {
  Column locale = v::column("locale", v::string_of(10), false, 9);
  locale.default_value = "\"en\"";
  EXPECT_EQ(invert(Operation{DropColumn{"users", locale, std::nullopt}}),
            Operation(AddColumn{"users", locale, std::nullopt, true}));
  Column optional_locale = locale;
  optional_locale.nullable = true;
  EXPECT_EQ(invert(Operation{DropColumn{"users", optional_locale, std::nullopt}}),
            Operation(AddColumn{"users", optional_locale, std::nullopt, false}));
}

TEST(Invert, PairsEachOperationWithItsOpposite) {
  Column email = v::column("email", v::string_of(255), false, 3);
  EXPECT_EQ(invert(Operation{AddColumn{"users", email, 2}}), Operation(DropColumn{"users", email, 2}));
  EXPECT_EQ(invert(Operation{RenameColumn{"users", "a", "b"}}), Operation(RenameColumn{"users", "b", "a"}));
  EXPECT_EQ(invert(Operation{RenameTable{"a", "b"}}), Operation(RenameTable{"b", "a"}));
  EXPECT_EQ(invert(Operation{RenameIndex{"t", "a", "b"}}), Operation(RenameIndex{"t", "b", "a"}));
  EXPECT_EQ(invert(Operation{RenameConstraint{"t", "a", "b"}}), Operation(RenameConstraint{"t", "b", "a"}));
  EXPECT_EQ(invert(Operation{AddEnumValue{"status", "x", 1}}), Operation(RemoveEnumValue{"status", "x", 1}));
  Column wider = email;
  wider.type = v::string_of(300);
  EXPECT_EQ(invert(Operation{AlterColumn{"users", email, wider}}), Operation(AlterColumn{"users", wider, email}));
}

TEST(Invert, ListIsReversed) {
  std::vector<Operation> operations{RenameTable{"a", "b"}, RenameTable{"b", "c"}};
  EXPECT_EQ(invert(operations),
            (std::vector<Operation>{RenameTable{"c", "b"}, RenameTable{"b", "a"}}));
}

TEST(Invert, SqlStepHasNoAutomaticInverse) {
  SqlStep step;
  step.sql = "UPDATE users SET status = 'active'";
  step.description = "backfill status";
  try {
    invert(Operation{step});
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("backfill status"), std::string::npos) << error.what();
  }
}

// apply_to_schema must refuse, naming the object, rather than absorb a wrong operation.
void expect_refused(Schema schema, const Operation& operation, const std::vector<std::string>& words) {
  try {
    apply_to_schema(schema, operation);
    ADD_FAILURE() << "accepted: " << describe(operation);
  } catch (const std::invalid_argument& error) {
    for (const auto& word : words)
      EXPECT_NE(std::string(error.what()).find(word), std::string::npos)
          << "\"" << word << "\" missing from: " << error.what();
  }
}

TEST(Apply, RefusesWhatDoesNotFit) {
  const Schema schema = v::chain()[12].schema;  // users with check, foreign key, composite unique
  Column ghost = v::column("ghost", v::of(TypeKind::int32), true, 1);
  expect_refused(schema, DropColumn{"users", ghost, {}}, {"users", "ghost"});
  expect_refused(schema, AddColumn{"nowhere", ghost, {}}, {"nowhere"});
  expect_refused(schema, AddColumn{"users", *schema.find_table("users")->find_column("status"), {}},
                 {"users", "status", "already"});
  expect_refused(schema, CreateTable{*schema.find_table("teams")}, {"teams", "already exists"});
  expect_refused(schema, DropTable{*schema.find_table("teams")},
                 {"teams", "fk_projects_team_id_teams", "still refers"});
  expect_refused(schema, RenameColumn{"users", "status", "email_address"}, {"email_address", "already"});
  expect_refused(schema, RenameTable{"users", "teams"}, {"teams", "already exists"});
  expect_refused(schema, AddColumn{"users", ghost, 99}, {"position 99"});
  expect_refused(schema, RenameIndex{"users", "ix_nowhere", "ix_x"}, {"users", "has no index", "ix_nowhere"});
  expect_refused(schema, RenameConstraint{"users", "ck_nowhere", "ck_x"}, {"users", "ck_nowhere"});
  expect_refused(schema, RenameConstraint{"users", "pk_users", "pk_teams"}, {"pk_teams", "already used", "teams"});
  expect_refused(schema, DropIndex{"users", v::index("users", {"status"}, 1)}, {"users", "ix_users_status"});
  expect_refused(schema, AddUniqueConstraint{"users", {"uq_x", {"nope"}, {}}}, {"users", "nope"});
  expect_refused(schema, AddForeignKey{"users", v::foreign_key("users", {"team_id"}, "galaxies", 1)},
                 {"galaxies", "does not exist"});
  expect_refused(schema, RemoveEnumValue{"userstatus", "suspended", 0}, {"position 1"});
  expect_refused(schema, AddEnumValue{"userstatus", "active", 0}, {"already"});
  expect_refused(schema, DropEnum{schema.enums[0]}, {"users.status", "still uses"});
  CheckConstraint duplicate = schema.find_table("users")->check_constraints[0];
  expect_refused(schema, AddCheckConstraint{"teams", duplicate}, {duplicate.name, "users"});
}

TEST(Apply, OnlineOperationsCheckWhatTheyNeed) {
  Schema schema = v::chain()[12].schema;
  apply_to_schema(schema, CreateIndex{"users", v::index("users", {"status"}, 1)});
  expect_refused(schema, ValidateConstraint{"users", "ix_users_status"}, {"users", "no foreign key or check", "ix_users_status"});
  expect_refused(schema, RenameIndex{"users", "nothing", "something"}, {"users", "no index", "nothing"});
  expect_refused(schema, RenameIndex{"users", "ix_users_status", "fk_projects_team_id_teams"},
                 {"fk_projects_team_id_teams", "already used"});
  expect_refused(schema, CreateSyncTrigger{"users", "status", "ghost"}, {"users", "ghost"});
  expect_refused(schema, CreateSyncTrigger{"users", "status", "status"}, {"itself"});
  Backfill backfill;
  backfill.table = "users";
  backfill.set["ghost"] = "1";
  expect_refused(schema, backfill, {"users", "ghost"});
  backfill.set = {{"status", "'active'"}};
  backfill.batch_size = 0;
  expect_refused(schema, backfill, {"batch_size"});
  // A key takes over only a plain unique index on exactly its columns.
  expect_refused(schema, AddUniqueConstraint{"users", {"uq_users_status", {"status"}, {}}, "ix_users_status"},
                 {"ix_users_status", "not a plain unique"});
  expect_refused(schema, AddUniqueConstraint{"users", {"uq_users_status", {"status"}, {}}, "ix_nothing"},
                 {"no index", "ix_nothing"});
  Column locale = v::column("locale", v::string_of(10), false, 9);
  expect_refused(schema, AddColumn{"users", locale, std::nullopt, true}, {"fill_existing_rows", "model"});
}

TEST(Apply, AKeyTakesOverTheUniqueIndexBuiltForIt) {
  Schema schema = v::chain()[12].schema;
  Index index = v::index("users", {"status"}, 1);
  index.name = "uq_users_status";
  index.unique = true;
  index.source = {};
  apply_to_schema(schema, CreateIndex{"users", index, true});
  apply_to_schema(schema, AddUniqueConstraint{"users", {"uq_users_status", {"status"}, {}}, "uq_users_status"});
  const Table& users = *schema.find_table("users");
  EXPECT_TRUE(std::none_of(users.indexes.begin(), users.indexes.end(),
                           [](const Index& each) { return each.name == "uq_users_status"; }));
  EXPECT_TRUE(std::any_of(users.unique_constraints.begin(), users.unique_constraints.end(),
                          [](const UniqueConstraint& each) { return each.name == "uq_users_status"; }));
  // Renaming an index or a constraint is one operation, and so is its inverse.
  apply_to_schema(schema, RenameConstraint{"users", "uq_users_status", "uq_users_state"});
  EXPECT_EQ(schema.find_table("users")->unique_constraints.back().name.substr(0, 3), "uq_");
  apply_to_schema(schema, invert(Operation{RenameConstraint{"users", "uq_users_status", "uq_users_state"}}));
}

TEST(Apply, RefusesDroppingAColumnSomethingStandsOn) {
  const Schema schema = v::chain()[12].schema;
  const Table& users = *schema.find_table("users");
  const Column& team_id = *users.find_column("team_id");
  expect_refused(schema, DropColumn{"users", team_id, {}}, {"users", "team_id", "fk_users_team_id_teams"});
}

TEST(Apply, RefusesAnOperationWhoseObjectWasEdited) {
  const Schema schema = v::chain()[12].schema;
  Column status = *schema.find_table("users")->find_column("status");
  status.nullable = true;
  Column changed = status;
  changed.comment = "x";
  expect_refused(schema, AlterColumn{"users", status, changed}, {"users", "status", "nullable"});
  expect_refused(schema, DropColumn{"users", status, 2}, {"users", "status", "edited"});
}

TEST(Apply, MetadataCannotSmuggleADatabaseChange) {
  const Schema schema = v::v1();
  Table before = *schema.find_table("users");
  Table after = before;
  after.columns[1].type = v::string_of(10);
  expect_refused(schema, AlterTableMetadata{before, after}, {"users", "reaches the database"});
}

TEST(Apply, KeepsTheSchemaSorted) {
  Schema schema = v::v1();
  apply_to_schema(schema, CreateTable{v::table("aardvarks", 1)});
  EXPECT_EQ(schema.tables.front().name, "aardvarks");
  Schema sorted = schema;
  sort_canonically(sorted);
  EXPECT_EQ(schema, sorted);
}

TEST(Apply, KeepsTheTouchedTablesListsSorted) {
  Schema schema = v::chain()[7].schema;  // users has no index
  apply_to_schema(schema, CreateIndex{"users", v::index("users", {"status"}, 1)});
  apply_to_schema(schema, CreateIndex{"users", v::index("users", {"email_address"}, 1)});
  const auto& indexes = schema.find_table("users")->indexes;
  ASSERT_EQ(indexes.size(), 2u);
  EXPECT_EQ(indexes[0].name, "ix_users_email_address");
  EXPECT_EQ(indexes[1].name, "ix_users_status");
  apply_to_schema(schema, RenameTable{"users", "accounts"});
  EXPECT_EQ(schema.tables.front().name, "accounts") << "tables re-sorted after a rename";
}

TEST(Apply, ColumnRenameFollowsIntoKeysAndReferences) {
  Schema schema = v::chain()[12].schema;
  apply_to_schema(schema, RenameColumn{"teams", "id", "team_key"});
  EXPECT_EQ(schema.find_table("teams")->primary_key->columns, std::vector<std::string>{"team_key"});
  EXPECT_EQ(schema.find_table("users")->foreign_keys[0].referred_columns, std::vector<std::string>{"team_key"});
  apply_to_schema(schema, RenameColumn{"teams", "team_key", "id"});
  EXPECT_EQ(schema, v::chain()[12].schema);
}

TEST(Apply, ColumnRenameFollowsIntoChecksAndIndexPredicates) {
  Schema schema = v::chain()[12].schema;
  Table& users = *schema.find_table("users");
  users.check_constraints.push_back({"ck_users_login_count", "login_count >= 0 AND login_count < 1000", {}});
  users.indexes.push_back({"ix_users_active_logins", {"login_count"}, false, "login_count > 0", {}, {}});
  sort_canonically(schema);
  const Schema before = schema;
  apply_to_schema(schema, RenameColumn{"users", "login_count", "logins"});
  std::vector<std::string> predicates;
  for (const auto& check : schema.find_table("users")->check_constraints) predicates.push_back(check.expression);
  for (const auto& index : schema.find_table("users")->indexes)
    if (index.where) predicates.push_back(*index.where);
  EXPECT_EQ(predicates, (std::vector<std::string>{"logins >= 0 AND logins < 1000", "logins >= 0", "logins > 0"}));
  apply_to_schema(schema, RenameColumn{"users", "logins", "login_count"});
  EXPECT_EQ(schema, before);
}

TEST(Apply, TableRenameFollowsIntoForeignKeysAndRelationships) {
  Schema schema = v::chain()[12].schema;
  apply_to_schema(schema, RenameTable{"teams", "squads"});
  const Table& users = *schema.find_table("users");
  EXPECT_EQ(users.foreign_keys[0].referred_table, "squads");
  EXPECT_EQ(users.relationships[0].target_table, "squads");
}

TEST(Apply, ConstraintAndIndexRenamesChangeOnlyTheName) {
  const Schema before = v::chain()[12].schema;
  Schema schema = before;
  const Table& users = *before.find_table("users");
  ASSERT_TRUE(users.primary_key && !users.foreign_keys.empty() && !users.check_constraints.empty());
  const std::vector<Operation> renames{
      RenameConstraint{"users", users.primary_key->name, "pk_people"},
      RenameConstraint{"users", users.foreign_keys[0].name, "fk_people_team"},
      RenameConstraint{"users", users.check_constraints[0].name, "ck_people_logins"},
  };
  for (const auto& rename : renames) apply_to_schema(schema, rename);
  const Table& renamed = *schema.find_table("users");
  EXPECT_EQ(renamed.primary_key->name, "pk_people");
  EXPECT_EQ(renamed.primary_key->columns, users.primary_key->columns);
  EXPECT_EQ(renamed.foreign_keys[0].name, "fk_people_team");
  EXPECT_EQ(renamed.foreign_keys[0].referred_table, users.foreign_keys[0].referred_table);
  EXPECT_EQ(renamed.check_constraints[0].expression, users.check_constraints[0].expression);
  for (const auto& rename : invert(renames)) apply_to_schema(schema, rename);
  EXPECT_EQ(schema, before);
  // An index is renamed by rename_index, and the refusal says so.
  Schema indexed = v::chain()[7].schema;
  apply_to_schema(indexed, CreateIndex{"users", v::index("users", {"status"}, 1)});
  expect_refused(indexed, RenameConstraint{"users", "ix_users_status", "ix_x"}, {"rename_index"});
  apply_to_schema(indexed, RenameIndex{"users", "ix_users_status", "ix_people_status"});
  EXPECT_EQ(indexed.find_table("users")->indexes[0].name, "ix_people_status");
  EXPECT_EQ(indexed.find_table("users")->indexes[0].columns, std::vector<std::string>{"status"});
}

TEST(Apply, SqlStepLeavesTheSchemaAlone) {
  Schema schema = v::v1();
  apply_to_schema(schema, SqlStep{"UPDATE users SET status = 'active'", {}, "backfill"});
  EXPECT_EQ(schema, v::v1());
}

TEST(Describe, OneLineForPeople) {
  EXPECT_EQ(describe(RenameTable{"projects", "workspaces"}), "rename table projects to workspaces");
  EXPECT_EQ(describe(RenameIndex{"workspaces", "ix_projects_team_id", "ix_workspaces_team_id"}),
            "rename index ix_projects_team_id on workspaces to ix_workspaces_team_id");
  EXPECT_EQ(describe(RenameConstraint{"workspaces", "pk_projects", "pk_workspaces"}),
            "rename constraint pk_projects on workspaces to pk_workspaces");
  EXPECT_EQ(describe(CreateIndex{"users", v::index("users", {"email"}, 1)}),
            "create index ix_users_email on users (email)");
  EXPECT_EQ(describe(DropColumn{"users", v::column("nickname", v::string_of(50), true, 1), 3}),
            "drop column users.nickname");
  EXPECT_EQ(describe(SqlStep{"UPDATE x", {}, "backfill status"}), "sql: backfill status");
  Column before = v::column("title", v::of(TypeKind::string), true, 1);
  Column after = before;
  after.nullable = false;
  after.server_default = "''";
  EXPECT_EQ(describe(AlterColumn{"projects", before, after}),
            "alter column projects.title: not null, server default none -> ''");
}

}  // namespace
}  // namespace sqlmodel::schema
