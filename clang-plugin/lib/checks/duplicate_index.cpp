#include "checks.hpp"

namespace sqlmodel::plugin {

// Two indexes over the same columns with the same predicate cost writes and buy nothing.
void check_duplicate_index(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    std::vector<const ConstraintModel*> seen;
    for (const ConstraintModel& constraint : table.constraints) {
      if (constraint.kind == ConstraintModel::Kind::check) continue;
      bool unique = constraint.unique || constraint.kind == ConstraintModel::Kind::unique;
      for (const ConstraintModel* earlier : seen) {
        bool earlier_unique = earlier->unique || earlier->kind == ConstraintModel::Kind::unique;
        if (earlier->columns != constraint.columns || earlier->where != constraint.where ||
            earlier->method != constraint.method || earlier_unique != unique || earlier->name == constraint.name)
          continue;
        context.reporter.report(Check::duplicate_index, constraint.location,
                                std::string(constraint.kind_name()) + " " + quoted(constraint.name) +
                                    " of table " + quoted(table.name) + " duplicates " +
                                    earlier->kind_name() + " " + quoted(earlier->name));
        context.reporter.note(earlier->location, "the identical one is declared here");
        break;
      }
      seen.push_back(&constraint);
    }
  }
}

}  // namespace sqlmodel::plugin
