// Malformed snapshots: each kind of damage gets its own error naming the file, the JSON
// Pointer of the bad value and, where known, the table and column. Never a crash.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <typeinfo>

#include <unistd.h>
#include <sstream>

#include <gtest/gtest.h>

#include "schema/snapshot_json.hpp"
#include "support/every_feature_schema.hpp"
#include "support/test_databases.hpp"

namespace sqlmodel::schema {
namespace {

using ordered_json = nlohmann::ordered_json;

constexpr const char* origin = "app.schema.json";

std::filesystem::path bad_fixture(std::string_view name) {
  const char* directory = std::getenv("SQLMODEL_TEST_DATA");
  // ctest sets SQLMODEL_TEST_DATA; running the binary by hand falls back to the source tree.
  std::filesystem::path data = directory ? std::filesystem::path(directory)
                                         : std::filesystem::path(__FILE__).parent_path().parent_path() / "data";
  return data / "snapshots" / "bad" / name;
}

// A valid snapshot to damage. Tables sort as labels, task_labels, tasks, teams,
// user_profiles, users; the paths below rely on that order.
ordered_json valid_document() { return to_json(testing::every_feature_schema()); }

ordered_json& table(ordered_json& document, std::string_view name) {
  for (auto& table : document["tables"])
    if (table["name"] == name) return table;
  throw std::logic_error("no table " + std::string(name));
}

ordered_json& column(ordered_json& document, std::string_view table_name, std::string_view name) {
  for (auto& column : table(document, table_name)["columns"])
    if (column["name"] == name) return column;
  throw std::logic_error("no column " + std::string(name));
}

SnapshotError error_reading(std::string_view text) {
  try {
    read_snapshot(text, origin);
  } catch (const SnapshotError& error) {
    return error;
  }
  ADD_FAILURE() << "read without error:\n" << text;
  return SnapshotError("", "", "");
}

SnapshotError error_reading_json(const ordered_json& document) { return error_reading(document.dump(2)); }

SnapshotError error_reading_file(const std::filesystem::path& path) {
  try {
    read_snapshot_file(path);
  } catch (const SnapshotError& error) {
    return error;
  }
  ADD_FAILURE() << "read without error: " << path;
  return SnapshotError("", "", "");
}

#define EXPECT_SNAPSHOT_ERROR(error, expected_path, expected_reason) \
  do {                                                               \
    const SnapshotError& e_ = (error);                               \
    EXPECT_EQ(e_.file(), origin);                                    \
    EXPECT_EQ(e_.json_path(), expected_path);                        \
    EXPECT_EQ(e_.reason(), expected_reason);                         \
  } while (false)

// ---- the file and its syntax -------------------------------------------------------------

TEST(SnapshotErrors, MessageNamesFileThenPathThenReason) {
  const SnapshotError with_path("app.schema.json", "/tables/2/name", "expected a string");
  EXPECT_STREQ(with_path.what(), "app.schema.json: /tables/2/name: expected a string");
  const SnapshotError without_path("app.schema.json", "", "the file is empty");
  EXPECT_STREQ(without_path.what(), "app.schema.json: the file is empty");
}

TEST(SnapshotErrors, MissingFile) {
  const auto path = testing::scratch_directory() / "no-such.schema.json";
  const auto error = error_reading_file(path);
  EXPECT_EQ(error.file(), path.string());
  EXPECT_EQ(error.json_path(), "");
  EXPECT_EQ(error.reason(), "cannot open: No such file or directory");
}

TEST(SnapshotErrors, UnreadableFile) {
  const auto directory = testing::scratch_directory();
  const auto error = error_reading_file(directory);
  EXPECT_EQ(error.file(), directory.string());
  EXPECT_EQ(error.reason(), "cannot read: it is a directory");

  if (::geteuid() == 0) return;  // root reads anything; the directory case above still ran
  const auto locked = directory / "locked.json";
  std::ofstream(locked) << "{}";
  std::filesystem::permissions(locked, std::filesystem::perms::none);
  EXPECT_EQ(error_reading_file(locked).reason(), "cannot open: Permission denied");
}

TEST(SnapshotErrors, EmptyFile) {
  const auto path = bad_fixture("empty.json");
  ASSERT_TRUE(std::filesystem::exists(path)) << path;
  const auto error = error_reading_file(path);
  EXPECT_EQ(error.file(), path.string());
  EXPECT_EQ(error.json_path(), "");
  EXPECT_EQ(error.reason(), "the file is empty; expected a snapshot (a JSON object)");
  EXPECT_EQ(error_reading(" \n\t\n").reason(), error.reason());
}

TEST(SnapshotErrors, InvalidJsonSyntaxGivesLineAndColumn) {
  const auto path = bad_fixture("trailing_comma.json");
  const auto error = error_reading_file(path);
  EXPECT_EQ(error.file(), path.string());
  EXPECT_EQ(error.json_path(), "/tables/0/columns");
  EXPECT_EQ(error.reason(),
            "invalid JSON at line 8, column 7: syntax error while parsing value - unexpected ']'; "
            "expected '[', '{', or a literal");
}

TEST(SnapshotErrors, InvalidJsonInsideAnObjectPointsAtTheKey) {
  const auto error = error_reading("{\n  \"format\": 1,\n  \"tables\": tru\n}\n");
  EXPECT_SNAPSHOT_ERROR(error, "/tables",
                        "invalid JSON at line 3, column 16: syntax error while parsing value - "
                        "invalid literal; last read: '\"tables\": tru<U+000A>'");
}

TEST(SnapshotErrors, TruncatedFile) {
  const auto path = bad_fixture("truncated.json");
  const auto error = error_reading_file(path);
  EXPECT_EQ(error.file(), path.string());
  EXPECT_EQ(error.json_path(), "/tables/0/columns/1/server_default");
  EXPECT_EQ(error.reason(),
            "the JSON ends early at line 30, column 35; is the file truncated? (syntax error while "
            "parsing value - invalid string: missing closing quote; last read: '\"'#ccc')");
}

TEST(SnapshotErrors, TrailingGarbageAfterTheDocument) {
  const auto error = error_reading("{\"format\": 1, \"tables\": []}\n{}");
  EXPECT_SNAPSHOT_ERROR(error, "",
                        "invalid JSON at line 2, column 1: syntax error while parsing value - "
                        "unexpected '{'; expected end of input");
}

TEST(SnapshotErrors, DuplicateJsonKey) {
  const auto error = error_reading(
      R"({"format": 1, "tables": [{"name": "a", "columns": [], "name": "b"}]})");
  EXPECT_SNAPSHOT_ERROR(error, "/tables/0/name", "duplicate key \"name\" (a merge conflict resolved twice?)");
}

// ---- the top level -------------------------------------------------------------------------

TEST(SnapshotErrors, TopLevelNotAnObject) {
  EXPECT_SNAPSHOT_ERROR(error_reading("[1, 2]"), "",
                        "expected a snapshot (a JSON object) at the top level, got an array");
  EXPECT_SNAPSHOT_ERROR(error_reading("\"schema\""), "",
                        "expected a snapshot (a JSON object) at the top level, got a string \"schema\"");
}

TEST(SnapshotErrors, MissingFormat) {
  EXPECT_SNAPSHOT_ERROR(error_reading(R"({"tables": []})"), "",
                        "missing \"format\"; is this a sqlmodel schema snapshot?");
}

TEST(SnapshotErrors, FormatNotAnInteger) {
  EXPECT_SNAPSHOT_ERROR(error_reading(R"({"format": "1", "tables": []})"), "/format",
                        "\"format\" must be an integer, got a string \"1\"");
  EXPECT_SNAPSHOT_ERROR(error_reading(R"({"format": 1.0, "tables": []})"), "/format",
                        "\"format\" must be an integer, got a number");
  EXPECT_SNAPSHOT_ERROR(error_reading(R"({"format": null, "tables": []})"), "/format",
                        "\"format\" must be an integer, got null");
}

TEST(SnapshotErrors, FutureFormat) {
  const auto path = bad_fixture("future_format.json");
  const auto error = error_reading_file(path);
  EXPECT_EQ(error.file(), path.string());
  EXPECT_EQ(error.json_path(), "/format");
  // Reported before its unknown keys: those are what a newer format would add.
  EXPECT_EQ(error.reason(), "format 2 was written by a newer sqlmodel; this build reads format 1");
}

TEST(SnapshotErrors, HugeFormatIsStillANewerFormat) {
  EXPECT_SNAPSHOT_ERROR(error_reading(R"({"format": 18446744073709551615, "tables": []})"), "/format",
                        "format 18446744073709551615 was written by a newer sqlmodel; this build "
                        "reads format 1");
}

TEST(SnapshotErrors, PastFormat) {
  EXPECT_SNAPSHOT_ERROR(error_reading(R"({"format": 0, "tables": []})"), "/format",
                        "unsupported format 0; this build reads format 1");
}

TEST(SnapshotErrors, MissingTables) {
  EXPECT_SNAPSHOT_ERROR(error_reading(R"({"format": 1})"), "", "missing required key \"tables\"");
}

// ---- unknown and missing keys, wrong types --------------------------------------------------------

TEST(SnapshotErrors, UnknownKeyWithASuggestion) {
  auto document = valid_document();
  column(document, "users", "email")["nulable"] = true;
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/columns/1/nulable",
                        "column \"users.email\": unknown key \"nulable\" (did you mean \"nullable\"?)");

