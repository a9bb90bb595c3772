// Typed queries over the model-API models on a real SQLite file and PostgreSQL: columns a
// mixin declares (TimestampMixin::created_at, SoftDeleteMixin::deleted_at) named through
// col<Model>(...), and array values in where(), which are encoded for the dialect of the
// statement they are bound to (a PostgreSQL array literal there, JSON text on SQLite).
#include <chrono>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/orm_model_api_fixture.hpp"
#include "sqlmodel/session.hpp"

namespace sqlmodel::testing::orm_api {
namespace {

using std::chrono::system_clock;
using ::testing::ElementsAre;
using ::testing::FieldsAre;

class OrmQueryModelApiTest : public ModelApiTest {
 protected:
  void SetUp() override {
    ModelApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Session session(db());
    const auto base = system_clock::time_point(std::chrono::seconds(1'700'000'000));
    const std::vector<std::vector<std::string>> tags{{"red", "blue"}, {"red"}, {}, {"blue", "red"}};
    const char* handles[] = {"ann", "bob", "cat", "dan"};
    for (int i = 0; i < 4; ++i) {
      Account account = make_account(handles[i]);
      account.created_at = base + std::chrono::hours(i);
      account.tags = tags[i];
      accounts_.push_back(account);
    }
    session.add_all(accounts_);
    session.commit();
    base_ = base;
  }

  std::vector<Account> accounts_;
  system_clock::time_point base_;
};

TEST_P(OrmQueryModelApiTest, MixinColumnsNameTheirModel) {
  Session session(db());
  auto rows = session.exec(select(col(&Account::handle), col<Account>(&Account::created_at))
                               .where(col<Account>(&Account::created_at) > base_)
                               .order_by(col<Account>(&Account::created_at).desc()));
  static_assert(std::is_same_v<decltype(rows), std::vector<std::tuple<std::string, std::optional<system_clock::time_point>>>>);
  EXPECT_THAT(rows, ElementsAre(FieldsAre("dan", base_ + std::chrono::hours(3)),
                                FieldsAre("cat", base_ + std::chrono::hours(2)),
                                FieldsAre("bob", base_ + std::chrono::hours(1))));

  Account bob = session.get_one<Account>(*accounts_[1].id);
  session.soft_delete(bob);
  session.commit();
  auto removed = session.exec(select(&Account::handle).where(col<Account>(&Account::deleted_at).is_not_null()));
  EXPECT_THAT(removed, ElementsAre(FieldsAre("bob")));
  // select<T>() orders whole objects by a mixin column too.
  auto newest = session.exec(select<Account>().order_by(col<Account>(&Account::created_at).desc()).limit(1));
  ASSERT_EQ(newest.size(), 1u);
  EXPECT_EQ(newest[0].handle, "dan");
}

TEST_P(OrmQueryModelApiTest, ArrayValuesInWhereAreEncodedForTheSessionsDialect) {
  Session session(db());
  const std::vector<std::string> red_blue{"red", "blue"};
  auto equal = session.exec(select(&Account::handle).where(col(&Account::tags) == red_blue));
  EXPECT_THAT(equal, ElementsAre(FieldsAre("ann")));  // order matters: dan's {blue, red} differs

  auto listed = session.exec(select(&Account::handle)
                                 .where(col(&Account::tags).in({std::vector<std::string>{"red"}, std::vector<std::string>{}}))
                                 .order_by(col(&Account::handle)));
  EXPECT_THAT(listed, ElementsAre(FieldsAre("bob"), FieldsAre("cat")));

  auto others = session.exec(select<Account>().where(col(&Account::tags) != red_blue).order_by(col(&Account::handle)));
  ASSERT_EQ(others.size(), 3u);
  EXPECT_EQ(others[2].handle, "dan");
  EXPECT_EQ(others[2].tags, (std::vector<std::string>{"blue", "red"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, OrmQueryModelApiTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         backend_name);

}  // namespace
}  // namespace sqlmodel::testing::orm_api
