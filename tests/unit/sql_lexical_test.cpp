#include <gtest/gtest.h>

#include <array>
#include <string_view>

#include "sqlmodel/detail/did_you_mean.hpp"
#include "schema/lower.hpp"
#include "schema/sql_lexical.hpp"
#include "schema/sqlite_create_table_parser.hpp"

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
            (Tokens{"s:it's", "o:||", "s:a 'b' ; c", "o:||", "s:x$$y", "o:||", "p:$1"}));
  EXPECT_EQ(spelled_tokens("n>=-1.5e3::numeric(10,2)"),
            (Tokens{"w:n", "o:>=", "o:-", "n:1.5e3", "p:::", "w:numeric", "p:(", "n:10", "p:,", "n:2", "p:)"}));
  auto tokens = tokenize_sql("  a  'b'");
  EXPECT_EQ(tokens[1].offset, 5u);
  EXPECT_EQ(tokens.back().kind, SqlTokenKind::end);
  for (std::string_view unreadable : {"a = 'open", "a = /* open", "a = $q$ open"}) {
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
  EXPECT_EQ(detail::closest_name("add_colum", names, 2), "add_column");
  EXPECT_EQ(detail::closest_name("dorp_column", names, 2), "drop_column");
  EXPECT_EQ(detail::closest_name("create_table", names, 3), std::nullopt);
  EXPECT_EQ(detail::edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(detail::edit_distance("", "abc"), 3u);
}

// ---- the lexer on both dialects, and its readers agreeing

struct Lexed {
  SqlTokenKind kind;
  std::string value;
  bool operator==(const Lexed&) const = default;
};

std::vector<Lexed> lex(std::string_view sql, SqlLexDialect dialect) {
  std::vector<Lexed> result;
  for (const SqlToken& token : tokenize_sql(sql, dialect))
    if (token.kind != SqlTokenKind::end) result.push_back({token.kind, token.text});
  return result;
}

using K = SqlTokenKind;

TEST(SqlLexer, ReadsIdentifiersLiteralsAndOperatorsWithTheirOffsets) {
  const std::string sql = R"(price >= 0 AND "Name" = 'it''s' -- comment
    /* block */ OR n IN (1.5, .5, 1e-9))";
  const auto tokens = tokenize_sql(sql, SqlLexDialect::postgresql);
  EXPECT_EQ(lex(sql, SqlLexDialect::postgresql),
            (std::vector<Lexed>{{K::word, "price"}, {K::op, ">="}, {K::number, "0"}, {K::word, "AND"},
                                {K::quoted_identifier, "Name"}, {K::op, "="}, {K::string, "it's"},
                                {K::word, "OR"}, {K::word, "n"}, {K::word, "IN"},
                                {K::punct, "("}, {K::number, "1.5"}, {K::punct, ","},
                                {K::number, ".5"}, {K::punct, ","}, {K::number, "1e-9"},
                                {K::punct, ")"}}));
  EXPECT_EQ(sql.substr(tokens[4].offset, tokens[4].end - tokens[4].offset), "\"Name\"");
  EXPECT_EQ(sql.substr(tokens[6].offset, tokens[6].end - tokens[6].offset), "'it''s'");
  EXPECT_EQ(tokens.back().kind, K::end);
  EXPECT_EQ(tokens.back().offset, sql.size());
}

TEST(SqlLexer, NonAsciiLettersAreIdentifierBytesInBothDialects) {
  for (auto dialect : {SqlLexDialect::postgresql, SqlLexDialect::sqlite}) {
    EXPECT_EQ(lex("größe > 0 AND 名前 <> ''", dialect),
              (std::vector<Lexed>{{K::word, "größe"}, {K::op, ">"}, {K::number, "0"}, {K::word, "AND"},
                                  {K::word, "名前"}, {K::op, "<>"}, {K::string, ""}}));
    EXPECT_EQ(lex("_x$1", dialect), (std::vector<Lexed>{{K::word, "_x$1"}}));
  }
}

TEST(SqlLexer, PostgresOperatorsFollowPostgresRules) {
  EXPECT_EQ(lex("n>=-1", SqlLexDialect::postgresql),
            (std::vector<Lexed>{{K::word, "n"}, {K::op, ">="}, {K::op, "-"}, {K::number, "1"}}));
  EXPECT_EQ(lex("a @- b", SqlLexDialect::postgresql),
            (std::vector<Lexed>{{K::word, "a"}, {K::op, "@-"}, {K::word, "b"}}));
  EXPECT_EQ(lex("x::numeric", SqlLexDialect::postgresql),
            (std::vector<Lexed>{{K::word, "x"}, {K::punct, "::"}, {K::word, "numeric"}}));
  EXPECT_EQ(lex("a[1] = $1", SqlLexDialect::postgresql),
            (std::vector<Lexed>{{K::word, "a"}, {K::punct, "["}, {K::number, "1"}, {K::punct, "]"},
                                {K::op, "="}, {K::parameter, "$1"}}));
  // A comment ends an operator: "a <--x" is "<" and a comment.
  EXPECT_EQ(lex("a <--x\n b", SqlLexDialect::postgresql),
            (std::vector<Lexed>{{K::word, "a"}, {K::op, "<"}, {K::word, "b"}}));
}

