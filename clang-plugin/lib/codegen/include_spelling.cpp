#include "include_spelling.hpp"

#include <filesystem>
#include <optional>
#include <vector>

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace sqlmodel::plugin::codegen {
namespace {

// The real path (symlinks resolved) when the file exists, else the absolute path without dots.
std::string canonical_path(llvm::StringRef path) {
  llvm::SmallString<256> real;
  if (!llvm::sys::fs::real_path(path, real)) return std::string(real);
  llvm::SmallString<256> absolute(path);
  llvm::sys::fs::make_absolute(absolute);
  llvm::sys::path::remove_dots(absolute, /*remove_dot_dot=*/true);
  return std::string(absolute);
}

// The deepest existing ancestor's real path plus the rest: the output directory may not
// exist yet, and /tmp may be a symlink.
std::string canonical_directory(llvm::StringRef directory) {
  llvm::SmallString<256> absolute(directory);
  llvm::sys::fs::make_absolute(absolute);
  llvm::sys::path::remove_dots(absolute, /*remove_dot_dot=*/true);
  llvm::SmallString<256> existing(absolute);
  while (!existing.empty() && !llvm::sys::fs::is_directory(existing))
    llvm::sys::path::remove_filename(existing);
  std::string rest = absolute.str().substr(existing.size()).str();
  return canonical_path(existing) + rest;
}

// `path` below `directory`, as a forward-slash relative path; nullopt when it is not below.
std::optional<std::string> below(const std::string& path, const std::string& directory) {
  if (directory.empty() || path.size() <= directory.size() + 1) return std::nullopt;
  if (path.compare(0, directory.size(), directory) != 0) return std::nullopt;
  if (!llvm::sys::path::is_separator(path[directory.size()]) && directory.back() != '/')
    return std::nullopt;
  std::string rest = path.substr(directory.size());
  while (!rest.empty() && llvm::sys::path::is_separator(rest.front())) rest.erase(0, 1);
  return llvm::sys::path::convert_to_slash(rest);
}

}  // namespace

IncludeSpeller::IncludeSpeller(const clang::HeaderSearch* search, llvm::StringRef output)
    : search_(search), output_directory_(canonical_directory(llvm::sys::path::parent_path(output))) {
  if (output_directory_.empty()) output_directory_ = canonical_directory(".");
}

std::string IncludeSpeller::spell(llvm::StringRef header) const {
  std::string path = canonical_path(header);
  std::string spelled = spell_through_include_directories(search_, path);
  return spelled.empty() ? relative_to_output(path) : spelled;
}

std::string spell_through_include_directories(const clang::HeaderSearch* search, llvm::StringRef header_path) {
  if (!search) return {};
  const std::string header = canonical_path(header_path);
  std::vector<std::string> directories;
  for (const clang::DirectoryLookup& lookup : search->search_dir_range())
    if (clang::OptionalDirectoryEntryRef directory = lookup.getDirRef()) {
      // Relative to the compile command's directory, which LibTooling does not chdir into.
      llvm::SmallString<256> name(directory->getName());
      search->getFileMgr().makeAbsolutePath(name);
      directories.push_back(canonical_path(name));
    }

  std::optional<std::string> best;
  for (const std::string& directory : directories) {
    std::optional<std::string> spelled = below(header, directory);
    if (!spelled || (best && best->size() <= spelled->size())) continue;
    // The search order must reach this file, not a same-named one in an earlier directory.
    for (const std::string& candidate : directories) {
      llvm::SmallString<256> found(candidate);
      llvm::sys::path::append(found, *spelled);
      if (!llvm::sys::fs::exists(found)) continue;
      if (llvm::sys::fs::equivalent(found, header)) best = spelled;
      break;
    }
  }
  return best.value_or("");
}

std::string IncludeSpeller::relative_to_output(const std::string& header) const {
  std::filesystem::path relative =
      std::filesystem::path(header).lexically_relative(std::filesystem::path(output_directory_));
  if (relative.empty()) return header;
  return relative.generic_string();
}

bool is_header_file(llvm::StringRef path) {
  llvm::StringRef extension = llvm::sys::path::extension(path);
  for (llvm::StringRef source : {".c", ".cc", ".cpp", ".cxx", ".c++", ".C", ".m", ".mm", ".cu"})
    if (extension == source) return false;
  return true;
}

}  // namespace sqlmodel::plugin::codegen
