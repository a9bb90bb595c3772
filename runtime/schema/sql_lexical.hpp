// Small lexical facts about SQL text the DDL writers and the migration renderer both need:
// one definition of what counts as a literal, so create_all and ALTER TABLE agree.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sqlmodel::schema {

std::string_view trim_sql(std::string_view text);
std::string upper_ascii(std::string_view text);

// 'it''s' is one literal; 'a' || 'b' is not.
bool is_string_literal(std::string_view text);

// An optionally signed decimal: 42, -1.5, .5, 3., 1e-9.
bool is_number_literal(std::string_view text);

// `expression` (a CHECK or a partial index predicate) with the column `from` renamed to `to`,
// as PostgreSQL and SQLite rewrite their stored copy on RENAME COLUMN. A bare identifier matches
// case-insensitively (both fold it), a "quoted" one exactly; string literals, function names
// (an identifier before '(') and qualified names of other tables (x.col) are left alone.
std::string rename_column_in_expression(std::string_view expression, std::string_view from, std::string_view to);

// The tokens of SQL text, PostgreSQL's lexical rules: what the expression normaliser parses and
// what the migration linter reads hand-written statements with. Whitespace and comments (--,
// nested /* */) are skipped; 'strings', E'escaped strings' and $tag$dollar-quoted$tag$ strings
// are one string token each; ";" is a punct token, so statements can be told apart.
enum class SqlTokenKind { word, quoted_identifier, string, number, op, punct, end };

struct SqlToken {
  SqlTokenKind kind = SqlTokenKind::end;
  std::string text;  // words as written; quoted identifiers and strings without their quotes
  std::size_t offset = 0;  // where the token starts in the text
};

// An unterminated quote or comment, or a character SQL has no use for; offset() is where the
// token or comment that could not be read starts (the text before it tokenizes).
class SqlTokenError : public std::runtime_error {
 public:
  SqlTokenError(const std::string& problem, std::size_t offset) : std::runtime_error(problem), offset_(offset) {}
  std::size_t offset() const { return offset_; }

 private:
  std::size_t offset_;
};

// Ends with one SqlTokenKind::end token. Throws SqlTokenError.
std::vector<SqlToken> tokenize_sql(std::string_view text);

}  // namespace sqlmodel::schema
