// STAND-IN FOR GENERATED CODE, for builds without the plugin (SQLMODEL_WITH_PLUGIN=OFF). It is
// what the plugin's code generator (-fplugin-arg-sqlmodel-emit=PATH) writes for
// orm_models_api.hpp, following the contract in include/sqlmodel/model_traits.hpp. With the
// plugin, the model-API suite is also built against the generated header
// (test_orm_model_api_generated), so the two cannot drift apart unnoticed.
#pragma once

#include <array>
#include <string_view>
#include <tuple>
#include <utility>

#include "orm_models_api.hpp"
#include "sqlmodel/model_traits.hpp"

template <>
struct sqlmodel::enum_traits<sqlmodel::testing::orm_api::Mood> {
  using Mood = sqlmodel::testing::orm_api::Mood;
  static constexpr std::string_view name = "mood";
  static constexpr std::array<std::pair<Mood, std::string_view>, 3> enumerators{{
      {Mood::calm, "calm"}, {Mood::busy, "busy"}, {Mood::away, "away"}}};
};

template <>
struct sqlmodel::model_traits<sqlmodel::testing::orm_api::Account> {
  using Account = sqlmodel::testing::orm_api::Account;
  static constexpr std::string_view model_name = "Account";
  static constexpr std::string_view table_name = "accounts";
  static constexpr auto columns = std::tuple{
      column<&Account::created_at>{.name = "created_at", .kind = schema::TypeKind::datetime,
                                   .nullable = false, .with_timezone = true,
                                   .default_factory = DefaultFactory::now, .has_default = true},
      column<&Account::updated_at>{.name = "updated_at", .kind = schema::TypeKind::datetime,
                                   .nullable = false, .with_timezone = true,
                                   .default_factory = DefaultFactory::now, .role = ColumnRole::updated_at,
                                   .has_default = true},
      column<&Account::deleted_at>{.name = "deleted_at", .kind = schema::TypeKind::datetime,
                                   .with_timezone = true, .role = ColumnRole::deleted_at},
      column<&Account::id>{.name = "id", .kind = schema::TypeKind::int64, .primary_key = true,
                           .autoincrement = true, .nullable = false},
      column<&Account::handle>{.name = "handle", .kind = schema::TypeKind::string, .max_length = 20,
                               .min_length = 3, .pattern = "^[a-z0-9_]+$"},
      column<&Account::email>{.name = "email", .kind = schema::TypeKind::string, .max_length = 255,
                              .pattern = "^[^@\\s]+@[^@\\s]+$"},
      column<&Account::age>{.name = "age", .kind = schema::TypeKind::int32, .ge = 0, .lt = 150,
                            .has_default = true},
      column<&Account::rating>{.name = "rating", .kind = schema::TypeKind::float64, .gt = 0, .le = 100},
      column<&Account::balance>{.name = "balance", .kind = schema::TypeKind::numeric, .precision = 12,
                                .scale = 2, .ge = 0},
      column<&Account::display>{.name = "display_name", .kind = schema::TypeKind::string,
                                .max_length = 40, .json_name = "display"},
      column<&Account::tags>{.name = "tags", .kind = schema::TypeKind::array, .max_length = 10,
                             .element_kind = schema::TypeKind::string},
      column<&Account::website>{.name = "website", .kind = schema::TypeKind::string,
                                .pattern = "^https://[^\\s/]+(/\\S*)?$"},
  };
};

template <>
struct sqlmodel::mirror_traits<sqlmodel::testing::orm_api::AccountCreate> {
  using Account = sqlmodel::testing::orm_api::Account;
  using AccountCreate = sqlmodel::testing::orm_api::AccountCreate;
  using table_model = Account;
  static constexpr std::string_view model_name = "AccountCreate";
  static constexpr bool partial = false;
  static constexpr auto fields = std::tuple{
      mirror_field<&AccountCreate::handle, &Account::handle>{.name = "handle"},
      mirror_field<&AccountCreate::email, &Account::email>{.name = "email"},
      mirror_field<&AccountCreate::age, &Account::age>{.name = "age", .has_default = true},
      mirror_field<&AccountCreate::rating, &Account::rating>{.name = "rating"},
      mirror_field<&AccountCreate::balance, &Account::balance>{.name = "balance"},
      mirror_field<&AccountCreate::display, &Account::display>{.name = "display"},
      mirror_field<&AccountCreate::tags, &Account::tags>{.name = "tags"},
      mirror_field<&AccountCreate::website, &Account::website>{.name = "website"},
  };
};

