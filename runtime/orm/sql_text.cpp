// The SQL text of the ORM's statements. Identifiers always go through the dialect's quoting;
// values are always placeholders.
#include <cctype>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <variant>

// GCC 12 reports copies of std::variant<..., std::string, ...> as maybe-uninitialized (a known
// false positive of its variant storage analysis).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "sqlmodel/dialect.hpp"
#include "sqlmodel/query.hpp"
#include "sqlmodel/session.hpp"

namespace sqlmodel::detail {
namespace {

std::string quote(schema::Dialect dialect, std::string_view identifier) {
  return schema::quote_identifier(dialect, identifier);
}

std::string column_list(schema::Dialect dialect, std::span<const std::string_view> columns) {
  std::string list;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i) list += ", ";
    list += quote(dialect, columns[i]);
  }
  return list;
}

std::string qualified(schema::Dialect dialect, std::string_view table, std::string_view column) {
  return quote(dialect, table) + "." + quote(dialect, column);
}

// A JSON string literal (SQLite lists) or a double-quoted array element (PostgreSQL).
std::string quoted_element(std::string_view text, bool json) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (json && static_cast<unsigned char>(c) < 0x20) {
      static constexpr char digits[] = "0123456789abcdef";
      out += "\\u00";
      out += digits[(c >> 4) & 0xf];
      out += digits[c & 0xf];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

std::string placeholder(schema::Dialect dialect, std::size_t number) {
  return dialect == schema::Dialect::postgresql ? "$" + std::to_string(number) : "?";
}

void bind_param(Statement& statement, int index, const Param& param) {
  std::visit(
      [&](const auto& value) {
        using V = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<V, std::monostate>) statement.bind_null(index);
        else if constexpr (std::is_same_v<V, bool>) statement.bind_bool(index, value);
        else if constexpr (std::is_same_v<V, std::int64_t>) statement.bind_int64(index, value);
        else if constexpr (std::is_same_v<V, double>) statement.bind_double(index, value);
        else if constexpr (std::is_same_v<V, std::string>) statement.bind_text(index, value);
        else if constexpr (std::is_same_v<V, UuidParam>) statement.bind_uuid(index, value.value, value.column_form);
        else if constexpr (std::is_same_v<V, DialectBoundParam>) value->bind(statement, index);
        else statement.bind_blob(index, value);
      },
      param);
}

// PostgreSQL text cannot hold a NUL, and libpq would cut the parameter at it: a WHERE on
// "admin\0evil" would compare with "admin". Refused while the statement is rendered when the
// value meets a column, naming it. A value that meets none (a text() parameter) and values
// bound by their codec at execution (arrays) are refused by the PostgreSQL statement's bind,
// which names the parameter and quotes the finished SQL, before it runs.
static void refuse_nul_text(schema::Dialect dialect, const Param& value, std::string_view table,
                            std::string_view column) {
  if (dialect != schema::Dialect::postgresql || column.empty()) return;
  const auto* text = std::get_if<std::string>(&value);
  if (!text || text->find('\0') == std::string::npos) return;
  throw NulInTextError(std::string(table), std::string(column));
}

void RenderContext::bind(Param value) {
  refuse_nul_text(dialect, value, subject_table, subject_column);
  params.push_back(std::move(value));
  sql += placeholder(dialect, params.size());
}

void RenderContext::identifier(std::string_view name) { sql += quote(dialect, name); }

void RenderContext::column(std::string_view table, std::string_view column) {
  sql += qualified(dialect, table, column);
}

namespace node {

void Column::render(RenderContext& context) const { context.column(table, column); }

// The SQL type PostgreSQL is told for a literal it cannot infer from its context.
static std::string_view postgres_type_of(const Param& value) {
  switch (value.index()) {
    case 1: return "BOOLEAN";
    case 2: return "BIGINT";
    case 3: return "DOUBLE PRECISION";
    case 4: return "TEXT";
    case 5: return "BYTEA";
    case 6: return "UUID";
    default: return {};
  }
}

void Value::render(RenderContext& context) const {
  std::string_view type = typed && context.dialect == schema::Dialect::postgresql ? postgres_type_of(value)
                                                                                   : std::string_view();
  if (type.empty()) return context.bind(value);
  context.sql += "CAST(";
  context.bind(value);
  context.sql += " AS ";
  context.sql += type;
  context.sql += ")";
}

// The column a value is compared with, for messages about the value.
class SubjectScope {
 public:
  SubjectScope(RenderContext& context, const SqlNode* node)
      : context_(context), table_(context.subject_table), column_(context.subject_column) {
    if (const auto* column = dynamic_cast<const Column*>(node)) {
      context.subject_table = column->table;
      context.subject_column = column->column;
    }
  }
  ~SubjectScope() {
    context_.subject_table = table_;
    context_.subject_column = column_;
  }
  SubjectScope(const SubjectScope&) = delete;
  SubjectScope& operator=(const SubjectScope&) = delete;

