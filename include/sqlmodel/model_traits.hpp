// model_traits<T>: what the runtime knows about a table model. This is the contract between
// the sqlmodel plugin's code generator (-fplugin-arg-sqlmodel-emit=PATH) and the runtime: the
// generator writes one specialisation per SQLMODEL_TABLE struct into <models>.sqlmodel.hpp,
// and the ORM (Session, select<T>(), loaders) is written against nothing else. Everything is
// constexpr, and member pointers are template arguments, so binding a column inlines to one
// value_codec call on the member.
//
// What the generator emits for
//
//   struct SQLMODEL_TABLE(.name = "users") User {
//     SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
//     SQLMODEL_FIELD(.unique = true, .max_length = 255) std::string email;
//     SQLMODEL_RELATIONSHIP(.back_populates = "author") sqlmodel::RelatedList<Post> posts;
//   };
//   struct SQLMODEL_TABLE(.name = "posts") Post {
//     SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
//     SQLMODEL_FIELD(.foreign_key = "users.id") std::int64_t user_id;
//     SQLMODEL_RELATIONSHIP(.back_populates = "posts") sqlmodel::Related<User> author;
//   };
//
// is, after every model struct is complete:
//
//   template <> struct sqlmodel::model_traits<User> {
//     static constexpr std::string_view model_name = "User";
//     static constexpr std::string_view table_name = "users";
//     static constexpr auto columns = sqlmodel::detail::flat_tuple{
//         sqlmodel::column<&User::id>{.name = "id", .kind = sqlmodel::schema::TypeKind::int64,
//                                     .primary_key = true, .autoincrement = true},
//         sqlmodel::column<&User::email>{.name = "email",
//                                        .kind = sqlmodel::schema::TypeKind::string,
//                                        .max_length = 255}};
//     static constexpr auto relationships = sqlmodel::detail::flat_tuple{
//         sqlmodel::relationship<&User::posts, &User::id, &Post::user_id>{
//             .name = "posts", .kind = sqlmodel::schema::RelationshipKind::one_to_many,
//             .foreign_key_column = "user_id"}};
//   };
//   template <> struct sqlmodel::model_traits<Post> { ...
//         sqlmodel::relationship<&Post::author, &Post::user_id, &User::id>{
//             .name = "author", .kind = sqlmodel::schema::RelationshipKind::many_to_one,
//             .foreign_key_column = "user_id"} ... };
//
// (A hand-written traits class may use std::tuple instead of detail::flat_tuple: the ORM reads
// both. The generator writes flat_tuple, whose depth does not grow with the number of
// columns, so a table of PostgreSQL's 1,600 columns compiles with g++ and clang++.)
//
// Rules the generator follows:
// - `columns` lists every column in declaration order (mixin members first, as in the
//   snapshot); the order is the order of SELECT lists and of INSERT columns.
// - Every primary key column has primary_key = true. Several such columns make a composite
//   key, in column order; get<T>() then takes a std::tuple of their values in that order
//   (session.get<Membership>({user_id, team_id})). autoincrement = true only on a single
//   integer key the database assigns: the session leaves the column out of the INSERT while
//   the member is unset (std::nullopt, or 0 for a plain integer) and writes the assigned key
//   back.
// - A UUID column of type uuid_hex (`.sql_type = "uuid_hex"`, or every UUID member under the
//   plugin's sqlite-uuid=hex) has `.uuid_hex = true`, right after `.with_timezone`'s place: on
//   SQLite the session writes its values, keys and compared values as 32 hex digits, and those
//   of every other UUID column as 36 characters (reads accept both).
// - A relationship names its member, the key it matches on this model (LocalKey) and the key it
//   matches on the target (RemoteKey): for one-to-many the parent's primary key and the
//   child's foreign key; for many-to-one the child's foreign key and the parent's primary key.
//   foreign_key_column is the column holding the foreign key (on whichever table has it).
// - Self-referential relationships are ordinary ones whose target is the model itself; the
//   keys say which side is remote. For
//
//     struct SQLMODEL_TABLE(.name = "categories") Category {
//       SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
//       SQLMODEL_FIELD(.foreign_key = "categories.id", .on_delete = sqlmodel::OnDelete::set_null)
//           std::optional<std::int64_t> parent_id;
//       SQLMODEL_RELATIONSHIP(.back_populates = "children", .remote_side = "id")
//           sqlmodel::Related<Category> parent;
//       SQLMODEL_RELATIONSHIP(.back_populates = "parent", .order_by = "name")
//           sqlmodel::RelatedList<Category> children;
//     };
//
//   the generator writes (.remote_side names RemoteKey of the to-one side)
//
//     sqlmodel::relationship<&Category::parent, &Category::parent_id, &Category::id>{
//         .name = "parent", .kind = sqlmodel::schema::RelationshipKind::many_to_one,
//         .foreign_key_column = "parent_id"},
//     sqlmodel::relationship<&Category::children, &Category::id, &Category::parent_id>{
//         .name = "children", .kind = sqlmodel::schema::RelationshipKind::one_to_many,
//         .foreign_key_column = "parent_id", .order_by = "name"}
//
// - Options of SQLMODEL_RELATIONSHIP copied as they are (omitted when not given, in this
//   order after foreign_key_column): `.order_by = "<the annotation's text>"` ("title",
//   "-score, title": '-' is descending; the loaders order each collection by it, and by the
//   target's primary key without it), `.cascade_delete = true`, `.delete_orphan = true`,
//   `.back_populates = "<the target's relationship>"` (a flush keeps that other side in step
//   in memory).
//   Session::delete_(parent) deletes the children of a cascade_delete (or delete_orphan)
//   one-to-many relationship first, level by level; delete_orphan also makes
//   Session::update(parent) delete the children the loaded collection no longer holds.
// - Many-to-many (`.link_model = "<link table or struct>"`) is a link_relationship: the
//   member, this model's key, the link model's column that refers to this model, the link
//   model's column that refers to the target, and the target's key. The link model is an
//   ordinary table model with its own model_traits (its extra columns are readable through
//   sqlmodel::links(object, &T::member)). For
//
//     struct SQLMODEL_TABLE(.name = "memberships") Membership {
//       SQLMODEL_FIELD(.primary_key = true, .foreign_key = "users.id") std::int64_t user_id = 0;
//       SQLMODEL_FIELD(.primary_key = true, .foreign_key = "teams.id") std::int64_t team_id = 0;
//       std::string role;
//     };
//     // in User:
//     SQLMODEL_RELATIONSHIP(.link_model = "Membership", .back_populates = "members")
//         sqlmodel::RelatedList<Team> teams;
//
//   the generator writes, in model_traits<User>::relationships,
//
//     sqlmodel::link_relationship<&User::teams, &User::id, &Membership::user_id,
//                                 &Membership::team_id, &Team::id>{
//         .name = "teams", .kind = sqlmodel::schema::RelationshipKind::many_to_many,
//         .link_table = "memberships"}
//
//   (plus `.order_by = "..."` and `.back_populates = "..."` when given, in that order;
//   order_by names columns of the target). LinkLocalKey is the link
//   model's foreign key to this model's table, LinkRemoteKey its foreign key to the target's;
//   when the link model has several to the same table (a self-referential many-to-many), the
//   annotation's `.foreign_key` names LinkLocalKey's column. Session::delete_(object) deletes
//   its link rows first, as SQLAlchemy does for a `secondary` table.
// - Enum members need a sqlmodel::enum_traits<E> specialisation (see value_codec.hpp).
//
// Column facts for validation, mixins and JSON (validation.hpp, mixins.hpp, json.hpp). Each is
// written after `.enum_name`, in this order, and omitted when not given:
// - `.element_kind = sqlmodel::schema::TypeKind::<kind>` for a std::vector<T> array column
//   (.kind = array); max_length/precision/scale/enum_name then describe the element.
// - `.json_name = "<C++ member name>"` when it differs from the column's `.name` (a field with
//   `.name = "..."`): the key in JSON (to_json/from_json), as Pydantic uses the field's name.
// - Constraint bounds copied from SQLMODEL_FIELD: `.min_length = n` (max_length is already
//   there: it is also the VARCHAR length), `.ge = x`, `.gt = x`, `.le = x`, `.lt = x` (written
//   as the annotation's number: `.ge = 0`, `.lt = 1.5`), `.pattern = "<regex>"` (the
//   annotation's string literal, escapes kept). Session::add/update/flush check them before
//   any statement runs (validation.hpp).
// - `.default_factory = sqlmodel::DefaultFactory::now` (or `::uuid4`) for `.default_factory`:
//   the session fills the member on INSERT while it is unset (std::nullopt, or a
//   default-constructed value): created_at semantics.
// - `.role = sqlmodel::ColumnRole::updated_at` for a member declared in
//   sqlmodel::TimestampMixin named updated_at (also set on every UPDATE), and
//   `.role = sqlmodel::ColumnRole::deleted_at` for one declared in sqlmodel::SoftDeleteMixin
//   (mixins.hpp): the model is then soft-deletable and its queries skip deleted rows.
//   TimestampMixin's members carry `.default_factory = now` in their own annotation, so the
//   generator copies that like any other field option.
// - `.role = sqlmodel::ColumnRole::version` for a `SQLMODEL_FIELD(.version = true)` integer
//   member: optimistic concurrency (Session writes 1 on INSERT; every UPDATE or DELETE by key
//   says `AND version = <the object's>` and an UPDATE sets it one higher; a row that matched
//   nothing is a sqlmodel::StaleVersion error naming the table and key).
// - `.has_default = true` when the member has a default member initializer (`= 0`, `{}`) or a
//   default_factory: from_json lets a document leave it out (std::optional members may always
//   be left out). Also on mirror_field, after `.name`.
// - `.generated = true` for a generated column (`.generated = "expression"`): the session never
//   writes it; INSERT and UPDATE read it back (RETURNING).
// - `.server_default = true` for a column with a `.server_default` (or a dialect's own,
//   `.postgresql_server_default` / `.sqlite_server_default`): an INSERT leaves it out while the
//   member is std::nullopt, so the database's DEFAULT applies, and reads it back. On a dialect
//   without a DEFAULT for it, leaving it out writes NULL, as binding the std::nullopt would.
// - `.role = sqlmodel::ColumnRole::updated_at` also for `.update_factory = now` on any column.
//
// For `User` above with `SQLMODEL_FIELD(.min_length = 3, .max_length = 40,
// .pattern = "^[a-z0-9_]+$") std::string handle;` and `SQLMODEL_FIELD(.ge = 0, .lt = 150)
// std::int32_t age;` the generator writes
//
//   sqlmodel::column<&User::handle>{.name = "handle", .kind = sqlmodel::schema::TypeKind::string,
//                                   .max_length = 40, .min_length = 3,
//                                   .pattern = "^[a-z0-9_]+$"},
//   sqlmodel::column<&User::age>{.name = "age", .kind = sqlmodel::schema::TypeKind::int32,
//                                .ge = 0, .lt = 150},
//
// Single-table inheritance. A hierarchy's root (`.discriminator`, `.polymorphic_identity`) and
// each child (`.inherit = sqlmodel::Inheritance::single_table`) get their own model_traits, all
// with the root's table_name. A child's `columns` are the columns its struct holds: the root's
// (and mixins'), its single-table ancestors' and its own, in table order, named through the
// child (`&Manager::id`, whose class is Employee: the column binds and reads a Manager through
// its base). Each model of a hierarchy also says, after its relationships:
//
//   template <> struct sqlmodel::model_traits<Manager> {
//     ...
//     using polymorphic_root = Employee;                  // the struct owning the table
//     static constexpr std::string_view discriminator = "kind";          // the column
//     static constexpr std::string_view polymorphic_identity = "manager"; // "": abstract root
//     // This model's identity and its descendants', in source order: the rows select<Manager>()
//     // and get<Manager>(key) accept.
//     static constexpr std::array<std::string_view, 2> polymorphic_identities = {{"manager",
//                                                                                 "director"}};
//   };
//
// and the root alone lists every model with an identity, root first, in source order, for
// polymorphic loading (polymorphic.hpp):
//
//     using polymorphic_models = std::tuple<Employee, Manager, Director, Engineer>;
//
// The root's select<Employee>() reads every row of the table (its columns only); a child's is
// filtered by `discriminator IN polymorphic_identities`. The session writes the identity on
// INSERT: into the discriminator's member when a member holds it (a std::string or enum class
// member, then in `columns`), else as one more INSERT column (the plugin added the column).
// A child's `relationships` are the ones its own struct declares (not its ancestors': their
// member pointers name the ancestor's class); a relationship's keys may be members of a base of
// the model that holds it, or of the target (`&Manager::id`), and a relationship to a child
// (`sqlmodel::RelatedList<Manager>`) names the child as its target, so its loaders read only
// that child's rows.
//
// Mirror models. For each SQLMODEL_MODEL(.mirrors = "<table or struct>", .partial = ...)
// struct the generator writes a mirror_traits specialisation: the table model it mirrors,
// whether it is partial (an Update shape), and each field with the table member it maps to
// (same member name; declaration order; every field maps to a column, the plugin checks
// that). For
//
//   struct SQLMODEL_MODEL(.mirrors = "users") UserCreate {
//     std::string email;
//     std::optional<std::string> nickname;
//   };
//   struct SQLMODEL_MODEL(.mirrors = "User", .partial = true) UserUpdate {
//     std::optional<std::string> email;
//   };
//
// it writes
//
//   template <> struct sqlmodel::mirror_traits<UserCreate> {
//     using table_model = User;
//     static constexpr std::string_view model_name = "UserCreate";
//     static constexpr bool partial = false;
//     static constexpr auto fields = sqlmodel::detail::flat_tuple{
//         sqlmodel::mirror_field<&UserCreate::email, &User::email>{.name = "email"},
//         sqlmodel::mirror_field<&UserCreate::nickname, &User::nickname>{.name = "nickname"}};
//   };
//   template <> struct sqlmodel::mirror_traits<UserUpdate> {
//     using table_model = User;
//     static constexpr std::string_view model_name = "UserUpdate";
//     static constexpr bool partial = true;
//     static constexpr auto fields = sqlmodel::detail::flat_tuple{
//         sqlmodel::mirror_field<&UserUpdate::email, &User::email>{.name = "email"}};
//   };
//
// `.name` is the field's C++ name (its JSON key); the field's constraints are the mapped
// column's. A partial field of a nullable column may be std::optional<std::optional<V>> to
// tell "leave unchanged" (nullopt) from "set to NULL" (an engaged nullopt).
//
// A field marked SQLMODEL_FIELD(.column = false, ...) is the model's own (a password in a
// UserCreate): it maps to no column and is written, in declaration order with the others, as
//
//         sqlmodel::mirror_own_field<&UserCreate::password>{.name = "password", .min_length = 8},
//
// with its own constraints (.max_length, .min_length, .ge, .gt, .le, .lt, .pattern, as on a
// column) and .has_default. from_create / to_read / apply_update pass it by.
//
// Reading the lists in user code (static_asserts on a model, generic code over its columns):
// `columns`, `relationships` and `fields` are tuple-like, so std::tuple_size_v, structured
// bindings and sqlmodel::get<I> work on them, whether the traits were generated (flat_tuple)
// or written by hand (std::tuple):
//
//   static_assert(std::tuple_size_v<decltype(sqlmodel::model_traits<User>::columns)> == 2);
//   static_assert(sqlmodel::get<1>(sqlmodel::model_traits<User>::columns).name == "email");
//   auto [id, email] = sqlmodel::model_traits<User>::columns;
//
// std::get does not take a flat_tuple (nothing may be added to its overloads in namespace std).
#pragma once

