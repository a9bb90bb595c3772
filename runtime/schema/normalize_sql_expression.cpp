// normalize_sql_expression: one canonical spelling for a SQL expression, so what a person
// wrote in a model compares equal to what a catalog echoes back. PostgreSQL rewrites
// expressions when it stores them (pg_get_expr / pg_get_constraintdef):
//
//   written                          echoed by PostgreSQL 15
//   price >= 0                       (price >= (0)::numeric)
//   name IN ('a', 'b')               ((name)::text = ANY ((ARRAY['a'::character varying, ...])::text[]))
//   n BETWEEN 1 AND 5                ((n >= 1) AND (n <= 5))
//   name LIKE 'a%'                   ((name)::text ~~ 'a%'::text)
//   n >= -5                          (n >= '-5'::integer)
//   COALESCE(n, 0)                   COALESCE(n, 0)
//
// SQLite echoes the text as written, minus the parentheses around a DEFAULT. So the
// expression is parsed (PostgreSQL operator precedence) and printed back with: casts dropped,
// parentheses only where precedence needs them, IN lists for = ANY (ARRAY[...]), BETWEEN and
// LIKE spelled the way PostgreSQL stores them, keywords, function names and unquoted
// identifiers in lower case, quotes only around identifiers that need them, and one space
// between tokens. CURRENT_TIMESTAMP and now() stay distinct: they are different expressions.
// Anything the parser does not know (subqueries, special-syntax functions) falls back to the
// token-level part of this: whitespace, case and casts.
//
// Not normalisable: PostgreSQL rewrites typed literals to its own output format
// ('2020-01-01' compared with a timestamptz becomes '2020-01-01 00:00:00+00'); write those
// the way PostgreSQL prints them.
#include <cctype>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "schema/lower.hpp"
#include "schema/sql_expression.hpp"
#include "schema/sql_lexical.hpp"
#include "sqlmodel/dialect.hpp"

namespace sqlmodel::schema {
namespace {

using Token = SqlToken;
using TokenKind = SqlTokenKind;

struct ParseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// PostgreSQL's lexing (what pg_get_expr echoes): a character SQL has no use for, a parameter
// or an unterminated quote is nothing this can re-spell.
std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  try {
    tokens = tokenize_sql(text);
  } catch (const SqlTokenError& error) {
    throw ParseError(error.what());
  }
  for (const Token& token : tokens)
    if (token.kind == TokenKind::other || token.kind == TokenKind::parameter || token.kind == TokenKind::blob)
      throw ParseError("unexpected '" + token.text + "'");
  return tokens;
}

// Keywords PostgreSQL's quote_ident() quotes (reserved, type/function-name and column-name
// keywords). An identifier spelled like one keeps its quotes; any other lower-case identifier
// loses them, as PostgreSQL prints it.
const std::set<std::string, std::less<>>& keywords_needing_quotes() {
  static const std::set<std::string, std::less<>> words{
      "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
      "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character",
      "check", "coalesce", "collate", "collation", "column", "concurrently", "constraint", "create",
      "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
      "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc",
      "distinct", "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float",
      "for", "foreign", "freeze", "from", "full", "grant", "greatest", "group", "grouping",
      "having", "ilike", "in", "initially", "inner", "inout", "int", "integer", "intersect",
      "interval", "into", "is", "isnull", "join", "lateral", "leading", "least", "left", "like",
      "limit", "localtime", "localtimestamp", "national", "natural", "nchar", "none", "normalize",
      "not", "notnull", "null", "nullif", "numeric", "offset", "on", "only", "or", "order", "out",
      "outer", "overlaps", "overlay", "placing", "position", "precision", "primary", "real",
      "references", "returning", "right", "row", "select", "session_user", "setof", "similar",
      "smallint", "some", "substring", "symmetric", "system_user", "table", "tablesample", "then",
      "time", "timestamp", "to", "trailing", "treat", "trim", "true", "union", "unique", "user",
      "using", "values", "varchar", "variadic", "verbose", "when", "where", "window", "with",
  };
  return words;
}

// Keywords that are values on their own, not column names.
const std::set<std::string, std::less<>>& value_keywords() {
  static const std::set<std::string, std::less<>> words{
      "true", "false", "null", "current_timestamp", "current_date", "current_time", "localtime",
      "localtimestamp", "current_user", "session_user", "current_role", "current_catalog",
      "current_schema", "user", "unknown"};
  return words;
}

// Type names whose casts of a numeric string literal PostgreSQL prints for a negative number
// ('-5'::integer): such a cast reads back as the number itself.
bool is_numeric_type(std::string_view type) {
  static const std::set<std::string, std::less<>> types{
      "smallint", "integer", "int", "bigint", "int2", "int4", "int8", "numeric", "decimal",
      "real", "float4", "float8", "double precision", "float"};
  return types.contains(type);
}

bool looks_numeric(std::string_view text) {
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
  if (text.empty()) return false;
  bool digit = false;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) digit = true;
    else if (c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') return false;
  }
  return digit;
}