 private:
  RenderContext& context_;
  std::string_view table_, column_;
};

void Binary::render(RenderContext& context) const {
  if (parenthesised) context.sql += "(";
  {
    SubjectScope subject(context, right.get());
    left->render(context);
  }
  context.sql += " ";
  context.sql += op;
  context.sql += " ";
  {
    SubjectScope subject(context, left.get());
    right->render(context);
  }
  if (parenthesised) context.sql += ")";
}

void Function::render(RenderContext& context) const {
  context.sql += name;
  context.sql += "(";
  if (distinct) context.sql += "DISTINCT ";
  if (star) context.sql += "*";
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i) context.sql += ", ";
    args[i]->render(context);
  }
  context.sql += ")";
}

void NullTest::render(RenderContext& context) const {
  operand->render(context);
  context.sql += negated ? " IS NOT NULL" : " IS NULL";
}

void Logical::render(RenderContext& context) const {
  context.sql += "(";
  left->render(context);
  context.sql += " ";
  context.sql += op;
  context.sql += " ";
  right->render(context);
  context.sql += ")";
}
void Not::render(RenderContext& context) const {
  context.sql += "NOT (";
  operand->render(context);
  context.sql += ")";
}
void InList::render(RenderContext& context) const {
  // An empty IN list is a syntax error in SQL; it matches nothing.
  if (values.empty()) {
    context.sql += "1 = 0";
    return;
  }
  operand->render(context);
  context.sql += " IN (";
  SubjectScope subject(context, operand.get());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) context.sql += ", ";
    context.bind(values[i]);
  }
  context.sql += ")";
}

void Subquery::render(RenderContext& context) const {
  context.sql += prefix;
  context.sql += "(";
  query->render(context);
  context.sql += ")";
}

static std::string_view frame_unit_sql(WindowFrame::Unit unit) {
  switch (unit) {
    case WindowFrame::Unit::rows: return "ROWS";
    case WindowFrame::Unit::range: return "RANGE";
    case WindowFrame::Unit::groups: return "GROUPS";
  }
  return {};
}

// The offset is written as a number, not bound: SQLite wants a constant there and PostgreSQL
// types a RANGE offset by the ordering column. It comes from a std::int64_t, never from text.
static void render_frame_bound(RenderContext& context, const FrameBound& bound) {
  using Kind = FrameBound::Kind;
  switch (bound.kind) {
    case Kind::unbounded_preceding: context.sql += "UNBOUNDED PRECEDING"; return;
    case Kind::preceding: context.sql += std::to_string(bound.offset) + " PRECEDING"; return;
    case Kind::current_row: context.sql += "CURRENT ROW"; return;
    case Kind::following: context.sql += std::to_string(bound.offset) + " FOLLOWING"; return;
    case Kind::unbounded_following: context.sql += "UNBOUNDED FOLLOWING"; return;
  }
}

void Over::render(RenderContext& context) const {
  function->render(context);
  context.sql += " OVER (";
  if (!window.partition().empty()) {
    context.sql += "PARTITION BY ";
    for (std::size_t i = 0; i < window.partition().size(); ++i) {
      if (i) context.sql += ", ";
      window.partition()[i]->render(context);
    }
  }
  if (!window.order().empty()) {
    if (!window.partition().empty()) context.sql += " ";
    render_order_terms(context, window.order());
  }
  if (const auto& frame = window.frame()) {
    if (!window.partition().empty() || !window.order().empty()) context.sql += " ";
    context.sql += frame_unit_sql(frame->unit);
    context.sql += " BETWEEN ";
    render_frame_bound(context, frame->start);
    context.sql += " AND ";
    render_frame_bound(context, frame->end);
  }
  context.sql += ")";
}

}  // namespace node


