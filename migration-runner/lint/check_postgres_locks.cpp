// PostgreSQL locks: index builds and drops without CONCURRENTLY, CONCURRENTLY where it cannot
// run, constraints validated under a lock, and DDL that may queue without a lock_timeout. The
// checks read the SQL the step renders, so they judge what will run, whichever form of the
// step (an operation with "concurrently" or "not_valid", or a sql step) produced it.
#include <algorithm>

#include "lint/checks.hpp"
#include "lint/sql_text.hpp"

namespace sqlmodel::migrate::lint {
namespace {

std::vector<SqlStatement> rendered_statements(const StepContext& step) {
  std::vector<SqlStatement> statements;
  for (const auto& text : step.rendered.statements)
    for (auto& statement : sql_statements(text)) statements.push_back(std::move(statement));
  return statements;
}

bool renders_word(const StepContext& step, std::string_view word) {
  for (const auto& statement : rendered_statements(step))
    if (has_word(statement, word)) return true;
  return false;
}

bool renders_not_valid(const StepContext& step) {
  for (const auto& statement : rendered_statements(step))
    for (std::size_t i = 0; i + 1 < statement.size(); ++i)
      if (has_word({statement[i]}, "not") && has_word({statement[i + 1]}, "valid")) return true;
  return false;
}

}  // namespace

CheckResult check_create_index_without_concurrently(const StepContext& step) {
  const auto* create = std::get_if<schema::CreateIndex>(&step.operation);
  if (!create || !step.existing_table(create->table) || renders_word(step, "concurrently")) return std::nullopt;
  return "builds index " + create->index.name + " on " + quoted_name(create->table) +
         " while holding a SHARE lock on it: writes wait";
}

CheckResult check_drop_index_without_concurrently(const StepContext& step) {
  const auto* drop = std::get_if<schema::DropIndex>(&step.operation);
  if (!drop || !step.existing_table(drop->table) || renders_word(step, "concurrently")) return std::nullopt;
  return "drops index " + drop->index.name + " under an ACCESS EXCLUSIVE lock on " + quoted_name(drop->table);
}

CheckResult check_concurrently_in_transaction(const StepContext& step) {
  if (step.rendered.outside_transaction) return std::nullopt;
  for (const auto& statement : rendered_statements(step))
    if (has_word(statement, "concurrently")) {
      std::string opening;
      for (std::size_t i = 0; i < statement.size() && i < 4; ++i) opening += (i ? " " : "") + statement[i].text;
      return "runs " + opening + " ... inside the migration's transaction";
    }
  return std::nullopt;
}

CheckResult check_add_foreign_key_without_not_valid(const StepContext& step) {
  const auto* add = std::get_if<schema::AddForeignKey>(&step.operation);
  if (!add || !step.existing_table(add->table) || renders_not_valid(step)) return std::nullopt;
  return "adds foreign key " + add->key.name + " on " + quoted_name(add->table) + " referencing " +
         quoted_name(add->key.referred_table) + ", checking every existing row while writes to both wait";
}

CheckResult check_add_check_without_not_valid(const StepContext& step) {
  const auto* add = std::get_if<schema::AddCheckConstraint>(&step.operation);
  if (!add || !step.existing_table(add->table) || renders_not_valid(step)) return std::nullopt;
  return "adds check constraint " + add->constraint.name + " on " + quoted_name(add->table) +
         ", checking every existing row under an ACCESS EXCLUSIVE lock";
}

CheckResult check_missing_lock_timeout(const StepContext& step) {
  bool lock_timeout = step.list.lock_timeout;
  // Tables a sql step creates before it alters them are as new as those of a create_table.
  std::vector<std::string> created_here;
  std::vector<std::string> waiting;
  for (const auto& statement : rendered_statements(step)) {
    if (auto setting = lock_timeout_setting(statement)) lock_timeout = *setting;
    if (auto created = created_table(statement)) created_here.push_back(*created);
    if (lock_timeout) continue;
    auto tables = locked_tables(statement);
    if (!tables) continue;
    for (auto table : *tables) {
      // DROP INDEX names only the index; the operation knows its table.
      if (const auto* drop = std::get_if<schema::DropIndex>(&step.operation); drop && table.empty()) table = drop->table;
      if (!table.empty() && (!step.existing_table(table) ||
                             std::find(created_here.begin(), created_here.end(), table) != created_here.end()))
        continue;
      const std::string name = table.empty() ? "a table" : quoted_name(table);
      if (std::find(waiting.begin(), waiting.end(), name) == waiting.end()) waiting.push_back(name);
    }
  }
  if (waiting.empty()) return std::nullopt;
  std::string list;
  for (std::size_t i = 0; i < waiting.size(); ++i)
    list += (i == 0 ? "" : i + 1 == waiting.size() ? " and " : ", ") + waiting[i];
  return "locks " + list + " with no lock_timeout set";
}

}  // namespace sqlmodel::migrate::lint
