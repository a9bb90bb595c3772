#include "schema/sql_statement.hpp"

#include <set>
#include <stdexcept>

#include "schema/sql_expression.hpp"
#include "schema/sql_lexical.hpp"
#include "sqlmodel/detail/did_you_mean.hpp"

namespace sqlmodel::schema {
namespace {

using Reading = SqlStatementReading;

// Statements the reader leaves alone: they name objects to create, settings or transactions.
bool is_other_statement(std::string_view word) {
  static const std::set<std::string, std::less<>> words{
      "alter", "analyze", "analyse", "attach", "begin", "call", "checkpoint", "close", "cluster",
      "comment", "commit", "copy", "create", "deallocate", "declare", "detach", "discard", "do",
      "drop", "end", "execute", "explain", "fetch", "grant", "import", "listen", "load", "lock",
      "merge", "move", "notify", "pragma", "prepare", "refresh", "reindex", "release", "reset",
      "revoke", "rollback", "savepoint", "security", "set", "show", "start", "truncate", "unlisten",
      "vacuum", "abort"};
  return words.contains(word);
}

// Words after a table or an expression that go on with the statement rather than alias it.
bool is_clause_word(std::string_view word) {
  static const std::set<std::string, std::less<>> words{
      "all", "and", "as", "asc", "between", "by", "cross", "default", "desc", "do", "else", "end",
      "except", "fetch", "filter", "for", "from", "full", "group", "having", "in", "indexed", "inner",
      "intersect", "into", "is", "join", "lateral", "left", "like", "limit", "natural", "not", "nulls",
      "offset", "on", "or", "order", "outer", "over", "returning", "right", "select", "set", "tablesample",
      "then", "union", "using", "values", "when", "where", "window", "with"};
  return words.contains(word);
}

struct Failure {
  std::string what;
  std::size_t offset;
};

class StatementReader {
 public:
  StatementReader(const std::vector<SqlToken>& tokens, Reading& out) : tokens_(tokens), out_(out) {}

  void read_all() {
    statement(std::nullopt, /*top=*/true);
    if (symbol(";")) next();
    if (peek().kind != SqlTokenKind::end) fail("unexpected '" + peek().text + "' after the statement");
  }

 private:
  const SqlToken& peek(std::size_t ahead = 0) const {
    return tokens_[std::min(position_ + ahead, tokens_.size() - 1)];
  }
  const SqlToken& next() {
    const SqlToken& token = peek();
    if (position_ + 1 < tokens_.size()) ++position_;
    return token;
  }
  bool word(std::string_view w, std::size_t ahead = 0) const { return peek(ahead).is_word(w); }
  bool symbol(std::string_view s, std::size_t ahead = 0) const { return peek(ahead).is_symbol(s); }
  [[noreturn]] void fail(const std::string& what) const { throw Failure{what, peek().offset}; }
  void expect_word(std::string_view w) {
    if (!word(w)) fail("expected " + upper_ascii(w) + (peek().kind == SqlTokenKind::end ? "" : " before '" + peek().text + "'"));
    next();
  }
  void expect_symbol(std::string_view s) {
    if (!symbol(s)) fail("expected '" + std::string(s) + "'" + (peek().kind == SqlTokenKind::end ? "" : " before '" + peek().text + "'"));
    next();
  }
  bool at_name() const {
    return peek().kind == SqlTokenKind::quoted_identifier || peek().kind == SqlTokenKind::word;
  }
  SqlName name() {
    if (!at_name()) fail("expected a name" + (peek().kind == SqlTokenKind::end ? std::string() : " before '" + peek().text + "'"));
    const SqlToken& token = next();
    return SqlName{token.text, token.kind == SqlTokenKind::quoted_identifier, token.offset, token.end};
  }
  SqlName name_at(std::size_t index) const {
    const SqlToken& token = tokens_[index];
    return SqlName{token.text, token.kind == SqlTokenKind::quoted_identifier, token.offset, token.end};
  }
  // A name that may alias what precedes it: a quoted identifier, or a word that does not go on
  // with the statement.
  bool at_alias() const {
    return peek().kind == SqlTokenKind::quoted_identifier ||
           (peek().kind == SqlTokenKind::word && !is_clause_word(lower_ascii(peek().text)));
  }
  std::optional<SqlName> alias() {
    if (word("as")) {
      next();
      return name();
    }
    if (at_alias()) return name();
    return std::nullopt;
  }
  void skip_parenthesized() {
    expect_symbol("(");
    int depth = 1;
    while (depth > 0) {
      if (peek().kind == SqlTokenKind::end) fail("unbalanced parentheses");
      if (symbol("(")) ++depth;
      else if (symbol(")")) --depth;
      next();
    }
  }