void render_order_terms(RenderContext& context, const std::vector<OrderTerm>& terms) {
  context.sql += "ORDER BY ";
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (i) context.sql += ", ";
    if (terms[i].expression) terms[i].expression->render(context);
    else context.column(terms[i].table, terms[i].column);
    if (terms[i].descending) context.sql += " DESC";
  }
}

bool SelectCore::has_table(std::string_view name) const {
  if ((from_alias.empty() ? from : from_alias) == name) return true;
  for (const auto& join : joins)
    if ((join.alias.empty() ? join.table : join.alias) == name) return true;
  return false;
}

void SelectCore::add_cte(std::shared_ptr<const CteDefinition> cte) {
  for (const auto& known : ctes) {
    if (known == cte) return;
    if (known->name == cte->name)
      throw std::invalid_argument("two different CTEs named '" + cte->name + "' in one query");
  }
  ctes.push_back(std::move(cte));
}

namespace {

// Whether the select list needs "AS label": not for a column under its own name.
bool needs_alias(const SelectItem& item) {
  if (item.label.empty()) return false;
  const auto* column = dynamic_cast<const node::Column*>(item.node.get());
  return !column || column->column != item.label;
}

void render_with(RenderContext& context, const std::vector<std::shared_ptr<const CteDefinition>>& ctes) {
  bool recursive = false;
  for (const auto& cte : ctes) recursive = recursive || cte->recursive.has_value();
  context.sql += recursive ? "WITH RECURSIVE " : "WITH ";
  for (std::size_t i = 0; i < ctes.size(); ++i) {
    const CteDefinition& cte = *ctes[i];
    if (i) context.sql += ", ";
    context.identifier(cte.name);
    context.sql += "(";
    for (std::size_t c = 0; c < cte.columns.size(); ++c) {
      if (c) context.sql += ", ";
      context.identifier(cte.columns[c]);
    }
    context.sql += ") AS (";
    cte.anchor.render(context);
    if (cte.recursive) {
      context.sql += " UNION ALL ";
      cte.recursive->render(context);
    }
    context.sql += ")";
  }
  context.sql += " ";
}

// LIMIT n OFFSET m of a select or a compound.
void render_paging(RenderContext& context, const std::optional<std::int64_t>& limit,
                   const std::optional<std::int64_t>& offset) {
  if (limit) {
    context.sql += " LIMIT ";
    context.bind(*limit);
  }
  if (offset) {
    // SQLite accepts OFFSET only after a LIMIT; -1 means no limit there.
    if (!limit && context.dialect == schema::Dialect::sqlite) context.sql += " LIMIT -1";
    context.sql += " OFFSET ";
    context.bind(*offset);
  }
}

}  // namespace

void SelectCore::render(RenderContext& context) const {
  if (from.empty())
    throw std::invalid_argument(
        "select(...) has no FROM table: none of its items reads a column; say .from<Model>() or "
        ".from(cte)");
  if (!ctes.empty()) render_with(context, ctes);
  std::string& sql = context.sql;
  sql += distinct ? "SELECT DISTINCT " : "SELECT ";
  if (items.empty()) {
    for (std::size_t i = 0; i < model_columns.size(); ++i) {
      if (i) sql += ", ";
      context.column(model_table, model_columns[i]);
    }
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) sql += ", ";
    items[i].node->render(context);
    if (needs_alias(items[i])) {
      sql += " AS ";
      context.identifier(items[i].label);
    }
  }
  sql += " FROM ";
  context.identifier(from);
  if (!from_alias.empty()) {
    sql += " AS ";
    context.identifier(from_alias);
  }
  for (const auto& join : joins) {
    sql += join.left ? " LEFT JOIN " : " JOIN ";
    context.identifier(join.table);
    if (!join.alias.empty()) {
      sql += " AS ";
      context.identifier(join.alias);
    }
    sql += " ON ";
    join.on.node()->render(context);
  }
  if (where) {
    sql += " WHERE ";
    where->node()->render(context);
  }
  if (!group_by.empty()) {
    sql += " GROUP BY ";
    for (std::size_t i = 0; i < group_by.size(); ++i) {
      if (i) sql += ", ";
      group_by[i]->render(context);
    }
  }
  if (having) {
    sql += " HAVING ";
    having->node()->render(context);
  }
  if (!order.empty()) {
    sql += " ";
    render_order_terms(context, order);
  }
  render_paging(context, limit, offset);
}

