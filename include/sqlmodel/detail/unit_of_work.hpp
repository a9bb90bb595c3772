// Session::flush as a unit of work (SQLAlchemy's save-update cascade), run on any session type
// S (Session, session.hpp) so this header does not need the session's definition.
//
// 1. Plan. The staged objects are the roots. From each, every loaded (or set) relationship is
//    followed, and each object reached is classified: an unset generated key (or a key the
//    session has never seen, for a natural key) is a new row to INSERT; a row the session read
//    or wrote is checked for changed columns; a row it never saw is left as it is, only its key
//    is used. Without an identity map an object reached through a loaded list may be an old
//    copy of a row that another copy has changed and flushed since: its changes are counted
//    from the row as its relationship loaded it (RowStateTable::find_as_read), and a foreign
//    key that only repeats what a loaded, unchanged relationship shows is not written from an
//    object the flush merely reached (FlushPlan::RelationshipView); a staged object is compared
//    with the row as the session last knew it, and its columns are written as they are. After
//    an UPDATE the session knows the row as the last state with the written columns replaced.
//    Each relationship that changed (or belongs to a new object) says which foreign key takes
//    which object's key: Post.author -> posts.user_id takes the author's id;
//    User.posts -> each added post's user_id takes the user's id; a many-to-many item -> a new
//    link row whose two keys come from both sides. Objects taken out of a to-many list (or
//    replaced in a one-to-one) are orphans: deleted with delete_orphan, else their foreign key
//    is set NULL, else (NOT NULL) the flush refuses before writing anything.
// 2. Prepare. Every object to be written gets its default factories, updated_at and version,
//    and is validated; a failure restores every object and writes nothing.
// 3. Write, in the staged order of add()/update() runs and delete_() calls; within a run,
//    rows in foreign-key order (flush_plan.cpp): updates, then inserts of each model, a model's
//    inserts after those of the models it refers to, a row after the rows whose keys it takes.
//    Keys come back (SQLite's rowid, PostgreSQL's RETURNING) and are written into the objects
//    and the foreign keys that wait for them. Rows needing each other's keys (a cycle) are
//    inserted with one nullable foreign key NULL and completed by an UPDATE afterwards.
// 4. After the last statement: the session records the rows' states, the relationships settle
//    (and their back_populates sides follow in memory). If any statement fails, the
//    transaction is rolled back and every object is restored to what it was before the flush
//    (no key assigned).
//
// Statements (docs/orm.md "What a flush runs"): one INSERT per new row on SQLite; on
// PostgreSQL one INSERT ... VALUES (...), (...) RETURNING per model and dependency level (up
// to 1,000 rows or 65,535 parameters each); one UPDATE per changed row (nothing for a row
// without changes), one per cycle-breaking foreign key; DELETEs as delete_() and the cascades
// run them.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "sqlmodel/detail/cascade.hpp"
#include "sqlmodel/detail/flush_plan.hpp"
#include "sqlmodel/detail/loaders.hpp"
#include "sqlmodel/detail/relationship_state.hpp"
#include "sqlmodel/detail/row_state.hpp"
#include "sqlmodel/detail/single_table.hpp"
#include "sqlmodel/detail/sql.hpp"
#include "sqlmodel/detail/statements.hpp"
#include "sqlmodel/detail/write_preparation.hpp"
#include "sqlmodel/dialect.hpp"
#include "sqlmodel/errors.hpp"
#include "sqlmodel/model_traits.hpp"
#include "sqlmodel/statement.hpp"
#include "sqlmodel/validation.hpp"

