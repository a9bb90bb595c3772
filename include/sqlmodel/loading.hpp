// Explicit relationship loading. Nothing loads a relationship behind the caller's back: either
// the query asks for it (select<User>().options(selectinload(&User::posts))) or the caller
// does (session.load(users, &User::posts)). Each level is one statement, whatever the number
// of parents: the parents' keys travel as one bound list parameter.
//
//   auto users = session.exec(select<User>().options(
//       selectinload(&User::posts).then(&Post::comments)));   // 3 statements in all
//   auto posts = session.exec(select<Post>().options(joinedload(&Post::author)));  // 1 statement
//   auto users = session.exec(select<User>().options(
//       selectinload(&User::posts).then(joinedload(&Post::comments))));  // 2 statements
//
// Many-to-many relationships load through their link model in one statement per level (the
// link rows JOINed to the targets), and keep the link rows: sqlmodel::linked(user,
// &User::teams) pairs each Team with its Membership (role, joined date, ...), as an
// association object does in SQLAlchemy.
//
// Reading a relationship that was never loaded throws RelationshipNotLoaded naming it
// ("User.posts"), whether through related(object, &T::member) or the member's own get().
//
// Soft-deleted targets (soft_delete.hpp) are left out unless the loader says so:
// selectinload(&User::posts).with_deleted(), joinedload(...).with_deleted(),
// session.load(user, &User::posts, sqlmodel::with_deleted).
#pragma once

#include <map>
#include <memory>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "sqlmodel/loading_sql.hpp"
#include "sqlmodel/model_traits.hpp"
#include "sqlmodel/query.hpp"
#include "sqlmodel/session.hpp"
#include "sqlmodel/soft_delete.hpp"