  EXPECT_SNAPSHOT_ERROR(error_reading(R"({"format": 1, "tables": [], "tabels": []})"), "/tabels",
                        "unknown key \"tabels\" (did you mean \"tables\"?)");
}

// A typo in "name" itself: the unknown key is the useful message, not the missing name.
TEST(SnapshotErrors, TypoInTheNameKey) {
  auto document = valid_document();
  auto& email = column(document, "users", "email");
  email["nmae"] = email["name"];
  email.erase("name");
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/columns/1/nmae",
                        "table \"users\": unknown key \"nmae\" (did you mean \"name\"?)");
}

TEST(SnapshotErrors, UnknownKeyListsWhatIsAllowed) {
  auto document = valid_document();
  table(document, "labels")["colour/shade"] = "red";
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/0/colour~1shade",
                        "table \"labels\": unknown key \"colour/shade\"; expected one of: name, "
                        "comment, renamed_from, sqlite_autoincrement, source, columns, primary_key, foreign_keys, "
                        "unique_constraints, check_constraints, indexes, relationships, "
                        "single_table_inheritance");
}

TEST(SnapshotErrors, WrongJsonTypeForAKey) {
  auto document = valid_document();
  column(document, "users", "email")["nullable"] = "no";
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/columns/1/nullable",
                        "column \"users.email\": expected true or false, got a string \"no\"");

  document = valid_document();
  table(document, "users")["columns"] = ordered_json::object();
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/columns",
                        "table \"users\": expected an array, got an object");

  document = valid_document();
  table(document, "teams")["foreign_keys"][0]["columns"] = "lead_user_id";
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/3/foreign_keys/0/columns",
                        "foreign key \"fk_teams_lead_user_id_users\" of table \"teams\": expected "
                        "an array, got a string \"lead_user_id\"");

  document = valid_document();
  column(document, "users", "email")["nullable"] = std::string(100, 'x');
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/columns/1/nullable",
                        "column \"users.email\": expected true or false, got a string \"" +
                            std::string(40, 'x') + "\"...");

  document = valid_document();
  document["tables"][1] = 42;
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/1",
                        "expected a table (a JSON object), got a number");
}

