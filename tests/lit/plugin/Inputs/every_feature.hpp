// Models that use every feature the plugin reads, for the golden snapshot test.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <sqlmodel/annotations.hpp>

namespace every {

enum class Color { red, green, blue };
enum class Visibility { hidden, shown };

// A soft-delete mixin with a column-name override and a comment.
struct SoftDelete {
  SQLMODEL_FIELD(.name = "deleted_at", .comment = "Set instead of deleting the row")
  std::optional<std::chrono::system_clock::time_point> removed_at;
};

struct Profile;

struct SQLMODEL_TABLE(.name = "accounts", .comment = "Every column type", .renamed_from = "account")
SQLMODEL_INDEX(.columns = {"small", "medium"}, .unique = true)
SQLMODEL_INDEX(.columns = {"labels"}, .method = "gin")
SQLMODEL_INDEX(.columns = {"handle"}, .where = "deleted_at IS NULL", .name = "ix_accounts_live_handle")
SQLMODEL_UNIQUE(.columns = {"handle", "color"})
SQLMODEL_CHECK(.name = "balance_nonnegative", .expression = "balance >= 0")
Account : SoftDelete {
  SQLMODEL_FIELD(.primary_key = true, .autoincrement = false) std::int64_t id;
  SQLMODEL_FIELD(.default_factory = sqlmodel::DefaultFactory::uuid4, .unique = true) sqlmodel::UUID public_id;
  SQLMODEL_FIELD(.max_length = 40, .renamed_from = "nick") std::string handle;
  std::optional<std::string> bio;
  std::int8_t tiny = -1;
  std::uint8_t small_unsigned = 1;
  std::int16_t small = 2;
  std::uint16_t medium_unsigned = 3;
  std::int32_t medium = 4;
  std::uint32_t large_unsigned = 5;
  SQLMODEL_FIELD(.server_default = "0", .ge = 0) std::int64_t large = 6;
  float ratio = 0.1f;
  double score = 2.5;
  bool verified = false;
  SQLMODEL_FIELD(.precision = 12, .scale = 2, .server_default = "0") sqlmodel::Decimal balance;
  sqlmodel::Decimal unbounded;
  std::chrono::system_clock::time_point joined_at;
  SQLMODEL_FIELD(.timezone = false) std::optional<std::chrono::system_clock::time_point> local_login;
  std::optional<std::chrono::year_month_day> birthday;
  Color color = Color::green;
  std::optional<Visibility> visibility;
  nlohmann::json settings;
  std::vector<std::byte> avatar;
  SQLMODEL_FIELD(.max_length = 30) std::vector<std::string> labels;
  std::vector<Color> palette;
  std::vector<std::int32_t> lucky_numbers;
  SQLMODEL_FIELD(.sql_type = "string(7)", .server_default = "'#000000'") std::string hex = "#000000";
  SQLMODEL_FIELD(.nullable = false) std::optional<std::int32_t> filled_later;
  SQLMODEL_FIELD(.exclude = true) std::string not_a_column;
  SQLMODEL_RELATIONSHIP(.back_populates = "account", .foreign_key = "account_id", .cascade_delete = true, .delete_orphan = true)
  sqlmodel::Related<Profile> profile;
};

// One-to-one: the primary key is also the foreign key.
struct SQLMODEL_TABLE(.name = "profiles") Profile {
  SQLMODEL_FIELD(.primary_key = true, .foreign_key = "accounts.id",
                 .on_delete = sqlmodel::OnDelete::cascade, .on_update = sqlmodel::OnUpdate::cascade)
  std::int64_t account_id;
  SQLMODEL_FIELD(.foreign_key = "accounts.public_id", .on_delete = sqlmodel::OnDelete::restrict, .index = true)
  std::optional<sqlmodel::UUID> referrer;
  SQLMODEL_FIELD(.foreign_key = "accounts.id", .on_delete = sqlmodel::OnDelete::set_default,
                 .server_default = "1", .index = true)
  std::int64_t sponsor_id = 1;
  SQLMODEL_RELATIONSHIP(.back_populates = "profile", .foreign_key = "account_id") sqlmodel::Related<Account> account;
};

}  // namespace every
