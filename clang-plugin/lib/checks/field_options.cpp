#include "checks.hpp"
#include "sqlmodel/detail/text_pattern.hpp"

namespace sqlmodel::plugin {
namespace {

using schema::TypeKind;

bool is_integer(TypeKind kind) {
  return kind == TypeKind::int16 || kind == TypeKind::int32 || kind == TypeKind::int64;
}
bool is_number(TypeKind kind) {
  return is_integer(kind) || kind == TypeKind::float32 || kind == TypeKind::float64 ||
         kind == TypeKind::numeric;
}

// The kinds a member's value can be stored as: the ORM binds and reads the member's own type,
// so .sql_type may only choose among spellings of that value.
int storage_family(TypeKind kind) {
  if (is_integer(kind)) return 1;
  if (kind == TypeKind::float32 || kind == TypeKind::float64) return 2;
  if (kind == TypeKind::string || kind == TypeKind::text) return 3;
  if (kind == TypeKind::json || kind == TypeKind::jsonb) return 4;
  return 100 + static_cast<int>(kind);
}

bool fits_member(const schema::ColumnType& member, const schema::ColumnType& chosen) {
  if (storage_family(member.kind) != storage_family(chosen.kind)) return false;
  if (member.kind == TypeKind::array)
    return chosen.element_kind && member.element_kind &&
           storage_family(*member.element_kind) == storage_family(*chosen.element_kind);
  return true;
}

// Reports `option` written on a column whose type it does not fit.
void misfit(const CheckContext& context, const TableModel& table, const FieldModel& field,
            const std::string& option, const std::string& fits) {
  context.reporter.report(Check::field_options, field.option_location(option),
                          "." + option + " on column " + quoted(table.name + "." + field.column.name) +
                              " of type " + schema::format_type(field.column.type) + ": " + fits);
}

void check_field(const CheckContext& context, const TableModel& table, const FieldModel& field) {
  const AnnotationValues& o = field.options;
  TypeKind kind = field.type.type.kind;
  TypeKind value_kind = field.type.type.element_kind.value_or(kind);
  std::string column = quoted(table.name + "." + field.column.name);

  if (o.tristate("nullable").value_or(false) && !field.type.optional) {
    auto diagnostic = context.reporter.report(
        Check::field_options, field.option_location("nullable"),
        "column " + column + " is .nullable but its C++ type cannot hold NULL: make it std::optional");
    attach(diagnostic, wrap_in_optional(field, context.sources(), context.ast.getLangOpts()));
  }
  if (field.primary_key && field.column.nullable)
    context.reporter.report(Check::field_options, field.option_location("nullable"),
                            "primary key column " + column + " cannot be nullable");
  if (o.tristate("autoincrement").value_or(false) && (!field.primary_key || !is_integer(kind)))
    misfit(context, table, field, "autoincrement", "only an integer primary key is assigned by the database");
  if ((field.precision || field.scale) && value_kind != TypeKind::numeric)
    misfit(context, table, field, field.precision ? "precision" : "scale",
           "precision and scale apply to sqlmodel::Decimal only");
  if (field.precision && *field.precision <= 0)
    misfit(context, table, field, "precision", "the precision must be positive");
  if (field.scale && (*field.scale < 0 || (field.precision && *field.scale > *field.precision)))
    misfit(context, table, field, "scale", "the scale must be between 0 and the precision");
  if (field.scale && !field.precision)
    misfit(context, table, field, "scale", "a scale needs a .precision too");
  if (o.tristate("timezone") && value_kind != TypeKind::datetime)
    misfit(context, table, field, "timezone", "only timestamps have a time zone");
  if (std::optional<long long> factory = o.integer("default_factory")) {
    if (*factory == 1 && kind != TypeKind::datetime && kind != TypeKind::date)
      misfit(context, table, field, "default_factory", "DefaultFactory::now needs a timestamp or date");
    if (*factory == 2 && kind != TypeKind::uuid)
      misfit(context, table, field, "default_factory", "DefaultFactory::uuid4 needs a sqlmodel::UUID");
  }
  if (o.flag("version") && (!is_integer(kind) || field.primary_key || field.foreign_key))
    misfit(context, table, field, "version",
           "a version column is an integer column of its own, not a key (the session checks and bumps it)");
  if (o.string("sql_type") && !fits_member(field.type.type, field.column.type)) {
    schema::ColumnType member_type = field.type.type;
    context.reporter.report(Check::field_options, field.option_location("sql_type"),
                           ".sql_type " + quoted(schema::format_type(field.column.type)) + " on column " +
                               column + ", whose C++ type maps to " + schema::format_type(member_type) +
                               ": the ORM writes and reads the member's own type, so .sql_type may "
                               "only choose another spelling of it (string or text, json or jsonb, "
                               "an integer or float width); change the member's type instead");
  }
  if (std::optional<long long> factory = o.integer("update_factory")) {
    if (*factory == 2)
      misfit(context, table, field, "update_factory", "only DefaultFactory::now is written on every UPDATE");
    else if (*factory == 1 && kind != TypeKind::datetime)
      misfit(context, table, field, "update_factory",
             "DefaultFactory::now on every UPDATE needs a std::chrono::system_clock::time_point");
  }
  if (field.mirror_only)
    context.reporter.report(Check::field_options, field.option_location("column"),
                           ".column = false on " + column + " of a table: a table's members are its "
                           "columns; leave one out with .exclude = true (.column = false is for a "
                           "SQLMODEL_MODEL's own fields)");
  if (!field.foreign_key && o.string("foreign_key_name"))
    context.reporter.report(Check::field_options, field.option_location("foreign_key_name"),
                           ".foreign_key_name on column " + column + ", which has no .foreign_key");
  if (!field.foreign_key)
    for (const char* action : {"on_delete", "on_update"})
      if (o.integer(action).value_or(0) != 0)
        context.reporter.report(
            Check::field_options, field.option_location(action),
            std::string(".") + action + " on column " + column + ", which has no .foreign_key");
  for (const char* bound : {"ge", "gt", "le", "lt"})
    if (o.bound(bound) && !is_number(value_kind))
      misfit(context, table, field, bound, "bounds apply to numbers only");
  if (std::optional<std::string> pattern = o.string("pattern")) {
    if (value_kind != TypeKind::string) {
      misfit(context, table, field, "pattern", "patterns apply to std::string only");
    } else {
      // The runtime's engine and limits (RE2, detail/text_pattern.hpp): a pattern accepted
      // here compiles when the program first validates the column.
      if (std::optional<std::string> error = detail::text_pattern_error(*pattern))
        context.reporter.report(Check::field_options, field.option_location("pattern"),
                                ".pattern of column " + column +
                                    " is not a valid regular expression (RE2 syntax): " + *error);
    }
  }
}

}  // namespace

// Options that contradict the member's type or each other.
void check_field_options(const CheckContext& context) {
  for (const TableModel& table : context.models.tables)
    for (const FieldModel& field : table.fields) check_field(context, table, field);
}

}  // namespace sqlmodel::plugin