namespace sqlmodel::detail {

// ---- per model facts ----

// The index of T's version column (ColumnRole::version), or column_count<T>.
template <TableModel T>
consteval std::size_t version_index() {
  std::size_t found = column_count<T>;
  traits_for_each(model_traits<T>::columns, [&](auto index, const auto& column) {
    if (column.role == ColumnRole::version && found == column_count<T>) found = index;
  });
  return found;
}
template <TableModel T>
constexpr bool is_versioned() { return version_index<T>() < column_count<T>; }

template <TableModel T>
std::int64_t version_of(const T& object) {
  if constexpr (is_versioned<T>()) {
    const auto& value = object.*column_at<T, version_index<T>()>.member;
    if constexpr (is_optional_v<std::remove_cvref_t<decltype(value)>>) return value ? static_cast<std::int64_t>(*value) : 0;
    else return static_cast<std::int64_t>(value);
  } else {
    return 0;
  }
}
template <TableModel T>
void set_version(T& object, std::int64_t version) {
  if constexpr (is_versioned<T>()) {
    using V = unwrap_optional_t<typename std::remove_cvref_t<decltype(column_at<T, version_index<T>()>)>::value_type>;
    object.*column_at<T, version_index<T>()>.member = static_cast<V>(version);
  }
}

// True when a key column of `object` is unset (std::nullopt, or 0 for a generated integer key):
// the row does not exist yet.
template <TableModel T>
bool has_unset_key(const T& object) {
  bool unset = false;
  for_each_key_column<T>([&](const auto& column) {
    const auto& value = object.*std::remove_cvref_t<decltype(column)>::member;
    if constexpr (is_optional_v<std::remove_cvref_t<decltype(value)>>) unset = unset || !value;
    else if (column.autoincrement) unset = unset || key_is_unset(value);
  });
  return unset;
}

// Assigning a key value to a foreign key member of another type (std::optional or not).
template <typename To, typename From>
void assign_key_value(To& to, const From& from) {
  if constexpr (is_optional_v<From>) {
    if constexpr (is_optional_v<To>) {
      if (from) to = static_cast<unwrap_optional_t<To>>(*from);
      else to.reset();
    } else {
      if (!from) throw std::logic_error("a foreign key takes the key of a row that has none yet (a bug in the flush order)");
      to = static_cast<To>(*from);
    }
  } else {
    to = static_cast<unwrap_optional_t<To>>(from);
  }
}

template <TableModel Row, auto ForeignKey, TableModel Source, auto Key>
inline const ForeignKeyColumn foreign_key_of = [] {
  constexpr std::size_t index = column_index_of<Row, ForeignKey>();
  constexpr const auto& column = column_at<Row, index>;
  using Value = typename member_pointer_traits<ForeignKey>::value_type;
  ForeignKeyColumn result{model_traits<Row>::model_name, model_traits<Row>::table_name, column.name, index,
                          column.nullable && is_optional_v<Value>,
                          [](void* row, const void* source) {
                            assign_key_value(static_cast<Row*>(row)->*ForeignKey,
                                             static_cast<const Source*>(source)->*Key);
                          },
                          [](void* row) {
                            if constexpr (is_optional_v<Value>) (static_cast<Row*>(row)->*ForeignKey).reset();
                          }};
  return result;
}();

// The index of Target's relationship named `name` that leads back to Model, or the count.
template <TableModel Target, TableModel Model>
consteval std::size_t relationship_named(std::string_view name) {
  std::size_t found = relationship_count<Target>(), index = 0;
  if (name.empty()) return found;
  for_each_relationship<Target>([&](const auto& relationship) {
    using R = std::remove_cvref_t<decltype(relationship)>;
    if constexpr (std::is_base_of_v<typename R::target_type, Model> || std::is_base_of_v<Model, typename R::target_type>)
      if (found == relationship_count<Target>() && relationship.name == name) found = index;
    ++index;
  });
  return found;
}

// ---- the session-typed part of a model's plan ----

template <typename S>
struct ModelOps : ModelPlanInfo {
  void (*walk)(S&, FlushPlan&, NodeId);
  NodeAction (*classify)(S&, const void*, bool staged_add);
  bool (*has_changes)(S&, FlushPlan&, NodeId);
  void (*prepare)(FlushPlan&, NodeId);
  void (*write)(S&, FlushPlan&, std::span<const NodeId>);
  void (*post_update)(S&, FlushPlan&, NodeId, std::size_t column_index);
  void (*delete_rows)(S&, std::span<void* const>);
  void (*forget)(S&, const void*);
  // After the last statement, for the nodes [first, last) (all of this model): the session
  // remembers the rows written and forgets the rows deleted; the relationships settle.
  void (*finish)(S&, FlushPlan&, NodeId first, NodeId last);
};

template <TableModel T, typename S>
const ModelOps<S>& model_ops();

template <typename S>
const ModelOps<S>& ops_of(const FlushNode& node) {
  return static_cast<const ModelOps<S>&>(*node.model);
}

[[noreturn]] inline void throw_not_null_orphan(const ForeignKeyColumn& column, std::string_view relationship,
                                               std::string_view model, const std::string& key) {
  const std::string where = std::string(column.table) + "." + std::string(column.column);
  throw IntegrityError(
      "cannot take " + std::string(model) + " with key " + key + " out of " + std::string(relationship) +
          ": that sets " + where + " to NULL, and the column is NOT NULL. Give the relationship "
          ".delete_orphan = true (the flush then deletes it), delete it with session.delete_(), or "
          "put it in another object's list in the same flush; nothing was written",
      {}, IntegrityError::Kind::not_null, std::string(column.table), where + " NOT NULL");
}

// A to-many list replaced without being loaded: the database's other children of `owner` are
// orphans (soft-deleted ones are not: a list loaded without them would not hold them either).
template <TableModel T, typename R, typename S, typename List>
void replace_collection(S& session, T& owner, const List& list, const ForeignKeyColumn& column, bool delete_orphan,
                        std::string_view path) {
  using Target = typename R::target_type;
  static_assert(!has_composite_key<Target>, "replacing a collection needs a single-column key on its items");
  constexpr auto& target_key = primary_key_column<Target>;
  using TargetKey = unwrap_optional_t<typename std::remove_cvref_t<decltype(target_key)>::value_type>;
  const auto* owner_key = key_of(owner.*R::local_key);
  if (!owner_key) return;
  const schema::Dialect dialect = session.dialect();
  std::map<TargetKey, bool> kept;
  for (const auto& item : relationship_access::items(list))
    if (item)
      if (const TargetKey* key = key_of((*item).*target_key.member)) kept.emplace(*key, true);
  const std::string_view table = model_traits<Target>::table_name;
  const std::string_view foreign_key = column_name<Target>(R::remote_key);
  const auto& info = table_info<Target>::get();
  Statement& select = session.connection().prepare_cached(
      &cascade_tag<T, CascadeStatement::select_orphans, R::member>, [&] {
        return "SELECT " + sql::qualified_columns(dialect, table, info.columns) + " FROM " +
               schema::quote_identifier(dialect, table) + " WHERE " +
               sql::key_condition(dialect, std::span<const std::string_view>(&foreign_key, 1), 1) + " AND " +
               sql::in_list(dialect, table, info.key, 2, /*negated=*/true) +
               and_not_deleted<Target>(dialect, table, /*with_deleted=*/false);
      });
  std::vector<std::unique_ptr<Target>> orphans;
  const std::string kept_list = key_list(dialect, kept, target_key.sqlite_uuid());
  session.run(select, 2,
              [&](Statement& s) {
                column_of<Target, R::remote_key>.bind_value(s, 0, *owner_key);
                s.bind_text(1, kept_list);
              },
              [&](Statement& s) {
                orphans.push_back(std::make_unique<Target>());
                read_columns(s, *orphans.back());
              });
  if (orphans.empty()) return;
  std::map<TargetKey, bool> orphan_keys;
  std::vector<Target*> pointers;
  for (auto& orphan : orphans) {
    pointers.push_back(orphan.get());
    orphan_keys.emplace(*key_of((*orphan).*target_key.member), true);
  }
  const std::string orphan_list = key_list(dialect, orphan_keys, target_key.sqlite_uuid());
  if (delete_orphan) {
    if constexpr (has_delete_dependents<Target>()) delete_dependents<Target>(session, std::span<Target* const>(pointers));
    Statement& remove = session.connection().prepare_cached(
        &cascade_tag<T, CascadeStatement::delete_orphans, R::member>,
        [&] { return sql::delete_where_in_list(dialect, table, info.key); }, table);
    session.run(remove, 1, [&](Statement& s) { s.bind_text(0, orphan_list); }, [](Statement&) {});
    for (Target* orphan : pointers) session.row_states().template of<Target>().forget(*orphan);
    return;
  }
  if (!column.nullable)
    throw_not_null_orphan(column, path, model_traits<Target>::model_name, object_key_text(*pointers.front()));
  Statement& update = session.connection().prepare(
      "UPDATE " + schema::quote_identifier(dialect, table) + " SET " + schema::quote_identifier(dialect, foreign_key) +
          " = NULL WHERE " + sql::in_list(dialect, table, info.key, 1),
      table);
  session.run(update, 1, [&](Statement& s) { s.bind_text(0, orphan_list); }, [](Statement&) {});
}

// Statement cache keys of the link-row deletes a flush runs for T's many-to-many Member.
template <typename T, auto Member>
inline const char link_removal_tag = 0;
template <typename T, auto Member>
inline const char link_replacement_tag = 0;

// `node`'s foreign key (`column`, holding `foreign_key`) as a loaded, unchanged relationship
// shows it: pointing at `key` (FlushPlan::RelationshipView).
template <typename ForeignKey, typename Key>
void note_view(FlushPlan& plan, NodeId node, const ForeignKeyColumn& column, const ForeignKey& foreign_key,
               const Key& key) {
  const auto* held = key_of(foreign_key);
  const auto* shown = key_of(key);
  if (held && shown && *held == *shown) plan.add_view(node, column.column_index);
}

// The node of `object` (reached through a relationship), added and classified when new.
// `read_generation`: the generation of the relationship's load when `object` is one of the
// objects it loaded, else unknown_generation (the caller's object: compared with the row's
// latest state, as a staged one is).
template <TableModel U, typename S>
NodeId reach(S& session, FlushPlan& plan, const std::shared_ptr<U>& object, std::uint32_t segment,
             std::uint32_t read_generation) {
  NodeId id = plan.find(object.get());
  if (id != no_node) {
    FlushNode& node = plan.nodes[id];
    if (!node.shared) node.shared = object;
    node.read_generation = std::max(node.read_generation, read_generation);
    return id;
  }
  const ModelOps<S>& ops = model_ops<U, S>();
  id = plan.add(object.get(), &ops, object, ops.classify(session, object.get(), false), segment);
  plan.nodes[id].read_generation = read_generation;
  return id;
}

// The state `node`'s object is compared with: the row as the object was read.
template <TableModel T, typename S>
const char* state_as_read(S& session, const FlushNode& node) {
  return session.row_states().template of<T>().find_as_read(*static_cast<const T*>(node.object),
                                                            node.read_generation);
}

template <typename T>
std::shared_ptr<T> shared_of(const FlushNode& node) {
  return std::static_pointer_cast<T>(node.shared);
}

// ---- walking one model's relationships ----

template <TableModel T, std::size_t I, typename S>
void walk_relationship(S& session, FlushPlan& plan, NodeId id) {
  constexpr const auto& relationship = relationship_at<T, I>;
  using R = std::remove_cvref_t<decltype(relationship)>;
  using Target = typename R::target_type;
  constexpr std::size_t inverse = relationship_named<Target, T>(relationship.back_populates);
  constexpr bool has_inverse = inverse < relationship_count<Target>();
  static const std::string path = std::string(model_traits<T>::model_name) + "." + std::string(relationship.name);

  T& object = *static_cast<T*>(plan.nodes[id].object);
  auto& member = object.*R::member;
  const std::uint32_t segment = plan.nodes[id].segment;
  const bool owner_new = plan.nodes[id].action == NodeAction::insert;
  const bool changed = relationship_access::changed(member);

  if constexpr (R::through_link) {
    using Link = typename R::link_type;
    const auto& items = relationship_access::items(member);
    if (!member.loaded() && items.empty()) return;
    const auto& original = relationship_access::original(member);
    auto in_original = [&](const void* item) {
      return std::any_of(original.begin(), original.end(), [&](const auto& o) { return o.get() == item; });
    };
    const std::uint32_t loaded = relationship_access::loaded_generation(member);
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!items[i]) continue;
      const bool added = owner_new || (changed && !in_original(items[i].get()));
      const NodeId target = reach(session, plan, items[i], segment, added ? unknown_generation : loaded);
      std::shared_ptr<Link> link = std::static_pointer_cast<Link>(relationship_access::link(member, i));
      if (!added) {
        if (link) reach(session, plan, link, segment, loaded);  // a loaded link row: its own changes
        continue;
      }
      const bool implicit = !link;
      if (implicit) {
        link = std::make_shared<Link>();
        name_relationships(*link);
      }
      const NodeId link_node = reach(session, plan, link, segment, unknown_generation);
      if (implicit)
        plan.on_success.push_back([&plan, &member, i, link, link_node, item = items[i].get()] {
          std::shared_ptr<void> written = link;
          for (const auto& [dropped, association] : plan.replaced_links)
            if (dropped == link_node) written = plan.nodes[association].shared;
          const auto& now = relationship_access::items(member);
          if (written && i < now.size() && now[i].get() == item) relationship_access::set_link(member, i, written);
        });
      plan.nodes[link_node].action = NodeAction::insert;
      plan.assignments.push_back({link_node, id, &foreign_key_of<Link, R::link_local_key, T, R::local_key>, path});
      plan.assignments.push_back({link_node, target, &foreign_key_of<Link, R::link_remote_key, Target, R::remote_key>, path});
      if (implicit) plan.implicit_links.push_back({link_node, id, target});
      if constexpr (has_inverse) {
        constexpr const auto& back = relationship_at<Target, inverse>;
        using B = std::remove_cvref_t<decltype(back)>;
        if constexpr (B::to_many) {
          plan.on_success.push_back([&plan, id, target, link] {
            Target& other = *static_cast<Target*>(plan.nodes[target].object);
            auto& list = other.*B::member;
            if (!list.loaded()) return;
            if (auto owner = shared_of<T>(plan.nodes[id])) relationship_access::follow_add(list, owner, link);
            else if (!relationship_access::holds(list, plan.nodes[id].object)) relationship_access::unload(list);
          });
        }
      }
    }
    if (changed && relationship_access::original_loaded(member)) {
      // Items taken out: their link rows go (after the segment's inserts and updates).
      for (const auto& removed : original) {
        if (!removed || relationship_access::holds(member, removed.get())) continue;
        std::shared_ptr<Target> gone = removed;
        plan.after_writes.emplace_back(segment, [&session, &plan, id, gone] {
          S& s = session;
          const T& owner = *static_cast<const T*>(plan.nodes[id].object);
          const schema::Dialect dialect = s.dialect();
          const std::string_view table = model_traits<Link>::table_name;
          const std::array<std::string_view, 2> keys{column_name<Link>(R::link_local_key),
                                                     column_name<Link>(R::link_remote_key)};
          Statement& statement = s.connection().prepare_cached(
              &link_removal_tag<T, R::member>,
              [&] { return sql::delete_by_keys(dialect, table, keys); }, table);
          s.run(statement, 2,
                [&](Statement& st) {
                  column_of<Link, R::link_local_key>.bind_value(st, 0, owner.*R::local_key);
                  column_of<Link, R::link_remote_key>.bind_value(st, 1, (*gone).*R::remote_key);
                },
                [](Statement&) {});
        });
        if constexpr (has_inverse) {
          constexpr const auto& back = relationship_at<Target, inverse>;
          using B = std::remove_cvref_t<decltype(back)>;
          if constexpr (B::to_many)
            plan.on_success.push_back([&plan, id, gone] {
              auto& list = (*gone).*B::member;
              if (list.loaded()) relationship_access::follow_remove(list, plan.nodes[id].object);
            });
        }
      }
    }
    if (changed && relationship_access::replaced(member) && !owner_new) {
      // The whole collection replaced without being loaded: link rows to other targets go.
      plan.after_writes.emplace_back(segment, [&session, &plan, id, &member] {
        S& s = session;
        const T& owner = *static_cast<const T*>(plan.nodes[id].object);
        using Key = unwrap_optional_t<typename member_pointer_traits<R::remote_key>::value_type>;
        std::map<Key, bool> kept;
        for (const auto& item : relationship_access::items(member))
          if (item)
            if (const Key* key = key_of((*item).*R::remote_key)) kept.emplace(*key, true);
        const schema::Dialect dialect = s.dialect();
        const std::string_view table = model_traits<Link>::table_name;
        const std::string_view local = column_name<Link>(R::link_local_key);
        const std::string_view remote = column_name<Link>(R::link_remote_key);
        Statement& statement = s.connection().prepare_cached(
            &link_replacement_tag<T, R::member>,
            [&] {
              return "DELETE FROM " + schema::quote_identifier(dialect, table) + " WHERE " +
                     sql::key_condition(dialect, std::span<const std::string_view>(&local, 1), 1) + " AND " +
                     sql::in_list(dialect, table, remote, 2, /*negated=*/true);
            },
            table);
        const std::string list = key_list(dialect, kept, column_of<Link, R::link_remote_key>.sqlite_uuid());
        s.run(statement, 2,
              [&](Statement& st) {
                column_of<Link, R::link_local_key>.bind_value(st, 0, owner.*R::local_key);
                st.bind_text(1, list);
              },
              [](Statement&) {});
      });
    }
  } else if constexpr (R::to_many) {
    // One-to-many: the items hold the foreign key (R::remote_key) to this object's key.
    const auto& items = relationship_access::items(member);
    if (!member.loaded() && items.empty()) return;
    const auto& original = relationship_access::original(member);
    const ForeignKeyColumn* column = &foreign_key_of<Target, R::remote_key, T, R::local_key>;
    const std::uint32_t loaded = relationship_access::loaded_generation(member);
    for (const auto& item : items) {
      if (!item) continue;
      const bool added = owner_new || (changed && std::none_of(original.begin(), original.end(),
                                                               [&](const auto& o) { return o == item; }));
      const NodeId child = reach(session, plan, item, segment, added ? unknown_generation : loaded);
      if (!added) {
        note_view(plan, child, *column, (*item).*R::remote_key, object.*R::local_key);
        continue;
      }
      plan.assignments.push_back({child, id, column, path});
      if constexpr (has_inverse) {
        constexpr const auto& back = relationship_at<Target, inverse>;
        using B = std::remove_cvref_t<decltype(back)>;
        if constexpr (!B::to_many && !B::through_link)
          plan.on_success.push_back([&plan, id, child] {
            Target& other = *static_cast<Target*>(plan.nodes[child].object);
            auto& back_member = other.*B::member;
            if (auto owner = shared_of<T>(plan.nodes[id])) relationship_access::load(back_member, owner);
            else if (back_member.loaded() && relationship_access::value(back_member).get() != plan.nodes[id].object)
              relationship_access::unload(back_member);
          });
      }
    }
    if (changed && relationship_access::original_loaded(member)) {
      for (const auto& removed : original) {
        if (!removed || relationship_access::holds(member, removed.get())) continue;
        const NodeId child = reach(session, plan, removed, segment, loaded);
        plan.orphans.push_back({child, column, relationship.delete_orphan, path});
        if constexpr (has_inverse) {
          constexpr const auto& back = relationship_at<Target, inverse>;
          using B = std::remove_cvref_t<decltype(back)>;
          if constexpr (!B::to_many && !B::through_link)
            plan.on_success.push_back([&plan, id, child] {
              if (plan.nodes[child].deleted) return;
              Target& other = *static_cast<Target*>(plan.nodes[child].object);
              auto& back_member = other.*B::member;
              if (back_member.loaded() && relationship_access::value(back_member).get() == plan.nodes[id].object)
                relationship_access::load(back_member, std::shared_ptr<T>());
            });
        }
      }
    }
    if (changed && relationship_access::replaced(member) && !owner_new) {
      if constexpr (has_composite_key<Target>) {
        throw std::invalid_argument(path + " was replaced with set() without being loaded; the flush finds "
                                           "the rows it no longer holds by their key, and " +
                                    std::string(model_traits<Target>::model_name) +
                                    " has a composite key: load the relationship before replacing it");
      } else {
        plan.after_writes.emplace_back(segment, [&session, &plan, id, &member, column] {
          replace_collection<T, R>(session, *static_cast<T*>(plan.nodes[id].object), member, *column,
                                   relationship_at<T, I>.delete_orphan, path);
        });
      }
    }
  } else {
    // To one: loaded or set.
    if (!member.loaded()) return;
    const auto& target = relationship_access::value(member);
    const std::uint32_t loaded = relationship_access::loaded_generation(member);
    const NodeId target_node =
        target ? reach(session, plan, target, segment, changed || owner_new ? unknown_generation : loaded) : no_node;
    if constexpr (relationship.kind == schema::RelationshipKind::many_to_one) {
      // The foreign key is this object's (R::local_key), to the target's key.
      const ForeignKeyColumn* column = &foreign_key_of<T, R::local_key, Target, R::remote_key>;
      if (changed || owner_new) {
        if (target_node != no_node) plan.assignments.push_back({id, target_node, column, path});
        else if (changed) plan.assignments.push_back({id, no_node, column, path});
      } else if (target_node != no_node) {
        note_view(plan, id, *column, object.*R::local_key, (*target).*R::remote_key);
      }
      if constexpr (has_inverse) {
        if (changed || owner_new) {
          constexpr const auto& back = relationship_at<Target, inverse>;
          using B = std::remove_cvref_t<decltype(back)>;
          std::shared_ptr<Target> old = relationship_access::original_loaded(member) ? relationship_access::original(member) : nullptr;
          plan.on_success.push_back([&plan, id, target, old] {
            const void* self = plan.nodes[id].object;
            auto mine = shared_of<T>(plan.nodes[id]);
            if (old && old != target) {
              auto& back_member = (*old).*B::member;
              if constexpr (B::to_many) {
                if (back_member.loaded()) relationship_access::follow_remove(back_member, self);
              } else if (back_member.loaded() && relationship_access::value(back_member).get() == self) {
                relationship_access::load(back_member, std::shared_ptr<T>());
              }
            }
            if (target) {
              auto& back_member = (*target).*B::member;
              if constexpr (B::to_many) {
                if (!back_member.loaded() || relationship_access::holds(back_member, self)) return;
                if (mine) relationship_access::follow_add(back_member, mine);
                else relationship_access::unload(back_member);
              } else {
                if (mine) relationship_access::load(back_member, mine);
                else if (back_member.loaded()) relationship_access::unload(back_member);
              }
            }
          });
        }
      }
    } else {
      // One-to-one from the parent's side: the target holds the foreign key (R::remote_key).
      const ForeignKeyColumn* column = &foreign_key_of<Target, R::remote_key, T, R::local_key>;
      if ((changed || owner_new) && target_node != no_node) plan.assignments.push_back({target_node, id, column, path});
      else if (target_node != no_node) note_view(plan, target_node, *column, (*target).*R::remote_key, object.*R::local_key);
      if (changed && relationship_access::original_loaded(member)) {
        const auto& old = relationship_access::original(member);
        if (old && old != target) {
          const NodeId orphan = reach(session, plan, old, segment, loaded);
          plan.orphans.push_back({orphan, column, relationship.delete_orphan, path});
        }
      }
      if constexpr (has_inverse) {
        if (changed || owner_new) {
          constexpr const auto& back = relationship_at<Target, inverse>;
          using B = std::remove_cvref_t<decltype(back)>;
          if constexpr (!B::to_many && !B::through_link) {
            std::shared_ptr<Target> old = relationship_access::original_loaded(member) ? relationship_access::original(member) : nullptr;
            plan.on_success.push_back([&plan, id, target, old] {
              auto mine = shared_of<T>(plan.nodes[id]);
              if (old && old != target && ((*old).*B::member).loaded())
                relationship_access::load((*old).*B::member, std::shared_ptr<T>());
              if (!target) return;
              if (mine) relationship_access::load((*target).*B::member, mine);
              else if (((*target).*B::member).loaded()) relationship_access::unload((*target).*B::member);
            });
          }
        }
      }
    }
  }
}

