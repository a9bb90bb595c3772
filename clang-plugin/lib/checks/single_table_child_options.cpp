#include "checks.hpp"

namespace sqlmodel::plugin {

// A single-table child has no table of its own: the table's name, comment, history,
// discriminator and primary key all belong to the hierarchy's root.
void check_single_table_child_options(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    std::vector<const FieldModel*> key = table.primary_key();
    for (const SingleTableChild& child : table.single_table_children) {
      std::string name = quoted(child.decl->getName());
      for (const char* option : {"name", "comment", "renamed_from", "discriminator"}) {
        if (!child.options.was_written(option)) continue;
        std::string why = std::string(option) == "discriminator"
                              ? "the hierarchy's discriminator is declared once, on " +
                                    quoted(table.decl->getName())
                              : "it has no table of its own; its rows live in table " + quoted(table.name);
        context.reporter.report(Check::single_table_child_options,
                                child.options.location_of(option, child.location()),
                                std::string(".") + option + " on single-table child " + name + ": " + why);
        context.reporter.note(table.location(), "table " + quoted(table.name) + " is declared here");
      }
      auto report_key = [&](const FieldModel& field) {
        if (!field.options.flag("primary_key")) return;
        context.reporter.report(
            Check::single_table_child_options, field.option_location("primary_key"),
            "single-table child " + name + " cannot add column " + quoted(field.column.name) +
                " to the primary key: its rows use the key of table " + quoted(table.name));
        if (!key.empty() && key.front()->location().isValid())
          context.reporter.note(key.front()->location(), "the table's key is declared here");
      };
      for (const FieldModel& field : table.fields)
        if (field.single_table_model == child.decl) report_key(field);
      for (const FieldModel& field : child.conflicting_fields) report_key(field);
    }
  }
}

}  // namespace sqlmodel::plugin
