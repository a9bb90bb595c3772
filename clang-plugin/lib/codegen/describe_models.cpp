#include "describe_models.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

#include "../resolution.hpp"
#include "../type_mapping.hpp"
#include "cpp_spelling.hpp"

namespace sqlmodel::plugin::codegen {
namespace {

class Describer {
 public:
  Describer(const ModelSet& models, const clang::SourceManager& sources,
            const IncludeSpeller& includes, Reporter& reporter)
      : models_(models), sources_(sources), includes_(includes), reporter_(reporter) {}

  GeneratedHeader describe() {
    for (const TableModel& table : models_.tables) {
      add_include(*table.decl);
      add_enums(table.fields);
      if (std::optional<TableCode> code = describe_table(table)) header_.tables.push_back(std::move(*code));
      for (const SingleTableChild& child : table.single_table_children) {
        add_include(*child.decl);
        if (std::optional<TableCode> code = describe_single_table_child(table, child))
          header_.tables.push_back(std::move(*code));
      }
    }
    for (const MirrorModel& mirror : models_.mirrors) {
      add_include(*mirror.decl);
      add_enums(mirror.fields);
      if (std::optional<MirrorCode> code = describe_mirror(mirror)) header_.mirrors.push_back(std::move(*code));
    }
    return std::move(header_);
  }

 private:
  std::optional<std::string> type_name(const clang::NamedDecl& decl, const char* what) {
    std::optional<std::string> name = qualified_name(decl);
    if (!name)
      reporter_.report(Check::emit_unnameable_type, sources_.getFileLoc(decl.getLocation()),
                       std::string("the generated header cannot name ") + what + " " +
                           quoted(decl.getName()) +
                           ": declare it at namespace scope outside an anonymous namespace");
    return name;
  }

  void add_include(const clang::Decl& decl) {
    clang::FileID file = sources_.getFileID(sources_.getFileLoc(decl.getLocation()));
    if (!included_files_.insert(file).second) return;
    clang::OptionalFileEntryRef entry = sources_.getFileEntryRefForID(file);
    if (!entry) return;
    llvm::SmallString<256> path(entry->getName());
    sources_.getFileManager().makeAbsolutePath(path);
    if (!is_header_file(path)) {
      reporter_.report(Check::emit_models_in_source, sources_.getFileLoc(decl.getLocation()),
                       "models declared in source file " + quoted(llvm::sys::path::filename(path)) +
                           ", which the generated header cannot include: declare them in a "
                           "header, or include the generated header after them");
      return;
    }
    std::string spelled = includes_.spell(path);
    if (std::find(header_.includes.begin(), header_.includes.end(), spelled) == header_.includes.end())
      header_.includes.push_back(spelled);
  }

  void add_enums(const std::vector<FieldModel>& fields) {
    for (const FieldModel& field : fields) {
      add_enum(field.type.enum_decl);
      if (field.type.json_struct) add_json_struct(*field.type.json_struct);
    }
  }

  void add_enum(const clang::EnumDecl* decl) {
    if (!decl || !described_enums_.insert(decl->getCanonicalDecl()).second) return;
    std::optional<std::string> type = type_name(*decl, "enum");
    if (!type) return;
    EnumCode code;
    code.type = *type;
    code.name = schema_enum_name(*decl);
    for (const clang::EnumConstantDecl* enumerator : decl->enumerators())
      code.enumerators.push_back(enumerator->getName().str());
    header_.enums.push_back(std::move(code));
  }

  // A typed JSON column's struct, after the structs and enums its members hold (the typed-json
  // check has vouched that each member has a JSON form).
  void add_json_struct(const clang::CXXRecordDecl& record) {
    if (!described_json_structs_.insert(record.getCanonicalDecl()).second) return;
    JsonStructCode code;
    for (const JsonStructMember& member : json_struct_members(record, record.getASTContext())) {
      add_enum(member.type.enum_decl);
      if (member.type.json_struct) add_json_struct(*member.type.json_struct);
      code.members.push_back(member.decl->getNameAsString());
    }
    std::optional<std::string> type = type_name(record, "typed JSON struct");
    if (!type) return;
    code.type = *type;
    code.model_name = record.getNameAsString();
    header_.json_structs.push_back(std::move(code));
  }

