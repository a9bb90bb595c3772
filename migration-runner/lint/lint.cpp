#include "lint/lint.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "lint/sql_text.hpp"
#include "lint/step_context.hpp"
#include "replay.hpp"

namespace sqlmodel::migrate::lint {
namespace {

std::string origin_of(const Migration& migration) {
  return migration.path.empty() ? "revision " + migration.revision : migration.path.string();
}

const StepAcknowledgements& acknowledgements_of(const Migration& migration, Direction direction) {
  return direction == Direction::upgrade ? migration.upgrade_lint_ignore : migration.downgrade_lint_ignore;
}

std::string step_path(Direction direction, std::size_t step) {
  return "/" + std::string(to_string(direction)) + "/" + std::to_string(step);
}

// A sql step's SQL for the dialect: its own, else the shared one (render_operations.cpp's rule).
bool renders_sql(const schema::SqlStep& step, schema::Dialect dialect) {
  auto specific = step.dialect_sql.find(dialect);
  return !(specific != step.dialect_sql.end() ? specific->second : step.sql).empty();
}

// What the upgrade creates, for the downgrade's "it only takes back what the upgrade brought".
void note_upgrade_creations(const Migration& migration, ListFacts& facts) {
  for (const auto& operation : migration.upgrade) {
    if (const auto* create = std::get_if<schema::CreateTable>(&operation)) {
      facts.upgrade_tables.insert(create->table.name);
    } else if (const auto* add = std::get_if<schema::AddColumn>(&operation)) {
      facts.upgrade_columns.insert({add->table, add->column.name});
    } else if (const auto* rename = std::get_if<schema::RenameTable>(&operation)) {
      if (facts.upgrade_tables.erase(rename->from)) facts.upgrade_tables.insert(rename->to);
    } else if (const auto* rename_column = std::get_if<schema::RenameColumn>(&operation)) {
      if (facts.upgrade_columns.erase({rename_column->table, rename_column->from}))
        facts.upgrade_columns.insert({rename_column->table, rename_column->to});
    }
  }
}

// What a step leaves behind for the steps after it.
void note_step(const schema::Operation& operation, const schema::RenderedStep& rendered, schema::Dialect dialect,
               ListFacts& facts) {
  if (const auto* create = std::get_if<schema::CreateTable>(&operation)) {
    facts.new_tables.insert(create->table.name);
  } else if (const auto* drop = std::get_if<schema::DropTable>(&operation)) {
    facts.new_tables.erase(drop->table.name);
  } else if (const auto* rename = std::get_if<schema::RenameTable>(&operation)) {
    if (facts.new_tables.erase(rename->from)) facts.new_tables.insert(rename->to);
  }
  if (const auto* drop = std::get_if<schema::DropColumn>(&operation)) facts.dropped_columns.insert({drop->table, drop->column.name});
  if (dialect == schema::Dialect::postgresql) {
    // SQLite ignores NOT VALID: it copies the rows into the constrained table, which checks them.
    if (const auto* check = std::get_if<schema::AddCheckConstraint>(&operation); check && check->not_valid)
      facts.unvalidated_constraints.insert({check->table, check->constraint.name});
    if (const auto* key = std::get_if<schema::AddForeignKey>(&operation); key && key->not_valid)
      facts.unvalidated_constraints.insert({key->table, key->key.name});
  }
  if (const auto* validate = std::get_if<schema::ValidateConstraint>(&operation))
    facts.unvalidated_constraints.erase({validate->table, validate->name});
  if (dialect == schema::Dialect::postgresql)
    for (const auto& text : rendered.statements)
      for (const auto& statement : sql_statements(text))
        if (auto setting = lock_timeout_setting(statement)) facts.lock_timeout = *setting;
}

struct ListToLint {
  const Migration& migration;
  Direction direction;
  schema::Dialect dialect;
};

// Walks one list from `schema` (left as the list leaves it), adding its findings.
void lint_list(const ListToLint& list, schema::Schema& schema, std::vector<Finding>& findings) {
  const auto& operations = list.direction == Direction::upgrade ? list.migration.upgrade : list.migration.downgrade;
  ListFacts facts;
  facts.operations = &operations;
  // The revision's "lock_timeout" is set for every statement it runs.
  facts.lock_timeout = list.migration.lock_timeout_ms.has_value();
  if (list.direction == Direction::downgrade) {
    // The downgrade runs once the application that used these tables is rolled back: they are
    // as unused as new ones, and taking them away is the downgrade's purpose.
    note_upgrade_creations(list.migration, facts);
    facts.new_tables = facts.upgrade_tables;
  }
  // Expand/contract: the columns a sync trigger of this list (created or dropped) keeps in step.
  auto synced = [&](const std::string& table, const std::string& old_column, const std::string& new_column) {
    facts.synced_columns[{table, old_column}] = new_column;
    facts.synced_columns[{table, new_column}] = old_column;
  };
  for (const auto& operation : operations) {
    if (const auto* create = std::get_if<schema::CreateSyncTrigger>(&operation))
      synced(create->table, create->old_column, create->new_column);
    else if (const auto* drop = std::get_if<schema::DropSyncTrigger>(&operation))
      synced(drop->table, drop->old_column, drop->new_column);
  }
  facts.downgrade_has_sql =
      std::any_of(list.migration.downgrade.begin(), list.migration.downgrade.end(), [&](const auto& operation) {
        const auto* sql = std::get_if<schema::SqlStep>(&operation);
        return sql && renders_sql(*sql, list.dialect);
      });

  for (std::size_t i = 0; i < operations.size(); ++i) {
    const schema::Operation& operation = operations[i];
    schema::RenderedStep rendered;
    schema::Schema after = schema;
    try {
      rendered = schema::render_operation(operation, schema, list.dialect);
      schema::apply_to_schema(after, operation);
    } catch (const MigrationFileError&) {
      throw;
    } catch (const std::exception& error) {
      throw MigrationFileError(origin_of(list.migration), step_path(list.direction, i), error.what());
    }
    const StepContext step{list.migration, list.direction, i, operation, schema, after, list.dialect, rendered, facts};
    for (const Rule& rule : rules()) {
      auto severity = rule.severity(list.dialect);
      if (!severity) continue;
      auto message = rule.check(step);
      if (!message) continue;
      Finding finding;
      finding.rule = &rule;
      finding.severity = *severity;
      finding.dialect = list.dialect;
      finding.migration = &list.migration;
      finding.direction = list.direction;
      finding.step = i;
      finding.operation = schema::describe(operation);
      finding.sql = rendered.statements;
      finding.message = std::move(*message);
      findings.push_back(std::move(finding));
    }
    note_step(operation, rendered, list.dialect, facts);
    schema = std::move(after);
  }
}

// The schema a revision's upgrade starts from: its ancestors', replayed.
schema::Schema schema_before(const RevisionGraph& graph, const Migration& migration) {
  std::set<std::string> ancestors;
  for (const auto& parent : migration.parents) ancestors.merge(graph.ancestors(parent));
  return replay(graph, ancestors);
}

void acknowledge(const Migration& migration, const std::vector<schema::Dialect>& dialects,
                 std::vector<Finding>& findings, std::vector<UnusedAcknowledgement>& unused) {
  for (Direction direction : {Direction::upgrade, Direction::downgrade}) {
    for (const auto& [step, entries] : acknowledgements_of(migration, direction)) {
      for (const auto& entry : entries) {
        bool used = false;
        for (auto& finding : findings)
          if (finding.migration == &migration && finding.direction == direction && finding.step == step &&
              finding.rule->id == entry.rule) {
            finding.acknowledged = entry.reason;
            used = true;
          }
        const Rule* rule = find_rule(entry.rule);
        constexpr schema::Dialect every_dialect[] = {schema::Dialect::postgresql, schema::Dialect::sqlite};
        const bool all_dialects_linted =
            rule && std::all_of(std::begin(every_dialect), std::end(every_dialect), [&](schema::Dialect dialect) {
              return !rule->severity(dialect) || std::find(dialects.begin(), dialects.end(), dialect) != dialects.end();
            });
        if (!used && all_dialects_linted) unused.push_back({&migration, direction, step, entry.rule});
      }
    }
  }
}

std::size_t rule_position(const Rule* rule) { return static_cast<std::size_t>(rule - rules().data()); }

}  // namespace

std::string quoted_name(std::string_view name) { return "\"" + std::string(name) + "\""; }
std::string quoted_name(std::string_view table, std::string_view column) {
  return std::string(table) + "." + std::string(column);
}

std::string_view to_string(Direction direction) { return direction == Direction::upgrade ? "upgrade" : "downgrade"; }

std::string Finding::json_path() const { return step_path(direction, step); }
std::string UnusedAcknowledgement::json_path() const { return step_path(direction, step) + "/lint_ignore"; }

std::size_t Report::errors() const {
  return std::count_if(findings.begin(), findings.end(), [](const Finding& finding) { return finding.counts_as_error(); });
}
std::size_t Report::warnings() const {
  return std::count_if(findings.begin(), findings.end(), [](const Finding& finding) {
    return finding.severity == Severity::warning && !finding.acknowledged;
  });
}
std::size_t Report::acknowledged() const {
  return std::count_if(findings.begin(), findings.end(), [](const Finding& finding) { return finding.acknowledged.has_value(); });
}

Report lint_migrations(const RevisionGraph& graph, const std::vector<const Migration*>& migrations,
                       const std::vector<schema::Dialect>& dialects) {
  Report report;
  report.dialects = dialects;
  std::map<const Migration*, std::size_t> order;
  for (const Migration* migration : graph.in_order()) order.emplace(migration, order.size());
  report.migrations = migrations;
  std::sort(report.migrations.begin(), report.migrations.end(),
            [&](const Migration* a, const Migration* b) { return order.at(a) < order.at(b); });
  report.migrations.erase(std::unique(report.migrations.begin(), report.migrations.end()), report.migrations.end());

  for (const Migration* migration : report.migrations) {
    const schema::Schema before = schema_before(graph, *migration);
    std::vector<Finding> findings;
    for (schema::Dialect dialect : dialects) {
      schema::Schema schema = before;
      lint_list({*migration, Direction::upgrade, dialect}, schema, findings);
      lint_list({*migration, Direction::downgrade, dialect}, schema, findings);
    }
    acknowledge(*migration, dialects, findings, report.unused_acknowledgements);
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
      return std::tuple(a.direction, a.step, rule_position(a.rule)) < std::tuple(b.direction, b.step, rule_position(b.rule));
    });
    for (auto& finding : findings) report.findings.push_back(std::move(finding));
  }
  return report;
}

}  // namespace sqlmodel::migrate::lint
