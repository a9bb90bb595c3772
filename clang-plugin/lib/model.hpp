// The models of one translation unit as the plugin read them: the schema objects plus the
// declarations and option locations that diagnostics and fix-its point at. Checks read this;
// schema_builder turns it into a schema::Schema once the checks pass.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"

#include "annotation_values.hpp"
#include "sqlmodel/schema.hpp"
#include "type_mapping.hpp"

namespace sqlmodel::plugin {

// One column: a data member of a table struct or of one of its mixin bases.
struct FieldModel {
  schema::Column column;  // name, type, nullability, defaults, comment, renamed_from, source
  const clang::FieldDecl* decl = nullptr;
  const clang::CXXRecordDecl* owner = nullptr;  // the table struct or the mixin declaring it
  MemberType type;
  AnnotationValues options;  // empty (no values) when the member has no SQLMODEL_FIELD

  bool primary_key = false;
  bool index = false;
  bool unique = false;
  std::optional<std::string> foreign_key;  // "table.column", as written
  std::optional<std::string> foreign_key_name;  // .foreign_key_name, else the convention's
  ReferentialAction on_delete = ReferentialAction::no_action;
  ReferentialAction on_update = ReferentialAction::no_action;
  std::optional<long long> max_length, min_length, precision, scale;
  std::optional<double> ge, gt, le, lt;
  // The default member initializer of an enum column when it is not one of the enumerators.
  std::optional<long long> non_enumerator_default;
  // A column a single-table child adds to its hierarchy's table: that child's struct. Such a
  // column is nullable in the table whatever its C++ type (other models' rows hold NULL).
  const clang::CXXRecordDecl* single_table_model = nullptr;
  // The discriminator column the plugin adds when no member has its name: no C++ member
  // (decl is null), a string the ORM fills from the model's polymorphic identity.
  bool added_discriminator = false;
  // .update_factory = now: the session writes now on every UPDATE (and on INSERT while unset).
  bool updated_on_update = false;
  // A mirror model's own field (.column = false): validated, in its JSON, no column.
  bool mirror_only = false;

  // The member's name, where most diagnostics point.
  clang::SourceLocation location() const;
  // Where option `name` was written, else the member.
  clang::SourceLocation option_location(const std::string& name) const;
};

struct RelationshipModel {
  std::string name;  // the C++ member
  const clang::FieldDecl* decl = nullptr;
  bool to_many = false;
  const clang::CXXRecordDecl* target = nullptr;
  AnnotationValues options;
  std::optional<std::string> back_populates, link_model, foreign_key, remote_side;
  std::vector<std::string> order_by;  // "-name" for descending
  bool cascade_delete = false;
  bool delete_orphan = false;

  clang::SourceLocation location() const;
  clang::SourceLocation option_location(const std::string& name) const;
};

// An index, unique constraint or check: written on the table struct (SQLMODEL_INDEX, ...) or
// implied by a field's .index / .unique.
struct ConstraintModel {
  enum class Kind { index, unique, check };
  Kind kind = Kind::index;
  std::string name;             // final name (explicit or from schema::naming)
  bool explicit_name = false;
  std::vector<std::string> columns;
  bool unique = false;          // unique index
  std::optional<std::string> where, method;
  std::string expression;       // check
  const FieldModel* field = nullptr;  // set when implied by a field option
  AnnotationValues options;     // the table-level annotation (empty for field-implied ones)
  clang::SourceLocation location;

  clang::SourceLocation option_location(const std::string& option) const;
  const char* kind_name() const;  // "index", "unique constraint", "check constraint"
};

// A struct of a single-table hierarchy without a table of its own:
// SQLMODEL_TABLE(.inherit = single_table) on a struct deriving from a table struct (directly,
// or through other single-table children). Its columns are folded into the root's table.
struct SingleTableChild {
  const clang::CXXRecordDecl* decl = nullptr;
  const clang::CXXRecordDecl* parent = nullptr;  // the table struct it derives from directly
  AnnotationValues options;                      // its SQLMODEL_TABLE
  std::optional<std::string> polymorphic_identity;
  // Its columns in the table: the ones it adds and the ones it shares with an ancestor (same
  // name, same type).
  std::vector<std::string> columns;
  // Members that name an ancestor's column with another type: not in the table (checks report them).
  std::vector<FieldModel> conflicting_fields;

  clang::SourceLocation location() const;
};

struct TableModel {
  const clang::CXXRecordDecl* decl = nullptr;
  std::string name;
  std::optional<std::string> comment, renamed_from;
  std::optional<std::string> primary_key_name;  // .primary_key_name, else pk_<table>
  bool sqlite_autoincrement = false;
  AnnotationValues options;
  std::vector<FieldModel> fields;
  std::vector<ConstraintModel> constraints;
  std::vector<RelationshipModel> relationships;
  const clang::CXXRecordDecl* joined_parent = nullptr;  // joined-table inheritance

  // Single-table inheritance, on the root of a hierarchy (the struct that owns the table).
  std::optional<std::string> discriminator;         // the column's name, as written
  std::optional<std::string> polymorphic_identity;  // this struct's rows
  std::vector<SingleTableChild> single_table_children;  // source order

  clang::SourceLocation location() const;
  const FieldModel* find_field(const std::string& column_name) const;
  std::vector<const FieldModel*> primary_key() const;
};

// A non-table model (SQLMODEL_MODEL) mirroring a table: the Create / Read / Update shapes.
struct MirrorModel {
  const clang::CXXRecordDecl* decl = nullptr;
  std::string mirrors;
  bool partial = false;
  AnnotationValues options;
  // Column-typed members: fields mapped to the table's columns, and the model's own
  // (.column = false, mirror_only set).
  std::vector<FieldModel> fields;

  clang::SourceLocation location() const;
};

struct ModelSet {
  std::vector<TableModel> tables;
  std::vector<MirrorModel> mirrors;

  // Indexes `tables` by name and by struct once they are all read. The checks look a table up
  // for each foreign key, relationship and text() statement: scanning every table each time
  // made them quadratic in the number of models. Until this is called, and once `tables`
  // has changed size since, the lookups scan.
  void index_tables();

  const TableModel* find_table(const std::string& name) const;
  // Two models claim the table name (table-names reports it): lookups by that name answer
  // nothing rather than the first of them, so the checks stay quiet about what it causes.
  bool is_ambiguous_table_name(const std::string& name) const;
  // The table a struct is stored in: its own, or its single-table hierarchy's.
  const TableModel* find_table(const clang::CXXRecordDecl* decl) const;
  // By table name, else by the C++ struct's name (link_model, mirrors accept either).
  const TableModel* find_table_by_name_or_struct(const std::string& name) const;

 private:
  struct NamedTables {
    std::size_t first = 0;  // index in `tables`
    std::size_t count = 0;
  };
  bool indexed() const { return indexed_tables_ != 0 && indexed_tables_ == tables.size(); }
  llvm::StringMap<NamedTables> by_name_;
  // A table's own struct, else a single-table child's struct (the hierarchy's table).
  llvm::DenseMap<const clang::CXXRecordDecl*, std::size_t> by_struct_;
  std::size_t indexed_tables_ = 0;
};

}  // namespace sqlmodel::plugin
