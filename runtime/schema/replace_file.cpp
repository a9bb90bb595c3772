#include "schema/replace_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <system_error>

#include <unistd.h>

namespace sqlmodel::schema {
namespace {

std::string system_reason(const char* action, int error_number) {
  return std::string(action) + ": " + std::strerror(error_number);
}

std::filesystem::path temporary_sibling(const std::filesystem::path& path) {
  std::random_device random;
  auto name = path.filename().string() + ".tmp." + std::to_string(::getpid()) + "." +
              std::to_string(random());
  return path.parent_path() / name;
}

bool file_has_contents(const std::filesystem::path& path, std::string_view text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream existing;
  existing << in.rdbuf();
  return existing.str() == text;
}

}  // namespace

std::string replace_file(const std::filesystem::path& path, std::string_view text) {
  if (file_has_contents(path, text)) return {};
  const auto temporary = temporary_sibling(path);
  std::FILE* out = std::fopen(temporary.c_str(), "wb");
  if (!out) return system_reason("cannot create temporary file", errno);
  bool written = std::fwrite(text.data(), 1, text.size(), out) == text.size() &&
                 std::fflush(out) == 0 && ::fsync(::fileno(out)) == 0;
  int write_errno = errno;
  if (std::fclose(out) != 0 && written) {
    written = false;
    write_errno = errno;
  }
  if (!written) {
    std::remove(temporary.c_str());
    return system_reason("cannot write", write_errno);
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::remove(temporary.c_str());
    return "cannot replace the file: " + error.message();
  }
  return {};
}

}  // namespace sqlmodel::schema
