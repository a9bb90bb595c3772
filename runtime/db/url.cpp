// Connection URLs in SQLAlchemy's spelling, so a SQLModel user's URL works unchanged:
// sqlite:///relative.db, sqlite:////absolute.db, sqlite:///:memory: (and sqlite:// for memory),
// postgresql:// and postgres:// handed to libpq as they are.
#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace sqlmodel::db {
namespace {

constexpr std::string_view expected_forms =
    "expected sqlite:///relative.db, sqlite:////absolute/path.db, sqlite:///:memory: or "
    "postgresql://user:password@host:port/dbname";

constexpr std::string_view mask = "***";

// The password's span in the URL: after the first ':' of the userinfo, up to the last '@' before
// the query. Deliberately generous: a password holding an unescaped '/' or '@' is still one to
// hide, even though libpq will not parse the URL.
struct Span {
  std::size_t begin = 0, size = 0;
};
std::optional<Span> userinfo_password(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  const auto authority_begin = scheme_end + 3;
  const auto query = url.find_first_of("?#", authority_begin);
  const auto at = url.rfind('@', query == std::string_view::npos ? url.size() : query);
  if (at == std::string_view::npos || at < authority_begin) return std::nullopt;
  const auto colon = url.find(':', authority_begin);
  if (colon == std::string_view::npos || colon > at) return std::nullopt;
  return Span{colon + 1, at - colon - 1};
}

// The values of "password=" query parameters.
std::vector<Span> password_parameters(std::string_view url) {
  std::vector<Span> spans;
  const auto query = url.find('?');
  if (query == std::string_view::npos) return spans;
  for (auto key = url.find("password=", query); key != std::string_view::npos;
       key = url.find("password=", key + 1)) {
    const char before = url[key - 1];
    if (before != '?' && before != '&') continue;
    const auto value_begin = key + std::string_view("password=").size();
    const auto value_end = url.find('&', value_begin);
    spans.push_back({value_begin, (value_end == std::string_view::npos ? url.size() : value_end) - value_begin});
  }
  return spans;
}

// "%41b" -> "Ab"; a malformed escape is kept as it is (libpq refuses it, quoting it).
std::string percent_decoded(std::string_view text) {
  std::string decoded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      decoded += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      decoded += text[i];
    }
  }
  return decoded;
}

void replace_all(std::string& text, std::string_view what, std::string_view with) {
  if (what.empty()) return;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size()))
    text.replace(at, what.size(), with);
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

namespace {

std::vector<Span> secret_spans(std::string_view url) {
  std::vector<Span> spans = password_parameters(url);
  if (auto password = userinfo_password(url)) spans.push_back(*password);
  return spans;
}

// Masks every other place a secret of the URL appears in `text`, as written and percent-decoded
// (a user name equal to the password, a message quoting it). Secrets shorter than
// `shortest_masked` stay: masking each "p" of a URL would garble it and hide nothing a guess
// would not find. Every occurrence is found in `text` as it was, and each run of hidden bytes
// becomes one mask: masking in place, one secret after another, let a secret such as "*" match
// the masks already written and grow the text threefold per secret (a fuzzer's URL with a
// dozen "password=*" took seconds).
void mask_each_occurrence(std::string& text, std::string_view url, std::size_t shortest_masked) {
  std::vector<bool> hidden(text.size(), false);
  bool any = false;
  std::vector<std::string> seen;
  auto hide = [&](std::string_view secret) {
    if (secret.empty() || std::find(seen.begin(), seen.end(), secret) != seen.end()) return;
    seen.emplace_back(secret);
    std::size_t covered = 0;  // occurrences come left to right: each byte is marked once
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 1)) {
      for (std::size_t i = std::max(at, covered); i < at + secret.size(); ++i) hidden[i] = true;
      covered = at + secret.size();
      any = true;
    }
  };
  for (const Span& span : secret_spans(url)) {
    const std::string_view secret = url.substr(span.begin, span.size);
    if (secret == mask || secret.size() < shortest_masked) continue;
    hide(secret);
    hide(percent_decoded(secret));
  }
  if (!any) return;
  std::string masked;
  masked.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (!hidden[i]) {
      masked += text[i++];
      continue;
    }
    masked += mask;
    while (i < text.size() && hidden[i]) ++i;
  }
  text = std::move(masked);
}

}  // namespace

std::string display_url(std::string_view url) {
  std::string shown(url);
  std::vector<Span> secrets = secret_spans(url);
  // Right to left, so the spans before each replacement keep their offsets.
  std::sort(secrets.begin(), secrets.end(), [](const Span& a, const Span& b) { return a.begin > b.begin; });
  for (const Span& secret : secrets) shown.replace(secret.begin, secret.size, mask);
  mask_each_occurrence(shown, url, 4);
  return shown;
}

std::string mask_url_secrets(std::string_view text, std::string_view url) {
  std::string masked(text);
  if (url.empty()) return masked;
  replace_all(masked, url, display_url(url));
  mask_each_occurrence(masked, url, 1);
  return masked;
}

}  // namespace sqlmodel::db
