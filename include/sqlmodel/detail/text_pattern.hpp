// The engine behind `.pattern` (validation.hpp, and the plugin's check of the pattern itself):
// RE2, whose matching time is linear in the text and which never recurses, so no value a user
// sends can exhaust the stack (std::regex recursed once per character). RE2 lives in
// runtime/schema/text_pattern.cpp: no regex header reaches the translation units that include
// the models.
//
// The syntax is RE2's (https://github.com/google/re2/wiki/Syntax): Perl's classes, repetitions,
// (?i) flags and named groups, without backreferences or lookaround, as with Pydantic 2's
// default engine. The pattern is searched in the value: anchor it with ^...$ to match all of it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sqlmodel::detail {

// Groups may nest at most this deep in a `.pattern` (RE2 itself would accept deeper ones; a
// pattern nested deeper than this is a mistake or an attack, refused at compile time by the
// plugin and at the first use by the runtime).
inline constexpr std::size_t max_pattern_group_nesting = 1000;

class CompiledPattern;  // an RE2 object, defined in text_pattern.cpp

// Why `pattern` cannot be a `.pattern` (RE2's own message, or groups nested too deep); nullopt
// when it can.
std::optional<std::string> text_pattern_error(std::string_view pattern);

// `pattern`, compiled once per process and kept (a program's patterns are a fixed set). Throws
// std::invalid_argument naming `column` and the reason when the pattern is refused. Thread-safe.
const CompiledPattern& compiled_text_pattern(std::string_view pattern, std::string_view column);

// True when the pattern matches somewhere in `text` (RE2::PartialMatch). Thread-safe.
bool text_pattern_found(const CompiledPattern& pattern, std::string_view text);

// The value as a validation message quotes it: whole when short, else its first characters and
// its length, so a megabyte-long request body does not come back in an error message.
std::string quoted_value_sample(std::string_view value);

}  // namespace sqlmodel::detail
