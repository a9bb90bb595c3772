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

// "kind:text" for each token but the end.
std::vector<std::string> spelled_tokens(std::string_view sql) {
  std::vector<std::string> spelled;
  for (const auto& token : tokenize_sql(sql)) {
    if (token.kind == SqlTokenKind::end) break;
    const char* kind = token.kind == SqlTokenKind::word                ? "w"
                       : token.kind == SqlTokenKind::quoted_identifier ? "q"
                       : token.kind == SqlTokenKind::string            ? "s"
                       : token.kind == SqlTokenKind::number            ? "n"
                       : token.kind == SqlTokenKind::op                ? "o"
                                                                       : "p";
    spelled.push_back(std::string(kind) + ":" + token.text);
  }
  return spelled;
}

TEST(SqlLexical, TokensSkipCommentsAndReadEveryKindOfQuote) {
  using Tokens = std::vector<std::string>;
  EXPECT_EQ(spelled_tokens("SET lock_timeout = '2s'; -- fail fast\nALTER TABLE \"Order\"/* a /* nested */ one */x"),
            (Tokens{"w:SET", "w:lock_timeout", "o:=", "s:2s", "p:;", "w:ALTER", "w:TABLE", "q:Order", "w:x"}));
  EXPECT_EQ(spelled_tokens("E'it\\'s' || $$a 'b' ; c$$ || $tag$x$$y$tag$ || $1"),
            (Tokens{"s:it's", "o:||", "s:a 'b' ; c", "o:||", "s:x$$y", "o:||", "w:$1"}));
  EXPECT_EQ(spelled_tokens("n>=-1.5e3::numeric(10,2)"),
            (Tokens{"w:n", "o:>=", "o:-", "n:1.5e3", "p:::", "w:numeric", "p:(", "n:10", "p:,", "n:2", "p:)"}));
  auto tokens = tokenize_sql("  a  'b'");
  EXPECT_EQ(tokens[1].offset, 5u);
  EXPECT_EQ(tokens.back().kind, SqlTokenKind::end);
  for (std::string_view unreadable : {"a = 'open", "a = /* open", "a = $q$ open", "a = \\"}) {
    try {
      tokenize_sql(unreadable);
      ADD_FAILURE() << unreadable;
    } catch (const SqlTokenError& error) {
      EXPECT_EQ(error.offset(), 4u) << unreadable << ": where the unreadable part starts";
    }
  }
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