TEST(SnapshotErrors, MissingRequiredKey) {
  auto document = valid_document();
  column(document, "users", "email").erase("type");
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/columns/1",
                        "column \"users.email\": missing required key \"type\"");

  document = valid_document();
  document["tables"][0].erase("name");
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/0", "missing required key \"name\"");

  document = valid_document();
  table(document, "tasks")["check_constraints"][0].erase("expression");
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/2/check_constraints/0",
                        "check constraint \"ck_tasks_price_nonnegative\" of table \"tasks\": "
                        "missing required key \"expression\"");
}

TEST(SnapshotErrors, EmptyNamesAndLists) {
  auto document = valid_document();
  column(document, "users", "email")["name"] = "";
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/columns/1/name",
                        "table \"users\": a name must not be empty");

  document = valid_document();
  table(document, "users")["columns"] = ordered_json::array();
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/columns",
                        "table \"users\": a table needs at least one column");

  document = valid_document();
  document["enums"][0]["values"] = ordered_json::array();
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/enums/0/values",
                        "enum \"priority\": the list must not be empty");
}

// ---- types --------------------------------------------------------------------------------------

TEST(SnapshotErrors, UnknownTypeSpelling) {
  auto document = valid_document();
  column(document, "users", "email")["type"] = "strng(255)";
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/columns/1/type",
                        "column \"users.email\": unknown type \"strng(255)\"; expected one of: "
                        "int16, int32, int64, boolean, float32, float64, string, string(n), text, blob, "
                        "date, datetime, datetime_tz, interval, uuid, json, jsonb, numeric, numeric(p,s), "
                        "enum(name), array(<scalar type>), each optionally followed by \"; postgresql: "
                        "<type>\" and \"; sqlite: <type>\" (custom; postgresql: <type> for a type only a "
                        "dialect names)");

  column(document, "users", "email")["type"] = "array(array(int32))";
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/columns/1/type",
                        "column \"users.email\": an array's element must be a scalar type, not an array");
}

