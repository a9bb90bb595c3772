// Writing a generated file (a snapshot, a models header) so that a reader never sees half of
// it, and an unchanged file keeps its timestamp (which drives rebuilds of whatever reads it).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace sqlmodel::schema {

// Replaces `path` with `text`: a sibling is written, flushed to disk and renamed over it;
// nothing is written when the file holds `text` already. Empty on success, else why not (the
// caller names the path).
std::string replace_file(const std::filesystem::path& path, std::string_view text);

}  // namespace sqlmodel::schema
