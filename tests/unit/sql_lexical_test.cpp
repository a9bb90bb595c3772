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