// ---- writing ----

// Applies the assignments of `id` whose sources are written (NULL for the deferred ones on an
// insert: the post-update writes them).
template <typename S>
void apply_assignments(FlushPlan& plan, NodeId id) {
  for (std::uint32_t index : plan.assignments_of(id)) {
    KeyAssignment& assignment = plan.assignments[index];
    if (assignment.applied) continue;
    if (assignment.deferred) {
      if (plan.nodes[id].action == NodeAction::insert) {
        plan.ensure_saved(id);
        assignment.column->assign_null(plan.nodes[id].object);
      }
      continue;
    }
    plan.ensure_saved(id);
    if (assignment.source == no_node) assignment.column->assign_null(plan.nodes[id].object);
    else assignment.column->assign(plan.nodes[id].object, plan.nodes[assignment.source].object);
    assignment.applied = true;
  }
}

// Binds through another statement with every parameter index moved by `offset` (one row of a
// multi-row INSERT).
class OffsetBinder final : public BindOnlyStatement {
 public:
  OffsetBinder(Statement& target, int offset) : BindOnlyStatement({}, target.dialect()), target_(target), offset_(offset) {}
  void bind_null(int index) override { target_.bind_null(index + offset_); }
  void bind_bool(int index, bool value) override { target_.bind_bool(index + offset_, value); }
  void bind_int64(int index, std::int64_t value) override { target_.bind_int64(index + offset_, value); }
  void bind_double(int index, double value) override { target_.bind_double(index + offset_, value); }
  void bind_text(int index, std::string_view value) override { target_.bind_text(index + offset_, value); }
  void bind_text_copy(int index, std::string_view value) override { target_.bind_text_copy(index + offset_, value); }
  void bind_blob(int index, std::span<const std::uint8_t> value) override { target_.bind_blob(index + offset_, value); }
  void bind_uuid(int index, const UUID& value, std::optional<SqliteUuid> column_form) override {
    target_.bind_uuid(index + offset_, value, column_form);
  }