#include <array>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "sqlmodel/schema.hpp"
#include "sqlmodel/annotations.hpp"
#include "sqlmodel/detail/flat_tuple.hpp"
#include "sqlmodel/errors.hpp"
#include "sqlmodel/value_codec.hpp"

namespace sqlmodel {


template <typename T>
struct model_traits;  // specialised by the generated code, one per table model

// Element I of a traits list: `columns`, `relationships` or `fields`, generated (a
// detail::flat_tuple) or hand-written (a std::tuple).
template <std::size_t I, typename List>
  requires requires { detail::traits_size<std::remove_cvref_t<List>>::value; }
constexpr const auto& get(const List& list) {
  return detail::traits_get<I>(list);
}

template <typename T>
concept TableModel = requires {
  { model_traits<T>::table_name } -> std::convertible_to<std::string_view>;
  model_traits<T>::columns;
};

namespace detail {
template <auto Member>
struct member_pointer_traits;
template <typename Model, typename Value, Value Model::*Member>
struct member_pointer_traits<Member> {
  using model_type = Model;
  using value_type = Value;
};

}  // namespace detail

// What the session does to a column besides storing it (see mixins.hpp).
enum class ColumnRole {
  none,
  updated_at,  // set to now on INSERT (when unset) and on every UPDATE
  deleted_at,  // set by Session::soft_delete; queries skip rows where it is not NULL
  version,     // optimistic concurrency: 1 on INSERT, checked and bumped by every UPDATE
};

namespace detail {
// Member types whose codec binds text a user wrote (a string, a list of strings): the ones
// that can carry a NUL byte into a statement.
template <typename V>
inline constexpr bool may_bind_text_v = std::is_same_v<V, std::string>;
template <typename V>
inline constexpr bool may_bind_text_v<std::optional<V>> = may_bind_text_v<V>;
template <typename V>
inline constexpr bool may_bind_text_v<std::vector<V>> = may_bind_text_v<V>;

// Called in the handler of `error` (a statement's refusal of a NUL, which names no column):
// throws it again naming `column`. Out of line and cold, so that the bind it guards stays small
// enough to inline.
[[noreturn, gnu::cold, gnu::noinline]] inline void rethrow_naming_column(const NulInTextError& error,
                                                                         std::string_view column) {
  if (!error.column().empty()) throw;
  throw NulInTextError(error.table(), std::string(column));
}
}  // namespace detail

// One column of a model.
template <auto Member>
struct column {
  using model_type = typename detail::member_pointer_traits<Member>::model_type;
  using value_type = typename detail::member_pointer_traits<Member>::value_type;
  using codec = value_codec<value_type>;
  static constexpr auto member = Member;

