// RE2 behind sqlmodel/detail/text_pattern.hpp.
#include "sqlmodel/detail/text_pattern.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

#include <re2/re2.h>

namespace sqlmodel::detail {

class CompiledPattern {
 public:
  explicit CompiledPattern(std::string_view pattern) : re2_(re2::StringPiece(pattern.data(), pattern.size()), options()) {}
  const re2::RE2& re2() const { return re2_; }

 private:
  static re2::RE2::Options options() {
    re2::RE2::Options options;  // UTF-8, Perl classes, leftmost-first, 8 MiB of program memory
    options.set_log_errors(false);
    return options;
  }
  re2::RE2 re2_;
};

namespace {

// How deep parentheses nest, outside character classes and escapes. Only a bound: RE2 parses
// the pattern itself (without recursion) and reports its syntax errors.
std::size_t group_nesting(std::string_view pattern) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_class = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      if (i + 1 < pattern.size() && pattern[i + 1] == 'Q') {  // \Q...\E is literal text
        const std::size_t end = pattern.find("\\E", i + 2);
        if (end == std::string_view::npos) break;
        i = end + 1;
      } else {
        ++i;
      }
    } else if (in_class) {
      if (c == '[' && i + 1 < pattern.size() && pattern[i + 1] == ':') {  // [:alpha:]
        const std::size_t end = pattern.find(":]", i + 2);
        if (end != std::string_view::npos) i = end + 1;
      } else if (c == ']') {
        in_class = false;
      }
    } else if (c == '[') {
      in_class = true;
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') ++i;
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') ++i;  // a leading ] is a member
    } else if (c == '(') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ')' && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

std::optional<std::string> nesting_error(std::string_view pattern) {
  const std::size_t nesting = group_nesting(pattern);
  if (nesting <= max_pattern_group_nesting) return std::nullopt;
  return "groups nest " + std::to_string(nesting) + " deep; at most " +
         std::to_string(max_pattern_group_nesting) + " are allowed";
}

}  // namespace

std::optional<std::string> text_pattern_error(std::string_view pattern) {
  if (auto error = nesting_error(pattern)) return error;
  CompiledPattern compiled(pattern);
  if (compiled.re2().ok()) return std::nullopt;
  return compiled.re2().error();
}

const CompiledPattern& compiled_text_pattern(std::string_view pattern, std::string_view column) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::unique_ptr<const CompiledPattern>> compiled;
  std::lock_guard lock(mutex);
  auto found = compiled.find(std::string(pattern));
  if (found != compiled.end()) return *found->second;
  std::unique_ptr<const CompiledPattern> fresh;
  auto error = nesting_error(pattern);
  if (!error) {
    fresh = std::make_unique<const CompiledPattern>(pattern);
    if (!fresh->re2().ok()) error = fresh->re2().error();
  }
  if (error)
    throw std::invalid_argument("the .pattern of column '" + std::string(column) +
                                "' is not a valid regular expression (RE2 syntax): " + *error);
  return *compiled.emplace(std::string(pattern), std::move(fresh)).first->second;
}

bool text_pattern_found(const CompiledPattern& pattern, std::string_view text) {
  return re2::RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), pattern.re2());
}

std::string quoted_value_sample(std::string_view value) {
  constexpr std::size_t shown_characters = 60;
  std::size_t characters = 0;
  std::size_t cut = value.size();
  for (std::size_t i = 0; i < value.size(); ++i) {
    if ((static_cast<unsigned char>(value[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (characters == shown_characters) cut = i;
    ++characters;
  }
  if (characters <= shown_characters + 20) return "\"" + std::string(value) + "\"";
  return "\"" + std::string(value.substr(0, cut)) + "...\" (" + std::to_string(characters) + " characters)";
}

}  // namespace sqlmodel::detail
