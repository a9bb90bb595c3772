#include "schema/sqlite_create_table_parser.hpp"

#include "schema/sql_lexical.hpp"

#include <initializer_list>

namespace sqlmodel::schema::sqlite_sql {
namespace {

using Token = SqlToken;
using TokenKind = SqlTokenKind;

std::string excerpt(std::string_view sql, std::size_t offset) {
  if (offset >= sql.size()) return "end of statement";
  std::string text(sql.substr(offset, 24));
  for (char& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return text;
}

// ---------------------------------------------------------------------------------------------
// Parser

class Parser {
 public:
  Parser(std::string_view sql, std::string object)
      : sql_(sql), object_(std::move(object)), tokens_(tokenize(sql_, object_)) {}

  ParsedCreateTable create_table() {
    expect_keyword("CREATE");
    if (keyword("TEMP") || keyword("TEMPORARY")) advance();
    if (keyword("VIRTUAL"))
      fail("virtual tables have no column definitions to read");
    expect_keyword("TABLE");
    skip_if_not_exists();
    ParsedCreateTable table;
    read_qualified_name(table.schema_name, table.name);
    if (object_.empty()) object_ = "table \"" + table.name + "\"";
    if (keyword("AS")) {
      table.as_select = true;
      return table;
    }
    expect_punctuation("(");
    bool in_table_constraints = false;
    while (true) {
      if (!in_table_constraints && starts_table_constraint()) in_table_constraints = true;
      if (in_table_constraints) {
        table.constraints.push_back(table_constraint());
        // SQLite accepts table constraints without commas between them.
        if (punctuation(",")) advance();
        if (punctuation(")")) break;
        continue;
      }
      column_definition(table);
      if (punctuation(",")) {
        advance();
        continue;
      }
      if (punctuation(")")) break;
      fail("expected ',' or ')' after a column definition");
    }
    expect_punctuation(")");
    table_options(table);
    finish();
    if (table.columns.empty()) fail("a table needs at least one column");
    return table;
  }

  ParsedCreateIndex create_index() {
    expect_keyword("CREATE");
    ParsedCreateIndex index;
    if (keyword("UNIQUE")) {
      index.unique = true;
      advance();
    }
    expect_keyword("INDEX");
    skip_if_not_exists();
    std::string schema_name;
    read_qualified_name(schema_name, index.name);
    if (object_.empty()) object_ = "index \"" + index.name + "\"";
    expect_keyword("ON");
    index.table = name("a table name");
    expect_punctuation("(");
    while (true) {
      std::size_t first = position_;
      std::size_t last = skip_term();
      if (last == first) fail("expected an indexed column");
      ParsedCreateIndex::Term term;
      // Trailing ASC/DESC/COLLATE belong to the term, not to what it indexes.
      std::size_t stop = last;
      if (stop > first && is_keyword(tokens_[stop - 1], "DESC")) {
        term.descending = true;
        --stop;
      } else if (stop > first && is_keyword(tokens_[stop - 1], "ASC")) {
        --stop;
      }
      if (stop >= first + 2 && is_keyword(tokens_[stop - 2], "COLLATE")) stop -= 2;
      if (stop == first + 1 && is_name(tokens_[first])) {
        term.text = tokens_[first].text;
      } else {
        term.is_expression = true;
        term.text = slice(first, stop);
      }
      index.terms.push_back(std::move(term));
      if (punctuation(",")) {
        advance();
        continue;
      }
      break;
    }
    expect_punctuation(")");
    if (keyword("WHERE")) {
      advance();
      std::size_t first = position_;
      while (!at_end() && !punctuation(";")) advance();
      if (position_ == first) fail("WHERE without a predicate");
      index.where = slice(first, position_);
    }
    finish();
    return index;
  }

 private:
  // SQLite's lexing (sql_lexical.hpp); an unterminated quote fails naming the object.
  static std::vector<Token> tokenize(std::string_view sql, const std::string& object) {
    try {
      return tokenize_sql(sql, SqlLexDialect::sqlite);
    } catch (const SqlTokenError& error) {
      throw SqliteSqlParseError(object.empty() ? "a statement" : object, error.what(), error.offset(),
                                excerpt(sql, error.offset()));
    }
  }

  // --- token access: never out of bounds; the last token is always `end`.
  const Token& peek(std::size_t ahead = 0) const {
    std::size_t i = position_ + ahead;
    return i < tokens_.size() ? tokens_[i] : tokens_.back();
  }
  void advance() {
    if (position_ + 1 < tokens_.size()) ++position_;
  }
  bool at_end() const { return peek().kind == TokenKind::end; }

  static bool is_keyword(const Token& token, std::string_view word) { return token.is_word(word); }
  static bool is_name(const Token& token) {
    return token.kind == TokenKind::word || token.kind == TokenKind::quoted_identifier ||
           token.kind == TokenKind::string;
  }
  bool keyword(std::string_view word, std::size_t ahead = 0) const {
    return is_keyword(peek(ahead), word);
  }
  bool punctuation(std::string_view text) const { return peek().is_symbol(text); }
  // An operator, punctuation, a parameter or a character SQL has no use for: not a value.
  bool at_symbol() const {
    return peek().kind == TokenKind::op || peek().kind == TokenKind::punct || peek().kind == TokenKind::other ||
           peek().kind == TokenKind::parameter;
  }

  [[noreturn]] void fail(const std::string& reason) const {
    throw SqliteSqlParseError(object_.empty() ? "a statement" : object_, reason, peek().offset,
                              excerpt(sql_, peek().offset));
  }
  void expect_keyword(std::string_view word) {
    if (!keyword(word)) fail("expected " + std::string(word));
    advance();
  }
  void expect_punctuation(std::string_view text) {
    if (!punctuation(text)) fail("expected '" + std::string(text) + "'");
    advance();
  }
  void finish() {
    while (punctuation(";")) advance();
    if (!at_end()) fail("unexpected text after the end of the statement");
  }

  // The statement's text from token `first` up to (not including) token `stop`.
  std::string slice(std::size_t first, std::size_t stop) const {
    if (stop <= first) return {};
    return std::string(sql_.substr(tokens_[first].offset, tokens_[stop - 1].end - tokens_[first].offset));
  }

  std::string name(const std::string& what) {
    if (!is_name(peek())) fail("expected " + what);
    std::string value = peek().text;
    advance();
    return value;
  }

  void read_qualified_name(std::string& schema_name, std::string& object_name) {
    object_name = name("a name");
    if (punctuation(".")) {
      advance();
      schema_name = std::move(object_name);
      object_name = name("a name after '.'");
    }
  }

  void skip_if_not_exists() {
    if (keyword("IF") && keyword("NOT", 1) && keyword("EXISTS", 2)) {
      advance();
      advance();
      advance();
    }
  }

  // Skips a balanced "( ... )" starting at the current '('; returns the token index of the
  // closing parenthesis. Iterative, so deeply nested input cannot exhaust the stack.
  std::size_t skip_parenthesized() {
    expect_punctuation("(");
    std::size_t depth = 1;
    while (true) {
      if (at_end()) fail("unbalanced parentheses");
      if (punctuation("(")) ++depth;
      if (punctuation(")") && --depth == 0) {
        std::size_t close = position_;
        advance();
        return close;
      }
      advance();
    }
  }

  // The text inside the parentheses that start at the current token.
  std::string parenthesized_text() {
    std::size_t open = position_;
    std::size_t close = skip_parenthesized();
    std::string text = slice(open + 1, close);
    if (text.empty()) {
      position_ = open;
      fail("empty parentheses");
    }
    return text;
  }

  // Skips one comma-separated term inside a list, stopping before the ',' or ')' that ends
  // it at depth zero; returns the index one past its last token.
  std::size_t skip_term() {
    std::size_t depth = 0;
    while (!at_end()) {
      if (depth == 0 && (punctuation(",") || punctuation(")"))) break;
      if (punctuation("(")) ++depth;
      if (punctuation(")")) --depth;
      advance();
    }
    if (at_end()) fail("unbalanced parentheses");
    return position_;
  }

  // "(a, b COLLATE nocase DESC)": the key columns of PRIMARY KEY / UNIQUE / FOREIGN KEY.
  std::vector<std::string> column_list(const std::string& what) {
    expect_punctuation("(");
    std::vector<std::string> columns;
    while (true) {
      columns.push_back(name("a column name in " + what));
      if (keyword("COLLATE")) {
        advance();
        name("a collation name");
      }
      if (keyword("ASC") || keyword("DESC")) advance();
      if (punctuation(",")) {
        advance();
        continue;
      }
      break;
    }
    if (!punctuation(")"))
      fail("expected ',' or ')' in " + what + " (only plain column names are supported there)");
    advance();
    return columns;
  }

  void conflict_clause() {
    if (keyword("ON") && keyword("CONFLICT", 1)) {
      advance();
      advance();
      name("a conflict resolution (ROLLBACK, ABORT, FAIL, IGNORE, REPLACE)");
    }
  }

  ReferentialAction referential_action() {
    if (keyword("CASCADE")) {
      advance();
      return ReferentialAction::cascade;
    }
    if (keyword("RESTRICT")) {
      advance();
      return ReferentialAction::restrict;
    }
    if (keyword("SET") && keyword("NULL", 1)) {
      advance();
      advance();
      return ReferentialAction::set_null;
    }
    if (keyword("SET") && keyword("DEFAULT", 1)) {
      advance();
      advance();
      return ReferentialAction::set_default;
    }
    if (keyword("NO") && keyword("ACTION", 1)) {
      advance();
      advance();
      return ReferentialAction::no_action;
    }
    fail("expected a referential action (CASCADE, RESTRICT, SET NULL, SET DEFAULT, NO ACTION)");
  }

  // REFERENCES table [(columns)] [ON DELETE|UPDATE action | MATCH name]* [[NOT] DEFERRABLE ...]
  void references_clause(ParsedConstraint& constraint) {
    expect_keyword("REFERENCES");
    constraint.referred_table = name("the referenced table's name");
    if (punctuation("(")) constraint.referred_columns = column_list("REFERENCES");
    while (true) {
      if (keyword("ON") && keyword("DELETE", 1)) {
        advance();
        advance();
        constraint.on_delete = referential_action();
      } else if (keyword("ON") && keyword("UPDATE", 1)) {
        advance();
        advance();
        constraint.on_update = referential_action();
      } else if (keyword("MATCH")) {
        advance();
        name("a MATCH kind");
      } else if (keyword("DEFERRABLE") || (keyword("NOT") && keyword("DEFERRABLE", 1))) {
        if (keyword("NOT")) advance();
        advance();
        if (keyword("INITIALLY")) {
          advance();
          if (!keyword("DEFERRED") && !keyword("IMMEDIATE"))
            fail("expected DEFERRED or IMMEDIATE after INITIALLY");
          advance();
        }
      } else {
        return;
      }
    }
  }

  bool starts_table_constraint() const {
    for (std::string_view word : {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"})
      if (keyword(word)) return true;
    return false;
  }

  bool starts_column_constraint() const {
    for (std::string_view word : {"CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK",
                                  "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS"})
      if (keyword(word)) return true;
    return false;
  }

  ParsedConstraint table_constraint() {
    ParsedConstraint constraint;
    if (keyword("CONSTRAINT")) {
      advance();
      constraint.name = name("a constraint name after CONSTRAINT");
    }
    if (keyword("PRIMARY")) {
      advance();
      expect_keyword("KEY");
      constraint.kind = ConstraintKind::primary_key;
      constraint.columns = column_list("PRIMARY KEY");
      if (keyword("AUTOINCREMENT")) {
        constraint.autoincrement = true;
        advance();
      }
      conflict_clause();
    } else if (keyword("UNIQUE")) {
      advance();
      constraint.kind = ConstraintKind::unique;
      constraint.columns = column_list("UNIQUE");
      conflict_clause();
    } else if (keyword("CHECK")) {
      advance();
      constraint.kind = ConstraintKind::check;
      constraint.check_expression = parenthesized_text();
    } else if (keyword("FOREIGN")) {
      advance();
      expect_keyword("KEY");
      constraint.kind = ConstraintKind::foreign_key;
      constraint.columns = column_list("FOREIGN KEY");
      references_clause(constraint);
    } else {
      fail("expected PRIMARY KEY, UNIQUE, CHECK or FOREIGN KEY");
    }
    return constraint;
  }

  void column_definition(ParsedCreateTable& table) {
    ParsedColumn column;
    column.name = name("a column name or a table constraint");

    // Type name: words up to the first constraint keyword, then an optional "(n[, m])".
    std::size_t type_first = position_;
    while (is_name(peek()) && !starts_column_constraint()) advance();
    if (position_ > type_first && punctuation("(")) skip_parenthesized();
    column.declared_type = slice(type_first, position_);

    std::optional<std::string> pending_name;
    auto take_name = [&] {
      auto taken = std::move(pending_name);
      pending_name.reset();
      return taken;
    };
    auto column_constraint = [&](ConstraintKind kind) {
      ParsedConstraint constraint;
      constraint.kind = kind;
      constraint.name = take_name();
      constraint.column = column.name;
      constraint.columns = {column.name};
      return constraint;
    };

    while (!punctuation(",") && !punctuation(")")) {
      if (at_end()) fail("unexpected end in the definition of column \"" + column.name + "\"");
      if (keyword("CONSTRAINT")) {
        advance();
        pending_name = name("a constraint name after CONSTRAINT");
      } else if (keyword("PRIMARY")) {
        advance();
        expect_keyword("KEY");
        auto constraint = column_constraint(ConstraintKind::primary_key);
        if (keyword("DESC")) {
          constraint.descending = true;
          advance();
        } else if (keyword("ASC")) {
          advance();
        }
        conflict_clause();
        if (keyword("AUTOINCREMENT")) {
          constraint.autoincrement = true;
          advance();
        }
        table.constraints.push_back(std::move(constraint));
      } else if (keyword("NOT")) {
        advance();
        expect_keyword("NULL");
        take_name();
        column.not_null = true;
        conflict_clause();
      } else if (keyword("NULL")) {
        advance();
        take_name();
        conflict_clause();
      } else if (keyword("UNIQUE")) {
        advance();
        table.constraints.push_back(column_constraint(ConstraintKind::unique));
        conflict_clause();
      } else if (keyword("CHECK")) {
        advance();
        auto constraint = column_constraint(ConstraintKind::check);
        constraint.check_expression = parenthesized_text();
        table.constraints.push_back(std::move(constraint));
      } else if (keyword("DEFAULT")) {
        advance();
        take_name();
        column.default_expression = default_value();
      } else if (keyword("COLLATE")) {
        advance();
        take_name();
        column.collation = name("a collation name");
      } else if (keyword("REFERENCES")) {
        auto constraint = column_constraint(ConstraintKind::foreign_key);
        references_clause(constraint);
        table.constraints.push_back(std::move(constraint));
      } else if (keyword("GENERATED") || keyword("AS")) {
        if (keyword("GENERATED")) {
          advance();
          expect_keyword("ALWAYS");
        }
        expect_keyword("AS");
        take_name();
        column.generated_expression = parenthesized_text();
        column.generated_stored = keyword("STORED");
        if (keyword("STORED") || keyword("VIRTUAL")) advance();
        column.generated = true;
      } else {
        fail("unexpected '" + peek().text + "' in the definition of column \"" + column.name + "\"");
      }
    }
    if (pending_name) fail("CONSTRAINT \"" + *pending_name + "\" names no constraint");
    table.columns.push_back(std::move(column));
  }

  // DEFAULT (expr) | DEFAULT [+|-]number | DEFAULT literal | DEFAULT identifier
  std::string default_value() {
    if (punctuation("(")) return parenthesized_text();
    std::size_t first = position_;
    if (punctuation("+") || punctuation("-")) {
      advance();
      if (peek().kind != TokenKind::number) fail("expected a number after the sign in DEFAULT");
    }
    if (at_end() || at_symbol()) fail("expected a value after DEFAULT");
    advance();
    return slice(first, position_);
  }

  void table_options(ParsedCreateTable& table) {
    while (true) {
      if (keyword("WITHOUT") && keyword("ROWID", 1)) {
        advance();
        advance();
        table.without_rowid = true;
      } else if (keyword("STRICT")) {
        advance();
        table.strict = true;
      } else {
        return;
      }
      if (!punctuation(",")) return;
      advance();
    }
  }

  std::string_view sql_;
  std::string object_;
  std::vector<Token> tokens_;
  std::size_t position_ = 0;
};

}  // namespace

SqliteSqlParseError::SqliteSqlParseError(std::string object, std::string reason,
                                         std::size_t offset, std::string near)
    : std::runtime_error("cannot parse the SQL of " + object + ": " + reason + " at offset " +
                         std::to_string(offset) + " (near '" + near + "')"),
      object_(std::move(object)),
      reason_(std::move(reason)),
      offset_(offset) {}

ParsedCreateTable parse_create_table(std::string_view sql, std::string_view object) {
  return Parser(sql, std::string(object)).create_table();
}

ParsedCreateIndex parse_create_index(std::string_view sql, std::string_view object) {
  return Parser(sql, std::string(object)).create_index();
}

}  // namespace sqlmodel::schema::sqlite_sql