TEST(SnapshotErrors, ZeroOrNegativeMaxLength) {
  for (std::string spelling : {"string(0)", "string(-5)", "array(string(0))"}) {
    auto document = valid_document();
    column(document, "users", "email")["type"] = spelling;
    EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/columns/1/type",
                          "column \"users.email\": bad type \"" + spelling +
                              "\": max_length must be a positive integer");
  }
}

TEST(SnapshotErrors, BadNumericPrecision) {
  auto document = valid_document();
  column(document, "tasks", "price")["type"] = "numeric(2,10)";
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/2/columns/8/type",
                        "column \"tasks.price\": bad type \"numeric(2,10)\": numeric wants a "
                        "positive precision and a scale between 0 and the precision");
}

TEST(SnapshotErrors, EnumTypeNotDefined) {
  auto document = valid_document();
  document.erase("enums");
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/2/columns/3/type",
                        "column \"tasks.status\": enum \"taskstatus\" is not defined under /enums");
}

TEST(SnapshotErrors, AutoincrementOnANonIntegerColumn) {
  auto document = valid_document();
  column(document, "users", "email")["autoincrement"] = true;
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/columns/1/autoincrement",
                        "column \"users.email\": autoincrement needs an integer column, not string(255)");
}

TEST(SnapshotErrors, UnknownDefaultFactory) {
  auto document = valid_document();
  column(document, "users", "email")["default_factory"] = "uuid7";
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/columns/1/default_factory",
                        "column \"users.email\": unknown default_factory \"uuid7\"; expected one of: now, uuid4");
}

TEST(SnapshotErrors, DefaultFactoryNotAString) {
  auto document = valid_document();
  column(document, "users", "created_at")["default_factory"] = 1;
  EXPECT_EQ(error_reading_json(document).json_path(), "/tables/5/columns/7/default_factory");
}

