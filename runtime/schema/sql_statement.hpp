// What a SQL statement written by hand names: its tables (with aliases), the columns it refers
// to, its result columns and its :name parameters. Read from the one SQL lexer's tokens, with
// expressions read by the expression parser (sql_expression.hpp), for the plugin's compile-time
// check of text() statements.
//
// The reader is tolerant: it knows SELECT (with WITH, UNION/INTERSECT/EXCEPT, joins, subqueries,
// VALUES), INSERT (with ON CONFLICT and RETURNING), UPDATE (with FROM) and DELETE (with USING).
// What it cannot read is reported as not read, never guessed at; a CTE, a subquery in FROM or a
// table function is a source whose columns it does not know, so names that could come from one
// are never called unknown.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sqlmodel::schema {

enum class SqlStatementKind {
  select,
  insert,
  update,
  delete_,
  other,  // any other statement (DDL, PRAGMA, SET ...): not read
};

struct SqlName {
  std::string text;     // as written; a quoted identifier without its quotes
  bool quoted = false;  // "Name": compared exactly; a bare name folds ASCII case
  std::size_t offset = 0;  // in the statement's text
  std::size_t end = 0;

  // Whether this name, as SQL resolves it, is `name`.
  bool matches(std::string_view name) const;
};

struct SqlStatementReading {
  SqlStatementKind kind = SqlStatementKind::other;
  // Whether the reader understood all of it; when not, `problem` says what stopped it and
  // `problem_offset` where. Names read before that point are still in the lists below.
  bool lexed = false;  // the tokens (and so `parameters`) are all there
  bool read = false;
  std::string problem;
  std::size_t problem_offset = 0;

  // A SELECT (or a subquery, or a statement's own target) and where it reads from; names in it
  // resolve against its sources, then its enclosing scopes' (a correlated subquery).
  struct Scope {
    std::optional<std::size_t> parent;
  };
  // A table, CTE, subquery or function in FROM / JOIN / USING, or a statement's target table.
  struct Source {
    std::size_t scope = 0;
    std::optional<SqlName> table;   // a named table or CTE (not set for a subquery or function)
    std::optional<SqlName> schema;  // public.users: public
    std::optional<SqlName> alias;
    bool cte = false;               // `table` names a CTE of the statement
    // Columns the source has without the models knowing: a subquery, a function, a CTE.
    bool opaque() const { return cte || !table; }
  };
  struct ColumnReference {
    std::size_t scope = 0;
    std::optional<SqlName> qualifier;  // u.email: u
    SqlName column;
    // The column of a statement's target table: INSERT INTO t (column), UPDATE t SET column =.
    bool target_column = false;
  };
  // A result column of the statement (the outermost SELECT's list, or RETURNING).
  struct Result {
    bool star = false;                 // * or q.*
    std::optional<SqlName> star_qualifier;
    // The result is this column and nothing else (aliased or not): its type is the column's.
    std::optional<std::size_t> plain_column;  // index into `columns`
    std::size_t offset = 0;
    std::optional<SqlName> alias;  // SELECT x AS alias
  };
  struct Parameter {
    std::string name;  // without the ':'
    std::size_t offset = 0;
    std::size_t end = 0;
  };

  std::vector<Scope> scopes;
  std::vector<Source> sources;
  std::vector<ColumnReference> columns;
  std::vector<Result> results;  // empty when the statement returns no rows
  std::optional<std::size_t> result_scope;  // the scope `results` read from
  // Names the statement gives its result columns (SELECT x AS n): ORDER BY, GROUP BY and
  // HAVING may use them as column names.
  std::vector<SqlName> result_aliases;
  std::vector<Parameter> parameters;
};

// Reads one statement (a trailing ';' is allowed). :name is a named parameter (as text()
// binds them); '::' is a cast. Never throws for any text.
SqlStatementReading read_sql_statement(std::string_view sql);

// The statements of a script, split at top-level ';': each one's offset in `script` and text.
struct SqlScriptStatement {
  std::size_t offset = 0;
  std::string_view text;
};
// Empty when the script does not lex (an unterminated quote or comment).
std::vector<SqlScriptStatement> split_sql_script(std::string_view script);

}  // namespace sqlmodel::schema