  std::size_t new_scope(std::optional<std::size_t> parent) {
    out_.scopes.push_back(Reading::Scope{parent});
    return out_.scopes.size() - 1;
  }

  struct Expression {
    std::size_t begin, end;
    std::optional<std::size_t> plain_column;  // the whole expression is this column reference
  };
  Expression expression(std::size_t scope) {
    if (++depth_ > 64) fail("statement nested too deeply");
    std::size_t begin = position_;
    SqlSubqueryReader subquery = [this, scope](std::size_t at) {
      position_ = at;
      statement(scope, /*top=*/false);
      return position_;
    };
    SqlExpressionReading reading = read_sql_expression(tokens_, position_, subquery);
    position_ = reading.end;
    if (reading.error) fail(*reading.error);
    if (position_ == begin) fail("expected an expression");
    Expression expression{begin, position_, std::nullopt};
    for (const auto& parts : reading.names) {
      Reading::ColumnReference reference;
      reference.scope = scope;
      reference.column = name_at(parts.back());
      if (parts.size() >= 2) reference.qualifier = name_at(parts[parts.size() - 2]);
      out_.columns.push_back(std::move(reference));
      if (reading.names.size() == 1 && parts.front() == begin && parts.back() + 1 == position_)
        expression.plain_column = out_.columns.size() - 1;
    }
    --depth_;
    return expression;
  }
  void expression_list(std::size_t scope) {
    expression(scope);
    while (symbol(",")) {
      next();
      expression(scope);
    }
  }
  void target_column(std::size_t scope) {
    Reading::ColumnReference reference;
    reference.scope = scope;
    reference.column = name();
    reference.target_column = true;
    out_.columns.push_back(std::move(reference));
  }

  void statement(std::optional<std::size_t> parent, bool top) {
    if (++depth_ > 64) fail("statement nested too deeply");
    if (word("with")) {
      next();
      if (word("recursive")) next();
      while (true) {
        SqlName cte = name();
        cte_names_.push_back(cte);
        if (symbol("(")) skip_parenthesized();
        expect_word("as");
        if (word("not")) next();
        if (word("materialized")) next();
        expect_symbol("(");
        statement(parent, /*top=*/false);
        expect_symbol(")");
        if (!symbol(",")) break;
        next();
      }
    }
    if (word("select") || word("values") || symbol("(")) {
      if (top) out_.kind = SqlStatementKind::select;
      select(parent, top);
    } else if (word("insert") || word("replace")) {
      if (top) out_.kind = SqlStatementKind::insert;
      insert(parent, top);
    } else if (word("update")) {
      if (top) out_.kind = SqlStatementKind::update;
      update(parent, top);
    } else if (word("delete")) {
      if (top) out_.kind = SqlStatementKind::delete_;
      delete_(parent, top);
    } else {
      fail("expected SELECT, INSERT, UPDATE or DELETE" +
           (peek().kind == SqlTokenKind::end ? std::string() : " before '" + peek().text + "'"));
    }
    --depth_;
  }

  void select(std::optional<std::size_t> parent, bool capture) {
    std::size_t first_scope = select_core(parent, capture);
    while (word("union") || word("intersect") || word("except")) {
      next();
      if (word("all") || word("distinct")) next();
      select_core(parent, false);
    }
    // ORDER BY and the rest belong to the whole query: they read the first SELECT's names.
    if (word("order")) {
      next();
      expect_word("by");
      while (true) {
        expression(first_scope);
        if (word("asc") || word("desc")) next();
        if (word("nulls")) {
          next();
          if (word("first") || word("last")) next();
        }
        if (!symbol(",")) break;
        next();
      }
    }
    while (true) {
      if (word("limit") || word("offset")) {
        next();
        expression(first_scope);
        if (symbol(",")) {  // SQLite: LIMIT offset, count
          next();
          expression(first_scope);
        }
        if (word("row") || word("rows")) next();
      } else if (word("fetch")) {
        next();
        if (word("first") || word("next")) next();
        if (!word("row") && !word("rows")) expression(first_scope);
        if (word("row") || word("rows")) next();
        if (word("only")) next();
        else if (word("with")) {
          next();
          expect_word("ties");
        }
      } else if (word("for")) {
        next();
        while (word("update") || word("share") || word("no") || word("key") || word("nowait") ||
               word("skip") || word("locked") || word("of")) {
          if (word("of")) {
            next();
            name();
            while (symbol(",")) {
              next();
              name();
            }
          } else {
            next();  // UPDATE, SHARE, NO KEY, NOWAIT, SKIP LOCKED
          }
        }
      } else {
        break;
      }
    }
  }