TEST(SqlLexer, SqliteQuotesBlobsAndParameters) {
  EXPECT_EQ(lex("[order] || `we``ird` || x'00ff' || ?2 || :name || @v || $w", SqlLexDialect::sqlite),
            (std::vector<Lexed>{{K::quoted_identifier, "order"}, {K::op, "||"}, {K::quoted_identifier, "we`ird"},
                                {K::op, "||"}, {K::blob, "x'00ff'"}, {K::op, "||"}, {K::parameter, "?2"},
                                {K::op, "||"}, {K::parameter, ":name"}, {K::op, "||"}, {K::parameter, "@v"},
                                {K::op, "||"}, {K::parameter, "$w"}}));
  EXPECT_EQ(lex("a->>'$.b' >= 0x1F", SqlLexDialect::sqlite),
            (std::vector<Lexed>{{K::word, "a"}, {K::op, "->>"}, {K::string, "$.b"}, {K::op, ">="},
                                {K::number, "0x1F"}}));
  // SQLite accepts a block comment left open at the end.
  EXPECT_EQ(lex("a /* open", SqlLexDialect::sqlite), (std::vector<Lexed>{{K::word, "a"}}));
}

TEST(SqlLexer, CharactersSqlHasNoUseForAreOtherTokens) {
  EXPECT_EQ(lex("a \\ b", SqlLexDialect::postgresql),
            (std::vector<Lexed>{{K::word, "a"}, {K::other, "\\"}, {K::word, "b"}}));
  EXPECT_EQ(lex("{", SqlLexDialect::sqlite), (std::vector<Lexed>{{K::other, "{"}}));
}

TEST(SqlLexer, UnterminatedQuotesSayWhatAndWhere) {
  try {
    tokenize_sql("a = 'open", SqlLexDialect::postgresql);
    FAIL() << "no error";
  } catch (const SqlTokenError& error) {
    EXPECT_STREQ(error.what(), "unterminated string literal");
    EXPECT_EQ(error.offset(), 4u);
  }
  EXPECT_THROW(tokenize_sql("\"open", SqlLexDialect::postgresql), SqlTokenError);
  EXPECT_THROW(tokenize_sql("[open", SqlLexDialect::sqlite), SqlTokenError);
  EXPECT_THROW(tokenize_sql("x'00", SqlLexDialect::sqlite), SqlTokenError);
}

TEST(SqlLexer, TokenHelpersFoldOnlyAsciiCase) {
  const auto tokens = tokenize_sql("Select ( Ä", SqlLexDialect::postgresql);
  EXPECT_TRUE(tokens[0].is_word("SELECT"));
  EXPECT_TRUE(tokens[1].is_symbol("("));
  EXPECT_FALSE(tokens[2].is_word("ä"));
  EXPECT_TRUE(equals_ignoring_case("AbC", "aBc"));
  EXPECT_EQ(lower_ascii("ÄBC"), "Äbc");
  EXPECT_EQ(upper_ascii("äbc"), "äBC");
}

// The three readers on one non-ASCII column name.
TEST(SqlLexerReaders, AgreeOnNonAsciiIdentifiers) {
  // PostgreSQL folds only ASCII letters and quotes a name with other bytes when it echoes it.
  EXPECT_EQ(normalize_sql_expression("Größe >= 0"), "\"größe\" >= 0");
  EXPECT_EQ(normalize_sql_expression("(\"größe\" >= (0)::numeric)"), "\"größe\" >= 0");
  EXPECT_EQ(rename_column_in_expression("größe >= 0 AND \"größe\" < 10", "größe", "size"),
            "size >= 0 AND \"size\" < 10");
  EXPECT_EQ(rename_column_in_expression("xgröße > 0", "größe", "size"), "xgröße > 0");
  const auto table = sqlite_sql::parse_create_table(
      "CREATE TABLE t (größe INTEGER CHECK (größe >= 0), 名前 TEXT)", "t");
  ASSERT_EQ(table.columns.size(), 2u);
  EXPECT_EQ(table.columns[0].name, "größe");
  EXPECT_EQ(table.columns[1].name, "名前");
}

}  // namespace
}  // namespace sqlmodel::schema