namespace sqlmodel {

template <TableModel T, typename M>
class JoinedLoad;

namespace detail {

template <typename V>
constexpr bool is_optional_v = false;
template <typename V>
constexpr bool is_optional_v<std::optional<V>> = true;

// The key a relationship matches on, or nullptr when it is NULL.
template <typename V>
const unwrap_optional_t<V>* key_of(const V& value) {
  if constexpr (is_optional_v<V>) return value ? &*value : nullptr;
  else return &value;
}

// The relationship of T whose member is `member`; f(relationship) is called with it. Throws
// std::invalid_argument when `member` is not one of T's relationships.
template <TableModel T, typename M, typename F>
void with_relationship(M T::*member, F&& f) {
  bool found = false;
  for_each_relationship<T>([&](const auto& relationship) {
    using R = std::remove_cvref_t<decltype(relationship)>;
    if constexpr (std::is_same_v<typename R::member_type, M>) {
      if (!found && R::member == member) {
        found = true;
        f(relationship);
      }
    }
  });
  if (!found)
    throw std::invalid_argument("the member passed to load a relationship of " +
                                std::string(model_traits<T>::model_name) +
                                " is not one of its relationships in model_traits");
}

// The bound list parameter of a set of keys (integers or strings).
template <typename Key, typename Value>
std::string key_list(schema::Dialect dialect, const std::map<Key, Value>& keys) {
  static_assert(std::is_integral_v<Key> || std::is_same_v<Key, std::string>,
                "relationships load on integer or string keys");
  if constexpr (std::is_integral_v<Key>) {
    std::vector<std::int64_t> values;
    values.reserve(keys.size());
    for (const auto& entry : keys) values.push_back(static_cast<std::int64_t>(entry.first));
    return sql::integer_list(dialect, values);
  } else {
    std::vector<std::string> values;
    values.reserve(keys.size());
    for (const auto& entry : keys) values.push_back(entry.first);
    return sql::text_list(dialect, values);
  }
}

// ---- joined loads (loading_joined.hpp) ----

// The parts a joined load adds to a statement.
struct JoinSql {
  explicit JoinSql(schema::Dialect dialect) : dialect(dialect) {}
  schema::Dialect dialect;
  std::string columns;  // ", "posts_1"."id", ..."
  std::string joins;    // " LEFT JOIN ..."
  std::string order;    // ", "posts_1"."id", ..."
  int next_alias = 1;
  int width = 0;  // result columns added
};

// Reads one joined load's columns of each row into the parent objects.
template <typename P>
class JoinedReader {
 public:
  virtual ~JoinedReader() = default;
  // Reads this load's columns of the current row (from `column` on; `column` is advanced past
  // them) into `parent`. `first`: this row created `parent`.
  virtual void read(Statement& statement, int& column, P& parent, bool first) = 0;
  // After the last row: nested loads that are not joined run on every target read.
  virtual void finish(Session& session) = 0;
};

template <TableModel P>
using JoinedReaders = std::vector<std::unique_ptr<JoinedReader<P>>>;

// Renders the joined loads among `loaders` into `sql` (their parent's table is `parent_alias`
// in the statement), one reader each; the other loaders go to `others`.
template <TableModel P>
void plan_joined(const std::vector<Loader<P>>& loaders, const std::string& parent_alias,
                 JoinSql& sql, JoinedReaders<P>& readers, std::vector<Loader<P>>& others);

// ---- select-in loads ----

// True when R goes through a link model that is soft-deletable.
template <typename R>
constexpr bool is_soft_deletable_link() {
  if constexpr (R::through_link) return is_soft_deletable<typename R::link_type>();
  else return false;
}

// A relationship's select-in statement when soft-deleted targets are wanted too (the filtered
// one is cached under statement_tag<Model, select_in, member>).
template <typename Model, auto Member>
inline const char select_in_with_deleted_tag = 0;

// with_deleted: soft-deleted targets (and link rows) are loaded too (soft_delete.hpp).
template <typename Relationship>
void select_in_load(Session& session, std::span<typename Relationship::model_type* const> parents,
                    const Relationship& relationship,
                    const std::vector<Loader<typename Relationship::target_type>>& nested,
                    bool with_deleted) {
  using Model = typename Relationship::model_type;
  using Target = typename Relationship::target_type;
  using Key = unwrap_optional_t<typename member_pointer_traits<Relationship::local_key>::value_type>;
  constexpr auto member = Relationship::member;
  constexpr auto local_key = Relationship::local_key;
  constexpr bool through_link = Relationship::through_link;

  session.flush();
  std::map<Key, std::vector<Model*>> parents_by_key;
  for (Model* parent : parents) {
    // A parent without a key has nothing to load: its relationship is loaded and empty.
    if constexpr (Relationship::to_many) (parent->*member).start_loading();
    else (parent->*member).set(nullptr);
    if (const Key* key = key_of(parent->*local_key)) parents_by_key[*key].push_back(parent);
  }
  if (parents_by_key.empty()) return;

  const schema::Dialect dialect = session.dialect();
  const auto& target_info = table_info<Target>::get();
  const std::string target_table(model_traits<Target>::table_name);
  JoinSql joined(dialect);
  JoinedReaders<Target> readers;
  std::vector<Loader<Target>> others;
  plan_joined<Target>(nested, target_table, joined, readers, others);

  // SELECT [link columns,] target columns [, joined columns] FROM ... WHERE <key> IN <list>
  // [AND <not soft-deleted>] ORDER BY <key>, <the collection's order>: one statement text per
  // relationship, plan and with_deleted.
  auto make_sql = [&] {
    std::string text = "SELECT ";
    std::string from, key_column;
    if constexpr (through_link) {
      using Link = typename Relationship::link_type;
      const std::string link_table(model_traits<Link>::table_name);
      text += sql::qualified_columns(dialect, link_table, table_info<Link>::get().columns) + ", ";
      from = schema::quote_identifier(dialect, link_table) + " JOIN " +
             schema::quote_identifier(dialect, target_table) + " ON " +
             schema::quote_identifier(dialect, target_table) + "." +
             schema::quote_identifier(dialect, column_name<Target>(Relationship::remote_key)) +
             " = " + schema::quote_identifier(dialect, link_table) + "." +
             schema::quote_identifier(dialect, column_name<Link>(Relationship::link_remote_key));
      key_column = sql::in_list(dialect, link_table, column_name<Link>(Relationship::link_local_key), 1);
      key_column += and_not_deleted<Link>(dialect, link_table, with_deleted) +
                    and_not_deleted<Target>(dialect, target_table, with_deleted) +
                    and_discriminator_in<Target>(dialect, target_table);
      key_column += " ORDER BY " + schema::quote_identifier(dialect, link_table) + "." +
                    schema::quote_identifier(dialect, column_name<Link>(Relationship::link_local_key));
    } else {
      from = schema::quote_identifier(dialect, target_table);
      const std::string_view remote = column_name<Target>(Relationship::remote_key);
      key_column = sql::in_list(dialect, target_table, remote, 1) +
                   and_not_deleted<Target>(dialect, target_table, with_deleted) +
                   and_discriminator_in<Target>(dialect, target_table) + " ORDER BY " +
                   schema::quote_identifier(dialect, target_table) + "." +
                   schema::quote_identifier(dialect, remote);
    }
    text += sql::qualified_columns(dialect, target_table, target_info.columns) + joined.columns +
            " FROM " + from + joined.joins + " WHERE " + key_column + ", " +
            sql::collection_order(dialect, target_table, relationship.order_by, target_info.keys) +
            joined.order;
    return text;
  };
  Statement& statement =
      readers.empty()
          ? session.connection().prepare_cached(
                with_deleted && (is_soft_deletable<Target>() || is_soft_deletable_link<Relationship>())
                    ? &select_in_with_deleted_tag<Model, member>
                    : &statement_tag<Model, StatementRole::select_in, member>,
                make_sql)
          : session.connection().prepare(make_sql());

  const std::string list = key_list(dialect, parents_by_key);
  constexpr int link_width = [] {
    if constexpr (through_link) return static_cast<int>(column_count<typename Relationship::link_type>);
    else return 0;
  }();
  // A row is a new target unless joined loads repeat it or a link shares it between parents:
  // only then are targets looked up by key (the common case stays one allocation per row).
  const bool repeated_rows = !readers.empty();
  std::map<row_key_t<Target>, std::shared_ptr<Target>> identity;
  std::set<std::pair<Key, row_key_t<Target>>> attached;
  std::vector<Target*> targets;
  session.run(statement, 1, [&](Statement& s) { s.bind_text(0, list); }, [&](Statement& s) {
    std::shared_ptr<Target> target;
    bool created = true;
    std::optional<row_key_t<Target>> target_key;
    if (through_link || repeated_rows) {
      target_key = read_row_key<Target>(s, link_width);
      if (!target_key) return;
      auto entry = identity.try_emplace(*target_key);
      created = entry.second;
      if (created) entry.first->second = std::make_shared<Target>();
      target = entry.first->second;
    } else {
      target = std::make_shared<Target>();
    }
    if (created) {
      read_columns(s, *target, link_width);
      targets.push_back(target.get());
    }
    std::shared_ptr<void> link;
    Key key{};
    if constexpr (through_link) {
      using Link = typename Relationship::link_type;
      auto row = std::make_shared<Link>();
      read_columns(s, *row, 0);
      key = static_cast<Key>(*key_of((*row).*Relationship::link_local_key));
      link = std::move(row);
    } else {
      const Key* found = key_of((*target).*Relationship::remote_key);
      if (!found) return;
      key = *found;
    }
    if (!repeated_rows || attached.emplace(key, *target_key).second) {
      auto parents_of = parents_by_key.find(key);
      if (parents_of != parents_by_key.end())
        for (Model* parent : parents_of->second) {
          if constexpr (Relationship::to_many) (parent->*member).append(target, link);
          else (parent->*member).set(target);
        }
    }
    int column = link_width + static_cast<int>(column_count<Target>);
    for (auto& reader : readers) reader->read(s, column, *target, created);
  });

  for (auto& reader : readers) reader->finish(session);
  if (!others.empty() && !targets.empty())
    for (const auto& loader : others) loader(session, std::span<Target* const>(targets));
}

template <TableModel T, typename M>
void load_member(Session& session, std::span<T* const> objects, M T::*member,
                 const std::vector<Loader<typename relationship_member<M>::target_type>>& nested,
                 bool with_deleted) {
  with_relationship(member, [&](const auto& relationship) {
    select_in_load(session, objects, relationship, nested, with_deleted);
  });
}

}  // namespace detail

// selectinload(&User::posts): after the main query, one SELECT ... WHERE user_id IN <keys>.
template <TableModel T, typename M>
class SelectInLoad {
 public:
  using target_type = typename relationship_member<M>::target_type;