  std::string_view name;
  schema::TypeKind kind = schema::TypeKind::string;
  bool primary_key = false;
  bool autoincrement = false;
  // From the member type unless the generator says otherwise (.nullable).
  bool nullable = codec::nullable;
  int max_length = -1;  // -1: none
  int precision = -1;
  int scale = -1;
  bool with_timezone = false;
  // A UUID stored as 32 hex digits on SQLite (snapshot type uuid_hex), not 36 characters.
  bool uuid_hex = false;
  std::string_view enum_name = {};
  std::optional<schema::TypeKind> element_kind = {};  // arrays: the element's kind
  std::string_view json_name = {};  // empty: the same as name
  // Constraint bounds (validation.hpp); unset when the annotation does not give them.
  int min_length = -1;
  std::optional<double> ge = {};
  std::optional<double> gt = {};
  std::optional<double> le = {};
  std::optional<double> lt = {};
  std::string_view pattern = {};
  DefaultFactory default_factory = DefaultFactory::none;
  ColumnRole role = ColumnRole::none;
  bool has_default = false;  // a document may leave it out (json.hpp)
  // The database computes it (GENERATED ALWAYS AS ... STORED): never written, read back.
  bool generated = false;
  // It has a DEFAULT in the DDL (of one dialect at least): an INSERT leaves it out while the
  // member is std::nullopt, so the database's default applies, and reads the value back.
  bool server_default = false;