std::string canonical_identifier(std::string_view name) {
  // '$' may follow the first character only: "$n$" unquoted would open a dollar-quoted string.
  bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name.front())) && name.front() != '$';
  for (char c : name)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
          c == '_' || c == '$'))
      plain = false;
  if (plain && !keywords_needing_quotes().contains(name)) return std::string(name);
  return quote_identifier(Dialect::postgresql, name);
}

// Operator precedence, loosest first (PostgreSQL's table).
enum Precedence : int {
  p_or = 1,
  p_and,
  p_not,
  p_is,
  p_comparison,
  p_like_in_between,
  p_other_operator,
  p_additive,
  p_multiplicative,
  p_exponent,
  p_at_time_zone,
  p_unary,
  p_atom,
};

struct Expr {
  std::string text;
  int precedence = p_atom;
  bool string_literal = false;                      // text is a quoted string
  std::optional<std::vector<std::string>> elements;  // an ARRAY[...] constructor's elements
};

Expr atom(std::string text) { return Expr{std::move(text), p_atom, false, std::nullopt}; }

// Structural words that end an expression inside a statement. Other keywords PostgreSQL
// quotes (position, time, year ...) are fine column names there, so a statement reader takes them
// as names.
bool ends_expression_in_statement(std::string_view word) {
  static const std::set<std::string, std::less<>> words{
      "all", "and", "any", "array", "as", "asc", "between", "both", "case", "cast", "check", "collate",
      "column", "constraint", "create", "cross", "default", "desc", "distinct", "do", "else", "end",
      "except", "exists", "false", "fetch", "for", "foreign", "from", "full", "group", "having", "ilike",
      "in", "inner", "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left", "like",
      "limit", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order", "outer",
      "overlaps", "primary", "references", "returning", "right", "select", "set", "similar", "some",
      "table", "then", "to", "trailing", "true", "union", "unique", "using", "values", "when", "where",
      "window", "with"};
  return words.contains(word);
}

class Parser {
 public:
  // `names`, when given, receives every name that is neither a function nor a keyword (the
  // column references), as the indexes of its tokens, qualifiers first.
  explicit Parser(const std::vector<Token>& tokens, std::vector<std::vector<std::size_t>>* names = nullptr,
                  std::size_t start = 0)
      : tokens_(tokens), names_(names), position_(start) {}

  std::string parse_all() {
    Expr expr = parse(p_or);
    if (peek().kind != TokenKind::end) throw ParseError("trailing tokens");
    return expr.text;
  }

  // Inside a statement (read_sql_expression): the expression ends where the statement goes
  // on; parameters are values; a subquery is read by `subquery`.
  std::size_t parse_in_statement(const SqlSubqueryReader& subquery) {
    subquery_ = &subquery;
    parse(p_or);
    return position_;
  }
  std::size_t position() const { return position_; }

 private:
  bool at_subquery() const {
    return subquery_ && (peek_word("select") || peek_word("with") || peek_word("values"));
  }
  // The subquery at the current token, up to its closing parenthesis (consumed).
  void read_subquery() {
    position_ = (*subquery_)(position_);
    expect_punct(")");
  }

