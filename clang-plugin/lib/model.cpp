#include "model.hpp"

namespace sqlmodel::plugin {

clang::SourceLocation FieldModel::location() const {
  return decl ? decl->getASTContext().getSourceManager().getFileLoc(decl->getLocation())
              : clang::SourceLocation{};
}

clang::SourceLocation FieldModel::option_location(const std::string& name) const {
  return options.location_of(name, location());
}

clang::SourceLocation RelationshipModel::location() const {
  return decl ? decl->getASTContext().getSourceManager().getFileLoc(decl->getLocation())
              : clang::SourceLocation{};
}

clang::SourceLocation RelationshipModel::option_location(const std::string& name) const {
  return options.location_of(name, location());
}

clang::SourceLocation ConstraintModel::option_location(const std::string& option) const {
  if (field) return field->option_location(option);
  return options.location_of(option, location);
}

const char* ConstraintModel::kind_name() const {
  switch (kind) {
    case Kind::index: return "index";
    case Kind::unique: return "unique constraint";
    case Kind::check: return "check constraint";
  }
  return "constraint";
}

clang::SourceLocation SingleTableChild::location() const {
  return decl ? decl->getASTContext().getSourceManager().getFileLoc(decl->getLocation())
              : clang::SourceLocation{};
}

clang::SourceLocation TableModel::location() const {
  return decl ? decl->getASTContext().getSourceManager().getFileLoc(decl->getLocation())
              : clang::SourceLocation{};
}

const FieldModel* TableModel::find_field(const std::string& column_name) const {
  for (const FieldModel& field : fields)
    if (field.column.name == column_name) return &field;
  return nullptr;
}

std::vector<const FieldModel*> TableModel::primary_key() const {
  std::vector<const FieldModel*> key;
  for (const FieldModel& field : fields)
    if (field.primary_key) key.push_back(&field);
  return key;
}

clang::SourceLocation MirrorModel::location() const {
  return decl ? decl->getASTContext().getSourceManager().getFileLoc(decl->getLocation())
              : clang::SourceLocation{};
}

const TableModel* ModelSet::find_table(const std::string& name) const {
  for (const TableModel& table : tables)
    if (table.name == name) return &table;
  return nullptr;
}

const TableModel* ModelSet::find_table(const clang::CXXRecordDecl* decl) const {
  if (!decl) return nullptr;
  const clang::CXXRecordDecl* definition = decl->getDefinition();
  for (const TableModel& table : tables)
    if (table.decl == definition) return &table;
  for (const TableModel& table : tables)
    for (const SingleTableChild& child : table.single_table_children)
      if (child.decl == definition) return &table;
  return nullptr;
}

bool ModelSet::is_ambiguous_table_name(const std::string& name) const {
  int count = 0;
  for (const TableModel& table : tables) count += table.name == name;
  return count > 1;
}

const TableModel* ModelSet::find_table_by_name_or_struct(const std::string& name) const {
  if (const TableModel* table = find_table(name)) return table;
  auto names = [&](const clang::CXXRecordDecl* decl) {
    return decl && (decl->getName() == name || decl->getQualifiedNameAsString() == name);
  };
  for (const TableModel& table : tables)
    if (names(table.decl)) return &table;
  for (const TableModel& table : tables)
    for (const SingleTableChild& child : table.single_table_children)
      if (names(child.decl)) return &table;
  return nullptr;
}

}  // namespace sqlmodel::plugin
