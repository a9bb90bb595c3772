#include "checks.hpp"
#include "schema/sql_expression.hpp"

namespace sqlmodel::plugin {
namespace {

std::vector<std::string> enumerator_names(const clang::EnumDecl& decl) {
  std::vector<std::string> names;
  for (const clang::EnumConstantDecl* enumerator : decl.enumerators())
    names.push_back(enumerator->getName().str());
  return names;
}

std::string listed(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

// An enum column stores enumerator names: a default (C++ or server) that is no enumerator
// cannot be stored, and PostgreSQL rejects it at CREATE TABLE.
void check_enum_default(const CheckContext& context) {
  for (const TableModel& table : context.models.tables) {
    for (const FieldModel& field : table.fields) {
      const clang::EnumDecl* decl = field.type.enum_decl;
      if (!decl || field.type.type.kind != schema::TypeKind::enumeration) continue;
      std::vector<std::string> names = enumerator_names(*decl);
      std::string column = quoted(table.name + "." + field.column.name);
      if (field.non_enumerator_default) {
        context.reporter.report(Check::enum_default, field.location(),
                                "the default of column " + column + " is the value " +
                                    std::to_string(*field.non_enumerator_default) +
                                    ", which is not an enumerator of " +
                                    quoted(decl->getQualifiedNameAsString()));
        context.reporter.note(context.sources().getFileLoc(decl->getLocation()),
                              "the enumerators are: " + listed(names));
      }
      for (const auto& [option_name, sql] : field.column.named_server_defaults()) {
        if (!sql) continue;
        const std::string option(option_name);
        // Only a literal is judged here: a bare word is server-default's error (a column name
        // to the database), and an expression is the database's to evaluate.
        schema::SqlExpressionOutline outline = schema::outline_sql_expression(*sql);
        using Literal = schema::SqlExpressionOutline::Literal;
        if (outline.literal == Literal::none || outline.literal == Literal::null) continue;
        const std::string& text = outline.literal_text;
        if (std::find(names.begin(), names.end(), text) != names.end()) continue;
        std::optional<std::string> guess = closest_name(text, names);
        auto diagnostic = context.reporter.report(
            Check::enum_default, field.option_location(option),
            "." + option + " " + quoted(*sql) + " of column " + column + " is not an enumerator of " +
                quoted(decl->getQualifiedNameAsString()) + (guess ? "; did you mean '" + *guess + "'?" : std::string()));
        if (guess)
          attach(diagnostic, replace_option_value(field.options, option, schema::cpp_string_literal("'" + *guess + "'")));
      }
    }
  }
}

}  // namespace sqlmodel::plugin
