// Cascades as the relationships are annotated, run by Session::delete_ and Session::update
// inside the session's transaction (on any session type S, so the session includes this):
//
// - delete_(parent): for each one-to-many relationship with .cascade_delete (or
//   .delete_orphan), the children go first, level by level: one SELECT of the children when
//   they have cascades of their own, then one DELETE ... WHERE <fk> IN <the parents' keys>,
//   for the whole batch of removed parents. The link rows of every many-to-many relationship
//   go too (one DELETE per relationship), as SQLAlchemy does for a `secondary` table.
// - update(parent) with .delete_orphan: the children in the database that the loaded
//   collection no longer holds are deleted (with their own cascades). An unloaded collection
//   says nothing and deletes nothing. Soft-deleted children are not orphans: a collection
//   loaded without them (the default, soft_delete.hpp) does not hard-delete them.
//
// ON DELETE actions in the schema are the database's business: a SET NULL or CASCADE foreign
// key acts when the session's DELETE runs, with no statement from the ORM.
#pragma once

#include <map>
#include <memory>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "sqlmodel/detail/loaders.hpp"
#include "sqlmodel/detail/sql.hpp"
#include "sqlmodel/detail/statements.hpp"
#include "sqlmodel/dialect.hpp"
#include "sqlmodel/model_traits.hpp"
#include "sqlmodel/soft_delete.hpp"
#include "sqlmodel/statement.hpp"
#include "sqlmodel/value_codec.hpp"

