// The ER graph as a Graphviz digraph (`dot -Tsvg schema.dot -o schema.svg`).
//
// Each table is a node with an HTML-like label: the table name (and comment), then one row per
// column with its name, type and markers (PK, FK, UK, NULL). A foreign-key edge runs from the
// key's first column to the referred column, with crow's-foot ends (crow = many, tee = one,
// odot = optional) and the kind ("one-to-many", ...) as its tooltip; a many-to-many edge is
// dashed and joins the two tables. Node names are double-quoted DOT IDs (" and \ escaped);
// every displayed text is an HTML-like label with &, <, >, " written as entities, so any table
// or column name draws as written.
#pragma once

#include <string>

#include "diagram/er_graph.hpp"

namespace sqlmodel::diagram {

std::string render_dot(const ErGraph& graph);

}  // namespace sqlmodel::diagram
