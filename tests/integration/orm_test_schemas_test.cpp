// The hand-written schemas the ORM suites create their tables from (orm_test_schema.hpp,
// orm_models_api_schema.hpp; builds without the plugin have nothing else) against the
// snapshots the plugin writes for the same models (orm_generated_traits.cmake): the same
// tables, columns, types, keys, indexes, constraints and enums, so neither can drift from
// the models unnoticed.
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "schema/diff.hpp"
#include "schema/snapshot_json.hpp"
#include "support/orm_models_api_schema.hpp"
#include "support/orm_test_schema.hpp"

namespace sqlmodel::testing {
namespace {

schema::Schema plugin_snapshot(const std::string& models) {
  return schema::read_snapshot_file(std::filesystem::path(SQLMODEL_TEST_GENERATED_DIR) /
                                    (models + ".schema.json"));
}

// The schema as the database holds it: without where each declaration is, relationships (ORM
// navigation) and the values the application gives new objects (default_value,
// default_factory), none of which reaches the DDL.
schema::Schema ddl_only(schema::Schema schema) {
  for (schema::Table& table : schema.tables) {
    table.source = {};
    table.relationships.clear();
    for (schema::Column& column : table.columns) {
      column.source = {};
      column.default_value.reset();
      column.default_factory.reset();
    }
    for (auto& key : table.foreign_keys) key.source = {};
    for (auto& unique : table.unique_constraints) unique.source = {};
    for (auto& check : table.check_constraints) check.source = {};
    for (auto& index : table.indexes) index.source = {};
  }
  for (schema::EnumType& enum_type : schema.enums) enum_type.source = {};
  return schema;
}

std::vector<std::string> differences(const schema::Schema& hand_written, const schema::Schema& plugin) {
  std::vector<std::string> described;
  for (const schema::Operation& operation : schema::diff(ddl_only(hand_written), ddl_only(plugin)))
    described.push_back(schema::describe(operation));
  return described;
}

TEST(TestSchemas, OrmTestSchemaIsWhatThePluginSaysOfOrmModels) {
  EXPECT_EQ(differences(orm::orm_test_schema(), plugin_snapshot("orm_models")), std::vector<std::string>{});
}

TEST(TestSchemas, ModelApiSchemaIsWhatThePluginSaysOfOrmModelsApi) {
  EXPECT_EQ(differences(orm_api::model_api_schema(), plugin_snapshot("orm_models_api")),
            std::vector<std::string>{});
}

}  // namespace
}  // namespace sqlmodel::testing
