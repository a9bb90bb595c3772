// Create / Read / Update models of one table: a member whose column has another name
// (.name), defaults, enums, and an Update model that can set nullable columns to NULL
// (std::optional<std::optional<T>>: unset leaves the column, an engaged nullopt clears it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <sqlmodel/annotations.hpp>

namespace shop {

enum class Tier { free, pro };

struct SQLMODEL_TABLE(.name = "customers") Customer {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  SQLMODEL_FIELD(.unique = true, .max_length = 255) std::string email;
  SQLMODEL_FIELD(.name = "nick_name", .max_length = 40) std::optional<std::string> nickname;
  Tier tier = Tier::free;
  std::optional<Tier> previous_tier;
  std::optional<std::vector<std::string>> tags;
};

struct SQLMODEL_MODEL(.mirrors = "customers") CustomerCreate {
  std::string email;
  std::optional<std::string> nickname;
  Tier tier = Tier::free;
};

struct SQLMODEL_MODEL(.mirrors = "Customer") CustomerRead {
  std::int64_t id = 0;
  std::string email;
  std::optional<std::string> nickname;
  Tier tier = Tier::free;
};

struct SQLMODEL_MODEL(.mirrors = "Customer", .partial = true) CustomerUpdate {
  std::optional<std::string> email;
  std::optional<std::optional<std::string>> nickname;
  std::optional<Tier> tier;
  std::optional<std::optional<Tier>> previous_tier;
  std::optional<std::optional<std::vector<std::string>>> tags;
};

}  // namespace shop
