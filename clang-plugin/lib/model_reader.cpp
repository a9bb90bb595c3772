#include "model_reader.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/StringExtras.h"

#include "default_value.hpp"
#include "schema/naming.hpp"

namespace sqlmodel::plugin {
namespace {

// The annotation's enumerator (the plugin reads the integer); nullopt for `unset` (the schema
// then keeps no_action) and for a value that is no enumerator.
std::optional<ReferentialAction> referential_action(std::optional<long long> value) {
  if (!value || *value <= static_cast<long long>(ReferentialAction::unset) ||
      *value > static_cast<long long>(ReferentialAction::set_default))
    return std::nullopt;
  return static_cast<ReferentialAction>(*value);
}

bool is_record_kind(const std::string& kind) {
  return kind == "table" || kind == "model" || kind == "index" || kind == "unique" ||
         kind == "check";
}
bool is_member_kind(const std::string& kind) { return kind == "field" || kind == "relationship"; }

std::string macro_for(const std::string& kind) { return "SQLMODEL_" + llvm::StringRef(kind).upper(); }

// The annotations of `kind` written on any declaration of `decl` (a struct may be annotated
// on a forward declaration), each once: Clang copies some onto later declarations.
std::vector<const clang::AnnotateAttr*> sqlmodel_attrs(const clang::Decl& decl,
                                                       const std::string& kind) {
  std::vector<const clang::AnnotateAttr*> attrs;
  for (const clang::Decl* redecl : decl.redecls()) {
    for (const auto* attr : redecl->specific_attrs<clang::AnnotateAttr>()) {
      if (attr->isInherited()) continue;
      std::optional<std::string> attr_kind = sqlmodel_annotation_kind(*attr);
      if (attr_kind && *attr_kind == kind && std::find(attrs.begin(), attrs.end(), attr) == attrs.end())
        attrs.push_back(attr);
    }
  }
  // Source order, so "the first one" in messages is the first one written.
  std::sort(attrs.begin(), attrs.end(), [&](const clang::AnnotateAttr* a, const clang::AnnotateAttr* b) {
    return decl.getASTContext().getSourceManager().isBeforeInTranslationUnit(a->getLocation(), b->getLocation());
  });
  return attrs;
}

// The declaration of `decl`'s entity that `attr` was written on.
const clang::Decl* declaration_of(const clang::Decl& decl, const clang::AnnotateAttr* attr) {
  for (const clang::Decl* redecl : decl.redecls())
    for (const auto* candidate : redecl->specific_attrs<clang::AnnotateAttr>())
      if (candidate == attr) return redecl;
  return nullptr;
}

bool has_sqlmodel_attr(const clang::Decl& decl) {
  for (const clang::Decl* redecl : decl.redecls())
    for (const auto* attr : redecl->specific_attrs<clang::AnnotateAttr>())
      if (sqlmodel_annotation_kind(*attr)) return true;
  return false;
}

// Finds every declaration that carries a sqlmodel annotation, and reports annotations on
// declarations that cannot have them.
class AnnotatedDeclFinder : public clang::RecursiveASTVisitor<AnnotatedDeclFinder> {
 public:
  AnnotatedDeclFinder(Reporter& reporter, const clang::SourceManager& sources)
      : reporter_(reporter), sources_(sources) {}

  bool shouldVisitTemplateInstantiations() const { return false; }

  bool VisitDecl(clang::Decl* decl) {
    if (auto* record = llvm::dyn_cast<clang::CXXRecordDecl>(decl))
      if (record->isThisDeclarationADefinition() && !record->isInvalidDecl() && has_sqlmodel_attr(*record))
        records.push_back(record);
    if (!decl->hasAttrs()) return true;
    for (const auto* attr : decl->specific_attrs<clang::AnnotateAttr>()) {
      if (attr->isInherited()) continue;
      std::optional<std::string> kind = sqlmodel_annotation_kind(*attr);
      if (!kind) continue;
      clang::SourceLocation where = sources_.getFileLoc(attr->getLocation());
      if (!is_record_kind(*kind) && !is_member_kind(*kind)) {
        reporter_.report(Check::unknown_annotation, where,
                         "unknown sqlmodel annotation '" + attr->getAnnotation().str() + "'");
        continue;
      }
      bool on_record = llvm::isa<clang::CXXRecordDecl>(decl);
      bool on_field = llvm::isa<clang::FieldDecl>(decl);
      if (is_record_kind(*kind) && !on_record) {
        reporter_.report(Check::misplaced_annotation, where,
                         macro_for(*kind) + " belongs on a struct definition");
      } else if (is_member_kind(*kind) && !on_field) {
        reporter_.report(Check::misplaced_annotation, where,
                         macro_for(*kind) + " belongs on a non-static data member of a struct");
      }
    }
    return true;
  }

  std::vector<const clang::CXXRecordDecl*> records;

 private:
  Reporter& reporter_;
  const clang::SourceManager& sources_;
};

class ModelReader {
 public:
  ModelReader(clang::ASTContext& context, Reporter& reporter, const SourcePaths& paths,
              const ReadOptions& options)
      : context_(context), sources_(context.getSourceManager()), reporter_(reporter), paths_(paths),
        options_(options) {}

  ModelSet read(const std::vector<const clang::CXXRecordDecl*>& records);

 private:
  std::optional<AnnotationValues> read_one(const clang::AnnotateAttr& attr);
  // The single annotation of `kind` on `decl`; reports duplicates.
  std::optional<AnnotationValues> single(const clang::Decl& decl, const std::string& kind);
  bool usable_as_model(const clang::CXXRecordDecl& record, const std::string& macro);
  // Tells the reporter the lines a NOLINT comment on `decl` covers: a member from its first
  // annotation to its end, a struct from its first token to its '{'.
  void add_declaration(const clang::Decl& decl);

