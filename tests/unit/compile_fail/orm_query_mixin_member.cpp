// Must not compile: col() of a member a mixin declares cannot see the model in the member
// pointer's type; the error says to write col<Account>(&Account::created_at).
#include "support/orm_models_api_traits.hpp"
#include "sqlmodel/session.hpp"

int main() {
  using sqlmodel::testing::orm_api::Account;
  (void)sqlmodel::col(&Account::created_at);
}
