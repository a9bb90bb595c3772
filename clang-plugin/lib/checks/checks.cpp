#include "checks.hpp"

namespace sqlmodel::plugin {

void run_all_checks(const CheckContext& context) {
  static constexpr void (*checks[])(const CheckContext&) = {
      check_table_names,
      check_reserved_names,
      check_column_names,
      check_enum_names,
      check_primary_key,
      check_foreign_key_target,
      check_foreign_key_type,
      check_foreign_key_unique,
      check_set_null,
      check_set_default,
      check_foreign_key_index,
      check_constraint_columns,
      check_constraint_names,
      check_duplicate_index,
      check_identifier_length,
      check_length_options,
      check_bounds,
      check_server_default,
      check_server_default_syntax,
      check_enum_default,
      check_renamed_from,
      check_field_options,
      check_relationship_path,
      check_back_populates,
      check_remote_side,
      check_relationship_options,
      check_mirror_models,
      check_single_table_discriminator,
      check_single_table_identity,
      check_single_table_columns,
      check_single_table_nullable,
      check_single_table_child_options,
      check_index_method,
      check_typed_json,
      check_generated_column,
      check_sqlite_autoincrement,
      check_sql_text_syntax,
      check_sql_text_names,
      check_sql_text_parameters,
      check_sql_text_result,
  };
  for (auto check : checks) check(context);
}

}  // namespace sqlmodel::plugin