// ---- duplicates ---------------------------------------------------------------------------------

TEST(SnapshotErrors, DuplicateTable) {
  auto document = valid_document();
  document["tables"].push_back(document["tables"][0]);
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/7/name",
                        "duplicate table \"labels\" (first at /tables/0)");
}

TEST(SnapshotErrors, DuplicateColumn) {
  auto document = valid_document();
  table(document, "users")["columns"].push_back(column(document, "users", "email"));
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/columns/8/name",
                        "table \"users\": duplicate column \"email\"");
}

TEST(SnapshotErrors, DuplicateConstraintName) {
  auto document = valid_document();
  table(document, "users")["indexes"][0]["name"] = "uq_tasks_public_id";
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/indexes/0/name",
                        "duplicate constraint or index name \"uq_tasks_public_id\" (first used at "
                        "/tables/2/unique_constraints/1)");
}

TEST(SnapshotErrors, DuplicateEnumAndEnumValue) {
  auto document = valid_document();
  document["enums"].push_back(document["enums"][1]);
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/enums/2/name",
                        "duplicate enum \"taskstatus\" (first at /enums/1)");

  document = valid_document();
  document["enums"][1]["values"].push_back("draft");
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/enums/1/values/3",
                        "enum \"taskstatus\": \"draft\" is listed twice");
}

// ---- references ---------------------------------------------------------------------------------

TEST(SnapshotErrors, PrimaryKeyNamesAnUnknownColumn) {
  auto document = valid_document();
  table(document, "users")["primary_key"]["columns"] = {"idd"};
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/primary_key/columns/0",
                        "primary key \"pk_users\" of table \"users\": names column \"idd\", which "
                        "table \"users\" does not have");
}

TEST(SnapshotErrors, IndexAndUniqueConstraintNameAnUnknownColumn) {
  auto document = valid_document();
  table(document, "tasks")["indexes"][1]["columns"][1] = "state";
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/2/indexes/1/columns/1",
                        "index \"ix_tasks_owner_id_status\" of table \"tasks\": names column "
                        "\"state\", which table \"tasks\" does not have");

  document = valid_document();
  table(document, "teams")["unique_constraints"][0]["columns"] = {"title"};
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/3/unique_constraints/0/columns/0",
                        "unique constraint \"uq_teams_name\" of table \"teams\": names column "
                        "\"title\", which table \"teams\" does not have");
}

TEST(SnapshotErrors, ForeignKeyToAnUnknownTable) {
  auto document = valid_document();
  table(document, "users")["foreign_keys"][1]["referred_table"] = "team";
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/foreign_keys/1/referred_table",
                        "foreign key \"fk_users_team_id_teams\" of table \"users\": refers to table "
                        "\"team\", which the snapshot does not define");
}

TEST(SnapshotErrors, ForeignKeyToAnUnknownColumn) {
  auto document = valid_document();
  table(document, "users")["foreign_keys"][1]["referred_columns"] = {"identifier"};
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/foreign_keys/1/referred_columns/0",
                        "foreign key \"fk_users_team_id_teams\" of table \"users\": refers to "
                        "column \"teams.identifier\", which table \"teams\" does not have");
}

TEST(SnapshotErrors, ForeignKeyColumnCountMismatch) {
  auto document = valid_document();
  table(document, "users")["foreign_keys"][1]["referred_columns"] = {"id", "name"};
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/foreign_keys/1/referred_columns",
                        "foreign key \"fk_users_team_id_teams\" of table \"users\": 1 column(s) "
                        "refer to 2 referred column(s)");
}

TEST(SnapshotErrors, RelationshipToAnUnknownTable) {
  auto document = valid_document();
  table(document, "users")["relationships"][4]["target_table"] = "groups";
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/relationships/4/target_table",
                        "relationship \"team\" of table \"users\": targets table \"groups\", which "
                        "the snapshot does not define");
}

