#include "diagram/er_graph.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace sqlmodel::diagram {
namespace {

using ColumnSet = std::set<std::string>;

ColumnSet as_set(const std::vector<std::string>& columns) { return {columns.begin(), columns.end()}; }

// Column sets the database keeps unique: the primary key, unique constraints, and unique
// indexes without a predicate (a partial index leaves the other rows free).
std::vector<ColumnSet> unique_keys(const schema::Table& table) {
  std::vector<ColumnSet> keys;
  if (table.primary_key) keys.push_back(as_set(table.primary_key->columns));
  for (const auto& unique : table.unique_constraints) keys.push_back(as_set(unique.columns));
  for (const auto& index : table.indexes)
    if (index.unique && !index.where) keys.push_back(as_set(index.columns));
  return keys;
}

bool is_unique(const std::vector<ColumnSet>& keys, const ColumnSet& columns) {
  return std::find(keys.begin(), keys.end(), columns) != keys.end();
}

ErTable entity_for(const schema::Table& table) {
  ErTable entity{table.name, {}, table.comment};
  const ColumnSet primary = table.primary_key ? as_set(table.primary_key->columns) : ColumnSet{};
  ColumnSet foreign;
  for (const auto& key : table.foreign_keys) foreign.insert(key.columns.begin(), key.columns.end());
  const auto keys = unique_keys(table);
  for (const auto& column : table.columns) {
    ErColumn entry;
    entry.name = column.name;
    entry.type = schema::format_type(column.type);
    entry.primary_key = primary.count(column.name) > 0;
    entry.foreign_key = foreign.count(column.name) > 0;
    // The primary key's own uniqueness is already said by PK.
    entry.unique = !(entry.primary_key && primary.size() == 1) && is_unique(keys, ColumnSet{column.name});
    entry.nullable = column.nullable;
    entry.comment = column.comment;
    entity.columns.push_back(std::move(entry));
  }
  return entity;
}

bool all_nullable(const schema::Table& table, const std::vector<std::string>& columns) {
  return std::all_of(columns.begin(), columns.end(), [&](const std::string& name) {
    const schema::Column* column = table.find_column(name);
    return column && column->nullable;
  });
}

bool within_primary_key(const schema::Table& table, const std::vector<std::string>& columns) {
  if (!table.primary_key) return false;
  const ColumnSet primary = as_set(table.primary_key->columns);
  return std::all_of(columns.begin(), columns.end(), [&](const std::string& name) { return primary.count(name); });
}

ErEdge edge_for(const schema::Schema& schema, const schema::Table& child, const schema::ForeignKey& key) {
  ErEdge edge;
  edge.kind = EdgeKind::foreign_key;
  edge.child = child.name;
  edge.parent = key.referred_table;
  edge.child_columns = key.columns;
  edge.parent_columns = key.referred_columns;
  edge.constraint_name = key.name;
  edge.child_end = is_unique(unique_keys(child), as_set(key.columns)) ? Cardinality::zero_or_one
                                                                       : Cardinality::zero_or_more;
  // Any nullable column of a composite key lets a row refer to no parent (MATCH SIMPLE).
  const bool optional = std::any_of(key.columns.begin(), key.columns.end(), [&](const std::string& name) {
    return all_nullable(child, {name});
  });
  edge.parent_end = optional ? Cardinality::zero_or_one : Cardinality::exactly_one;
  edge.identifying = within_primary_key(child, key.columns);
  const schema::Table* parent = schema.find_table(key.referred_table);
  edge.refers_to_primary_key = parent && parent->primary_key && parent->primary_key->columns == key.referred_columns;
  return edge;
}

// The foreign-key edge a to-one or to-many relationship of `table` follows, if any.
ErEdge* edge_followed(std::vector<ErEdge>& edges, const schema::Table& table, const schema::Relationship& relationship) {
  for (auto& edge : edges) {
    if (edge.child_columns != relationship.foreign_key_columns) continue;
    const bool key_here = edge.child == table.name && edge.parent == relationship.target_table;
    const bool key_there = edge.child == relationship.target_table && edge.parent == table.name;
    switch (relationship.kind) {
      case schema::RelationshipKind::many_to_one:
        if (key_here) return &edge;
        break;
      case schema::RelationshipKind::one_to_many:
        if (key_there) return &edge;
        break;
      case schema::RelationshipKind::one_to_one:
        if (key_here || key_there) return &edge;
        break;
      case schema::RelationshipKind::many_to_many:
        break;
    }
  }
  return nullptr;
}

void add_relationship(ErEdge& edge, std::string name) {
  if (std::find(edge.relationships.begin(), edge.relationships.end(), name) == edge.relationships.end())
    edge.relationships.push_back(std::move(name));
}

auto edge_order(const ErEdge& edge) {
  return std::tie(edge.kind, edge.child, edge.parent, edge.constraint_name, edge.link_table);
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

}  // namespace

ErGraph build_er_graph(const schema::Schema& schema) {
  std::vector<const schema::Table*> tables;
  for (const auto& table : schema.tables) tables.push_back(&table);
  std::sort(tables.begin(), tables.end(), [](const auto* a, const auto* b) { return a->name < b->name; });

  ErGraph graph;
  for (const auto* table : tables) {
    graph.tables.push_back(entity_for(*table));
    for (const auto& key : table->foreign_keys) graph.edges.push_back(edge_for(schema, *table, key));
  }

  // One many-to-many edge per pair of tables and link table, whichever side declares it.
  std::map<std::tuple<std::string, std::string, std::string>, ErEdge> many_to_many;
  for (const auto* table : tables) {
    for (const auto& relationship : table->relationships) {
      const std::string name = table->name + "." + relationship.name;
      if (relationship.kind != schema::RelationshipKind::many_to_many) {
        if (ErEdge* edge = edge_followed(graph.edges, *table, relationship)) add_relationship(*edge, name);
        continue;
      }
      const std::string link = relationship.link_table.value_or("");
      const auto [first, second] = std::minmax(table->name, relationship.target_table);
      auto [entry, inserted] = many_to_many.try_emplace({first, second, link});
      ErEdge& edge = entry->second;
      if (inserted) {
        edge.kind = EdgeKind::many_to_many;
        edge.child = first;
        edge.parent = second;
        edge.child_end = Cardinality::zero_or_more;
        edge.parent_end = Cardinality::zero_or_more;
        if (!link.empty()) edge.link_table = link;
      }
      add_relationship(edge, name);
    }
  }
  for (auto& [key, edge] : many_to_many) graph.edges.push_back(std::move(edge));

  for (auto& edge : graph.edges) std::sort(edge.relationships.begin(), edge.relationships.end());
  std::stable_sort(graph.edges.begin(), graph.edges.end(),
                   [](const ErEdge& a, const ErEdge& b) { return edge_order(a) < edge_order(b); });
  return graph;
}

std::string describe_kind(const ErEdge& edge) {
  std::string kind;
  if (edge.kind == EdgeKind::many_to_many)
    kind = "many-to-many";
  else
    kind = edge.child_end == Cardinality::zero_or_one ? "one-to-one" : "one-to-many";
  return edge.self_reference() ? "self-referencing " + kind : kind;
}

std::string edge_label(const ErEdge& edge) {
  std::string label;
  if (edge.kind == EdgeKind::many_to_many) {
    label = edge.link_table ? "via " + *edge.link_table : "many-to-many";
  } else {
    label = joined(edge.child_columns);
    if (!edge.refers_to_primary_key) label += " -> " + joined(edge.parent_columns);
  }
  if (!edge.relationships.empty()) label += " (" + joined(edge.relationships) + ")";
  return label;
}

std::vector<std::string> column_markers(const ErColumn& column) {
  std::vector<std::string> markers;
  if (column.primary_key) markers.push_back("PK");
  if (column.foreign_key) markers.push_back("FK");
  if (column.unique) markers.push_back("UK");
  if (column.nullable) markers.push_back("NULL");
  return markers;
}

}  // namespace sqlmodel::diagram
