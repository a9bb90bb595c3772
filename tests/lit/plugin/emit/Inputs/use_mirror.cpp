// An application's use of the header generated for mirror_models.hpp: the Create / Read /
// Update models work with the runtime's mirror and JSON functions, and an Update field that
// can clear a column keeps its std::optional<std::optional<T>>.
#include "mirror.sqlmodel.hpp"

#include <sqlmodel/json.hpp>
#include <sqlmodel/mirror.hpp>

#include <tuple>
#include <type_traits>

namespace {

template <typename M, std::size_t I>
using field_type = std::remove_cvref_t<decltype(sqlmodel::get<I>(sqlmodel::mirror_traits<M>::fields))>;

static_assert(sqlmodel::MirrorModel<shop::CustomerUpdate>);
static_assert(sqlmodel::mirror_traits<shop::CustomerUpdate>::partial);
static_assert(std::tuple_size_v<decltype(sqlmodel::mirror_traits<shop::CustomerUpdate>::fields)> == 5);
static_assert(std::is_same_v<field_type<shop::CustomerUpdate, 1>::value_type,
                             std::optional<std::optional<std::string>>>);
static_assert(sqlmodel::detail::same_member<field_type<shop::CustomerUpdate, 1>::table_member, &shop::Customer::nickname>());
static_assert(sqlmodel::get<1>(sqlmodel::mirror_traits<shop::CustomerUpdate>::fields).name == "nickname");
static_assert(std::is_same_v<field_type<shop::CustomerUpdate, 3>::value_type,
                             std::optional<std::optional<shop::Tier>>>);
static_assert(std::is_same_v<field_type<shop::CustomerUpdate, 4>::table_value_type,
                             std::optional<std::vector<std::string>>>);
static_assert(sqlmodel::get<2>(sqlmodel::mirror_traits<shop::CustomerCreate>::fields).has_default);
static_assert(!sqlmodel::mirror_traits<shop::CustomerRead>::partial);

}  // namespace

// Instantiated, not run: the runtime's templates accept the generated traits.
shop::CustomerRead patch(const shop::CustomerCreate& create, const nlohmann::json& body) {
  shop::Customer customer = sqlmodel::from_create<shop::Customer>(create);
  sqlmodel::apply_update(customer, sqlmodel::from_json<shop::CustomerUpdate>(body));
  return sqlmodel::to_read<shop::CustomerRead>(customer);
}
