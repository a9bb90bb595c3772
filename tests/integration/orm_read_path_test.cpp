// The read path's NULL detection on SQLite (where the codecs call the final SqliteStatement's
// inline reads, asking for the column's type only when a value reads as zero or a null pointer)
// and on PostgreSQL (the virtual reads): zero values are values, NULL is nullopt in an optional
// member, a NULL overwrites an engaged optional, and a NULL in a non-optional member is an error.
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sqlmodel/annotations.hpp"
#include "sqlmodel/database.hpp"
#include "sqlmodel/orm.hpp"
#include "support/test_databases.hpp"

namespace sqlmodel::testing::read_path {

struct Values {
  std::optional<std::int64_t> id;
  std::optional<std::int64_t> maybe_int;
  std::optional<double> maybe_real;
  std::optional<bool> maybe_flag;
  std::optional<std::string> maybe_text;
  std::int64_t number = 0;
  double amount = 0;
  bool flag = false;
  std::string label;
};

// The nullable columns read into non-optional members: a model that disagrees with its table.
struct Strict {
  std::optional<std::int64_t> id;
  std::int64_t maybe_int = 0;
  double maybe_real = 0;
  bool maybe_flag = false;
  std::string maybe_text;
};

}  // namespace sqlmodel::testing::read_path

template <>
struct sqlmodel::model_traits<sqlmodel::testing::read_path::Values> {
  using V = sqlmodel::testing::read_path::Values;
  static constexpr std::string_view model_name = "Values";
  static constexpr std::string_view table_name = "read_values";
  static constexpr auto columns = std::tuple{
      column<&V::id>{.name = "id", .kind = schema::TypeKind::int64, .primary_key = true,
                     .autoincrement = true, .nullable = false},
      column<&V::maybe_int>{.name = "maybe_int", .kind = schema::TypeKind::int64},
      column<&V::maybe_real>{.name = "maybe_real", .kind = schema::TypeKind::float64},
      column<&V::maybe_flag>{.name = "maybe_flag", .kind = schema::TypeKind::boolean},
      column<&V::maybe_text>{.name = "maybe_text", .kind = schema::TypeKind::string},
      column<&V::number>{.name = "number", .kind = schema::TypeKind::int64},
      column<&V::amount>{.name = "amount", .kind = schema::TypeKind::float64},
      column<&V::flag>{.name = "flag", .kind = schema::TypeKind::boolean},
      column<&V::label>{.name = "label", .kind = schema::TypeKind::string},
  };
};

template <>
struct sqlmodel::model_traits<sqlmodel::testing::read_path::Strict> {
  using S = sqlmodel::testing::read_path::Strict;
  static constexpr std::string_view model_name = "Strict";
  static constexpr std::string_view table_name = "read_values";
  static constexpr auto columns = std::tuple{
      column<&S::id>{.name = "id", .kind = schema::TypeKind::int64, .primary_key = true,
                     .autoincrement = true, .nullable = false},
      column<&S::maybe_int>{.name = "maybe_int", .kind = schema::TypeKind::int64},
      column<&S::maybe_real>{.name = "maybe_real", .kind = schema::TypeKind::float64},
      column<&S::maybe_flag>{.name = "maybe_flag", .kind = schema::TypeKind::boolean},
      column<&S::maybe_text>{.name = "maybe_text", .kind = schema::TypeKind::string},
  };
};

namespace sqlmodel::testing::read_path {
namespace {

using ::testing::HasSubstr;

class ReadPathTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    SQLMODEL_REQUIRE_DATABASE(url, GetParam(), "");
    database_.emplace(Database::open(url));
    const std::string key = GetParam() == Backend::postgres ? "id BIGSERIAL PRIMARY KEY" : "id INTEGER PRIMARY KEY";
    database_->exec_script("DROP TABLE IF EXISTS read_values");
    database_->exec_script("CREATE TABLE read_values (" + key +
                       ", maybe_int BIGINT, maybe_real DOUBLE PRECISION, maybe_flag BOOLEAN,"
                       " maybe_text VARCHAR, number BIGINT NOT NULL, amount DOUBLE PRECISION NOT NULL,"
                       " flag BOOLEAN NOT NULL, label VARCHAR NOT NULL)");
  }
  Database& db() { return *database_; }

  std::int64_t insert(Values values) {
    Session session(db());
    session.add(values);
    session.commit();
    return *values.id;
  }

  std::optional<Database> database_;
};

TEST_P(ReadPathTest, ZeroValuesAreValuesNotNull) {
  const auto id = insert(Values{.maybe_int = 0, .maybe_real = 0.0, .maybe_flag = false, .maybe_text = ""});
  Session session(db());
  const Values read = session.get_one<Values>(id);
  EXPECT_EQ(read.maybe_int, std::optional<std::int64_t>(0));
  EXPECT_EQ(read.maybe_real, std::optional<double>(0.0));
  EXPECT_EQ(read.maybe_flag, std::optional<bool>(false));
  EXPECT_EQ(read.maybe_text, std::optional<std::string>(""));
  EXPECT_EQ(read.number, 0);
  EXPECT_EQ(read.amount, 0.0);
  EXPECT_FALSE(read.flag);
  EXPECT_EQ(read.label, "");
}

