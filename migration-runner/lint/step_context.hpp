// What a lint check sees of one step (internal to lint/): the operation, the schema on both
// sides of it, the SQL it renders for the dialect, and what the steps before it in the same
// list did. lint.cpp builds it; the check_*.cpp files read it.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lint/lint.hpp"
#include "migration_file.hpp"
#include "schema/operations.hpp"
#include "schema/render_operations.hpp"

namespace sqlmodel::migrate::lint {

// Facts about one list (upgrade or downgrade) of one migration, for one dialect, as far as the
// linter has walked it.
struct ListFacts {
  const std::vector<schema::Operation>* operations = nullptr;  // the whole list
  // Tables created by an earlier step of this list and still there (under their current name);
  // in a downgrade also those the revision's upgrade created.
  std::set<std::string> new_tables;
  // Downgrade only: tables and (table, column)s the revision's upgrade created or added.
  std::set<std::string> upgrade_tables;
  std::set<std::pair<std::string, std::string>> upgrade_columns;
  // PostgreSQL: a lock_timeout is in force for the statements of this step (set for the whole
  // revision, or by an earlier sql step).
  bool lock_timeout = false;
  // The revision's downgrade renders SQL of a sql step for this dialect.
  bool downgrade_has_sql = false;
  // (table, constraint) added NOT VALID by an earlier step and not validated since: it does not
  // prove anything about the rows yet.
  std::set<std::pair<std::string, std::string>> unvalidated_constraints;
  // Expand/contract: columns kept in step by a sync trigger this list creates or drops,
  // (table, column) -> the other column. What one holds, the other holds too.
  std::map<std::pair<std::string, std::string>, std::string> synced_columns;
  // (table, column) dropped by an earlier step of this list.
  std::set<std::pair<std::string, std::string>> dropped_columns;
};

struct StepContext {
  const Migration& migration;
  Direction direction;
  std::size_t index;
  const schema::Operation& operation;
  const schema::Schema& before;  // dialect-neutral, as replayed
  const schema::Schema& after;
  schema::Dialect dialect;
  const schema::RenderedStep& rendered;
  const ListFacts& list;

  bool postgresql() const { return dialect == schema::Dialect::postgresql; }
  // The table may hold rows and other sessions may be using it: neither this step nor an
  // earlier one of the list created it. A name the step does not give ("") counts as existing.
  bool existing_table(std::string_view table) const {
    if (list.new_tables.count(std::string(table))) return false;
    const auto* create = std::get_if<schema::CreateTable>(&operation);
    return !create || create->table.name != table;
  }
  // A downgrade taking away what the revision's upgrade brought: the reason downgrades exist.
  bool undoes_upgrade_table(std::string_view table) const {
    return direction == Direction::downgrade && list.upgrade_tables.count(std::string(table));
  }
  bool undoes_upgrade_column(std::string_view table, std::string_view column) const {
    return direction == Direction::downgrade &&
           (list.upgrade_tables.count(std::string(table)) ||
            list.upgrade_columns.count({std::string(table), std::string(column)}));
  }
  // Renders no statement for this dialect (a model-only change).
  bool renders_nothing() const { return rendered.statements.empty(); }
  // The column a sync trigger of this list keeps in step with `column` (see ListFacts).
  const std::string* synced_with(std::string_view table, std::string_view column) const {
    auto found = list.synced_columns.find({std::string(table), std::string(column)});
    return found == list.synced_columns.end() ? nullptr : &found->second;
  }
};

// "\"users\"": a table or column as messages name it.
std::string quoted_name(std::string_view name);
std::string quoted_name(std::string_view table, std::string_view column);

}  // namespace sqlmodel::migrate::lint