TEST(SnapshotErrors, BackPopulatesAnUnknownRelationship) {
  auto document = valid_document();
  table(document, "users")["relationships"][4]["back_populates"] = "member";
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/relationships/4/back_populates",
                        "relationship \"team\" of table \"users\": back_populates names relationship "
                        "\"member\", which table \"teams\" does not have");
}

TEST(SnapshotErrors, OrderByAnUnknownColumn) {
  auto document = valid_document();
  table(document, "users")["relationships"][3]["order_by"] = {"-due", "title"};
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/relationships/3/order_by/0",
                        "relationship \"tasks\" of table \"users\": order_by names column \"due\", "
                        "which table \"tasks\" does not have");
}

// ---- spellings ------------------------------------------------------------------------------------

TEST(SnapshotErrors, UnknownOnDeleteSpelling) {
  auto document = valid_document();
  table(document, "users")["foreign_keys"][1]["on_delete"] = "CASCADE";
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/foreign_keys/1/on_delete",
                        "foreign key \"fk_users_team_id_teams\" of table \"users\": unknown "
                        "on_delete action \"CASCADE\"; expected one of: no_action, restrict, "
                        "cascade, set_null, set_default");
}

TEST(SnapshotErrors, UnknownRelationshipKind) {
  auto document = valid_document();
  table(document, "users")["relationships"][4]["kind"] = "belongs_to";
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/relationships/4/kind",
                        "relationship \"team\" of table \"users\": unknown relationship kind "
                        "\"belongs_to\"; expected one of: one_to_many, many_to_one, one_to_one, "
                        "many_to_many");
}

TEST(SnapshotErrors, UnknownIndexMethod) {
  auto document = valid_document();
  table(document, "tasks")["indexes"][2]["method"] = "gistt";
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/2/indexes/2/method",
                        "index \"ix_tasks_tags\" of table \"tasks\": unknown index method "
                        "\"gistt\"; expected one of: btree, hash, gist, spgist, gin, brin");
}

// ---- single-table inheritance --------------------------------------------------------------

// valid_document() plus a table shared by a single-table hierarchy, at /tables/7.
ordered_json document_with_hierarchy() {
  auto document = valid_document();
  document["tables"].push_back(ordered_json::parse(R"json({
    "name": "employees",
    "columns": [{"name": "id", "type": "int64", "nullable": false},
                {"name": "kind", "type": "string", "nullable": false},
                {"name": "level", "type": "int32", "nullable": true}],
    "single_table_inheritance": {
      "discriminator": "kind",
      "models": [{"identity": "employee", "model": "Employee"},
                 {"identity": "manager", "model": "Manager", "source": "models.hpp:20:8"}]
    }
  })json"));
  return document;
}

TEST(SnapshotErrors, SingleTableHierarchyReads) {
  const Schema schema = read_snapshot(document_with_hierarchy().dump(2), origin);
  const auto& inheritance = schema.find_table("employees")->single_table_inheritance;
  ASSERT_TRUE(inheritance.has_value());
  EXPECT_EQ(inheritance->discriminator, "kind");
  ASSERT_EQ(inheritance->models.size(), 2u);
  EXPECT_EQ(inheritance->models[1].model, "Manager");
  EXPECT_EQ(inheritance->models[1].source.line, 20);
}

TEST(SnapshotErrors, SingleTableDiscriminatorIsNotAColumn) {
  auto document = document_with_hierarchy();
  document["tables"][7]["single_table_inheritance"]["discriminator"] = "type";
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/7/single_table_inheritance/discriminator",
                        "table \"employees\": the discriminator names column \"type\", which table "
                        "\"employees\" does not have");
}

TEST(SnapshotErrors, SingleTableDiscriminatorIsNotAStringOrEnum) {
  auto document = document_with_hierarchy();
  document["tables"][7]["single_table_inheritance"]["discriminator"] = "level";
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/7/single_table_inheritance/discriminator",
                        "table \"employees\": the discriminator column \"level\" must be a string "
                        "or an enum, not int32");
}

