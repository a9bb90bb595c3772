// select(...) of chosen columns and expressions into tuples, with joins, GROUP BY / HAVING,
// ORDER BY, LIMIT / OFFSET and DISTINCT. The row type is computed by the compiler from the
// selected expressions:
//
//   auto rows = session.exec(select(&User::name, count(col(&Post::id)), max(col(&Post::score)))
//                                .left_join(&User::posts)
//                                .group_by(&User::name)
//                                .having(count(col(&Post::id)) >= 1)
//                                .order_by(col(&User::name)));
//   // std::vector<std::tuple<std::string, std::int64_t, std::optional<std::int32_t>>>
//
// Typing rules: a column keeps its member's type; after left_join(...) the joined model's
// columns become std::optional; count() is std::int64_t; sum() of integers is std::int64_t
// and of floating point double; avg() is double; min()/max() keep the column's type. SUM, AVG,
// MIN and MAX are std::optional when they can see no rows: without group_by(), over a nullable
// column, or over a left-joined model.
//
// The FROM table is the table of the first selected column; say .from<T>() when the first item
// is not a column (select(count()).from<User>()) and .from(cte) to read a CTE.
// Joins go along a relationship (.join(&User::posts): ON posts.user_id = users.id from the
// traits) or take an explicit condition (.join<Post>(col(&Post::user_id) == col(&User::id))).
// A table read twice (a self-join) goes by an alias (query_alias.hpp):
// .join(parent, col(&Category::parent_id) == parent(&Category::id)) or .join(parent, &Category::parent).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "sqlmodel/query_alias.hpp"
#include "sqlmodel/query_expr.hpp"
#include "sqlmodel/detail/single_table.hpp"
#include "sqlmodel/soft_delete.hpp"

namespace sqlmodel {

namespace detail {

struct CteDefinition;
struct CompoundCore;

struct JoinClause {
  bool left = false;
  std::string table;
  // A joined CTE goes into the query's WITH clause; a recursive CTE's reference to itself
  // does not (it is defined by the statement being built).
  std::shared_ptr<const detail::CteDefinition> cte;
  Condition on;
  // JOIN "table" AS "alias" (query_alias.hpp)
  std::string alias = {};
};

struct SelectItem {
  detail::NodePtr node;
  std::string label;
};

// The parts of any SELECT, whatever it returns.
struct SelectCore {
  std::vector<detail::SelectItem> items;
  // select<T>(): the model's columns, rendered straight from the traits (no expression tree).
  std::string_view model_table;
  std::span<const std::string_view> model_columns;
  std::string from;
  std::string from_alias;  // FROM "from" AS "from_alias"
  std::vector<std::shared_ptr<const detail::CteDefinition>> ctes;
  std::vector<detail::JoinClause> joins;
  std::optional<Condition> where;
  std::vector<detail::NodePtr> group_by;
  std::optional<Condition> having;
  std::vector<detail::OrderTerm> order;
  std::optional<std::int64_t> limit, offset;
  bool distinct = false;

  // True when `name` names the FROM table or a joined one (by its alias when it has one).
  bool has_table(std::string_view name) const;
  void set_from(const detail::TableRef& table) {
    from = table.table;
    from_alias = table.alias;
  }
  void add_cte(std::shared_ptr<const detail::CteDefinition> cte);
  void add_where(const Condition& condition) { where = where ? (*where && condition) : condition; }