RenderedQuery SelectCore::render(schema::Dialect dialect) const {
  RenderedQuery query;
  RenderContext context{dialect, query.sql, query.params};
  render(context);
  return query;
}

void node::OutputColumn::render(RenderContext& context) const { context.sql += std::to_string(position); }

const std::string& CompoundCore::first_table() const {
  const Member& first = members.front();
  return first.select ? first.select->from : first.compound->first_table();
}

namespace {
// A member that SQL would not read as one operand without brackets: one with its own ORDER BY,
// LIMIT, OFFSET or WITH, or a compound of its own.
bool needs_brackets(const CompoundCore::Member& member) {
  if (member.compound) return true;
  const SelectCore& select = *member.select;
  return !select.order.empty() || select.limit || select.offset || !select.ctes.empty();
}

void render_member(RenderContext& context, const CompoundCore::Member& member) {
  const bool bracketed = needs_brackets(member);
  // SQLite has no brackets around a compound's member; a subquery in FROM keeps it one operand.
  if (bracketed) context.sql += context.dialect == schema::Dialect::sqlite ? "SELECT * FROM (" : "(";
  if (member.select) member.select->render(context);
  else member.compound->render(context);
  if (bracketed) context.sql += ")";
}
}  // namespace

void CompoundCore::render(RenderContext& context) const {
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (i) {
      context.sql += " ";
      context.sql += operators[i - 1];
      context.sql += " ";
    }
    render_member(context, members[i]);
  }
  if (!order.empty()) {
    for (const OrderTerm& term : order)
      if (!dynamic_cast<const node::OutputColumn*>(term.expression.get()))
        throw std::invalid_argument(
            "order_by() of a compound select (UNION, INTERSECT, EXCEPT) takes its result columns, "
            "compound.col<I>(): a table's column is not in scope there");
    context.sql += " ";
    render_order_terms(context, order);
  }
  render_paging(context, limit, offset);
}

void node::CompoundSubquery::render(RenderContext& context) const {
  context.sql += prefix;
  context.sql += "(";
  query->render(context);
  context.sql += ")";
}

RenderedQuery CompoundCore::render(schema::Dialect dialect) const {
  RenderedQuery query;
  RenderContext context{dialect, query.sql, query.params};
  render(context);
  return query;
}

RenderedQuery render_update(schema::Dialect dialect, std::string_view model, std::string_view table,
                            const std::vector<Assignment>& assignments,
                            const std::optional<Condition>& where) {
  RenderedQuery query;
  RenderContext context{dialect, query.sql, query.params};
  if (assignments.empty())
    throw std::invalid_argument("update<" + std::string(model) + ">() sets no column: call .set(&" +
                                std::string(model) + "::member, value) first");
  query.sql = "UPDATE " + quote(dialect, table) + " SET ";
  for (std::size_t i = 0; i < assignments.size(); ++i) {
    if (i) query.sql += ", ";
    context.identifier(assignments[i].column);
    query.sql += " = ";
    context.subject_table = table;
    context.subject_column = assignments[i].column;
    assignments[i].value->render(context);
    context.subject_table = context.subject_column = {};
  }
  if (where) {
    query.sql += " WHERE ";
    where->node()->render(context);
  }
  return query;
}

RenderedQuery render_delete(schema::Dialect dialect, std::string_view table,
                            const std::optional<Condition>& where) {
  RenderedQuery query;
  RenderContext context{dialect, query.sql, query.params};
  query.sql = "DELETE FROM " + quote(dialect, table);
  if (where) {
    query.sql += " WHERE ";
    where->node()->render(context);
  }
  return query;
}

