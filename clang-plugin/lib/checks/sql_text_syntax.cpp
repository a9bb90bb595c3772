#include "checks.hpp"

namespace sqlmodel::plugin {

// A text() statement the reader cannot follow (a dialect's own syntax, a construct it does not
// know, or a typo) is a warning, never an error: the database may accept it, but nothing here
// checked its names. Statements that are not queries (DDL, PRAGMA, SET ...) are left alone.
void check_sql_text_syntax(const CheckContext& context) {
  for (const SqlTextUse& use : context.sql_texts) {
    if (use.reading.problem.empty()) continue;
    context.reporter.report(Check::sql_text_syntax, use.location(use.reading.problem_offset, context.ast),
                            "the " + use.entry + " statement could not be checked: " + use.reading.problem +
                                "; the database will be the first to read it");
  }
}

}  // namespace sqlmodel::plugin