  void read_table(const clang::CXXRecordDecl& record, TableModel& table);
  void read_members(const clang::CXXRecordDecl& record, TableModel& table,
                    std::set<const clang::CXXRecordDecl*>& visited);
  std::optional<FieldModel> read_field(const clang::FieldDecl& decl,
                                       const clang::CXXRecordDecl& owner, const MemberType& type,
                                       std::optional<AnnotationValues> options);
  void read_relationship(const clang::FieldDecl& decl, const MemberType& type, TableModel& table);
  void read_table_constraints(const clang::CXXRecordDecl& record, TableModel& table,
                              std::set<const clang::CXXRecordDecl*>& visited);
  void add_field_constraints(TableModel& table);
  void infer_autoincrement(TableModel& table);
  void add_parent_key(const clang::CXXRecordDecl& parent, TableModel& table);
  void read_mirror(const clang::CXXRecordDecl& record, MirrorModel& mirror);

  // Single-table inheritance.
  void find_single_table_roots(const std::vector<const clang::CXXRecordDecl*>& children);
  const clang::CXXRecordDecl* single_table_parent(const clang::CXXRecordDecl& child);
  void collect_table_bases(const clang::CXXRecordDecl& record,
                           std::vector<const clang::CXXRecordDecl*>& parents, int depth);
  void read_single_table_hierarchy(TableModel& table, std::set<const clang::CXXRecordDecl*>& visited);
  void add_discriminator_column(TableModel& table);
  void fold_single_table_child(const clang::CXXRecordDecl& child_decl,
                               const clang::CXXRecordDecl& parent, TableModel& table,
                               std::set<const clang::CXXRecordDecl*>& visited);
  const AnnotationValues& table_options(const clang::CXXRecordDecl& record) {
    return table_options_[record.getCanonicalDecl()];
  }

  bool is_table(const clang::CXXRecordDecl* record) const {
    return record && table_records_.count(record->getCanonicalDecl()) != 0;
  }
  bool has_table_base(const clang::CXXRecordDecl& record) const {
    for (const clang::CXXBaseSpecifier& base : record.bases())
      if (const clang::CXXRecordDecl* base_record = base.getType()->getAsCXXRecordDecl())
        if (base_record->hasDefinition() && is_table(base_record->getDefinition())) return true;
    return false;
  }
  bool is_single_table_child(const clang::CXXRecordDecl* record) const {
    return record && single_table_children_.count(record->getCanonicalDecl()) != 0;
  }