  constexpr std::string_view key_in_json() const { return json_name.empty() ? name : json_name; }

  // The column's type in the schema model's terms (what the snapshot says).
  schema::ColumnType type() const {
    schema::ColumnType type;
    type.kind = kind;
    if (max_length >= 0) type.max_length = max_length;
    if (precision >= 0) type.precision = precision;
    if (scale >= 0) type.scale = scale;
    type.with_timezone = with_timezone;
    type.uuid_hex = uuid_hex;
    type.enum_name = std::string(enum_name);
    type.element_kind = element_kind;
    return type;
  }

  // How its UUIDs are written on SQLite (any other type has one form).
  constexpr SqliteUuid sqlite_uuid() const { return uuid_hex ? SqliteUuid::hex : SqliteUuid::text; }

  [[gnu::always_inline]] void bind(Statement& statement, int index, const model_type& object) const {
    bind_value(statement, index, object.*Member);
  }
  // A value compared with or written to this column (a key, a default): stored as the column
  // stores it. V is the member's type or, for a key, the type inside its std::optional.
  // Always inlined: the NUL handler would otherwise keep every insert's binds out of line.
  template <typename V>
  [[gnu::always_inline]] void bind_value(Statement& statement, int index, const V& value) const {
    if constexpr (detail::may_bind_text_v<V>) {
      // PostgreSQL refuses text with a NUL (NulInTextError): name the column, which the
      // statement does not know.
      try {
        detail::bind_in_column_form(statement, index, value, sqlite_uuid());
      } catch (const NulInTextError& error) {
        detail::rethrow_naming_column(error, name);
      }
    } else {
      detail::bind_in_column_form(statement, index, value, sqlite_uuid());
    }
  }
  static void read(Statement& statement, int index, model_type& object) {
    codec::read(statement, index, object.*Member);
  }
};

namespace detail {
template <typename M>
struct relationship_member;
template <typename T>
struct relationship_member<Related<T>> {
  using target_type = T;
  static constexpr bool to_many = false;
};
template <typename T>
struct relationship_member<RelatedList<T>> {
  using target_type = T;
  static constexpr bool to_many = true;
};

}  // namespace detail

// One relationship of a model: the Related<T>/RelatedList<T> member and the keys it joins on.
template <auto Member, auto LocalKey, auto RemoteKey>
struct relationship {
  using model_type = typename detail::member_pointer_traits<Member>::model_type;
  using member_type = typename detail::member_pointer_traits<Member>::value_type;
  using target_type = typename detail::relationship_member<member_type>::target_type;
  static constexpr bool to_many = detail::relationship_member<member_type>::to_many;
  static constexpr auto member = Member;
  static constexpr auto local_key = LocalKey;
  static constexpr auto remote_key = RemoteKey;
  // A base's member too: a single-table child's key is declared in its root.
  static_assert(std::is_base_of_v<typename detail::member_pointer_traits<LocalKey>::model_type, model_type>,
                "a relationship's LocalKey is a member of the model that holds the relationship");
  static_assert(std::is_base_of_v<typename detail::member_pointer_traits<RemoteKey>::model_type, target_type>,
                "a relationship's RemoteKey is a member of the relationship's target model");