 private:
  Statement& target_;
  int offset_;
};

template <TableModel T>
[[noreturn]] void throw_stale(const Statement& statement, std::string_view what, const T& object) {
  const std::string table(model_traits<T>::table_name);
  const std::string key = object_key_text(object);
  const std::string subject = std::string(what) + " of " + std::string(model_traits<T>::model_name) + " with " +
                              key_columns_text<T>() + " = " + key + " in table '" + table + "'";
  if constexpr (is_versioned<T>()) {
    const std::int64_t version = version_of(object);
    throw StaleVersion(subject + " expected version " + std::to_string(version) +
                           " and matched no row: another session changed or deleted the row since "
                           "this object was read (read it again, reapply the change, and retry)",
                       statement.sql(), table, key, version);
  }
  throw StaleData(subject + " matched no row: it was deleted, or its key changed, since it was read",
                  statement.sql(), table, key);
}

// What the row holds after an UPDATE of the columns in `written`: the session's last state of
// the row with those columns (and the key, the version and the generated columns, which the
// object holds as the database does now) taken from the object. The object's other columns are
// as it read them, which for an old copy is not what the row holds.
template <TableModel T, typename S>
void keep_row_after_update(S& session, FlushPlan& plan, NodeId id, std::span<const bool> written) {
  FlushNode& node = plan.nodes[id];
  const T& object = *static_cast<const T*>(node.object);
  const char* last = node.has_row_after ? plan.rows_after.data() + node.row_after_offset
                                        : session.row_states().template of<T>().find(object);
  if (!last) return;  // a row the session never knew: finish records the object
  T row{};
  restore_row_state(last, row, session.dialect());
  for_each_column<T>([&](auto index, const auto& column) {
    using Column = std::remove_cvref_t<decltype(column)>;
    bool from_object = written[index()] || is_primary_key_index<T>(index()) || column.generated;
    if constexpr (is_versioned<T>()) from_object = from_object || index() == version_index<T>();
    if (from_object) row.*Column::member = object.*Column::member;
  });
  node.row_after_offset = plan.rows_after.size();
  write_row_state(plan.rows_after, row, session.dialect());
  node.has_row_after = true;
}

