// Reads the CREATE TABLE and CREATE INDEX texts SQLite keeps in sqlite_schema. SQLite's
// pragmas report columns, keys and indexes, but constraint names, CHECK expressions and
// partial-index predicates exist only in that text, so introspection parses it.
//
// The parser follows SQLite's own grammar (https://sqlite.org/lang_createtable.html):
// "double", `backtick`, [bracket] and 'string' quoted names, -- and /* */ comments, nested
// parentheses in expressions, table constraints with or without separating commas, table
// options (WITHOUT ROWID, STRICT). It never recurses on nesting depth and never reads out of
// bounds; anything it does not understand is a SqliteSqlParseError naming the object.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sqlmodel/schema.hpp"

namespace sqlmodel::schema::sqlite_sql {

class SqliteSqlParseError : public std::runtime_error {
 public:
  // what(): "cannot parse the SQL of <object>: <reason> at offset <n> (near '<text>')".
  SqliteSqlParseError(std::string object, std::string reason, std::size_t offset, std::string near);
  const std::string& object() const { return object_; }
  const std::string& reason() const { return reason_; }
  std::size_t offset() const { return offset_; }

 private:
  std::string object_, reason_;
  std::size_t offset_;
};

enum class ConstraintKind { primary_key, unique, check, foreign_key };

// One PRIMARY KEY, UNIQUE, CHECK or FOREIGN KEY, written on a column or on the table.
struct ParsedConstraint {
  ConstraintKind kind = ConstraintKind::check;
  std::optional<std::string> name;    // CONSTRAINT <name>, unquoted; unset when unnamed
  std::optional<std::string> column;  // set when written on a column: that column's name
  // primary_key, unique, foreign_key: the key columns (a column-level one: its column).
  std::vector<std::string> columns;
  std::string check_expression;  // check: the text between CHECK's parentheses, as written
  bool autoincrement = false;    // primary_key: AUTOINCREMENT
  bool descending = false;       // column-level primary_key: DESC (no rowid alias then)
  // foreign_key:
  std::string referred_table;
  std::vector<std::string> referred_columns;  // empty: the referred table's primary key
  ReferentialAction on_delete = ReferentialAction::no_action;
  ReferentialAction on_update = ReferentialAction::no_action;
};

struct ParsedColumn {
  std::string name;
  std::string declared_type;  // as written ("VARCHAR(255)", "UNSIGNED BIG INT"); "" when none
  bool not_null = false;
  std::optional<std::string> default_expression;  // as written, outer parentheses removed
  std::optional<std::string> collation;
  bool generated = false;  // GENERATED ALWAYS AS (...)
  std::string generated_expression;  // its text between the parentheses, as written
  bool generated_stored = false;     // STORED (VIRTUAL is SQLite's default)
};

struct ParsedCreateTable {
  std::string schema_name;  // "main", "temp" ... when the statement names one
  std::string name;
  std::vector<ParsedColumn> columns;
  // Column-level constraints first where they appear, then table-level ones, in text order.
  std::vector<ParsedConstraint> constraints;
  bool without_rowid = false;
  bool strict = false;
  // CREATE TABLE ... AS SELECT: SQLite stores no column definitions and no constraints.
  bool as_select = false;
};

struct ParsedCreateIndex {
  std::string name;
  std::string table;
  bool unique = false;
  // Each indexed term: the unquoted column name, or an expression's text as written.
  struct Term {
    std::string text;
    bool is_expression = false;
    bool descending = false;
  };
  std::vector<Term> terms;
  std::optional<std::string> where;  // partial index predicate, as written
};

// `object` names the table in error messages ("table \"users\""); the statement's own name
// is used when it is empty.
ParsedCreateTable parse_create_table(std::string_view sql, std::string_view object = {});
ParsedCreateIndex parse_create_index(std::string_view sql, std::string_view object = {});

}  // namespace sqlmodel::schema::sqlite_sql
