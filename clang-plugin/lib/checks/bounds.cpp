#include <cstdio>

#include "checks.hpp"

namespace sqlmodel::plugin {
namespace {

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

}  // namespace

// A lower bound above the upper bound makes every value invalid.
void check_bounds(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    for (const FieldModel& field : table.fields) {
      std::string column = quoted(table.name + "." + field.column.name);
      if (field.min_length && field.max_length && *field.min_length > *field.max_length) {
        context.reporter.report(Check::bounds, field.option_location("min_length"),
                                ".min_length = " + std::to_string(*field.min_length) +
                                    " is greater than .max_length = " + std::to_string(*field.max_length) +
                                    " on column " + column);
        context.reporter.note(field.option_location("max_length"), ".max_length is set here");
      }
      struct Bound { const char* name; std::optional<double> value; bool strict; };
      for (Bound lower : {Bound{"ge", field.ge, false}, Bound{"gt", field.gt, true}}) {
        for (Bound upper : {Bound{"le", field.le, false}, Bound{"lt", field.lt, true}}) {
          if (!lower.value || !upper.value) continue;
          bool empty = (lower.strict || upper.strict) ? *lower.value >= *upper.value
                                                      : *lower.value > *upper.value;
          if (!empty) continue;
          context.reporter.report(Check::bounds, field.option_location(lower.name),
                                  std::string(".") + lower.name + " = " + number(*lower.value) + " and ." +
                                      upper.name + " = " + number(*upper.value) + " on column " + column +
                                      " leave no valid value");
          context.reporter.note(field.option_location(upper.name),
                                std::string(".") + upper.name + " is set here");
        }
      }
      if (field.ge && field.gt)
        context.reporter.report(Check::bounds, field.option_location("gt"),
                                "column " + column + " has both .ge and .gt: keep one");
      if (field.le && field.lt)
        context.reporter.report(Check::bounds, field.option_location("lt"),
                                "column " + column + " has both .le and .lt: keep one");
    }
  }
}

}  // namespace sqlmodel::plugin