NamedParameters parse_named_parameters(std::string_view sql, schema::Dialect dialect) {
  NamedParameters result;
  std::string& out = result.sql;
  out.reserve(sql.size());
  auto is_name_start = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; };
  auto is_name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  std::size_t i = 0;
  // Copies a quoted string or identifier (doubled quotes escape) as it is.
  auto copy_quoted = [&](char quote_char) {
    out += sql[i++];
    while (i < sql.size()) {
      char c = sql[i++];
      out += c;
      if (c == quote_char) {
        if (i < sql.size() && sql[i] == quote_char) out += sql[i++];
        else return;
      }
    }
  };
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'' || c == '"') {
      copy_quoted(c);
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      std::size_t end = sql.find('\n', i);
      end = end == std::string_view::npos ? sql.size() : end;
      out.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      std::size_t end = sql.find("*/", i + 2);
      end = end == std::string_view::npos ? sql.size() : end + 2;
      out.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '\\' && i + 1 < sql.size() && sql[i + 1] == ':') {
      out += ':';
      i += 2;
    } else if (c == ':' && i + 1 < sql.size() && sql[i + 1] == ':') {
      out += "::";
      i += 2;
    } else if (c == ':' && i + 1 < sql.size() && is_name_start(sql[i + 1])) {
      std::size_t end = i + 1;
      while (end < sql.size() && is_name_char(sql[end])) ++end;
      result.names.emplace_back(sql.substr(i + 1, end - i - 1));
      out += placeholder(dialect, result.names.size());
      i = end;
    } else {
      out += c;
      ++i;
    }
  }
  return result;
}

RenderedQuery render_text(schema::Dialect dialect, std::string_view sql,
                          const std::map<std::string, Param, std::less<>>& values) {
  NamedParameters parsed = parse_named_parameters(sql, dialect);
  RenderedQuery query;
  query.sql = std::move(parsed.sql);
  std::set<std::string_view> used;
  for (const std::string& name : parsed.names) {
    auto found = values.find(name);
    if (found == values.end())
      throw std::invalid_argument("text(): no value bound for parameter :" + name +
                                  " (bind it with .bind(\"" + name + "\", value))\n  statement: " +
                                  std::string(sql));
    query.params.push_back(found->second);
    used.insert(found->first);
  }
  for (const auto& [name, value] : values)
    if (!used.count(name)) {
      std::string present;
      for (std::string_view known : used) present += (present.empty() ? ":" : ", :") + std::string(known);
      throw std::invalid_argument("text(): parameter :" + name +
                                  " was bound but does not occur in the statement (its parameters: " +
                                  (present.empty() ? std::string("none") : present) +
                                  ")\n  statement: " + std::string(sql));
    }
  return query;
}

std::string select_columns_of(schema::Dialect dialect, std::string_view inner,
                              std::span<const std::string_view> columns) {
  // Qualified, so that SQLite reports a missing column instead of reading "name" as a string
  // literal (its fallback for an unknown double-quoted identifier).
  const std::string alias = quote(dialect, "text_result");
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i) sql += ", ";
    sql += alias + "." + quote(dialect, columns[i]);
  }
  return sql + " FROM (" + std::string(inner) + ") AS " + alias;
}

std::string explain_prefix(schema::Dialect dialect, ExplainMode mode) {
  if (dialect == schema::Dialect::sqlite) {
    if (mode == ExplainMode::analyze)
      throw std::invalid_argument(
          "explain(analyze): SQLite has no EXPLAIN ANALYZE (only EXPLAIN QUERY PLAN); ask for "
          "explain() there");
    return "EXPLAIN QUERY PLAN ";
  }
  return mode == ExplainMode::analyze ? "EXPLAIN ANALYZE " : "EXPLAIN ";
}

std::string explain_plan(Session& session, const RenderedQuery& query, ExplainMode mode) {
  const schema::Dialect dialect = session.dialect();
  const std::string sql = explain_prefix(dialect, mode) + query.sql;
  session.flush();
  Statement& statement = session.connection().prepare(sql);
  std::string plan;
  // SQLite's rows are (id, parent, notused, detail); a step is indented under its parent.
  std::map<std::int64_t, std::size_t> depth_of;
  session.run(statement, query.params.size(), [&](Statement& s) { detail::bind_params(s, query.params); },
              [&](Statement& s) {
                std::string line;
                if (dialect == schema::Dialect::sqlite) {
                  std::int64_t id = 0, parent = 0;
                  s.read_int64(0, id);
                  s.read_int64(1, parent);
                  s.read_text(3, line);
                  auto found = depth_of.find(parent);
                  std::size_t depth = found == depth_of.end() ? 0 : found->second + 1;
                  depth_of[id] = depth;
                  line = std::string(depth * 2, ' ') + line;
                } else {
                  s.read_text(0, line);
                }
                plan += line + "\n";
              });
  return plan;
}

