// The revisions of a migrations directory as a graph, as in Alembic: each revision names its
// parents; a revision nobody names as parent is a head; two heads are two branches, joined by a
// merge revision with both as parents. Revision sets ("applied") are closed under ancestors,
// so branches and merges need no special case in the paths below.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "migration_file.hpp"
#include "schema/naming.hpp"

namespace sqlmodel::migrate {

// A problem with the graph or with a revision argument (unknown or ambiguous revision,
// several heads where one is needed, a relative step that leaves the graph).
// what() is a C string: a NUL in a revision argument is written \x00, not the end of the message.
class RevisionError : public std::runtime_error {
 public:
  explicit RevisionError(const std::string& message) : std::runtime_error(schema::naming::printable(message)) {}
};

class RevisionGraph {
 public:
  // Checks the graph: unique revision ids, known parents, no cycles. Errors name the files.
  explicit RevisionGraph(std::vector<Migration> migrations);

  bool empty() const { return order_.empty(); }
  // Every revision, parents before children; among revisions free to go next, the one with
  // the lower file sequence (then revision id) first. The order replay uses.
  const std::vector<const Migration*>& in_order() const { return order_; }

  const Migration* find(std::string_view revision) const;
  const Migration& at(std::string_view revision) const;  // throws RevisionError
  std::vector<std::string> children(std::string_view revision) const;

  std::vector<std::string> heads() const;  // in replay order
  std::vector<std::string> bases() const;
  // The only head; with none, nullopt (no migrations yet). Several: RevisionError naming them.
  std::optional<std::string> single_head() const;

  // A revision argument:
  //   base               nullopt (before the first revision)
  //   head               the only head (error when there are several)
  //   <rev>              a revision id, or a prefix of at least 4 digits matching one revision
  //   <rev>+N, <rev>-N   N steps up (towards the head) or down (towards base) from <rev>;
  //   head-N             also from head
  //   +N, -N             relative to `current` (the database's revision; error without one)
  // Stepping through a branch point (up) or a merge (down) is ambiguous and refused.
  std::optional<std::string> resolve(std::string_view spec, const std::optional<std::string>& current = {}) const;

  // `revision` and everything before it; empty for nullopt (base).
  std::set<std::string> ancestors(const std::optional<std::string>& revision) const;

  // From a state (applied revisions, closed under ancestors) to `target`: the revisions to
  // upgrade, parents first, or to downgrade, children first.
  std::vector<const Migration*> upgrade_path(const std::set<std::string>& applied,
                                             const std::optional<std::string>& target) const;
  std::vector<const Migration*> downgrade_path(const std::set<std::string>& applied,
                                               const std::optional<std::string>& target) const;

 private:
  std::string step_up(const std::string& from, long steps) const;

  std::vector<Migration> migrations_;
  std::map<std::string, std::size_t, std::less<>> by_revision_;
  std::map<std::string, std::vector<std::string>, std::less<>> children_;
  std::vector<const Migration*> order_;
  std::map<std::string, std::size_t> position_;  // in order_
};

// Reads every migration file of `directory` (files ending in .json; anything else there is
// left alone) into a graph. A missing directory is an error naming it.
RevisionGraph read_migrations_directory(const std::filesystem::path& directory);

}  // namespace sqlmodel::migrate
