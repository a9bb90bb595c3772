// One check per rule (rules.cpp pairs them with their ids). Each returns the finding's message
// for the step, or nullopt when the step does not break the rule. Internal to lint/.
#pragma once

#include <optional>
#include <string>

#include "lint/step_context.hpp"

namespace sqlmodel::migrate::lint {

using CheckResult = std::optional<std::string>;

// check_data_loss.cpp
CheckResult check_drop_table(const StepContext& step);
CheckResult check_drop_column(const StepContext& step);
// check_renames.cpp
CheckResult check_rename_table(const StepContext& step);
CheckResult check_rename_column(const StepContext& step);
// check_existing_rows.cpp
CheckResult check_add_column_not_null_without_default(const StepContext& step);
CheckResult check_set_not_null(const StepContext& step);
CheckResult check_add_unique_constraint(const StepContext& step);
CheckResult check_volatile_default_on_existing_table(const StepContext& step);
// check_postgres_locks.cpp
CheckResult check_create_index_without_concurrently(const StepContext& step);
CheckResult check_drop_index_without_concurrently(const StepContext& step);
CheckResult check_concurrently_in_transaction(const StepContext& step);
CheckResult check_add_foreign_key_without_not_valid(const StepContext& step);
CheckResult check_add_check_without_not_valid(const StepContext& step);
CheckResult check_missing_lock_timeout(const StepContext& step);
// check_column_types.cpp
CheckResult check_type_change_rewrites_table(const StepContext& step);
CheckResult check_type_change_narrows(const StepContext& step);
// check_enums.cpp
CheckResult check_enum_value_removed(const StepContext& step);
CheckResult check_enum_values_reordered(const StepContext& step);
// check_sqlite.cpp
CheckResult check_sqlite_table_rebuild(const StepContext& step);
// check_sql_steps.cpp
CheckResult check_sql_step_without_downgrade(const StepContext& step);

}  // namespace sqlmodel::migrate::lint
