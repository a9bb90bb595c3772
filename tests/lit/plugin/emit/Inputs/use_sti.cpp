// An application's use of the header generated for sti_models.hpp: the traits say what the
// hierarchy is, and the session's single-table paths (add, get, select of a child,
// selectinload of a relationship to a child, polymorphic loading) instantiate against them.
#include "sti.sqlmodel.hpp"

#include <tuple>
#include <type_traits>
#include <variant>
#include <vector>

#include <sqlmodel/orm.hpp>
#include <sqlmodel/polymorphic.hpp>

namespace {

template <typename T>
using traits = sqlmodel::model_traits<T>;

// A child maps to its root's table with the root's columns first, then its ancestors' and its own.
static_assert(traits<sti::Director>::table_name == "employees");
static_assert(std::tuple_size_v<decltype(traits<sti::Director>::columns)> == 6);
static_assert(sqlmodel::get<0>(traits<sti::Director>::columns).name == "id");
static_assert(sqlmodel::get<3>(traits<sti::Director>::columns).name == "budget");
static_assert(sqlmodel::get<5>(traits<sti::Director>::columns).name == "office");
static_assert(sqlmodel::get<3>(traits<sti::Engineer>::columns).name == "office");  // Director's column
static_assert(sqlmodel::get<4>(traits<sti::Engineer>::columns).name == "level");
static_assert(sqlmodel::detail::primary_key_column<sti::Manager>.name == "id");
static_assert(std::tuple_size_v<decltype(traits<sti::Employee>::columns)> == 3) ;  // no child column

// The hierarchy: a root reads every row, a child its own and its descendants'.
static_assert(std::is_same_v<traits<sti::Director>::polymorphic_root, sti::Employee>);
static_assert(traits<sti::Manager>::discriminator == "kind");
static_assert(traits<sti::Manager>::polymorphic_identities.size() == 2);
static_assert(traits<sti::Manager>::polymorphic_identities[1] == "director");
static_assert(!sqlmodel::detail::filters_by_discriminator<sti::Employee>());
static_assert(sqlmodel::detail::filters_by_discriminator<sti::Engineer>());
static_assert(!sqlmodel::detail::discriminator_is_member<sti::Manager>());  // the plugin added "kind"
static_assert(sqlmodel::detail::discriminator_is_member<sti::Truck>());
static_assert(traits<sti::Vehicle>::polymorphic_identity.empty());  // abstract
static_assert(std::is_same_v<traits<sti::Vehicle>::polymorphic_models, std::tuple<sti::Car, sti::Truck>>);
static_assert(!sqlmodel::PolymorphicRoot<sti::Car>);

// A relationship to a child names the child; a child's own relationship is in its traits.
static_assert(std::is_same_v<std::remove_cvref_t<decltype(sqlmodel::get<1>(traits<sti::Department>::relationships))>::target_type,
                             sti::Manager>);
static_assert(sqlmodel::get<0>(traits<sti::Manager>::relationships).name == "project");
static_assert(sqlmodel::detail::relationship_count<sti::Director>() == 0);  // not its ancestors'
static_assert(sqlmodel::detail::relationship_count<sti::Employee>() == 1);   // department

}  // namespace

std::size_t use(sqlmodel::Session& session) {
  sti::Manager manager;
  session.add(manager);
  sti::Truck truck;
  session.add(truck);
  auto found = session.get<sti::Director>(1);
  auto managers = session.exec(sqlmodel::select<sti::Manager>());
  auto departments = session.exec(
      sqlmodel::select<sti::Department>().options(sqlmodel::selectinload(&sti::Department::managers)));
  std::vector<std::variant<sti::Employee, sti::Manager, sti::Director, sti::Engineer>> everyone =
      session.exec(sqlmodel::select_polymorphic<sti::Employee>());
  return managers.size() + departments.size() + everyone.size() + (found ? 1 : 0);
}
