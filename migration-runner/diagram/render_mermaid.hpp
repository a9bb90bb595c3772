// The ER graph as a Mermaid `erDiagram` (renders on GitHub, GitLab and in mermaid-cli).
//
// Mermaid's grammar limits names, so the text is made to fit:
// - entity names are always double-quoted; the characters a quoted name cannot hold
//   (", %, \ and control characters) become "_", and a name that then collides with another
//   table's gets "_2", "_3", ...;
// - column names and types are bare words ([A-Za-z_][A-Za-z0-9_()[\]-]*): other characters
//   become "_" (and "pk", "fk", "uk", which Mermaid reads as key markers, get a trailing "_"),
//   and the exact spelling goes into the attribute's comment ("name: first name");
// - comments and edge labels are double-quoted; " becomes ' and line breaks become spaces.
// Key markers are Mermaid's PK, FK, UK; nullability is the comment "nullable".
#pragma once

#include <string>

#include "diagram/er_graph.hpp"

namespace sqlmodel::diagram {

std::string render_mermaid(const ErGraph& graph);

}  // namespace sqlmodel::diagram
