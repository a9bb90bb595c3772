#include "checks.hpp"

namespace sqlmodel::plugin {

const std::vector<CheckInfo>& all_checks() {
  static const std::vector<CheckInfo> checks{
      {"primary-key", check_primary_key},
      {"foreign-key-target", check_foreign_key_target},
      {"foreign-key-type", check_foreign_key_type},
      {"foreign-key-unique", check_foreign_key_unique},
      {"set-null", check_set_null},
      {"foreign-key-index", check_foreign_key_index},
      {"constraint-columns", check_constraint_columns},
      {"constraint-names", check_constraint_names},
      {"duplicate-index", check_duplicate_index},
      {"table-names", check_table_names},
      {"column-names", check_column_names},
      {"enum-names", check_enum_names},
      {"identifier-length", check_identifier_length},
      {"length-options", check_length_options},
      {"bounds", check_bounds},
      {"enum-default", check_enum_default},
      {"renamed-from", check_renamed_from},
      {"field-options", check_field_options},
      {"relationship-path", check_relationship_path},
      {"back-populates", check_back_populates},
      {"remote-side", check_remote_side},
      {"relationship-options", check_relationship_options},
      {"mirror-models", check_mirror_models},
      {"single-table-discriminator", check_single_table_discriminator},
      {"single-table-identity", check_single_table_identity},
      {"single-table-columns", check_single_table_columns},
      {"single-table-child-options", check_single_table_child_options},
  };
  return checks;
}

void run_all_checks(const CheckContext& context) {
  for (const CheckInfo& check : all_checks()) check.run(context);
}

}  // namespace sqlmodel::plugin
