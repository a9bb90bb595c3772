#include "checks.hpp"
#include "schema/naming.hpp"

namespace sqlmodel::plugin {
namespace {

void check_one(const CheckContext& context, const std::string& what, const std::string& name,
               clang::SourceLocation location) {
  if (name.size() <= schema::naming::max_identifier_bytes) return;
  context.reporter.report(Check::identifier_length, location,
                          what + " " + quoted(name) + " is " + std::to_string(name.size()) +
                              " bytes long; PostgreSQL truncates identifiers to " +
                              std::to_string(schema::naming::max_identifier_bytes) + " bytes");
}

}  // namespace

// Names the user chose must fit; generated constraint names are shortened with a hash by
// schema::naming and need no check.
void check_identifier_length(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    check_one(context, "table name", table.name, table.options.location_of("name", table.location()));
    for (const FieldModel& field : table.fields)
      check_one(context, "column name", field.column.name, field.option_location("name"));
    for (const ConstraintModel& constraint : table.constraints)
      if (constraint.explicit_name)
        check_one(context, std::string(constraint.kind_name()) + " name", constraint.name,
                  constraint.option_location(constraint.options.was_written("constraint_name") ? "constraint_name"
                                                                                             : "name"));
    if (table.primary_key_name)
      check_one(context, "primary key name", *table.primary_key_name,
                table.options.location_of("primary_key_name", table.location()));
    for (const FieldModel& field : table.fields)
      if (field.foreign_key_name)
        check_one(context, "foreign key name", *field.foreign_key_name, field.option_location("foreign_key_name"));
    for (const FieldModel& field : table.fields)
      if (field.type.enum_decl)
        check_one(context, "enum type name", schema_enum_name(*field.type.enum_decl),
                  context.sources().getFileLoc(field.type.enum_decl->getLocation()));
  }
}

}  // namespace sqlmodel::plugin
