// Identifiers over PostgreSQL's 63 bytes.
// RUN: %clang_sqlmodel -Xclang -verify %s
#include <sqlmodel/annotations.hpp>

struct SQLMODEL_TABLE(.name = "a_table_name_that_is_much_too_long_for_postgresql_to_keep_whole_x") Long {  // expected-error {{table name 'a_table_name_that_is_much_too_long_for_postgresql_to_keep_whole_x' is 65 bytes long; PostgreSQL truncates identifiers to 63 bytes [sqlmodel-identifier-length]}}
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
};

struct SQLMODEL_TABLE(.name = "short_enough")
SQLMODEL_INDEX(.columns = {"id"}, .name = "an_index_name_that_is_much_too_long_for_postgresql_to_keep_whole")  // expected-error {{index name 'an_index_name_that_is_much_too_long_for_postgresql_to_keep_whole' is 64 bytes long}}
Short {
  SQLMODEL_FIELD(.primary_key = true) std::int64_t id;
  std::int64_t a_member_whose_column_name_is_also_far_too_long_to_be_kept_whole_by_postgresql;  // expected-error {{column name 'a_member_whose_column_name_is_also_far_too_long_to_be_kept_whole_by_postgresql' is 78 bytes long}}
  // Generated names are shortened with a hash instead: no error.
  SQLMODEL_FIELD(.index = true) std::int64_t a_rather_long_column_name_that_makes_a_long_index_name;
};
