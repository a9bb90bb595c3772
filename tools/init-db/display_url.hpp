// A connection URL as it may appear in messages and logs: the password never does.
#pragma once

#include <string>
#include <string_view>

namespace sqlmodel::tools {

// "postgresql://app:secret@db:5432/x" -> "postgresql://app:***@db:5432/x"; a password given
// as a "password=" query parameter is masked too. Other URLs come back unchanged.
std::string display_url(std::string_view url);

}  // namespace sqlmodel::tools
