// The list type of the generated traits' `columns`, `relationships` and `fields`. std::tuple
// nests one class template per element in libstdc++ (and libc++), so a table of 500 columns
// exceeded g++'s template instantiation depth (900) and one of 600 clang++'s (1024);
// PostgreSQL allows 1,600. Here every element is a direct base class, side by side: the depth
// stays constant however many columns a table has.
//
// The ORM reads both this and std::tuple (hand-written traits may use either) through
// traits_get<I>, traits_apply and traits_size_v.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <tuple>
#include <type_traits>
#include <utility>

namespace sqlmodel::detail {

template <std::size_t I, typename T>
struct flat_tuple_leaf {
  T value;
};

template <typename Indexes, typename... Ts>
struct flat_tuple_base;

template <std::size_t... I, typename... Ts>
struct flat_tuple_base<std::index_sequence<I...>, Ts...> : flat_tuple_leaf<I, Ts>... {
  constexpr flat_tuple_base() = default;
  constexpr explicit flat_tuple_base(const Ts&... values) : flat_tuple_leaf<I, Ts>{values}... {}
};

template <typename... Ts>
struct flat_tuple : flat_tuple_base<std::index_sequence_for<Ts...>, Ts...> {
  using flat_tuple_base<std::index_sequence_for<Ts...>, Ts...>::flat_tuple_base;
};
template <typename... Ts>
flat_tuple(Ts...) -> flat_tuple<Ts...>;

// Element I: the one leaf with index I is found by overload resolution (a derived-to-base
// conversion), not by walking the list.
template <std::size_t I, typename T>
constexpr const T& flat_tuple_get(const flat_tuple_leaf<I, T>& leaf) {
  return leaf.value;
}

// Tuple-like, the standard way: std::tuple_size / std::tuple_element (specialised below, as
// the standard allows for a program-defined type) and a `get<I>` found by argument-dependent
// lookup, so `auto [id, email] = model_traits<User>::columns;` and
// `std::tuple_size_v<decltype(model_traits<User>::columns)>` work. std::get cannot be
// overloaded; user code reads an element with sqlmodel::get<I> (model_traits.hpp), which
// takes a std::tuple too.
template <std::size_t I, typename T>
constexpr T& flat_tuple_get_mutable(flat_tuple_leaf<I, T>& leaf) {
  return leaf.value;
}
template <std::size_t I, typename... Ts>
constexpr const auto& get(const flat_tuple<Ts...>& tuple) {
  return flat_tuple_get<I>(tuple);
}
// A structured binding of a copy (`auto [id, email] = ...columns;`) reads a non-const one.
template <std::size_t I, typename... Ts>
constexpr auto& get(flat_tuple<Ts...>& tuple) {
  return flat_tuple_get_mutable<I>(tuple);
}
template <std::size_t I, typename... Ts>
constexpr auto&& get(flat_tuple<Ts...>&& tuple) {
  return std::move(flat_tuple_get_mutable<I>(tuple));
}

// The type of element I, found the way flat_tuple_get finds the element: by deduction against
// the one leaf with index I (a declaration only; used in decltype).
template <std::size_t I, typename T>
T flat_tuple_element_of(const flat_tuple_leaf<I, T>&);

template <typename Tuple>
struct traits_size;
template <typename... Ts>
struct traits_size<std::tuple<Ts...>> : std::integral_constant<std::size_t, sizeof...(Ts)> {};
template <typename... Ts>
struct traits_size<flat_tuple<Ts...>> : std::integral_constant<std::size_t, sizeof...(Ts)> {};
template <typename Tuple>
inline constexpr std::size_t traits_size_v = traits_size<std::remove_cvref_t<Tuple>>::value;

template <std::size_t I, typename... Ts>
constexpr const auto& traits_get(const std::tuple<Ts...>& tuple) {
  return std::get<I>(tuple);
}
template <std::size_t I, typename... Ts>
constexpr const auto& traits_get(const flat_tuple<Ts...>& tuple) {
  return flat_tuple_get<I>(tuple);
}

// f(std::integral_constant<std::size_t, I>{}, element I) for every element, in order. The calls
// are the elements of a braced list, evaluated left to right, not a fold expression: clang
// refuses to instantiate a fold of more than 256 operands (its bracket depth), and a table
// may have 1,600 columns. Prefer it to traits_apply with a fold over the pack.
// (A function, not a lambda over the indexes: where it is not inlined, f's captures are then
// one load away, not two, on every element.)
template <typename Tuple, typename F, std::size_t... I>
constexpr void traits_for_each_indexed(const Tuple& tuple, F& f, std::index_sequence<I...>) {
  (void)std::initializer_list<int>{0, (f(std::integral_constant<std::size_t, I>{}, std::get<I>(tuple)), 0)...};
}
template <typename... Ts, typename F>
constexpr void traits_for_each(const std::tuple<Ts...>& tuple, F&& f) {
  traits_for_each_indexed(tuple, f, std::index_sequence_for<Ts...>{});
}
// The leaves are named by their types (a cast to a known base), not found by deduction per
// element: the walk stays linear in the number of columns.
template <std::size_t... I, typename... Ts, typename F>
constexpr void traits_for_each(const flat_tuple_base<std::index_sequence<I...>, Ts...>& tuple, F&& f) {
  (void)std::initializer_list<int>{
      0, (f(std::integral_constant<std::size_t, I>{}, static_cast<const flat_tuple_leaf<I, Ts>&>(tuple).value), 0)...};
}

// traits_for_each, always inlined into its caller, for a per-row loop on a hot path (a row's
// state written after each insert): where GCC keeps the walk a call of its own, each row pays
// the call and reloads f's captures per element (bench/orm_bench's insert figure).
template <typename Tuple, typename F, std::size_t... I>
[[gnu::always_inline]] constexpr void traits_for_each_indexed_inlined(const Tuple& tuple, F& f,
                                                                       std::index_sequence<I...>) {
  (void)std::initializer_list<int>{0, (f(std::integral_constant<std::size_t, I>{}, std::get<I>(tuple)), 0)...};
}
template <typename... Ts, typename F>
[[gnu::always_inline]] constexpr void traits_for_each_inlined(const std::tuple<Ts...>& tuple, F&& f) {
  traits_for_each_indexed_inlined(tuple, f, std::index_sequence_for<Ts...>{});
}
template <std::size_t... I, typename... Ts, typename F>
[[gnu::always_inline]] constexpr void traits_for_each_inlined(
    const flat_tuple_base<std::index_sequence<I...>, Ts...>& tuple, F&& f) {
  (void)std::initializer_list<int>{
      0, (f(std::integral_constant<std::size_t, I>{}, static_cast<const flat_tuple_leaf<I, Ts>&>(tuple).value), 0)...};
}

// f(element0, element1, ...), as std::apply.
template <typename F, typename Tuple>
constexpr decltype(auto) traits_apply(F&& f, const Tuple& tuple) {
  return [&]<std::size_t... I>(std::index_sequence<I...>) -> decltype(auto) {
    return std::forward<F>(f)(traits_get<I>(tuple)...);
  }(std::make_index_sequence<traits_size_v<Tuple>>{});
}

}  // namespace sqlmodel::detail

template <typename... Ts>
struct std::tuple_size<sqlmodel::detail::flat_tuple<Ts...>>
    : std::integral_constant<std::size_t, sizeof...(Ts)> {};
template <std::size_t I, typename... Ts>
struct std::tuple_element<I, sqlmodel::detail::flat_tuple<Ts...>> {
  using type = decltype(sqlmodel::detail::flat_tuple_element_of<I>(
      std::declval<const sqlmodel::detail::flat_tuple<Ts...>&>()));
};
