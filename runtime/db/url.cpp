// Connection URLs in SQLAlchemy's spelling, so a SQLModel user's URL works unchanged:
// sqlite:///relative.db, sqlite:////absolute.db, sqlite:///:memory: (and sqlite:// for memory),
// postgresql:// and postgres:// handed to libpq as they are.
#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string>

#include "db/connection.hpp"

namespace sqlmodel::db {
namespace {

constexpr std::string_view expected_forms =
    "expected sqlite:///relative.db, sqlite:////absolute/path.db, sqlite:///:memory: or "
    "postgresql://user:password@host:port/dbname";

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

[[noreturn]] void reject(std::string_view url, std::string_view reason) {
  throw std::invalid_argument("invalid database URL '" + display_url(url) + "': " +
                              std::string(reason));
}

std::string lowercase(std::string_view text) {
  std::string lowered(text);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lowered;
}

Url parse_sqlite(std::string_view url, std::string_view rest) {
  Url parsed;
  parsed.dialect = schema::Dialect::sqlite;
  // SQLAlchemy reads "sqlite://" with nothing after it as an in-memory database.
  if (rest.empty()) {
    parsed.sqlite_path = ":memory:";
    return parsed;
  }
  if (rest.front() != '/')
    reject(url, "a sqlite URL has no host part; write sqlite:///relative.db or "
                "sqlite:////absolute/path.db (three slashes, then the path)");
  std::string_view path = rest.substr(1);
  if (path.empty())
    reject(url, "no database file after sqlite:///; use sqlite:///:memory: for an "
                "in-memory database");
  if (path.find('?') != std::string_view::npos)
    reject(url, "query options are not supported in sqlite URLs (a '?' would silently "
                "become part of the file name)");
  parsed.sqlite_path = std::string(path);
  return parsed;
}

}  // namespace

Url parse_url(std::string_view url) {
  auto separator = url.find("://");
  if (url.empty()) reject(url, std::string("the URL is empty; ") + std::string(expected_forms));
  if (separator == std::string_view::npos || separator == 0)
    reject(url, std::string("no scheme; ") + std::string(expected_forms));
  std::string scheme = lowercase(url.substr(0, separator));
  std::string_view rest = url.substr(separator + 3);

  if (scheme == "sqlite") return parse_sqlite(url, rest);
  if (scheme == "postgresql" || scheme == "postgres") {
    Url parsed;
    parsed.dialect = schema::Dialect::postgresql;
    parsed.postgres_uri = std::string(url);
    return parsed;
  }
  if (scheme.find('+') != std::string::npos)
    reject(url, "driver suffixes such as '" + scheme +
                    "' are SQLAlchemy's; write the scheme without one (sqlite:// or "
                    "postgresql://)");
  reject(url, "unsupported scheme '" + scheme + "'; " + std::string(expected_forms));
}

std::string display_url(std::string_view url) {
  return mask_password_parameter(mask_userinfo_password(std::string(url)));
}

}  // namespace sqlmodel::db
