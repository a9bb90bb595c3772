#include "resolution.hpp"

namespace sqlmodel::plugin {

std::optional<ForeignKeyTarget> split_foreign_key(const std::string& text) {
  auto dot = text.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 >= text.size() ||
      text.find('.', dot + 1) != std::string::npos)
    return std::nullopt;
  return ForeignKeyTarget{text.substr(0, dot), text.substr(dot + 1)};
}

ResolvedForeignKey resolve_foreign_key(const ModelSet& models, const FieldModel& field) {
  ResolvedForeignKey result;
  if (!field.foreign_key) return result;
  std::optional<ForeignKeyTarget> target = split_foreign_key(*field.foreign_key);
  if (!target || models.is_ambiguous_table_name(target->table)) return result;
  result.table = models.find_table(target->table);
  if (result.table) result.column = result.table->find_field(target->column);
  return result;
}

bool references_table(const FieldModel& field, const std::string& table_name) {
  if (!field.foreign_key) return false;
  std::optional<ForeignKeyTarget> target = split_foreign_key(*field.foreign_key);
  return target && target->table == table_name;
}

namespace {

// The columns of `holder` with a foreign key to `referenced`, restricted to `only` if given.
std::vector<const FieldModel*> keys_to(const TableModel& holder, const TableModel& referenced,
                                       const std::optional<std::string>& only) {
  std::vector<const FieldModel*> keys;
  for (const FieldModel& field : holder.fields)
    if (references_table(field, referenced.name) && (!only || field.column.name == *only))
      keys.push_back(&field);
  return keys;
}

}  // namespace

bool is_unique_column(const TableModel& table, const FieldModel& field) {
  std::vector<const FieldModel*> key = table.primary_key();
  if (key.size() == 1 && key[0] == &field) return true;
  if (field.unique) return true;
  for (const ConstraintModel& constraint : table.constraints) {
    bool unique = constraint.kind == ConstraintModel::Kind::unique ||
                  (constraint.kind == ConstraintModel::Kind::index && constraint.unique &&
                   !constraint.where);
    if (unique && constraint.columns.size() == 1 && constraint.columns[0] == field.column.name)
      return true;
  }
  return false;
}

ResolvedRelationship resolve_relationship(const ModelSet& models, const TableModel& source,
                                          const RelationshipModel& relationship) {
  using Problem = ResolvedRelationship::Problem;
  using Kind = schema::RelationshipKind;
  ResolvedRelationship result;
  result.target = models.find_table(relationship.target);
  if (!result.target) {
    result.problem = Problem::target_not_table;
    return result;
  }
  const TableModel& target = *result.target;
  result.self_referential = &target == &source;

  if (relationship.link_model) {
    result.kind = Kind::many_to_many;
    result.link = models.find_table_by_name_or_struct(*relationship.link_model);
    if (!result.link) {
      result.problem = Problem::unknown_link_model;
      return result;
    }
    std::vector<const FieldModel*> to_source = keys_to(*result.link, source, std::nullopt);
    std::vector<const FieldModel*> to_target = keys_to(*result.link, target, std::nullopt);
    if (to_source.empty()) {
      result.problem = Problem::link_missing_source_key;
      return result;
    }
    if (to_target.empty()) {
      result.problem = Problem::link_missing_target_key;
      return result;
    }
    if (result.self_referential) {
      // Both sides are the same table: the link needs two keys to it, taken in order.
      if (to_source.size() < 2) {
        result.problem = Problem::link_missing_target_key;
        return result;
      }
      result.foreign_keys = {to_source[0], to_source[1]};
      return result;
    }
    result.foreign_keys = {to_source[0], to_target[0]};
    return result;
  }

  const std::optional<std::string>& only = relationship.foreign_key;
  if (relationship.to_many) {
    result.kind = Kind::one_to_many;
    result.candidates = keys_to(target, source, only);
  } else {
    std::vector<const FieldModel*> outgoing = keys_to(source, target, only);
    std::vector<const FieldModel*> incoming =
        result.self_referential ? std::vector<const FieldModel*>{} : keys_to(target, source, only);
    result.candidates = outgoing;
    result.candidates.insert(result.candidates.end(), incoming.begin(), incoming.end());
    if (result.candidates.size() == 1) {
      if (!outgoing.empty()) {
        result.kind = !result.self_referential && is_unique_column(source, *outgoing[0])
                          ? Kind::one_to_one
                          : Kind::many_to_one;
      } else {
        result.kind = Kind::one_to_one;  // the other side of a one-to-one
      }
    }
  }
  if (result.candidates.empty()) {
    result.problem = Problem::no_path;
  } else if (result.candidates.size() > 1) {
    result.problem = Problem::ambiguous;
  } else {
    result.foreign_keys = result.candidates;
  }
  return result;
}

}  // namespace sqlmodel::plugin