// After the flush: the row of a node that an UPDATE wrote (as keep_row_after_update left it),
// and the state of an object a relationship may hold, or of a row written over an earlier
// read: later flushes count that object's changes from what it holds now.
template <TableModel T, typename S>
[[gnu::noinline]] void remember_updated_or_shared(S& session, FlushPlan& plan, const FlushNode& node) {
  auto& states = session.row_states().template of<T>();
  const T& object = *static_cast<const T*>(node.object);
  if (node.has_row_after) {
    T row{};
    restore_row_state(plan.rows_after.data() + node.row_after_offset, row, session.dialect());
    states.remember(row);
  } else {
    states.remember(object);
  }
  if (node.shared || node.action != NodeAction::insert) states.remember_object(object);
}

// One UPDATE of `id`'s changed columns (or of `only`, a post-update's foreign key); nothing
// when no column changed.
template <TableModel T, typename S>
void write_update(S& session, FlushPlan& plan, NodeId id, std::optional<std::size_t> only = std::nullopt) {
  if (!only) apply_assignments<S>(plan, id);
  T& object = *static_cast<T*>(plan.nodes[id].object);
  constexpr std::size_t count = column_count<T>;
  std::array<bool, count> set{};
  const NodeAction action = plan.nodes[id].action;
  if (only) {
    set[*only] = true;
  } else if (action == NodeAction::update_all || action == NodeAction::insert) {
    set.fill(true);
  } else if (action == NodeAction::update) {
    const char* state = state_as_read<T>(session, plan.nodes[id]);
    if (!state) set.fill(true);
    else {
      StateArena scratch;
      compare_row_state(state, object, session.dialect(), scratch, std::span<bool>(set));
      plan.drop_views(id, std::span<bool>(set));
    }
  } else {  // update_assigned: the foreign keys the flush wrote, and updated_at
    for (std::uint32_t index : plan.assignments_of(id))
      if (plan.assignments[index].applied) set[plan.assignments[index].column->column_index] = true;
    for_each_column<T>([&](auto index, const auto& column) {
      if (column.role == ColumnRole::updated_at) set[index()] = true;
    });
  }
  for (std::size_t key : primary_key_indexes<T>) set[key] = false;
  if constexpr (is_versioned<T>()) set[version_index<T>()] = false;
  // A generated column is the database's to write; its new value comes back (RETURNING).
  std::vector<std::string_view> generated;
  if constexpr (has_generated_columns<T>())
    for_each_column<T>([&](auto index, const auto& column) {
      if (!column.generated) return;
      set[index()] = false;
      generated.push_back(column.name);
    });
  std::vector<std::string_view> columns;
  const auto& info = table_info<T>::get();
  for (std::size_t i = 0; i < count; ++i)
    if (set[i]) columns.push_back(info.columns[i]);
  if (columns.empty()) return;
  std::vector<std::string_view> keys = info.keys;
  if constexpr (is_versioned<T>()) {
    columns.push_back(info.columns[version_index<T>()]);
    keys.push_back(info.columns[version_index<T>()]);
  }
  const std::string_view table = model_traits<T>::table_name;
  Statement& statement = session.connection().prepare(
      sql::update_by_keys(session.dialect(), table, columns, keys) + sql::returning(session.dialect(), generated), table);
  const std::int64_t version = version_of(object);
  if (!generated.empty()) plan.ensure_saved(id);
  auto result = session.run(
      statement, columns.size() + keys.size(),
      [&](Statement& s) {
        int position = 0;
        for_each_column<T>([&](auto index, const auto& column) {
          if (set[index()]) column.bind(s, position++, object);
        });
        if constexpr (is_versioned<T>()) s.bind_int64(position++, version + 1);
        bind_key_columns(s, object, position);
        position += static_cast<int>(info.keys.size());
        if constexpr (is_versioned<T>()) s.bind_int64(position, version);
      },
      [&](Statement& s) {
        if constexpr (has_generated_columns<T>()) {
          int position = 0;
          for_each_column<T>([&](auto, const auto& column) {
            if (column.generated) column.read(s, position++, object);
          });
        }
      });
  if (result.rows_changed != 1) throw_stale(statement, "UPDATE", object);
  if constexpr (is_versioned<T>()) {
    plan.ensure_saved(id);
    set_version(object, version + 1);
  }
  plan.nodes[id].written = true;
  if (action == NodeAction::update) keep_row_after_update<T>(session, plan, id, set);
}

// INSERTs of new rows of a model with database-filled columns, one per row on both dialects:
// each row writes the columns it sets; the generated ones, the server-defaulted ones it leaves
// std::nullopt and a key the database assigns come back through RETURNING into the object.
template <TableModel T, typename S>
void write_filled_inserts(S& session, FlushPlan& plan, std::span<const NodeId> ids) {
  const std::string_view table = model_traits<T>::table_name;
  const schema::Dialect dialect = session.dialect();
  for (NodeId id : ids) {
    T& object = *static_cast<T*>(plan.nodes[id].object);
    std::string shape;
    std::vector<std::string_view> written, returned;
    for_each_column<T>([&](auto, const auto& column) {
      using Column = std::remove_cvref_t<decltype(column)>;
      const auto& member = object.*Column::member;
      bool leave_out = column.generated || (column.server_default && leaves_default_to_database(member));
      if constexpr (has_generated_key<T>())
        if (column.primary_key && key_is_unset(member)) leave_out = true;
      shape += leave_out ? 'r' : 'w';
      (leave_out ? returned : written).push_back(column.name);
    });
    const std::vector<std::string_view> columns = with_discriminator_column<T>(std::move(written));
    Statement& statement = session.connection().prepare_cached(
        shaped_statement_tag<T, static_cast<int>(StatementRole::insert_all)>(shape),
        [&] { return sql::insert(dialect, table, columns, std::nullopt) + sql::returning(dialect, returned); }, table);
    if (!returned.empty()) plan.ensure_saved(id);
    session.run(
        statement, columns.size(),
        [&](Statement& s) {
          int position = 0;
          for_each_column<T>([&](auto index, const auto& column) {
            if (shape[index()] == 'w') column.bind(s, position++, object);
          });
          bind_discriminator_column<T>(s, position);
        },
        [&](Statement& s) {
          int position = 0;
          for_each_column<T>([&](auto index, const auto& column) {
            if (shape[index()] == 'r') column.read(s, position++, object);
          });
        });
    plan.nodes[id].written = true;
  }
}

