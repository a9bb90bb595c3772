#include "command_line.hpp"

#include <algorithm>

#include "sqlmodel/detail/did_you_mean.hpp"

namespace sqlmodel::cli {
namespace {

std::string format_list(std::initializer_list<FileFormat> formats, int FileFormat::*version) {
  std::string text;
  for (const FileFormat& format : formats) {
    if (format.*version == 0) continue;
    text += (text.empty() ? "" : ", ") + std::string(format.name) + " format " + std::to_string(format.*version);
  }
  return text.empty() ? "nothing" : text;
}

}  // namespace

std::string_view package_version() { return SQLMODEL_PACKAGE_VERSION; }

std::string version_text(std::string_view program, std::initializer_list<FileFormat> formats) {
  return std::string(program) + " " + std::string(package_version()) + " (sqlmodel-cpp)\n" +
         "reads:  " + format_list(formats, &FileFormat::reads) + "\n" +
         "writes: " + format_list(formats, &FileFormat::writes);
}

std::optional<std::string_view> typed_verb(int argc, const char* const* argv,
                                           std::span<const std::string_view> options_with_value) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument = argv[i];
    if (argument == "--") return i + 1 < argc ? std::optional<std::string_view>(argv[i + 1]) : std::nullopt;
    if (argument.size() > 1 && argument.front() == '-') {
      // "--config x" and "-c x" take the next word; "--config=x" and "-cx" do not.
      if (std::find(options_with_value.begin(), options_with_value.end(), argument) != options_with_value.end()) ++i;
      continue;
    }
    return argument;
  }
  return std::nullopt;
}

std::optional<std::string> unknown_verb_error(std::string_view verb, std::span<const std::string_view> verbs) {
  if (std::find(verbs.begin(), verbs.end(), verb) != verbs.end()) return std::nullopt;
  // Two edits (a swapped pair: "mrege"), or a third of a longer word; "xyz" is not sql.
  std::optional<std::string_view> closest =
      detail::closest_name(verb, verbs, std::max<std::size_t>(2, verb.size() / 3));
  // An abbreviation ("diag") is far from its verb by edit distance but means only one verb.
  auto abbreviates = [&](std::string_view candidate) { return candidate.starts_with(verb); };
  if (!closest && verb.size() >= 2 && std::count_if(verbs.begin(), verbs.end(), abbreviates) == 1)
    closest = *std::find_if(verbs.begin(), verbs.end(), abbreviates);
  std::string message = "unknown verb '" + std::string(verb) + "'";
  if (closest) message += "; did you mean '" + std::string(*closest) + "'?";
  std::string all;
  for (std::string_view name : verbs) all += (all.empty() ? "" : ", ") + std::string(name);
  return message + "\nThe verbs are: " + all + " (--help for what each does).";
}

}  // namespace sqlmodel::cli
