// The machinery of explicit relationship loading (the options are selectinload and joinedload,
// loading.hpp). The functions run on any session type S (Session, session.hpp), so this
// header does not need the session's definition: the session includes it.
//
// Select-in: each level is one statement, whatever the number of parents: the parents' keys
// travel as one bound list parameter.
//
// Joined: joinedload(&User::posts): the relationship comes back in the same statement, through a LEFT
// JOIN, as SQLAlchemy's joinedload does. The main query becomes a subquery (so its LIMIT and
// OFFSET count parents, not joined rows) that the joins hang off:
//
//   SELECT "users"."id", ..., "posts_1"."id", ... FROM (<the query>) AS "users"
//     LEFT JOIN "posts" AS "posts_1" ON "posts_1"."user_id" = "users"."id"
//     ORDER BY <the query's order>, "users"."id", "posts_1"."id"
//
// Rows are de-duplicated into their parents by primary key, and a target that several parents
// share (many-to-one) is one object. Nesting: joinedload(&User::posts).then(&Post::comments)
// joins the next level into the same statement; .then(selectinload(...)) runs one statement
// after it; selectinload(...).then(joinedload(...)) joins into the select-in statement.
// A parent query ordered by something other than its own columns cannot be wrapped and
// re-ordered: that is an error naming the term (use selectinload there).
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "sqlmodel/detail/relationship_state.hpp"
#include "sqlmodel/detail/single_table.hpp"
#include "sqlmodel/detail/sql.hpp"
#include "sqlmodel/detail/statements.hpp"
#include "sqlmodel/dialect.hpp"
#include "sqlmodel/model_traits.hpp"
#include "sqlmodel/query_select.hpp"
#include "sqlmodel/soft_delete.hpp"

namespace sqlmodel::detail {

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

// The bound list parameter of a set of keys (integers, strings or UUIDs), compared with a
// column that stores UUIDs in `uuid_form` (on SQLite the list holds them in that form).
template <typename Key, typename Value>
std::string key_list(schema::Dialect dialect, const std::map<Key, Value>& keys, SqliteUuid uuid_form) {
  static_assert(std::is_integral_v<Key> || std::is_same_v<Key, std::string> || std::is_same_v<Key, UUID>,
                "relationships load on integer, string or UUID keys");
  if constexpr (std::is_integral_v<Key>) {
    std::vector<std::int64_t> values;
    values.reserve(keys.size());
    for (const auto& entry : keys) values.push_back(static_cast<std::int64_t>(entry.first));
    return sql::integer_list(dialect, values);
  } else {
    std::vector<std::string> values;
    values.reserve(keys.size());
    for (const auto& entry : keys) {
      if constexpr (std::is_same_v<Key, UUID>)
        values.push_back(dialect == schema::Dialect::sqlite ? sqlite_uuid_text(entry.first, uuid_form)
                                                            : entry.first.to_string());
      else
        values.push_back(entry.first);
    }
    return sql::text_list(dialect, values);
  }
}

// The session remembers the rows a loader read (what their columns held).
template <typename S, typename Row>
void remember_rows(S& session, const std::vector<Row*>& rows) {
  auto& states = session.row_states().template of<Row>();
  for (Row* row : rows) states.remember(*row);
}
// ---- joined loads ----

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
  // them) into `parent`. `first`: this row created `parent`. `generation`: the session's
  // (RowStates::generation), which the loaded relationships keep.
  virtual void read(Statement& statement, int& column, P& parent, bool first, std::uint32_t generation) = 0;
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
template <typename S, typename Relationship>
void select_in_load(S& session, std::span<typename Relationship::model_type* const> parents,
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
  const std::uint32_t generation = session.row_states().generation();
  std::map<Key, std::vector<Model*>> parents_by_key;
  for (Model* parent : parents) {
    // A parent without a key has nothing to load: its relationship is loaded and empty.
    if constexpr (Relationship::to_many) relationship_access::start_loading(parent->*member, generation);
    else relationship_access::load(parent->*member, nullptr, generation);
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

  // The keys are compared with the link's column to this model, or the target's key column.
  const SqliteUuid compared_uuid_form = [] {
    if constexpr (through_link)
      return column_of<typename Relationship::link_type, Relationship::link_local_key>.sqlite_uuid();
    else
      return column_of<Target, Relationship::remote_key>.sqlite_uuid();
  }();
  const std::string list = key_list(dialect, parents_by_key, compared_uuid_form);
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
      session.remember(*target);
      targets.push_back(target.get());
    }
    std::shared_ptr<void> link;
    Key key{};
    if constexpr (through_link) {
      using Link = typename Relationship::link_type;
      auto row = std::make_shared<Link>();
      read_columns(s, *row, 0);
      session.remember(*row);
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
          if constexpr (Relationship::to_many) relationship_access::load_append(parent->*member, target, link);
          else relationship_access::load(parent->*member, target, generation);
        }
    }
    int column = link_width + static_cast<int>(column_count<Target>);
    for (auto& reader : readers) reader->read(s, column, *target, created, generation);
  });

  for (auto& reader : readers) reader->finish(session);
  if (!others.empty() && !targets.empty())
    for (const auto& loader : others) loader(session, std::span<Target* const>(targets));
}

