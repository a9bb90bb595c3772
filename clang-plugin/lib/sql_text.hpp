// SQL written by hand in the translation unit: the string literals given to sqlmodel::text(...),
// sqlmodel::Text<Row>(...) and Session/Database::exec_script(...), each read once
// (schema/sql_statement.hpp) for the sql-text-* checks, with what the call binds and the row
// type it reads into. Names resolve against the models of the translation unit.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

#include "model.hpp"
#include "schema/sql_statement.hpp"

namespace sqlmodel::plugin {

class Reporter;

struct SqlTextUse {
  const clang::StringLiteral* literal = nullptr;
  std::string entry;         // "text()", "exec_script()": for messages
  std::size_t offset = 0;    // where the statement starts in the literal's bytes (a script's part)
  schema::SqlStatementReading reading;
  // A script that also defines or alters objects: its statements' names may be its own.
  bool names_unchecked = false;

  // text(...).bind("name", v)...: the names bound, where they are written.
  struct Binding {
    std::optional<std::string> name;  // unset when not a string literal
    clang::SourceLocation location;
  };
  bool takes_parameters = false;  // text(); scripts take none
  std::vector<Binding> bindings;
  // The bindings are all there is: the chain goes straight into a sqlmodel call (session.exec),
  // so a parameter without a binding is a sure error. Not when the query is kept in a variable.
  bool bindings_complete = false;

  // text<std::tuple<...>>: the element types.
  std::optional<std::vector<clang::QualType>> row;
  std::string row_spelling;
  // text<Model>: the model, whose columns are read from the result by name.
  const clang::CXXRecordDecl* row_model = nullptr;

  // Where byte `offset` of the statement is in the source (the literal's start when it cannot
  // be placed exactly).
  clang::SourceLocation location(std::size_t offset, const clang::ASTContext& ast) const;
};

// Every text() / exec_script() string literal of the translation unit, outside system headers.
// NOLINT comments on any line of the call cover its diagnostics (registered with `reporter`).
std::vector<SqlTextUse> find_sql_texts(clang::ASTContext& ast, Reporter& reporter);

// The model table a source of a statement is, when the models have exactly one by that name.
const TableModel* model_table(const ModelSet& models, const schema::SqlStatementReading::Source& source);

// What a column reference of a statement is, as far as the models tell.
struct ColumnResolution {
  enum class State {
    found,    // `field` of `table`
    missing,  // no source has it; `candidates` are the tables it could have been in
    unsure,   // a source the models do not describe (a CTE, subquery, unmodeled table), or an alias
  };
  State state = State::unsure;
  const TableModel* table = nullptr;
  const FieldModel* field = nullptr;
  std::vector<const TableModel*> candidates;
};
ColumnResolution resolve_column(const ModelSet& models, const schema::SqlStatementReading& reading,
                                const schema::SqlStatementReading::ColumnReference& reference);

}  // namespace sqlmodel::plugin