  std::string_view name;
  schema::RelationshipKind kind = schema::RelationshipKind::many_to_one;
  std::string_view foreign_key_column;
  std::string_view order_by = {};  // "title", "-score, title"; empty: the target's key
  bool cascade_delete = false;
  bool delete_orphan = false;
  std::string_view back_populates = {};  // the target's relationship that is the other side

  static constexpr bool through_link = false;
};

// A many-to-many relationship through a link model: this model's LocalKey equals the link's
// LinkLocalKey, and the link's LinkRemoteKey equals the target's RemoteKey.
template <auto Member, auto LocalKey, auto LinkLocalKey, auto LinkRemoteKey, auto RemoteKey>
struct link_relationship {
  using model_type = typename detail::member_pointer_traits<Member>::model_type;
  using member_type = typename detail::member_pointer_traits<Member>::value_type;
  using target_type = typename detail::relationship_member<member_type>::target_type;
  using link_type = typename detail::member_pointer_traits<LinkLocalKey>::model_type;
  static constexpr bool to_many = detail::relationship_member<member_type>::to_many;
  static constexpr auto member = Member;
  static constexpr auto local_key = LocalKey;
  static constexpr auto link_local_key = LinkLocalKey;
  static constexpr auto link_remote_key = LinkRemoteKey;
  static constexpr auto remote_key = RemoteKey;
  static_assert(to_many, "a many-to-many relationship is a RelatedList<T> member");
  static_assert(std::is_base_of_v<typename detail::member_pointer_traits<LocalKey>::model_type, model_type>,
                "a link relationship's LocalKey is a member of the model that holds it");
  static_assert(std::is_same_v<typename detail::member_pointer_traits<LinkRemoteKey>::model_type, link_type>,
                "LinkLocalKey and LinkRemoteKey are members of the same link model");
  static_assert(std::is_base_of_v<typename detail::member_pointer_traits<RemoteKey>::model_type, target_type>,
                "a link relationship's RemoteKey is a member of the relationship's target model");

  std::string_view name;
  schema::RelationshipKind kind = schema::RelationshipKind::many_to_many;
  std::string_view link_table;
  std::string_view order_by = {};
  std::string_view back_populates = {};

  static constexpr bool through_link = true;
  static constexpr bool cascade_delete = false;
  static constexpr bool delete_orphan = false;
};

template <typename T>
struct mirror_traits;  // specialised by the generated code, one per SQLMODEL_MODEL struct

template <typename T>
concept MirrorModel = requires {
  typename mirror_traits<T>::table_model;
  mirror_traits<T>::fields;
};

// One field of a mirror model and the table model's member it stands for.
template <auto Member, auto TableMember>
struct mirror_field {
  using model_type = typename detail::member_pointer_traits<Member>::model_type;
  using value_type = typename detail::member_pointer_traits<Member>::value_type;
  using table_model_type = typename detail::member_pointer_traits<TableMember>::model_type;
  using table_value_type = typename detail::member_pointer_traits<TableMember>::value_type;
  static constexpr auto member = Member;
  static constexpr auto table_member = TableMember;