// INSERTs of new rows of one model: on SQLite one per row (its prepared statement); on
// PostgreSQL rows go in multi-row statements, keys back through RETURNING.
template <TableModel T, typename S>
void write_inserts(S& session, FlushPlan& plan, std::span<const NodeId> ids) {
  if (!plan.assignments.empty())
    for (NodeId id : ids) apply_assignments<S>(plan, id);
  const auto& info = table_info<T>::get();
  const std::string_view table = model_traits<T>::table_name;
  const schema::Dialect dialect = session.dialect();
  auto object_of = [&](NodeId id) -> T& { return *static_cast<T*>(plan.nodes[id].object); };
  if constexpr (has_database_filled_columns<T>()) return write_filled_inserts<T>(session, plan, ids);

  auto bind_row = [&](Statement& s, const T& object, bool without_key) {
    if (without_key) {
      bind_non_key_columns(s, object);
      bind_discriminator_column<T>(s, static_cast<int>(info.non_key_columns.size()));
    } else {
      bind_columns(s, object);
      bind_discriminator_column<T>(s, static_cast<int>(info.columns.size()));
    }
  };

  if (dialect == schema::Dialect::postgresql) {
    std::vector<NodeId> generated, given;
    for (NodeId id : ids) {
      bool unset = false;
      if constexpr (has_generated_key<T>()) unset = key_is_unset(object_of(id).*primary_key_column<T>.member);
      (unset ? generated : given).push_back(id);
    }
    for (int pass = 0; pass < 2; ++pass) {
      const bool without_key = pass == 0;
      const std::vector<NodeId>& rows = without_key ? generated : given;
      if (rows.empty()) continue;
      const std::span<const std::string_view> columns =
          without_key ? insert_columns<T, false>(info.non_key_columns) : insert_columns<T, true>(info.columns);
      const std::size_t width = std::max<std::size_t>(1, columns.size());
      const std::size_t per_statement = std::max<std::size_t>(1, std::min<std::size_t>(1000, 65535 / width));
      std::optional<std::string_view> returning;
      if (without_key) returning = info.key;
      for (std::size_t begin = 0; begin < rows.size(); begin += per_statement) {
        const std::size_t n = std::min(per_statement, rows.size() - begin);
        std::unique_ptr<Statement> transient;
        Statement* statement;
        if (n == 1) {
          statement = &session.connection().prepare_cached(
              without_key ? &statement_tag<T, StatementRole::insert_generated_key> : &statement_tag<T, StatementRole::insert_all>,
              [&] { return sql::insert(dialect, table, columns, returning); }, table);
        } else {
          transient = session.connection().prepare_transient(sql::insert_rows(dialect, table, columns, n, returning), table);
          statement = transient.get();
        }
        std::vector<std::int64_t> keys;
        keys.reserve(n);
        session.run(
            *statement, n * columns.size(),
            [&](Statement& s) {
              for (std::size_t r = 0; r < n; ++r) {
                OffsetBinder row(s, static_cast<int>(r * columns.size()));
                bind_row(row, object_of(rows[begin + r]), without_key);
              }
            },
            [&](Statement& s) {
              std::int64_t key = 0;
              value_codec<std::int64_t>::read(s, 0, key);
              keys.push_back(key);
            });
        if constexpr (has_generated_key<T>()) {
          if (without_key) {
            if (keys.size() != n)
              throw DatabaseError("INSERT into '" + std::string(table) + "' returned " + std::to_string(keys.size()) +
                                      " keys for " + std::to_string(n) + " rows",
                                  statement->sql());
            // The sequence hands out ascending values in the order the VALUES rows are
            // inserted; RETURNING's order is not promised, so the keys are sorted first.
            std::sort(keys.begin(), keys.end());
            for (std::size_t r = 0; r < n; ++r)
              assign_generated_key(object_of(rows[begin + r]).*primary_key_column<T>.member, keys[r]);
          }
        }
        for (std::size_t r = 0; r < n; ++r) plan.nodes[rows[begin + r]].written = true;
      }
    }
    return;
  }

  Statement* generated_key_statement = nullptr;
  Statement* all_columns_statement = nullptr;
  for (NodeId id : ids) {
    T& object = object_of(id);
    if constexpr (has_generated_key<T>()) {
      constexpr auto& key = primary_key_column<T>;
      if (key_is_unset(object.*key.member)) {
        if (!generated_key_statement)
          generated_key_statement = &session.connection().prepare_cached(
              &statement_tag<T, StatementRole::insert_generated_key>,
              [&] { return sql::insert(dialect, table, insert_columns<T, false>(info.non_key_columns), std::nullopt); },
              table);
        auto result = session.run(*generated_key_statement, info.non_key_columns.size(),
                                  [&](Statement& s) { bind_row(s, object, true); }, [](Statement&) {});
        assign_generated_key(object.*key.member, result.last_insert_id);
        plan.nodes[id].written = true;
        continue;
      }
    }
    if (!all_columns_statement)
      all_columns_statement = &session.connection().prepare_cached(
          &statement_tag<T, StatementRole::insert_all>,
          [&] { return sql::insert(dialect, table, insert_columns<T, true>(info.columns), std::nullopt); }, table);
    session.run(*all_columns_statement, info.columns.size(), [&](Statement& s) { bind_row(s, object, false); },
                [](Statement&) {});
    plan.nodes[id].written = true;
  }
}

// DELETE by key (with the relationships' cascades first), for the whole batch.
template <TableModel T, typename S>
void delete_objects(S& session, std::span<T* const> objects) {
  const auto& info = table_info<T>::get();
  const std::string_view table = model_traits<T>::table_name;
  if constexpr (has_delete_dependents<T>()) delete_dependents<T>(session, objects);
  std::vector<std::string_view> keys = info.keys;
  if constexpr (is_versioned<T>()) keys.push_back(info.columns[version_index<T>()]);
  Statement& statement = session.connection().prepare_cached(
      &statement_tag<T, StatementRole::delete_>, [&] { return sql::delete_by_keys(session.dialect(), table, keys); },
      table);
  for (T* object : objects) {
    auto result = session.run(statement, keys.size(),
                              [&](Statement& s) {
                                bind_key_columns(s, *object, 0);
                                if constexpr (is_versioned<T>())
                                  s.bind_int64(static_cast<int>(info.keys.size()), version_of(*object));
                              },
                              [](Statement&) {});
    if (result.rows_changed != 1) throw_stale(statement, "DELETE", *object);
  }
}

// ---- the model's operations ----