  std::optional<TableCode> describe_table(const TableModel& table) {
    std::optional<std::string> type = type_name(*table.decl, "table struct");
    if (!type) return std::nullopt;
    TableCode code;
    code.type = *type;
    code.model_name = table.decl->getName().str();
    code.table_name = table.name;
    std::vector<std::string> unheld;
    for (const FieldModel& field : table.fields) {
      if (held_by(*table.decl, field)) code.columns.push_back(describe_column(field));
      else if (!field.added_discriminator && !held_by_a_child(table, field))
        unheld.push_back(quoted(field.column.name));
    }
    if (!unheld.empty())
      reporter_.report(Check::emit_unheld_columns, table.location(),
                       "model_traits<" + table.decl->getNameAsString() + "> leaves out column(s) " +
                           llvm::join(unheld, ", ") + " of table " + quoted(table.name) +
                           ", which no member of the struct holds: the ORM cannot write them");
    for (const RelationshipModel& relationship : table.relationships)
      if (declared_in(*table.decl, relationship))
        if (std::optional<RelationshipCode> described = describe_relationship(table, relationship))
          code.relationships.push_back(std::move(*described));
    if (table.discriminator) code.single_table = describe_hierarchy(table, nullptr, code.type);
    if (table.joined_parent)
      for (const TableModel& parent : models_.tables)
        if (parent.decl->getCanonicalDecl() == table.joined_parent->getCanonicalDecl())
          code.joined_parent_table = parent.name;
    return code;
  }

  // A single-table child: the root's table, every column the child's struct holds (the root's,
  // its ancestors', its own, and a sibling's column it shares by name), the relationships its
  // own struct declares, and its place in the hierarchy.
  std::optional<TableCode> describe_single_table_child(const TableModel& root,
                                                       const SingleTableChild& child) {
    std::optional<std::string> type = type_name(*child.decl, "single-table child struct");
    std::optional<std::string> root_type = qualified_name(*root.decl);
    if (!type || !root_type || !root.discriminator) return std::nullopt;
    TableCode code;
    code.type = *type;
    code.model_name = child.decl->getName().str();
    code.table_name = root.name;
    for (const FieldModel& field : root.fields)
      if (held_by(*child.decl, field) || shares_column(root, *child.decl, field))
        code.columns.push_back(describe_column(field));
    for (const RelationshipModel& relationship : root.relationships)
      if (declared_by(*child.decl, relationship))
        if (std::optional<RelationshipCode> described = describe_relationship(root, relationship))
          code.relationships.push_back(std::move(*described));
    code.single_table = describe_hierarchy(root, &child, *root_type);
    return code;
  }

  // The discriminator, the model's identity, and the identities a query for the model
  // accepts: its own and its descendants'. The root also lists every model a row may be.
  SingleTableCode describe_hierarchy(const TableModel& root, const SingleTableChild* model,
                                     const std::string& root_type) {
    SingleTableCode code;
    code.root_type = root_type;
    code.discriminator = *root.discriminator;
    code.identity = model ? model->polymorphic_identity : root.polymorphic_identity;
    if (code.identity) code.identities.push_back(*code.identity);
    for (const SingleTableChild& child : root.single_table_children) {
      bool descendant = !model || child.decl->isDerivedFrom(model->decl);
      if (descendant && child.polymorphic_identity) code.identities.push_back(*child.polymorphic_identity);
    }
    if (model) return code;
    if (root.polymorphic_identity) code.model_types.push_back(root_type);
    for (const SingleTableChild& child : root.single_table_children)
      if (child.polymorphic_identity)
        if (std::optional<std::string> child_type = qualified_name(*child.decl))
          code.model_types.push_back(*child_type);
    return code;
  }

  static bool held_by_a_child(const TableModel& root, const FieldModel& field) {
    return std::any_of(root.single_table_children.begin(), root.single_table_children.end(),
                       [&](const SingleTableChild& child) { return held_by(*child.decl, field); });
  }

  // A column another child added first that `child` (or one of its single-table ancestors)
  // declares too, with the same name and type.
  static bool shares_column(const TableModel& root, const clang::CXXRecordDecl& child,
                            const FieldModel& field) {
    for (const SingleTableChild& candidate : root.single_table_children) {
      bool on_path = candidate.decl->getCanonicalDecl() == child.getCanonicalDecl() ||
                     child.isDerivedFrom(candidate.decl);
      if (on_path && std::find(candidate.columns.begin(), candidate.columns.end(),
                               field.column.name) != candidate.columns.end())
        return field.decl != nullptr;
    }
    return false;
  }