  std::string_view name;  // the C++ field name: the JSON key
  bool has_default = false;
};

// A mirror model's own field (SQLMODEL_FIELD(.column = false)): no table member stands for it
// (a UserCreate's password). It is read and written by from_json/to_json and validated by its
// own constraints, which read like a column's (validation.hpp).
template <auto Member>
struct mirror_own_field {
  using model_type = typename detail::member_pointer_traits<Member>::model_type;
  using value_type = typename detail::member_pointer_traits<Member>::value_type;
  static constexpr auto member = Member;

  std::string_view name;
  bool has_default = false;
  int max_length = -1;
  int min_length = -1;
  std::optional<double> ge = {};
  std::optional<double> gt = {};
  std::optional<double> le = {};
  std::optional<double> lt = {};
  std::string_view pattern = {};
};

namespace detail {

template <typename T>
constexpr std::size_t column_count = detail::traits_size_v<decltype(model_traits<T>::columns)>;

template <typename T>
consteval std::size_t count_primary_key_columns() {
  std::size_t count = 0;
  traits_for_each(model_traits<T>::columns, [&](auto, const auto& column) { count += column.primary_key ? 1 : 0; });
  if (count == 0) throw "model_traits<T>: a table model needs a primary key column";
  return count;
}

template <typename T>
consteval auto find_primary_key_indexes() {
  std::array<std::size_t, count_primary_key_columns<T>()> found{};
  std::size_t next = 0;
  traits_for_each(model_traits<T>::columns, [&](auto index, const auto& column) {
    if (column.primary_key) found[next++] = index();
  });
  return found;
}

template <typename T>
consteval std::size_t find_primary_key_index() {
  if (count_primary_key_columns<T>() != 1)
    throw "model_traits<T>: this operation needs a single-column primary key";
  return find_primary_key_indexes<T>()[0];
}

}  // namespace detail

// A joined-table inheritance child (struct Dog : Animal, both tables): the generated traits name
// its parent's table. Its rows span its own table and every ancestor's, which the schema,
// migrations and snapshot handle at any depth; the ORM does not read or write across them yet.
template <typename T>
concept JoinedChildModel = requires { model_traits<T>::joined_parent_table; };

namespace detail {
// Refuses at compile time a model whose rows the ORM cannot read or write.
template <typename T>
constexpr void require_one_table() {
  static_assert(!JoinedChildModel<T>,
                "joined-table inheritance: this model's rows span its own table and its parents' "
                "tables (model_traits<T>::joined_parent_table), and the ORM does not read or write "
                "across them yet: map each table as a model of its own, or use single-table "
                "inheritance (.inherit = sqlmodel::Inheritance::single_table)");
}
}  // namespace detail

// Calls f(index_constant, column) for every column in order.
template <TableModel T, typename F>
constexpr void for_each_column(F&& f) {
  detail::require_one_table<T>();
  detail::traits_for_each(model_traits<T>::columns, f);
}

namespace detail {
// for_each_column, always inlined (traits_for_each_inlined says where that matters).
template <TableModel T, typename F>
[[gnu::always_inline]] constexpr void for_each_column_inlined(F&& f) {
  require_one_table<T>();
  traits_for_each_inlined(model_traits<T>::columns, f);
}
}  // namespace detail

namespace detail {
template <typename V>
struct unwrap_optional { using type = V; };
template <typename V>
struct unwrap_optional<std::optional<V>> { using type = V; };
template <typename V>
using unwrap_optional_t = typename detail::unwrap_optional<V>::type;

// The indexes (in `columns`) of the primary key columns, in column order.
template <TableModel T>
inline constexpr auto primary_key_indexes = detail::find_primary_key_indexes<T>();

template <TableModel T>
inline constexpr bool has_composite_key = detail::primary_key_indexes<T>.size() > 1;

template <TableModel T>
constexpr bool is_primary_key_index(std::size_t index) {
  for (std::size_t key : detail::primary_key_indexes<T>)
    if (key == index) return true;
  return false;
}

// Single-column keys only (a compile error for a composite key).
template <TableModel T>
inline constexpr std::size_t primary_key_index = detail::find_primary_key_index<T>();

template <TableModel T>
inline constexpr const auto& primary_key_column = detail::traits_get<detail::primary_key_index<T>>(model_traits<T>::columns);

}  // namespace detail

namespace detail {
template <typename T, std::size_t... I>
auto composite_key_type(std::index_sequence<I...>) -> std::tuple<detail::unwrap_optional_t<
    typename std::remove_cvref_t<decltype(detail::traits_get<detail::primary_key_indexes<T>[I]>(model_traits<T>::columns))>::value_type>...>;

template <typename T>
struct primary_key_type_of {
  using type = typename std::remove_cvref_t<decltype(detail::traits_get<detail::primary_key_indexes<T>[0]>(model_traits<T>::columns))>::value_type;
};
template <typename T>
  requires detail::has_composite_key<T>
struct primary_key_type_of<T> {
  using type = decltype(composite_key_type<T>(std::make_index_sequence<detail::primary_key_indexes<T>.size()>{}));
};
}  // namespace detail

// The primary key member's type (a std::tuple of the key members' types, without
// std::optional, for a composite key): what get<T>(key) takes, without std::optional.
template <TableModel T>
using primary_key_type = typename detail::primary_key_type_of<T>::type;

namespace detail {
// Calls f(column) for each primary key column, in order.
template <TableModel T, typename F>
constexpr void for_each_key_column(F&& f) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (void)std::initializer_list<int>{0, (f(detail::traits_get<detail::primary_key_indexes<T>[I]>(model_traits<T>::columns)), 0)...};
  }(std::make_index_sequence<detail::primary_key_indexes<T>.size()>{});
}

}  // namespace detail