  // [WITH [RECURSIVE] ...] SELECT [DISTINCT] ... FROM ... [JOIN ...] [WHERE ...]
  // [GROUP BY ...] [HAVING ...] [ORDER BY ...] [LIMIT n] [OFFSET m]
  void render(detail::RenderContext& context) const;
  detail::RenderedQuery render(schema::Dialect dialect) const;
};

// A member of a compound select (query_compound.hpp): a select, or a nested compound.
struct CompoundPart {
  std::shared_ptr<const detail::SelectCore> select;
  std::shared_ptr<const detail::CompoundCore> compound;
};

// A CTE: WITH name(columns) AS (anchor [UNION ALL recursive]).
struct CteDefinition {
  std::string name;
  std::vector<std::string> columns;
  detail::SelectCore anchor;
  std::optional<detail::SelectCore> recursive;
};

// (SELECT ...) or EXISTS (SELECT ...) inside another statement.
namespace node {
struct Subquery final : detail::SqlNode {
  Subquery(std::shared_ptr<const detail::SelectCore> query, std::string_view prefix)
      : query(std::move(query)), prefix(prefix) {}
  std::shared_ptr<const detail::SelectCore> query;
  std::string_view prefix;  // "" or "EXISTS "
  void render(detail::RenderContext& context) const override;
};
}  // namespace node


inline void add_join(detail::SelectCore& core, bool left, const detail::TableRef& table, const Condition& on) {
  if (core.has_table(table.name())) {
    if (table.alias.empty())
      throw std::invalid_argument("join(): table '" + table.table +
                                  "' is already in the query; to read it a second time (a self-join), "
                                  "join it under an alias: auto other = sqlmodel::alias<Model>(\"other\"); "
                                  ".join(other, condition or &Model::relationship)");
    throw std::invalid_argument("join(): the name '" + table.alias + "' (an alias of table '" + table.table +
                                "') is already in the query; give the alias another name");
  }
  core.joins.push_back({left, table.table, nullptr, on, table.alias});
}

// Joins along a relationship of T: ON target.remote_key = T.local_key, or through the link
// model of a many-to-many relationship (two joins). With `target_alias` the target table joins
// under that alias (a self-join along a self-referential relationship).
template <TableModel T, typename M>
void add_relationship_join(detail::SelectCore& core, M T::*member, bool left, std::string_view target_alias = {}) {
  const std::string_view owner = model_traits<T>::table_name;
  if (!core.has_table(owner))
    throw std::invalid_argument("join along a relationship of " + std::string(model_traits<T>::model_name) +
                                ": its table '" + std::string(owner) +
                                "' is not in the query (FROM '" + core.from +
                                "'); select or join it first");
  bool found = false;
  for_each_relationship<T>([&](const auto& relationship) {
    using R = std::remove_cvref_t<decltype(relationship)>;
    if constexpr (std::is_same_v<std::remove_cv_t<decltype(R::member)>, M T::*>) {
      if (found || R::member != member) return;
      found = true;
      using Target = typename R::target_type;
      const detail::TableRef target{std::string(model_traits<Target>::table_name), std::string(target_alias)};
      // "target"."remote_key", under the alias when there is one.
      const detail::NodePtr remote_key =
          std::make_shared<detail::node::Column>(target.name(), std::string(column_name<Target>(R::remote_key)));
      if constexpr (R::through_link) {
        using Link = typename R::link_type;
        add_join(core, left, detail::TableRef(std::string(model_traits<Link>::table_name)),
                 col(R::link_local_key) == col(R::local_key));
        add_join(core, left, target, compare_nodes(remote_key, "=", col(R::link_remote_key).expr().node()));
      } else {
        add_join(core, left, target, compare_nodes(remote_key, "=", col(R::local_key).expr().node()));
      }
    }
  });
  if (!found)
    throw std::invalid_argument("join(): the member of " + std::string(model_traits<T>::model_name) +
                                " is not a relationship in model_traits<" +
                                std::string(model_traits<T>::model_name) + ">::relationships");
}

// The models whose columns a LEFT JOIN along `M T::*` makes optional: the target, and the link
// model of a many-to-many relationship.
template <typename R, typename Member, bool Link = requires { requires R::through_link; }>
struct link_model_of {
  using type = detail::type_list<>;
};
template <typename R, typename Member>
struct link_model_of<R, Member, true> {
  using type = std::conditional_t<std::is_same_v<std::remove_cv_t<decltype(R::member)>, Member>,
                                  detail::type_list<typename R::link_type>, detail::type_list<>>;
};
template <typename Member, typename Relationships>
struct link_models;
// Relationships come as a std::tuple or, from generated traits, a detail::flat_tuple.
template <typename Member, template <typename...> class List>
struct link_models<Member, List<>> {
  using type = detail::type_list<>;
};
template <typename Member, template <typename...> class List, typename First, typename... Rest>
struct link_models<Member, List<First, Rest...>> {
  using type = detail::concat_t<typename link_model_of<First, Member>::type,
                        typename link_models<Member, List<Rest...>>::type>;
};
template <TableModel T, typename M>
struct left_joined_models {
  using relationships = std::remove_cvref_t<decltype([] {
    if constexpr (requires { model_traits<T>::relationships; }) return model_traits<T>::relationships;
    else return std::tuple<>{};
  }())>;
  using type = detail::concat_t<detail::type_list<typename detail::relationship_member<M>::target_type>,
                        typename link_models<M T::*, relationships>::type>;
};

template <typename Cte>
void add_cte_join(detail::SelectCore& core, const Cte& cte, const Condition& on) {
  core.joins.push_back({false, cte.name(), cte.self_reference() ? nullptr : cte.definition(), on});
  if (!cte.self_reference()) core.add_cte(cte.definition());
}

template <typename Cte>
void set_from_cte(detail::SelectCore& core, const Cte& cte) {
  core.from = cte.name();
  if (!cte.self_reference()) core.add_cte(cte.definition());
}

template <typename Item, bool Grouped, typename Nullable>
struct result_value {
  using value = typename Item::value_type;
  static constexpr bool widen =
      !is_std_optional_v<value> &&
      (intersects_v<typename Item::sources, Nullable> || (Item::null_when_empty && !Grouped));
  using type = std::conditional_t<widen, std::optional<value>, value>;
};

template <typename Row>
struct single_column {};
template <typename V>
struct single_column<std::tuple<V>> {
  using single_column_type = V;
};

template <typename Row>
void read_row(Statement& statement, Row& row) {
  std::apply(
      [&](auto&... values) {
        int index = 0;
        (value_codec<std::remove_cvref_t<decltype(values)>>::read(statement, index++, values), ...);
      },
      row);
}

// Runs a rendered query in the session and collects its rows.
template <typename Row, typename S>
std::vector<Row> fetch_rows(S& session, const detail::RenderedQuery& rendered, std::string_view table) {
  session.flush();
  Statement& statement = session.connection().prepare(rendered.sql, table);
  std::vector<Row> rows;
  session.run(statement, rendered.params.size(),
              [&](Statement& s) { detail::bind_params(s, rendered.params); },
              [&](Statement& s) { read_row(s, rows.emplace_back()); });
  return rows;
}

template <typename E>
detail::SelectItem select_item(const E& item) {
  const auto& expression = detail::to_expr(item);
  return {expression.node(), expression.label()};
}


}  // namespace detail

// A SELECT of chosen expressions. Grouped: group_by() was called; Nullable: the models a LEFT
// JOIN brought in (their columns read as std::optional).
template <bool Grouped, typename Nullable, typename... Items>
class SelectTuple : public detail::single_column<
                        std::tuple<typename detail::result_value<Items, Grouped, Nullable>::type...>> {
 public:
  using runnable_query = void;
  using row_type = std::tuple<typename detail::result_value<Items, Grouped, Nullable>::type...>;

  explicit SelectTuple(detail::SelectCore core) : core_(std::move(core)) {}

  SelectTuple& where(const Condition& condition) {
    core_.add_where(condition);
    return *this;
  }

  // Inner joins: along a relationship of a model already in the query, to a model on an
  // explicit condition, or to a CTE.
  template <TableModel T, typename M>
    requires requires { typename detail::relationship_member<M>::target_type; }
  SelectTuple& join(M T::*relationship) {
    detail::add_relationship_join(core_, relationship, false);
    return *this;
  }
  template <TableModel U>
  SelectTuple& join(const Condition& on) {
    detail::add_join(core_, false, detail::TableRef(std::string(model_traits<U>::table_name)), on);
    return *this;
  }
  // A table under an alias, on a condition or along a relationship of a model in the query
  // whose target is the alias's model (query_alias.hpp).
  template <detail::TableAlias A>
  SelectTuple& join(const A& alias, const Condition& on) {
    detail::add_join(core_, false, alias.table(), on);
    return *this;
  }
  template <detail::TableAlias A, TableModel T, typename M>
    requires std::is_same_v<typename detail::relationship_member<M>::target_type, typename A::model_type>
  SelectTuple& join(const A& alias, M T::*relationship) {
    detail::add_relationship_join(core_, relationship, false, alias.name());
    return *this;
  }
  template <typename Cte>
    requires requires(const Cte& cte) { cte.definition(); }
  SelectTuple& join(const Cte& cte, const Condition& on) {
    detail::add_cte_join(core_, cte, on);
    return *this;
  }

  // Left joins: the joined model's columns read as std::optional.
  template <TableModel T, typename M>
    requires requires { typename detail::relationship_member<M>::target_type; }
  auto left_join(M T::*relationship) const {
    SelectTuple<Grouped, detail::concat_t<Nullable, typename detail::left_joined_models<T, M>::type>, Items...> joined(core_);
    detail::add_relationship_join(joined.core_, relationship, true);
    return joined;
  }
  template <TableModel U>
  auto left_join(const Condition& on) const {
    SelectTuple<Grouped, detail::concat_t<Nullable, detail::type_list<U>>, Items...> joined(core_);
    detail::add_join(joined.core_, true, detail::TableRef(std::string(model_traits<U>::table_name)), on);
    return joined;
  }
  // Only the alias's columns become std::optional: the model's own columns stay as they are.
  template <detail::TableAlias A>
  auto left_join(const A& alias, const Condition& on) const {
    SelectTuple<Grouped, detail::concat_t<Nullable, detail::type_list<A>>, Items...> joined(core_);
    detail::add_join(joined.core_, true, alias.table(), on);
    return joined;
  }
  template <detail::TableAlias A, TableModel T, typename M>
    requires std::is_same_v<typename detail::relationship_member<M>::target_type, typename A::model_type>
  auto left_join(const A& alias, M T::*relationship) const {
    SelectTuple<Grouped, detail::concat_t<Nullable, detail::type_list<A>>, Items...> joined(core_);
    detail::add_relationship_join(joined.core_, relationship, true, alias.name());
    return joined;
  }

  // FROM a model's table, or from a CTE (which joins the statement's WITH clause).
  template <TableModel T>
  SelectTuple& from() {
    core_.set_from(detail::TableRef(std::string(model_traits<T>::table_name)));
    return *this;
  }
  template <detail::TableAlias A>
  SelectTuple& from(const A& alias) {
    core_.set_from(alias.table());
    return *this;
  }
  template <typename Cte>
    requires requires(const Cte& cte) { cte.definition(); }
  SelectTuple& from(const Cte& cte) {
    detail::set_from_cte(core_, cte);
    return *this;
  }

  template <typename... Keys>
    requires(sizeof...(Keys) > 0 && (detail::ExprConvertible<Keys> && ...))
  auto group_by(const Keys&... keys) const {
    SelectTuple<true, Nullable, Items...> grouped(core_);
    (grouped.core_.group_by.push_back(detail::to_expr(keys).node()), ...);
    return grouped;
  }
  SelectTuple& having(const Condition& condition) {
    static_assert(Grouped, "having() filters groups: call group_by() first");
    core_.having = core_.having ? (*core_.having && condition) : condition;
    return *this;
  }

  template <typename... More>
  SelectTuple& order_by(detail::OrderTerm first, More... more) {
    core_.order.push_back(std::move(first));
    (core_.order.push_back(detail::OrderTerm(more)), ...);
    return *this;
  }
  SelectTuple& limit(std::int64_t n) {
    core_.limit = n;
    return *this;
  }
  SelectTuple& offset(std::int64_t n) {
    core_.offset = n;
    return *this;
  }
  SelectTuple& distinct(bool on = true) {
    core_.distinct = on;
    return *this;
  }

  // UNION / UNION ALL / INTERSECT / EXCEPT with a select of the same column types
  // (query_compound.hpp).
  template <typename Q>
  auto union_(const Q& other) const;
  template <typename Q>
  auto union_all(const Q& other) const;
  template <typename Q>
  auto intersect(const Q& other) const;
  template <typename Q>
  auto except(const Q& other) const;
  detail::CompoundPart compound_member() const { return {std::make_shared<const detail::SelectCore>(core_), nullptr}; }

  detail::RenderedQuery render(schema::Dialect dialect) const { return core_.render(dialect); }
  const detail::SelectCore& core() const { return core_; }

  // session.exec(query) calls this.
  template <typename S>
  std::vector<row_type> run(S& session) const {
    return detail::fetch_rows<row_type>(session, render(session.dialect()), core_.from);
  }

 private:
  template <bool, typename, typename...>
  friend class SelectTuple;
  detail::SelectCore core_;
};

// select(&User::name, col(&User::age) + 1, count(), ...): a SELECT of those expressions.
template <typename... Args>
  requires(sizeof...(Args) > 0 && (detail::ExprConvertible<Args> && ...))
auto select(const Args&... args) {
  detail::SelectCore core;
  (core.items.push_back(detail::select_item(args)), ...);
  // FROM: the table of the first item that reads a column.
  ((core.from.empty() ? void(core.set_from(detail::to_expr(args).origin())) : void()), ...);
  return SelectTuple<false, detail::type_list<>, detail::expr_t<Args>...>(std::move(core));
}

class Session;

namespace detail {
// Runs after the main query on the objects it returned (selectinload and friends).
template <typename T>
using Loader = std::function<void(Session&, std::span<T* const>)>;
}  // namespace detail

// select<T>(): whole model objects.
template <TableModel T>
class Select {
 public:
  Select() {
    core_.model_table = model_traits<T>::table_name;
    core_.model_columns = column_names();
    core_.from = std::string(model_traits<T>::table_name);
    apply_soft_delete_filter();
  }

