// The rules of `sqlmodel-migrate lint`: what makes a migration step risky on a live database.
// Each rule has a stable id (scripts, CI configurations and the "lint_ignore" entries of
// migration files name it), a severity per dialect it applies to, and the two texts a reviewer
// needs: why the step is risky and what to write instead. The checks themselves live in
// check_*.cpp, one function per rule, listed beside the rule in rules.cpp.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sqlmodel/dialect.hpp"

namespace sqlmodel::migrate::lint {

enum class Severity { warning, error };
std::string_view to_string(Severity severity);  // "warning", "error"

struct StepContext;  // step_context.hpp
// The finding's message for this step ("drops users.nickname and every value in it"), or
// nullopt when the step does not break the rule.
using Check = std::optional<std::string> (*)(const StepContext& step);

struct Rule {
  std::string_view id;
  // Unset: the rule says nothing for that dialect.
  std::optional<Severity> postgresql;
  std::optional<Severity> sqlite;
  std::string_view why;      // why the step is risky on a live database
  std::string_view instead;  // the safe alternative
  Check check = nullptr;

  std::optional<Severity> severity(schema::Dialect dialect) const {
    return dialect == schema::Dialect::postgresql ? postgresql : sqlite;
  }
};

// Every rule, in the order reports list them.
std::span<const Rule> rules();
const Rule* find_rule(std::string_view id);
// "unknown lint rule \"drop-colum\" (did you mean \"drop-column\"?)", or the list of ids.
std::string unknown_rule_problem(std::string_view id);

}  // namespace sqlmodel::migrate::lint
