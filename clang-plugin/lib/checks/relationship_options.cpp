#include "checks.hpp"
#include "../resolution.hpp"

namespace sqlmodel::plugin {

// .order_by and .foreign_key of a relationship name columns: of the target table (order_by)
// and of whichever table holds the key (foreign_key).
void check_relationship_options(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    for (const RelationshipModel& relationship : table.relationships) {
      const TableModel* target = context.models.find_table(relationship.target);
      if (!target) continue;
      std::string name = quoted(table.decl->getName().str() + "::" + relationship.name);
      for (const std::string& entry : relationship.order_by) {
        std::string column = entry[0] == '-' ? entry.substr(1) : entry;
        if (target->find_field(column)) continue;
        std::optional<std::string> guess = closest_name(column, column_names(*target));
        context.reporter.report(Check::relationship_options, relationship.option_location("order_by"),
                                ".order_by of relationship " + name + " names unknown column " +
                                    quoted(column) + " of table " + quoted(target->name) +
                                    (guess ? "; did you mean " + quoted(*guess) + "?" : std::string()));
      }
      if (relationship.foreign_key && !relationship.link_model &&
          !table.find_field(*relationship.foreign_key) && !target->find_field(*relationship.foreign_key)) {
        context.reporter.report(Check::relationship_options, relationship.option_location("foreign_key"),
                                ".foreign_key of relationship " + name + " names " +
                                    quoted(*relationship.foreign_key) + ", a column of neither " +
                                    quoted(table.name) + " nor " + quoted(target->name));
      }
      if (relationship.delete_orphan && !relationship.cascade_delete)
        context.reporter.report(
            Check::relationship_options, relationship.option_location("delete_orphan"),
            ".delete_orphan on relationship " + name + " needs .cascade_delete = true as well");
    }
  }
}

}  // namespace sqlmodel::plugin