  clang::ASTContext& context_;
  const clang::SourceManager& sources_;
  Reporter& reporter_;
  const SourcePaths& paths_;
  const ReadOptions& options_;
  std::set<const clang::CXXRecordDecl*> table_records_;  // canonical decls
  const clang::CXXRecordDecl* joined_parent_ = nullptr;  // of the table being read
  // Every table struct's SQLMODEL_TABLE, read once (canonical decls).
  std::map<const clang::CXXRecordDecl*, AnnotationValues> table_options_;
  std::set<const clang::CXXRecordDecl*> single_table_children_;  // canonical decls
  std::set<const clang::CXXRecordDecl*> reported_single_table_parent_;
  // Each hierarchy root's children in source order, with the table struct each derives from.
  std::map<const clang::CXXRecordDecl*,
           std::vector<std::pair<const clang::CXXRecordDecl*, const clang::CXXRecordDecl*>>>
      children_of_root_;
};

// sqlmodel::Inheritance's enumerators, in declaration order.
constexpr long long inherit_joined = 1;
constexpr long long inherit_single_table = 2;

clang::SourceLocation file_location(const clang::SourceManager& sources, const clang::Decl& decl) {
  return sources.getFileLoc(decl.getLocation());
}

std::optional<AnnotationValues> ModelReader::read_one(const clang::AnnotateAttr& attr) {
  std::string error;
  std::optional<AnnotationValues> values = read_annotation(attr, context_, error);
  if (!values) {
    std::string kind = sqlmodel_annotation_kind(attr).value_or("?");
    reporter_.report(Check::invalid_options, sources_.getFileLoc(attr.getLocation()),
                     macro_for(kind) + ": " + error);
  }
  return values;
}

std::optional<AnnotationValues> ModelReader::single(const clang::Decl& decl,
                                                    const std::string& kind) {
  std::vector<const clang::AnnotateAttr*> attrs = sqlmodel_attrs(decl, kind);
  if (attrs.empty()) return std::nullopt;
  std::optional<AnnotationValues> first = read_one(*attrs[0]);
  for (std::size_t i = 1; i < attrs.size() && first; ++i) {
    std::optional<AnnotationValues> other = read_one(*attrs[i]);
    if (!other) continue;
    bool same_values = other->values == first->values;
    bool same_declaration = declaration_of(decl, attrs[i]) == declaration_of(decl, attrs[0]);
    if (same_values && !same_declaration) continue;  // repeated on a redeclaration: harmless
    reporter_.report(Check::duplicate_annotation, sources_.getFileLoc(attrs[i]->getLocation()),
                     same_declaration ? "more than one " + macro_for(kind) + " on the same declaration"
                                      : "conflicting " + macro_for(kind) +
                                            " annotations on declarations of the same entity");
    reporter_.note(sources_.getFileLoc(attrs[0]->getLocation()), "the first one is here");
    break;
  }
  return first;
}

bool ModelReader::usable_as_model(const clang::CXXRecordDecl& record, const std::string& macro) {
  clang::SourceLocation where = file_location(sources_, record);
  if (record.isUnion()) {
    reporter_.report(Check::unsupported_declaration, where, "a union cannot be a " + macro + " model");
    return false;
  }
  if (record.getDescribedClassTemplate() || record.isDependentContext() ||
      llvm::isa<clang::ClassTemplatePartialSpecializationDecl>(record) ||
      record.getTemplateSpecializationKind() != clang::TSK_Undeclared) {
    reporter_.report(Check::unsupported_declaration, where,
                     "a class template or its specializations cannot be " + macro +
                         " models: the schema needs one fixed set of columns");
    return false;
  }
  if (record.getName().empty()) {
    reporter_.report(Check::unsupported_declaration, where,
                     "an anonymous struct cannot be a " + macro + " model: give it a name");
    return false;
  }
  return true;
}

void ModelReader::add_declaration(const clang::Decl& decl) {
  clang::SourceLocation begin = sources_.getFileLoc(decl.getBeginLoc());
  if (decl.hasAttrs())
    for (const clang::Attr* attr : decl.getAttrs()) {
      clang::SourceLocation at = sources_.getFileLoc(attr->getLocation());
      if (at.isValid() && sources_.isBeforeInTranslationUnit(at, begin)) begin = at;
    }
  clang::SourceLocation end = decl.getEndLoc();
  if (const auto* record = llvm::dyn_cast<clang::CXXRecordDecl>(&decl))
    if (record->getBraceRange().isValid()) end = record->getBraceRange().getBegin();
  reporter_.add_declaration({begin, sources_.getFileLoc(end)});
}

ModelSet ModelReader::read(const std::vector<const clang::CXXRecordDecl*>& records) {
  ModelSet models;
  std::vector<const clang::CXXRecordDecl*> tables, mirrors;
  for (const clang::CXXRecordDecl* record : records) {
    bool table = !sqlmodel_attrs(*record, "table").empty();
    bool mirror = !sqlmodel_attrs(*record, "model").empty();
    if (table && mirror) {
      reporter_.report(Check::misplaced_annotation, file_location(sources_, *record),
                       "a struct is either a SQLMODEL_TABLE or a SQLMODEL_MODEL, not both");
      continue;
    }
    if (!table && !mirror) {
      for (const char* kind : {"index", "unique", "check"})
        for (const auto* attr : sqlmodel_attrs(*record, kind))
          if (!attr->isInherited())
            reporter_.report(Check::misplaced_annotation, sources_.getFileLoc(attr->getLocation()),
                             macro_for(kind) +
                                 " needs SQLMODEL_TABLE on the same struct (or on every struct "
                                 "that derives from this one)");
      continue;
    }
    add_declaration(*record);
    if (!usable_as_model(*record, table ? "table" : "SQLMODEL_MODEL")) continue;
    (table ? tables : mirrors).push_back(record);
    if (table) table_records_.insert(record->getCanonicalDecl());
  }
  std::vector<const clang::CXXRecordDecl*> children;
  for (const clang::CXXRecordDecl* record : tables) {
    AnnotationValues& options = table_options_[record->getCanonicalDecl()];
    if (std::optional<AnnotationValues> read = single(*record, "table")) options = std::move(*read);
    // An .inherit that is no enumerator (a cast from an integer) was refused while reading.
    std::optional<long long> inherit = options.integer("inherit");
    if (inherit == inherit_single_table) {
      single_table_children_.insert(record->getCanonicalDecl());
      children.push_back(record);
    }
  }
  find_single_table_roots(children);
  for (const clang::CXXRecordDecl* record : tables) {
    if (is_single_table_child(record)) continue;  // read into its root's table
    TableModel table;
    table.decl = record;
    read_table(*record, table);
    models.tables.push_back(std::move(table));
  }
  for (const clang::CXXRecordDecl* record : mirrors) {
    MirrorModel mirror;
    mirror.decl = record;
    read_mirror(*record, mirror);
    models.mirrors.push_back(std::move(mirror));
  }
  return models;
}

void ModelReader::read_table(const clang::CXXRecordDecl& record, TableModel& table) {
  table.options = table_options(record);
  table.name = table.options.string("name").value_or(llvm::StringRef(record.getName()).lower());
  table.comment = table.options.string("comment");
  table.renamed_from = table.options.string("renamed_from");
  table.primary_key_name = table.options.string("primary_key_name");
  table.sqlite_autoincrement = table.options.flag("sqlite_autoincrement");
  std::set<const clang::CXXRecordDecl*> visited;
  joined_parent_ = nullptr;
  read_members(record, table, visited);
  table.joined_parent = joined_parent_;
  if (joined_parent_) add_parent_key(*joined_parent_, table);
  if (table.options.integer("inherit") == inherit_joined && !has_table_base(record))
    reporter_.report(
        Check::table_inheritance, table.options.location_of("inherit", table.location()),
        ".inherit = joined on table " + quoted(table.name) + ", which derives from no table struct");
  read_single_table_hierarchy(table, visited);
  infer_autoincrement(table);
  add_field_constraints(table);
  visited.clear();
  read_table_constraints(record, table, visited);
  for (const SingleTableChild& child : table.single_table_children)
    read_table_constraints(*child.decl, table, visited);
}

// Mixin bases first, in declaration order, then the struct's own members: the column order
// a SQLModel user gets from Python class inheritance.
void ModelReader::read_members(const clang::CXXRecordDecl& record, TableModel& table,
                               std::set<const clang::CXXRecordDecl*>& visited) {
  if (!visited.insert(record.getCanonicalDecl()).second) return;
  for (const clang::CXXBaseSpecifier& base : record.bases()) {
    const clang::CXXRecordDecl* base_record = base.getType()->getAsCXXRecordDecl();
    clang::SourceLocation where = sources_.getFileLoc(base.getBeginLoc());
    if (!base_record || !base_record->hasDefinition()) {
      reporter_.report(Check::unsupported_declaration, where,
                       "the base of table " + quoted(table.name) + " is not a complete struct");
      continue;
    }
    base_record = base_record->getDefinition();
    if (base.isVirtual()) {
      reporter_.report(Check::unsupported_declaration, where,
                       "virtual bases cannot be mixins: their members have no fixed place");
      continue;
    }
    if (base.getAccessSpecifier() != clang::AS_public) {
      // The generated traits name the inherited members from outside the struct
      // (&Child::id), which a private or protected base hides: the header would not compile.
      reporter_.report(Check::unsupported_declaration, where,
                       "table " + quoted(table.name) + " derives from " + quoted(base_record->getName()) + " " +
                           (base.getAccessSpecifier() == clang::AS_private ? "privately" : "as protected") +
                           ": the ORM reads the inherited columns from outside the struct; derive publicly "
                           "(struct " + record.getName().str() + " : public " + base_record->getName().str() + ")");
      continue;
    }
    if (is_single_table_child(base_record) && !is_single_table_child(&record)) {
      // Reached only while reading a table of its own: single-table children are read
      // into their root's table, where their table bases are skipped.
      reporter_.report(Check::table_inheritance, where,
                       "table " + quoted(table.name) + " derives from " + quoted(base_record->getName()) +
                           ", a single-table child with no table of its own to join: derive from "
                           "its hierarchy's table struct, or mark " +
                           quoted(record.getName()) + " .inherit = sqlmodel::Inheritance::single_table");
      reporter_.note(file_location(sources_, *base_record),
                     quoted(base_record->getName()) + " is declared here");
      continue;
    }
    if (is_table(base_record)) {
      // A single-table child's table bases are its hierarchy, folded in elsewhere.
      if (is_single_table_child(&record)) continue;
      // Joined-table inheritance: the parent's columns stay in the parent's table; this
      // table gets the parent's key, as a foreign key to it.
      if (joined_parent_ && joined_parent_ != base_record) {
        reporter_.report(Check::table_inheritance, where,
                         "table " + quoted(table.name) + " derives from two table structs, " +
                             quoted(joined_parent_->getName()) + " and " + quoted(base_record->getName()) +
                             ": joined-table inheritance has one parent");
        reporter_.note(file_location(sources_, *joined_parent_), "the first parent table is declared here");
        continue;
      }
      joined_parent_ = base_record;
      continue;
    }
    read_members(*base_record, table, visited);
  }
  for (const clang::Decl* member : record.decls()) {
    if (const auto* nested = llvm::dyn_cast<clang::CXXRecordDecl>(member)) {
      if (nested->isAnonymousStructOrUnion())
        reporter_.report(Check::unsupported_member, file_location(sources_, *nested),
                         std::string("anonymous ") + (nested->isUnion() ? "unions" : "structs") +
                             " inside table " + quoted(table.name) + " are not columns: use named members");
      continue;
    }
    const auto* field = llvm::dyn_cast<clang::FieldDecl>(member);
    if (!field || field->isInvalidDecl()) continue;
    if (field->isAnonymousStructOrUnion() || field->getName().empty()) continue;
    add_declaration(*field);
    std::optional<AnnotationValues> field_options = single(*field, "field");
    std::optional<AnnotationValues> relationship_options = single(*field, "relationship");
    if (field_options && field_options->flag("exclude")) {
      // An excluded member is no column: any column option next to .exclude would be dropped
      // without a word.
      for (const auto& [option, written] : field_options->written)
        if (option != "exclude")
          reporter_.report(Check::invalid_options, written.designator,
                           "SQLMODEL_FIELD: ." + option + " on " + quoted(field->getName()) +
                               ", which .exclude = true leaves out of the table: the option would be "
                               "ignored; drop one of them");
      continue;
    }
    if (field->isBitField()) {
      reporter_.report(Check::unsupported_member, file_location(sources_, *field),
                       "bit-field " + quoted(field->getName()) +
                           " cannot be a column: mark it SQLMODEL_FIELD(.exclude = true) or make "
                           "it a plain member");
      continue;
    }
    MemberType type = classify_member_type(field->getType(), context_);
    if (type.kind == MemberType::Kind::relationship) {
      if (field_options) {
        reporter_.report(Check::misplaced_annotation, sources_.getFileLoc(field_options->attr->getLocation()),
                         "SQLMODEL_FIELD on relationship " + quoted(field->getName()) +
                             ": relationships take SQLMODEL_RELATIONSHIP");
        continue;
      }
      read_relationship(*field, type, table);
      continue;
    }
    if (relationship_options) {
      reporter_.report(Check::misplaced_annotation,
                       sources_.getFileLoc(relationship_options->attr->getLocation()),
                       "SQLMODEL_RELATIONSHIP on " + quoted(field->getName()) +
                           ", which is not a sqlmodel::Related<T> or sqlmodel::RelatedList<T>");
      continue;
    }
    if (type.kind == MemberType::Kind::unsupported) {
      reporter_.report(Check::unsupported_type, file_location(sources_, *field),
                       "member " + quoted(field->getName()) + " of table " + quoted(table.name) +
                           " has type '" + field->getType().getAsString() +
                           "', which has no column type: " + type.reason);
      reporter_.note(file_location(sources_, *field), supported_types_note());
      reporter_.note(file_location(sources_, *field),
                     "to keep the member out of the table, mark it SQLMODEL_FIELD(.exclude = true)");
      continue;
    }
    if (std::optional<FieldModel> column = read_field(*field, record, type, std::move(field_options))) {
      // A member that hides a mixin's member of the same name replaces that column, in the
      // mixin's place, with its own type and options (a SQLModel subclass redeclaring a field).
      auto overridden = std::find_if(table.fields.begin(), table.fields.end(), [&](const FieldModel& existing) {
        return existing.decl && existing.owner && existing.owner != &record &&
               existing.decl->getName() == field->getName() && record.isDerivedFrom(existing.owner);
      });
      if (overridden != table.fields.end()) *overridden = std::move(*column);
      else table.fields.push_back(std::move(*column));
    }
  }
}

namespace {

// sqlmodel::DefaultFactory's enumerators, as the snapshot spells them; none stores nothing.
std::optional<std::string> default_factory_name(std::optional<long long> enumerator) {
  if (enumerator == 1) return "now";
  if (enumerator == 2) return "uuid4";
  return std::nullopt;
}

}  // namespace

std::optional<FieldModel> ModelReader::read_field(const clang::FieldDecl& decl,
                                                  const clang::CXXRecordDecl& owner,
                                                  const MemberType& type,
                                                  std::optional<AnnotationValues> options) {
  FieldModel field;
  field.decl = &decl;
  field.owner = &owner;
  field.type = type;
  if (options) field.options = std::move(*options);
  const AnnotationValues& o = field.options;

  schema::Column& column = field.column;
  column.name = o.string("name").value_or(decl.getName().str());
  column.type = type.type;
  column.source = paths_.locate(sources_, decl.getLocation());
  column.comment = o.string("comment");
  column.renamed_from = o.string("renamed_from");
  column.server_default = o.string("server_default");
  column.postgresql_server_default = o.string("postgresql_server_default");
  column.sqlite_server_default = o.string("sqlite_server_default");
  column.default_factory = default_factory_name(o.integer("default_factory"));

  field.primary_key = o.flag("primary_key");
  field.index = o.flag("index");
  field.unique = o.flag("unique");
  field.foreign_key = o.string("foreign_key");
  field.foreign_key_name = o.string("foreign_key_name");
  field.updated_on_update = o.integer("update_factory") == 1;
  if (const OptionValue* column_option = o.find("column"))
    field.mirror_only = column_option->kind == OptionValue::Kind::boolean && !column_option->boolean;
  column.generated = o.string("generated");
  field.on_delete = referential_action(o.integer("on_delete")).value_or(ReferentialAction::no_action);
  field.on_update = referential_action(o.integer("on_update")).value_or(ReferentialAction::no_action);
  field.max_length = o.integer("max_length");
  field.min_length = o.integer("min_length");
  field.precision = o.integer("precision");
  field.scale = o.integer("scale");
  field.ge = o.bound("ge");
  field.gt = o.bound("gt");
  field.le = o.bound("le");
  field.lt = o.bound("lt");

  column.nullable = o.tristate("nullable").value_or(type.optional && !field.primary_key);

  // Type parameters: only where they mean something; checks report the others.
  schema::TypeKind value_kind = type.type.element_kind.value_or(type.type.kind);
  if (value_kind == schema::TypeKind::string && field.max_length && *field.max_length > 0)
    column.type.max_length = static_cast<int>(*field.max_length);
  if (value_kind == schema::TypeKind::numeric) {
    if (field.precision) column.type.precision = static_cast<int>(*field.precision);
    if (field.scale) column.type.scale = static_cast<int>(*field.scale);
  }
  if (value_kind == schema::TypeKind::datetime)
    column.type.with_timezone = o.tristate("timezone").value_or(true);
  std::optional<std::string> sql_type = o.string("sql_type");
  if (sql_type) {
    std::optional<schema::ColumnType> parsed = schema::parse_type(*sql_type);
    if (parsed && (parsed->postgresql_type || parsed->sqlite_type)) parsed.reset();
    if (parsed) {
      if (parsed->kind == schema::TypeKind::enumeration && parsed->enum_name.empty())
        parsed->enum_name = column.type.enum_name;
      column.type = *parsed;
    } else {
      reporter_.report(Check::invalid_options, o.location_of("sql_type", field.location()),
                      "unknown sql_type " + quoted(*sql_type) +
                          ": use the snapshot's type spelling, e.g. \"string(40)\", \"text\", "
                          "\"numeric(12,4)\", \"int32\", \"datetime_tz\", \"json\", \"jsonb\" (a "
                          "type of one database goes in .postgresql_type or .sqlite_type)");
    }
  } else {
    if (options_.jsonb && column.type.kind == schema::TypeKind::json) column.type.kind = schema::TypeKind::jsonb;
    if (options_.sqlite_uuid_hex && column.type.kind == schema::TypeKind::uuid) column.type.uuid_hex = true;
  }
  for (const char* dialect_option : {"postgresql_type", "sqlite_type"}) {
    std::optional<std::string> spelling = o.string(dialect_option);
    if (!spelling) continue;
    if (!schema::is_dialect_spelling(*spelling)) {
      reporter_.report(Check::invalid_options, o.location_of(dialect_option, field.location()),
                      "." + std::string(dialect_option) + " " + quoted(*spelling) +
                          " is not a type spelling: it must not be empty, hold a ';' or a line "
                          "break, or start or end with a space");
      continue;
    }
    (std::string(dialect_option) == "postgresql_type" ? column.type.postgresql_type
                                                      : column.type.sqlite_type) = *spelling;
  }

  DefaultValue initial = read_default_value(decl, type, context_);
  column.default_value = initial.json;
  field.non_enumerator_default = initial.non_enumerator_value;
  return field;
}

void ModelReader::read_relationship(const clang::FieldDecl& decl, const MemberType& type,
                                    TableModel& table) {
  RelationshipModel relationship;
  relationship.name = decl.getName().str();
  relationship.decl = &decl;
  relationship.to_many = type.to_many;
  relationship.target = type.target->hasDefinition() ? type.target->getDefinition() : type.target;
  if (std::optional<AnnotationValues> options = single(decl, "relationship"))
    relationship.options = std::move(*options);
  const AnnotationValues& o = relationship.options;
  relationship.back_populates = o.string("back_populates");
  relationship.link_model = o.string("link_model");
  relationship.foreign_key = o.string("foreign_key");
  relationship.remote_side = o.string("remote_side");
  relationship.cascade_delete = o.flag("cascade_delete");
  relationship.delete_orphan = o.flag("delete_orphan");
  if (std::optional<std::string> order_by = o.string("order_by")) {
    llvm::SmallVector<llvm::StringRef, 4> parts;
    llvm::StringRef(*order_by).split(parts, ',', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef part : parts)
      if (!part.trim().empty()) relationship.order_by.push_back(part.trim().str());
  }
  table.relationships.push_back(std::move(relationship));
}

// The child table of joined-table inheritance starts with the parent's primary key columns,
// each a foreign key to the parent (ON DELETE CASCADE), as SQLAlchemy's joined inheritance. A
// parent that is itself a joined child (Puppy : Dog : Animal) declares no key of its own: it
// has its parent's, so the key's columns come from the nearest ancestor that declares them,
// and the foreign key still refers to the direct parent's table (puppies.id -> dogs.id).
void ModelReader::add_parent_key(const clang::CXXRecordDecl& parent, TableModel& table) {
  std::string parent_name = llvm::StringRef(parent.getName()).lower();
  for (const clang::AnnotateAttr* attr : sqlmodel_attrs(parent, "table")) {
    std::string error;
    if (std::optional<AnnotationValues> options = read_annotation(*attr, context_, error))
      parent_name = options->string("name").value_or(parent_name);
    break;
  }
  auto declares_key = [&](const clang::CXXRecordDecl& record) {
    for (const clang::FieldDecl* decl : record.fields()) {
      std::vector<const clang::AnnotateAttr*> attrs = sqlmodel_attrs(*decl, "field");
      std::string error;
      if (attrs.empty() || decl->isInvalidDecl()) continue;
      if (std::optional<AnnotationValues> options = read_annotation(*attrs[0], context_, error))
        if (options->flag("primary_key")) return true;
    }
    return false;
  };
  const clang::CXXRecordDecl* key_owner = &parent;
  for (int depth = 0; key_owner && !declares_key(*key_owner) && depth < 64; ++depth) {
    std::vector<const clang::CXXRecordDecl*> grandparents;
    collect_table_bases(*key_owner, grandparents, 0);
    key_owner = grandparents.size() == 1 ? grandparents[0] : nullptr;
  }
  if (!key_owner) key_owner = &parent;
  std::vector<FieldModel> key;
  for (const clang::FieldDecl* decl : key_owner->fields()) {
    if (decl->isInvalidDecl() || decl->isBitField() || decl->getName().empty()) continue;
    std::vector<const clang::AnnotateAttr*> attrs = sqlmodel_attrs(*decl, "field");
    if (attrs.empty()) continue;
    std::string error;
    std::optional<AnnotationValues> options = read_annotation(*attrs[0], context_, error);
    if (!options || !options->flag("primary_key")) continue;
    MemberType type = classify_member_type(decl->getType(), context_);
    if (type.kind != MemberType::Kind::column) continue;
    FieldModel field;
    field.decl = decl;
    field.owner = key_owner;
    field.type = type;
    field.type.optional = false;
    field.column.name = options->string("name").value_or(decl->getName().str());
    field.column.type = type.type;
    field.column.source = paths_.locate(sources_, decl->getLocation());
    field.primary_key = true;
    field.foreign_key = parent_name + "." + field.column.name;
    field.on_delete = ReferentialAction::cascade;
    key.push_back(std::move(field));
  }
  if (key.empty()) {
    reporter_.report(Check::table_inheritance, table.location(),
                     "table " + quoted(table.name) + " inherits from table " + quoted(parent_name) +
                         ", whose struct declares no primary key to join on");
    reporter_.note(file_location(sources_, parent), "the parent table is declared here");
    return;
  }
  table.fields.insert(table.fields.begin(), std::make_move_iterator(key.begin()),
                      std::make_move_iterator(key.end()));
}

// Each single-table child's root: the nearest table struct above it that is not itself a
// single-table child. A child with no table base, or two, is reported and left out.
void ModelReader::find_single_table_roots(const std::vector<const clang::CXXRecordDecl*>& children) {
  for (const clang::CXXRecordDecl* child : children) {
    const clang::CXXRecordDecl* parent = single_table_parent(*child);
    const clang::CXXRecordDecl* root = parent;
    // C++ forbids inheritance cycles; the bound only guards against a broken AST.
    for (int depth = 0; root && is_single_table_child(root) && depth < 256; ++depth)
      root = single_table_parent(*root);
    if (!parent || !root || is_single_table_child(root)) continue;
    children_of_root_[root->getCanonicalDecl()].push_back({child, parent});
  }
}

// The table structs `record` derives from: directly, or through plain structs (a CRTP helper,
// a mixin deriving from the table).
void ModelReader::collect_table_bases(const clang::CXXRecordDecl& record,
                                      std::vector<const clang::CXXRecordDecl*>& parents, int depth) {
  if (depth > 64) return;  // only a broken AST nests deeper
  for (const clang::CXXBaseSpecifier& base : record.bases()) {
    const clang::CXXRecordDecl* base_record = base.getType()->getAsCXXRecordDecl();
    if (!base_record || !base_record->hasDefinition()) continue;
    base_record = base_record->getDefinition();
    if (is_table(base_record)) {
      if (std::find(parents.begin(), parents.end(), base_record) == parents.end()) parents.push_back(base_record);
    } else {
      collect_table_bases(*base_record, parents, depth + 1);
    }
  }
}

// The one table struct `child` derives from; reports none or several (once per child).
const clang::CXXRecordDecl* ModelReader::single_table_parent(const clang::CXXRecordDecl& child) {
  std::vector<const clang::CXXRecordDecl*> parents;
  collect_table_bases(child, parents, 0);
  if (parents.size() == 1) return parents[0];
  const AnnotationValues& options = table_options(child);
  if (!reported_single_table_parent_.insert(child.getCanonicalDecl()).second) return nullptr;
  if (parents.empty()) {
    reporter_.report(Check::table_inheritance, options.location_of("inherit", file_location(sources_, child)),
                     quoted(child.getName()) +
                         " is marked .inherit = single_table but derives from no table struct: "
                         "its columns need a table to join");
  } else {
    reporter_.report(Check::table_inheritance, file_location(sources_, child),
                     "single-table child " + quoted(child.getName()) + " derives from two table structs, " +
                         quoted(parents[0]->getName()) + " and " + quoted(parents[1]->getName()) +
                         ": a row belongs to one hierarchy");
    reporter_.note(file_location(sources_, *parents[0]), "the first parent table is declared here");
  }
  return nullptr;
}

void ModelReader::read_single_table_hierarchy(TableModel& table,
                                              std::set<const clang::CXXRecordDecl*>& visited) {
  table.discriminator = table.options.string("discriminator");
  table.polymorphic_identity = table.options.string("polymorphic_identity");
  if (table.discriminator && !table.discriminator->empty() && !table.find_field(*table.discriminator))
    add_discriminator_column(table);
  auto found = children_of_root_.find(table.decl->getCanonicalDecl());
  if (found == children_of_root_.end()) return;
  for (const auto& [child, parent] : found->second) fold_single_table_child(*child, *parent, table, visited);
}

// .discriminator naming no member: a VARCHAR NOT NULL column, as SQLAlchemy users declare
// for polymorphic_on, filled by the ORM from each model's identity.
void ModelReader::add_discriminator_column(TableModel& table) {
  FieldModel field;
  field.owner = table.decl;
  field.added_discriminator = true;
  field.type.kind = MemberType::Kind::column;
  field.type.type.kind = schema::TypeKind::string;
  field.column.name = *table.discriminator;
  field.column.type = field.type.type;
  field.column.nullable = false;
  field.column.source =
      paths_.locate(sources_, table.options.location_of("discriminator", table.location()));
  table.fields.push_back(std::move(field));
}

// The child's own members (and its mixins') join the root's table, nullable there. A member
// naming a column the table already has shares it when the types agree; otherwise it is a
// conflict the checks report.
void ModelReader::fold_single_table_child(const clang::CXXRecordDecl& child_decl,
                                          const clang::CXXRecordDecl& parent, TableModel& table,
                                          std::set<const clang::CXXRecordDecl*>& visited) {
  SingleTableChild child;
  child.decl = &child_decl;
  child.parent = &parent;
  child.options = table_options(child_decl);
  child.polymorphic_identity = child.options.string("polymorphic_identity");
  TableModel scratch;
  scratch.name = table.name;
  scratch.decl = &child_decl;
  const clang::CXXRecordDecl* saved_joined_parent = joined_parent_;
  read_members(child_decl, scratch, visited);
  joined_parent_ = saved_joined_parent;
  for (FieldModel& field : scratch.fields) {
    field.single_table_model = &child_decl;
    field.primary_key = false;  // the hierarchy's key is the root's (checks report the option)
    field.column.nullable = true;
    if (const FieldModel* existing = table.find_field(field.column.name)) {
      if (existing->column.type == field.column.type) child.columns.push_back(field.column.name);
      else child.conflicting_fields.push_back(std::move(field));
      continue;
    }
    child.columns.push_back(field.column.name);
    table.fields.push_back(std::move(field));
  }
  for (RelationshipModel& relationship : scratch.relationships)
    table.relationships.push_back(std::move(relationship));
  table.single_table_children.push_back(std::move(child));
}

void ModelReader::infer_autoincrement(TableModel& table) {
  std::vector<FieldModel*> key;
  for (FieldModel& field : table.fields)
    if (field.primary_key) key.push_back(&field);
  for (FieldModel* field : key) {
    schema::TypeKind kind = field->column.type.kind;
    bool integer = kind == schema::TypeKind::int16 || kind == schema::TypeKind::int32 ||
                   kind == schema::TypeKind::int64;
    bool sole_integer_key = key.size() == 1 && integer && !field->foreign_key;
    field->column.autoincrement = field->options.tristate("autoincrement").value_or(sole_integer_key);
  }
}

void ModelReader::add_field_constraints(TableModel& table) {
  for (const FieldModel& field : table.fields) {
    if (!field.index && !field.unique) continue;
    ConstraintModel constraint;
    constraint.field = &field;
    constraint.columns = {field.column.name};
    constraint.location = field.location();
    if (field.index) {
      // .index with .unique: one unique index, as SQLAlchemy makes for index=True, unique=True.
      constraint.kind = ConstraintModel::Kind::index;
      constraint.unique = field.unique;
      constraint.name = schema::naming::index(table.name, constraint.columns);
    } else {
      constraint.kind = ConstraintModel::Kind::unique;
      constraint.name = schema::naming::unique(table.name, constraint.columns);
    }
    table.constraints.push_back(std::move(constraint));
  }
}

void ModelReader::read_table_constraints(const clang::CXXRecordDecl& record, TableModel& table,
                                         std::set<const clang::CXXRecordDecl*>& visited) {
  if (!visited.insert(record.getCanonicalDecl()).second) return;
  for (const clang::CXXBaseSpecifier& base : record.bases())
    if (const auto* base_record = base.getType()->getAsCXXRecordDecl())
      if (base_record->hasDefinition() && !is_table(base_record))
        read_table_constraints(*base_record->getDefinition(), table, visited);
  for (const char* kind_text : {"index", "unique", "check"}) {
    for (const clang::AnnotateAttr* attr : sqlmodel_attrs(record, kind_text)) {
      std::optional<AnnotationValues> options = read_one(*attr);
      if (!options) continue;
      ConstraintModel constraint;
      constraint.options = std::move(*options);
      constraint.location = sources_.getFileLoc(attr->getLocation());
      const AnnotationValues& o = constraint.options;
      std::optional<std::string> name = o.string("name");
      constraint.explicit_name = name.has_value();
      std::string kind = kind_text;
      if (kind == "check") {
        constraint.kind = ConstraintModel::Kind::check;
        constraint.expression = o.string("expression").value_or("");
        std::optional<std::string> full_name = o.string("constraint_name");
        if (full_name && name) {
          reporter_.report(Check::invalid_options, o.location_of("constraint_name", constraint.location),
                          "SQLMODEL_CHECK takes .name (the constraint is ck_" + table.name +
                              "_<name>) or .constraint_name (the whole name), not both");
          continue;
        }
        if (full_name && !full_name->empty()) {
          if (constraint.expression.empty()) {
            reporter_.report(Check::invalid_options, o.location_of("expression", constraint.location),
                            "SQLMODEL_CHECK needs an .expression (a SQL boolean expression)");
            continue;
          }
          constraint.name = *full_name;
          constraint.explicit_name = true;
          table.constraints.push_back(std::move(constraint));
          continue;
        }
        if (!name || name->empty()) {
          reporter_.report(Check::invalid_options, o.location_of("name", constraint.location),
                          "SQLMODEL_CHECK needs a .name: the constraint is named ck_" +
                              table.name + "_<name> (or .constraint_name for the whole name)");
          continue;
        }
        if (constraint.expression.empty()) {
          reporter_.report(Check::invalid_options, o.location_of("expression", constraint.location),
                           "SQLMODEL_CHECK needs an .expression (a SQL boolean expression)");
          continue;
        }
        constraint.name = schema::naming::check(table.name, *name);
        constraint.explicit_name = false;
      } else {
        constraint.kind = kind == "index" ? ConstraintModel::Kind::index : ConstraintModel::Kind::unique;
        constraint.columns = o.strings("columns");
        constraint.unique = kind == "index" && o.flag("unique");
        constraint.where = o.string("where");
        constraint.method = o.string("method");
        if (constraint.columns.empty()) {
          reporter_.report(Check::invalid_options, o.location_of("columns", constraint.location),
                           macro_for(kind) + " needs .columns = {\"column\", ...}");
          continue;
        }
        if (name) constraint.name = *name;
        else if (kind == "index") constraint.name = schema::naming::index(table.name, constraint.columns);
        else constraint.name = schema::naming::unique(table.name, constraint.columns);
      }
      table.constraints.push_back(std::move(constraint));
    }
  }
}

void ModelReader::read_mirror(const clang::CXXRecordDecl& record, MirrorModel& mirror) {
  if (std::optional<AnnotationValues> options = single(record, "model")) mirror.options = std::move(*options);
  mirror.mirrors = mirror.options.string("mirrors").value_or("");
  mirror.partial = mirror.options.flag("partial");
  for (const clang::FieldDecl* field : record.fields()) {
    if (field->isInvalidDecl() || field->getName().empty() || field->isBitField()) continue;
    add_declaration(*field);
    std::optional<AnnotationValues> options = single(*field, "field");
    if (options && options->flag("exclude")) continue;
    MemberType type = classify_mirror_member_type(field->getType(), context_);
    if (type.kind != MemberType::Kind::column) continue;
    if (std::optional<FieldModel> column = read_field(*field, record, type, std::move(options)))
      mirror.fields.push_back(std::move(*column));
  }
}

}  // namespace

ModelSet read_models(clang::ASTContext& context, Reporter& reporter, const SourcePaths& paths,
                     const ReadOptions& options) {
  AnnotatedDeclFinder finder(reporter, context.getSourceManager());
  finder.TraverseDecl(context.getTranslationUnitDecl());
  ModelReader reader(context, reporter, paths, options);
  ModelSet models = reader.read(finder.records);
  models.index_tables();
  return models;
}

}  // namespace sqlmodel::plugin
