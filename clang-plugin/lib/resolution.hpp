// Resolving names between models: "table.column" foreign keys and relationship paths. The
// checks report what does not resolve; schema_builder uses what does.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model.hpp"

namespace sqlmodel::plugin {

struct ForeignKeyTarget {
  std::string table, column;  // as written
};
// "teams.id" -> {teams, id}; nullopt when it is not of that shape.
std::optional<ForeignKeyTarget> split_foreign_key(const std::string& text);

// The referenced table and column of a field's foreign key, when both exist.
struct ResolvedForeignKey {
  const TableModel* table = nullptr;
  const FieldModel* column = nullptr;
};
ResolvedForeignKey resolve_foreign_key(const ModelSet& models, const FieldModel& field);

// True when `field` has a foreign key whose table is `table_name`.
bool references_table(const FieldModel& field, const std::string& table_name);

struct ResolvedRelationship {
  enum class Problem {
    none,
    target_not_table,   // Related<T> where T is not a SQLMODEL_TABLE
    no_path,            // no foreign key between the two tables
    ambiguous,          // several foreign keys: .foreign_key must pick one
    unknown_link_model,
    link_missing_source_key,  // the link table has no foreign key to the source table
    link_missing_target_key,
  };
  Problem problem = Problem::none;
  schema::RelationshipKind kind = schema::RelationshipKind::many_to_one;
  const TableModel* target = nullptr;
  const TableModel* link = nullptr;
  // The foreign-key columns followed: one for many-to-one / one-to-many / one-to-one; for
  // many-to-many the link table's column to the source, then its column to the target.
  std::vector<const FieldModel*> foreign_keys;
  // For no_path / ambiguous: the columns considered (ambiguous: all of them).
  std::vector<const FieldModel*> candidates;
  bool self_referential = false;
};

ResolvedRelationship resolve_relationship(const ModelSet& models, const TableModel& source,
                                          const RelationshipModel& relationship);

// True when `field` alone is the primary key, or is unique on its own (a field option, a
// one-column unique constraint or unique index).
bool is_unique_column(const TableModel& table, const FieldModel& field);

}  // namespace sqlmodel::plugin
