// Snapshot writing and reading: equal schemas give identical bytes, and what is written reads
// back equal.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "schema/diff.hpp"
#include "schema/lower.hpp"
#include "schema/operations.hpp"
#include "schema/snapshot_json.hpp"
#include "support/every_feature_schema.hpp"
#include "support/test_databases.hpp"

namespace sqlmodel::schema {
namespace {

using testing::awkward_identifiers_schema;
using testing::every_feature_schema;

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::filesystem::path test_data_directory() {
  const char* directory = std::getenv("SQLMODEL_TEST_DATA");
  // ctest sets SQLMODEL_TEST_DATA; running the binary by hand falls back to the source tree.
  return directory ? std::filesystem::path(directory)
                   : std::filesystem::path(__FILE__).parent_path().parent_path() / "data";
}

// The fixture is only worth its name if it really uses every part of the model.
TEST(EveryFeatureSchema, UsesEveryPartOfTheModel) {
  const Schema schema = every_feature_schema();
  std::set<TypeKind> kinds;
  std::set<ReferentialAction> actions;
  std::set<RelationshipKind> relationships;
  bool datetime_with_tz = false, datetime_without_tz = false, numeric_with_scale = false;
  bool composite_pk = false, self_reference = false, partial_index = false, method = false;
  bool unique_index = false, composite_index = false, server_default = false, literal_default = false;
  bool autoincrement = false, column_comment = false, table_comment = false, renamed = false;
  for (const auto& table : schema.tables) {
    table_comment |= table.comment.has_value();
    if (table.primary_key) composite_pk |= table.primary_key->columns.size() > 1;
    for (const auto& column : table.columns) {
      kinds.insert(column.type.kind);
      if (column.type.kind == TypeKind::datetime)
        (column.type.with_timezone ? datetime_with_tz : datetime_without_tz) = true;
      numeric_with_scale |= column.type.scale.has_value();
      server_default |= column.server_default.has_value();
      literal_default |= column.default_value.has_value();
      autoincrement |= column.autoincrement;
      column_comment |= column.comment.has_value();
      renamed |= column.renamed_from.has_value();
    }
    for (const auto& key : table.foreign_keys) {
      actions.insert(key.on_delete);
      actions.insert(key.on_update);
      self_reference |= key.referred_table == table.name;
    }
    for (const auto& index : table.indexes) {
      partial_index |= index.where.has_value();
      method |= index.method.has_value();
      unique_index |= index.unique;
      composite_index |= index.columns.size() > 1;
    }
    for (const auto& relationship : table.relationships) relationships.insert(relationship.kind);
  }
  // Every TypeKind but custom, which only introspection produces (a model's column names its
  // dialect spelling on the neutral type, as wiki_pages.search does).
  EXPECT_EQ(kinds.size(), 18u) << "every TypeKind";
  EXPECT_FALSE(kinds.contains(TypeKind::custom));
  const Table* wiki = schema.find_table("wiki_pages");
  ASSERT_TRUE(wiki);
  EXPECT_TRUE(wiki->sqlite_autoincrement);
  EXPECT_TRUE(wiki->find_column("body_length")->generated);
  EXPECT_TRUE(wiki->find_column("search")->type.postgresql_type && wiki->find_column("search")->type.sqlite_type);
  EXPECT_EQ(actions.size(), 5u) << "every ReferentialAction";
  EXPECT_EQ(relationships.size(), 4u) << "every RelationshipKind";
  EXPECT_TRUE(datetime_with_tz && datetime_without_tz && numeric_with_scale);
  EXPECT_TRUE(composite_pk && self_reference && partial_index && method && unique_index && composite_index);
  EXPECT_TRUE(server_default && literal_default && autoincrement && column_comment && table_comment && renamed);
  EXPECT_EQ(schema.enums.size(), 2u);

  // The cycle: teams -> users -> teams.
  const auto* teams = schema.find_table("teams");
  const auto* users = schema.find_table("users");
  ASSERT_TRUE(teams && users);
  auto refers_to = [](const Table& from, std::string_view to) {
    return std::any_of(from.foreign_keys.begin(), from.foreign_keys.end(),
                       [&](const ForeignKey& key) { return key.referred_table == to; });
  };
  EXPECT_TRUE(refers_to(*teams, "users") && refers_to(*users, "teams"));
}

TEST(SnapshotRoundTrip, EveryFeatureSchemaReadsBackEqual) {
  const Schema schema = every_feature_schema();
  const Schema read = read_snapshot(write_snapshot(schema), "every_feature.json");
  EXPECT_EQ(read, schema);
}

TEST(SnapshotRoundTrip, AwkwardIdentifiersReadBackEqual) {
  const Schema schema = awkward_identifiers_schema();
  const std::string text = write_snapshot(schema);
  EXPECT_NE(text.find(R"("we\"ird")"), std::string::npos) << text;
  EXPECT_EQ(read_snapshot(text, "awkward.json"), schema);
}

TEST(SnapshotRoundTrip, NonAsciiNamesAreWrittenAsUtf8AndReadBack) {
  Schema schema;
  Table table;
  table.name = "café";
  Column column;
  column.name = "größe";
  column.type.kind = TypeKind::int32;
  column.comment = "naïve — 日本";
  table.columns.push_back(column);
  schema.tables.push_back(table);
  const std::string text = write_snapshot(schema);
  EXPECT_NE(text.find("\"café\""), std::string::npos) << text;
  EXPECT_EQ(read_snapshot(text, "utf8.json"), schema);
}

TEST(SnapshotRoundTrip, WritingTwiceGivesIdenticalBytes) {
  EXPECT_EQ(write_snapshot(every_feature_schema()), write_snapshot(every_feature_schema()));
}

TEST(SnapshotRoundTrip, ReadThenWriteGivesIdenticalBytes) {
  const std::string first = write_snapshot(every_feature_schema());
  const std::string second = write_snapshot(read_snapshot(first, "every_feature.json"));
  EXPECT_EQ(first, second);
}

// Two translation units may declare the same models in any order.
TEST(SnapshotRoundTrip, DeclarationOrderDoesNotChangeTheBytes) {
  const std::string canonical = write_snapshot(every_feature_schema());
  std::mt19937 random(20261124);
  for (int round = 0; round < 20; ++round) {
    Schema shuffled = every_feature_schema();
    std::shuffle(shuffled.tables.begin(), shuffled.tables.end(), random);
    std::shuffle(shuffled.enums.begin(), shuffled.enums.end(), random);
    for (auto& table : shuffled.tables) {
      std::shuffle(table.foreign_keys.begin(), table.foreign_keys.end(), random);
      std::shuffle(table.unique_constraints.begin(), table.unique_constraints.end(), random);
      std::shuffle(table.check_constraints.begin(), table.check_constraints.end(), random);
      std::shuffle(table.indexes.begin(), table.indexes.end(), random);
      std::shuffle(table.relationships.begin(), table.relationships.end(), random);
    }
    ASSERT_EQ(write_snapshot(shuffled), canonical) << "round " << round;
  }
}

// A hand-edited snapshot may list tables in any order and leave out what has a default; it
// reads as the canonical schema.
TEST(SnapshotRoundTrip, AHandWrittenSnapshotReadsAsTheCanonicalSchema) {
  const Schema schema = read_snapshot(R"json({
    "format": 1,
    "tables": [
      {"name": "posts",
       "columns": [{"name": "id", "type": "int64", "nullable": false},
                   {"name": "author_id", "type": "int64", "nullable": false}],
       "foreign_keys": [{"name": "fk_posts_author_id_authors", "columns": ["author_id"],
                         "referred_table": "authors", "referred_columns": ["id"]}]},
      {"name": "authors", "columns": [{"name": "id", "type": "int64", "nullable": false}]}
    ]
  })json", "hand-written.json");
  ASSERT_EQ(schema.tables.size(), 2u);
  EXPECT_EQ(schema.tables[0].name, "authors");
  const auto& key = schema.tables[1].foreign_keys.at(0);
  EXPECT_EQ(key.on_delete, ReferentialAction::no_action);
  EXPECT_EQ(key.on_update, ReferentialAction::no_action);
  EXPECT_TRUE(schema.enums.empty());
  EXPECT_TRUE(schema.tables[0].source.empty());
}

// Column order and enum value order are meaningful (DDL order, PostgreSQL enum order).
TEST(SnapshotRoundTrip, ColumnAndEnumValueOrderIsKept) {
  Schema schema = every_feature_schema();
  auto* tasks = schema.find_table("tasks");
  ASSERT_NE(tasks, nullptr);
  std::swap(tasks->columns[0], tasks->columns[1]);
  const Schema read = read_snapshot(write_snapshot(schema), "reordered.json");
  EXPECT_EQ(read.find_table("tasks")->columns[0].name, tasks->columns[0].name);
  EXPECT_NE(write_snapshot(schema), write_snapshot(every_feature_schema()));
  const auto* status = read.find_enum("taskstatus");
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(status->values, (std::vector<std::string>{"draft", "active", "done"}));
}

// The golden file is what users review in their pull requests; any change to it is a format
// change that needs a deliberate look. Regenerate with SQLMODEL_UPDATE_GOLDEN=1.
TEST(SnapshotRoundTrip, MatchesTheGoldenFileByteForByte) {
  const auto golden = test_data_directory() / "snapshots" / "every_feature.json";
  const std::string text = write_snapshot(every_feature_schema());
  if (std::getenv("SQLMODEL_UPDATE_GOLDEN")) write_snapshot_file(every_feature_schema(), golden);
  ASSERT_TRUE(std::filesystem::exists(golden)) << golden;
  EXPECT_EQ(read_text(golden), text) << "regenerate with SQLMODEL_UPDATE_GOLDEN=1 if intended";
  EXPECT_EQ(read_snapshot_file(golden), every_feature_schema());
}

// ---- single-table inheritance: an additive, model-only part of a table ----------------------

Schema with_single_table_hierarchy() {
  Schema schema = every_feature_schema();
  Table employees;
  employees.name = "employees";
  employees.columns = {Column{.name = "id", .type = {.kind = TypeKind::int64}},
                       Column{.name = "kind", .type = {.kind = TypeKind::string}},
                       Column{.name = "budget", .type = {.kind = TypeKind::float64}, .nullable = true}};
  employees.primary_key = PrimaryKey{"pk_employees", {"id"}};
  // Declared out of identity order: the writer sorts.
  employees.single_table_inheritance = SingleTableInheritance{
      "kind", {{"manager", "Manager", {"models.hpp", 20, 8}}, {"employee", "Employee", {"models.hpp", 12, 8}}}};
  schema.tables.push_back(std::move(employees));
  sort_canonically(schema);
  return schema;
}

TEST(SingleTableInheritanceSnapshot, ReadsBackEqualWithModelsSortedByIdentity) {
  const Schema schema = with_single_table_hierarchy();
  const auto& models = schema.find_table("employees")->single_table_inheritance->models;
  EXPECT_EQ(models.front().identity, "employee");
  const std::string text = write_snapshot(schema);
  EXPECT_NE(text.find(R"("single_table_inheritance": {
        "discriminator": "kind",
        "models": [
          {
            "identity": "employee",
            "model": "Employee",
            "source": "models.hpp:12:8"
          },)"), std::string::npos) << text;
  EXPECT_EQ(read_snapshot(text, "hierarchy.json"), schema);
  EXPECT_EQ(write_snapshot(read_snapshot(text, "hierarchy.json")), text);
}

TEST(SingleTableInheritanceSnapshot, AbsentWhenNoTableIsShared) {
  EXPECT_EQ(write_snapshot(every_feature_schema()).find("single_table_inheritance"), std::string::npos);
}

// Adding a hierarchy to an existing table is a metadata change the migration replays exactly;
// the database never sees it.
TEST(SingleTableInheritanceSnapshot, DiffCarriesItAsMetadataAndReplaysToTheSnapshot) {
  const Schema with = with_single_table_hierarchy();
  Schema without = with;
  without.find_table("employees")->single_table_inheritance.reset();
  EXPECT_TRUE(diff(with, with).empty());
  const auto operations = diff(without, with);
  ASSERT_EQ(operations.size(), 1u);
  ASSERT_TRUE(std::holds_alternative<AlterTableMetadata>(operations[0]));
  EXPECT_NE(describe(operations[0]).find("single-table inheritance"), std::string::npos)
      << describe(operations[0]);
  Schema replayed = without;
  for (const auto& operation : operations) apply_to_schema(replayed, operation);
  EXPECT_EQ(replayed, with);
  for (const auto& operation : invert(operations)) apply_to_schema(replayed, operation);
  EXPECT_EQ(replayed, without);
  EXPECT_EQ(database_view(with), database_view(without));
}

TEST(SnapshotFormat, StartsWithTheFormatAndEndsWithANewline) {
  const std::string text = write_snapshot(every_feature_schema());
  EXPECT_TRUE(text.starts_with("{\n  \"format\": 1,\n  \"enums\": [\n    {\n      \"name\": ")) << text;
  EXPECT_TRUE(text.ends_with("}\n"));
  EXPECT_FALSE(text.ends_with("\n\n"));
  EXPECT_EQ(text.find('\t'), std::string::npos);
}

TEST(SnapshotFormat, ShortListsStayOnOneLine) {
  const std::string text = write_snapshot(every_feature_schema());
  EXPECT_NE(text.find(R"("columns": ["task_id", "label_name"])"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("values": ["draft", "active", "done"])"), std::string::npos) << text;
}

TEST(SnapshotFormat, LongListsGetOneElementPerLine) {
  Schema schema;
  EnumType colours{"colour", {}, {}};
  for (int i = 0; i < 30; ++i) colours.values.push_back("colour_number_" + std::to_string(i));
  schema.enums.push_back(colours);
  const std::string text = write_snapshot(schema);
  EXPECT_NE(text.find("\"values\": [\n        \"colour_number_0\",\n"), std::string::npos) << text;
  for (std::size_t start = 0, end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    EXPECT_LE(end - start, 100u) << text.substr(start, end - start);
  EXPECT_EQ(read_snapshot(text, "long.json"), schema);
}

TEST(SnapshotFormat, UnsetOptionalFieldsAreLeftOutButNullableIsAlwaysWritten) {
  Column column;
  column.name = "title";
  column.type.kind = TypeKind::string;
  EXPECT_EQ(to_json(column).dump(), R"({"name":"title","type":"string","nullable":false})");

  column.nullable = true;
  column.type.max_length = 200;
  column.default_value = "\"draft\"";
  column.server_default = "'draft'";
  column.comment = "shown in lists";
  column.source = {"models.hpp", 4, 3};
  EXPECT_EQ(to_json(column).dump(),
            R"json({"name":"title","type":"string(200)","nullable":true,"default":"draft",)json"
            R"json("server_default":"'draft'","comment":"shown in lists","source":"models.hpp:4:3"})json");
}

TEST(SnapshotFormat, ForeignKeysSpellBothActions) {
  const auto json = to_json(*every_feature_schema().find_table("task_labels"));
  const auto& key = json["foreign_keys"][0];
  EXPECT_EQ(key["on_delete"], "no_action");
  EXPECT_EQ(key["on_update"], "cascade");
}

TEST(SnapshotFormat, ADefaultThatIsNotJsonTextIsRefusedByTheWriter) {
  Schema schema;
  Table table;
  table.name = "things";
  Column column;
  column.name = "mode";
  column.default_value = "Mode::fast";
  table.columns.push_back(column);
  schema.tables.push_back(table);
  try {
    write_snapshot(schema);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(),
                 "table \"things\": column \"mode\": default value Mode::fast is not JSON text");
  }
}

TEST(SnapshotFormat, TablesAndColumnsEmbedInOtherDocuments) {
  const Schema schema = every_feature_schema();
  for (const auto& table : schema.tables) {
    const auto json = nlohmann::json::parse(to_json(table).dump());
    EXPECT_EQ(table_from_json(json, "migration.json", "/upgrade/0/table"), table);
    for (const auto& column : table.columns)
      EXPECT_EQ(column_from_json(nlohmann::json::parse(to_json(column).dump()), "m.json", "/c"), column);
  }
}

class SnapshotFileTest : public ::testing::Test {
 protected:
  std::filesystem::path directory = testing::scratch_directory();
};

TEST_F(SnapshotFileTest, WritesAtomicallyAndLeavesNoTemporaryFiles) {
  const auto path = directory / "app.schema.json";
  write_snapshot_file(every_feature_schema(), path);
  write_snapshot_file(awkward_identifiers_schema(), path);  // replaces
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory))
    names.push_back(entry.path().filename().string());
  EXPECT_EQ(names, std::vector<std::string>{"app.schema.json"});
  EXPECT_EQ(read_snapshot_file(path), awkward_identifiers_schema());
  EXPECT_EQ(read_text(path), write_snapshot(awkward_identifiers_schema()));
}

// Build systems rebuild what depends on a file whose timestamp moved.
TEST_F(SnapshotFileTest, AnUnchangedSnapshotKeepsItsTimestamp) {
  const auto path = directory / "app.schema.json";
  write_snapshot_file(every_feature_schema(), path);
  const auto old_time = std::filesystem::file_time_type::clock::now() - std::chrono::hours(1);
  std::filesystem::last_write_time(path, old_time);
  write_snapshot_file(every_feature_schema(), path);
  EXPECT_EQ(std::filesystem::last_write_time(path), old_time);
  write_snapshot_file(awkward_identifiers_schema(), path);
  EXPECT_NE(std::filesystem::last_write_time(path), old_time);
}

TEST_F(SnapshotFileTest, AnUnwritableDirectoryIsASnapshotErrorNamingTheFile) {
  const auto path = directory / "missing-directory" / "app.schema.json";
  try {
    write_snapshot_file(every_feature_schema(), path);
    FAIL() << "expected a SnapshotError";
  } catch (const SnapshotError& error) {
    EXPECT_EQ(error.file(), path.string());
    EXPECT_EQ(error.reason(), "cannot create temporary file: No such file or directory");
  }
}

}  // namespace
}  // namespace sqlmodel::schema