  Select& where(const Condition& condition) {
    user_where_ = user_where_ ? (*user_where_ && condition) : condition;
    apply_soft_delete_filter();
    return *this;
  }
  // A soft-deletable model's query (soft_delete.hpp) skips rows whose deleted_at is set;
  // with_deleted() returns them too.
  Select& with_deleted(bool on = true) {
    with_deleted_ = on;
    apply_soft_delete_filter();
    return *this;
  }
  Select& order_by(detail::OrderTerm term) {
    core_.order.push_back(std::move(term));
    return *this;
  }
  template <typename... More>
  Select& order_by(detail::OrderTerm first, More... more) {
    order_by(std::move(first));
    (order_by(detail::OrderTerm(more)), ...);
    return *this;
  }
  Select& limit(std::int64_t n) {
    core_.limit = n;
    return *this;
  }
  Select& offset(std::int64_t n) {
    core_.offset = n;
    return *this;
  }
  Select& distinct(bool on = true) {
    core_.distinct = on;
    return *this;
  }
  // Joins filter the models returned (select<User>().join(&User::posts).where(col(&Post::score)
  // > 3).distinct()); the joined rows are not loaded into relationships (see loading.hpp).
  template <TableModel U, typename M>
    requires requires { typename detail::relationship_member<M>::target_type; }
  Select& join(M U::*relationship) {
    detail::add_relationship_join(core_, relationship, false);
    return *this;
  }
  template <TableModel U>
  Select& join(const Condition& on) {
    detail::add_join(core_, false, detail::TableRef(std::string(model_traits<U>::table_name)), on);
    return *this;
  }
  template <detail::TableAlias A>
  Select& join(const A& alias, const Condition& on) {
    detail::add_join(core_, false, alias.table(), on);
    return *this;
  }
  template <detail::TableAlias A, TableModel U, typename M>
    requires std::is_same_v<typename detail::relationship_member<M>::target_type, typename A::model_type>
  Select& join(const A& alias, M U::*relationship) {
    detail::add_relationship_join(core_, relationship, false, alias.name());
    return *this;
  }
  template <TableModel U, typename M>
    requires requires { typename detail::relationship_member<M>::target_type; }
  Select& left_join(M U::*relationship) {
    detail::add_relationship_join(core_, relationship, true);
    return *this;
  }
  template <TableModel U>
  Select& left_join(const Condition& on) {
    detail::add_join(core_, true, detail::TableRef(std::string(model_traits<U>::table_name)), on);
    return *this;
  }
  template <detail::TableAlias A>
  Select& left_join(const A& alias, const Condition& on) {
    detail::add_join(core_, true, alias.table(), on);
    return *this;
  }

