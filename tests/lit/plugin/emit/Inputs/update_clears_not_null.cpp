// Traits written by hand (no plugin to check them) that map an Update field able to say "set
// to NULL" onto a member that cannot hold NULL: apply_update refuses to compile rather than
// leave the member as it is.
#include "mirror.sqlmodel.hpp"

#include <sqlmodel/mirror.hpp>

struct EmailClear {
  std::optional<std::optional<std::string>> email;
};

template <>
struct sqlmodel::mirror_traits<EmailClear> {
  using table_model = shop::Customer;
  static constexpr bool partial = true;
  static constexpr auto fields =
      std::tuple{sqlmodel::mirror_field<&EmailClear::email, &shop::Customer::email>{.name = "email"}};
};

void clear(shop::Customer& customer, const EmailClear& update) { sqlmodel::apply_update(customer, update); }
