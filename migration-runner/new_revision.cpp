#include "new_revision.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include <unistd.h>

#include "schema/naming.hpp"

namespace sqlmodel::migrate {
namespace {

bool is_revision_id(const std::string& text) {
  return !text.empty() && text.size() <= 32 &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

void write_exclusively(const std::filesystem::path& path, const std::string& text) {
  // A sibling first, then a hard link to the final name: link() fails when the name exists,
  // so a concurrent `revision` never overwrites this one, and readers never see half a file.
  auto temporary = path;
  temporary += ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) throw MigrationFileError(path.string(), "", std::string("cannot write: ") + std::strerror(errno));
  }
  if (::link(temporary.c_str(), path.c_str()) != 0) {
    int error = errno;
    std::remove(temporary.c_str());
    throw MigrationFileError(path.string(), "", std::string("cannot create: ") + std::strerror(error));
  }
  std::remove(temporary.c_str());
}

}  // namespace

Migration write_new_revision(const std::filesystem::path& directory, const RevisionGraph& graph,
                             NewRevision revision) {
  Migration migration;
  migration.revision = revision.revision.value_or(new_revision_id());
  if (!is_revision_id(migration.revision))
    throw RevisionError("revision id \"" + migration.revision + "\" must be 1 to 32 lower-case hex digits");
  if (const Migration* existing = graph.find(migration.revision))
    throw RevisionError("revision " + migration.revision + " already exists (" + existing->path.string() + ")");
  migration.parents = std::move(revision.parents);
  migration.message = std::move(revision.message);
  migration.created = utc_timestamp_now();
  migration.upgrade = std::move(revision.upgrade);
  migration.downgrade = std::move(revision.downgrade);
  migration.phase = revision.phase;
  migration.lock_timeout_ms = revision.lock_timeout_ms;
  migration.lock_retries = revision.lock_retries;

  int sequence = 0;
  for (const Migration* existing : graph.in_order()) sequence = std::max(sequence, existing->sequence);
  const auto path = directory / migration_file_name(sequence + 1, migration.revision, migration.message);
  // The file is JSON, which is UTF-8: say which byte of -m is not, rather than nlohmann's error.
  if (auto offset = schema::naming::invalid_utf8_offset(migration.message)) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02x", static_cast<unsigned char>(migration.message[*offset]));
    throw MigrationFileError(path.string(), "/message",
                             "the message (-m) is not valid UTF-8: byte " + std::string(byte) + " at offset " +
                                 std::to_string(*offset) + "; nothing was written");
  }
  write_exclusively(path, write_migration(migration));
  return read_migration_file(path);
}

}  // namespace sqlmodel::migrate
