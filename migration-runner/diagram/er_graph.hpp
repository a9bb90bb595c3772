// The entity-relationship graph of a schema: what `sqlmodel-migrate diagram` draws, independent
// of the drawing format. Tables become entities with their columns and key markers; every
// foreign key becomes an edge with the cardinality the database enforces; many-to-many
// relationships become one edge between the two tables they join, through their link table.
// Everything is sorted, so a snapshot always gives the same diagram.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sqlmodel/schema.hpp"

namespace sqlmodel::diagram {

struct ErColumn {
  std::string name;
  std::string type;  // the snapshot's spelling: "int64", "string(255)", "enum(taskstatus)"
  bool primary_key = false;
  bool foreign_key = false;
  // Unique on its own: a one-column unique constraint or (non-partial) unique index.
  bool unique = false;
  bool nullable = false;
  std::optional<std::string> comment;
};

struct ErTable {
  std::string name;
  std::vector<ErColumn> columns;  // declaration order
  std::optional<std::string> comment;
};

// How many rows of the table at one end of an edge go with one row at the other end.
enum class Cardinality { zero_or_one, exactly_one, zero_or_more };

enum class EdgeKind {
  foreign_key,   // child (holds the key) -> parent (the referred table)
  many_to_many,  // an ORM relationship through a link table; both ends zero_or_more
};

struct ErEdge {
  EdgeKind kind = EdgeKind::foreign_key;
  // foreign_key: the table holding the key and the referred table. many_to_many: the two
  // joined tables, the smaller name first.
  std::string child;
  std::string parent;
  std::vector<std::string> child_columns;   // foreign_key only
  std::vector<std::string> parent_columns;  // foreign_key only
  bool refers_to_primary_key = true;        // parent_columns are the parent's primary key
  // How many child rows per parent row (zero_or_one when the key is unique) and how many
  // parent rows per child row (zero_or_one when the key is nullable).
  Cardinality child_end = Cardinality::zero_or_more;
  Cardinality parent_end = Cardinality::exactly_one;
  // The key is part of the child's primary key (a link table's rows exist only through it).
  bool identifying = false;
  std::string constraint_name;            // foreign_key: the constraint; many_to_many: empty
  std::optional<std::string> link_table;  // many_to_many only
  // The ORM relationships that follow this edge, as "table.member", sorted.
  std::vector<std::string> relationships;

  bool self_reference() const { return child == parent; }
};

struct ErGraph {
  std::vector<ErTable> tables;  // sorted by name
  std::vector<ErEdge> edges;    // foreign keys first, then many-to-many; each sorted
};

ErGraph build_er_graph(const schema::Schema& schema);

// "one-to-many", "one-to-one" or "many-to-many", from the parent's side; a self-referencing
// edge is prefixed "self-referencing ".
std::string describe_kind(const ErEdge& edge);

// The text both renderers put on an edge: the key's columns (and "-> <referred columns>" when
// they are not the parent's primary key) or "via <link table>", then the relationships:
//   "owner_id (tasks.owner, users.tasks)", "via task_tags (tags.tasks, tasks.tags)".
std::string edge_label(const ErEdge& edge);

// The column's markers, in the order the renderers print them: "PK", "FK", "UK", "NULL".
std::vector<std::string> column_markers(const ErColumn& column);

}  // namespace sqlmodel::diagram