template <typename S, TableModel T, typename M>
void load_member(S& session, std::span<T* const> objects, M T::*member,
                 const std::vector<Loader<typename relationship_member<M>::target_type>>& nested,
                 bool with_deleted) {
  with_relationship(member, [&](const auto& relationship) {
    select_in_load(session, objects, relationship, nested, with_deleted);
  });
}


// What selectinload(...) and joinedload(...) hold: the relationship's member, the loaders of
// the next level and whether soft-deleted targets are wanted. `Load<T, M>` is the loader
// itself, which a member pointer given to then() becomes at the next level.
template <template <typename, typename> class Load, TableModel T, typename M>
class LoaderOptions {
 public:
  using target_type = typename relationship_member<M>::target_type;

  explicit LoaderOptions(M T::*member) : member_(member) {}

  // Loads a relationship of the loaded targets too: the same kind of loader for a member
  // pointer, or any loader (selectinload(...) or joinedload(...)).
  template <typename N>
  Load<T, M> then(N target_type::*nested) const {
    return then(Load<target_type, N>(nested));
  }
  template <typename L>
    requires std::is_constructible_v<Loader<target_type>, L>
  Load<T, M> then(L nested) const {
    Load<T, M> copy = self();
    copy.nested_.push_back(Loader<target_type>(std::move(nested)));
    return copy;
  }

  // Soft-deleted targets are loaded too (soft_delete.hpp); nested loaders decide for themselves.
  Load<T, M> with_deleted(bool on = true) const {
    Load<T, M> copy = self();
    copy.with_deleted_ = on;
    return copy;
  }

  // Loads the relationship of objects already in hand: one statement (a joined load has no
  // statement to join into here).
  void operator()(Session& session, std::span<T* const> objects) const {
    load_member(session, objects, member_, nested_, with_deleted_);
  }

  M T::*member() const { return member_; }
  const std::vector<Loader<target_type>>& nested() const { return nested_; }
  bool includes_deleted() const { return with_deleted_; }

 private:
  const Load<T, M>& self() const { return static_cast<const Load<T, M>&>(*this); }

  M T::*member_;
  std::vector<Loader<target_type>> nested_;
  bool with_deleted_ = false;
};

// selectinload(&User::posts): after the main query, one SELECT ... WHERE user_id IN <keys>.
template <TableModel T, typename M>
class SelectInLoad final : public LoaderOptions<SelectInLoad, T, M> {
 public:
  using LoaderOptions<SelectInLoad, T, M>::LoaderOptions;
};

// joinedload(&Post::author): joined into the statement of the level above (plan_joined).
template <TableModel T, typename M>
class JoinedLoad final : public LoaderOptions<JoinedLoad, T, M> {
 public:
  using LoaderOptions<JoinedLoad, T, M>::LoaderOptions;
};


// Calls f(joined_load) and returns true when `loader` holds a JoinedLoad of one of P's
// relationships.
template <TableModel P, typename F>
bool visit_joined(const Loader<P>& loader, F&& f) {
  bool found = false;
  for_each_relationship<P>([&](const auto& relationship) {
    using R = std::remove_cvref_t<decltype(relationship)>;
    if (found) return;
    if (const auto* joined = loader.template target<JoinedLoad<P, typename R::member_type>>()) {
      found = true;
      f(*joined);
    }
  });
  return found;
}

template <TableModel T>
bool has_joined_loads(const std::vector<Loader<T>>& loaders) {
  for (const auto& loader : loaders)
    if (visit_joined<T>(loader, [](const auto&) {})) return true;
  return false;
}

// The reader of one joined relationship R: its targets (and link rows) into the parents.
template <typename R>
class RelationshipJoinReader final : public JoinedReader<typename R::model_type> {
 public:
  using Model = typename R::model_type;
  using Target = typename R::target_type;

  RelationshipJoinReader(int link_width, int width) : link_width_(link_width), width_(width) {}

  JoinedReaders<Target> nested;
  std::vector<Loader<Target>> others;

