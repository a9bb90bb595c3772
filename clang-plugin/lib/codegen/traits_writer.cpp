#include "traits_writer.hpp"

#include <utility>
#include <vector>

#include "cpp_spelling.hpp"

namespace sqlmodel::plugin::codegen {
namespace {

using Designators = std::vector<std::pair<std::string, std::string>>;

std::string braced(const Designators& designators) {
  std::string text = "{";
  for (const auto& [name, value] : designators) {
    if (text.size() > 1) text += ", ";
    text += "." + name + " = " + value;
  }
  return text + "}";
}

std::string boolean(bool value) { return value ? "true" : "false"; }

std::string member_pointer(const std::string& type, const std::string& member) {
  return "&" + type + "::" + member;
}

std::string write_column(const TableCode& table, const ColumnCode& code) {
  const schema::Column& column = code.column;
  const schema::ColumnType& type = column.type;
  Designators designators{{"name", schema::cpp_string_literal(column.name)},
                          {"kind", type_kind_enumerator(type.kind)}};
  if (code.primary_key) designators.emplace_back("primary_key", "true");
  if (column.autoincrement) designators.emplace_back("autoincrement", "true");
  // Always said: the schema's nullability, which a key or .nullable may set apart from the
  // member's type.
  designators.emplace_back("nullable", boolean(column.nullable));
  if (type.max_length) designators.emplace_back("max_length", std::to_string(*type.max_length));
  if (type.precision) designators.emplace_back("precision", std::to_string(*type.precision));
  if (type.scale) designators.emplace_back("scale", std::to_string(*type.scale));
  if (type.with_timezone) designators.emplace_back("with_timezone", "true");
  // The session writes the column's own UUID form on SQLite (model_traits.hpp).
  if (type.uuid_hex) designators.emplace_back("uuid_hex", "true");
  if (!type.enum_name.empty()) designators.emplace_back("enum_name", schema::cpp_string_literal(type.enum_name));
  if (type.kind == schema::TypeKind::array && type.element_kind)
    designators.emplace_back("element_kind", type_kind_enumerator(*type.element_kind));
  if (column.name != code.member) designators.emplace_back("json_name", schema::cpp_string_literal(code.member));
  if (code.min_length) designators.emplace_back("min_length", std::to_string(*code.min_length));
  for (const auto& [name, bound] : {std::pair{"ge", code.ge}, std::pair{"gt", code.gt},
                                    std::pair{"le", code.le}, std::pair{"lt", code.lt}})
    if (bound) designators.emplace_back(name, number_literal(*bound));
  if (code.pattern) designators.emplace_back("pattern", schema::cpp_string_literal(*code.pattern));
  if (column.default_factory)
    designators.emplace_back("default_factory", "sqlmodel::DefaultFactory::" + *column.default_factory);
  if (code.role == ColumnCode::Role::updated_at)
    designators.emplace_back("role", "sqlmodel::ColumnRole::updated_at");
  if (code.role == ColumnCode::Role::deleted_at)
    designators.emplace_back("role", "sqlmodel::ColumnRole::deleted_at");
  if (code.role == ColumnCode::Role::version)
    designators.emplace_back("role", "sqlmodel::ColumnRole::version");
  if (code.has_default) designators.emplace_back("has_default", "true");
  if (column.generated) designators.emplace_back("generated", "true");
  if (column.has_server_default()) designators.emplace_back("server_default", "true");
  return "sqlmodel::column<" + member_pointer(table.type, code.member) + ">" + braced(designators);
}

std::string write_relationship(const TableCode& table, const RelationshipCode& code) {
  bool through_link = code.kind == schema::RelationshipKind::many_to_many;
  Designators designators{{"name", schema::cpp_string_literal(code.member)},
                          {"kind", relationship_kind_enumerator(code.kind)}};
  if (through_link) designators.emplace_back("link_table", schema::cpp_string_literal(code.link_table));
  else designators.emplace_back("foreign_key_column", schema::cpp_string_literal(code.foreign_key_column));
  if (code.order_by) designators.emplace_back("order_by", schema::cpp_string_literal(*code.order_by));
  // A link relationship's cascades are fixed (its link rows go with the object).
  if (!through_link && code.cascade_delete) designators.emplace_back("cascade_delete", "true");
  if (!through_link && code.delete_orphan) designators.emplace_back("delete_orphan", "true");
  if (code.back_populates) designators.emplace_back("back_populates", schema::cpp_string_literal(*code.back_populates));

  std::string keys = member_pointer(table.type, code.member) + ", " +
                     member_pointer(table.type, code.local_key) + ", ";
  if (through_link)
    keys += member_pointer(code.link_type, code.link_local_key) + ", " +
            member_pointer(code.link_type, code.link_remote_key) + ", ";
  keys += member_pointer(code.target_type, code.remote_key);
  return std::string(through_link ? "sqlmodel::link_relationship<" : "sqlmodel::relationship<") +
         keys + ">" + braced(designators);
}

std::string write_single_table(const SingleTableCode& code) {
  std::string text = "  using polymorphic_root = " + code.root_type + ";\n";
  text += "  static constexpr std::string_view discriminator = " + schema::cpp_string_literal(code.discriminator) + ";\n";
  text += "  static constexpr std::string_view polymorphic_identity = " +
          schema::cpp_string_literal(code.identity.value_or("")) + ";\n";
  text += "  static constexpr std::array<std::string_view, " + std::to_string(code.identities.size()) +
          "> polymorphic_identities = {{";
  for (std::size_t i = 0; i < code.identities.size(); ++i)
    text += (i ? ", " : "") + schema::cpp_string_literal(code.identities[i]);
  text += "}};\n";
  if (!code.model_types.empty()) {
    text += "  using polymorphic_models = std::tuple<";
    for (std::size_t i = 0; i < code.model_types.size(); ++i)
      text += (i ? ", " : "") + code.model_types[i];
    text += ">;\n";
  }
  return text;
}

}  // namespace

std::string write_json_struct_traits(const JsonStructCode& code) {
  std::string text = "template <>\nstruct sqlmodel::json_struct_traits<" + code.type + "> {\n";
  text += "  static constexpr std::string_view name = " + schema::cpp_string_literal(code.model_name) + ";\n";
  text += "  static constexpr auto members = std::tuple{\n";
  for (const std::string& member : code.members)
    text += "      sqlmodel::json_struct_member<" + member_pointer(code.type, member) + ">{" +
            schema::cpp_string_literal(member) + "},\n";
  text += "  };\n};\n";
  return text;
}

std::string write_model_traits(const TableCode& code) {
  std::string text = "template <>\nstruct sqlmodel::model_traits<" + code.type + "> {\n";
  text += "  static constexpr std::string_view model_name = " + schema::cpp_string_literal(code.model_name) + ";\n";
  text += "  static constexpr std::string_view table_name = " + schema::cpp_string_literal(code.table_name) + ";\n";
  // A flat tuple: std::tuple nests a template per element and failed past ~500 columns.
  text += "  static constexpr auto columns = sqlmodel::detail::flat_tuple{\n";
  for (const ColumnCode& column : code.columns) text += "      " + write_column(code, column) + ",\n";
  text += "  };\n";
  if (!code.relationships.empty()) {
    text += "  static constexpr auto relationships = sqlmodel::detail::flat_tuple{\n";
    for (const RelationshipCode& relationship : code.relationships)
      text += "      " + write_relationship(code, relationship) + ",\n";
    text += "  };\n";
  }
  if (code.single_table) text += write_single_table(*code.single_table);
  if (code.joined_parent_table)
    text += "  static constexpr std::string_view joined_parent_table = " + schema::cpp_string_literal(*code.joined_parent_table) + ";\n";
  text += "};\n";
  return text;
}

}  // namespace sqlmodel::plugin::codegen
