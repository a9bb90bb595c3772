// Reads the annotated structs of a translation unit into a ModelSet. Problems that make a
// declaration unreadable (options that are not constants, unsupported member types, an
// annotation in the wrong place) are reported here; everything else is left to the checks.
#pragma once

#include "clang/AST/ASTContext.h"

#include "model.hpp"
#include "reporter.hpp"
#include "source_paths.hpp"

namespace sqlmodel::plugin {

ModelSet read_models(clang::ASTContext& context, Reporter& reporter, const SourcePaths& paths);

}  // namespace sqlmodel::plugin
