// sql-step-without-downgrade: hand-written SQL that nothing undoes.
#include "lint/checks.hpp"

namespace sqlmodel::migrate::lint {

CheckResult check_sql_step_without_downgrade(const StepContext& step) {
  if (step.direction != Direction::upgrade || !std::holds_alternative<schema::SqlStep>(step.operation) ||
      step.renders_nothing() || step.list.downgrade_has_sql)
    return std::nullopt;
  return "runs SQL for " + std::string(schema::to_string(step.dialect)) +
         " and the downgrade runs none for it";
}

}  // namespace sqlmodel::migrate::lint