// The column name a member pointer maps to; throws std::invalid_argument for a member that
// is not a column (a relationship, an excluded field).
template <TableModel T, typename V, typename Base>
  requires(!std::is_same_v<Base, T> && std::is_base_of_v<Base, T>)
std::string_view column_name(V Base::*member);
namespace detail {
// Calls f(column) for the column of T whose member is `member`; false when it is none.
template <TableModel T, typename V, typename F>
bool visit_column(V T::*member, F&& f) {
  bool found = false;
  for_each_column<T>([&](auto, const auto& column) {
    using Column = std::remove_cvref_t<decltype(column)>;
    if constexpr (std::is_same_v<typename Column::value_type, V>)
      if (!found && Column::member == member) {
        found = true;
        f(column);
      }
  });
  return found;
}

// The form a UUID compared with `member`'s column is bound in; nullopt for a column that holds
// no UUID (or a member that is no column).
template <TableModel T, typename V>
std::optional<SqliteUuid> column_uuid_form(V T::*member) {
  std::optional<SqliteUuid> form;
  if constexpr (std::is_same_v<detail::unwrap_optional_t<V>, UUID>)
    detail::visit_column<T>(member, [&](const auto& column) { form = column.sqlite_uuid(); });
  return form;
}
}  // namespace detail

template <TableModel T, typename V>
std::string_view column_name(V T::*member) {
  std::string_view found;
  detail::visit_column<T>(member, [&](const auto& column) { found = column.name; });
  if (found.empty())
    throw std::invalid_argument("member of " + std::string(model_traits<T>::model_name) +
                                " is not a column of table " +
                                std::string(model_traits<T>::table_name));
  return found;
}

// A member T inherits (a single-table child's root columns, a mixin's): named through T.
template <TableModel T, typename V, typename Base>
  requires(!std::is_same_v<Base, T> && std::is_base_of_v<Base, T>)
std::string_view column_name(V Base::*member) {
  return column_name<T>(static_cast<V T::*>(member));
}

namespace detail {
// Binds every column of `object` to parameters first_index, first_index + 1, ...
template <TableModel T>
void bind_columns(Statement& statement, const T& object, int first_index = 0) {
  for_each_column<T>([&](auto index, const auto& column) {
    column.bind(statement, first_index + static_cast<int>(index()), object);
  });
}

template <TableModel T>
void name_relationships(T& object);

template <TableModel T, std::size_t... I>
void read_columns_indexed(Statement& statement, T& object, int first_index, std::index_sequence<I...>) {
  (void)std::initializer_list<int>{
      0, (std::remove_cvref_t<decltype(traits_get<I>(model_traits<T>::columns))>::read(
              statement, first_index + static_cast<int>(I), object),
          0)...};
}

// Reads every column of the current row into `object`, starting at result column first_index.
// The hot loop of every query: the columns are visited by a function of their indexes, not by
// a lambda, so that statement, object and first_index stay in registers across the calls into
// the database instead of being reloaded from a closure after each.
template <TableModel T>
void read_columns(Statement& statement, T& object, int first_index = 0) {
  require_one_table<T>();
  detail::read_columns_indexed(statement, object, first_index, std::make_index_sequence<column_count<T>>{});
  detail::name_relationships(object);
}

template <auto A, auto B>
constexpr bool same_member() {
  if constexpr (std::is_same_v<decltype(A), decltype(B)>) return A == B;
  else return false;
}

// The index in T's columns of the column Member (a member of T or of a base of T).
template <TableModel T, auto Member>
consteval std::size_t column_index_of() {
  using V = typename member_pointer_traits<Member>::value_type;
  std::size_t found = column_count<T>;
  traits_for_each(model_traits<T>::columns, [&](auto index, const auto& column) {
    using Column = std::remove_cvref_t<decltype(column)>;
    if constexpr (std::is_same_v<typename Column::value_type, V>) {
      if (found == column_count<T> && static_cast<V T::*>(Column::member) == static_cast<V T::*>(Member))
        found = index;
    }
  });
  if (found == column_count<T>) throw "model_traits<T>: a relationship's key is not one of the model's columns";
  return found;
}

// The column of T whose member is Member (a relationship's key): what binds a key value in
// the column's form.
template <TableModel T, auto Member>
inline constexpr const auto& column_of = traits_get<detail::column_index_of<T, Member>()>(model_traits<T>::columns);

}  // namespace detail