  // One SELECT or VALUES; returns its scope.
  std::size_t select_core(std::optional<std::size_t> parent, bool capture) {
    std::size_t scope = new_scope(parent);
    if (symbol("(")) {  // (SELECT ...) UNION ...
      next();
      select(parent, capture);
      expect_symbol(")");
      return scope;
    }
    if (word("values")) {
      next();
      if (capture) out_.result_scope = scope;
      bool first_row = true;
      while (true) {
        expect_symbol("(");
        while (true) {
          std::size_t at = peek().offset;
          expression(scope);
          if (capture && first_row) {
            Reading::Result result;
            result.offset = at;
            out_.results.push_back(result);
          }
          if (!symbol(",")) break;
          next();
        }
        expect_symbol(")");
        first_row = false;
        if (!symbol(",")) break;
        next();
      }
      return scope;
    }
    expect_word("select");
    if (capture) out_.result_scope = scope;
    if (word("distinct")) {
      next();
      if (word("on")) {
        next();
        expect_symbol("(");
        expression_list(scope);
        expect_symbol(")");
      }
    } else if (word("all")) {
      next();
    }
    result_list(scope, capture);
    if (word("from")) {
      next();
      from_list(scope);
    }
    if (word("where")) {
      next();
      expression(scope);
    }
    if (word("group")) {
      next();
      expect_word("by");
      expression_list(scope);
    }
    if (word("having")) {
      next();
      expression(scope);
    }
    if (word("window")) {
      next();
      while (true) {
        name();
        expect_word("as");
        skip_parenthesized();
        if (!symbol(",")) break;
        next();
      }
    }
    return scope;
  }

  void result_list(std::size_t scope, bool capture) {
    while (true) {
      Reading::Result result;
      result.offset = peek().offset;
      if (symbol("*")) {
        next();
        result.star = true;
      } else if (at_name() && symbol(".", 1) && symbol("*", 2)) {
        result.star = true;
        result.star_qualifier = name();
        next();
        next();
      } else {
        Expression expression = this->expression(scope);
        result.plain_column = expression.plain_column;
        if (word("filter") && symbol("(", 1)) {
          next();
          skip_parenthesized();
          result.plain_column.reset();
        }
        if (word("over")) {
          next();
          if (symbol("(")) skip_parenthesized();
          else name();
          result.plain_column.reset();
        }
        result.alias = this->alias();
        if (result.alias) out_.result_aliases.push_back(*result.alias);
      }
      if (capture) out_.results.push_back(result);
      if (!symbol(",")) break;
      next();
    }
  }

  void from_list(std::size_t scope) {
    from_item(scope);
    while (true) {
      if (symbol(",")) {
        next();
        from_item(scope);
        continue;
      }
      bool natural = false;
      if (word("natural")) {
        next();
        natural = true;
      }
      bool cross = false;
      if (word("left") || word("right") || word("full")) {
        next();
        if (word("outer")) next();
      } else if (word("inner")) {
        next();
      } else if (word("cross")) {
        next();
        cross = true;
      }
      if (!word("join")) {
        if (natural || cross) fail("expected JOIN");
        return;
      }
      next();
      from_item(scope);
      if (word("on")) {
        next();
        expression(scope);
      } else if (word("using")) {
        next();
        // USING (column) names a column of both sides; the database checks that better.
        skip_parenthesized();
      }
    }
  }