  void read(Statement& statement, int& column, Model& parent, bool first, std::uint32_t generation) override {
    const int start = column;
    column = start + width_;
    if (first) {
      if constexpr (R::to_many) relationship_access::start_loading(parent.*R::member, generation);
      else relationship_access::load(parent.*R::member, nullptr, generation);
    }
    const int target_column = start + link_width_;
    auto key = read_row_key<Target>(statement, target_column);
    if (!key) return;  // no target on this row (the LEFT JOIN found none)
    auto [entry, created] = identity_.try_emplace(*key);
    if (created) {
      entry->second = std::make_shared<Target>();
      read_columns(statement, *entry->second, target_column);
      targets_.push_back(entry->second.get());
    }
    if (attached_.emplace(&parent, *key).second) {
      if constexpr (R::through_link) {
        auto link = std::make_shared<typename R::link_type>();
        read_columns(statement, *link, start);
        links_.push_back(link.get());
        relationship_access::load_append(parent.*R::member, entry->second, std::move(link));
      } else if constexpr (R::to_many) {
        relationship_access::load_append(parent.*R::member, entry->second);
      } else {
        relationship_access::load(parent.*R::member, entry->second, generation);
      }
    }
    int nested_column = target_column + static_cast<int>(column_count<Target>);
    for (auto& reader : nested) reader->read(statement, nested_column, *entry->second, created, generation);
  }

  void finish(Session& session) override {
    remember_rows(session, targets_);
    if constexpr (R::through_link) remember_rows(session, links_);
    for (auto& reader : nested) reader->finish(session);
    if (!others.empty() && !targets_.empty())
      for (const auto& loader : others) loader(session, std::span<Target* const>(targets_));
  }

 private:
  int link_width_;
  int width_;  // every column of this load and its nested joined loads
  std::map<row_key_t<Target>, std::shared_ptr<Target>> identity_;
  std::set<std::pair<const Model*, row_key_t<Target>>> attached_;
  std::vector<Target*> targets_;
  static auto link_row_type() {
    if constexpr (R::through_link) return std::type_identity<typename R::link_type>{};
    else return std::type_identity<Target>{};
  }
  std::vector<typename decltype(link_row_type())::type*> links_;  // link model rows (through_link)
};

// Soft-deleted targets (and link rows) are kept out by the LEFT JOINs' ON conditions, so their
// parents still come back, unless with_deleted.
template <typename R>
std::unique_ptr<JoinedReader<typename R::model_type>> plan_relationship_join(
    const R& relationship, const std::vector<Loader<typename R::target_type>>& nested,
    bool with_deleted, const std::string& parent_alias, JoinSql& sql) {
  using Model = typename R::model_type;
  using Target = typename R::target_type;
  const schema::Dialect dialect = sql.dialect;
  const std::string target_table(model_traits<Target>::table_name);
  const std::string target_alias = target_table + "_" + std::to_string(sql.next_alias++);
  int link_width = 0;
  if constexpr (R::through_link) {
    using Link = typename R::link_type;
    const std::string link_table(model_traits<Link>::table_name);
    const std::string link_alias = link_table + "_" + std::to_string(sql.next_alias++);
    link_width = static_cast<int>(column_count<Link>);
    sql.columns += ", " + sql::qualified_columns(dialect, link_alias, table_info<Link>::get().columns);
    sql.joins += sql::left_join(dialect, link_table, link_alias, column_name<Link>(R::link_local_key),
                                parent_alias, column_name<Model>(R::local_key)) +
                 and_not_deleted<Link>(dialect, link_alias, with_deleted);
    sql.joins += sql::left_join(dialect, target_table, target_alias,
                                column_name<Target>(R::remote_key), link_alias,
                                column_name<Link>(R::link_remote_key)) +
                 and_not_deleted<Target>(dialect, target_alias, with_deleted) +
                 and_discriminator_in<Target>(dialect, target_alias);
  } else {
    sql.joins += sql::left_join(dialect, target_table, target_alias,
                                column_name<Target>(R::remote_key), parent_alias,
                                column_name<Model>(R::local_key)) +
                 and_not_deleted<Target>(dialect, target_alias, with_deleted) +
                 and_discriminator_in<Target>(dialect, target_alias);
  }
  sql.columns += ", " + sql::qualified_columns(dialect, target_alias, table_info<Target>::get().columns);
  if constexpr (R::to_many)
    sql.order += ", " + sql::collection_order(dialect, target_alias, relationship.order_by,
                                              table_info<Target>::get().keys);
  // The nested loads' columns follow this one's; the reader needs the total width.
  JoinedReaders<Target> nested_readers;
  std::vector<Loader<Target>> others;
  JoinSql inner(dialect);
  inner.next_alias = sql.next_alias;
  plan_joined<Target>(nested, target_alias, inner, nested_readers, others);
  sql.next_alias = inner.next_alias;
  sql.columns += inner.columns;
  sql.joins += inner.joins;
  sql.order += inner.order;
  const int width = link_width + static_cast<int>(column_count<Target>) + inner.width;
  sql.width += width;
  auto reader = std::make_unique<RelationshipJoinReader<R>>(link_width, width);
  reader->nested = std::move(nested_readers);
  reader->others = std::move(others);
  return reader;
}

