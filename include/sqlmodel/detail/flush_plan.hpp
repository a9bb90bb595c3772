// The plan of one flush (Session::flush): the objects it writes, the foreign keys it fills in
// from other objects' keys, and the order of the statements. The model-independent part
// (node bookkeeping, the order by foreign keys, breaking cycles) is compiled once in
// runtime/orm/flush_plan.cpp; detail/unit_of_work.hpp fills the plan from the models.
#pragma once

#include <cstddef>
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sqlmodel/detail/row_state.hpp"
#include "sqlmodel/dialect.hpp"

namespace sqlmodel::detail {

using NodeId = std::uint32_t;
inline constexpr NodeId no_node = ~NodeId{0};

// What the flush does to one object.
enum class NodeAction : std::uint8_t {
  none,        // a row the session never read, reached through a relationship: only its key is used
  insert,
  update,      // a row the session knows: the columns that changed since it was read or written
  update_all,  // Session::update() of a row the session never read: every column
  update_assigned,  // a row the session never read whose foreign key a relationship changed: that column
};

// One foreign key column the flush writes: `row`'s column takes the key of another model's
// row. Compiled per (model, foreign key member, target model, key member): foreign_key_of<>.
struct ForeignKeyColumn {
  std::string_view model;         // "Post"
  std::string_view table;         // "posts"
  std::string_view column;        // "user_id"
  std::size_t column_index;       // in the model's columns
  bool nullable;
  void (*assign)(void* row, const void* source);  // row.fk = source.key
  void (*assign_null)(void* row);                 // row.fk = NULL (nullable columns only)
};

class FlushPlan;
struct FlushNode;

// A model's part of the plan that does not depend on the session type (unit_of_work.hpp
// derives the rest).
struct ModelPlanInfo {
  const void* model;  // one address per model
  std::string_view model_name;
  std::string_view table_name;
  bool has_relationships;  // false: nothing to walk or settle
  bool prepares_insert;    // false: an INSERT needs no default, version or validation
  // Pairs (a, b): rows of model a go before rows of model b (b holds a foreign key to a),
  // from this model's relationships.
  std::vector<std::pair<const void*, const void*>> (*order_edges)();
  // The object's columns kept in the plan's undo arena, and put back.
  void (*save)(FlushPlan&, FlushNode&);
  void (*restore)(FlushPlan&, const FlushNode&);
  std::string (*key_text)(const void*);
  bool (*key_unset)(const void*);  // a key column is unset: the row is not in the database yet
};

inline constexpr std::uint32_t no_view = ~std::uint32_t{0};

struct FlushNode {
  // Packed (72 bytes): a flush of many new rows walks this array several times.
  void* object;
  const ModelPlanInfo* model;
  std::shared_ptr<void> shared;  // the object as shared, when the flush reached it through one
  NodeAction action = NodeAction::none;
  bool saved = false;          // its state before the flush is in the undo arena at undo_offset
  bool unset_key = false;      // its generated key was unset before the flush (undo: unset it)
  bool written = false;        // a statement wrote it
  bool deleted = false;        // an orphan the flush deleted
  bool writes = false;         // the plan writes it (insert, or an update with something to write)
  bool staged = false;         // add()/update() named it (not only reached through a relationship)
  bool has_row_after = false;  // an UPDATE wrote some columns: the row's state is at row_after_offset
  std::uint32_t segment = 0;
  std::uint32_t last_view = no_view;  // its newest RelationshipView, chained through `previous`
  // The generation of the load of the relationship it was reached through (its changes are
  // counted from that read, RowStateTable::find_as_read); unknown_generation when staged or
  // handed to a relationship by the caller.
  std::uint32_t read_generation = unknown_generation;
  std::uint32_t waiting = 0;  // unwritten inserts whose keys it needs
  std::uint64_t row_after_offset = 0;
  std::uint64_t undo_offset = 0;
};

// A foreign key of an object reached through a relationship that only repeats what a loaded,
// unchanged relationship shows (a list's item holds the list owner's key, an object holds its
// loaded to-one target's key). The relationship may be an old copy of a row another object has
// moved since: the flush does not write that column back unless the flush itself assigns it.
struct RelationshipView {
  std::uint32_t column_index;
  std::uint32_t previous;  // the node's older view, or no_view
};

// `target`'s foreign key takes `source`'s key (`source` = no_node: NULL).
struct KeyAssignment {
  NodeId target;
  NodeId source;
  const ForeignKeyColumn* column;
  std::string_view relationship;  // "User.posts", for errors
  bool deferred = false;          // written by an UPDATE after the inserts (breaks a cycle)
  bool applied = false;
};

// An object taken out of a relationship: deleted (delete_orphan) or its foreign key set NULL,
// unless another relationship of the flush gives it a new one.
struct Orphan {
  NodeId node;
  const ForeignKeyColumn* column;
  bool delete_orphan;
  std::string_view relationship;
};

class FlushPlan {
 public:
  explicit FlushPlan(schema::Dialect dialect) : dialect(dialect) {}

