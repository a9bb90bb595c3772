#include "sqlmodel/detail/flush_plan.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>

namespace sqlmodel::detail {
namespace {

std::size_t address_hash(const void* address) {
  auto bits = reinterpret_cast<std::uintptr_t>(address);
  return static_cast<std::size_t>((bits >> 4) * 0x9E3779B97F4A7C15ull);
}

}  // namespace

NodeId FlushPlan::find(const void* object) const {
  if (by_address_.empty()) return no_node;
  const std::size_t mask = by_address_.size() - 1;
  for (std::size_t slot = address_hash(object) & mask;; slot = (slot + 1) & mask) {
    const auto& [address, node] = by_address_[slot];
    if (address == object) return node;
    if (!address) return no_node;
  }
}

void FlushPlan::reserve(std::size_t count) {
  nodes.reserve(count);
  if (count < used_) return;
  std::size_t slots = 64;
  while (slots < count * 2 + 2) slots *= 2;
  if (slots <= by_address_.size()) return;
  std::vector<std::pair<const void*, NodeId>> old(slots);
  old.swap(by_address_);
  used_ = 0;
  const std::size_t mask = by_address_.size() - 1;
  for (const auto& [address, node] : old) {
    if (!address) continue;
    std::size_t slot = address_hash(address) & mask;
    while (by_address_[slot].first) slot = (slot + 1) & mask;
    by_address_[slot] = {address, node};
    ++used_;
  }
}

NodeId FlushPlan::add(void* object, const ModelPlanInfo* model, std::shared_ptr<void> shared, NodeAction action,
                      std::uint32_t segment) {
  const NodeId id = static_cast<NodeId>(nodes.size());
  if ((used_ + 1) * 2 > by_address_.size()) reserve(std::max<std::size_t>(used_ + 1, nodes.size()) * 2);
  const std::size_t mask = by_address_.size() - 1;
  std::size_t slot = address_hash(object) & mask;
  while (by_address_[slot].first) slot = (slot + 1) & mask;
  by_address_[slot] = {object, id};
  ++used_;
  FlushNode& node = nodes.emplace_back();
  node.object = object;
  node.model = model;
  node.shared = std::move(shared);
  node.action = action;
  node.segment = segment;
  return id;
}

void FlushPlan::index_assignments() {
  if (indexed_assignments_ == assignments.size() && assignment_start_.size() == nodes.size() + 1) return;
  assignment_start_.assign(nodes.size() + 1, 0);
  for (const KeyAssignment& assignment : assignments) ++assignment_start_[assignment.target + 1];
  for (std::size_t i = 1; i < assignment_start_.size(); ++i) assignment_start_[i] += assignment_start_[i - 1];
  assignment_order_.assign(assignments.size(), 0);
  std::vector<std::uint32_t> next(assignment_start_.begin(), assignment_start_.end() - 1);
  for (std::uint32_t i = 0; i < assignments.size(); ++i) assignment_order_[next[assignments[i].target]++] = i;
  indexed_assignments_ = assignments.size();
}

std::span<const std::uint32_t> FlushPlan::indexed_assignments_of(NodeId node) {
  index_assignments();
  return std::span<const std::uint32_t>(assignment_order_.data() + assignment_start_[node],
                                        assignment_start_[node + 1] - assignment_start_[node]);
}

void FlushPlan::drop_views(NodeId node, std::span<bool> changed) {
  if (nodes[node].staged) return;
  for (std::uint32_t view = nodes[node].last_view; view != no_view; view = views[view].previous) {
    const std::uint32_t column = views[view].column_index;
    const auto mine = assignments_of(node);
    const bool assigned = std::any_of(mine.begin(), mine.end(),
                                      [&](std::uint32_t index) { return assignments[index].column->column_index == column; });
    if (!assigned) changed[column] = false;
  }
}

namespace {

// The models of the flush ranked so that a model comes after the models its foreign keys
// refer to (ties and cycles between models: the order they first appear in).
std::map<const void*, std::size_t> rank_models(const std::vector<FlushNode>& nodes, std::span<const NodeId> members) {
  std::vector<const ModelPlanInfo*> models;
  std::map<const void*, std::size_t> first_seen;
  for (NodeId id : members) {
    const ModelPlanInfo* model = nodes[id].model;
    if (first_seen.emplace(model->model, models.size()).second) models.push_back(model);
  }
  std::map<const void*, std::vector<const void*>> after;  // a -> models whose rows go after a's
  std::map<const void*, std::size_t> before_count;
  for (const ModelPlanInfo* model : models) before_count[model->model];
  for (const ModelPlanInfo* model : models)
    for (const auto& [a, b] : model->order_edges()) {
      if (a == b || !first_seen.count(a) || !first_seen.count(b)) continue;
      auto& list = after[a];
      if (std::find(list.begin(), list.end(), b) != list.end()) continue;
      list.push_back(b);
      ++before_count[b];
    }
  std::map<const void*, std::size_t> rank;
  std::vector<bool> placed(models.size(), false);
  while (rank.size() < models.size()) {
    // The first model (in order of appearance) with nothing left before it; on a cycle, the
    // first one not placed yet.
    std::size_t pick = models.size();
    for (std::size_t i = 0; i < models.size(); ++i)
      if (!placed[i] && before_count[models[i]->model] == 0) {
        pick = i;
        break;
      }
    if (pick == models.size())
      for (std::size_t i = 0; i < models.size(); ++i)
        if (!placed[i]) {
          pick = i;
          break;
        }
    placed[pick] = true;
    rank[models[pick]->model] = rank.size();
    for (const void* next : after[models[pick]->model])
      if (before_count[next] > 0) --before_count[next];
  }
  return rank;
}

}  // namespace

std::vector<std::vector<NodeId>> FlushPlan::schedule(std::uint32_t segment) {
  std::vector<NodeId> members;
  members.reserve(nodes.size());
  const ModelPlanInfo* only_model = nullptr;  // the one model of every member, or nullptr
  bool first = true;
  for (NodeId id = 0; id < nodes.size(); ++id) {
    const FlushNode& node = nodes[id];
    if (node.segment != segment || !node.writes || node.deleted || node.written) continue;
    members.push_back(id);
    if (first) only_model = node.model;
    else if (node.model != only_model) only_model = nullptr;
    first = false;
  }
  std::vector<std::vector<NodeId>> groups;
  if (members.empty()) return groups;

  // Edges: an insert's key goes into another written row's foreign key.
  auto waits_on = [&](const KeyAssignment& assignment) {
    return !assignment.deferred && !assignment.applied && assignment.source != no_node &&
           nodes[assignment.source].action == NodeAction::insert && !nodes[assignment.source].written &&
           nodes[assignment.target].writes && !nodes[assignment.target].deleted &&
           nodes[assignment.target].segment == segment;
  };
  std::vector<std::uint32_t> edges;
  for (std::uint32_t i = 0; i < assignments.size(); ++i)
    if (waits_on(assignments[i])) edges.push_back(i);
  if (edges.empty() && only_model) {
    groups.push_back(std::move(members));
    return groups;
  }

  // The rank of each member's model (a flush of many rows has few models: the last one found
  // is asked first).
  const auto rank = rank_models(nodes, members);
  std::vector<std::size_t> node_rank(nodes.size(), 0);
  const ModelPlanInfo* last_model = nullptr;
  std::size_t last_rank = 0;
  for (NodeId id : members) {
    if (nodes[id].model != last_model) {
      last_model = nodes[id].model;
      last_rank = rank.at(last_model->model);
    }
    node_rank[id] = last_rank;
  }
  // Rows of one level, ordered by their models' ranks (stable: staged order within a model),
  // cut into groups of one model.
  auto emit_level = [&](std::vector<NodeId>& level) {
    if (rank.size() > 1)
      std::stable_sort(level.begin(), level.end(), [&](NodeId a, NodeId b) { return node_rank[a] < node_rank[b]; });
    for (std::size_t i = 0; i < level.size(); ++i) {
      if (i == 0 || nodes[level[i]].model != nodes[level[i - 1]].model) groups.emplace_back();
      groups.back().push_back(level[i]);
    }
  };

  for (NodeId id : members) nodes[id].waiting = 0;
  for (std::uint32_t i : edges) ++nodes[assignments[i].target].waiting;
  if (edges.empty()) {
    emit_level(members);
    return groups;
  }
  std::multimap<NodeId, std::uint32_t> dependents;  // source -> assignments waiting for it
  for (std::uint32_t i : edges) dependents.emplace(assignments[i].source, i);

  std::vector<bool> done(nodes.size(), false);
  std::size_t remaining = members.size();
  while (remaining > 0) {
    std::vector<NodeId> ready;
    for (NodeId id : members)
      if (!done[id] && nodes[id].waiting == 0) ready.push_back(id);
    if (ready.empty()) {
      // A cycle: walk back along unmet needs from a waiting row until a row repeats, then defer
      // one assignment on that loop (a nullable one), as SQLAlchemy's post_update does.
      NodeId at = no_node;
      for (NodeId id : members)
        if (!done[id]) {
          at = id;
          break;
        }
      std::vector<std::uint32_t> path;  // assignment indexes, walking from targets to sources
      std::map<NodeId, std::size_t> seen;
      while (!seen.count(at)) {
        seen[at] = path.size();
        std::uint32_t step = ~0u;
        for (std::uint32_t i : assignments_of(at))
          if (waits_on(assignments[i]) && !done[assignments[i].source]) {
            step = i;
            break;
          }
        if (step == ~0u) throw std::logic_error("flush: no row is ready and none waits (a bug in the flush)");
        path.push_back(step);
        at = assignments[step].source;
      }
      std::span<const std::uint32_t> loop(path.data() + seen[at], path.size() - seen[at]);
      std::uint32_t deferred = ~0u;
      for (std::uint32_t i : loop)
        if (assignments[i].column->nullable) {
          deferred = i;
          break;
        }
      if (deferred == ~0u) {
        std::string message = "the flush cannot order these rows: each needs another's key first (";
        for (std::size_t k = 0; k < loop.size(); ++k) {
          const KeyAssignment& assignment = assignments[loop[k]];
          message += (k ? ", " : "") + std::string(assignment.column->table) + "." +
                     std::string(assignment.column->column) + " through " + std::string(assignment.relationship);
        }
        message += ") and none of these foreign key columns is nullable, so none can be written "
                   "by an UPDATE after the INSERTs; make one of them std::optional";
        throw std::logic_error(message);
      }
      assignments[deferred].deferred = true;
      --nodes[assignments[deferred].target].waiting;
      continue;
    }
    for (NodeId id : ready) done[id] = true;
    remaining -= ready.size();
    for (NodeId id : ready) {
      auto [begin, end] = dependents.equal_range(id);
      for (auto it = begin; it != end; ++it) {
        KeyAssignment& assignment = assignments[it->second];
        if (!assignment.deferred && nodes[assignment.target].waiting > 0) --nodes[assignment.target].waiting;
      }
    }
    emit_level(ready);
  }
  return groups;
}

}  // namespace sqlmodel::detail