template <>
struct sqlmodel::mirror_traits<sqlmodel::testing::orm_api::AccountRead> {
  using Account = sqlmodel::testing::orm_api::Account;
  using AccountRead = sqlmodel::testing::orm_api::AccountRead;
  using table_model = Account;
  static constexpr std::string_view model_name = "AccountRead";
  static constexpr bool partial = false;
  static constexpr auto fields = std::tuple{
      mirror_field<&AccountRead::id, &Account::id>{.name = "id", .has_default = true},
      mirror_field<&AccountRead::handle, &Account::handle>{.name = "handle"},
      mirror_field<&AccountRead::email, &Account::email>{.name = "email"},
      mirror_field<&AccountRead::age, &Account::age>{.name = "age", .has_default = true},
      mirror_field<&AccountRead::display, &Account::display>{.name = "display"},
      mirror_field<&AccountRead::created_at, &Account::created_at>{.name = "created_at"},
  };
};

template <>
struct sqlmodel::mirror_traits<sqlmodel::testing::orm_api::AccountUpdate> {
  using Account = sqlmodel::testing::orm_api::Account;
  using AccountUpdate = sqlmodel::testing::orm_api::AccountUpdate;
  using table_model = Account;
  static constexpr std::string_view model_name = "AccountUpdate";
  static constexpr bool partial = true;
  static constexpr auto fields = std::tuple{
      mirror_field<&AccountUpdate::email, &Account::email>{.name = "email"},
      mirror_field<&AccountUpdate::age, &Account::age>{.name = "age"},
      mirror_field<&AccountUpdate::display, &Account::display>{.name = "display"},
      mirror_field<&AccountUpdate::tags, &Account::tags>{.name = "tags"},
  };
};

template <>
struct sqlmodel::model_traits<sqlmodel::testing::orm_api::Sample> {
  using Sample = sqlmodel::testing::orm_api::Sample;
  static constexpr std::string_view model_name = "Sample";
  static constexpr std::string_view table_name = "samples";
  static constexpr auto columns = std::tuple{
      column<&Sample::id>{.name = "id", .kind = schema::TypeKind::int64, .primary_key = true,
                          .autoincrement = true, .nullable = false},
      column<&Sample::at>{.name = "at", .kind = schema::TypeKind::datetime, .with_timezone = true},
      column<&Sample::maybe_at>{.name = "maybe_at", .kind = schema::TypeKind::datetime,
                                .with_timezone = true},
      column<&Sample::day>{.name = "day", .kind = schema::TypeKind::date, .has_default = true},
      column<&Sample::maybe_day>{.name = "maybe_day", .kind = schema::TypeKind::date},
      column<&Sample::doc>{.name = "doc", .kind = schema::TypeKind::json},
      column<&Sample::maybe_doc>{.name = "maybe_doc", .kind = schema::TypeKind::json},
      column<&Sample::token>{.name = "token", .kind = schema::TypeKind::uuid,
                             .default_factory = DefaultFactory::uuid4, .has_default = true},
      column<&Sample::maybe_token>{.name = "maybe_token", .kind = schema::TypeKind::uuid},
      column<&Sample::amount>{.name = "amount", .kind = schema::TypeKind::numeric, .precision = 20,
                              .scale = 6},
      column<&Sample::maybe_amount>{.name = "maybe_amount", .kind = schema::TypeKind::numeric},
      column<&Sample::bytes>{.name = "bytes", .kind = schema::TypeKind::blob},
      column<&Sample::maybe_bytes>{.name = "maybe_bytes", .kind = schema::TypeKind::blob},
      column<&Sample::mood>{.name = "mood", .kind = schema::TypeKind::enumeration, .enum_name = "mood",
                            .has_default = true},
      column<&Sample::maybe_mood>{.name = "maybe_mood", .kind = schema::TypeKind::enumeration,
                                  .enum_name = "mood"},
      column<&Sample::numbers>{.name = "numbers", .kind = schema::TypeKind::array,
                               .element_kind = schema::TypeKind::int64},
      column<&Sample::small_numbers>{.name = "small_numbers", .kind = schema::TypeKind::array,
                                     .element_kind = schema::TypeKind::int32},
      column<&Sample::ratios>{.name = "ratios", .kind = schema::TypeKind::array,
                              .element_kind = schema::TypeKind::float64},
      column<&Sample::words>{.name = "words", .kind = schema::TypeKind::array,
                             .element_kind = schema::TypeKind::string},
      column<&Sample::moods>{.name = "moods", .kind = schema::TypeKind::array, .enum_name = "mood",
                             .element_kind = schema::TypeKind::enumeration},
      column<&Sample::tokens>{.name = "tokens", .kind = schema::TypeKind::array,
                              .element_kind = schema::TypeKind::uuid},
      column<&Sample::times>{.name = "times", .kind = schema::TypeKind::array, .with_timezone = true,
                             .element_kind = schema::TypeKind::datetime},
      column<&Sample::maybe_numbers>{.name = "maybe_numbers", .kind = schema::TypeKind::array,
                                     .element_kind = schema::TypeKind::int64},
  };
};
