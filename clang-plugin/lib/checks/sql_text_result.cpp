#include "checks.hpp"
#include "../type_mapping.hpp"
#include "schema/sql_lexical.hpp"

namespace sqlmodel::plugin {
namespace {

using Reading = schema::SqlStatementReading;
using schema::TypeKind;

bool is_integer(TypeKind kind) {
  return kind == TypeKind::int16 || kind == TypeKind::int32 || kind == TypeKind::int64;
}
bool is_number(TypeKind kind) {
  return is_integer(kind) || kind == TypeKind::float32 || kind == TypeKind::float64 || kind == TypeKind::numeric;
}

// Whether a value of `column` reads into a member of type `element`. Lenient where a codec
// converts (any number into a floating-point member, most values into a string); strict where
// a read fails or loses the value (text into an integer, a real into an integer, one enum into another).
bool reads_into(const schema::ColumnType& column, const schema::ColumnType& element) {
  if (column.kind == element.kind && column.kind != TypeKind::enumeration && column.kind != TypeKind::array) return true;
  // A type only the database knows (.postgresql_type = "tsvector"): its own codec decides.
  if (column.kind == TypeKind::custom || column.postgresql_type || column.sqlite_type) return true;
  switch (element.kind) {
    case TypeKind::int16:
    case TypeKind::int32:
    case TypeKind::int64:
      return is_integer(column.kind);
    case TypeKind::float32:
    case TypeKind::float64:
    case TypeKind::numeric:
      return is_number(column.kind);
    case TypeKind::string:
      return column.kind != TypeKind::blob && column.kind != TypeKind::array;
    case TypeKind::enumeration:
      return (column.kind == TypeKind::enumeration && column.enum_name == element.enum_name) ||
             column.kind == TypeKind::string;
    case TypeKind::date:
    case TypeKind::datetime:
      return column.kind == TypeKind::date || column.kind == TypeKind::datetime;
    case TypeKind::json:
    case TypeKind::jsonb:
      return column.kind == TypeKind::json || column.kind == TypeKind::jsonb || column.kind == TypeKind::string ||
             column.kind == TypeKind::text;
    case TypeKind::uuid:
      return column.kind == TypeKind::string || column.kind == TypeKind::text;
    case TypeKind::interval:
      return false;  // only an interval column reads into a duration
    case TypeKind::text:
    case TypeKind::custom:
      return true;
    case TypeKind::array:
      return column.kind == TypeKind::array && column.element_kind == element.element_kind &&
             column.enum_name == element.enum_name;
    case TypeKind::boolean:
    case TypeKind::blob:
      return false;
  }
  return true;
}

// How many columns a result is: 1, the columns of a modeled table for `*`, or nullopt.
std::optional<std::size_t> width(const ModelSet& models, const Reading& reading, const Reading::Result& result) {
  if (!result.star) return 1;
  if (!reading.result_scope) return std::nullopt;
  std::size_t columns = 0;
  bool any = false;
  for (const Reading::Source& source : reading.sources) {
    if (source.scope != *reading.result_scope) continue;
    if (source.alias && source.alias->end == 0) continue;  // INSERT's `excluded`, not a FROM item
    if (result.star_qualifier) {
      bool named_so = source.alias ? result.star_qualifier->matches(source.alias->text)
                                   : source.table && result.star_qualifier->matches(source.table->text);
      if (!named_so) continue;
    }
    const TableModel* table = model_table(models, source);
    if (!table) return std::nullopt;
    columns += table->fields.size();
    any = true;
  }
  if (!any) return std::nullopt;
  return columns;
}

std::string spelled(clang::QualType type, const clang::ASTContext& ast) {
  return type.getAsString(ast.getPrintingPolicy());
}

// text<Model>: the runtime wraps the statement in SELECT t.<the model's columns> FROM (...), so
// the statement must return each of them by name.
void check_model_row(const CheckContext& context, const SqlTextUse& use) {
  const TableModel* table = context.models.find_table(use.row_model);
  if (!table || !table->decl || table->decl->getCanonicalDecl() != use.row_model->getCanonicalDecl()) return;
  const Reading& reading = use.reading;
  std::vector<std::string> returned;
  for (const Reading::Result& result : reading.results) {
    if (result.star) {
      for (const Reading::Source& source : reading.sources) {
        if (!reading.result_scope || source.scope != *reading.result_scope) continue;
        if (source.alias && source.alias->end == 0) continue;
        if (result.star_qualifier) {
          bool named_so = source.alias ? result.star_qualifier->matches(source.alias->text)
                                       : source.table && result.star_qualifier->matches(source.table->text);
          if (!named_so) continue;
        }
        const TableModel* read = model_table(context.models, source);
        if (!read) return;  // a CTE's or an unmodeled table's *: its names are not known here
        for (std::string& name : column_names(*read)) returned.push_back(std::move(name));
      }
    } else if (result.alias) {
      returned.push_back(result.alias->text);
    } else if (result.plain_column) {
      returned.push_back(reading.columns[*result.plain_column].column.text);
    }
  }
  std::vector<const FieldModel*> missing;
  for (const FieldModel& field : table->fields) {
    bool found = false;
    for (const std::string& name : returned)
      if (schema::equals_ignoring_case(name, field.column.name)) found = true;
    if (!found) missing.push_back(&field);
  }
  if (missing.empty()) return;
  std::string listed;
  for (const FieldModel* field : missing) listed += (listed.empty() ? "" : ", ") + quoted(field->column.name);
  context.reporter.report(Check::sql_text_result, use.location(reading.results.front().offset, context.ast),
                          "text<" + use.row_spelling + "> reads the model's columns by name, but the statement " +
                              "does not return " + listed);
  context.reporter.note(table->location(), "table " + quoted(table->name) + " is declared here");
}

}  // namespace

// text<std::tuple<A, B>>("SELECT a, b ..."): the tuple has one element per result column, and
// a result column that is a plain column of a model reads into its element's type.
// text<Model>(...): the statement returns every column of the model, by name.
void check_sql_text_result(const CheckContext& context) {
  for (const SqlTextUse& use : context.sql_texts) {
    if ((!use.row && !use.row_model) || !use.reading.read || use.names_unchecked) continue;
    const Reading& reading = use.reading;
    if (reading.results.empty()) {
      if (reading.kind == schema::SqlStatementKind::select) continue;
      context.reporter.report(Check::sql_text_result, use.location(0, context.ast),
                              "text<" + use.row_spelling + "> reads rows, but the statement returns none; add a "
                              "RETURNING clause, or use text() for the number of rows changed");
      continue;
    }
    if (use.row_model) {
      check_model_row(context, use);
      continue;
    }
    std::size_t elements = use.row->size();
    std::optional<std::size_t> columns = 0;
    for (const Reading::Result& result : reading.results) {
      std::optional<std::size_t> part = width(context.models, reading, result);
      if (!part) {
        columns.reset();
        break;
      }
      *columns += *part;
    }
    if (columns && *columns != elements) {
      context.reporter.report(Check::sql_text_result, use.location(reading.results.front().offset, context.ast),
                              "text<" + use.row_spelling + "> reads " + std::to_string(elements) + " column" +
                                  (elements == 1 ? "" : "s") + ", but the statement returns " +
                                  std::to_string(*columns));
      continue;
    }
    // A *'s own columns come in the database's order, which is not always the model's (a column
    // a migration added is appended): they are only counted. A column after it is at a known
    // position, the *'s width further on.
    std::size_t position = 0;
    for (const Reading::Result& result : reading.results) {
      if (result.star) {
        std::optional<std::size_t> part = width(context.models, reading, result);
        if (!part) break;
        position += *part;
        continue;
      }
      const std::size_t i = position++;
      if (i >= elements) break;
      if (!result.plain_column) continue;
      const Reading::ColumnReference& reference = reading.columns[*result.plain_column];
      ColumnResolution resolution = resolve_column(context.models, reading, reference);
      if (resolution.state != ColumnResolution::State::found) continue;
      clang::QualType element = (*use.row)[i];
      MemberType element_type = classify_member_type(element, context.ast);
      if (element_type.kind != MemberType::Kind::column) continue;
      const FieldModel& field = *resolution.field;
      if (field.type.kind != MemberType::Kind::column) continue;
      if (reads_into(field.column.type, element_type.type)) continue;
      std::string column = resolution.table->name + "." + field.column.name;
      context.reporter.report(Check::sql_text_result, use.location(reference.column.offset, context.ast),
                              "result column " + std::to_string(i + 1) + " " + quoted(column) + " is " +
                                  (field.decl ? spelled(field.decl->getType(), context.ast) : std::string("a column")) +
                                  " in the model, but element " + std::to_string(i + 1) + " of " +
                                  use.row_spelling + " is " + spelled(element, context.ast));
      context.reporter.note(field.location(), "column " + quoted(column) + " is declared here");
    }
  }
}

}  // namespace sqlmodel::plugin
