#include "schema_builder.hpp"

#include "resolution.hpp"
#include "schema/naming.hpp"

namespace sqlmodel::plugin {
namespace {

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  llvm::SmallVector<llvm::StringRef, 4> parts;
  llvm::StringRef(text).split(parts, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef part : parts)
    if (!part.trim().empty()) items.push_back(part.trim().str());
  return items;
}

void add_keys(const TableModel& model, schema::Table& table) {
  std::vector<std::string> key_columns;
  for (const FieldModel* field : model.primary_key()) key_columns.push_back(field->column.name);
  if (!key_columns.empty())
    table.primary_key = schema::PrimaryKey{
        model.primary_key_name.value_or(schema::naming::primary_key(model.name)), key_columns};

  for (const FieldModel& field : model.fields) {
    if (!field.foreign_key) continue;
    std::optional<ForeignKeyTarget> target = split_foreign_key(*field.foreign_key);
    if (!target) continue;
    schema::ForeignKey key;
    key.columns = {field.column.name};
    key.name = field.foreign_key_name.value_or(schema::naming::foreign_key(model.name, key.columns, target->table));
    key.referred_table = target->table;
    key.referred_columns = {target->column};
    key.on_delete = field.on_delete;
    key.on_update = field.on_update;
    key.source = field.column.source;
    table.foreign_keys.push_back(std::move(key));
  }
}

void add_constraints(const TableModel& model, schema::Table& table, const SourcePaths& paths,
                     const clang::SourceManager& sources) {
  for (const ConstraintModel& constraint : model.constraints) {
    schema::SourceLocation source = constraint.field ? constraint.field->column.source
                                                     : paths.locate(sources, constraint.location);
    switch (constraint.kind) {
      case ConstraintModel::Kind::index: {
        schema::Index index;
        index.name = constraint.name;
        index.columns = constraint.columns;
        index.unique = constraint.unique;
        index.where = constraint.where;
        index.method = constraint.method;
        index.source = source;
        table.indexes.push_back(std::move(index));
        break;
      }
      case ConstraintModel::Kind::unique:
        table.unique_constraints.push_back({constraint.name, constraint.columns, source});
        break;
      case ConstraintModel::Kind::check:
        table.check_constraints.push_back({constraint.name, constraint.expression, source});
        break;
    }
  }
}

void add_relationships(const ModelSet& models, const TableModel& model, schema::Table& table,
                       const SourcePaths& paths, const clang::SourceManager& sources) {
  for (const RelationshipModel& relationship : model.relationships) {
    ResolvedRelationship resolved = resolve_relationship(models, model, relationship);
    if (resolved.problem != ResolvedRelationship::Problem::none) continue;
    schema::Relationship result;
    result.name = relationship.name;
    result.kind = resolved.kind;
    result.target_table = resolved.target->name;
    result.back_populates = relationship.back_populates;
    if (resolved.link) result.link_table = resolved.link->name;
    for (const FieldModel* key : resolved.foreign_keys) result.foreign_key_columns.push_back(key->column.name);
    if (relationship.remote_side) result.remote_side = split_list(*relationship.remote_side);
    result.order_by = relationship.order_by;
    result.cascade_delete = relationship.cascade_delete;
    result.delete_orphan = relationship.delete_orphan;
    result.source = paths.locate(sources, relationship.location());
    table.relationships.push_back(std::move(result));
  }
}

void add_enums(const TableModel& model, schema::Schema& schema, const SourcePaths& paths,
               const clang::SourceManager& sources) {
  for (const FieldModel& field : model.fields) {
    const clang::EnumDecl* decl = field.type.enum_decl;
    if (!decl) continue;
    std::string name = schema_enum_name(*decl);
    if (schema.find_enum(name)) continue;
    schema::EnumType type;
    type.name = name;
    for (const clang::EnumConstantDecl* enumerator : decl->enumerators())
      type.values.push_back(enumerator->getName().str());
    type.source = paths.locate(sources, decl->getLocation());
    schema.enums.push_back(std::move(type));
  }
}

// The hierarchy's facts for the ORM: which model each discriminator value stands for.
void add_single_table_inheritance(const TableModel& model, schema::Table& table,
                                  const SourcePaths& paths, const clang::SourceManager& sources) {
  if (!model.discriminator) return;
  schema::SingleTableInheritance inheritance;
  inheritance.discriminator = *model.discriminator;
  auto add = [&](const clang::CXXRecordDecl* decl, const std::optional<std::string>& identity,
                 clang::SourceLocation location) {
    if (identity) inheritance.models.push_back({*identity, decl->getQualifiedNameAsString(), paths.locate(sources, location)});
  };
  add(model.decl, model.polymorphic_identity, model.location());
  for (const SingleTableChild& child : model.single_table_children)
    add(child.decl, child.polymorphic_identity, child.location());
  table.single_table_inheritance = std::move(inheritance);
}

}  // namespace

schema::Schema build_schema(const ModelSet& models, const clang::SourceManager& sources,
                            const SourcePaths& paths) {
  schema::Schema schema;
  for (const TableModel& model : models.tables) {
    schema::Table table;
    table.name = model.name;
    table.comment = model.comment;
    table.renamed_from = model.renamed_from;
    table.sqlite_autoincrement = model.sqlite_autoincrement;
    table.source = paths.locate(sources, model.location());
    for (const FieldModel& field : model.fields) table.columns.push_back(field.column);
    add_keys(model, table);
    add_constraints(model, table, paths, sources);
    add_relationships(models, model, table, paths, sources);
    add_single_table_inheritance(model, table, paths, sources);
    add_enums(model, schema, paths, sources);
    schema.tables.push_back(std::move(table));
  }
  schema::sort_canonically(schema);
  return schema;
}

}  // namespace sqlmodel::plugin
