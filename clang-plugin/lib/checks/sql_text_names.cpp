#include <set>

#include "checks.hpp"

namespace sqlmodel::plugin {
namespace {

using Reading = schema::SqlStatementReading;

// The bytes of `name` in the literal, replaced by `replacement`: only for a bare name whose
// ends are both in the file as written.
std::optional<clang::FixItHint> rename_in_literal(const SqlTextUse& use, const schema::SqlName& name,
                                                  const std::string& replacement, const clang::ASTContext& ast) {
  if (name.quoted) return std::nullopt;
  clang::SourceLocation begin = use.location(name.offset, ast);
  clang::SourceLocation end = use.location(name.end, ast);
  const clang::SourceManager& sources = ast.getSourceManager();
  if (begin.isInvalid() || end.isInvalid() || begin.isMacroID() || end.isMacroID()) return std::nullopt;
  if (sources.getFileID(begin) != sources.getFileID(end) ||
      sources.getFileOffset(end) - sources.getFileOffset(begin) != name.end - name.offset)
    return std::nullopt;  // an escape sequence or a literal split in two inside the name
  return clang::FixItHint::CreateReplacement(clang::CharSourceRange::getCharRange(begin, end), replacement);
}

std::vector<std::string> table_names(const ModelSet& models) {
  std::vector<std::string> names;
  for (const TableModel& table : models.tables) names.push_back(table.name);
  return names;
}

}  // namespace

// Every table and column a text() statement names must be one of the models': a near miss of
// a model's table, or a column that none of the statement's modeled tables has, is an error at
// the word in the literal. A table the models do not have at all (sqlite_master, a table the
// project does not model), a CTE, a subquery and anything the names could come from without
// the models knowing leave the names alone.
void check_sql_text_names(const CheckContext& context) {
  std::vector<std::string> tables = table_names(context.models);
  for (const SqlTextUse& use : context.sql_texts) {
    if (!use.reading.read || use.names_unchecked) continue;
    for (const Reading::Source& source : use.reading.sources) {
      if (source.opaque() || source.schema || source.table->end == 0) continue;
      if (model_table(context.models, source)) continue;
      bool claimed = false;  // two models with one name: table-names reports it
      for (const TableModel& table : context.models.tables)
        if (source.table->matches(table.name)) claimed = true;
      if (claimed) continue;
      std::optional<std::string> guess = closest_name(source.table->text, tables);
      if (!guess) continue;
      {
        auto diagnostic = context.reporter.report(
            Check::sql_text_names, use.location(source.table->offset, context.ast),
            "the " + use.entry + " statement names unknown table " + quoted(source.table->text) +
                "; did you mean " + quoted(*guess) + "?");
        attach(diagnostic, rename_in_literal(use, *source.table, *guess, context.ast));
      }
      if (const TableModel* suggested = context.models.find_table(*guess))
        context.reporter.note(suggested->location(), "table " + quoted(*guess) + " is declared here");
    }
    std::set<std::size_t> reported;
    for (const Reading::ColumnReference& reference : use.reading.columns) {
      ColumnResolution resolution = resolve_column(context.models, use.reading, reference);
      if (resolution.state != ColumnResolution::State::missing || resolution.candidates.empty()) continue;
      if (!reported.insert(reference.column.offset).second) continue;
      std::vector<std::string> columns;
      std::string where;
      for (const TableModel* table : resolution.candidates) {
        for (std::string& name : column_names(*table)) columns.push_back(std::move(name));
        where += (where.empty() ? "" : ", ") + quoted(table->name);
      }
      std::optional<std::string> guess = closest_name(reference.column.text, columns);
      std::string shown = reference.qualifier ? reference.qualifier->text + "." + reference.column.text
                                              : reference.column.text;
      {
        auto diagnostic = context.reporter.report(
            Check::sql_text_names, use.location(reference.column.offset, context.ast),
            "the " + use.entry + " statement names unknown column " + quoted(shown) +
                (resolution.candidates.size() == 1 ? " of table " : " of tables ") + where +
                (guess ? "; did you mean " + quoted(*guess) + "?" : std::string()));
        if (guess) attach(diagnostic, rename_in_literal(use, reference.column, *guess, context.ast));
      }
      for (const TableModel* table : resolution.candidates) {
        if (guess && !table->find_field(*guess) && resolution.candidates.size() > 1) continue;
        context.reporter.note(table->location(), "table " + quoted(table->name) + " is declared here");
      }
    }
  }
}

}  // namespace sqlmodel::plugin
