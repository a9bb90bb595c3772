#include "revision_graph.hpp"

#include <algorithm>
#include <charconv>

namespace sqlmodel::migrate {
namespace {

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

std::string file_of(const Migration& migration) {
  return migration.path.empty() ? "revision " + migration.revision : migration.path.string();
}

}  // namespace

RevisionGraph::RevisionGraph(std::vector<Migration> migrations) : migrations_(std::move(migrations)) {
  for (std::size_t i = 0; i < migrations_.size(); ++i) {
    auto [it, fresh] = by_revision_.emplace(migrations_[i].revision, i);
    if (!fresh)
      throw RevisionError(file_of(migrations_[i]) + ": revision " + migrations_[i].revision +
                          " is also the revision of " + file_of(migrations_[it->second]));
  }
  for (const auto& migration : migrations_)
    for (const auto& parent : migration.parents) {
      if (!by_revision_.count(parent))
        throw RevisionError(file_of(migration) + ": parent revision " + parent +
                            " is not in the migrations directory");
      children_[parent].push_back(migration.revision);
    }

  // Kahn's algorithm; the ready set ordered by (sequence, revision) keeps replay stable.
  auto rank = [&](const std::string& revision) {
    const auto& migration = migrations_[by_revision_.find(revision)->second];
    return std::make_pair(migration.sequence, migration.revision);
  };
  std::map<std::string, std::size_t> waiting;  // unplaced parents
  std::set<std::pair<int, std::string>> ready;
  for (const auto& migration : migrations_) {
    waiting[migration.revision] = migration.parents.size();
    if (migration.parents.empty()) ready.insert(rank(migration.revision));
  }
  while (!ready.empty()) {
    auto next = ready.begin()->second;
    ready.erase(ready.begin());
    position_[next] = order_.size();
    order_.push_back(&migrations_[by_revision_.find(next)->second]);
    for (const auto& child : children_[next])
      if (--waiting[child] == 0) ready.insert(rank(child));
  }
  if (order_.size() != migrations_.size()) {
    std::vector<std::string> stuck;
    for (const auto& migration : migrations_)
      if (!position_.count(migration.revision)) stuck.push_back(file_of(migration));
    throw RevisionError("the parents of these migrations form a cycle: " + join(stuck));
  }
}

const Migration* RevisionGraph::find(std::string_view revision) const {
  auto found = by_revision_.find(revision);
  return found == by_revision_.end() ? nullptr : &migrations_[found->second];
}

const Migration& RevisionGraph::at(std::string_view revision) const {
  if (const Migration* migration = find(revision)) return *migration;
  throw RevisionError("unknown revision " + in_quotes(revision));
}

std::vector<std::string> RevisionGraph::children(std::string_view revision) const {
  auto found = children_.find(revision);
  return found == children_.end() ? std::vector<std::string>{} : found->second;
}

std::vector<std::string> RevisionGraph::heads() const {
  std::vector<std::string> result;
  for (const Migration* migration : order_)
    if (children(migration->revision).empty()) result.push_back(migration->revision);
  return result;
}

std::vector<std::string> RevisionGraph::bases() const {
  std::vector<std::string> result;
  for (const Migration* migration : order_)
    if (migration->parents.empty()) result.push_back(migration->revision);
  return result;
}

std::optional<std::string> RevisionGraph::single_head() const {
  auto all = heads();
  if (all.empty()) return std::nullopt;
  if (all.size() > 1)
    throw RevisionError("there are " + std::to_string(all.size()) + " heads (" + join(all) +
                        "); join them with `sqlmodel-migrate merge` or name a revision");
  return all.front();
}

std::string RevisionGraph::step_up(const std::string& from, long steps) const {
  std::string revision = from;
  for (long i = 0; i < steps; ++i) {
    auto next = children(revision);
    if (next.empty())
      throw RevisionError("cannot go " + std::to_string(steps) + " up from " + from + ": " + revision + " is a head");
    if (next.size() > 1)
      throw RevisionError("cannot go up from " + revision + ": it is a branch point (" + join(next) +
                          "); name the revision");
    revision = next.front();
  }
  return revision;
}

std::optional<std::string> RevisionGraph::resolve(std::string_view spec, const std::optional<std::string>& current) const {
  if (spec.empty()) throw RevisionError("empty revision");
  if (spec == "base") return std::nullopt;

  // A trailing +N or -N; the rest names the starting revision.
  std::string_view anchor = spec;
  long steps = 0;
  auto sign = spec.find_last_of("+-");
  if (sign != std::string_view::npos) {
    auto digits = spec.substr(sign + 1);
    long value = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size())
      throw RevisionError("bad revision " + in_quotes(spec) + ": expected a number after " + std::string(1, spec[sign]));
    steps = spec[sign] == '+' ? value : -value;
    anchor = spec.substr(0, sign);
  }

