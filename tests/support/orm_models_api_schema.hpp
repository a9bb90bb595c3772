// The schema of orm_models_api.hpp as the plugin's snapshot describes it (test_orm_test_schemas
// compares the two): the tests create their tables from it, and check_schema compares
// databases against it.
#pragma once

#include <string>

#include "orm_test_schema.hpp"
#include "schema/ddl.hpp"
#include "schema/naming.hpp"
#include "sqlmodel/schema.hpp"

namespace sqlmodel::testing::orm_api {

inline schema::Column api_column(std::string name, schema::TypeKind kind, bool nullable = false) {
  return orm::orm_column(std::move(name), kind, nullable);
}

inline schema::Column api_array(std::string name, schema::TypeKind element, bool nullable = false) {
  schema::Column column = api_column(std::move(name), schema::TypeKind::array, nullable);
  column.type.element_kind = element;
  return column;
}

inline schema::Column api_timestamp(std::string name, bool nullable) {
  schema::Column column = api_column(std::move(name), schema::TypeKind::datetime, nullable);
  column.type.with_timezone = true;
  return column;
}

inline schema::Schema model_api_schema() {
  using schema::TypeKind;
  schema::Schema result;

  schema::Table accounts;
  accounts.name = "accounts";
  accounts.columns.push_back(api_timestamp("created_at", false));
  accounts.columns.push_back(api_timestamp("updated_at", false));
  accounts.columns.push_back(api_timestamp("deleted_at", true));
  accounts.columns.push_back(orm::orm_key_column());
  auto handle = api_column("handle", TypeKind::string);
  handle.type.max_length = 20;
  accounts.columns.push_back(handle);
  auto email = api_column("email", TypeKind::string);
  email.type.max_length = 255;
  accounts.columns.push_back(email);
  accounts.columns.push_back(api_column("age", TypeKind::int32));
  accounts.columns.push_back(api_column("rating", TypeKind::float64, true));
  auto balance = api_column("balance", TypeKind::numeric);
  balance.type.precision = 12;
  balance.type.scale = 2;
  accounts.columns.push_back(balance);
  auto display = api_column("display_name", TypeKind::string, true);
  display.type.max_length = 40;
  accounts.columns.push_back(display);
  auto tags = api_array("tags", TypeKind::string);
  tags.type.max_length = 10;
  accounts.columns.push_back(tags);
  accounts.columns.push_back(api_column("website", TypeKind::string, true));
  accounts.primary_key = schema::PrimaryKey{schema::naming::primary_key("accounts"), {"id"}};
  accounts.unique_constraints.push_back({schema::naming::unique("accounts", {"handle"}), {"handle"}, {}});
  result.tables.push_back(accounts);

  schema::Table samples = orm::orm_table("samples");
  samples.columns.push_back(api_timestamp("at", false));
  samples.columns.push_back(api_timestamp("maybe_at", true));
  samples.columns.push_back(api_column("day", TypeKind::date));
  samples.columns.push_back(api_column("maybe_day", TypeKind::date, true));
  samples.columns.push_back(api_column("doc", TypeKind::json));
  samples.columns.push_back(api_column("maybe_doc", TypeKind::json, true));
  samples.columns.push_back(api_column("token", TypeKind::uuid));
  samples.columns.push_back(api_column("maybe_token", TypeKind::uuid, true));
  auto amount = api_column("amount", TypeKind::numeric);
  amount.type.precision = 20;
  amount.type.scale = 6;
  samples.columns.push_back(amount);
  samples.columns.push_back(api_column("maybe_amount", TypeKind::numeric, true));
  samples.columns.push_back(api_column("bytes", TypeKind::blob));
  samples.columns.push_back(api_column("maybe_bytes", TypeKind::blob, true));
  auto mood = api_column("mood", TypeKind::enumeration);
  mood.type.enum_name = "mood";
  samples.columns.push_back(mood);
  auto maybe_mood = api_column("maybe_mood", TypeKind::enumeration, true);
  maybe_mood.type.enum_name = "mood";
  samples.columns.push_back(maybe_mood);
  samples.columns.push_back(api_array("numbers", TypeKind::int64));
  samples.columns.push_back(api_array("small_numbers", TypeKind::int32));
  samples.columns.push_back(api_array("ratios", TypeKind::float64));
  samples.columns.push_back(api_array("words", TypeKind::string));
  auto moods = api_array("moods", TypeKind::enumeration);
  moods.type.enum_name = "mood";
  samples.columns.push_back(moods);
  samples.columns.push_back(api_array("tokens", TypeKind::uuid));
  auto times = api_array("times", TypeKind::datetime);
  times.type.with_timezone = true;
  samples.columns.push_back(times);
  samples.columns.push_back(api_array("maybe_numbers", TypeKind::int64, true));
  result.tables.push_back(samples);

  result.enums.push_back({"mood", {"calm", "busy", "away"}, {}});
  schema::sort_canonically(result);
  return result;
}

inline std::string model_api_create_script(schema::Dialect dialect) {
  return orm::create_script(model_api_schema(), dialect);
}

}  // namespace sqlmodel::testing::orm_api
