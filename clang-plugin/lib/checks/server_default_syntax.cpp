#include <set>

#include "checks.hpp"
#include "schema/sql_expression.hpp"

namespace sqlmodel::plugin {

// A server default the expression parser cannot read to the end (a subquery, SUBSTRING(x FROM
// 1), a dialect's own syntax, or a typo such as "now() +"): it may be right, so this is a
// warning, but nothing checked it; the database is the first to read it. What does not lex at
// all is server-default's error.
void check_server_default_syntax(const CheckContext& context) {
  std::set<const clang::FieldDecl*> reported;
  for (const TableModel& table : context.models.tables) {
    for (const FieldModel& field : table.fields) {
      if (!field.column.has_server_default()) continue;
      if (field.decl && !reported.insert(field.decl).second) continue;
      for (const auto& [option, sql] : field.column.named_server_defaults()) {
        if (!sql || llvm::StringRef(*sql).trim().empty()) continue;
        schema::SqlExpressionOutline outline = schema::outline_sql_expression(*sql);
        if (outline.lexical_error || outline.parsed) continue;
        context.reporter.report(Check::server_default_syntax, field.option_location(std::string(option)),
                                "." + std::string(option) + " " + quoted(*sql) + " of column " +
                                    quoted(table.name + "." + field.column.name) +
                                    " could not be checked: it does not parse as a SQL expression (" +
                                    outline.parse_error + "); the database will be the first to read it");
      }
    }
  }
}

}  // namespace sqlmodel::plugin
