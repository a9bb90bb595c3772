// Table aliases: one model's table under another name, so a query can read it twice (a
// self-join) — what SQLAlchemy's aliased(Category, name="parent") and sqlpp11's
// categories.as(parent) are.
//
//   auto parent = sqlmodel::alias<Category>("parent");
//   auto rows = session.exec(select(&Category::name, parent(&Category::name))
//                                .left_join(parent, col(&Category::parent_id) == parent(&Category::id)));
//   // std::vector<std::tuple<std::string, std::optional<std::string>>>
//   //   SELECT "categories"."name", "parent"."name" FROM "categories"
//   //   LEFT JOIN "categories" AS "parent" ON "categories"."parent_id" = "parent"."id"
//
//   // the same join along the self-referential relationship
//   select(&Category::name, parent(&Category::name)).join(parent, &Category::parent);
//
// parent(&Category::member) is a typed expression like col(&Category::member) (a member a mixin
// declares works too). Each alias<T>(...) call gives a type of its own, so a left join makes
// only that alias's columns std::optional, not the model's own columns nor another alias's.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "sqlmodel/model_traits.hpp"
#include "sqlmodel/query_expr.hpp"

namespace sqlmodel {

template <TableModel T, typename Tag>
class Alias {
 public:
  using is_table_alias = void;
  using model_type = T;

  explicit Alias(std::string name) : name_(std::move(name)) {}

  const std::string& name() const { return name_; }
  detail::TableRef table() const { return detail::TableRef(std::string(model_traits<T>::table_name), name_); }

  // "alias"."column" of one of T's members, typed as the member.
  template <typename V, typename Base>
    requires std::is_base_of_v<Base, T>
  Expr<V, detail::type_list<Alias>> operator()(V Base::*member) const {
    V T::*const own = member;
    const std::string_view column = column_name<T>(own);
    return Expr<V, detail::type_list<Alias>>(
        std::make_shared<detail::node::Column>(name_, std::string(column), detail::column_uuid_form<T>(own)),
        std::string(column), table());
  }

 private:
  std::string name_;
};

namespace detail {
template <typename A>
concept TableAlias = requires { typename std::remove_cvref_t<A>::is_table_alias; };
}  // namespace detail

// alias<T>("name"): T's table under `name`. The default Tag is a fresh closure type for each
// call written in the source, which makes each alias a type of its own.
template <TableModel T, typename Tag = decltype([] {})>
Alias<T, Tag> alias(std::string name) {
  if (name.empty()) throw std::invalid_argument("alias<" + std::string(model_traits<T>::model_name) + ">(): an alias needs a name");
  return Alias<T, Tag>(std::move(name));
}

}  // namespace sqlmodel
