#include "output_file.hpp"

#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace sqlmodel::plugin::codegen {

std::string write_if_changed(const std::string& path, const std::string& text) {
  if (path.empty()) return "the path is empty";
  if (llvm::sys::fs::is_directory(path)) return "it is a directory";
  if (auto existing = llvm::MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/false))
    if ((*existing)->getBuffer() == text) return {};

  llvm::StringRef directory = llvm::sys::path::parent_path(path);
  if (!directory.empty()) {
    if (llvm::sys::fs::exists(directory) && !llvm::sys::fs::is_directory(directory))
      return "'" + directory.str() + "' is not a directory";
    if (std::error_code error = llvm::sys::fs::create_directories(directory))
      return "cannot create directory '" + directory.str() + "': " + error.message();
  }
  llvm::Error error = llvm::writeToOutput(path, [&](llvm::raw_ostream& out) {
    out << text;
    return llvm::Error::success();
  });
  if (error) return llvm::toString(std::move(error));
  return {};
}

}  // namespace sqlmodel::plugin::codegen
