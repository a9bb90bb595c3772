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

void ModelSet::index_tables() {
  by_name_.clear();
  by_struct_.clear();
  for (std::size_t i = 0; i < tables.size(); ++i) {
    auto [entry, added] = by_name_.try_emplace(tables[i].name, NamedTables{i, 0});
    ++entry->second.count;
    by_struct_.try_emplace(tables[i].decl, i);
  }
  // After every table's own struct: a struct that is a table of its own answers that table.
  for (std::size_t i = 0; i < tables.size(); ++i)
    for (const SingleTableChild& child : tables[i].single_table_children) by_struct_.try_emplace(child.decl, i);
  indexed_tables_ = tables.size();
}

const TableModel* ModelSet::find_table(const std::string& name) const {
  if (indexed()) {
    auto found = by_name_.find(name);
    return found == by_name_.end() ? nullptr : &tables[found->second.first];
  }
  for (const TableModel& table : tables)
    if (table.name == name) return &table;
  return nullptr;
}

const TableModel* ModelSet::find_table(const clang::CXXRecordDecl* decl) const {
  if (!decl) return nullptr;
  const clang::CXXRecordDecl* definition = decl->getDefinition();
  if (indexed()) {
    if (!definition) return nullptr;
    auto found = by_struct_.find(definition);
    return found == by_struct_.end() ? nullptr : &tables[found->second];
  }
  for (const TableModel& table : tables)
    if (table.decl == definition) return &table;
  for (const TableModel& table : tables)
    for (const SingleTableChild& child : table.single_table_children)
      if (child.decl == definition) return &table;
  return nullptr;
}

bool ModelSet::is_ambiguous_table_name(const std::string& name) const {
  if (indexed()) {
    auto found = by_name_.find(name);
    return found != by_name_.end() && found->second.count > 1;
  }
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
