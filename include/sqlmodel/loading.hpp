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

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "sqlmodel/detail/loaders.hpp"
#include "sqlmodel/model_traits.hpp"

namespace sqlmodel {

// selectinload(&User::posts): after the main query, one SELECT ... WHERE user_id IN <keys>.
// .then(&Post::comments) or .then(<any loader>) loads the next level; .with_deleted() keeps
// soft-deleted targets.
template <TableModel T, typename M>
detail::SelectInLoad<T, M> selectinload(M T::*member) {
  return detail::SelectInLoad<T, M>(member);
}

// joinedload(&Post::author): the relationship comes back in the main statement through a LEFT
// JOIN (detail/loaders.hpp says how); .then(...) and .with_deleted() as for selectinload.
template <TableModel T, typename M>
detail::JoinedLoad<T, M> joinedload(M T::*member) {
  return detail::JoinedLoad<T, M>(member);
}

namespace detail {
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

// The index of T's first many-to-many relationship whose member type is M.
template <TableModel T, typename M>
consteval std::size_t link_relationship_index() {
  std::size_t found = detail::relationship_count<T>(), index = 0;
  for_each_relationship<T>([&](const auto& relationship) {
    using R = std::remove_cvref_t<decltype(relationship)>;
    if constexpr (R::through_link && std::is_same_v<typename R::member_type, M>)
      if (found == detail::relationship_count<T>()) found = index;
    ++index;
  });
  return found;
}
}  // namespace detail

// The loaded relationship; throws RelationshipNotLoaded naming the model and member when it
// was never loaded.
template <TableModel T, typename M>
decltype(auto) related(const T& object, M T::*member) {
  const M& value = object.*member;
  if (!value.loaded())
    throw RelationshipNotLoaded(detail::not_loaded_message(detail::relationship_path_of(member)));
  return value.get();
}

// One item of a many-to-many relationship with the link row that leads to it.
template <typename Target, typename Link>
struct LinkedItem {
  std::shared_ptr<Target> target;
  std::shared_ptr<Link> link;
};

// The loaded items of a many-to-many relationship, each with its link model's row:
//   for (const auto& [team, membership] : sqlmodel::linked(user, &User::teams))
//     std::cout << team->name << ": " << membership->role;
template <TableModel T, typename M>
auto linked(const T& object, M T::*member) {
  constexpr std::size_t index = detail::link_relationship_index<T, M>();
  static_assert(index < detail::relationship_count<T>(),
                "linked(): the member is not a many-to-many relationship (link_relationship)");
  using R = std::remove_cvref_t<decltype(detail::traits_get<index>(model_traits<T>::relationships))>;
  using Target = typename R::target_type;
  using Link = typename R::link_type;
  const auto& items = related(object, member);
  const auto& links = (object.*member).link_rows();
  auto missing = [&] {
    return std::logic_error(detail::relationship_path_of(member) +
                            " holds items without their link rows: it was not loaded through its "
                            "link model (selectinload, joinedload and session.load keep the link "
                            "rows), or items were appended and not flushed yet (the flush writes "
                            "their link rows and puts them here)");
  };
  if (links.size() != items.size()) throw missing();
  std::vector<LinkedItem<Target, Link>> result;
  result.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!links[i]) throw missing();
    result.push_back({items[i], std::static_pointer_cast<Link>(links[i])});
  }
  return result;
}

}  // namespace sqlmodel