  const Token& peek(std::size_t ahead = 0) const {
    std::size_t at = std::min(position_ + ahead, tokens_.size() - 1);
    return tokens_[at];
  }
  Token next() {
    Token token = peek();
    if (position_ < tokens_.size() - 1) ++position_;
    return token;
  }
  bool peek_word(std::string_view word, std::size_t ahead = 0) const {
    return peek(ahead).kind == TokenKind::word && lower_ascii(peek(ahead).text) == word;
  }
  bool peek_punct(std::string_view punct) const {
    return peek().kind == TokenKind::punct && peek().text == punct;
  }
  void expect_punct(std::string_view punct) {
    if (!peek_punct(punct)) throw ParseError("expected " + std::string(punct));
    next();
  }
  void expect_word(std::string_view word) {
    if (!peek_word(word)) throw ParseError("expected " + std::string(word));
    next();
  }

  static std::string wrap(const Expr& expr, int minimum) {
    return expr.precedence < minimum ? "(" + expr.text + ")" : expr.text;
  }

  static Expr binary(const Expr& left, std::string_view op, const Expr& right, int precedence,
                     bool associative = false) {
    Expr result;
    result.text = wrap(left, precedence) + " " + std::string(op) + " " +
                  wrap(right, associative ? precedence : precedence + 1);
    result.precedence = precedence;
    return result;
  }

  Expr parse(int minimum) {
    // Hand-written SQL never nests this deep; text that does is left to the token-level
    // fallback instead of exhausting the stack.
    constexpr int max_depth = 256;
    if (++depth_ > max_depth) throw ParseError("expression nested too deeply");
    Expr left = parse_prefix();
    while (true) {
      std::optional<Expr> combined = parse_infix(left, minimum);
      if (!combined) break;
      left = std::move(*combined);
    }
    --depth_;
    return left;
  }

  Expr parse_prefix() {
    const Token& token = peek();
    if (token.kind == TokenKind::word && lower_ascii(token.text) == "not") {
      next();
      Expr operand = parse(p_not);
      return Expr{"not " + wrap(operand, p_not), p_not, false, std::nullopt};
    }
    if (token.kind == TokenKind::op && (token.text == "-" || token.text == "+")) {
      std::string sign = next().text;
      Expr operand = parse(p_unary);
      if (operand.precedence == p_atom && !operand.text.empty() &&
          std::isdigit(static_cast<unsigned char>(operand.text.front())))
        return atom(sign == "-" ? "-" + operand.text : operand.text);
      std::string operand_text = wrap(operand, p_unary);
      // Glued, "- -x" would be "--x" (a comment) and "- *" the operator "-*".
      const bool operator_next = !operand_text.empty() && is_postgres_operator_char(operand_text.front());
      return Expr{sign + (operator_next ? " " : "") + operand_text, p_unary, false, std::nullopt};
    }
    return parse_postfix(parse_primary());
  }

  // Casts and subscripts bind tightest of all.
  Expr parse_postfix(Expr expr) {
    while (true) {
      if (peek_punct("::")) {
        next();
        std::string type = parse_type_name();
        if (expr.string_literal && is_numeric_type(type)) {
          std::string content = expr.text.substr(1, expr.text.size() - 2);
          if (looks_numeric(content)) expr = atom(content);
        }
        // The cast itself is dropped: PostgreSQL adds them to literals and columns on its own.
      } else if (peek_punct("[")) {
        next();
        Expr index = parse(p_or);
        expect_punct("]");
        expr = atom(wrap(expr, p_atom) + "[" + index.text + "]");
      } else {
        return expr;
      }
    }
  }

  // character varying(20)[], timestamp with time zone, "TaskStatus", public.taskstatus
  std::string parse_type_name() {
    std::string name;
    auto read_part = [&] {
      Token token = next();
      if (token.kind == TokenKind::word) return lower_ascii(token.text);
      if (token.kind == TokenKind::quoted_identifier) return canonical_identifier(token.text);
      throw ParseError("expected a type name");
    };
    name = read_part();
    while (peek_punct(".")) {
      next();
      name += "." + read_part();
    }
    static const std::set<std::string, std::less<>> continuations{
        "varying", "precision", "with", "without", "time", "zone"};
    while (peek().kind == TokenKind::word && continuations.contains(lower_ascii(peek().text)))
      name += " " + lower_ascii(next().text);
    if (peek_punct("(")) {
      next();
      while (!peek_punct(")")) {
        if (peek().kind == TokenKind::end) throw ParseError("unterminated type arguments");
        next();
      }
      next();
    }
    while (peek_punct("[")) {
      next();
      if (peek().kind == TokenKind::number) next();
      expect_punct("]");
    }
    return name;
  }