  // A single-table child's relationships are folded into the root's list. The root's traits
  // carry the ones the root (or a mixin) declares.
  static bool declared_in(const clang::CXXRecordDecl& record, const RelationshipModel& relationship) {
    if (!relationship.decl) return true;
    const auto* parent = llvm::dyn_cast<clang::CXXRecordDecl>(relationship.decl->getParent());
    return !parent || parent->getCanonicalDecl() == record.getCanonicalDecl() ||
           record.isDerivedFrom(parent);
  }

  // A child's traits carry only the ones its own struct declares: an inherited member's
  // pointer names the ancestor's class, and the loaders type a relationship's objects by it.
  static bool declared_by(const clang::CXXRecordDecl& record, const RelationshipModel& relationship) {
    if (!relationship.decl) return false;
    const auto* parent = llvm::dyn_cast<clang::CXXRecordDecl>(relationship.decl->getParent());
    return parent && parent->getCanonicalDecl() == record.getCanonicalDecl();
  }

  // A member the table struct has (its own, a mixin's, a joined parent's key), so that
  // &Table::member names it; not a single-table child's member or a column without a member.
  static bool held_by(const clang::CXXRecordDecl& table, const FieldModel& field) {
    if (!field.decl || !field.owner) return false;
    const clang::CXXRecordDecl* owner = field.owner->getCanonicalDecl();
    return owner == table.getCanonicalDecl() || table.isDerivedFrom(owner);
  }

  static ColumnCode describe_column(const FieldModel& field) {
    ColumnCode column;
    column.member = member_name(field);
    column.column = field.column;
    column.primary_key = field.primary_key;
    copy_value_constraints(field, column);
    column.role = column_role(field);
    column.has_default = has_default(field);
    return column;
  }

  // What validation checks besides max_length (a column's comes with its type).
  template <typename Code>
  static void copy_value_constraints(const FieldModel& field, Code& code) {
    code.min_length = field.min_length;
    code.ge = field.ge;
    code.gt = field.gt;
    code.le = field.le;
    code.lt = field.lt;
    code.pattern = field.options.string("pattern");
  }

  static bool has_default(const FieldModel& field) {
    return field.column.default_factory || (field.decl && field.decl->hasInClassInitializer());
  }

  // The members of sqlmodel's own mixins that the session maintains (mixins.hpp).
  static ColumnCode::Role column_role(const FieldModel& field) {
    if (field.options.flag("version")) return ColumnCode::Role::version;
    if (field.updated_on_update) return ColumnCode::Role::updated_at;
    if (!field.owner) return ColumnCode::Role::none;
    std::string owner = field.owner->getQualifiedNameAsString();
    if (owner == "sqlmodel::TimestampMixin" && field.decl->getName() == "updated_at")
      return ColumnCode::Role::updated_at;
    if (owner == "sqlmodel::SoftDeleteMixin") return ColumnCode::Role::deleted_at;
    return ColumnCode::Role::none;
  }

  std::optional<MirrorCode> describe_mirror(const MirrorModel& mirror) {
    const TableModel* table = models_.find_table_by_name_or_struct(mirror.mirrors);
    if (!table) return std::nullopt;  // reported by the mirror-models check
    std::optional<std::string> type = type_name(*mirror.decl, "model struct");
    std::optional<std::string> table_type = qualified_name(*table->decl);
    if (!type || !table_type) return std::nullopt;
    MirrorCode code;
    code.type = *type;
    code.model_name = mirror.decl->getName().str();
    code.table_type = *table_type;
    code.partial = mirror.partial;
    for (const FieldModel& field : mirror.fields) {
      std::string member = member_name(field);
      if (field.mirror_only) {
        MirrorCode::Field own;
        own.member = member;
        own.has_default = has_default(field);
        own.own = true;
        own.max_length = field.max_length;
        copy_value_constraints(field, own);
        code.fields.push_back(std::move(own));
        continue;
      }
      bool mapped = std::any_of(table->fields.begin(), table->fields.end(),
                                [&](const FieldModel& column) { return member_name(column) == member; });
      if (mapped) code.fields.push_back({member, has_default(field)});
    }
    return code;
  }

