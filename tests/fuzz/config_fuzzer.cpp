// sqlmodel.toml: any bytes as the project file.
#include "fuzz_target.hpp"
#include "project_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sqlmodel;
  fuzz::expect_only<migrate::ConfigError>(
      [&] { (void)migrate::read_project_config_text(fuzz::as_text(data, size), "project/sqlmodel.toml"); });
  return 0;
}
