// The model checks, one function per check, each in its own file named after it. A check
// reads the ModelSet and reports through the Reporter; it never changes the models.
// To add one: register its diagnostic in diagnostic_kinds.def, write checks/<name>.cpp with
// `void check_<name>(const CheckContext&)` reporting it, declare it here, list it in
// checks.cpp, and add tests/lit/plugin/checks/<name>.cpp.
#pragma once

#include <vector>

#include "check_support.hpp"

namespace sqlmodel::plugin {

void check_primary_key(const CheckContext&);             // table without a primary key
void check_foreign_key_target(const CheckContext&);      // malformed / unknown table / unknown column
void check_foreign_key_type(const CheckContext&);        // type differs from the referenced column
void check_foreign_key_unique(const CheckContext&);      // referenced column neither PK nor unique
void check_set_null(const CheckContext&);                // set_null on a non-nullable column
void check_set_default(const CheckContext&);             // warning: set_default without a server default
void check_foreign_key_index(const CheckContext&);       // warning: foreign key without an index
void check_constraint_columns(const CheckContext&);      // index/unique/check naming unknown columns
void check_constraint_names(const CheckContext&);        // duplicate index / constraint names
void check_duplicate_index(const CheckContext&);         // warning: identical duplicate index
void check_reserved_names(const CheckContext&);          // sqlmodel_version, _sqlmodel_new_*
void check_table_names(const CheckContext&);             // two models, one table name
void check_column_names(const CheckContext&);            // two members, one column name
void check_enum_names(const CheckContext&);              // two enums, one SQL enum name
void check_identifier_length(const CheckContext&);       // identifiers over 63 bytes
void check_length_options(const CheckContext&);          // max/min_length on non-strings, <= 0
void check_bounds(const CheckContext&);                  // min greater than max
void check_server_default(const CheckContext&);          // not SQL, a column name, a misfit literal
void check_server_default_syntax(const CheckContext&);   // warning: a server default left unparsed
void check_enum_default(const CheckContext&);            // enum default not an enumerator
void check_renamed_from(const CheckContext&);            // renamed_from colliding with a live name
void check_field_options(const CheckContext&);           // options that do not fit the type
void check_relationship_path(const CheckContext&);       // target, FK path, link model
void check_back_populates(const CheckContext&);          // back_populates missing or not pointing back
void check_remote_side(const CheckContext&);             // self-referential to-one without remote side
void check_relationship_options(const CheckContext&);   // order_by / foreign_key naming unknown columns
void check_mirror_models(const CheckContext&);           // SQLMODEL_MODEL fields vs. the table
void check_single_table_discriminator(const CheckContext&);  // missing, not string/enum, nullable
void check_single_table_identity(const CheckContext&);       // missing, duplicate, not an enumerator
void check_single_table_columns(const CheckContext&);        // child columns: conflicts, NOT NULL
void check_single_table_nullable(const CheckContext&);       // warning: child member needs optional
void check_single_table_child_options(const CheckContext&);  // a child's own name, key, discriminator
void check_index_method(const CheckContext&);            // an index method the column type lacks
void check_typed_json(const CheckContext&);              // a typed JSON struct member without a JSON form
void check_generated_column(const CheckContext&);        // generated column with a default, unknown names
void check_sqlite_autoincrement(const CheckContext&);    // AUTOINCREMENT without a rowid key
void check_sql_text_syntax(const CheckContext&);      // warning: a text() statement left unread
void check_sql_text_names(const CheckContext&);       // text() naming unknown tables / columns
void check_sql_text_parameters(const CheckContext&);  // :names without values, values without :names
void check_sql_text_result(const CheckContext&);      // text<Row> against the result columns

// Runs the checks in the order of diagnostic_kinds.def: a cause is reported before what it causes.
void run_all_checks(const CheckContext& context);

}  // namespace sqlmodel::plugin