  void from_item(std::size_t scope) {
    if (word("lateral")) next();
    Reading::Source source;
    source.scope = scope;
    if (symbol("(")) {
      next();
      if (word("select") || word("with") || word("values")) {
        statement(scope, /*top=*/false);
        expect_symbol(")");
      } else {
        from_list(scope);  // a parenthesised join
        expect_symbol(")");
        return;
      }
    } else {
      SqlName first = name();
      std::optional<SqlName> schema;
      if (symbol(".")) {
        next();
        schema = first;
        first = name();
      }
      if (symbol("(")) {
        skip_parenthesized();  // a table function: its columns are its own
      } else {
        source.table = first;
        source.schema = schema;
        if (!schema)
          for (const SqlName& cte : cte_names_)
            if (first.matches(cte.text) || cte.matches(first.text)) source.cte = true;
      }
    }
    source.alias = alias();
    if (symbol("(")) skip_parenthesized();  // column aliases: AS t(a, b)
    if (word("indexed")) {  // SQLite: INDEXED BY name
      next();
      expect_word("by");
      name();
    } else if (word("not") && word("indexed", 1)) {
      next();
      next();
    }
    out_.sources.push_back(std::move(source));
  }

  // A statement's own table (INSERT INTO, UPDATE, DELETE FROM); returns the scope it opens.
  std::size_t target(std::optional<std::size_t> parent, bool alias_without_as) {
    std::size_t scope = new_scope(parent);
    if (word("only")) next();
    Reading::Source source;
    source.scope = scope;
    SqlName first = name();
    if (symbol(".")) {
      next();
      source.schema = first;
      first = name();
    }
    source.table = first;
    if (word("as")) {
      next();
      source.alias = name();
    } else if (alias_without_as && at_alias()) {
      source.alias = name();
    }
    target_table_ = source;
    out_.sources.push_back(std::move(source));
    return scope;
  }

  void or_conflict_clause() {
    if (word("or")) {
      next();
      name();  // REPLACE, IGNORE, ABORT, FAIL, ROLLBACK
    }
  }

  void returning(std::size_t scope, bool capture) {
    if (!word("returning")) return;
    next();
    if (capture) out_.result_scope = scope;
    result_list(scope, capture);
  }

  void assignments(std::size_t scope) {
    while (true) {
      if (symbol("(")) {
        next();
        target_column(scope);
        while (symbol(",")) {
          next();
          target_column(scope);
        }
        expect_symbol(")");
      } else {
        target_column(scope);
      }
      if (!symbol("=") ) fail("expected '=' in SET");
      next();
      expression(scope);
      if (!symbol(",")) break;
      next();
    }
  }

  void insert(std::optional<std::size_t> parent, bool capture) {
    bool replace = word("replace");
    next();
    if (!replace) or_conflict_clause();
    expect_word("into");
    std::size_t scope = target(parent, /*alias_without_as=*/false);
    // ON CONFLICT ... DO UPDATE reads the proposed row as `excluded`: the target's columns.
    Reading::Source excluded = target_table_;
    excluded.alias = SqlName{"excluded", false, 0, 0};
    out_.sources.push_back(excluded);
    if (symbol("(") && !(word("select", 1) || word("values", 1) || word("with", 1))) {
      next();
      target_column(scope);
      while (symbol(",")) {
        next();
        target_column(scope);
      }
      expect_symbol(")");
    }
    if (word("default")) {
      next();
      expect_word("values");
    } else {
      statement(scope, /*top=*/false);  // VALUES ... or a query
    }
    if (word("on") && word("conflict", 1)) {
      next();
      next();
      if (symbol("(")) {
        next();
        expression_list(scope);
        expect_symbol(")");
        if (word("where")) {
          next();
          expression(scope);
        }
      } else if (word("on") && word("constraint", 1)) {
        next();
        next();
        name();
      }
      expect_word("do");
      if (word("nothing")) {
        next();
      } else {
        expect_word("update");
        expect_word("set");
        assignments(scope);
        if (word("where")) {
          next();
          expression(scope);
        }
      }
    }
    returning(scope, capture);
  }

  void update(std::optional<std::size_t> parent, bool capture) {
    next();
    or_conflict_clause();
    std::size_t scope = target(parent, /*alias_without_as=*/true);
    expect_word("set");
    assignments(scope);
    if (word("from")) {
      next();
      from_list(scope);
    }
    if (word("where")) {
      next();
      expression(scope);
    }
    returning(scope, capture);
  }

  void delete_(std::optional<std::size_t> parent, bool capture) {
    next();
    expect_word("from");
    std::size_t scope = target(parent, /*alias_without_as=*/true);
    if (word("using")) {
      next();
      from_list(scope);
    }
    if (word("where")) {
      next();
      expression(scope);
    }
    returning(scope, capture);
  }

