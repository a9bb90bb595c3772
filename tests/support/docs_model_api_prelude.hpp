// What the examples of docs/orm.md under fixture ModelApiTest see (tools/docs_examples.py):
// the model-API models (Account with both mixins, its AccountCreate/Read/Update mirrors), the
// headers of mirrors, JSON and check_schema, and the models' snapshot as a user's build has it.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "schema/snapshot_json.hpp"
#include "sqlmodel/check_schema.hpp"
#include "sqlmodel/json.hpp"
#include "sqlmodel/mirror.hpp"
#include "sqlmodel/orm.hpp"
#include "sqlmodel/session.hpp"
#include "support/orm_model_api_fixture.hpp"

namespace sqlmodel::testing::docs {
using namespace sqlmodel::testing::orm_api;  // ModelApiTest, Account and its mirrors

// The text of the snapshot the plugin writes for the models (-fplugin-arg-sqlmodel-snapshot=,
// build/<target>.schema.json under sqlmodel_add_models()).
inline std::string models_snapshot() { return schema::write_snapshot(model_api_schema()); }
}  // namespace sqlmodel::testing::docs
