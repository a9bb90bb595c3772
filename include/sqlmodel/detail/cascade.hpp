// Cascades as the relationships are annotated, run by Session::delete_ (and by the flush for
// orphans it deletes) inside the session's transaction (on any session type S, so the session
// includes this): for each one-to-many relationship with .cascade_delete (or .delete_orphan),
// the children go first, level by level: one SELECT of the children when they have cascades of
// their own, then one DELETE ... WHERE <fk> IN <the parents' keys>, for the whole batch of
// removed parents. The link rows of every many-to-many relationship go too (one DELETE per
// relationship), as SQLAlchemy does for a `secondary` table. (Orphans, the objects a flush finds
// taken out of a collection: detail/unit_of_work.hpp.)
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
      const std::string list = key_list(dialect, keys, column_of<Link, R::link_local_key>.sqlite_uuid());
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
      const std::string list = key_list(dialect, keys, column_of<Target, R::remote_key>.sqlite_uuid());
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

}  // namespace sqlmodel::detail