  static bool holds(const TableModel& table, const FieldModel* field) {
    for (const FieldModel& candidate : table.fields)
      if (&candidate == field) return true;
    return false;
  }

  std::optional<RelationshipCode> describe_relationship(const TableModel& source,
                                                        const RelationshipModel& relationship) {
    ResolvedRelationship resolved = resolve_relationship(models_, source, relationship);
    // What does not resolve was reported by the checks, and the header is not written.
    if (resolved.problem != ResolvedRelationship::Problem::none || resolved.foreign_keys.empty())
      return std::nullopt;
    // The struct the member names: a single-table child rather than its table's root.
    std::optional<std::string> target_type =
        qualified_name(relationship.target ? *relationship.target : *resolved.target->decl);
    if (!target_type) return std::nullopt;  // reported with the target table

    RelationshipCode code;
    code.member = relationship.name;
    code.target_type = *target_type;
    code.kind = resolved.kind;
    code.order_by = relationship.options.string("order_by");
    code.cascade_delete = relationship.cascade_delete;
    code.delete_orphan = relationship.delete_orphan;
    code.back_populates = relationship.back_populates;
    bool described = resolved.kind == schema::RelationshipKind::many_to_many
                         ? describe_link(resolved, relationship, code)
                         : describe_keys(source, resolved, code);
    if (!described) return std::nullopt;
    return code;
  }

  // One foreign key between the two tables: LocalKey is the side on this model.
  bool describe_keys(const TableModel& source, const ResolvedRelationship& resolved,
                     RelationshipCode& code) {
    const FieldModel* foreign_key = resolved.foreign_keys.front();
    const FieldModel* referenced = resolve_foreign_key(models_, *foreign_key).column;
    if (!referenced) return false;
    bool key_on_source = resolved.kind != schema::RelationshipKind::one_to_many &&
                         (resolved.self_referential || holds(source, foreign_key));
    code.foreign_key_column = foreign_key->column.name;
    code.local_key = member_name(key_on_source ? *foreign_key : *referenced);
    code.remote_key = member_name(key_on_source ? *referenced : *foreign_key);
    return !code.local_key.empty() && !code.remote_key.empty();
  }

  // Through the link model: its foreign key to this model's table, then its key to the target's.
  bool describe_link(const ResolvedRelationship& resolved, const RelationshipModel& relationship,
                     RelationshipCode& code) {
    if (resolved.foreign_keys.size() != 2 || !resolved.link) return false;
    const FieldModel* link_local = resolved.foreign_keys[0];
    const FieldModel* link_remote = resolved.foreign_keys[1];
    // Two keys to the same table: .foreign_key names the one that refers to this row.
    if (resolved.self_referential && relationship.foreign_key &&
        link_remote->column.name == *relationship.foreign_key)
      std::swap(link_local, link_remote);
    const FieldModel* local = resolve_foreign_key(models_, *link_local).column;
    const FieldModel* remote = resolve_foreign_key(models_, *link_remote).column;
    std::optional<std::string> link_type = qualified_name(*resolved.link->decl);
    if (!local || !remote || !link_type) return false;
    code.link_type = *link_type;
    code.link_table = resolved.link->name;
    code.local_key = member_name(*local);
    code.link_local_key = member_name(*link_local);
    code.link_remote_key = member_name(*link_remote);
    code.remote_key = member_name(*remote);
    return !code.local_key.empty() && !code.link_local_key.empty() &&
           !code.link_remote_key.empty() && !code.remote_key.empty();
  }

  // Empty for a column without a C++ member.
  static std::string member_name(const FieldModel& field) {
    return field.decl ? field.decl->getName().str() : std::string();
  }

  const ModelSet& models_;
  const clang::SourceManager& sources_;
  const IncludeSpeller& includes_;
  Reporter& reporter_;
  GeneratedHeader header_;
  std::set<clang::FileID> included_files_;
  std::set<const clang::EnumDecl*> described_enums_;
  std::set<const clang::CXXRecordDecl*> described_json_structs_;
};

}  // namespace

GeneratedHeader describe_models(const ModelSet& models, const clang::SourceManager& sources,
                                const IncludeSpeller& includes, Reporter& reporter) {
  return Describer(models, sources, includes, reporter).describe();
}

}  // namespace sqlmodel::plugin::codegen