TEST_P(ReadPathTest, NullReadsAsNulloptAndValuesAsThemselves) {
  const auto nulls = insert(Values{.number = -5, .amount = 2.5, .flag = true, .label = "x"});
  const auto values = insert(Values{.maybe_int = -7, .maybe_real = -0.25, .maybe_flag = true,
                                    .maybe_text = "tab\there", .number = 1, .label = "y"});
  Session session(db());
  const Values null_row = session.get_one<Values>(nulls);
  EXPECT_EQ(null_row.maybe_int, std::nullopt);
  EXPECT_EQ(null_row.maybe_real, std::nullopt);
  EXPECT_EQ(null_row.maybe_flag, std::nullopt);
  EXPECT_EQ(null_row.maybe_text, std::nullopt);
  EXPECT_EQ(null_row.number, -5);
  EXPECT_EQ(null_row.amount, 2.5);
  EXPECT_TRUE(null_row.flag);
  EXPECT_EQ(null_row.label, "x");
  const Values value_row = session.get_one<Values>(values);
  EXPECT_EQ(value_row.maybe_int, std::optional<std::int64_t>(-7));
  EXPECT_EQ(value_row.maybe_real, std::optional<double>(-0.25));
  EXPECT_EQ(value_row.maybe_flag, std::optional<bool>(true));
  EXPECT_EQ(value_row.maybe_text, std::optional<std::string>("tab\there"));
}

TEST_P(ReadPathTest, ReadingIntoAnObjectReplacesWhatItHeld) {
  const auto id = insert(Values{.number = 3, .label = "z"});
  Session session(db());
  Values object = session.get_one<Values>(id);
  object.maybe_int = 11;
  object.maybe_real = 1.5;
  object.maybe_flag = true;
  object.maybe_text = "stale text that is longer than the small-string buffer";
  session.refresh(object);
  EXPECT_EQ(object.maybe_int, std::nullopt) << "a NULL resets an engaged optional";
  EXPECT_EQ(object.maybe_real, std::nullopt);
  EXPECT_EQ(object.maybe_flag, std::nullopt);
  EXPECT_EQ(object.maybe_text, std::nullopt);

  session.exec_script("UPDATE read_values SET maybe_text = 'fresh', maybe_int = 0 WHERE id = " + std::to_string(id));
  object.maybe_text = "an engaged optional is assigned to, not rebuilt";
  session.refresh(object);
  EXPECT_EQ(object.maybe_text, std::optional<std::string>("fresh"));
  EXPECT_EQ(object.maybe_int, std::optional<std::int64_t>(0));
}

TEST_P(ReadPathTest, ManyRowsOfZerosAndNullsReadBackAsWritten) {
  std::vector<Values> rows(300);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Values& row = rows[i];
    if (i % 3 == 0) row.maybe_int = static_cast<std::int64_t>(i % 2);  // 0 and 1 among NULLs
    if (i % 4 == 0) row.maybe_flag = i % 8 == 0;
    if (i % 5) row.maybe_text = i % 2 ? std::string("t") + std::to_string(i) : std::string();
    row.number = static_cast<std::int64_t>(i % 2);
    row.flag = i % 2 == 1;
  }
  Session session(db());
  session.add_all(rows);
  session.commit();
  auto read = session.exec(select<Values>().order_by(col(&Values::id)));
  ASSERT_EQ(read.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(read[i].maybe_int, rows[i].maybe_int) << "row " << i;
    EXPECT_EQ(read[i].maybe_flag, rows[i].maybe_flag) << "row " << i;
    EXPECT_EQ(read[i].maybe_text, rows[i].maybe_text) << "row " << i;
    EXPECT_EQ(read[i].number, rows[i].number) << "row " << i;
    EXPECT_EQ(read[i].flag, rows[i].flag) << "row " << i;
  }
}

TEST_P(ReadPathTest, NullInANonOptionalMemberIsAnErrorForEveryType) {
  // Each row has exactly one NULL among the columns Strict reads into non-optional members.
  const auto int_null = insert(Values{.maybe_real = 0.0, .maybe_flag = false, .maybe_text = ""});
  const auto real_null = insert(Values{.maybe_int = 0, .maybe_flag = false, .maybe_text = ""});
  const auto flag_null = insert(Values{.maybe_int = 0, .maybe_real = 0.0, .maybe_text = ""});
  const auto text_null = insert(Values{.maybe_int = 0, .maybe_real = 0.0, .maybe_flag = false});
  const auto none_null = insert(Values{.maybe_int = 0, .maybe_real = 0.0, .maybe_flag = false, .maybe_text = ""});
  Session session(db());
  for (auto [id, column] : {std::pair{int_null, 1}, {real_null, 2}, {flag_null, 3}, {text_null, 4}}) {
    try {
      session.get<Strict>(id);
      ADD_FAILURE() << "a NULL in result column " << column << " was read into a non-optional member";
    } catch (const std::runtime_error& error) {
      EXPECT_THAT(error.what(), HasSubstr("NULL read into a non-optional member (result column " +
                                          std::to_string(column) + ")"));
    }
    session.rollback();
  }
  const Strict zeros = session.get_one<Strict>(none_null);
  EXPECT_EQ(zeros.maybe_int, 0);
  EXPECT_EQ(zeros.maybe_real, 0.0);
  EXPECT_FALSE(zeros.maybe_flag);
  EXPECT_EQ(zeros.maybe_text, "");
}

INSTANTIATE_TEST_SUITE_P(Backends, ReadPathTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         backend_name);

}  // namespace
}  // namespace sqlmodel::testing::read_path