TEST(SnapshotErrors, SingleTableIdentityListedTwice) {
  auto document = document_with_hierarchy();
  document["tables"][7]["single_table_inheritance"]["models"][1]["identity"] = "employee";
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document),
                        "/tables/7/single_table_inheritance/models/1/identity",
                        "table \"employees\": polymorphic identity \"employee\" is listed twice");
}

TEST(SnapshotErrors, SingleTableModelWithoutName) {
  auto document = document_with_hierarchy();
  document["tables"][7]["single_table_inheritance"]["models"][0].erase("model");
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/7/single_table_inheritance/models/0",
                        "table \"employees\": missing required key \"model\"");
}

TEST(SnapshotErrors, SingleTableUnknownKey) {
  auto document = document_with_hierarchy();
  document["tables"][7]["single_table_inheritance"]["discriminater"] = "kind";
  const SnapshotError error = error_reading_json(document);
  EXPECT_EQ(error.json_path(), "/tables/7/single_table_inheritance/discriminater");
  EXPECT_NE(error.reason().find("unknown key \"discriminater\""), std::string::npos) << error.reason();
}

TEST(SnapshotErrors, BadSourceLocation) {
  auto document = valid_document();
  table(document, "users")["source"] = "app_models.hpp";
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/source",
                        "table \"users\": bad source location \"app_models.hpp\"; expected "
                        "\"file:line:column\"");

  document = valid_document();
  column(document, "users", "email")["source"] = "models.hpp:-1:3";
  EXPECT_SNAPSHOT_ERROR(error_reading_json(document), "/tables/5/columns/1/source",
                        "column \"users.email\": bad source location \"models.hpp:-1:3\"; "
                        "expected \"file:line:column\"");
}

// ---- never a crash --------------------------------------------------------------------------------

// Every prefix of a valid snapshot is a truncated file: each must be a SnapshotError. (Every
// fifth prefix: all of them take seconds and find nothing more.)
TEST(SnapshotErrors, EveryTruncationIsASnapshotError) {
  const std::string text = write_snapshot(testing::every_feature_schema());
  for (std::size_t length = 0; length + 1 < text.size(); length += 5) {
    try {
      read_snapshot(std::string_view(text).substr(0, length), origin);
      // The only prefix that may parse is the whole document minus its trailing newline.
      EXPECT_EQ(length, text.size() - 1) << "a prefix of " << length << " bytes read fine";
    } catch (const SnapshotError& error) {
      EXPECT_EQ(error.file(), origin);
    }
  }
}

// Random damage to a valid snapshot: a SnapshotError or a valid read, never anything else.
TEST(SnapshotErrors, RandomCorruptionNeverEscapesAsAnotherException) {
  const std::string text = write_snapshot(testing::every_feature_schema());
  std::mt19937 random(7);
  const std::string alphabet = "{}[],:\"0123456789-.eEtrufalsn \n\\/\xc3\xff";
  int errors = 0;
  for (int round = 0; round < 1000; ++round) {
    std::string damaged = text;
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int i = 0; i < edits; ++i) {
      const std::size_t at = random() % damaged.size();
      switch (random() % 3) {
        case 0: damaged[at] = alphabet[random() % alphabet.size()]; break;
        case 1: damaged.erase(at, 1 + random() % 8); break;
        default: damaged.insert(at, 1, alphabet[random() % alphabet.size()]); break;
      }
    }
    try {
      read_snapshot(damaged, origin);
    } catch (const SnapshotError&) {
      ++errors;
    } catch (const std::exception& other) {
      FAIL() << "escaped as " << typeid(other).name() << ": " << other.what() << "\n" << damaged;
    }
  }
  EXPECT_GT(errors, 800);
}

}  // namespace
}  // namespace sqlmodel::schema
