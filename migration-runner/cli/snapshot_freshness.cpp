#include "snapshot_freshness.hpp"

#include <fstream>
#include <sstream>
#include <vector>

#include "version_table.hpp"  // sha256_hex

namespace sqlmodel::migrate::cli {

std::optional<std::string> stale_snapshot_reason(const ProjectConfig& config, const schema::Schema& snapshot) {
  if (snapshot.sources.empty()) return std::nullopt;
  std::vector<std::string> changed, missing;
  for (const auto& [file, digest] : snapshot.sources) {
    std::ifstream in(config.source_root / file, std::ios::binary);
    if (!in) {
      missing.push_back(file);
      continue;
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (sha256_hex(text.str()) != digest) changed.push_back(file);
  }
  if (changed.empty() && missing.empty()) return std::nullopt;
  auto list = [](const std::vector<std::string>& files) {
    std::string text;
    for (std::size_t i = 0; i < files.size(); ++i) text += (i ? ", " : "") + files[i];
    return text;
  };
  // Not one of them where the config says the sources are: the root is what is wrong.
  if (missing.size() == snapshot.sources.size())
    return "none of the model sources it names (" + list(missing) + ") is under the source root " +
           config.source_root.string() + ": set source_root under [migrations] in " + config.file.string() +
           " to the directory the snapshot's paths are relative to";
  std::string reason = "the snapshot is older than the models: ";
  if (!changed.empty())
    reason += list(changed) + (changed.size() == 1 ? " changed" : " changed") + " since it was written";
  if (!missing.empty()) reason += std::string(changed.empty() ? "" : "; ") + list(missing) + " no longer exist" + (missing.size() == 1 ? "s" : "");
  return reason + ". Build the models first (the build writes the snapshot), then run this again";
}

}  // namespace sqlmodel::migrate::cli
