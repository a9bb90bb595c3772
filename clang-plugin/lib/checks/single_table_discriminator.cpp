#include "checks.hpp"

namespace sqlmodel::plugin {

// The root of a single-table hierarchy names the column that tells each row's model. It must
// hold a value on every row (NOT NULL) and be a string or an enum: the identities are its values.
void check_single_table_discriminator(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    if (!table.discriminator) {
      if (table.single_table_children.empty()) continue;
      const SingleTableChild& first = table.single_table_children.front();
      {
        auto diagnostic = context.reporter.report(
            Check::single_table_discriminator, table.location(),
            "table " + quoted(table.name) + " is shared by single-table child " +
                quoted(first.decl->getName()) +
                " but declares no .discriminator: add the column that tells each row's model");
        attach(diagnostic, add_annotation_option(table.options, ".discriminator = \"type\""));
      }
      context.reporter.note(first.location(), quoted(first.decl->getName()) + " is declared here");
      continue;
    }
    clang::SourceLocation option = table.options.location_of("discriminator", table.location());
    if (table.discriminator->empty()) {
      context.reporter.report(Check::single_table_discriminator, option,
                              "table " + quoted(table.name) + " has an empty .discriminator: name a column");
      continue;
    }
    const FieldModel* field = table.find_field(*table.discriminator);
    if (!field || field->added_discriminator) continue;
    std::string column = quoted(table.name + "." + field->column.name);
    schema::TypeKind kind = field->column.type.kind;
    if (kind != schema::TypeKind::string && kind != schema::TypeKind::enumeration) {
      context.reporter.report(Check::single_table_discriminator, option,
                              "discriminator column " + column + " has type " +
                                  schema::format_type(field->column.type) +
                                  ": it must be a std::string or an enum class, whose values name "
                                  "each row's model");
      context.reporter.note(field->location(), column + " is declared here");
      continue;
    }
    if (field->column.nullable) {
      context.reporter.report(
          Check::single_table_discriminator, option,
          "discriminator column " + column + " is nullable: every row needs a value naming its model");
      auto note = context.reporter.note(field->location(), column + " is declared here");
      // std::optional with .nullable = false: a NOT NULL column the C++ side may leave unset
      // until the ORM writes the identity.
      if (field->options.tristate("nullable") == true)
        attach(note, replace_option_value(field->options, "nullable", "false"));
      else if (field->type.optional)
        attach(note, add_field_option(*field, ".nullable = false", context.sources()));
    }
  }
}

}  // namespace sqlmodel::plugin
