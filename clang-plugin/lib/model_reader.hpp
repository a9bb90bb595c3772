// Reads the annotated structs of a translation unit into a ModelSet. Problems that make a
// declaration unreadable (options that are not constants, unsupported member types, an
// annotation in the wrong place) are reported here; everything else is left to the checks.
#pragma once

#include "clang/AST/ASTContext.h"

#include "model.hpp"
#include "reporter.hpp"
#include "source_paths.hpp"

namespace sqlmodel::plugin {

// Project-wide choices (plugin options) that change how members map to columns.
struct ReadOptions {
  // json-type=jsonb: a JSON member (nlohmann::json, a typed JSON struct) without .sql_type is
  // jsonb rather than json.
  bool jsonb = false;
  // sqlite-uuid=hex: a sqlmodel::UUID member without .sql_type is uuid_hex (CHAR(32) on SQLite).
  bool sqlite_uuid_hex = false;
};

ModelSet read_models(clang::ASTContext& context, Reporter& reporter, const SourcePaths& paths,
                     const ReadOptions& options = {});

}  // namespace sqlmodel::plugin