namespace sqlmodel::detail {

enum class CascadeStatement { select_children, delete_children, delete_links, select_orphans, delete_orphans };
// One address per model, relationship and statement: the connection's statement cache key.
template <typename T, CascadeStatement Role, auto Member>
inline const char cascade_tag = 0;

template <TableModel T>
constexpr bool has_delete_dependents() {
  bool any = false;
  for_each_relationship_index<T>([&](auto index) {
    constexpr const auto& relationship = relationship_at<T, index()>;
    if (relationship.through_link || relationship.cascade_delete || relationship.delete_orphan)
      any = true;
  });
  return any;
}

template <TableModel T>
constexpr bool has_delete_orphan() {
  bool any = false;
  for_each_relationship_index<T>([&](auto index) {
    if (relationship_at<T, index()>.delete_orphan) any = true;
  });
  return any;
}

// The distinct non-NULL values of `key` over `objects`, keyed for key_list().
template <auto Key, typename T>
auto key_values(std::span<T* const> objects) {
  using Value = unwrap_optional_t<typename member_pointer_traits<Key>::value_type>;
  std::map<Value, bool> values;
  for (T* object : objects)
    if (const Value* value = key_of(object->*Key)) values.emplace(*value, true);
  return values;
}

template <TableModel T, typename S>
void delete_dependents(S& session, std::span<T* const> parents) {
  const schema::Dialect dialect = session.dialect();
  for_each_relationship_index<T>([&](auto index) {
    constexpr const auto& relationship = relationship_at<T, index()>;
    using R = std::remove_cvref_t<decltype(relationship)>;
    using Target = typename R::target_type;
    if constexpr (R::through_link) {
      using Link = typename R::link_type;
      auto keys = key_values<R::local_key>(parents);
      if (keys.empty()) return;
      const std::string list = key_list(dialect, keys);
      Statement& statement = session.connection().prepare_cached(
          &cascade_tag<T, CascadeStatement::delete_links, R::member>,
          [&] {
            return sql::delete_where_in_list(dialect, model_traits<Link>::table_name,
                                             column_name<Link>(R::link_local_key));
          },
          model_traits<Link>::table_name);
      session.run(statement, 1, [&](Statement& s) { s.bind_text(0, list); }, [](Statement&) {});
    } else if constexpr (relationship.cascade_delete || relationship.delete_orphan) {
      static_assert(relationship.kind != schema::RelationshipKind::many_to_one,
                    "cascade_delete / delete_orphan go on the parent's side of a relationship "
                    "(one-to-many or one-to-one), not on a many-to-one");
      auto keys = key_values<R::local_key>(parents);
      if (keys.empty()) return;
      const std::string list = key_list(dialect, keys);
      const std::string_view table = model_traits<Target>::table_name;
      const std::string_view foreign_key = column_name<Target>(R::remote_key);
      if constexpr (has_delete_dependents<Target>()) {
        // The children have cascades of their own: read them, and go one level down first.
        const auto& info = table_info<Target>::get();
        Statement& select = session.connection().prepare_cached(
            &cascade_tag<T, CascadeStatement::select_children, R::member>, [&] {
              return "SELECT " + sql::qualified_columns(dialect, table, info.columns) + " FROM " +
                     schema::quote_identifier(dialect, table) + " WHERE " +
                     sql::in_list(dialect, table, foreign_key, 1);
            });
        std::vector<std::unique_ptr<Target>> children;
        session.run(select, 1, [&](Statement& s) { s.bind_text(0, list); }, [&](Statement& s) {
          children.push_back(std::make_unique<Target>());
          read_columns(s, *children.back());
        });
        if (children.empty()) return;
        std::vector<Target*> pointers;
        pointers.reserve(children.size());
        for (auto& child : children) pointers.push_back(child.get());
        delete_dependents<Target>(session, std::span<Target* const>(pointers));
      }
      Statement& statement = session.connection().prepare_cached(
          &cascade_tag<T, CascadeStatement::delete_children, R::member>,
          [&] { return sql::delete_where_in_list(dialect, table, foreign_key); }, table);
      session.run(statement, 1, [&](Statement& s) { s.bind_text(0, list); }, [](Statement&) {});
    }
  });
}

template <TableModel T, typename S>
void delete_orphans(S& session, std::span<T* const> parents) {
  const schema::Dialect dialect = session.dialect();
  for_each_relationship_index<T>([&](auto index) {
    constexpr const auto& relationship = relationship_at<T, index()>;
    using R = std::remove_cvref_t<decltype(relationship)>;
    using Target = typename R::target_type;
    if constexpr (relationship.delete_orphan && !R::through_link) {
      static_assert(R::to_many, "delete_orphan goes on a one-to-many relationship");
      static_assert(!has_composite_key<Target>,
                    "delete_orphan needs a single-column primary key on the children");
      constexpr auto& target_key = primary_key_column<Target>;
      using TargetKey = unwrap_optional_t<typename std::remove_cvref_t<decltype(target_key)>::value_type>;
      const std::string_view table = model_traits<Target>::table_name;
      const std::string_view foreign_key = column_name<Target>(R::remote_key);
      const auto& info = table_info<Target>::get();
      for (T* parent : parents) {
        const auto& collection = parent->*R::member;
        if (!collection.loaded()) continue;
        const auto* parent_key = key_of(parent->*R::local_key);
        if (!parent_key) continue;
        std::map<TargetKey, bool> kept;
        for (const auto& item : collection.get())
          if (const TargetKey* key = key_of((*item).*target_key.member)) kept.emplace(*key, true);
        const std::string kept_list = key_list(dialect, kept);
        Statement& select = session.connection().prepare_cached(
            &cascade_tag<T, CascadeStatement::select_orphans, R::member>, [&] {
              return "SELECT " + sql::qualified_columns(dialect, table, info.columns) + " FROM " +
                     schema::quote_identifier(dialect, table) + " WHERE " +
                     sql::key_condition(dialect, std::span<const std::string_view>(&foreign_key, 1), 1) +
                     " AND " + sql::in_list(dialect, table, info.key, 2, /*negated=*/true) +
                     and_not_deleted<Target>(dialect, table, /*with_deleted=*/false);
            });
        std::vector<std::unique_ptr<Target>> orphans;
        session.run(
            select, 2,
            [&](Statement& s) {
              value_codec<std::remove_cvref_t<decltype(*parent_key)>>::bind(s, 0, *parent_key);
              s.bind_text(1, kept_list);
            },
            [&](Statement& s) {
              orphans.push_back(std::make_unique<Target>());
              read_columns(s, *orphans.back());
            });
        if (orphans.empty()) continue;
        std::vector<Target*> pointers;
        std::map<TargetKey, bool> orphan_keys;
        for (auto& orphan : orphans) {
          pointers.push_back(orphan.get());
          orphan_keys.emplace(*key_of((*orphan).*target_key.member), true);
        }
        if constexpr (has_delete_dependents<Target>())
          delete_dependents<Target>(session, std::span<Target* const>(pointers));
        const std::string orphan_list = key_list(dialect, orphan_keys);
        Statement& remove = session.connection().prepare_cached(
            &cascade_tag<T, CascadeStatement::delete_orphans, R::member>,
            [&] { return sql::delete_where_in_list(dialect, table, info.key); }, table);
        session.run(remove, 1, [&](Statement& s) { s.bind_text(0, orphan_list); }, [](Statement&) {});
      }
    }
  });
}

}  // namespace sqlmodel::detail