  std::optional<std::string> start;
  if (anchor.empty()) {
    if (!current)
      throw RevisionError("relative revision " + in_quotes(spec) + " needs a current revision, and there is none");
    start = current;
  } else if (anchor == "head") {
    start = single_head();
    if (!start) throw RevisionError("there are no migrations yet, so no head");
  } else if (anchor == "base") {
    if (steps <= 0) return std::nullopt;
    auto roots = bases();
    if (roots.size() != 1) throw RevisionError("base+N needs exactly one base revision; there are " + std::to_string(roots.size()));
    start = roots.front();
    --steps;
  } else {
    if (find(anchor)) {
      start = std::string(anchor);
    } else {
      std::vector<std::string> matches;
      if (anchor.size() >= 4)
        for (const auto& [revision, index] : by_revision_)
          if (revision.starts_with(anchor)) matches.push_back(revision);
      if (matches.empty()) throw RevisionError("unknown revision " + in_quotes(anchor));
      if (matches.size() > 1)
        throw RevisionError("revision prefix " + in_quotes(anchor) + " is ambiguous: " + join(matches));
      start = matches.front();
    }
  }
  if (steps == 0) return start;
  // Going down past the base lands on base itself.
  if (steps < 0) {
    std::string revision = *start;
    for (long i = 0; i < -steps; ++i) {
      const auto& parents = at(revision).parents;
      if (parents.empty()) {
        if (i + 1 == -steps) return std::nullopt;
        throw RevisionError("cannot go " + std::to_string(-steps) + " down from " + *start + ": it is " +
                            std::to_string(i + 1) + " step(s) above base");
      }
      if (parents.size() > 1)
        throw RevisionError("cannot go down from " + revision + ": it is a merge of " + join(parents) + "; name the revision");
      revision = parents.front();
    }
    return revision;
  }
  return step_up(*start, steps);
}

std::set<std::string> RevisionGraph::ancestors(const std::optional<std::string>& revision) const {
  std::set<std::string> result;
  if (!revision) return result;
  std::vector<std::string> pending{at(*revision).revision};
  while (!pending.empty()) {
    auto next = std::move(pending.back());
    pending.pop_back();
    if (!result.insert(next).second) continue;
    for (const auto& parent : at(next).parents) pending.push_back(parent);
  }
  return result;
}

std::vector<const Migration*> RevisionGraph::upgrade_path(const std::set<std::string>& applied,
                                                          const std::optional<std::string>& target) const {
  auto wanted = ancestors(target);
  std::vector<const Migration*> path;
  for (const Migration* migration : order_)
    if (wanted.count(migration->revision) && !applied.count(migration->revision)) path.push_back(migration);
  return path;
}

std::vector<const Migration*> RevisionGraph::downgrade_path(const std::set<std::string>& applied,
                                                            const std::optional<std::string>& target) const {
  auto kept = ancestors(target);
  std::vector<const Migration*> path;
  for (auto it = order_.rbegin(); it != order_.rend(); ++it)
    if (applied.count((*it)->revision) && !kept.count((*it)->revision)) path.push_back(*it);
  return path;
}

RevisionGraph read_migrations_directory(const std::filesystem::path& directory) {
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error))
    throw RevisionError(directory.string() + ": the migrations directory does not exist (run `sqlmodel-migrate init`)");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory))
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<Migration> migrations;
  migrations.reserve(files.size());
  for (const auto& file : files) migrations.push_back(read_migration_file(file));
  return RevisionGraph(std::move(migrations));
}

}  // namespace sqlmodel::migrate
