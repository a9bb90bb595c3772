// What the generated header says, without Clang: the plugin describes one translation unit's
// models in these terms (describe_models.hpp), sqlmodel-check merges several translation
// units' descriptions, and the writers turn one description into C++ text. Every type name is
// fully qualified with a leading "::" (models live in namespaces, and the generated code sits
// inside namespace sqlmodel, where a user's "schema::X" would otherwise resolve to ours).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sqlmodel/schema.hpp"

namespace sqlmodel::plugin::codegen {

// One sqlmodel::column<&Model::member>{...}: the column's facts as in the snapshot, and the
// field options the session checks on writes.
struct ColumnCode {
  enum class Role { none, updated_at, deleted_at, version };  // sqlmodel::ColumnRole (model_traits.hpp)

  std::string member;  // the C++ member, named through the table struct (mixin members too)
  schema::Column column;
  bool primary_key = false;
  std::optional<long long> min_length;
  std::optional<double> ge, gt, le, lt;
  std::optional<std::string> pattern;
  Role role = Role::none;
  bool has_default = false;  // a default member initializer or a default_factory
};

// One sqlmodel::json_struct_traits<T>: the members of a typed JSON column's struct, by name.
struct JsonStructCode {
  std::string type;        // "::app::Step"
  std::string model_name;  // "Step", for messages
  std::vector<std::string> members;
};

// One sqlmodel::relationship<&Model::member, LocalKey, RemoteKey>{...}, or for many-to-many
// one sqlmodel::link_relationship<&Model::member, LocalKey, LinkLocalKey, LinkRemoteKey,
// RemoteKey>{...}.
struct RelationshipCode {
  std::string member;
  std::string local_key;   // a member of the model holding the relationship
  std::string remote_key;  // a member of the target model
  std::string target_type;
  schema::RelationshipKind kind = schema::RelationshipKind::many_to_one;
  std::string foreign_key_column;  // not for many-to-many
  std::optional<std::string> order_by;  // the annotation's text
  bool cascade_delete = false;
  bool delete_orphan = false;
  std::optional<std::string> back_populates;  // the target's relationship that is the other side

  // many-to-many: the link model, and its members referring to this model and to the target
  std::string link_type, link_table, link_local_key, link_remote_key;
};

// A model of a single-table hierarchy (the root or a child): what the session needs to write
// the discriminator and to filter and construct rows by it.
struct SingleTableCode {
  std::string root_type;      // the struct owning the table
  std::string discriminator;  // the column's name
  std::optional<std::string> identity;  // none: an abstract root
  std::vector<std::string> identities;  // this model's and its descendants', source order
  std::vector<std::string> model_types;  // root only: every model with an identity, root first
};

struct TableCode {
  std::string type;        // "::todo::User"
  std::string model_name;  // "User"
  std::string table_name;
  std::vector<ColumnCode> columns;
  std::vector<RelationshipCode> relationships;
  std::optional<SingleTableCode> single_table;
  // Joined-table inheritance: the direct parent's table (the ORM refuses the model for now).
  std::optional<std::string> joined_parent_table;
};

// One sqlmodel::mirror_traits<T> (a SQLMODEL_MODEL struct: a Create / Read / Update shape).
struct MirrorCode {
  std::string type;
  std::string model_name;
  std::string table_type;  // the table model it mirrors
  bool partial = false;
  struct Field {
    std::string member;  // maps to the table model's member of that name
    bool has_default = false;
    // The model's own field (.column = false): no table member, its own constraints.
    bool own = false;
    std::optional<long long> max_length, min_length;
    std::optional<double> ge, gt, le, lt;
    std::optional<std::string> pattern;
  };
  std::vector<Field> fields;
};

struct EnumCode {
  std::string type;  // "::todo::TaskStatus"
  std::string name;  // the schema's enum name, "taskstatus"
  std::vector<std::string> enumerators;
};

struct GeneratedHeader {
  // How the generated header includes the models' headers, in first-seen order.
  std::vector<std::string> includes;
  std::vector<EnumCode> enums;
  // Dependencies first: a struct's own typed JSON members' structs come before it.
  std::vector<JsonStructCode> json_structs;
  std::vector<TableCode> tables;
  std::vector<MirrorCode> mirrors;
};

// Combines several translation units' descriptions (sqlmodel-check): a model or enum declared
// in a header that several of them include is described once, and includes appear once.
GeneratedHeader merge(const std::vector<GeneratedHeader>& headers);

}  // namespace sqlmodel::plugin::codegen