namespace sql {

std::string insert(schema::Dialect dialect, std::string_view table,
                   std::span<const std::string_view> columns,
                   std::optional<std::string_view> returning) {
  std::string text = "INSERT INTO " + quote(dialect, table);
  if (columns.empty()) {
    text += " DEFAULT VALUES";
  } else {
    text += " (" + column_list(dialect, columns) + ") VALUES (";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i) text += ", ";
      text += placeholder(dialect, i + 1);
    }
    text += ")";
  }
  if (returning) text += " RETURNING " + quote(dialect, *returning);
  return text;
}

std::string insert_rows(schema::Dialect dialect, std::string_view table,
                        std::span<const std::string_view> columns, std::size_t rows,
                        std::optional<std::string_view> returning) {
  if (columns.empty() || rows < 2) return insert(dialect, table, columns, returning);
  std::string text = "INSERT INTO " + quote(dialect, table) + " (" + column_list(dialect, columns) + ") VALUES ";
  std::size_t parameter = 1;
  for (std::size_t row = 0; row < rows; ++row) {
    text += row ? ", (" : "(";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i) text += ", ";
      text += placeholder(dialect, parameter++);
    }
    text += ")";
  }
  if (returning) text += " RETURNING " + quote(dialect, *returning);
  return text;
}

std::string returning(schema::Dialect dialect, std::span<const std::string_view> columns) {
  if (columns.empty()) return {};
  return " RETURNING " + column_list(dialect, columns);
}

std::string select_where_in_list(schema::Dialect dialect, std::string_view table,
                                 std::span<const std::string_view> columns, std::string_view key,
                                 std::string_view order_by) {
  std::string text = "SELECT " + column_list(dialect, columns) + " FROM " + quote(dialect, table) +
                     " WHERE " + quote(dialect, key);
  if (dialect == schema::Dialect::postgresql) text += " = ANY($1)";
  else text += " IN (SELECT value FROM json_each(?))";
  return text + " ORDER BY " + quote(dialect, key) + ", " + quote(dialect, order_by);
}

std::string integer_list(schema::Dialect dialect, std::span<const std::int64_t> values) {
  const bool json = dialect == schema::Dialect::sqlite;
  std::string text = json ? "[" : "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) text += ",";
    text += std::to_string(values[i]);
  }
  return text + (json ? "]" : "}");
}

std::string text_list(schema::Dialect dialect, std::span<const std::string> values) {
  const bool json = dialect == schema::Dialect::sqlite;
  std::string text = json ? "[" : "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) text += ",";
    text += quoted_element(values[i], json);
  }
  return text + (json ? "]" : "}");
}

}  // namespace sql
}  // namespace sqlmodel::detail

namespace sqlmodel {

namespace {
std::string frame_bound_text(const FrameBound& bound) {
  using Kind = FrameBound::Kind;
  switch (bound.kind) {
    case Kind::unbounded_preceding: return "unbounded_preceding";
    case Kind::preceding: return "preceding(" + std::to_string(bound.offset) + ")";
    case Kind::current_row: return "current_row";
    case Kind::following: return "following(" + std::to_string(bound.offset) + ")";
    case Kind::unbounded_following: return "unbounded_following";
  }
  return {};
}
}  // namespace

Window& Window::frame(WindowFrame::Unit unit, FrameBound start, FrameBound end) {
  using Kind = FrameBound::Kind;
  const std::string frame_text = std::string(unit == WindowFrame::Unit::rows    ? "rows_between("
                                             : unit == WindowFrame::Unit::range ? "range_between("
                                                                                : "groups_between(") +
                                 frame_bound_text(start) + ", " + frame_bound_text(end) + ")";
  for (const FrameBound& bound : {start, end})
    if ((bound.kind == Kind::preceding || bound.kind == Kind::following) && bound.offset < 0)
      throw std::invalid_argument("window frame " + frame_text +
                                  ": an offset counts rows or values away from the current row and "
                                  "cannot be negative; use the other direction");
  if (start.kind == Kind::unbounded_following)
    throw std::invalid_argument("window frame " + frame_text + ": a frame cannot start at unbounded_following");
  if (end.kind == Kind::unbounded_preceding)
    throw std::invalid_argument("window frame " + frame_text + ": a frame cannot end at unbounded_preceding");
  if (start.kind > end.kind)
    throw std::invalid_argument("window frame " + frame_text + ": the frame starts after it ends");
  frame_ = WindowFrame{unit, start, end};
  return *this;
}

}  // namespace sqlmodel
