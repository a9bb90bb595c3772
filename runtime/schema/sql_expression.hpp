// What a SQL expression written by hand holds, read with the same parser that normalises
// expressions (normalize_sql_expression), for checks that judge it before a database does:
// a server default must be a constant (no column it could read), and a literal must fit its
// column's type.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sqlmodel::schema {

struct SqlExpressionOutline {
  struct Problem {
    std::string what;
    std::size_t offset = 0;  // in the expression's text
  };
  struct Name {
    std::string text;  // as written; a quoted identifier without its quotes
    std::size_t offset = 0;
  };
  enum class Literal { none, string, number, boolean, null };

  // An unterminated quote or comment, or a character SQL has no use for: no dialect reads it.
  std::optional<Problem> lexical_error;
  // Whether the parser read all of it. It knows operators, function calls, CASE, CAST, casts,
  // typed literals, ARRAY[...], IN, BETWEEN, LIKE, IS, AT TIME ZONE, COLLATE; not subqueries
  // or special-syntax functions (SUBSTRING(x FROM 1)), which a dialect may well accept.
  bool parsed = false;
  std::string parse_error;  // when !parsed and no lexical error
  // Names that are neither functions, keywords nor type names: columns, to a database.
  std::vector<Name> column_references;
  // When the whole expression is one literal (parentheses and a sign aside): its kind and
  // text (a string's content without quotes; a number with its sign; true/false/null as written).
  Literal literal = Literal::none;
  std::string literal_text;
};

SqlExpressionOutline outline_sql_expression(std::string_view expression);

struct SqlToken;

// Reads a subquery whose first token (SELECT, WITH or VALUES) is at the given index, and
// returns the index of the token after it.
using SqlSubqueryReader = std::function<std::size_t(std::size_t)>;

// One expression inside a statement, read by the same parser (see sql_statement.hpp).
struct SqlExpressionReading {
  std::size_t end = 0;  // the token after the expression (where an error stopped it)
  std::optional<std::string> error;
  // Column references, each as the indexes of its tokens, qualifiers first (u.email: u, email).
  std::vector<std::vector<std::size_t>> names;
};

// Reads the expression starting at tokens[position] and stops at the first token that cannot
// continue it (a ',', FROM, ')' ...). Parameters are values; keywords that a statement goes on
// with end it, other keywords are names. `subquery` reads (SELECT ...), EXISTS (...), IN (...).
SqlExpressionReading read_sql_expression(const std::vector<SqlToken>& tokens, std::size_t position,
                                         const SqlSubqueryReader& subquery);

}  // namespace sqlmodel::schema