  std::vector<std::string> parse_list(std::string_view close) {
    std::vector<std::string> items;
    if (peek_punct(close)) {
      next();
      return items;
    }
    while (true) {
      items.push_back(parse(p_or).text);
      // An ordered aggregate inside a statement: array_agg(x ORDER BY y DESC).
      if (subquery_ && peek_word("order") && peek_word("by", 1)) {
        next();
        next();
        while (true) {
          parse(p_or);
          if (peek_word("asc") || peek_word("desc")) next();
          if (!peek_punct(",")) break;
          next();
        }
      }
      if (peek_punct(",")) {
        next();
        continue;
      }
      expect_punct(close);
      return items;
    }
  }

  static std::string join(const std::vector<std::string>& items) {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) text += (i > 0 ? ", " : "") + items[i];
    return text;
  }

  Expr parse_primary() {
    std::size_t index = position_;
    Token token = next();
    switch (token.kind) {
      case TokenKind::number:
        return atom(token.text);
      case TokenKind::string: {
        Expr literal = atom(quote_literal(token.text));
        literal.string_literal = true;
        return literal;
      }
      case TokenKind::quoted_identifier:
        return parse_name(canonical_identifier(token.text), index);
      case TokenKind::punct:
        if (token.text == "(") return parse_parenthesized();
        if (token.text == "*") return atom("*");
        break;
      case TokenKind::op:
        if (token.text == "*") return atom("*");
        break;
      case TokenKind::word:
        return parse_word(token, index);
      case TokenKind::parameter:
        if (subquery_) return atom(token.text);
        break;
      case TokenKind::blob:  // tokenize() refuses these
      case TokenKind::other:
      case TokenKind::end:
        break;
    }
    throw ParseError("unexpected token '" + token.text + "'");
  }

  Expr parse_parenthesized() {
    if (at_subquery()) {
      read_subquery();
      return atom("(subquery)");
    }
    Expr inner = parse(p_or);
    if (peek_punct(",")) {  // a row: (a, b)
      std::vector<std::string> items{inner.text};
      next();
      // "(a,)" is no row; read as one it would print as "(a)", which reads back as plain a.
      if (peek_punct(")")) throw ParseError("expected an expression after ','");
      auto rest = parse_list(")");
      items.insert(items.end(), rest.begin(), rest.end());
      return atom("(" + join(items) + ")");
    }
    expect_punct(")");
    return inner;  // parentheses are put back by precedence where they are needed
  }

  Expr parse_word(const Token& token, std::size_t index) {
    std::string word = lower_ascii(token.text);
    if (word == "case") return parse_case();
    if (word == "cast" && peek_punct("(")) {
      next();
      Expr inner = parse(p_or);
      expect_word("as");
      parse_type_name();
      expect_punct(")");
      return inner;
    }
    if (word == "array" && peek_punct("[")) {
      next();
      auto items = parse_list("]");
      Expr array = atom("array[" + join(items) + "]");
      array.elements = std::move(items);
      return array;
    }
    if (word == "exists" && subquery_ && peek_punct("(")) {
      next();
      if (!at_subquery()) throw ParseError("expected a subquery after EXISTS");
      read_subquery();
      return atom("exists (subquery)");
    }
    if (word == "exists" || word == "select") throw ParseError("subqueries are not normalised");
    if (auto literal = parse_typed_literal(word)) return *literal;
    if (word == "extract" && peek_punct("(")) {
      // EXTRACT(field FROM source): PostgreSQL prints it back in this form.
      next();
      Token field = next();
      if (field.kind != TokenKind::word && field.kind != TokenKind::string)
        throw ParseError("expected an EXTRACT field");
      expect_word("from");
      Expr source = parse(p_or);
      expect_punct(")");
      return atom("extract(" + lower_ascii(field.text) + " from " + source.text + ")");
    }
    if (value_keywords().contains(word) && !peek_punct("(")) return atom(word);
    if (subquery_ && word == "default") return atom(word);  // VALUES (DEFAULT), SET x = DEFAULT
    if (peek_punct("(")) {
      next();
      if (peek_word("distinct") || peek_word("all")) {
        if (!subquery_) throw ParseError("aggregates are not normalised");
        next();
      }
      auto arguments = parse_list(")");
      return atom(word + "(" + join(arguments) + ")");
    }
    if (subquery_ ? ends_expression_in_statement(word) : keywords_needing_quotes().contains(word))
      throw ParseError("unexpected keyword '" + word + "'");
    return parse_name(canonical_identifier(word), index);
  }

  // type 'text' (interval '1 day', date '2020-01-01', timestamp with time zone '...'):
  // PostgreSQL prints these as '...'::type, whose cast is dropped, so only the string stays.
  std::optional<Expr> parse_typed_literal(const std::string& word) {
    std::size_t ahead = 0;
    if (word == "timestamp" || word == "time") {
      if ((peek_word("with") || peek_word("without")) && peek_word("time", 1) && peek_word("zone", 2)) ahead = 3;
    } else if (word == "double" && peek_word("precision")) {
      ahead = 1;
    }
    if (peek(ahead).kind != TokenKind::string) return std::nullopt;
    for (std::size_t i = 0; i < ahead; ++i) next();
    Expr literal = atom(quote_literal(next().text));
    literal.string_literal = true;
    return literal;
  }

  // table.column, schema.function(args)
  Expr parse_name(std::string name, std::size_t first) {
    std::vector<std::size_t> parts{first};
    while (peek_punct(".")) {
      next();
      parts.push_back(position_);
      Token part = next();
      if (part.kind == TokenKind::word) name += "." + canonical_identifier(lower_ascii(part.text));
      else if (part.kind == TokenKind::quoted_identifier) name += "." + canonical_identifier(part.text);
      else throw ParseError("expected a name after '.'");
    }
    if (peek_punct("(")) {
      next();
      auto arguments = parse_list(")");
      return atom(name + "(" + join(arguments) + ")");
    }
    if (names_) names_->push_back(std::move(parts));
    return atom(name);
  }

  Expr parse_case() {
    std::string text = "case";
    if (!peek_word("when")) text += " " + parse(p_or).text;
    while (peek_word("when")) {
      next();
      text += " when " + parse(p_or).text;
      expect_word("then");
      text += " then " + parse(p_or).text;
    }
    if (peek_word("else")) {
      next();
      text += " else " + parse(p_or).text;
    }
    expect_word("end");
    return atom(text + " end");
  }

  // The comparison right after `left op`: ANY/ALL (array) or an ordinary operand.
  Expr comparison(const Expr& left, std::string op) {
    if ((peek_word("any") || peek_word("some") || peek_word("all")) && peek(1).kind == TokenKind::punct &&
        peek(1).text == "(") {
      std::string quantifier = lower_ascii(next().text);
      if (quantifier == "some") quantifier = "any";
      next();
      if (at_subquery()) {
        read_subquery();
        return Expr{wrap(left, p_comparison + 1) + " " + op + " " + quantifier + " (subquery)", p_comparison,
                    false, std::nullopt};
      }
      Expr array = parse(p_or);
      expect_punct(")");
      std::string membership;
      if (array.elements && op == "=" && quantifier == "any") membership = "in";
      if (array.elements && op == "<>" && quantifier == "all") membership = "not in";
      if (!membership.empty())
        return Expr{wrap(left, p_like_in_between + 1) + " " + membership + " (" + join(*array.elements) + ")",
                    p_like_in_between, false, std::nullopt};
      return Expr{wrap(left, p_comparison + 1) + " " + op + " " + quantifier + " (" + array.text + ")",
                  p_comparison, false, std::nullopt};
    }
    return binary(left, op, parse(p_comparison + 1), p_comparison);
  }

  std::optional<Expr> parse_infix(const Expr& left, int minimum) {
    const Token& token = peek();
    if (token.kind == TokenKind::op) return parse_operator(left, minimum);
    if (token.kind != TokenKind::word) return std::nullopt;
    std::string word = lower_ascii(token.text);

    if (word == "or" && minimum <= p_or) {
      next();
      return binary(left, "or", parse(p_or + 1), p_or, true);
    }
    if (word == "and" && minimum <= p_and) {
      next();
      return binary(left, "and", parse(p_and + 1), p_and, true);
    }
    if ((word == "is" || word == "isnull" || word == "notnull") && minimum <= p_is) {
      next();
      std::string tail;
      if (word == "isnull") tail = "is null";
      else if (word == "notnull") tail = "is not null";
      else tail = parse_is_tail();
      // PostgreSQL stores IS NOT DISTINCT FROM as NOT (... IS DISTINCT FROM ...).
      constexpr std::string_view not_distinct = "is not distinct from ";
      if (tail.starts_with(not_distinct))
        return Expr{"not " + wrap(left, p_is + 1) + " is distinct from " + tail.substr(not_distinct.size()),
                    p_not, false, std::nullopt};
      return Expr{wrap(left, p_is + 1) + " " + tail, p_is, false, std::nullopt};
    }
    bool negated = word == "not";
    std::string keyword = negated ? lower_ascii(peek(1).text) : word;
    if (negated && peek(1).kind != TokenKind::word) return std::nullopt;
    if (minimum > p_like_in_between) {
      if (keyword == "at" && minimum <= p_at_time_zone && !negated) return parse_at_time_zone(left);
      if (keyword == "collate" && minimum <= p_at_time_zone && !negated) return parse_collate(left);
      return std::nullopt;
    }
    if (keyword == "at" && !negated) return parse_at_time_zone(left);
    if (keyword == "collate" && !negated) return parse_collate(left);
    if (keyword != "in" && keyword != "like" && keyword != "ilike" && keyword != "between" &&
        keyword != "similar")
      return std::nullopt;
    next();
    if (negated) next();
    std::string prefix = negated ? "not " : "";
    std::string lhs = wrap(left, p_like_in_between + 1);
    if (keyword == "in") {
      expect_punct("(");
      if (at_subquery()) {
        read_subquery();
        return Expr{lhs + " " + prefix + "in (subquery)", p_like_in_between, false, std::nullopt};
      }
      auto items = parse_list(")");
      return Expr{lhs + " " + prefix + "in (" + join(items) + ")", p_like_in_between, false, std::nullopt};
    }
    if (keyword == "between") {
      // PostgreSQL stores BETWEEN as the two comparisons it means.
      Expr low = parse(p_like_in_between + 1);
      expect_word("and");
      Expr high = parse(p_like_in_between + 1);
      Expr left_copy = left;
      if (negated)
        return binary(binary(left_copy, "<", low, p_comparison), "or",
                      binary(left_copy, ">", high, p_comparison), p_or, true);
      return binary(binary(left_copy, ">=", low, p_comparison), "and",
                    binary(left_copy, "<=", high, p_comparison), p_and, true);
    }
    if (keyword == "similar") {
      // PostgreSQL stores SIMILAR TO as a regular expression match on similar_to_escape().
      expect_word("to");
      Expr pattern = parse(p_like_in_between + 1);
      std::string arguments = pattern.text;
      if (peek_word("escape")) {
        next();
        arguments += ", " + parse(p_like_in_between + 1).text;
      }
      return Expr{wrap(left, p_other_operator) + (negated ? " !~ " : " ~ ") + "similar_to_escape(" +
                      arguments + ")",
                  p_other_operator, false, std::nullopt};
    }
    std::string op = prefix + keyword;
    Expr pattern = parse(p_like_in_between + 1);
    std::string text = lhs + " " + op + " " + wrap(pattern, p_like_in_between + 1);
    if (peek_word("escape")) {
      next();
      text += " escape " + wrap(parse(p_like_in_between + 1), p_like_in_between + 1);
    }
    return Expr{text, p_like_in_between, false, std::nullopt};
  }

  std::string parse_is_tail() {
    std::string tail = "is";
    if (peek_word("not")) {
      next();
      tail += " not";
    }
    if (peek_word("distinct")) {
      next();
      expect_word("from");
      return tail + " distinct from " + wrap(parse(p_is + 1), p_is + 1);
    }
    Token value = next();
    std::string word = lower_ascii(value.text);
    if (value.kind != TokenKind::word ||
        (word != "null" && word != "true" && word != "false" && word != "unknown"))
      throw ParseError("unexpected IS operand");
    return tail + " " + word;
  }

  Expr parse_at_time_zone(const Expr& left) {
    expect_word("at");
    expect_word("time");
    expect_word("zone");
    Expr zone = parse(p_at_time_zone + 1);
    return Expr{wrap(left, p_at_time_zone) + " at time zone " + wrap(zone, p_at_time_zone + 1),
                p_at_time_zone, false, std::nullopt};
  }

  Expr parse_collate(const Expr& left) {
    expect_word("collate");
    Token collation = next();
    std::string name = collation.kind == TokenKind::quoted_identifier ? canonical_identifier(collation.text)
                                                                      : canonical_identifier(lower_ascii(collation.text));
    return Expr{wrap(left, p_at_time_zone) + " collate " + name, p_at_time_zone, false, std::nullopt};
  }

  std::optional<Expr> parse_operator(const Expr& left, int minimum) {
    std::string op = peek().text;
    if (op == "!=") op = "<>";
    // PostgreSQL prints LIKE and ILIKE as their operators.
    if (op == "~~" || op == "!~~" || op == "~~*" || op == "!~~*") {
      if (minimum > p_like_in_between) return std::nullopt;
      next();
      std::string keyword = (op[0] == '!' ? "not " : "") + std::string(op.back() == '*' ? "ilike" : "like");
      Expr pattern = parse(p_like_in_between + 1);
      return Expr{wrap(left, p_like_in_between + 1) + " " + keyword + " " + wrap(pattern, p_like_in_between + 1),
                  p_like_in_between, false, std::nullopt};
    }
    int precedence = p_other_operator;
    if (op == "=" || op == "<" || op == ">" || op == "<=" || op == ">=" || op == "<>") precedence = p_comparison;
    else if (op == "+" || op == "-") precedence = p_additive;
    else if (op == "*" || op == "/" || op == "%") precedence = p_multiplicative;
    else if (op == "^") precedence = p_exponent;
    if (precedence < minimum) return std::nullopt;
    next();
    if (precedence == p_comparison) return comparison(left, op);
    return binary(left, op, parse(precedence + 1), precedence);
  }

  const std::vector<Token>& tokens_;
  std::vector<std::vector<std::size_t>>* names_;
  std::size_t position_ = 0;
  const SqlSubqueryReader* subquery_ = nullptr;
  int depth_ = 0;
};

