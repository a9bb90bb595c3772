#include <algorithm>

#include <gtest/gtest.h>

#include "diagram/er_graph.hpp"
#include "diagram_test_schemas.hpp"

namespace sqlmodel::diagram {
namespace {

using testing::todo_like_schema;

const ErEdge& edge_named(const ErGraph& graph, const std::string& constraint_or_link) {
  auto found = std::find_if(graph.edges.begin(), graph.edges.end(), [&](const ErEdge& edge) {
    return edge.constraint_name == constraint_or_link || edge.link_table == constraint_or_link;
  });
  if (found == graph.edges.end()) throw std::runtime_error("no edge " + constraint_or_link);
  return *found;
}

const ErColumn& column_of(const ErGraph& graph, const std::string& table, const std::string& column) {
  for (const auto& entity : graph.tables)
    if (entity.name == table)
      for (const auto& entry : entity.columns)
        if (entry.name == column) return entry;
  throw std::runtime_error("no column " + table + "." + column);
}

TEST(ErGraph, TablesAreSortedAndColumnsKeepDeclarationOrder) {
  const ErGraph graph = build_er_graph(todo_like_schema());
  std::vector<std::string> names;
  for (const auto& table : graph.tables) names.push_back(table.name);
  EXPECT_EQ(names, (std::vector<std::string>{"categories", "profiles", "tags", "task_tags", "tasks", "users"}));
  const auto& tasks = graph.tables[4];
  ASSERT_EQ(tasks.columns.size(), 4u);
  EXPECT_EQ(tasks.columns[0].name, "id");
  EXPECT_EQ(tasks.columns[3].name, "category_id");
  EXPECT_EQ(tasks.columns[0].type, "int64");
}

TEST(ErGraph, ColumnMarkers) {
  const ErGraph graph = build_er_graph(todo_like_schema());
  EXPECT_EQ(column_markers(column_of(graph, "tasks", "id")), (std::vector<std::string>{"PK"}));
  EXPECT_EQ(column_markers(column_of(graph, "tasks", "category_id")), (std::vector<std::string>{"FK", "NULL"}));
  // A one-column unique index and a one-column unique constraint both make the column unique.
  EXPECT_EQ(column_markers(column_of(graph, "users", "email")), (std::vector<std::string>{"UK"}));
  EXPECT_EQ(column_markers(column_of(graph, "tags", "name")), (std::vector<std::string>{"UK"}));
  // A column of a composite primary key is not unique on its own.
  EXPECT_EQ(column_markers(column_of(graph, "task_tags", "tag_id")), (std::vector<std::string>{"PK", "FK"}));
}

TEST(ErGraph, PartialUniqueIndexDoesNotMakeAColumnUnique) {
  auto schema = todo_like_schema();
  schema.find_table("users")->indexes[0].where = "email IS NOT NULL";
  const ErGraph graph = build_er_graph(schema);
  EXPECT_FALSE(column_of(graph, "users", "email").unique);
}

TEST(ErGraph, ForeignKeyCardinalityFollowsNullabilityAndUniqueness) {
  const ErGraph graph = build_er_graph(todo_like_schema());
  const ErEdge& owner = edge_named(graph, "fk_tasks_owner_id_users");
  EXPECT_EQ(owner.kind, EdgeKind::foreign_key);
  EXPECT_EQ(owner.child, "tasks");
  EXPECT_EQ(owner.parent, "users");
  EXPECT_EQ(owner.parent_end, Cardinality::exactly_one);  // NOT NULL
  EXPECT_EQ(owner.child_end, Cardinality::zero_or_more);
  EXPECT_FALSE(owner.identifying);
  EXPECT_EQ(describe_kind(owner), "one-to-many");

  const ErEdge& category = edge_named(graph, "fk_tasks_category_id_categories");
  EXPECT_EQ(category.parent_end, Cardinality::zero_or_one);  // nullable

  const ErEdge& profile = edge_named(graph, "fk_profiles_user_id_users");
  EXPECT_EQ(profile.child_end, Cardinality::zero_or_one);  // unique key: one-to-one
  EXPECT_EQ(describe_kind(profile), "one-to-one");

  const ErEdge& link = edge_named(graph, "fk_task_tags_tag_id_tags");
  EXPECT_TRUE(link.identifying);  // part of the link table's primary key
}

TEST(ErGraph, SelfReferenceIsOneEdgeWithBothRelationships) {
  const ErGraph graph = build_er_graph(todo_like_schema());
  const ErEdge& parent = edge_named(graph, "fk_categories_parent_id_categories");
  EXPECT_TRUE(parent.self_reference());
  EXPECT_EQ(describe_kind(parent), "self-referencing one-to-many");
  EXPECT_EQ(parent.relationships, (std::vector<std::string>{"categories.children", "categories.parent"}));
  EXPECT_EQ(edge_label(parent), "parent_id (categories.children, categories.parent)");
}

TEST(ErGraph, RelationshipsLabelTheForeignKeyTheyFollow) {
  const ErGraph graph = build_er_graph(todo_like_schema());
  const ErEdge& owner = edge_named(graph, "fk_tasks_owner_id_users");
  EXPECT_EQ(owner.relationships, (std::vector<std::string>{"tasks.owner", "users.tasks"}));
  EXPECT_EQ(edge_label(owner), "owner_id (tasks.owner, users.tasks)");
  EXPECT_EQ(edge_label(edge_named(graph, "fk_tasks_category_id_categories")), "category_id");
}

TEST(ErGraph, ManyToManyIsOneEdgeThroughTheLinkTable) {
  const ErGraph graph = build_er_graph(todo_like_schema());
  const auto count = std::count_if(graph.edges.begin(), graph.edges.end(),
                                   [](const ErEdge& edge) { return edge.kind == EdgeKind::many_to_many; });
  EXPECT_EQ(count, 1);
  const ErEdge& tags = edge_named(graph, "task_tags");
  EXPECT_EQ(tags.kind, EdgeKind::many_to_many);
  EXPECT_EQ(tags.child, "tags");
  EXPECT_EQ(tags.parent, "tasks");
  EXPECT_EQ(tags.child_end, Cardinality::zero_or_more);
  EXPECT_EQ(tags.parent_end, Cardinality::zero_or_more);
  EXPECT_EQ(describe_kind(tags), "many-to-many");
  EXPECT_EQ(edge_label(tags), "via task_tags (tags.tasks, tasks.tags)");
}

TEST(ErGraph, EdgesAreSortedForeignKeysFirst) {
  const ErGraph graph = build_er_graph(todo_like_schema());
  ASSERT_EQ(graph.edges.size(), 7u);
  EXPECT_EQ(graph.edges.front().constraint_name, "fk_categories_parent_id_categories");
  EXPECT_EQ(graph.edges.back().kind, EdgeKind::many_to_many);
  // The same schema with its tables and relationships in another order gives the same graph.
  auto shuffled = todo_like_schema();
  std::reverse(shuffled.tables.begin(), shuffled.tables.end());
  for (auto& table : shuffled.tables) {
    std::reverse(table.foreign_keys.begin(), table.foreign_keys.end());
    std::reverse(table.relationships.begin(), table.relationships.end());
  }
  const ErGraph again = build_er_graph(shuffled);
  ASSERT_EQ(again.edges.size(), graph.edges.size());
  for (std::size_t i = 0; i < graph.edges.size(); ++i) {
    EXPECT_EQ(again.edges[i].constraint_name, graph.edges[i].constraint_name) << i;
    EXPECT_EQ(again.edges[i].relationships, graph.edges[i].relationships) << i;
  }
}

TEST(ErGraph, KeyToANonPrimaryColumnNamesTheReferredColumn) {
  auto schema = todo_like_schema();
  schema.find_table("profiles")->foreign_keys[0].referred_columns = {"email"};
  const ErGraph graph = build_er_graph(schema);
  EXPECT_EQ(edge_label(edge_named(graph, "fk_profiles_user_id_users")), "user_id -> email");
}

}  // namespace
}  // namespace sqlmodel::diagram
