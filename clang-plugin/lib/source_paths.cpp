#include "source_paths.hpp"

#include "codegen/include_spelling.hpp"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace sqlmodel::plugin {
namespace {

std::string absolute_normalized(llvm::StringRef path) {
  llvm::SmallString<256> result(path);
  llvm::sys::fs::make_absolute(result);
  llvm::sys::path::remove_dots(result, /*remove_dot_dot=*/true);
  return std::string(result.str());
}

}  // namespace

SourcePaths::SourcePaths(std::string root, const clang::HeaderSearch* search) : search_(search) {
  if (root.empty()) {
    llvm::SmallString<256> cwd;
    if (!llvm::sys::fs::current_path(cwd)) root = std::string(cwd.str());
  }
  if (!root.empty()) root_ = absolute_normalized(root);
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
}

std::string SourcePaths::stable_path(llvm::StringRef file) const {
  if (auto known = spelled_.find(file); known != spelled_.end()) return known->second.path;
  return (spelled_[file.str()] = spell(file)).path;
}

SourcePaths::Spelled SourcePaths::spell(llvm::StringRef file) const {
  if (file.empty() || root_.empty()) return {file.str(), false};
  std::string absolute = absolute_normalized(file);
  if (llvm::StringRef(absolute).starts_with(root_ + "/")) return {absolute.substr(root_.size() + 1), true};
  std::string included = codegen::spell_through_include_directories(search_, file);
  if (!included.empty()) return {"<" + included + ">", false};
  // Outside the root and the include path: as the compiler spelled it, minus any "./".
  llvm::SmallString<256> spelled(file);
  llvm::sys::path::remove_dots(spelled, /*remove_dot_dot=*/false);
  return {std::string(spelled.str()), false};
}

std::map<std::string, std::string> SourcePaths::digests(const clang::SourceManager& sources,
                                                        const std::vector<std::string>& files) const {
  std::map<std::string, std::string> result;
  for (const std::string& file : files) {
    auto found = located_.find(file);
    if (found == located_.end()) continue;
    bool invalid = false;
    llvm::StringRef text = sources.getBufferData(found->second, &invalid);
    if (invalid) continue;
    std::array<std::uint8_t, 32> hash = llvm::SHA256::hash(llvm::arrayRefFromStringRef(text));
    result[file] = llvm::toHex(hash, /*LowerCase=*/true);
  }
  return result;
}

schema::SourceLocation SourcePaths::locate(const clang::SourceManager& sources,
                                           clang::SourceLocation location) const {
  schema::SourceLocation result;
  if (location.isInvalid()) return result;
  clang::PresumedLoc presumed = sources.getPresumedLoc(sources.getFileLoc(location));
  if (presumed.isInvalid()) return result;
  result.file = stable_path(presumed.getFilename());
  if (auto spelled = spelled_.find(llvm::StringRef(presumed.getFilename())); spelled != spelled_.end() && spelled->second.under_root)
    located_.emplace(result.file, sources.getFileID(sources.getFileLoc(location)));
  result.line = static_cast<int>(presumed.getLine());
  result.column = static_cast<int>(presumed.getColumn());
  return result;
}

}  // namespace sqlmodel::plugin
