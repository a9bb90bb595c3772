// Source locations for the snapshot. Two builds of the same models must give byte-identical
// snapshots, on any machine, so a file is named
//   - relative to a root (the source-root option, else the working directory) when it lies
//     under it: "include/app/models.hpp";
//   - else as an #include through the translation unit's include directories names it, in
//     angle brackets: "<sqlmodel/mixins.hpp>" for a header of sqlmodel installed under any
//     prefix;
//   - else as the compiler spelled it.
#pragma once

#include <map>
#include <string>

#include "clang/Basic/SourceManager.h"
#include "clang/Lex/HeaderSearch.h"

#include "sqlmodel/schema.hpp"

namespace sqlmodel::plugin {

class SourcePaths {
 public:
  // `root` empty: the current working directory. Without `search`, files outside the root keep
  // the compiler's spelling.
  explicit SourcePaths(std::string root = {}, const clang::HeaderSearch* search = nullptr);

  std::string stable_path(llvm::StringRef file) const;
  schema::SourceLocation locate(const clang::SourceManager& sources,
                                clang::SourceLocation location) const;

  // The SHA-256 (hex) of each of `files` (stable paths) that lies under the root, of the text
  // the compiler read: the snapshot's "sources", which tell a reader the snapshot is older
  // than its models.
  std::map<std::string, std::string> digests(const clang::SourceManager& sources,
                                             const std::vector<std::string>& files) const;

 private:
  struct Spelled {
    std::string path;
    bool under_root = false;
  };
  Spelled spell(llvm::StringRef file) const;

  std::string root_;  // absolute, without a trailing separator
  const clang::HeaderSearch* search_;
  // stable_path per file as the compiler named it: every column of a header asks again.
  mutable std::map<std::string, Spelled, std::less<>> spelled_;
  // The files located under the root, by stable path.
  mutable std::map<std::string, clang::FileID> located_;
};

}  // namespace sqlmodel::plugin