// Calls f(relationship) for every relationship of T.
template <TableModel T, typename F>
constexpr void for_each_relationship(F&& f) {
  if constexpr (requires { model_traits<T>::relationships; })
    detail::traits_for_each(model_traits<T>::relationships, [&](auto, const auto& relationship) { f(relationship); });
}

namespace detail {
template <TableModel T>
constexpr std::size_t relationship_count() {
  if constexpr (requires { model_traits<T>::relationships; })
    return detail::traits_size_v<decltype(model_traits<T>::relationships)>;
  else
    return 0;
}

// Relationship I of T, usable in constant expressions.
template <TableModel T, std::size_t I>
inline constexpr const auto& relationship_at = detail::traits_get<I>(model_traits<T>::relationships);

// Calls f(std::integral_constant<std::size_t, I>) for every relationship index of T, so that
// relationship_at<T, I> is usable in constant expressions (if constexpr on cascade_delete, ...).
template <TableModel T, typename F>
constexpr void for_each_relationship_index(F&& f) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (void)std::initializer_list<int>{0, (f(std::integral_constant<std::size_t, I>{}), 0)...};
  }(std::make_index_sequence<detail::relationship_count<T>()>{});
}

// "Model.member" of the relationship whose member is Member (what errors name).
template <TableModel T, auto Member>
std::string_view relationship_path() {
  static const std::string path = [] {
    std::string name = "?";
    for_each_relationship<T>([&](const auto& relationship) {
      if constexpr (detail::same_member<std::remove_cvref_t<decltype(relationship)>::member, Member>())
        name = std::string(relationship.name);
    });
    return std::string(model_traits<T>::model_name) + "." + name;
  }();
  return path;
}

// Stamps each relationship member of `object` with its name, for the "not loaded" error.
template <TableModel T>
void name_relationships(T& object) {
  for_each_relationship<T>([&](const auto& relationship) {
    constexpr auto member = std::remove_cvref_t<decltype(relationship)>::member;
    (object.*member).set_name(&detail::relationship_path<T, member>);
  });
}

}  // namespace detail

namespace detail {
// The primary key of a row as a tuple of the key members' values without std::optional
// (one element for a single-column key): map keys for identity and de-duplication.
template <typename T, std::size_t... I>
auto row_key_type(std::index_sequence<I...>) -> std::tuple<detail::unwrap_optional_t<typename std::remove_cvref_t<
    decltype(detail::traits_get<detail::primary_key_indexes<T>[I]>(model_traits<T>::columns))>::value_type>...>;
template <TableModel T>
using row_key_t = decltype(detail::row_key_type<T>(std::make_index_sequence<detail::primary_key_indexes<T>.size()>{}));

// The key of the row whose columns start at result column first_index; nullopt when a key
// column is NULL (no row on that side of a LEFT JOIN).
template <TableModel T>
std::optional<detail::row_key_t<T>> read_row_key(Statement& statement, int first_index = 0) {
  detail::row_key_t<T> key;
  bool present = true;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    ((present = present && value_codec<std::tuple_element_t<I, detail::row_key_t<T>>>::try_read(
                               statement, first_index + static_cast<int>(detail::primary_key_indexes<T>[I]),
                               std::get<I>(key))),
     ...);
  }(std::make_index_sequence<detail::primary_key_indexes<T>.size()>{});
  if (!present) return std::nullopt;
  return key;
}

// The key of an object whose key members are set.
template <TableModel T>
detail::row_key_t<T> object_key(const T& object) {
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    auto value = [](const auto& member) -> decltype(auto) {
      if constexpr (requires { member.value(); }) return (member.value());
      else return (member);
    };
    return detail::row_key_t<T>{value(object.*detail::traits_get<detail::primary_key_indexes<T>[I]>(model_traits<T>::columns).member)...};
  }(std::make_index_sequence<detail::primary_key_indexes<T>.size()>{});
}

}  // namespace detail

// ---- single-table inheritance (see the contract above; the session's side: detail/single_table.hpp)

template <typename T>
concept SingleTableModel = TableModel<T> && requires {
  typename model_traits<T>::polymorphic_root;
  { model_traits<T>::discriminator } -> std::convertible_to<std::string_view>;
  model_traits<T>::polymorphic_identities;
};

namespace detail {
// True for a single-table child: its queries accept only its own and its descendants' rows.
template <TableModel T>
constexpr bool filters_by_discriminator() {
  if constexpr (SingleTableModel<T>)
    return !std::is_same_v<typename model_traits<T>::polymorphic_root, T>;
  else
    return false;
}

// The index in `columns` of the member holding the discriminator; column_count<T> when no
// member holds it (the plugin added the column).
template <SingleTableModel T>
consteval std::size_t discriminator_index() {
  std::size_t found = detail::column_count<T>;
  detail::traits_for_each(model_traits<T>::columns, [&](auto index, const auto& column) {
    if (column.name == model_traits<T>::discriminator && found == detail::column_count<T>) found = index();
  });
  return found;
}

template <SingleTableModel T>
constexpr bool discriminator_is_member() { return detail::discriminator_index<T>() < detail::column_count<T>; }

}  // namespace detail

}  // namespace sqlmodel