// What is left when the expression cannot be parsed: tokens re-spelled one by one (case,
// quoting, casts), joined by single spaces.
std::string normalize_tokens(const std::vector<Token>& tokens) {
  std::string text;
  TokenKind previous_kind = TokenKind::end;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    if (token.kind == TokenKind::end) break;
    if (token.kind == TokenKind::punct && token.text == "::") {
      // Skip the type name: words of it, and a parenthesised argument list.
      ++i;
      while (i + 1 < tokens.size() && tokens[i + 1].kind == TokenKind::word &&
             std::set<std::string>{"varying", "precision", "with", "without", "time", "zone"}.contains(
                 lower_ascii(tokens[i + 1].text)))
        ++i;
      continue;
    }
    std::string spelled;
    switch (token.kind) {
      case TokenKind::string: spelled = quote_literal(token.text); break;
      case TokenKind::quoted_identifier: spelled = canonical_identifier(token.text); break;
      case TokenKind::word: spelled = lower_ascii(token.text); break;
      default: spelled = token.text; break;
    }
    // A number lexes on through letters and dots ("1.x", ".0" are one number each), so a dot
    // next to a number keeps its space: glued, the re-spelled text would lex differently and
    // normalising it again would not be idempotent.
    const bool dot_after_number = token.kind == TokenKind::punct && token.text == "." &&
                                  previous_kind == TokenKind::number;
    const bool after_dot = previous_kind == TokenKind::punct && text.back() == '.';
    const bool number_after_dot = token.kind == TokenKind::number && after_dot;
    bool glue_left = token.kind == TokenKind::punct && (token.text == ")" || token.text == "," ||
                                                        token.text == "]" || token.text == ".");
    bool after_open = !text.empty() && (text.back() == '(' || text.back() == '[' || after_dot);
    if (!text.empty() && ((!glue_left && !after_open) || dot_after_number || number_after_dot)) text += ' ';
    text += spelled;
    previous_kind = token.kind;
  }
  return text;
}

}  // namespace

