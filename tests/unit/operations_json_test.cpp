#include "schema/operations_json.hpp"

#include <set>

#include <gtest/gtest.h>

#include "model_versions.hpp"
#include "schema/diff.hpp"
#include "support/every_feature_schema.hpp"

namespace sqlmodel::schema {
namespace {

namespace v = sqlmodel::testing::versions;
using json = nlohmann::json;

Operation through_text(const Operation& operation) {
  // Through text, as a migration file is: what is written is what is read back.
  auto text = to_json(operation).dump(2);
  return operation_from_json(json::parse(text), "m.json", "/upgrade/0");
}

// The operations and options only online plans write.
std::vector<Operation> online_kinds() {
  std::vector<Operation> all;
  auto index = v::index("users", {"email"}, 22);
  all.push_back(CreateIndex{"users", index, true});
  all.push_back(DropIndex{"users", index, true});
  CheckConstraint check{"ck_users_email_not_null", "\"email\" IS NOT NULL", {}};
  all.push_back(AddCheckConstraint{"users", check, true});
  ForeignKey key{"fk_posts_user_id_users", {"user_id"}, "users", {"id"}, ReferentialAction::cascade,
                 ReferentialAction::no_action, {}};
  all.push_back(AddForeignKey{"posts", key, true});
  all.push_back(ValidateConstraint{"posts", "fk_posts_user_id_users"});
  all.push_back(AddUniqueConstraint{"users", UniqueConstraint{"uq_users_email", {"email"}, {}}, "uq_users_email"});
  all.push_back(AddPrimaryKey{"users", PrimaryKey{"pk_users", {"id"}}, "pk_users"});
  all.push_back(RenameConstraint{"users", "_sqlmodel_new_ix_users_age", "ix_users_age"});
  all.push_back(CreateSyncTrigger{"users", "name", "full_name"});
  all.push_back(DropSyncTrigger{"users", "name", "full_name"});
  Backfill backfill;
  backfill.table = "users";
  backfill.description = "copy users.name into full_name";
  backfill.set["full_name"] = "\"name\"";
  backfill.where = "\"full_name\" IS NULL";
  backfill.batch_size = 1000;
  backfill.pause_ms = 250;
  all.push_back(backfill);
  Backfill per_dialect;
  per_dialect.table = "users";
  per_dialect.dialect_set[Dialect::postgresql]["age64"] = "CAST(\"age\" AS BIGINT)";
  per_dialect.dialect_set[Dialect::sqlite]["age64"] = "\"age\"";
  all.push_back(per_dialect);
  Column locale = v::column("locale", v::string_of(10), false, 9);
  locale.default_value = "\"en\"";
  all.push_back(AddColumn{"users", locale, std::nullopt, true});
  return all;
}

std::vector<Operation> every_kind() {
  std::vector<Operation> all;
  auto chain = v::chain();
  for (std::size_t i = 1; i < chain.size(); ++i) {
    auto forward = diff(chain[i - 1].schema, chain[i].schema);
    all.insert(all.end(), forward.begin(), forward.end());
    auto backward = invert(forward);
    all.insert(all.end(), backward.begin(), backward.end());
  }
  auto create = diff(Schema{}, testing::every_feature_schema());
  all.insert(all.end(), create.begin(), create.end());
  auto drop = invert(create);
  all.insert(all.end(), drop.begin(), drop.end());
  auto awkward = diff(Schema{}, testing::awkward_identifiers_schema());
  all.insert(all.end(), awkward.begin(), awkward.end());
  // A primary key that changes columns is dropped and added (renames no longer do that).
  Schema widened = chain[12].schema;
  widened.find_table("projects")->primary_key->columns.push_back("team_id");
  auto rekeyed = diff(chain[12].schema, widened);
  all.insert(all.end(), rekeyed.begin(), rekeyed.end());
  SqlStep step;
  step.description = "backfill status";
  step.sql = "UPDATE users SET status = 'active' WHERE status IS NULL";
  step.dialect_sql[Dialect::postgresql] = "UPDATE users SET status = 'active'::userstatus";
  all.push_back(step);
  all.push_back(SqlStep{"", {{Dialect::sqlite, "VACUUM"}}, ""});
  for (const auto& operation : online_kinds()) all.push_back(operation);
  return all;
}

TEST(OperationsJson, EveryKindRoundTrips) {
  std::set<std::size_t> kinds;
  for (const auto& operation : every_kind()) {
    kinds.insert(operation.index());
    EXPECT_EQ(through_text(operation), operation) << to_json(operation).dump(2);
  }
  EXPECT_EQ(kinds.size(), std::variant_size_v<Operation>);
}

TEST(OperationsJson, ListRoundTrips) {
  auto operations = diff(Schema{}, testing::every_feature_schema());
  auto text = to_json(operations).dump();
  EXPECT_EQ(operations_from_json(json::parse(text), "m.json", "/upgrade"), operations);
}

TEST(OperationsJson, ColumnsAreSpelledAsInTheSnapshot) {
  Column email = v::column("email", v::string_of(255), false, 22);
  auto object = to_json(Operation{AddColumn{"users", email, 1}});
  EXPECT_EQ(object.dump(), R"({"op":"add_column","table":"users","column":)" + to_json(email).dump() +
                               R"(,"position":1})");
  EXPECT_EQ(to_json(Operation{RenameColumn{"users", "email", "email_address"}}).dump(),
            R"({"op":"rename_column","table":"users","from":"email","to":"email_address"})");
  EXPECT_EQ(to_json(Operation{RenameIndex{"members", "ix_users_email", "ix_members_email"}}).dump(),
            R"({"op":"rename_index","table":"members","from":"ix_users_email","to":"ix_members_email"})");
  EXPECT_EQ(to_json(Operation{RenameConstraint{"members", "pk_users", "pk_members"}}).dump(),
            R"({"op":"rename_constraint","table":"members","from":"pk_users","to":"pk_members"})");
  for (const Operation& rename : {Operation{RenameIndex{"members", "ix_a", "ix_b"}},
                                  Operation{RenameConstraint{"members", "pk_a", "pk_b"}}})
    EXPECT_EQ(operation_from_json(to_json(rename), "m.json", "/upgrade/0"), rename);
  EXPECT_EQ(to_json(Operation{AddEnumValue{"userstatus", "invited", 1}}).dump(),
            R"({"op":"add_enum_value","enum":"userstatus","value":"invited","position":1})");
  auto index = v::index("users", {"email"}, 22);
  index.unique = true;
  EXPECT_EQ(to_json(Operation{CreateIndex{"users", index}}).dump(),
            R"({"op":"create_index","table":"users","index":{"name":"ix_users_email","columns":["email"],"unique":true,"source":"models/app.hpp:22:3"}})");
}

void expect_error(const std::string& text, const std::string& path, const std::string& words) {
  try {
    operation_from_json(json::parse(text), "migrations/0001_abc_init.json", "/upgrade/3");
    ADD_FAILURE() << "accepted: " << text;
  } catch (const SnapshotError& error) {
    EXPECT_EQ(error.file(), "migrations/0001_abc_init.json");
    EXPECT_EQ(error.json_path(), path) << error.what();
    EXPECT_NE(std::string(error.what()).find(words), std::string::npos) << error.what();
  }
}

TEST(OperationsJson, StrictErrorsNameFileAndPath) {
  expect_error(R"([1])", "/upgrade/3", "expected an operation");
  expect_error(R"({"table": "users"})", "/upgrade/3", "needs \"op\"");
  expect_error(R"({"op": "add_colum", "table": "users"})", "/upgrade/3/op", "did you mean \"add_column\"");
  expect_error(R"({"op": "rename_column", "table": "users", "from": "a", "to": "b", "force": true})",
               "/upgrade/3/force", "unknown key \"force\"");
  expect_error(R"({"op": "rename_column", "table": "users", "from": "a"})", "/upgrade/3", "needs \"to\"");
  expect_error(R"({"op": "rename_table", "from": "", "to": "b"})", "/upgrade/3/from", "must not be empty");
  expect_error(R"({"op": "add_column", "table": "users", "column": {"name": "x", "type": "strin", "nullable": true}})",
               "/upgrade/3/column/type", "unknown type \"strin\"");
  expect_error(R"({"op": "add_column", "table": "users", "column": {"name": "x", "type": "int32", "nullable": true}, "position": -1})",
               "/upgrade/3/position", "expected a position");
  expect_error(R"({"op": "create_index", "table": "users", "index": {"name": "ix", "columns": ["a"], "uniqe": true}})",
               "/upgrade/3/index/uniqe", "did you mean \"unique\"");
  expect_error(R"({"op": "add_foreign_key", "table": "users", "foreign_key": {"name": "fk", "columns": ["a"], "referred_table": "t", "referred_columns": ["id"], "on_delete": "explode"}})",
               "/upgrade/3/foreign_key/on_delete", "unknown on_delete action");
  expect_error(R"({"op": "create_enum", "enum": {"name": "e", "values": ["a", "a"]}})",
               "/upgrade/3/enum/values/1", "listed twice");
  expect_error(R"({"op": "sql"})", "/upgrade/3", "needs \"sql\" or \"dialects\"");
  expect_error(R"({"op": "sql", "dialects": {"mysql": "SELECT 1"}})", "/upgrade/3/dialects/mysql",
               "unknown dialect");
  expect_error(R"({"op": "alter_column", "table": "t", "from": {"name": "a", "type": "int32", "nullable": true}, "to": {"name": "b", "type": "int32", "nullable": true}})",
               "/upgrade/3/to", "use rename_column");
  expect_error(R"({"op": "drop_primary_key", "table": "t", "primary_key": {"name": "pk_t"}})",
               "/upgrade/3/primary_key", "missing required key \"columns\"");
}

TEST(OperationsJson, OnlineOptionsAreSpelledAsAgreed) {
  auto index = v::index("users", {"email"}, 22);
  EXPECT_EQ(to_json(Operation{CreateIndex{"users", index, true}})["concurrently"], true);
  EXPECT_FALSE(to_json(Operation{CreateIndex{"users", index}}).contains("concurrently"));
  CheckConstraint check{"ck_t", "\"a\" > 0", {}};
  EXPECT_EQ(to_json(Operation{AddCheckConstraint{"t", check, true}})["not_valid"], true);
  EXPECT_EQ(to_json(Operation{ValidateConstraint{"t", "ck_t"}}).dump(),
            R"({"op":"validate_constraint","table":"t","name":"ck_t"})");
  Backfill backfill;
  backfill.table = "t";
  backfill.set["b"] = "\"a\"";
  EXPECT_EQ(to_json(Operation{backfill}).dump(),
            R"({"op":"backfill","table":"t","set":{"b":"\"a\""},"batch_size":1000,"pause":"10ms"})");
}

