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

// URLs end up in error messages and logs: never repeat a password.
std::string redact_password(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  auto authority_begin = scheme_end + 3;
  auto authority_end = url.find_first_of("/?#", authority_begin);
  if (authority_end == std::string_view::npos) authority_end = url.size();
  auto at = url.rfind('@', authority_end);
  if (at == std::string_view::npos || at < authority_begin) return std::string(url);
  auto colon = url.find(':', authority_begin);
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  return std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(at));
}

[[noreturn]] void reject(std::string_view url, std::string_view reason) {
  throw std::invalid_argument("invalid database URL '" + redact_password(url) + "': " +
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

}  // namespace sqlmodel::db