template <TableModel P>
void plan_joined(const std::vector<Loader<P>>& loaders, const std::string& parent_alias,
                 JoinSql& sql, JoinedReaders<P>& readers, std::vector<Loader<P>>& others) {
  for (const auto& loader : loaders) {
    bool joined = visit_joined<P>(loader, [&](const auto& load) {
      with_relationship(load.member(), [&](const auto& relationship) {
        readers.push_back(plan_relationship_join(relationship, load.nested(), load.includes_deleted(),
                                                 parent_alias, sql));
      });
    });
    if (!joined) others.push_back(loader);
  }
}

// ORDER BY of the wrapped main query: its own terms on the subquery's alias, then its key.
template <TableModel T>
std::string joined_parent_order(schema::Dialect dialect, const std::vector<OrderTerm>& terms,
                                const std::string& alias) {
  std::string order;
  for (const OrderTerm& term : terms) {
    if (term.expression || term.table != model_traits<T>::table_name)
      throw std::invalid_argument(
          "joinedload: the query orders " + std::string(model_traits<T>::model_name) +
          " rows by " + (term.expression ? std::string("an expression") :
                         std::string(term.table) + "." + std::string(term.column)) +
          ", which the joined statement cannot re-apply; order by columns of " +
          std::string(model_traits<T>::table_name) + ", or use selectinload");
    if (!order.empty()) order += ", ";
    order += schema::quote_identifier(dialect, alias) + "." + schema::quote_identifier(dialect, term.column);
    if (term.descending) order += " DESC";
  }
  for (std::string_view key : table_info<T>::get().keys) {
    if (!order.empty()) order += ", ";
    order += schema::quote_identifier(dialect, alias) + "." + schema::quote_identifier(dialect, key);
  }
  return order;
}

template <TableModel T>
std::vector<OrderTerm> order_terms_of(const Select<T>& query) {
  if constexpr (requires { query.core().order; }) return query.core().order;
  else return {};
}

template <typename S, TableModel T>
std::vector<T> exec_joined(S& session, const Select<T>& query) {
  session.flush();
  const schema::Dialect dialect = session.dialect();
  const std::string alias(model_traits<T>::table_name);
  JoinSql joined(dialect);
  JoinedReaders<T> readers;
  std::vector<Loader<T>> others;
  plan_joined<T>(query.loaders(), alias, joined, readers, others);

  RenderedQuery base = query.render(dialect);
  const std::string text =
      "SELECT " + sql::qualified_columns(dialect, alias, table_info<T>::get().columns) +
      joined.columns + " FROM (" + base.sql + ") AS " + schema::quote_identifier(dialect, alias) +
      joined.joins + " ORDER BY " + joined_parent_order<T>(dialect, order_terms_of(query), alias) +
      joined.order;
  Statement& statement = session.connection().prepare(text, model_traits<T>::table_name);

  // A deque keeps the parents in place while rows arrive (readers hold pointers to them).
  std::deque<T> parents;
  std::map<row_key_t<T>, T*> seen;
  const std::uint32_t generation = session.row_states().generation();
  session.run(
      statement, base.params.size(),
      [&](Statement& s) {
        for (std::size_t i = 0; i < base.params.size(); ++i)
          bind_param(s, static_cast<int>(i), base.params[i]);
      },
      [&](Statement& s) {
        T* parent = nullptr;
        bool first = false;
        auto key = read_row_key<T>(s, 0);
        if (key) {
          auto [entry, created] = seen.try_emplace(*key, nullptr);
          if (created) {
            read_columns(s, parents.emplace_back());
            session.remember(parents.back());
            entry->second = &parents.back();
            first = true;
          }
          parent = entry->second;
        } else {
          read_columns(s, parents.emplace_back());
          parent = &parents.back();
          first = true;
        }
        int column = static_cast<int>(column_count<T>);
        for (auto& reader : readers) reader->read(s, column, *parent, first, generation);
      });
  for (auto& reader : readers) reader->finish(session);

  std::vector<T> rows(std::make_move_iterator(parents.begin()), std::make_move_iterator(parents.end()));
  if (!others.empty() && !rows.empty()) {
    std::vector<T*> pointers;
    pointers.reserve(rows.size());
    for (T& row : rows) pointers.push_back(&row);
    for (const auto& loader : others) loader(session, std::span<T* const>(pointers));
  }
  return rows;
}


}  // namespace sqlmodel::detail