  explicit SelectInLoad(M T::*member) : member_(member) {}

  // Loads a relationship of the loaded targets too: selectinload for a member pointer (one
  // more statement per level), or any loader (joinedload(...) joins into this level's
  // statement).
  template <typename N>
  SelectInLoad then(N target_type::*nested) const {
    SelectInLoad copy = *this;
    copy.nested_.push_back(Loader<target_type>(SelectInLoad<target_type, N>(nested)));
    return copy;
  }
  template <typename L>
    requires std::is_constructible_v<Loader<target_type>, L>
  SelectInLoad then(L nested) const {
    SelectInLoad copy = *this;
    copy.nested_.push_back(Loader<target_type>(std::move(nested)));
    return copy;
  }

  // Soft-deleted targets are loaded too (soft_delete.hpp); nested loaders decide for themselves.
  SelectInLoad with_deleted(bool on = true) const {
    SelectInLoad copy = *this;
    copy.with_deleted_ = on;
    return copy;
  }

  void operator()(Session& session, std::span<T* const> objects) const {
    detail::load_member(session, objects, member_, nested_, with_deleted_);
  }

 private:
  M T::*member_;
  std::vector<Loader<target_type>> nested_;
  bool with_deleted_ = false;
};

template <TableModel T, typename M>
SelectInLoad<T, M> selectinload(M T::*member) {
  return SelectInLoad<T, M>(member);
}

// "Model.member" of the relationship of T whose member is `member`.
template <TableModel T, typename M>
std::string relationship_path_of(M T::*member) {
  std::string_view name = "?";
  for_each_relationship<T>([&](const auto& relationship) {
    using R = std::remove_cvref_t<decltype(relationship)>;
    if constexpr (std::is_same_v<typename R::member_type, M>)
      if (R::member == member) name = relationship.name;
  });
  return std::string(model_traits<T>::model_name) + "." + std::string(name);
}

// The loaded relationship; throws RelationshipNotLoaded naming the model and member when it
// was never loaded.
template <TableModel T, typename M>
decltype(auto) related(const T& object, M T::*member) {
  const M& value = object.*member;
  if (!value.loaded())
    throw RelationshipNotLoaded(detail::not_loaded_message(relationship_path_of(member)));
  return value.get();
}

// One item of a many-to-many relationship with the link row that leads to it.
template <typename Target, typename Link>
struct LinkedItem {
  std::shared_ptr<Target> target;
  std::shared_ptr<Link> link;
};

namespace detail {
// The index of T's first many-to-many relationship whose member type is M.
template <TableModel T, typename M>
consteval std::size_t link_relationship_index() {
  std::size_t found = relationship_count<T>(), index = 0;
  for_each_relationship<T>([&](const auto& relationship) {
    using R = std::remove_cvref_t<decltype(relationship)>;
    if constexpr (R::through_link && std::is_same_v<typename R::member_type, M>)
      if (found == relationship_count<T>()) found = index;
    ++index;
  });
  return found;
}
}  // namespace detail

// The loaded items of a many-to-many relationship, each with its link model's row:
//   for (const auto& [team, membership] : sqlmodel::linked(user, &User::teams))
//     std::cout << team->name << ": " << membership->role;
template <TableModel T, typename M>
auto linked(const T& object, M T::*member) {
  constexpr std::size_t index = detail::link_relationship_index<T, M>();
  static_assert(index < relationship_count<T>(),
                "linked(): the member is not a many-to-many relationship (link_relationship)");
  using R = std::remove_cvref_t<decltype(std::get<index>(model_traits<T>::relationships))>;
  using Target = typename R::target_type;
  using Link = typename R::link_type;
  const auto& items = related(object, member);
  const auto& links = (object.*member).link_rows();
  if (links.size() != items.size())
    throw std::logic_error(relationship_path_of(member) +
                           " was not loaded through its link model (selectinload, joinedload and "
                           "session.load keep the link rows)");
  std::vector<LinkedItem<Target, Link>> result;
  result.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i)
    result.push_back({items[i], std::static_pointer_cast<Link>(links[i])});
  return result;
}

