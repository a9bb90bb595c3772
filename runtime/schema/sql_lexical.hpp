// SQL text, read one way: the one SQL lexer, and the lexical facts built on it. The expression
// normaliser, the SQLite CREATE TABLE parser, the column rename rewriter, the DDL writers'
// literal checks and the migration linter all read SQL through tokenize_sql, so they agree on
// what a token is.
//
// Whitespace and comments (-- to the end of the line, /* ... */) separate tokens and are not
// returned. Identifiers are [A-Za-z_\x80-\xff][A-Za-z0-9_$\x80-\xff]*: both databases take
// non-ASCII letters in bare identifiers, so every byte of a multi-byte UTF-8 character is an
// identifier byte. The dialect decides the rest:
//
//                      postgresql                       sqlite
//   "x"                quoted identifier                quoted identifier
//   `x`  [x]           operator / punctuation           quoted identifier
//   E'x\'s'            string with backslash escapes    identifier E, then a string
//   $tag$ ... $tag$    string (dollar quoting)          parameter $tag, ...
//   x'00ff'            identifier x, then a string      blob literal
//   $1                 parameter                        parameter ($name too)
//   ?  ?3  :name  @x   operator / punctuation           parameter
//   /* /* */ */        nested comments                  the first */ closes; an open one ends the text
//   operators          PostgreSQL's rule: a run of      SQLite's: ->> -> || <= >= == != <> << >>,
//                      + - * / < > = ~ ! @ # % ^ & |    else one character
//                      ` ?, ending in + or - only
//                      when it holds ~ ! @ # % ^ & | ` ?
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sqlmodel::schema {

enum class SqlLexDialect { postgresql, sqlite };

enum class SqlTokenKind {
  word,               // a bare identifier or keyword, as written
  quoted_identifier,  // "x" (`x`, [x] on SQLite); text: the name, quotes undone
  string,             // 'x', E'x', $$x$$; text: the value, quotes and escapes undone
  blob,               // x'00ff' (SQLite), as written
  number,             // 42, 1.5, .5, 1e-9, 0x1F (letters and digits after a number stay in it)
  parameter,          // $1, and on SQLite ? ?3 :name @name $name, as written
  op,                 // an operator, as written
  punct,              // ( ) [ ] , . ; : ::
  other,              // a character SQL has no use for (\, {, a stray non-letter byte ...)
  end,                // after the last token, at the end of the text
};

struct SqlToken {
  SqlTokenKind kind = SqlTokenKind::end;
  std::string text;
  std::size_t offset = 0;  // where the token starts in the text
  std::size_t end = 0;     // one past its last byte: text.substr(offset, end - offset) is as written

  // This token is the keyword or bare name `word` (ASCII case-insensitive).
  bool is_word(std::string_view word) const;
  // This token is the operator or punctuation `symbol`.
  bool is_symbol(std::string_view symbol) const;
};

// An unterminated quote or comment: what() says which, offset() is where it opened (the text
// before it tokenizes).
class SqlTokenError : public std::runtime_error {
 public:
  SqlTokenError(const std::string& problem, std::size_t offset) : std::runtime_error(problem), offset_(offset) {}
  std::size_t offset() const { return offset_; }

 private:
  std::size_t offset_;
};

// The tokens of `text`, ending with one SqlTokenKind::end token at text.size().
std::vector<SqlToken> tokenize_sql(std::string_view text, SqlLexDialect dialect = SqlLexDialect::postgresql);

bool is_identifier_start(char c);
bool is_identifier_part(char c);
// A character PostgreSQL lexes into an operator: two of them side by side are one operator.
bool is_postgres_operator_char(char c);
// ASCII case-insensitive equality (SQL folds only the ASCII letters of bare identifiers).
bool equals_ignoring_case(std::string_view a, std::string_view b);
std::string lower_ascii(std::string_view text);
std::string upper_ascii(std::string_view text);
// "a, b, c": the items with the separator between them.
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

std::string_view trim_sql(std::string_view text);

// 'it''s' is one literal; 'a' || 'b' is not.
bool is_string_literal(std::string_view text);

// An optionally signed decimal: 42, -1.5, .5, 3., 1e-9.
bool is_number_literal(std::string_view text);

// `expression` (a CHECK or a partial index predicate) with the column `from` renamed to `to`,
// as PostgreSQL and SQLite rewrite their stored copy on RENAME COLUMN. A bare identifier matches
// ASCII-case-insensitively (both fold only ASCII), a "quoted" one exactly; string literals,
// function names (an identifier before '(') and qualified names (x.col) are left alone.
std::string rename_column_in_expression(std::string_view expression, std::string_view from, std::string_view to);

// True when `expression` refers to the column, by the same rules as the rename above.
bool expression_mentions_column(std::string_view expression, std::string_view column);

}  // namespace sqlmodel::schema
