#include <map>
#include <set>

#include "checks.hpp"
#include "../resolution.hpp"
#include "schema/naming.hpp"

namespace sqlmodel::plugin {
namespace {

struct NamedObject {
  std::string description;  // "index 'ix_users_email' of table 'users'"
  clang::SourceLocation location;
};

void claim(const CheckContext& context, std::map<std::string, NamedObject>& names,
           const std::string& name, NamedObject object) {
  auto [it, inserted] = names.emplace(name, object);
  if (inserted) return;
  context.reporter.report(Check::constraint_names, object.location,
                          object.description + " has the same name as " + it->second.description);
  context.reporter.note(it->second.location, "the other one is declared here");
}

}  // namespace

// Index names share one namespace per database schema on PostgreSQL (so do the indexes
// behind primary keys and unique constraints); other constraint names must be unique per
// table. Two objects with one name fail at CREATE time, or worse, in a later migration.
void check_constraint_names(const CheckContext& context) {
  std::map<std::string, NamedObject> relation_names;  // schema-wide
  std::set<std::string> seen_tables;
  for (const TableModel& table : context.models.tables) {
    // A second model of one table name is reported by table-names; its names would only
    // repeat that.
    if (!seen_tables.insert(table.name).second) continue;
    std::map<std::string, NamedObject> table_names;
    std::string of_table = " of table " + quoted(table.name);
    if (!table.primary_key().empty()) {
      std::string name = table.primary_key_name.value_or(schema::naming::primary_key(table.name));
      claim(context, relation_names, name,
            {"the primary key " + quoted(name) + of_table,
             table.options.location_of("primary_key_name", table.location())});
    }
    for (const ConstraintModel& constraint : table.constraints) {
      NamedObject object{std::string(constraint.kind_name()) + " " + quoted(constraint.name) + of_table,
                         constraint.option_location("name")};
      if (constraint.kind == ConstraintModel::Kind::check)
        claim(context, table_names, constraint.name, object);
      else
        claim(context, relation_names, constraint.name, object);
    }
    for (const FieldModel& field : table.fields) {
      if (!field.foreign_key) continue;
      std::optional<ForeignKeyTarget> target = split_foreign_key(*field.foreign_key);
      if (!target) continue;
      std::string name = field.foreign_key_name.value_or(
          schema::naming::foreign_key(table.name, {field.column.name}, target->table));
      claim(context, table_names, name,
            {"foreign key " + quoted(name) + of_table,
             field.option_location(field.foreign_key_name ? "foreign_key_name" : "foreign_key")});
    }
  }
}

}  // namespace sqlmodel::plugin
