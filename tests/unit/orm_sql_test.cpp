// The ORM's SQL text and the model_traits helpers, without a database: exact statements for
// both dialects, placeholder numbering, quoting, and what the compiler refuses.
#include <gtest/gtest.h>

#include "support/orm_models_traits.hpp"
#include "sqlmodel/session.hpp"

namespace sqlmodel::testing::orm {
namespace {

using schema::Dialect;

TEST(OrmTraits, PrimaryKeyColumnsAndTypesComeFromTheTraits) {
  static_assert(detail::primary_key_index<User> == 0);
  static_assert(detail::primary_key_index<Setting> == 0);
  static_assert(std::is_same_v<primary_key_type<User>, std::optional<std::int64_t>>);
  static_assert(std::is_same_v<primary_key_type<Setting>, std::string>);
  EXPECT_EQ(column_name<User>(&User::email), "email");
  EXPECT_EQ(column_name<Post>(&Post::user_id), "user_id");
  EXPECT_THROW(column_name<User>(&User::posts), std::invalid_argument);

  auto email = std::get<1>(model_traits<User>::columns).type();
  EXPECT_EQ(schema::format_type(email), "string(255)");
  auto price = std::get<8>(model_traits<Gadget>::columns).type();
  EXPECT_EQ(schema::format_type(price), "numeric(12,2)");
  EXPECT_TRUE(std::get<5>(model_traits<Gadget>::columns).nullable) << "from std::optional";
  EXPECT_FALSE(std::get<4>(model_traits<Gadget>::columns).nullable);
}

// What must not compile: comparing a column with a value of another type, LIKE on a number.
template <typename V>
concept ComparableWithAge = requires(V value) { col(&User::age) == value; };
template <typename V>
concept ComparableWithName = requires(V value) { col(&User::name) == value; };
static_assert(ComparableWithAge<int>);
static_assert(!ComparableWithAge<std::string>);
static_assert(!ComparableWithName<std::vector<int>>);
template <typename C>
concept HasLike = requires(C column) { column.like("x%"); };
static_assert(HasLike<ColumnRef<User, std::string>>);
static_assert(!HasLike<ColumnRef<User, std::int32_t>>);

TEST(OrmSql, StatementsPerModelAreQuotedAndParameterised) {
  const auto& info = detail::table_info<User>::get();
  EXPECT_EQ(detail::sql::insert(Dialect::sqlite, "users", info.non_key_columns, std::nullopt),
            "INSERT INTO \"users\" (\"email\", \"name\", \"age\", \"nickname\") VALUES (?, ?, ?, ?)");
  EXPECT_EQ(detail::sql::insert(Dialect::postgresql, "users", info.non_key_columns, "id"),
            "INSERT INTO \"users\" (\"email\", \"name\", \"age\", \"nickname\") VALUES ($1, $2, $3, $4) "
            "RETURNING \"id\"");
  EXPECT_EQ(detail::sql::select_by_keys(Dialect::postgresql, "users", info.columns, info.keys),
            "SELECT \"id\", \"email\", \"name\", \"age\", \"nickname\" FROM \"users\" WHERE \"id\" = $1");
  EXPECT_EQ(detail::sql::update_by_keys(Dialect::postgresql, "users", info.non_key_columns, info.keys),
            "UPDATE \"users\" SET \"email\" = $1, \"name\" = $2, \"age\" = $3, \"nickname\" = $4 "
            "WHERE \"id\" = $5");
  const std::string_view id_key[] = {"id"};
  EXPECT_EQ(detail::sql::delete_by_keys(Dialect::sqlite, "we\"ird", id_key),
            "DELETE FROM \"we\"\"ird\" WHERE \"id\" = ?");
  const std::string_view composite[] = {"user_id", "team_id"};
  const std::string_view role[] = {"role"};
  EXPECT_EQ(detail::sql::update_by_keys(Dialect::postgresql, "memberships", role, composite),
            "UPDATE \"memberships\" SET \"role\" = $1 WHERE \"user_id\" = $2 AND \"team_id\" = $3");
  EXPECT_EQ(detail::sql::delete_by_keys(Dialect::postgresql, "memberships", composite),
            "DELETE FROM \"memberships\" WHERE \"user_id\" = $1 AND \"team_id\" = $2");
  EXPECT_EQ(detail::sql::select_where_in_list(Dialect::sqlite, "posts", detail::table_info<Post>::get().columns,
                                      "user_id", "id"),
            "SELECT \"id\", \"user_id\", \"title\", \"score\" FROM \"posts\" WHERE \"user_id\" IN "
            "(SELECT value FROM json_each(?)) ORDER BY \"user_id\", \"id\"");
  EXPECT_EQ(detail::sql::select_where_in_list(Dialect::postgresql, "posts", detail::table_info<Post>::get().columns,
                                      "user_id", "id"),
            "SELECT \"id\", \"user_id\", \"title\", \"score\" FROM \"posts\" WHERE \"user_id\" = ANY($1) "
            "ORDER BY \"user_id\", \"id\"");
}

TEST(OrmSql, KeyListsEscapeTheirElements) {
  std::vector<std::int64_t> numbers{3, -1, 9000000000};
  EXPECT_EQ(detail::sql::integer_list(Dialect::sqlite, numbers), "[3,-1,9000000000]");
  EXPECT_EQ(detail::sql::integer_list(Dialect::postgresql, numbers), "{3,-1,9000000000}");
  std::vector<std::string> texts{"a\"b", "c\\d", std::string("e\nf")};
  EXPECT_EQ(detail::sql::text_list(Dialect::sqlite, texts), "[\"a\\\"b\",\"c\\\\d\",\"e\\u000af\"]");
  EXPECT_EQ(detail::sql::text_list(Dialect::postgresql, texts), "{\"a\\\"b\",\"c\\\\d\",\"e\nf\"}");
}

TEST(OrmSql, ConditionsRenderWithNumberedPlaceholdersAndBoundValues) {
  auto query = select<User>()
                   .where((col(&User::age) >= 18 && col(&User::name).like("A%")) ||
                          !col(&User::nickname).is_null())
                   .where(col(&User::age).in({1, 2}))
                   .order_by(col(&User::name).desc(), col(&User::id))
                   .limit(10)
                   .offset(5);
  detail::RenderedQuery pg = query.render(Dialect::postgresql);
  EXPECT_EQ(pg.sql,
            "SELECT \"users\".\"id\", \"users\".\"email\", \"users\".\"name\", \"users\".\"age\", "
            "\"users\".\"nickname\" FROM \"users\" WHERE (((\"users\".\"age\" >= $1 AND "
            "\"users\".\"name\" LIKE $2) OR NOT (\"users\".\"nickname\" IS NULL)) AND "
            "\"users\".\"age\" IN ($3, $4)) ORDER BY \"users\".\"name\" DESC, \"users\".\"id\" "
            "LIMIT $5 OFFSET $6");
  ASSERT_EQ(pg.params.size(), 6u);
  EXPECT_EQ(std::get<std::int64_t>(pg.params[0]), 18);
  EXPECT_EQ(std::get<std::string>(pg.params[1]), "A%");
  EXPECT_EQ(std::get<std::int64_t>(pg.params[4]), 10);

  detail::RenderedQuery lite = select<User>().where(col(&User::age).in(std::vector<std::int32_t>{})).offset(3)
                           .render(Dialect::sqlite);
  EXPECT_EQ(lite.sql.substr(lite.sql.find(" WHERE")), " WHERE 1 = 0 LIMIT -1 OFFSET ?");
}

TEST(OrmSql, EnumsAndOptionalsBecomeTheirStoredForm) {
  EXPECT_EQ(std::get<std::string>(detail::to_param(Priority::urgent)), "urgent");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(detail::to_param(std::optional<Priority>())));
  EXPECT_EQ(std::get<std::string>(detail::to_param(Decimal("01.50"))), "1.5");
  EXPECT_THROW(detail::to_param(static_cast<Priority>(42)), std::invalid_argument);
}

}  // namespace
}  // namespace sqlmodel::testing::orm