template <TableModel T, typename M>
void Session::load(T& object, M T::*relationship) {
  T* pointer = &object;
  detail::load_member(*this, std::span<T* const>(&pointer, 1), relationship, {}, false);
}

template <TableModel T, typename M>
void Session::load(T& object, M T::*relationship, WithDeleted) {
  T* pointer = &object;
  detail::load_member(*this, std::span<T* const>(&pointer, 1), relationship, {}, true);
}

template <TableModel T, typename M>
void Session::load(std::span<T> objects, M T::*relationship) {
  std::vector<T*> pointers;
  pointers.reserve(objects.size());
  for (T& object : objects) pointers.push_back(&object);
  detail::load_member(*this, std::span<T* const>(pointers), relationship, {}, false);
}

template <TableModel T, typename M>
void Session::load(std::span<T> objects, M T::*relationship, WithDeleted) {
  std::vector<T*> pointers;
  pointers.reserve(objects.size());
  for (T& object : objects) pointers.push_back(&object);
  detail::load_member(*this, std::span<T* const>(pointers), relationship, {}, true);
}

}  // namespace sqlmodel

// Whichever of these headers comes first, the others follow once this one is complete.
#include "sqlmodel/loading_joined.hpp"
#include "sqlmodel/cascade.hpp"
#include "sqlmodel/bulk_insert.hpp"
