// Source locations for the snapshot. Two builds of the same models must give byte-identical
// snapshots, so paths are made relative to a root (the source-root option, else the working
// directory) when they lie under it, and kept as spelled otherwise.
#pragma once

#include <string>

#include "clang/Basic/SourceManager.h"

#include "schema/schema.hpp"

namespace sqlmodel::plugin {

class SourcePaths {
 public:
  // `root` empty: the current working directory.
  explicit SourcePaths(std::string root = {});

  std::string stable_path(llvm::StringRef file) const;
  schema::SourceLocation locate(const clang::SourceManager& sources,
                                clang::SourceLocation location) const;

 private:
  std::string root_;  // absolute, without a trailing separator
};

}  // namespace sqlmodel::plugin
