// Models the model-API tests use (validation, timestamps, soft delete, Create/Read/Update,
// JSON, value codecs), annotated as a user writes them. The plugin generates their traits
// (test_orm_model_api_generated); orm_models_api_traits.hpp stands in for builds without it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sqlmodel/annotations.hpp"
#include "sqlmodel/mixins.hpp"

namespace sqlmodel::testing::orm_api {

struct SQLMODEL_TABLE(.name = "accounts") Account : sqlmodel::TimestampMixin, sqlmodel::SoftDeleteMixin {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.unique = true, .min_length = 3, .max_length = 20, .pattern = "^[a-z0-9_]+$")
  std::string handle;
  SQLMODEL_FIELD(.max_length = 255, .pattern = "^[^@\\s]+@[^@\\s]+$") std::string email;
  SQLMODEL_FIELD(.ge = 0, .lt = 150) std::int32_t age = 0;
  SQLMODEL_FIELD(.gt = 0, .le = 100) std::optional<double> rating;
  SQLMODEL_FIELD(.ge = 0, .precision = 12, .scale = 2) sqlmodel::Decimal balance;
  SQLMODEL_FIELD(.name = "display_name", .max_length = 40) std::optional<std::string> display;
  SQLMODEL_FIELD(.max_length = 10) std::vector<std::string> tags;
  // A pattern without a length bound: RE2 searches whatever length arrives.
  SQLMODEL_FIELD(.pattern = "^https://[^\\s/]+(/\\S*)?$") std::optional<std::string> website;
};

struct SQLMODEL_MODEL(.mirrors = "Account") AccountCreate {
  std::string handle;
  std::string email;
  std::int32_t age = 0;
  std::optional<double> rating;
  sqlmodel::Decimal balance;
  std::optional<std::string> display;
  std::vector<std::string> tags;
  std::optional<std::string> website;
};

struct SQLMODEL_MODEL(.mirrors = "Account") AccountRead {
  std::int64_t id = 0;
  std::string handle;
  std::string email;
  std::int32_t age = 0;
  std::optional<std::string> display;
  std::optional<std::chrono::system_clock::time_point> created_at;
};

struct SQLMODEL_MODEL(.mirrors = "Account", .partial = true) AccountUpdate {
  std::optional<std::string> email;
  std::optional<std::int32_t> age;
  std::optional<std::optional<std::string>> display;
  std::optional<std::vector<std::string>> tags;
};

enum class Mood { calm, busy, away };

// Every value type the new codecs handle, nullable and not.
struct SQLMODEL_TABLE(.name = "samples") Sample {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::chrono::system_clock::time_point at;
  std::optional<std::chrono::system_clock::time_point> maybe_at;
  std::chrono::year_month_day day{};
  std::optional<std::chrono::year_month_day> maybe_day;
  nlohmann::json doc;
  std::optional<nlohmann::json> maybe_doc;
  SQLMODEL_FIELD(.default_factory = sqlmodel::DefaultFactory::uuid4) sqlmodel::UUID token;
  std::optional<sqlmodel::UUID> maybe_token;
  SQLMODEL_FIELD(.precision = 20, .scale = 6) sqlmodel::Decimal amount;
  std::optional<sqlmodel::Decimal> maybe_amount;
  std::vector<std::byte> bytes;
  std::optional<std::vector<std::byte>> maybe_bytes;
  Mood mood = Mood::calm;
  std::optional<Mood> maybe_mood;
  std::vector<std::int64_t> numbers;
  std::vector<std::int32_t> small_numbers;
  std::vector<double> ratios;
  std::vector<std::string> words;
  std::vector<Mood> moods;
  std::vector<sqlmodel::UUID> tokens;
  std::vector<std::chrono::system_clock::time_point> times;
  std::optional<std::vector<std::int64_t>> maybe_numbers;
};

}  // namespace sqlmodel::testing::orm_api
