#include <gtest/gtest.h>

#include "diagram/render_mermaid.hpp"
#include "diagram_test_schemas.hpp"

namespace sqlmodel::diagram {
namespace {

using testing::column;
using testing::table;
using testing::todo_like_schema;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(RenderMermaid, EntitiesWithAttributesAndKeys) {
  const std::string text = render_mermaid(build_er_graph(todo_like_schema()));
  EXPECT_EQ(text.rfind("erDiagram\n", 0), 0u) << text;
  EXPECT_TRUE(contains(text,
                       "    \"tasks\" {\n"
                       "        int64 id PK\n"
                       "        string title\n"
                       "        int64 owner_id FK\n"
                       "        int64 category_id FK \"nullable\"\n"
                       "    }\n"))
      << text;
  EXPECT_TRUE(contains(text, "        int64 task_id PK, FK\n")) << text;
  EXPECT_TRUE(contains(text, "        string email UK\n")) << text;
}

TEST(RenderMermaid, EdgesCarryCardinalityAndIdentification) {
  const std::string text = render_mermaid(build_er_graph(todo_like_schema()));
  // Parent on the left: exactly one user, zero or more tasks; not part of the key: dotted.
  EXPECT_TRUE(contains(text, "    \"users\" ||..o{ \"tasks\" : \"owner_id (tasks.owner, users.tasks)\"\n")) << text;
  // A nullable key: zero or one parent.
  EXPECT_TRUE(contains(text, "    \"categories\" |o..o{ \"tasks\" : \"category_id\"\n")) << text;
  // A unique key: one-to-one.
  EXPECT_TRUE(contains(text, "    \"users\" ||..o| \"profiles\" : \"user_id\"\n")) << text;
  // Part of the child's primary key: identifying (solid).
  EXPECT_TRUE(contains(text, "    \"tags\" ||--o{ \"task_tags\" : \"tag_id\"\n")) << text;
  // Self-reference and many-to-many.
  EXPECT_TRUE(contains(text, "    \"categories\" |o..o{ \"categories\" : \"parent_id (categories.children, categories.parent)\"\n"))
      << text;
  EXPECT_TRUE(contains(text, "    \"tasks\" }o..o{ \"tags\" : \"via task_tags (tags.tasks, tasks.tags)\"\n")) << text;
}

TEST(RenderMermaid, NamesMermaidCannotHoldAreRewrittenAndKeptInComments) {
  schema::Schema schema;
  auto odd = table("odd \"quoted\" 100%", {column("id", schema::TypeKind::int64), column("first name", schema::TypeKind::string, true),
                                            column("pk", schema::TypeKind::int32), column("2fa", schema::TypeKind::boolean),
                                            column("price", schema::TypeKind::numeric)},
                   {"id"});
  odd.columns[4].type.precision = 10;
  odd.columns[4].type.scale = 2;
  odd.columns[1].comment = "the \"given\" name\nsecond line";
  schema.tables = {odd, table("odd _quoted_ 100_", {column("id", schema::TypeKind::int64)}, {"id"})};
  const std::string text = render_mermaid(build_er_graph(schema));
  EXPECT_TRUE(contains(text, "    \"odd _quoted_ 100_\" {\n")) << text;
  EXPECT_TRUE(contains(text, "    \"odd _quoted_ 100__2\" {\n")) << text;  // collided after rewriting
  EXPECT_TRUE(contains(text, "        string first_name \"name: first name; nullable; the 'given' name second line\"\n")) << text;
  EXPECT_TRUE(contains(text, "        int32 pk_ \"name: pk\"\n")) << text;  // PK would read as a key marker
  EXPECT_TRUE(contains(text, "        boolean _2fa \"name: 2fa\"\n")) << text;
  EXPECT_TRUE(contains(text, "        numeric(10_2) price \"type: numeric(10,2)\"\n")) << text;
}

TEST(RenderMermaid, EmptySchemaIsAnEmptyDiagram) {
  EXPECT_EQ(render_mermaid(build_er_graph(schema::Schema{})), "erDiagram\n");
}

TEST(RenderMermaid, SameGraphSameText) {
  EXPECT_EQ(render_mermaid(build_er_graph(todo_like_schema())), render_mermaid(build_er_graph(todo_like_schema())));
}

}  // namespace
}  // namespace sqlmodel::diagram
