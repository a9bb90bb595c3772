// The schema model's spellings, the naming convention and dialect quoting.
#include <set>

#include <gtest/gtest.h>

#include "sqlmodel/dialect.hpp"
#include "schema/naming.hpp"
#include "sqlmodel/schema.hpp"

namespace sqlmodel::schema {
namespace {

ColumnType type_of(TypeKind kind) {
  ColumnType type;
  type.kind = kind;
  return type;
}

ColumnType as_array(ColumnType element) {
  element.element_kind = element.kind;
  element.kind = TypeKind::array;
  return element;
}

// ---- types ---------------------------------------------------------------------------------

TEST(TypeSpelling, ScalarTypesHaveTheirDocumentedSpelling) {
  EXPECT_EQ(format_type(type_of(TypeKind::int16)), "int16");
  EXPECT_EQ(format_type(type_of(TypeKind::int32)), "int32");
  EXPECT_EQ(format_type(type_of(TypeKind::int64)), "int64");
  EXPECT_EQ(format_type(type_of(TypeKind::boolean)), "boolean");
  EXPECT_EQ(format_type(type_of(TypeKind::float32)), "float32");
  EXPECT_EQ(format_type(type_of(TypeKind::float64)), "float64");
  EXPECT_EQ(format_type(type_of(TypeKind::string)), "string");
  EXPECT_EQ(format_type(type_of(TypeKind::blob)), "blob");
  EXPECT_EQ(format_type(type_of(TypeKind::date)), "date");
  EXPECT_EQ(format_type(type_of(TypeKind::datetime)), "datetime");
  EXPECT_EQ(format_type(type_of(TypeKind::uuid)), "uuid");
  EXPECT_EQ(format_type(type_of(TypeKind::json)), "json");
  EXPECT_EQ(format_type(type_of(TypeKind::numeric)), "numeric");
  EXPECT_EQ(format_type(type_of(TypeKind::text)), "text");
  EXPECT_EQ(format_type(type_of(TypeKind::jsonb)), "jsonb");
  EXPECT_EQ(format_type(type_of(TypeKind::interval)), "interval");
}

TEST(TypeSpelling, DialectSpellingsFollowTheNeutralType) {
  ColumnType search = type_of(TypeKind::string);
  search.postgresql_type = "tsvector";
  EXPECT_EQ(format_type(search), "string; postgresql: tsvector");
  search.sqlite_type = "TEXT";
  EXPECT_EQ(format_type(search), "string; postgresql: tsvector; sqlite: TEXT");
  ColumnType point = type_of(TypeKind::custom);
  point.postgresql_type = "geometry(Point,4326)";
  EXPECT_EQ(format_type(point), "custom; postgresql: geometry(Point,4326)");
  for (const ColumnType& type : {search, point}) {
    auto parsed = parse_type(format_type(type));
    ASSERT_TRUE(parsed) << format_type(type);
    EXPECT_EQ(*parsed, type);
  }
  // Either order reads; a person may write them so in a hand-made migration.
  auto reordered = parse_type("string; sqlite: TEXT; postgresql: tsvector");
  ASSERT_TRUE(reordered);
  EXPECT_EQ(*reordered, search);
}

TEST(TypeSpelling, DialectSpellingsThatCannotRoundTripAreRefused) {
  for (std::string_view bad :
       {"custom", "custom; ", "string; postgresql:", "string; postgresql: ", "string; mysql: TEXT",
        "string;postgresql: x", "string; postgresql:  x", "string; postgresql: x ",
        "string; postgresql: a; postgresql: b", "array(custom); postgresql: x", "text(10)",
        "jsonb(1)", "interval(3)"})
    EXPECT_FALSE(parse_type(bad).has_value()) << "accepted \"" << bad << "\"";
}

TEST(TypeSpelling, ParametersAreSpelledInParentheses) {
  ColumnType text = type_of(TypeKind::string);
  text.max_length = 255;
  EXPECT_EQ(format_type(text), "string(255)");

  ColumnType stamp = type_of(TypeKind::datetime);
  stamp.with_timezone = true;
  EXPECT_EQ(format_type(stamp), "datetime_tz");

  ColumnType money = type_of(TypeKind::numeric);
  money.precision = 10;
  money.scale = 2;
  EXPECT_EQ(format_type(money), "numeric(10,2)");
  money.scale.reset();
  EXPECT_EQ(format_type(money), "numeric(10)");

  ColumnType status = type_of(TypeKind::enumeration);
  status.enum_name = "taskstatus";
  EXPECT_EQ(format_type(status), "enum(taskstatus)");

  text.max_length = 20;
  EXPECT_EQ(format_type(as_array(text)), "array(string(20))");
  EXPECT_EQ(format_type(as_array(type_of(TypeKind::int32))), "array(int32)");
  EXPECT_EQ(format_type(as_array(stamp)), "array(datetime_tz)");
  EXPECT_EQ(format_type(as_array(status)), "array(enum(taskstatus))");
}

TEST(TypeSpelling, EverySpellingParsesBackToTheSameType) {
  std::vector<ColumnType> types;
  for (auto kind : {TypeKind::int16, TypeKind::int32, TypeKind::int64, TypeKind::boolean,
                    TypeKind::float32, TypeKind::float64, TypeKind::string, TypeKind::blob,
                    TypeKind::date, TypeKind::datetime, TypeKind::uuid, TypeKind::json,
                    TypeKind::numeric, TypeKind::text, TypeKind::jsonb, TypeKind::interval})
    types.push_back(type_of(kind));
  ColumnType text = type_of(TypeKind::string);
  text.max_length = 1;
  types.push_back(text);
  ColumnType stamp = type_of(TypeKind::datetime);
  stamp.with_timezone = true;
  types.push_back(stamp);
  ColumnType money = type_of(TypeKind::numeric);
  money.precision = 38;
  types.push_back(money);
  money.scale = 0;
  types.push_back(money);
  money.scale = 38;
  types.push_back(money);
  ColumnType status = type_of(TypeKind::enumeration);
  status.enum_name = "task_status";
  types.push_back(status);
  const auto scalars = types;
  for (const auto& scalar : scalars) types.push_back(as_array(scalar));

  std::set<std::string> spellings;
  for (const auto& type : types) {
    const auto spelling = format_type(type);
    EXPECT_TRUE(spellings.insert(spelling).second) << "two types spelled " << spelling;
    const auto parsed = parse_type(spelling);
    ASSERT_TRUE(parsed.has_value()) << spelling;
    EXPECT_EQ(*parsed, type) << spelling;
  }
}

TEST(TypeSpelling, AnythingElseIsRefused) {
  for (std::string_view bad :
       {"", "int", "int128", "Int32", " int32", "int32 ", "string()", "string(0)", "string(-1)",
        "string(abc)", "string(12", "string(1.5)", "string(99999999999)", "numeric(0)",
        "numeric(5,6)", "numeric(5,-1)", "numeric(,2)", "numeric(5,)", "enum", "enum()",
        "array", "array()", "array(array(int32))", "array(int32", "datetime_tz(3)", "int32(4)",
        "boolean()", "datetime(tz)", "uuid(4)"})
    EXPECT_FALSE(parse_type(bad).has_value()) << "accepted \"" << bad << "\"";
}

TEST(Spellings, EnumNamesRoundTrip) {
  for (auto action : {ReferentialAction::no_action, ReferentialAction::restrict,
                      ReferentialAction::cascade, ReferentialAction::set_null,
                      ReferentialAction::set_default})
    EXPECT_EQ(referential_action_from_string(to_string(action)), action);
  EXPECT_EQ(to_string(ReferentialAction::set_null), "set_null");
  EXPECT_FALSE(referential_action_from_string("SET NULL").has_value());

  for (auto kind : {RelationshipKind::one_to_many, RelationshipKind::many_to_one,
                    RelationshipKind::one_to_one, RelationshipKind::many_to_many})
    EXPECT_EQ(relationship_kind_from_string(to_string(kind)), kind);
  EXPECT_FALSE(relationship_kind_from_string("many-to-many").has_value());

  EXPECT_EQ(to_string(TypeKind::enumeration), "enum");
  EXPECT_EQ(type_kind_from_string("enum"), TypeKind::enumeration);
  EXPECT_FALSE(type_kind_from_string("enumeration").has_value());
}

// ---- source locations ------------------------------------------------------------------------

TEST(SourceLocations, FormatAndParse) {
  EXPECT_EQ(format_source({"models.hpp", 12, 3}), "models.hpp:12:3");
  EXPECT_EQ(format_source({}), "");
  EXPECT_EQ(parse_source("models.hpp:12:3"), (SourceLocation{"models.hpp", 12, 3}));
  EXPECT_EQ(parse_source("src/app/models.hpp:1:1"), (SourceLocation{"src/app/models.hpp", 1, 1}));
}

TEST(SourceLocations, TheFileMayHoldColons) {
  EXPECT_EQ(parse_source("C:\\src\\models.hpp:7:9"), (SourceLocation{"C:\\src\\models.hpp", 7, 9}));
  EXPECT_EQ(parse_source("a:b:c.hpp:7:9"), (SourceLocation{"a:b:c.hpp", 7, 9}));
}

TEST(SourceLocations, MalformedLocationsAreRefused) {
  for (std::string_view bad : {"", "models.hpp", "models.hpp:12", ":12:3", "models.hpp::3",
                               "models.hpp:12:", "models.hpp:x:3", "models.hpp:12:-3",
                               "models.hpp:-1:3", "models.hpp:1.5:3"})
    EXPECT_FALSE(parse_source(bad).has_value()) << "accepted \"" << bad << "\"";
}

// ---- naming convention -----------------------------------------------------------------------

TEST(Naming, FollowsTheAlembicConvention) {
  EXPECT_EQ(naming::primary_key("users"), "pk_users");
  EXPECT_EQ(naming::index("users", {"email"}), "ix_users_email");
  EXPECT_EQ(naming::index("tasks", {"owner_id", "status"}), "ix_tasks_owner_id_status");
  EXPECT_EQ(naming::unique("tasks", {"owner_id", "title"}), "uq_tasks_owner_id_title");
  EXPECT_EQ(naming::check("tasks", "price_nonnegative"), "ck_tasks_price_nonnegative");
  EXPECT_EQ(naming::foreign_key("users", {"team_id"}, "teams"), "fk_users_team_id_teams");
  EXPECT_EQ(naming::enum_check("tasks", "status"), "ck_tasks_status_enum");
}

TEST(Naming, AwkwardIdentifiersPassThroughUnchanged) {
  EXPECT_EQ(naming::index("order", {"has space"}), "ix_order_has space");
  EXPECT_EQ(naming::unique("order", {"select", "it's"}), "uq_order_select_it's");
  EXPECT_EQ(naming::index("MixedCase", {"we\"ird"}), "ix_MixedCase_we\"ird");
}

TEST(Naming, NamesUpToTheLimitAreKept) {
  const std::string exactly(naming::max_identifier_bytes, 'a');
  EXPECT_EQ(naming::fit_identifier(exactly), exactly);
  const std::string column(naming::max_identifier_bytes - 5, 'c');  // "ix_t_" + column: 63 bytes
  EXPECT_EQ(naming::index("t", {column}), "ix_t_" + column);
}

TEST(Naming, LongNamesAreTruncatedDeterministicallyWithAHash) {
  const std::string table = "an_unreasonably_long_table_name_for_a_reporting_warehouse";
  const std::vector<std::string> columns = {"customer_identifier", "fiscal_quarter_starting_date"};
  const std::string name = naming::index(table, columns);
  EXPECT_EQ(name.size(), naming::max_identifier_bytes);
  EXPECT_EQ(name, naming::index(table, columns)) << "not deterministic";
  EXPECT_TRUE(name.starts_with("ix_an_unreasonably_long_table_name_for_a_reporting_w")) << name;
  // "_" plus eight lower-case hex digits.
  const std::string suffix = name.substr(name.size() - 9);
  EXPECT_EQ(suffix[0], '_');
  EXPECT_EQ(suffix.find_first_not_of("0123456789abcdef", 1), std::string::npos) << suffix;
  // Pinned: the name is in users' databases and migration files; it must never change.
  EXPECT_EQ(naming::fit_identifier(std::string(70, 'x')), std::string(54, 'x') + "_77f3c97d");
}

TEST(Naming, NamesThatShareAPrefixStayDistinct) {
  const std::string prefix(70, 'p');
  std::set<std::string> names;
  for (int i = 0; i < 200; ++i) {
    const auto name = naming::fit_identifier(prefix + std::to_string(i));
    EXPECT_LE(name.size(), naming::max_identifier_bytes);
    names.insert(name);
  }
  EXPECT_EQ(names.size(), 200u);
}

TEST(Naming, TruncationNeverSplitsAUtf8Character) {
  // "é" is two bytes; place one across the cut.
  std::string name(53, 'a');
  for (int i = 0; i < 10; ++i) name += "é";
  const std::string fitted = naming::fit_identifier(name);
  EXPECT_LE(fitted.size(), naming::max_identifier_bytes);
  const std::string kept = fitted.substr(0, fitted.size() - 9);
  // Every kept byte sequence is whole: a continuation byte always follows a lead byte.
  std::size_t i = 0;
  while (i < kept.size()) {
    const auto byte = static_cast<unsigned char>(kept[i]);
    std::size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : 4;
    ASSERT_LE(i + length, kept.size()) << "split character at byte " << i;
    i += length;
  }
  EXPECT_EQ(i, kept.size());
}

// ---- quoting ----------------------------------------------------------------------------------

TEST(Quoting, IdentifiersAreAlwaysQuoted) {
  for (auto dialect : {Dialect::sqlite, Dialect::postgresql}) {
    EXPECT_EQ(quote_identifier(dialect, "users"), "\"users\"");
    EXPECT_EQ(quote_identifier(dialect, "order"), "\"order\"");
    EXPECT_EQ(quote_identifier(dialect, "MixedCase"), "\"MixedCase\"");
    EXPECT_EQ(quote_identifier(dialect, "has space"), "\"has space\"");
    EXPECT_EQ(quote_identifier(dialect, "we\"ird"), "\"we\"\"ird\"");
    EXPECT_EQ(quote_identifier(dialect, "\"\""), "\"\"\"\"\"\"");
    EXPECT_EQ(quote_identifier(dialect, "it's"), "\"it's\"");
  }
}

TEST(Quoting, LiteralsDoubleTheirSingleQuotes) {
  EXPECT_EQ(quote_literal("draft"), "'draft'");
  EXPECT_EQ(quote_literal("it's"), "'it''s'");
  EXPECT_EQ(quote_literal(""), "''");
  EXPECT_EQ(quote_literal("''"), "''''''");
  EXPECT_EQ(quote_literal("say \"hi\""), "'say \"hi\"'");
}

TEST(Quoting, DialectNames) {
  EXPECT_EQ(dialect_from_string(to_string(Dialect::sqlite)), Dialect::sqlite);
  EXPECT_EQ(dialect_from_string(to_string(Dialect::postgresql)), Dialect::postgresql);
  EXPECT_EQ(dialect_from_string("postgres"), Dialect::postgresql);
  EXPECT_FALSE(dialect_from_string("mysql").has_value());
}

// ---- the model -------------------------------------------------------------------------------

template <typename Named>
Named named(std::string name) {
  Named item;
  item.name = std::move(name);
  return item;
}

TEST(SchemaModel, SortingCanonicallyKeepsColumnAndEnumValueOrder) {
  Schema schema;
  Table table = named<Table>("b");
  table.columns = {named<Column>("z"), named<Column>("a")};
  table.indexes = {named<Index>("ix_b_z"), named<Index>("ix_b_a")};
  table.foreign_keys = {named<ForeignKey>("fk_2"), named<ForeignKey>("fk_1")};
  schema.tables = {table, named<Table>("a")};
  EnumType y = named<EnumType>("y");
  y.values = {"c", "a", "b"};
  schema.enums = {y, named<EnumType>("x")};
  sort_canonically(schema);
  EXPECT_EQ(schema.tables[0].name, "a");
  EXPECT_EQ(schema.enums[0].name, "x");
  EXPECT_EQ(schema.enums[1].values, (std::vector<std::string>{"c", "a", "b"}));
  const auto* b = schema.find_table("b");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->columns[0].name, "z");
  EXPECT_EQ(b->indexes[0].name, "ix_b_a");
  EXPECT_EQ(b->foreign_keys[0].name, "fk_1");
}

TEST(SchemaModel, FindsByExactName) {
  Schema schema;
  Table users = named<Table>("users");
  users.columns = {named<Column>("Email")};
  schema.tables = {users};
  schema.enums = {named<EnumType>("status")};
  ASSERT_NE(schema.find_table("users"), nullptr);
  EXPECT_EQ(schema.find_table("Users"), nullptr);
  EXPECT_NE(schema.find_table("users")->find_column("Email"), nullptr);
  EXPECT_EQ(schema.find_table("users")->find_column("email"), nullptr);
  EXPECT_NE(schema.find_enum("status"), nullptr);
  EXPECT_EQ(schema.find_enum("statuses"), nullptr);
}

}  // namespace
}  // namespace sqlmodel::schema