  const std::vector<SqlToken>& tokens_;
  Reading& out_;
  std::size_t position_ = 0;
  int depth_ = 0;
  std::vector<SqlName> cte_names_;
  Reading::Source target_table_;
};

// The lexer reads :name as ':' then a name (PostgreSQL has no such parameters); text() binds
// them, so they become one parameter token. '::' stays a cast; '\:' is a literal colon.
std::vector<SqlToken> with_named_parameters(std::string_view sql, std::vector<SqlToken> tokens, Reading& out) {
  std::vector<SqlToken> merged;
  merged.reserve(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const SqlToken& token = tokens[i];
    bool escaped = token.offset > 0 && sql[token.offset - 1] == '\\';
    if (token.is_symbol(":") && !escaped && i + 1 < tokens.size() && tokens[i + 1].kind == SqlTokenKind::word &&
        tokens[i + 1].offset == token.end) {
      SqlToken parameter{SqlTokenKind::parameter, ":" + tokens[i + 1].text, token.offset, tokens[i + 1].end};
      out.parameters.push_back(Reading::Parameter{tokens[i + 1].text, token.offset, tokens[i + 1].end});
      merged.push_back(std::move(parameter));
      ++i;
      continue;
    }
    merged.push_back(token);
  }
  return merged;
}

// A problem quotes what it met; control bytes are spelled, not printed.
std::string printable(std::string text) {
  std::string out;
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      static constexpr char digits[] = "0123456789abcdef";
      out += "\\x";
      out += digits[(static_cast<unsigned char>(c) >> 4) & 0xf];
      out += digits[c & 0xf];
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

bool SqlName::matches(std::string_view name) const {
  return quoted ? text == name : equals_ignoring_case(text, name);
}

SqlStatementReading read_sql_statement(std::string_view sql) {
  Reading out;
  std::vector<SqlToken> tokens;
  try {
    tokens = tokenize_sql(sql, SqlLexDialect::postgresql);
  } catch (const SqlTokenError& error) {
    out.problem = error.what();
    out.problem_offset = error.offset();
    return out;
  } catch (const std::exception& error) {
    out.problem = error.what();
    return out;
  }
  try {
    tokens = with_named_parameters(sql, std::move(tokens), out);
    out.lexed = true;
    const SqlToken& first = tokens.front();
    std::size_t lead = 0;
    while (tokens[lead].is_symbol("(")) ++lead;  // (SELECT ...) UNION ...
    const SqlToken& keyword = tokens[lead];
    bool readable = keyword.is_word("select") || keyword.is_word("values") || keyword.is_word("with") ||
                    keyword.is_word("insert") || keyword.is_word("replace") || keyword.is_word("update") ||
                    keyword.is_word("delete");
    if (!readable) {
      if (first.kind == SqlTokenKind::end) return out;  // nothing but whitespace or comments
      if (first.kind != SqlTokenKind::word || !is_other_statement(lower_ascii(first.text))) {
        static constexpr std::string_view readable_words[] = {"SELECT", "INSERT", "UPDATE", "DELETE", "WITH",
                                                              "VALUES", "REPLACE"};
        std::optional<std::string_view> guess =
            first.kind == SqlTokenKind::word ? detail::closest_name(upper_ascii(first.text), readable_words, 2)
                                             : std::nullopt;
        out.problem = "it does not begin with a statement keyword the checker knows ('" + printable(first.text) + "')" +
                      (guess ? "; did you mean '" + std::string(*guess) + "'?" : std::string());
        out.problem_offset = first.offset;
      }
      return out;
    }
    StatementReader reader(tokens, out);
    reader.read_all();
    out.read = true;
  } catch (const Failure& failure) {
    out.problem = printable(failure.what);
    out.problem_offset = failure.offset;
  } catch (const std::exception& error) {
    out.problem = error.what();
  }
  return out;
}

std::vector<SqlScriptStatement> split_sql_script(std::string_view script) {
  std::vector<SqlToken> tokens;
  try {
    tokens = tokenize_sql(script, SqlLexDialect::postgresql);
  } catch (const std::exception&) {
    return {};
  }
  std::vector<SqlScriptStatement> statements;
  constexpr std::size_t none = std::string_view::npos;
  std::size_t begin = none;
  for (const SqlToken& token : tokens) {
    if (token.kind == SqlTokenKind::end || token.is_symbol(";")) {
      if (begin != none) statements.push_back({begin, script.substr(begin, token.offset - begin)});
      begin = none;
    } else if (begin == none) {
      begin = token.offset;
    }
  }
  return statements;
}

}  // namespace sqlmodel::schema
