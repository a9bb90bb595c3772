// Writes validate field constraints; timestamp and soft-delete mixins; Create/Read/Update
// models and JSON. On SQLite and PostgreSQL.
#include <chrono>
#include <string>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/orm_model_api_fixture.hpp"
#include "sqlmodel/json.hpp"
#include "sqlmodel/mirror.hpp"
#include "sqlmodel/validation.hpp"

namespace sqlmodel::testing::orm_api {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

std::int64_t count_accounts(Session& session) {
  return static_cast<std::int64_t>(session.exec(select<Account>().with_deleted()).size());
}

// ---- validation ----

TEST_P(ModelApiTest, ValidObjectIsWritten) {
  Session session(db());
  Account account = make_account("alice_1");
  account.rating = 100;  // le = 100 includes the bound
  session.add(account);
  session.commit();
  EXPECT_TRUE(account.id.has_value());
}

TEST_P(ModelApiTest, AddReportsEveryFailureOfOneObjectAndStagesNothing) {
  Session session(db());
  Account account = make_account("x");              // min_length 3
  account.email = std::string(256, 'e');            // max_length 255
  account.age = -1;                                  // ge 0
  account.rating = 0;                                // gt 0
  account.balance = Decimal("-0.01");               // ge 0
  account.tags = {"short", "much-too-long-tag"};    // element max_length 10
  try {
    session.add(account);
    FAIL() << "add() accepted an invalid Account";
  } catch (const ValidationError& error) {
    EXPECT_EQ(error.model(), "Account");
    EXPECT_THAT(error.failures(),
                ElementsAre(Field(&ValidationFailure::rule, "min_length"),
                            Field(&ValidationFailure::rule, "max_length"),
                            Field(&ValidationFailure::rule, "ge"), Field(&ValidationFailure::rule, "gt"),
                            Field(&ValidationFailure::rule, "ge"),
                            Field(&ValidationFailure::rule, "max_length")));
    EXPECT_EQ(error.failures()[0].field, "handle");
    EXPECT_EQ(error.failures()[1].field, "email");
    EXPECT_EQ(error.failures()[2].field, "age");
    EXPECT_EQ(error.failures()[3].field, "rating");
    EXPECT_EQ(error.failures()[4].field, "balance");
    EXPECT_EQ(error.failures()[5].field, "tags");
    EXPECT_THAT(error.what(), HasSubstr("6 validation errors for Account"));
    EXPECT_THAT(error.what(), HasSubstr("Account.email: at most 255 characters, got 256 (max_length)"));
    EXPECT_THAT(error.what(), HasSubstr("Account.age: must be >= 0, got -1 (ge)"));
    EXPECT_THAT(error.what(), HasSubstr("Account.tags: element 1: at most 10 characters, got 17"));
  }
  EXPECT_EQ(session.pending(), 0u);
  EXPECT_EQ(count_accounts(session), 0);
}

TEST_P(ModelApiTest, PatternAndUpperBoundsAndCharactersNotBytes) {
  Account account = make_account("Bad Handle!");
  account.email = "bad@example.com";
  account.age = 150;  // lt 150
  account.rating = 100.5;
  auto failures = validation_failures(account);
  ASSERT_EQ(failures.size(), 3u);
  EXPECT_EQ(failures[0].rule, "pattern");
  EXPECT_THAT(failures[0].message, HasSubstr("^[a-z0-9_]+$"));
  EXPECT_EQ(failures[1].rule, "lt");
  EXPECT_EQ(failures[2].rule, "le");

  Account accented = make_account("abc");
  accented.display = std::string(40, 'x');
  accented.display->replace(0, 1, "\xC3\xA9");  // é: two bytes, one character -> 40 characters
  EXPECT_TRUE(validation_failures(accented).empty());
  accented.display->append("\xC3\xA9");
  ASSERT_EQ(validation_failures(accented).size(), 1u);
  EXPECT_EQ(validation_failures(accented)[0].field, "display");
}

// A megabyte in a field with a .pattern: RE2 searches it in linear time (std::regex recursed
// once per character and overflowed the stack at about 30,000), and a value over its
// max_length is reported without being searched at all.
constexpr std::size_t megabyte = std::size_t{1} << 20;

TEST(ModelApiJson, MegabyteValuesThroughFromJson) {
  const std::string long_host(megabyte, 'a');
  nlohmann::json document = {{"handle", "mega"}, {"email", "m@example.com"}, {"balance", "1.00"},
                             {"tags", nlohmann::json::array()}};

  document["website"] = "https://" + long_host + ".example/";
  AccountCreate valid = from_json<AccountCreate>(document);
  ASSERT_TRUE(valid.website.has_value());
  EXPECT_EQ(valid.website->size(), megabyte + 17);

  document["website"] = "https://" + long_host + " /";  // the space fails the pattern at its end
  try {
    from_json<AccountCreate>(document);
    FAIL() << "a website with a space passed the pattern";
  } catch (const ValidationError& error) {
    ASSERT_EQ(error.failures().size(), 1u);
    EXPECT_EQ(error.failures()[0].field, "website");
    EXPECT_EQ(error.failures()[0].rule, "pattern");
    // The message quotes the start of the value and its length, not the megabyte.
    EXPECT_THAT(error.what(), HasSubstr("got \"https://aaaa"));
    EXPECT_THAT(error.what(), HasSubstr("...\" (" + std::to_string(megabyte + 10) + " characters)"));
    EXPECT_LT(std::string(error.what()).size(), 400u);
  }

  document["website"] = nullptr;
  document["email"] = long_host + "@example.com";  // over max_length 255: not searched
  try {
    from_json<AccountCreate>(document);
    FAIL() << "a megabyte email passed max_length 255";
  } catch (const ValidationError& error) {
    ASSERT_EQ(error.failures().size(), 1u);
    EXPECT_EQ(error.failures()[0].rule, "max_length");
  }

  // The shape that crashed std::regex: 30,000 characters of an almost-email, each one a
  // character the pattern's [^@\s]+ accepts.
  document["email"] = std::string(30000, 'x');
  try {
    from_json<AccountCreate>(document);
    FAIL();
  } catch (const ValidationError& error) {
    ASSERT_EQ(error.failures().size(), 1u);
    EXPECT_EQ(error.failures()[0].rule, "max_length");
  }
  Account account = make_account("crash");
  account.email.assign(30000, 'x');
  account.website = "https://" + std::string(30000, 'x') + "@";
  auto failures = validation_failures(account);
  ASSERT_EQ(failures.size(), 1u);  // the website matches; the email is too long
  EXPECT_EQ(failures[0].field, "email");
}

TEST_P(ModelApiTest, MegabyteValuesThroughAddAndFlush) {
  Session session(db());
  Account account = make_account("mega");
  account.website = "https://example.com/" + std::string(megabyte, 'p');
  session.add(account);
  session.commit();
  Account stored = session.get_one<Account>(*account.id);
  EXPECT_EQ(stored.website, account.website);

  Account invalid = make_account("mega_invalid");
  invalid.website = "https://example.com/" + std::string(megabyte, 'p') + " x";
  EXPECT_THROW(session.add(invalid), ValidationError);
  EXPECT_EQ(session.pending(), 0u);

  // Made invalid after add(): flush() checks it before any statement.
  Account later = make_account("mega_later");
  session.add(later);
  later.website = "ftp://" + std::string(megabyte, 'q');
  later.email = std::string(megabyte, 'q');
  try {
    session.flush();
    FAIL() << "flush() wrote an invalid object";
  } catch (const ValidationError& error) {
    ASSERT_EQ(error.failures().size(), 2u);
    EXPECT_EQ(error.failures()[0].rule, "max_length");  // email: too long, not searched
    EXPECT_EQ(error.failures()[1].rule, "pattern");     // website
  }
  session.rollback();
  EXPECT_EQ(count_accounts(session), 1);
}

TEST_P(ModelApiTest, FlushValidatesEveryStagedObjectBeforeAnyStatement) {
  Session session(db());
  Account first = make_account("first");
  Account second = make_account("second");
  session.add(first);
  session.add(second);
  second.age = 200;  // made invalid after add(): flush catches it before writing `first`
  int statements = 0;
  session.add_listener([&](const StatementEvent&) { ++statements; });
  EXPECT_THROW(session.flush(), ValidationError);
  EXPECT_EQ(statements, 0);
  EXPECT_EQ(session.pending(), 2u);  // still staged: fix and flush again
  second.age = 20;
  session.commit();
  EXPECT_EQ(count_accounts(session), 2);
}

TEST_P(ModelApiTest, UpdateValidates) {
  Session session(db());
  Account account = make_account("carol");
  session.add(account);
  session.commit();
  account.email = std::string(300, 'e');
  EXPECT_THROW(session.update(account), ValidationError);
  session.rollback();
  EXPECT_EQ(session.get_one<Account>(*account.id).email, "carol@example.com");
}

// ---- timestamps and soft delete ----

TEST_P(ModelApiTest, CreatedAtAndUpdatedAtSetOnInsertAndUpdatedAtOnUpdate) {
  Session session(db());
  Account account = make_account("dave");
  const auto before = std::chrono::system_clock::now() - std::chrono::seconds(1);
  session.add(account);
  session.commit();
  ASSERT_TRUE(account.created_at && account.updated_at);
  EXPECT_GE(*account.created_at, before);
  EXPECT_EQ(account.created_at, account.updated_at);
  auto stored = session.get_one<Account>(*account.id);
  EXPECT_EQ(stored.created_at, account.created_at);  // microseconds survive the round trip
  EXPECT_EQ(stored.updated_at, account.updated_at);

  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const auto created = *account.created_at;
  account.age = 31;
  session.update(account);
  session.commit();
  EXPECT_EQ(account.created_at, created);
  EXPECT_GT(*account.updated_at, created);
  stored = session.get_one<Account>(*account.id);
  EXPECT_EQ(stored.created_at, created);
  EXPECT_EQ(stored.updated_at, account.updated_at);
}

TEST_P(ModelApiTest, AnUpdateWithNothingChangedRunsNoStatementAndKeepsUpdatedAt) {
  Session session(db());
  Account account = make_account("fay");
  session.add(account);
  session.commit();
  const auto updated = account.updated_at;
  std::size_t writes = 0;
  session.add_listener([&](const StatementEvent& event) {
    if (event.sql.starts_with("UPDATE")) ++writes;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  session.update(account);
  session.commit();
  EXPECT_EQ(writes, 0u);
  EXPECT_EQ(account.updated_at, updated) << "no change, no updated_at bump";
  EXPECT_EQ(session.get_one<Account>(*account.id).updated_at, updated);

  // One column changed: it and updated_at are written, nothing else.
  account.age = 44;
  std::string update;
  session.add_listener([&](const StatementEvent& event) {
    if (event.sql.starts_with("UPDATE")) update = std::string(event.sql);
  });
  session.update(account);
  session.commit();
  EXPECT_EQ(writes, 1u);
  EXPECT_NE(update.find("\"age\""), std::string::npos) << update;
  EXPECT_NE(update.find("\"updated_at\""), std::string::npos) << update;
  EXPECT_EQ(update.find("\"email\""), std::string::npos) << update;
  EXPECT_GT(*account.updated_at, *updated);
}

TEST_P(ModelApiTest, CreatedAtGivenByTheCallerIsKept) {
  Session session(db());
  Account account = make_account("erin");
  const auto given = std::chrono::sys_days(std::chrono::year(2020) / 1 / 2) + std::chrono::hours(3);
  account.created_at = given;
  session.add(account);
  session.commit();
  EXPECT_EQ(session.get_one<Account>(*account.id).created_at, given);
}

TEST_P(ModelApiTest, SoftRemoveHidesRowsFromQueriesUnlessWithDeleted) {
  Session session(db());
  Account kept = make_account("kept");
  Account gone = make_account("gone");
  session.add(kept);
  session.add(gone);
  session.commit();
  session.soft_delete(gone);
  session.commit();
  EXPECT_TRUE(gone.deleted_at.has_value());

  auto visible = session.exec(select<Account>());
  ASSERT_EQ(visible.size(), 1u);
  EXPECT_EQ(visible[0].handle, "kept");
  // The filter combines with the caller's conditions, before or after with_deleted().
  EXPECT_TRUE(session.exec(select<Account>().where(col(&Account::handle) == std::string("gone"))).empty());
  auto all = session.exec(select<Account>().where(col(&Account::age) >= 0).with_deleted());
  EXPECT_EQ(all.size(), 2u);
  auto deleted = session.exec(select<Account>().with_deleted().where(
      // A mixin's member is a member of the mixin: col() is told the model.
      col<Account, std::optional<Timestamp>>(&Account::deleted_at).is_not_null()));
  ASSERT_EQ(deleted.size(), 1u);
  EXPECT_EQ(deleted[0].handle, "gone");
  EXPECT_EQ(deleted[0].deleted_at, gone.deleted_at);
  // A lookup by key does not find it either, unless asked (soft_delete.hpp).
  EXPECT_FALSE(session.get<Account>(*gone.id).has_value());
  EXPECT_TRUE(session.get<Account>(*gone.id, with_deleted).has_value());
}

// ---- Create / Read / Update ----

TEST_P(ModelApiTest, CreateReadUpdateThroughTheDatabase) {
  Session session(db());
  AccountCreate create{.handle = "fran", .email = "fran@example.com", .age = 41, .rating = 4.5,
                       .balance = Decimal("3.25"), .display = "Fran", .tags = {"a", "b"}, .website = {}};
  Account account = from_create<Account>(create);
  EXPECT_FALSE(account.id.has_value());
  EXPECT_EQ(account.handle, "fran");
  EXPECT_EQ(account.rating, 4.5);
  EXPECT_EQ(account.tags, (std::vector<std::string>{"a", "b"}));
  session.add(account);
  session.commit();

  AccountUpdate update;
  update.age = 42;
  update.display = std::optional<std::string>();  // set to NULL
  apply_update(account, update);
  EXPECT_EQ(account.email, "fran@example.com");  // not set: unchanged
  EXPECT_EQ(account.age, 42);
  EXPECT_FALSE(account.display.has_value());
  session.update(account);
  session.commit();

  AccountRead read = to_read<AccountRead>(session.get_one<Account>(*account.id));
  EXPECT_EQ(read.id, *account.id);
  EXPECT_EQ(read.handle, "fran");
  EXPECT_EQ(read.age, 42);
  EXPECT_FALSE(read.display.has_value());
  EXPECT_EQ(read.created_at, account.created_at);
}

TEST_P(ModelApiTest, UpdateModelValidatesAgainstTheColumnsItMaps) {
  AccountUpdate update;
  update.email = std::string(256, 'e');
  update.age = -5;
  auto failures = validation_failures(update);
  ASSERT_EQ(failures.size(), 2u);
  EXPECT_EQ(failures[0].field, "email");
  EXPECT_EQ(failures[1].field, "age");
  EXPECT_THROW(validate(update), ValidationError);
}

// ---- JSON ----

TEST_P(ModelApiTest, TableModelJsonRoundTripsThroughTheDatabase) {
  Session session(db());
  Account account = make_account("gwen");
  account.display = "Gwen";
  account.tags = {"x"};
  session.add(account);
  session.commit();
  nlohmann::json document = to_json(session.get_one<Account>(*account.id));
  EXPECT_EQ(document["display"], "Gwen");  // the field's name, not the column's (display_name)
  EXPECT_FALSE(document.contains("display_name"));
  EXPECT_EQ(document["balance"], "10.5");
  EXPECT_EQ(document["tags"], nlohmann::json::array({"x"}));
  EXPECT_TRUE(document["deleted_at"].is_null());
  EXPECT_THAT(document["created_at"].get<std::string>(), ::testing::EndsWith("Z"));
  Account back = from_json<Account>(document);
  EXPECT_EQ(back.id, account.id);
  EXPECT_EQ(back.created_at, account.created_at);
  EXPECT_EQ(back.display, account.display);
  EXPECT_EQ(to_json(back), document);
}

TEST(ModelApiJson, CreateFromJsonErrorsNameTheFieldAndTheExpectedType) {
  auto error_of = [](const nlohmann::json& document) -> std::string {
    try {
      from_json<AccountCreate>(document);
    } catch (const JsonError& error) {
      return error.what();
    } catch (const ValidationError& error) {
      return error.what();
    }
    return "no error";
  };
  nlohmann::json good = {{"handle", "hana"}, {"email", "h@example.com"}, {"balance", "1.00"}, {"tags", {"t"}}};
  EXPECT_EQ(error_of(good), "no error");
  AccountCreate create = from_json<AccountCreate>(good);
  EXPECT_EQ(create.age, 0);  // has a default: may be left out
  EXPECT_FALSE(create.rating.has_value());

  nlohmann::json missing = good;
  missing.erase("email");
  EXPECT_EQ(error_of(missing), "AccountCreate: missing required field 'email'");

  nlohmann::json wrong = good;
  wrong["age"] = "forty";
  EXPECT_EQ(error_of(wrong),
            "AccountCreate.age: expected an integer from -2147483648 to 2147483647, got string \"forty\"");

  nlohmann::json wrong_element = good;
  wrong_element["tags"] = {"ok", 7};
  EXPECT_EQ(error_of(wrong_element), "AccountCreate.tags[1]: expected a string, got number 7");

  nlohmann::json unknown = good;
  unknown["emial"] = "x";
  EXPECT_EQ(error_of(unknown), "AccountCreate: unknown field 'emial' (did you mean 'email'?)");
  EXPECT_NO_THROW(from_json<AccountCreate>(unknown, {.unknown_fields = UnknownFields::ignore}));

  nlohmann::json invalid = good;
  invalid["handle"] = "NO";
  EXPECT_THAT(error_of(invalid), HasSubstr("AccountCreate.handle: at least 3 characters, got 2 (min_length)"));
  EXPECT_THAT(error_of(invalid), HasSubstr("(pattern)"));

  EXPECT_EQ(error_of(nlohmann::json::array()), "AccountCreate: expected a JSON object, got array []");
}

TEST(ModelApiJson, UpdateJsonHoldsOnlyTheSetFields) {
  AccountUpdate update = from_json<AccountUpdate>({{"age", 7}, {"display", nullptr}});
  EXPECT_FALSE(update.email.has_value());
  ASSERT_TRUE(update.age.has_value());
  EXPECT_EQ(*update.age, 7);
  ASSERT_TRUE(update.display.has_value());  // present, and null: clears the column
  EXPECT_FALSE(update.display->has_value());
  EXPECT_EQ(to_json(update), (nlohmann::json{{"age", 7}, {"display", nullptr}}));
  EXPECT_EQ(to_json(AccountUpdate{}), nlohmann::json::object());
}

INSTANTIATE_TEST_SUITE_P(Backends, ModelApiTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         backend_name);

}  // namespace
}  // namespace sqlmodel::testing::orm_api
