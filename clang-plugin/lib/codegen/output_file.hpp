// Writing the generated header: missing directories are created, the file is replaced
// atomically (a reader never sees half of it), and an unchanged file is left alone so that
// its timestamp does not rebuild everything that includes it.
#pragma once

#include <string>

namespace sqlmodel::plugin::codegen {

// Empty on success, else why `path` could not be written (the caller names the path).
std::string write_if_changed(const std::string& path, const std::string& text);

}  // namespace sqlmodel::plugin::codegen
