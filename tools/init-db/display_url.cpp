#include "display_url.hpp"

namespace sqlmodel::tools {
namespace {

constexpr std::string_view mask = "***";

// userinfo sits between "://" and the last '@' before the path; its password after the first ':'.
std::string mask_userinfo_password(std::string url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  const auto authority_begin = scheme_end + 3;
  const auto authority_end = url.find_first_of("/?#", authority_begin);
  const auto at = url.rfind('@', authority_end == std::string::npos ? url.size() : authority_end);
  if (at == std::string::npos || at < authority_begin) return url;
  const auto colon = url.find(':', authority_begin);
  if (colon == std::string::npos || colon > at) return url;
  return url.replace(colon + 1, at - colon - 1, mask);
}

std::string mask_password_parameter(std::string url) {
  const auto query = url.find('?');
  if (query == std::string::npos) return url;
  for (auto key = url.find("password=", query); key != std::string::npos;
       key = url.find("password=", key + 1)) {
    const char before = url[key - 1];
    if (before != '?' && before != '&') continue;
    const auto value_begin = key + std::string_view("password=").size();
    const auto value_end = url.find('&', value_begin);
    url.replace(value_begin, (value_end == std::string::npos ? url.size() : value_end) - value_begin, mask);
  }
  return url;
}

}  // namespace

std::string display_url(std::string_view url) {
  return mask_password_parameter(mask_userinfo_password(std::string(url)));
}

}  // namespace sqlmodel::tools