TEST(OperationsJson, DurationsUsePostgresUnits) {
  EXPECT_EQ(parse_duration_ms("2s"), 2000);
  EXPECT_EQ(parse_duration_ms("500ms"), 500);
  EXPECT_EQ(parse_duration_ms("1min"), 60000);
  EXPECT_EQ(parse_duration_ms("0ms"), 0);
  EXPECT_EQ(parse_duration_ms("2"), std::nullopt);
  EXPECT_EQ(parse_duration_ms("1.5s"), std::nullopt);
  EXPECT_EQ(parse_duration_ms("-1s"), std::nullopt);
  EXPECT_EQ(parse_duration_ms("2 s"), std::nullopt);
  EXPECT_EQ(format_duration_ms(2000), "2s");
  EXPECT_EQ(format_duration_ms(1500), "1500ms");
  EXPECT_EQ(format_duration_ms(120000), "2min");
  EXPECT_EQ(format_duration_ms(0), "0ms");
}

TEST(OperationsJson, OnlineOperationErrorsNameThePath) {
  expect_error(R"({"op": "create_index", "table": "t", "index": {"name": "ix", "columns": ["a"]}, "concurrently": "yes"})",
               "/upgrade/3/concurrently", "expected true or false");
  expect_error(R"({"op": "validate_constraint", "table": "t"})", "/upgrade/3", "needs \"name\"");
  expect_error(R"({"op": "backfill", "table": "t"})", "/upgrade/3", "needs \"set\" or \"dialects\"");
  expect_error(R"({"op": "backfill", "table": "t", "set": {"b": ""}})", "/upgrade/3/set/b", "non-empty string");
  expect_error(R"({"op": "backfill", "table": "t", "set": {"b": "1"}, "batch_size": 0})", "/upgrade/3/batch_size",
               "from 1 to");
  expect_error(R"({"op": "backfill", "table": "t", "set": {"b": "1"}, "pause": "2 hours"})", "/upgrade/3/pause",
               "expected a duration");
  expect_error(R"({"op": "backfill", "table": "t", "set": {"b": "1"}, "pause": "2h"})", "/upgrade/3/pause",
               "up to 1min");
  expect_error(R"({"op": "backfill", "table": "t", "set": {"b": "1"}, "dialects": {"oracle": {"b": "1"}}})",
               "/upgrade/3/dialects/oracle", "unknown dialect");
  expect_error(R"({"op": "add_column", "table": "t", "column": {"name": "x", "type": "int32", "nullable": false}, "fill_existing_rows": true})",
               "/upgrade/3/fill_existing_rows", "model default");
  expect_error(R"({"op": "create_sync_trigger", "table": "t", "old_column": "a"})", "/upgrade/3", "needs \"new_column\"");
}

}  // namespace
}  // namespace sqlmodel::schema
