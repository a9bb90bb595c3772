// An application's use of the header generated for every_feature.hpp.
#include "every.sqlmodel.hpp"

#include <tuple>
#include <type_traits>

namespace {

template <typename T>
using traits = sqlmodel::model_traits<T>;

static_assert(traits<every::Account>::table_name == "accounts");
// The mixin's column under its overridden name, first; the excluded member is not a column.
static_assert(sqlmodel::get<0>(traits<every::Account>::columns).name == "deleted_at");
static_assert(std::tuple_size_v<decltype(traits<every::Account>::columns)> == 29);
// .autoincrement = false on an integer key; .nullable = false on a std::optional.
static_assert(!sqlmodel::detail::primary_key_column<every::Account>.autoincrement);
static_assert(!sqlmodel::get<28>(traits<every::Account>::columns).nullable);
static_assert(sqlmodel::get<28>(traits<every::Account>::columns).name == "filled_later");
static_assert(sqlmodel::get<15>(traits<every::Account>::columns).precision == 12);
static_assert(sqlmodel::get<15>(traits<every::Account>::columns).scale == 2);
static_assert(sqlmodel::get<16>(traits<every::Account>::columns).precision == -1);
static_assert(!sqlmodel::get<18>(traits<every::Account>::columns).with_timezone);  // .timezone = false
static_assert(sqlmodel::get<27>(traits<every::Account>::columns).max_length == 7);  // .sql_type

// One-to-one both ways: the key lives on profiles.
using account_profile = std::remove_cvref_t<decltype(sqlmodel::get<0>(traits<every::Account>::relationships))>;
static_assert(sqlmodel::detail::same_member<account_profile::local_key, &every::Account::id>());
static_assert(sqlmodel::detail::same_member<account_profile::remote_key, &every::Profile::account_id>());
using profile_account = std::remove_cvref_t<decltype(sqlmodel::get<0>(traits<every::Profile>::relationships))>;
static_assert(sqlmodel::detail::same_member<profile_account::local_key, &every::Profile::account_id>());
static_assert(sqlmodel::detail::same_member<profile_account::remote_key, &every::Account::id>());
static_assert(sqlmodel::get<0>(traits<every::Profile>::relationships).kind ==
              sqlmodel::schema::RelationshipKind::one_to_one);

static_assert(sqlmodel::enum_traits<every::Visibility>::enumerators[0].second == "hidden");
static_assert(sqlmodel::enum_traits<every::Color>::name == "color");

}  // namespace

int main() { return 0; }