  // Relationship loaders to run on the result: .options(selectinload(&User::posts)).
  template <typename... Loaders>
  Select& options(Loaders&&... loaders) {
    (loaders_.push_back(detail::Loader<T>(std::forward<Loaders>(loaders))), ...);
    return *this;
  }

  detail::RenderedQuery render(schema::Dialect dialect) const { return core_.render(dialect); }
  const detail::SelectCore& core() const { return core_; }
  const std::vector<detail::Loader<T>>& loaders() const { return loaders_; }

 private:
  static std::span<const std::string_view> column_names() {
    static const auto names = [] {
      std::vector<std::string_view> list;
      for_each_column<T>([&](auto, const auto& column) { list.push_back(column.name); });
      return list;
    }();
    return names;
  }

  void apply_soft_delete_filter() {
    core_.where = user_where_;
    // A single-table child reads only its own and its descendants' rows (detail/single_table.hpp).
    if constexpr (detail::filters_by_discriminator<T>())
      core_.where = user_where_ ? (detail::discriminator_condition<T>() && *user_where_) : detail::discriminator_condition<T>();
    if constexpr (is_soft_deletable<T>()) {
      if (with_deleted_) return;
      Condition filter{std::make_shared<detail::node::NullTest>(
          detail::column_node(model_traits<T>::table_name, detail::deleted_at_column<T>()), false)};
      core_.where = core_.where ? (filter && *core_.where) : filter;
    }
  }

  detail::SelectCore core_;
  std::vector<detail::Loader<T>> loaders_;
  std::optional<Condition> user_where_;
  bool with_deleted_ = false;
};

template <TableModel T>
Select<T> select() {
  return {};
}

}  // namespace sqlmodel