template <TableModel T, typename S>
const ModelOps<S>& model_ops() {
  static const ModelOps<S> ops = [] {
    ModelOps<S> result;
    static const char tag = 0;
    result.model = &tag;
    result.model_name = model_traits<T>::model_name;
    result.table_name = model_traits<T>::table_name;
    result.has_relationships = relationship_count<T>() > 0;
    result.prepares_insert = prepares_insert<T>() || is_versioned<T>();
    result.order_edges = [] {
      std::vector<std::pair<const void*, const void*>> edges;
      for_each_relationship_index<T>([&](auto index) {
        constexpr const auto& relationship = relationship_at<T, index()>;
        using R = std::remove_cvref_t<decltype(relationship)>;
        using Target = typename R::target_type;
        const void* self = model_ops<T, S>().model;
        const void* target = model_ops<Target, S>().model;
        if constexpr (R::through_link) {
          const void* link = model_ops<typename R::link_type, S>().model;
          edges.emplace_back(self, link);
          edges.emplace_back(target, link);
        } else if constexpr (relationship.kind == schema::RelationshipKind::many_to_one) {
          edges.emplace_back(target, self);
        } else {
          edges.emplace_back(self, target);
        }
      });
      return edges;
    };
    result.walk = [](S& session, FlushPlan& plan, NodeId id) {
      for_each_relationship_index<T>([&](auto index) { walk_relationship<T, index()>(session, plan, id); });
    };
    result.key_text = [](const void* object) { return object_key_text(*static_cast<const T*>(object)); };
    result.key_unset = [](const void* object) { return has_unset_key(*static_cast<const T*>(object)); };
    result.classify = [](S& session, const void* pointer, bool staged_add) {
      const T& object = *static_cast<const T*>(pointer);
      if (has_unset_key(object)) return NodeAction::insert;
      if (session.row_states().template of<T>().knows(object)) return NodeAction::update;
      // A key the session never saw: add() of an object with its own key, or a natural key
      // reached through a relationship, is a new row; a generated key reached through a
      // relationship stands for a row that exists.
      if (staged_add || !has_generated_key<T>()) return NodeAction::insert;
      return NodeAction::none;
    };
    result.save = [](FlushPlan& plan, FlushNode& node) {
      node.undo_offset = plan.undo.size();
      write_row_state(plan.undo, *static_cast<const T*>(node.object), plan.dialect);
      node.saved = true;
    };
    result.restore = [](FlushPlan& plan, const FlushNode& node) {
      T& object = *static_cast<T*>(node.object);
      if (node.saved) restore_row_state(plan.undo.data() + node.undo_offset, object, plan.dialect);
      else if constexpr (has_generated_key<T>()) {
        if (node.unset_key) {
          auto& key = object.*primary_key_column<T>.member;
          if constexpr (is_optional_v<std::remove_cvref_t<decltype(key)>>) key.reset();
          else key = {};
        }
      }
    };
    result.has_changes = [](S& session, FlushPlan& plan, NodeId id) {
      const T& object = *static_cast<const T*>(plan.nodes[id].object);
      const char* state = state_as_read<T>(session, plan.nodes[id]);
      if (!state) return true;
      std::array<bool, column_count<T>> changed{};
      StateArena scratch;
      compare_row_state(state, object, session.dialect(), scratch, std::span<bool>(changed));
      plan.drop_views(id, std::span<bool>(changed));
      for (std::size_t key : primary_key_indexes<T>) changed[key] = false;
      if constexpr (is_versioned<T>()) changed[version_index<T>()] = false;
      return std::find(changed.begin(), changed.end(), true) != changed.end();
    };
    result.prepare = [](FlushPlan& plan, NodeId id) {
      T& object = *static_cast<T*>(plan.nodes[id].object);
      if (plan.nodes[id].action == NodeAction::insert) {
        plan.nodes[id].unset_key = has_unset_key(object);
        if constexpr (prepares_insert<T>() || is_versioned<T>()) {
          plan.ensure_saved(id);
          prepare_insert<T>(&object);
          if constexpr (is_versioned<T>())
            if (version_of(object) == 0) set_version(object, 1);
        }
      } else {
        plan.ensure_saved(id);
        prepare_update<T>(&object);
      }
    };
    result.write = [](S& session, FlushPlan& plan, std::span<const NodeId> ids) {
      // Updates first (a row may give up a unique value that a new row takes), then inserts.
      const bool all_inserts = std::all_of(ids.begin(), ids.end(),
                                           [&](NodeId id) { return plan.nodes[id].action == NodeAction::insert; });
      if (all_inserts) return write_inserts<T>(session, plan, ids);
      std::vector<NodeId> inserts;
      for (NodeId id : ids) {
        if (plan.nodes[id].action == NodeAction::insert) inserts.push_back(id);
        else write_update<T>(session, plan, id);
      }
      if (!inserts.empty()) write_inserts<T>(session, plan, inserts);
    };
    result.post_update = [](S& session, FlushPlan& plan, NodeId id, std::size_t column_index) {
      write_update<T>(session, plan, id, column_index);
    };
    result.delete_rows = [](S& session, std::span<void* const> objects) {
      std::vector<T*> typed;
      typed.reserve(objects.size());
      for (void* object : objects) typed.push_back(static_cast<T*>(object));
      delete_objects<T>(session, std::span<T* const>(typed));
    };
    result.forget = [](S& session, const void* object) {
      session.row_states().template of<T>().forget(*static_cast<const T*>(object));
    };
    result.finish = [](S& session, FlushPlan& plan, NodeId first, NodeId last) {
      auto& states = session.row_states().template of<T>();
      for (NodeId id = first; id < last; ++id) {
        const FlushNode& node = plan.nodes[id];
        T& object = *static_cast<T*>(node.object);
        if (node.deleted) {
          if (node.action != NodeAction::insert) states.forget(object);
        } else if (node.written) {
          // The common case (a new row the caller holds by value) stays the one inlined call.
          if (node.has_row_after || node.shared || node.action != NodeAction::insert) [[unlikely]]
            remember_updated_or_shared<T>(session, plan, node);
          else
            states.remember(object);
        }
        if constexpr (relationship_count<T>() > 0) {
          const bool inserted = node.action == NodeAction::insert && !node.deleted;
          for_each_relationship<T>([&](const auto& relationship) {
            using R = std::remove_cvref_t<decltype(relationship)>;
            auto& member = object.*R::member;
            if constexpr (R::to_many) relationship_access::settle(member, inserted);
            else relationship_access::settle(member);
          });
        }
      }
    };
    return result;
  }();
  return ops;
}

// ---- the flush ----

enum class WriteKind : std::uint8_t { add, update, remove };

struct StagedWrite {
  void* object;
  const ModelPlanInfo* model;
  WriteKind kind;
  std::shared_ptr<void> shared;
};

