#include <gtest/gtest.h>

#include "diagram/render_dot.hpp"
#include "diagram_test_schemas.hpp"

namespace sqlmodel::diagram {
namespace {

using testing::column;
using testing::table;
using testing::todo_like_schema;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(RenderDot, OneNodePerTableWithAPortPerColumn) {
  const std::string text = render_dot(build_er_graph(todo_like_schema()));
  EXPECT_EQ(text.rfind("digraph schema {\n", 0), 0u) << text;
  EXPECT_EQ(text.substr(text.size() - 2), "}\n");
  EXPECT_TRUE(contains(text, "  \"tasks\" [label=<\n")) << text;
  EXPECT_TRUE(contains(text,
                       "      <TR><TD PORT=\"c3\" ALIGN=\"LEFT\">category_id</TD><TD ALIGN=\"LEFT\">int64</TD>"
                       "<TD ALIGN=\"LEFT\">FK NULL</TD></TR>\n"))
      << text;
}

TEST(RenderDot, EdgesRunFromTheKeyColumnToTheReferredColumnWithCrowsFeet) {
  const std::string text = render_dot(build_er_graph(todo_like_schema()));
  EXPECT_TRUE(contains(text, "  \"tasks\":c2 -> \"users\":c0 [arrowtail=crowodot, arrowhead=teetee, "
                             "tooltip=\"one-to-many\", label=<owner_id (tasks.owner, users.tasks)>];\n"))
      << text;
  EXPECT_TRUE(contains(text, "  \"tasks\":c3 -> \"categories\":c0 [arrowtail=crowodot, arrowhead=teeodot, tooltip=\"one-to-many\", label=<category_id>];\n"))
      << text;
  EXPECT_TRUE(contains(text, "  \"profiles\":c1 -> \"users\":c0 [arrowtail=teeodot, arrowhead=teetee, tooltip=\"one-to-one\", label=<user_id>];\n"))
      << text;
  EXPECT_TRUE(contains(text, "  \"tags\" -> \"tasks\" [arrowtail=crowodot, arrowhead=crowodot, style=dashed, "
                             "tooltip=\"many-to-many\", label=<via task_tags (tags.tasks, tasks.tags)>];\n"))
      << text;
}

TEST(RenderDot, NamesAreQuotedAndLabelsEscaped) {
  schema::Schema schema;
  auto odd = table("a \"b\" \\c <d>", {column("x & y", schema::TypeKind::int64)}, {"x & y"});
  odd.comment = "<b>not bold</b>";
  schema.tables = {odd};
  const std::string text = render_dot(build_er_graph(schema));
  EXPECT_TRUE(contains(text, "  \"a \\\"b\\\" \\\\c <d>\" [label=<\n")) << text;
  EXPECT_TRUE(contains(text, "<B>a &quot;b&quot; \\c &lt;d&gt;</B>")) << text;
  EXPECT_TRUE(contains(text, "<I>&lt;b&gt;not bold&lt;/b&gt;</I>")) << text;
  EXPECT_TRUE(contains(text, ">x &amp; y</TD>")) << text;
}

TEST(RenderDot, EmptySchemaIsAnEmptyGraph) {
  const std::string text = render_dot(build_er_graph(schema::Schema{}));
  EXPECT_EQ(text.rfind("digraph schema {\n", 0), 0u) << text;
  EXPECT_EQ(text.find("->"), std::string::npos) << text;
  EXPECT_EQ(text.find("[label="), std::string::npos) << text;
}

}  // namespace
}  // namespace sqlmodel::diagram