  schema::Dialect dialect;
  std::vector<FlushNode> nodes;
  std::vector<KeyAssignment> assignments;
  std::vector<RelationshipView> views;
  StateArena undo;
  StateArena rows_after;  // the rows' states after partial UPDATEs (FlushNode::row_after_offset)
  std::uint32_t segments = 1;
  // Run after every statement succeeded: the relationships' other sides, link rows put in
  // their lists, lists marked loaded.
  std::vector<std::function<void()>> on_success;
  std::vector<Orphan> orphans;
  // Statements of a segment after its inserts and updates (link rows of items taken out, the
  // orphans of a collection replaced without being loaded).
  std::vector<std::pair<std::uint32_t, std::function<void()>>> after_writes;
  // Link rows the flush made for many-to-many items appended without one: (link node, owner
  // node, item node). An association object of the flush writing the same row replaces it.
  std::vector<std::array<NodeId, 3>> implicit_links;
  std::vector<std::pair<NodeId, NodeId>> replaced_links;  // (implicit link node, the association object's node)

  // Keeps the node's columns before the flush first changes its object.
  void ensure_saved(NodeId id) {
    FlushNode& node = nodes[id];
    if (!node.saved) node.model->save(*this, node);
  }

  // The node of `object`, or no_node.
  NodeId find(const void* object) const;
  NodeId add(void* object, const ModelPlanInfo* model, std::shared_ptr<void> shared, NodeAction action,
             std::uint32_t segment);
  // A node find() does not find: for objects nothing can reach or repeat.
  NodeId add_unindexed(void* object, const ModelPlanInfo* model, const std::shared_ptr<void>& shared,
                       NodeAction action, std::uint32_t segment) {
    const auto id = static_cast<NodeId>(nodes.size());
    FlushNode& node = nodes.emplace_back();
    node.object = object;
    node.model = model;
    if (shared) node.shared = shared;
    node.action = action;
    node.segment = segment;
    return id;
  }
  // Room for `count` nodes without growing.
  void reserve(std::size_t count);

  // Assignments with no source being inserted are applied at once by the caller; the others
  // order the writes. Returns, for `segment`, groups of nodes of one model each, in an order
  // where every insert comes after the inserts whose keys it needs. Assignments on a cycle
  // (two rows needing each other's key, a row needing its own) are marked deferred, the one
  // on a nullable column first; a cycle without one is an error naming its columns.
  std::vector<std::vector<NodeId>> schedule(std::uint32_t segment);

  // The assignments whose target is `node` (inline: a flush of plain inserts asks for every
  // node and has none).
  std::span<const std::uint32_t> assignments_of(NodeId node) {
    if (assignments.empty()) return {};
    return indexed_assignments_of(node);
  }

  void add_view(NodeId node, std::size_t column_index) {
    views.push_back({static_cast<std::uint32_t>(column_index), nodes[node].last_view});
    nodes[node].last_view = static_cast<std::uint32_t>(views.size() - 1);
  }
  // Clears in `changed` the columns of `node` that only repeat a relationship's view, when the
  // node was reached (not staged) and no assignment of the flush writes them.
  void drop_views(NodeId node, std::span<bool> changed);

 private:
  std::span<const std::uint32_t> indexed_assignments_of(NodeId node);
  void index_assignments();
  std::vector<std::pair<const void*, NodeId>> by_address_;  // open addressing, power of two
  std::size_t used_ = 0;
  std::vector<std::uint32_t> assignment_order_;  // assignment indexes sorted by target
  std::vector<std::uint32_t> assignment_start_;  // per node: its first in assignment_order_
  std::size_t indexed_assignments_ = ~std::size_t{0};
};

}  // namespace sqlmodel::detail