// Runs the staged writes. Throws before writing anything when an object fails validation or a
// relationship cannot be written (every object restored); a failing statement rolls the
// transaction back (inside session.run) and the objects are restored.
// `wrote` turns true before the first statement.
template <typename S>
void run_flush(S& session, std::span<const StagedWrite> staged, bool& wrote) {
  FlushPlan plan(session.dialect());

  // Objects staged at ascending addresses (add_all of a vector) cannot repeat, and when no
  // relationship can reach them either, they need no index by address.
  bool indexed = false;
  bool walks = false;  // a staged object has relationships: only then can the walk reach others
  const void* previous = nullptr;
  for (const StagedWrite& write : staged) {
    walks = walks || write.model->has_relationships;
    if (write.model->has_relationships || write.object <= previous) indexed = true;
    previous = write.object;
  }
  if (indexed) plan.reserve(staged.size());
  else plan.nodes.reserve(staged.size());

  // Segments: runs of add()/update() between delete_() calls, in staged order.
  std::vector<std::vector<const StagedWrite*>> deletes(1);
  std::uint32_t segment = 0;
  bool last_was_delete = false;
  for (const StagedWrite& write : staged) {
    const ModelOps<S>& ops = static_cast<const ModelOps<S>&>(*write.model);
    const bool is_delete = write.kind == WriteKind::remove;
    if (is_delete != last_was_delete && (is_delete || !deletes[segment].empty())) {
      ++segment;
      deletes.resize(segment + 1);
    }
    last_was_delete = is_delete;
    if (is_delete) {
      deletes[segment].push_back(&write);
      continue;
    }
    NodeAction action = ops.classify(session, write.object, write.kind == WriteKind::add);
    if (write.kind == WriteKind::update && (action == NodeAction::none || action == NodeAction::insert))
      action = NodeAction::update_all;
    if (!indexed) {
      plan.nodes[plan.add_unindexed(write.object, write.model, write.shared, action, segment)].staged = true;
      continue;
    }
    NodeId id = plan.find(write.object);
    if (id == no_node) id = plan.add(write.object, write.model, write.shared, action, segment);
    else if (plan.nodes[id].action == NodeAction::none) plan.nodes[id].action = action;
    plan.nodes[id].staged = true;
  }
  plan.segments = segment + 1;

  auto restore_all = [&] {
    for (auto it = plan.nodes.rbegin(); it != plan.nodes.rend(); ++it) it->model->restore(plan, *it);
  };
  try {
    // Walk every node's relationships (the walk adds the nodes it reaches).
    if (walks)
      for (NodeId id = 0; id < plan.nodes.size(); ++id)
        if (plan.nodes[id].model->has_relationships) ops_of<S>(plan.nodes[id]).walk(session, plan, id);

    // An association object (User.memberships) and a many-to-many item (User.teams) naming
    // the same pair write one link row: the flush's own is dropped.
    if (!plan.implicit_links.empty()) {
      std::map<std::pair<const ForeignKeyColumn*, NodeId>, std::vector<NodeId>> targets_by_source;
      for (const KeyAssignment& assignment : plan.assignments)
        if (assignment.source != no_node) targets_by_source[{assignment.column, assignment.source}].push_back(assignment.target);
      for (const auto& [link, owner, target] : plan.implicit_links) {
        const ForeignKeyColumn* local = nullptr;
        const ForeignKeyColumn* remote = nullptr;
        for (std::uint32_t index : plan.assignments_of(link))
          (plan.assignments[index].source == owner ? local : remote) = plan.assignments[index].column;
        const auto& by_owner = targets_by_source[{local, owner}];
        const auto& by_target = targets_by_source[{remote, target}];
        for (NodeId other : by_owner)
          if (other != link && std::find(by_target.begin(), by_target.end(), other) != by_target.end()) {
            plan.nodes[link].deleted = true;
            plan.replaced_links.emplace_back(link, other);
            for (std::uint32_t index : plan.assignments_of(link)) plan.assignments[index].applied = true;
            break;
          }
      }
    }

    // Orphans: adopted by another relationship of the flush, deleted, or set NULL.
    for (const Orphan& orphan : plan.orphans) {
      bool adopted = false;
      for (std::uint32_t index : plan.assignments_of(orphan.node)) {
        const KeyAssignment& assignment = plan.assignments[index];
        if (assignment.column == orphan.column && assignment.source != no_node) adopted = true;
      }
      FlushNode& node = plan.nodes[orphan.node];
      if (adopted || node.action == NodeAction::insert) continue;
      if (orphan.delete_orphan) {
        node.deleted = true;
        continue;
      }
      if (!orphan.column->nullable)
        throw_not_null_orphan(*orphan.column, orphan.relationship, node.model->model_name, node.model->key_text(node.object));
      plan.assignments.push_back({orphan.node, no_node, orphan.column, orphan.relationship});
    }

    // Foreign keys from rows that have their keys already are written into the objects now; a
    // row whose columns change this way, or that waits for a new row's key, is written.
    for (KeyAssignment& assignment : plan.assignments) {
      FlushNode& target = plan.nodes[assignment.target];
      if (target.deleted) assignment.applied = true;
      else if (target.action == NodeAction::none) target.action = NodeAction::update_assigned;
    }
    for (NodeId id = 0; id < plan.nodes.size(); ++id) {
      FlushNode& node = plan.nodes[id];
      if (node.deleted || node.action == NodeAction::none) continue;
      bool waits = false;
      for (std::uint32_t index : plan.assignments_of(id)) {
        KeyAssignment& assignment = plan.assignments[index];
        if (assignment.applied) continue;
        plan.ensure_saved(id);
        if (assignment.source == no_node) {
          assignment.column->assign_null(node.object);
          assignment.applied = true;
          continue;
        }
        const FlushNode& source = plan.nodes[assignment.source];
        if (source.action == NodeAction::insert) {
          // The row waits for the INSERT; a natural key is known already (validated now).
          waits = true;
          if (!source.model->key_unset(source.object)) assignment.column->assign(node.object, source.object);
          continue;
        }
        assignment.column->assign(node.object, source.object);
        assignment.applied = true;
      }
      node.writes = node.action != NodeAction::update || waits || ops_of<S>(node).has_changes(session, plan, id);
      // Prepared and validated before the first statement.
      if (node.writes) {
        if (node.action == NodeAction::insert && !node.model->prepares_insert) node.unset_key = node.model->key_unset(node.object);
        else ops_of<S>(node).prepare(plan, id);
      }
    }

    wrote = true;
    for (std::uint32_t current = 0; current < plan.segments; ++current) {
      if (!deletes[current].empty()) {
        // delete_() calls, batched by model.
        const auto& batch = deletes[current];
        for (std::size_t begin = 0; begin < batch.size();) {
          std::size_t end = begin + 1;
          while (end < batch.size() && batch[end]->model == batch[begin]->model) ++end;
          std::vector<void*> objects;
          for (std::size_t i = begin; i < end; ++i) objects.push_back(batch[i]->object);
          static_cast<const ModelOps<S>&>(*batch[begin]->model).delete_rows(session, objects);
          begin = end;
        }
        continue;
      }
      for (const auto& group : plan.schedule(current)) ops_of<S>(plan.nodes[group.front()]).write(session, plan, group);
      // Post-updates: the foreign keys deferred to break cycles.
      for (KeyAssignment& assignment : plan.assignments) {
        if (!assignment.deferred || assignment.applied || plan.nodes[assignment.target].segment != current) continue;
        plan.ensure_saved(assignment.target);
        assignment.column->assign(plan.nodes[assignment.target].object, plan.nodes[assignment.source].object);
        assignment.applied = true;
        ops_of<S>(plan.nodes[assignment.target]).post_update(session, plan, assignment.target, assignment.column->column_index);
      }
      // Orphans deleted (with their cascades), by model. Only an orphan marks a row the flush
      // had not inserted deleted.
      if (!plan.orphans.empty()) {
        std::map<const ModelPlanInfo*, std::vector<void*>> orphans;
        for (NodeId id = 0; id < plan.nodes.size(); ++id) {
          const FlushNode& node = plan.nodes[id];
          if (node.deleted && node.segment == current && node.action != NodeAction::insert)
            orphans[node.model].push_back(node.object);
        }
        for (const auto& [model, objects] : orphans) static_cast<const ModelOps<S>&>(*model).delete_rows(session, objects);
      }
      for (auto& [in_segment, run] : plan.after_writes)
        if (in_segment == current) run();
    }
  } catch (...) {
    restore_all();
    throw;
  }

  // Every statement succeeded: the session knows the rows as written, the relationships
  // settle, their other sides follow.
  const auto count = static_cast<NodeId>(plan.nodes.size());
  for (NodeId first = 0; first < count;) {
    NodeId last = first + 1;
    while (last < count && plan.nodes[last].model == plan.nodes[first].model) ++last;
    ops_of<S>(plan.nodes[first]).finish(session, plan, first, last);
    first = last;
  }
  for (const auto& batch : deletes)
    for (const StagedWrite* write : batch) static_cast<const ModelOps<S>&>(*write->model).forget(session, write->object);
  session.row_states().next_generation();
  for (auto& follow : plan.on_success) follow();
}

}  // namespace sqlmodel::detail
