// ModelSet -> GeneratedHeader: what the generated header says about one translation unit's
// models, from the same reading and resolution the checks and the snapshot use. Reports, as
// [sqlmodel-emit] diagnostics, what a header cannot say (a model no other file can name).
#pragma once

#include "clang/Basic/SourceManager.h"

#include "../model.hpp"
#include "../reporter.hpp"
#include "generated_code.hpp"
#include "include_spelling.hpp"

namespace sqlmodel::plugin::codegen {

GeneratedHeader describe_models(const ModelSet& models, const clang::SourceManager& sources,
                                const IncludeSpeller& includes, Reporter& reporter);

}  // namespace sqlmodel::plugin::codegen
