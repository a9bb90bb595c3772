// Database URLs: parsing, and the masking of their secrets in what is printed. Whatever the
// URL, the password never survives masking, in display_url() or in a message quoting the URL.
#include <stdexcept>
#include <string>

#include "db/connection.hpp"
#include "fuzz_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sqlmodel;
  const std::string_view url = fuzz::as_text(data, size);
  fuzz::expect_only<std::invalid_argument>([&] { (void)db::parse_url(url); });
  const std::string shown = db::display_url(url);
  const std::string message = db::mask_url_secrets("could not parse \"" + std::string(url) + "\": " + std::string(url), url);
  // A userinfo password of a postgresql:// URL (between the first ':' after "://" and the last
  // '@' before the query) must not be in what is shown.
  const auto scheme = url.find("://");
  if (scheme != std::string_view::npos && url.substr(0, scheme) == "postgresql") {
    const auto query = url.find_first_of("?#", scheme + 3);
    const auto at = url.rfind('@', query == std::string_view::npos ? url.size() : query);
    const auto colon = url.find(':', scheme + 3);
    if (at != std::string_view::npos && at > scheme + 3 && colon != std::string_view::npos && colon < at) {
      const std::string_view password = url.substr(colon + 1, at - colon - 1);
      if (password.size() >= 4 && password != "***" &&
          (shown.find(password) != std::string::npos || message.find(password) != std::string::npos))
        std::abort();
    }
  }
  return 0;
}
