#include <gtest/gtest.h>

#include <array>
#include <string_view>

#include "schema/did_you_mean.hpp"
#include "schema/sql_lexical.hpp"

namespace sqlmodel::schema {
namespace {

TEST(SqlLexical, StringLiteralsKeepDoubledQuotesInside) {
  EXPECT_TRUE(is_string_literal("'it''s'"));
  EXPECT_TRUE(is_string_literal("''"));
  EXPECT_FALSE(is_string_literal("'a' || 'b'"));
  EXPECT_FALSE(is_string_literal("'unterminated"));
  EXPECT_FALSE(is_string_literal("x'00'"));
}

TEST(SqlLexical, NumberLiterals) {
  for (std::string_view number : {"42", "-1.5", "+.5", "3.", "1e-9", "2.5E+3"}) EXPECT_TRUE(is_number_literal(number)) << number;
  for (std::string_view other : {"", ".", "-", "1e", "1.2.3", "0x10", "1 2", "e5"}) EXPECT_FALSE(is_number_literal(other)) << other;
}

TEST(SqlLexical, TrimAndUpper) {
  EXPECT_EQ(trim_sql("  now()\n\t"), "now()");
  EXPECT_EQ(trim_sql("   "), "");
  EXPECT_EQ(upper_ascii("current_Timestamp"), "CURRENT_TIMESTAMP");
}

TEST(SqlLexical, ColumnRenameInAnExpression) {
  EXPECT_EQ(rename_column_in_expression("qty >= 0 AND qty < 100", "qty", "quantity"),
            "quantity >= 0 AND quantity < 100");
  // Folded like the databases fold bare names; a quoted name keeps its quotes.
  EXPECT_EQ(rename_column_in_expression("QTY > 0 OR \"qty\" IS NULL", "qty", "quantity"),
            "quantity > 0 OR \"quantity\" IS NULL");
  // Literals, longer names, function names and another table's column are not the column.
  EXPECT_EQ(rename_column_in_expression("qty <> 'qty' AND qty_max > 1e5 AND qty(x) AND t.qty = 1", "qty", "n"),
            "n <> 'qty' AND qty_max > 1e5 AND qty(x) AND t.qty = 1");
  EXPECT_EQ(rename_column_in_expression("'it''s qty' = qty", "qty", "n"), "'it''s qty' = n");
  // A new name that is not a plain lower-case identifier is quoted.
  EXPECT_EQ(rename_column_in_expression("qty > 0", "qty", "Order Qty"), "\"Order Qty\" > 0");
  EXPECT_EQ(rename_column_in_expression("\"we\"\"ird\" > 0", "we\"ird", "plain"), "\"plain\" > 0");
}

TEST(DidYouMean, ClosestWithinTheDistanceOnly) {
  constexpr std::array<std::string_view, 3> names{"add_column", "drop_column", "rename_column"};
  EXPECT_EQ(closest_name("add_colum", names, 2), "add_column");
  EXPECT_EQ(closest_name("dorp_column", names, 2), "drop_column");
  EXPECT_EQ(closest_name("create_table", names, 3), std::nullopt);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

}  // namespace
}  // namespace sqlmodel::schema
