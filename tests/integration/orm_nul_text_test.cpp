// A NUL byte in text, on every write and bind path. PostgreSQL's text types cannot store one
// and libpq passes parameters as C strings, so the value used to be cut there silently ("a\0b"
// stored as "a", where(handle == "admin\0evil") matching "admin"): each path now refuses it with
// NulInTextError naming the table and column, and writes nothing. SQLite stores the bytes
// whole and keeps doing so.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/orm_model_api_fixture.hpp"
#include "sqlmodel/query_text.hpp"
#include "sqlmodel/query_update_delete.hpp"
#include "sqlmodel/session.hpp"

namespace sqlmodel::testing::orm_api {
namespace {

using ::testing::HasSubstr;

const std::string admin_evil("admin\0evil", 10);

std::int64_t count_accounts(Session& session) {
  return static_cast<std::int64_t>(session.exec(select<Account>().with_deleted()).size());
}

// Runs `write`: on PostgreSQL it must throw NulInTextError naming `column` of accounts; on
// SQLite, which stores the bytes whole, it must succeed.
template <typename Write>
void expect_refused_on_postgres(bool postgres, const std::string& column, Write&& write) {
  if (!postgres) {
    write();
    return;
  }
  try {
    write();
    FAIL() << "text with a NUL byte was accepted for accounts." << column;
  } catch (const NulInTextError& error) {
    EXPECT_EQ(error.table(), "accounts");
    EXPECT_EQ(error.column(), column);
    EXPECT_THAT(error.what(), HasSubstr("text for column 'accounts." + column + "' holds a NUL byte"));
    EXPECT_THAT(error.what(), HasSubstr("std::vector<std::byte>"));
  }
}

TEST_P(ModelApiTest, NulInTextOnAddAndFlush) {
  Session session(db());
  Account account = make_account("nul_add");
  account.display = std::string("a\0b", 3);
  if (!postgres()) {
    session.add(account);
    session.commit();
    EXPECT_EQ(session.get_one<Account>(*account.id).display, std::string("a\0b", 3));  // all three bytes
    return;
  }
  session.add(account);
  expect_refused_on_postgres(true, "display_name", [&] { session.commit(); });
  session.rollback();
  EXPECT_EQ(count_accounts(session), 0);
}

TEST_P(ModelApiTest, NulInTextOnUpdate) {
  Session session(db());
  Account account = make_account("nul_update");
  session.add(account);
  session.commit();
  account.email = std::string("x\0y@example.com", 15);
  expect_refused_on_postgres(postgres(), "email", [&] {
    session.update(account);
    session.commit();
  });
  session.rollback();
  const std::string stored = session.get_one<Account>(*account.id).email;
  EXPECT_EQ(stored, postgres() ? std::string("nul_update@example.com") : account.email);
}

TEST_P(ModelApiTest, NulInAStringArrayElement) {
  Session session(db());
  Account account = make_account("nul_tags");
  account.tags = {"ok", std::string("b\0d", 3)};
  session.add(account);
  expect_refused_on_postgres(postgres(), "tags", [&] { session.commit(); });
  if (!postgres()) EXPECT_EQ(session.get_one<Account>(*account.id).tags, account.tags);
}

TEST_P(ModelApiTest, NulInTextOnBulkInsertWritesNothing) {
  Session session(db());
  std::vector<Account> accounts{make_account("bulk_one"), make_account("bulk_two"), make_account("bulk_three")};
  accounts[2].display = std::string("three\0", 6);
  expect_refused_on_postgres(postgres(), "display_name", [&] {
    session.bulk_insert(std::span<const Account>(accounts));
    session.commit();
  });
  session.rollback();
  EXPECT_EQ(count_accounts(session), postgres() ? 0 : 3);
}

TEST_P(ModelApiTest, NulInAWhereValueMatchesNothingItShouldNot) {
  Session session(db());
  Account admin = make_account("admin");
  session.add(admin);
  session.commit();
  auto find = [&] {
    return session.exec(select<Account>().where(col(&Account::email) == admin_evil + "@example.com"));
  };
  auto find_in = [&] {
    return session.exec(select<Account>().where(col(&Account::email).in(std::vector<std::string>{admin_evil})));
  };
  auto find_like = [&] { return session.exec(select<Account>().where(col(&Account::email).like(admin_evil + "%"))); };
  if (postgres()) {
    expect_refused_on_postgres(true, "email", find);
    expect_refused_on_postgres(true, "email", find_in);
    expect_refused_on_postgres(true, "email", find_like);
  } else {
    // SQLite compares all the bytes: "admin\0evil@..." is not "admin@...".
    EXPECT_TRUE(find().empty());
    EXPECT_TRUE(find_in().empty());
    EXPECT_TRUE(find_like().empty());
  }
}

TEST_P(ModelApiTest, NulInAnUpdateByCriteria) {
  Session session(db());
  Account account = make_account("criteria");
  session.add(account);
  session.commit();
  const std::string nul_email("c\0d@example.com", 15);
  expect_refused_on_postgres(postgres(), "email", [&] {
    session.exec(update<Account>().set(&Account::email, nul_email).all());
    session.commit();
  });
  session.rollback();
  EXPECT_EQ(session.get_one<Account>(*account.id).email, postgres() ? std::string("criteria@example.com") : nul_email);
}

TEST_P(ModelApiTest, NulInATextQueryParameterNamesItsPosition) {
  if (!postgres()) GTEST_SKIP() << "SQLite binds text with its length";
  Session session(db());
  try {
    session.exec(text("SELECT count(*) FROM accounts WHERE handle = :h OR email = :e").bind("h", "x").bind("e", admin_evil));
    FAIL() << "a text() parameter with a NUL was bound";
  } catch (const NulInTextError& error) {
    EXPECT_EQ(error.column(), "");
    EXPECT_EQ(error.parameter(), 1);
    EXPECT_THAT(error.what(), HasSubstr("text parameter $2"));
    EXPECT_THAT(error.what(), HasSubstr("statement: SELECT count(*) FROM accounts"));
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ModelApiTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         backend_name);

}  // namespace
}  // namespace sqlmodel::testing::orm_api