std::string normalize_sql_expression(std::string_view expression) {
  std::vector<Token> tokens;
  try {
    tokens = tokenize(expression);
  } catch (const ParseError&) {
    // An unterminated quote: nothing safe to re-spell, so only the outer whitespace goes.
    std::size_t first = expression.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    std::size_t last = expression.find_last_not_of(" \t\r\n");
    return std::string(expression.substr(first, last - first + 1));
  }
  try {
    return Parser(tokens).parse_all();
  } catch (const ParseError&) {
  }
  // The re-spelling drops casts the parser could not read past, so what is left may parse; it is
  // then spelled as the parser spells it, or normalising the result again would differ.
  std::string respelled = normalize_tokens(tokens);
  try {
    return Parser(tokenize(respelled)).parse_all();
  } catch (const ParseError&) {
    return respelled;
  }
}

SqlExpressionOutline outline_sql_expression(std::string_view expression) {
  SqlExpressionOutline outline;
  std::vector<Token> tokens;
  try {
    tokens = tokenize_sql(expression);
  } catch (const SqlTokenError& error) {
    outline.lexical_error = SqlExpressionOutline::Problem{error.what(), error.offset()};
    return outline;
  }
  // The literal the whole expression is, looking through parentheses and a sign.
  std::size_t first = 0, last = tokens.size() - 1;  // [first, last): without the end token
  while (last - first >= 2 && tokens[first].kind == TokenKind::punct && tokens[first].text == "(" &&
         tokens[last - 1].kind == TokenKind::punct && tokens[last - 1].text == ")")
    ++first, --last;
  bool signed_number = last - first == 2 && tokens[first].kind == TokenKind::op &&
                       (tokens[first].text == "-" || tokens[first].text == "+") &&
                       tokens[first + 1].kind == TokenKind::number;
  if (last - first == 1 || signed_number) {
    const Token& token = tokens[last - 1];
    std::string word = token.kind == TokenKind::word ? lower_ascii(token.text) : std::string();
    outline.literal_text = signed_number ? tokens[first].text + token.text : token.text;
    if (token.kind == TokenKind::string) outline.literal = SqlExpressionOutline::Literal::string;
    else if (token.kind == TokenKind::number) outline.literal = SqlExpressionOutline::Literal::number;
    else if (word == "true" || word == "false") outline.literal = SqlExpressionOutline::Literal::boolean;
    else if (word == "null") outline.literal = SqlExpressionOutline::Literal::null;
  }
  std::vector<std::vector<std::size_t>> names;
  try {
    Parser(tokens, &names).parse_all();
    outline.parsed = true;
  } catch (const ParseError& error) {
    outline.parse_error = error.what();
    return outline;
  }
  for (const auto& name : names)
    outline.column_references.push_back({tokens[name.front()].text, tokens[name.front()].offset});
  return outline;
}

SqlExpressionReading read_sql_expression(const std::vector<SqlToken>& tokens, std::size_t position,
                                         const SqlSubqueryReader& subquery) {
  SqlExpressionReading reading;
  Parser parser(tokens, &reading.names, position);
  try {
    reading.end = parser.parse_in_statement(subquery);
  } catch (const ParseError& error) {
    reading.end = parser.position();
    reading.error = error.what();
  }
  return reading;
}

}  // namespace sqlmodel::schema
