#include "checks.hpp"

namespace sqlmodel::plugin {
namespace {

using schema::TypeKind;

// What stock PostgreSQL (no extension) indexes a column type with: each access method needs
// an operator class for the type, and `CREATE INDEX` fails without one.
enum class Support { yes, no, extension };

struct MethodSupport {
  Support support = Support::yes;
  const char* extension = nullptr;  // Support::extension: the contrib module that adds it
};

bool is_scalar(TypeKind kind) {
  switch (kind) {
    case TypeKind::json:
    case TypeKind::jsonb:
    case TypeKind::array:
    case TypeKind::blob:
    case TypeKind::custom:
      return false;
    default:
      return true;
  }
}

bool is_text(TypeKind kind) { return kind == TypeKind::string || kind == TypeKind::text; }

// nullopt: a type only PostgreSQL's own spelling names, which the plugin cannot judge.
std::optional<MethodSupport> support(const schema::ColumnType& type, const std::string& method) {
  if (type.postgresql_type || type.kind == TypeKind::custom) return std::nullopt;
  const TypeKind kind = type.kind;
  if (kind == TypeKind::json) return MethodSupport{Support::no};  // json has no operators at all
  if (method == "btree") return MethodSupport{};
  if (method == "hash") return MethodSupport{};
  if (method == "gin") {
    if (kind == TypeKind::jsonb || kind == TypeKind::array) return MethodSupport{};
    if (is_text(kind)) return MethodSupport{Support::extension, "pg_trgm (gin_trgm_ops) or btree_gin"};
    if (is_scalar(kind)) return MethodSupport{Support::extension, "btree_gin"};
    return MethodSupport{Support::no};
  }
  if (method == "gist") {
    if (is_text(kind)) return MethodSupport{Support::extension, "pg_trgm (gist_trgm_ops) or btree_gist"};
    if (kind == TypeKind::array && type.element_kind && (*type.element_kind == TypeKind::int32))
      return MethodSupport{Support::extension, "intarray"};
    if (is_scalar(kind) && kind != TypeKind::boolean) return MethodSupport{Support::extension, "btree_gist"};
    return MethodSupport{Support::no};
  }
  if (method == "spgist") {
    if (is_text(kind)) return MethodSupport{};
    return MethodSupport{Support::no};
  }
  if (method == "brin") {
    if (kind == TypeKind::boolean || kind == TypeKind::enumeration) return MethodSupport{Support::no};
    if (is_scalar(kind)) return MethodSupport{};
    return MethodSupport{Support::no};
  }
  return std::nullopt;  // an unknown method: constraint-columns reports it
}

// The types that can use a method, for the message.
const char* suited_types(const std::string& method) {
  if (method == "gin") return "jsonb and arrays";
  if (method == "gist") return "range, geometric and full-text types (with extensions, scalars)";
  if (method == "spgist") return "text, inet, ranges and points";
  if (method == "brin") return "numbers, dates, timestamps, text and uuid";
  return "every type with an equality operator";
}

}  // namespace

// An index whose access method has no operator class for a column's type fails at CREATE
// INDEX on PostgreSQL (SQLite ignores methods, so the models would work there and break on
// deployment). Plain json has no operators at all, so any index or unique constraint on it
// fails: jsonb is what GIN and btree index.
void check_index_method(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    for (const ConstraintModel& constraint : table.constraints) {
      if (constraint.kind == ConstraintModel::Kind::check) continue;
      const std::string method = constraint.method.value_or("btree");
      for (const std::string& column_name : constraint.columns) {
        const FieldModel* field = table.find_field(column_name);
        if (!field) continue;  // constraint-columns reports it
        std::optional<MethodSupport> supported = support(field->column.type, method);
        if (!supported || supported->support == Support::yes) continue;
        std::string subject = std::string(constraint.kind_name()) + " " + quoted(constraint.name) +
                              " of table " + quoted(table.name);
        std::string type = schema::format_type(field->column.type);
        const char* option = constraint.method ? "method"
                             : !constraint.field ? "columns"
                             : constraint.field->index ? "index"
                                                       : "unique";
        clang::SourceLocation where = constraint.option_location(option);
        if (field->column.type.kind == TypeKind::json) {
          context.reporter.report(Check::index_method, where,
                                 subject + " indexes column " + quoted(column_name) +
                                     " of type json, which PostgreSQL cannot index (json has no "
                                     "equality or ordering): make it jsonb (.sql_type = \"jsonb\", "
                                     "or the project's json-type=jsonb)");
        } else if (supported->support == Support::extension) {
          context.reporter.report(Check::index_method_extension, where,
                                   subject + " uses " + method + " on column " + quoted(column_name) +
                                       " of type " + type + ", which stock PostgreSQL " + method +
                                       " cannot index: it needs the " + supported->extension +
                                       " extension (CREATE EXTENSION) in the database");
        } else {
          context.reporter.report(Check::index_method, where,
                                 subject + " uses " + method + " on column " + quoted(column_name) +
                                     " of type " + type + ", which PostgreSQL's " + method +
                                     " cannot index; " + method + " indexes " + suited_types(method));
        }
        if (field->decl) context.reporter.note(field->location(), "column " + quoted(column_name) + " is declared here");
      }
    }
  }
}

}  // namespace sqlmodel::plugin
