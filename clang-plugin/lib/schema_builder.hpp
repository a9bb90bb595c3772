// ModelSet -> schema::Schema, the snapshot's content. Runs after the checks passed, but never
// assumes it: whatever does not resolve is left out rather than guessed.
#pragma once

#include "clang/Basic/SourceManager.h"

#include "model.hpp"
#include "sqlmodel/schema.hpp"
#include "source_paths.hpp"

namespace sqlmodel::plugin {

schema::Schema build_schema(const ModelSet& models, const clang::SourceManager& sources,
                            const SourcePaths& paths);

}  // namespace sqlmodel::plugin
