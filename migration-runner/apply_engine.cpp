#include "apply_engine.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>
#include <map>

#include "replay.hpp"
#include "schema/render_operations.hpp"

namespace sqlmodel::migrate {
namespace {

using Clock = std::chrono::steady_clock;
using schema::Dialect;

std::string join(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : separator) + item;
  return text;
}

std::string file_of(const Migration& migration) {
  return migration.path.empty() ? "revision " + migration.revision : migration.path.string();
}

std::string elapsed_text(Clock::time_point since) {
  const double seconds = std::chrono::duration<double>(Clock::now() - since).count();
  char text[32];
  std::snprintf(text, sizeof text, "%.3f s", seconds);
  return text;
}

std::int64_t elapsed_ms(Clock::time_point since) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - since).count();
}

// One migration, rendered against the schema it applies to.
struct PreparedMigration {
  const Migration* migration = nullptr;
  bool upgrade = true;
  std::vector<schema::RenderedStep> steps;  // one per operation
  schema::Schema after;
  bool foreign_keys_off = false;
};

PreparedMigration prepare(const Migration& migration, bool upgrade, const schema::Schema& before, Dialect dialect) {
  PreparedMigration prepared;
  prepared.migration = &migration;
  prepared.upgrade = upgrade;
  prepared.after = before;
  const auto& operations = upgrade ? migration.upgrade : migration.downgrade;
  for (std::size_t i = 0; i < operations.size(); ++i) {
    try {
      prepared.steps.push_back(schema::render_operation(operations[i], prepared.after, dialect));
      schema::apply_to_schema(prepared.after, operations[i]);
    } catch (const MigrationFileError&) {
      throw;
    } catch (const std::exception& error) {
      throw MigrationFileError(file_of(migration), (upgrade ? "/upgrade/" : "/downgrade/") + std::to_string(i),
                               error.what());
    }
  }
  prepared.foreign_keys_off =
      dialect == Dialect::sqlite && std::any_of(prepared.steps.begin(), prepared.steps.end(),
                                                [](const auto& step) { return step.needs_foreign_keys_off; });
  return prepared;
}

std::optional<std::string> single_position(const DatabaseState& state, std::string_view spec) {
  const bool relative = !spec.empty() && (spec.front() == '+' || spec.front() == '-');
  if (state.heads.size() > 1 && relative)
    throw RevisionError("relative revision \"" + std::string(spec) + "\" is ambiguous: the database is at " +
                        std::to_string(state.heads.size()) + " revisions (" + join(state.heads) +
                        "); name the revision");
  if (state.heads.size() == 1) return state.heads.front();
  return std::nullopt;
}

// "+N" from a database at base counts from base, as Alembic does.
std::string anchored(std::string_view spec, const DatabaseState& state) {
  if (state.at_base() && !spec.empty() && spec.front() == '+') return "base" + std::string(spec);
  return std::string(spec);
}

// Applied revisions none of whose children is applied, in replay order.
std::vector<std::string> heads_of(const RevisionGraph& graph, const std::set<std::string>& applied) {
  std::vector<std::string> heads;
  for (const Migration* migration : graph.in_order()) {
    if (!applied.count(migration->revision)) continue;
    auto children = graph.children(migration->revision);
    if (std::none_of(children.begin(), children.end(), [&](const auto& child) { return applied.count(child) > 0; }))
      heads.push_back(migration->revision);
  }
  return heads;
}

std::string position_name(const std::optional<std::string>& revision) { return revision ? *revision : "base"; }

// Rows whose insertion order was not recorded (a PostgreSQL table from before applied_order)
// and that share an applied_at of whole seconds: in replay order, parents before children, as
// they must have been applied.
void order_unrecorded_ties(std::vector<AppliedRevision>& rows, const RevisionGraph& graph) {
  std::map<std::string, std::size_t> position;
  for (const Migration* migration : graph.in_order()) position.emplace(migration->revision, position.size());
  auto rank = [&](const AppliedRevision& row) {
    auto found = position.find(row.revision);
    return found == position.end() ? std::numeric_limits<std::size_t>::max() : found->second;
  };
  for (std::size_t begin = 0; begin < rows.size();) {
    std::size_t end = begin + 1;
    if (!rows[begin].insertion_order_known)
      while (end < rows.size() && !rows[end].insertion_order_known && rows[end].applied_at == rows[begin].applied_at)
        ++end;
    std::stable_sort(rows.begin() + static_cast<std::ptrdiff_t>(begin), rows.begin() + static_cast<std::ptrdiff_t>(end),
                     [&](const AppliedRevision& a, const AppliedRevision& b) { return rank(a) < rank(b); });
    begin = end;
  }
}

class Runner {
 public:
  Runner(db::Connection& connection, const RevisionGraph& graph, const ApplyOptions& options)
      : connection_(connection), graph_(graph), options_(options), lock_(connection, options.lock),
        versions_(connection) {
    lock_.begin_transaction();
    try {
      versions_.create_if_missing();
      upgrade_byte_checksums();
      connection_.commit();
    } catch (...) {
      connection_.rollback();
      throw;
    }
    state_ = read_database_state(connection_, graph_);
  }

  const DatabaseState& state() const { return state_; }
  MigrationLock& lock() { return lock_; }
  VersionTable& versions() { return versions_; }

  // Applies (upgrade) or undoes (downgrade) revisions until `target` is reached.
  std::vector<std::string> move_to(const std::optional<std::string>& target, bool upgrade) {
    done_.clear();
    for (bool replan = true; replan;) {
      replan = false;
      auto path = upgrade ? graph_.upgrade_path(state_.applied, target) : graph_.downgrade_path(state_.applied, target);
      // The whole plan first: every migration on the path is rendered against the schema it
      // applies to before the first statement runs, so a broken file (an operation that does
      // not fit, an identifier PostgreSQL would cut) stops the run with nothing applied rather
      // than after the revisions before it were committed.
      const std::vector<PreparedMigration> plan = prepare_path(path, upgrade);
      for (std::size_t i = 0; i < plan.size(); ++i) {
        const PreparedMigration& prepared = plan[i];
        if (!run(prepared, done_.size() + 1, done_.size() + plan.size() - i)) {
          replan = true;  // another runner moved the database: re-plan from what it holds now
          break;
        }
        done_.push_back(prepared.migration->revision);
        // What this runner knows the database holds, not a fresh read: another runner may
        // commit right after us, and the plan is only valid for our own state. The next
        // migration's transaction compares this with the table and re-plans if they differ.
        if (upgrade)
          state_.applied.insert(prepared.migration->revision);
        else
          state_.applied.erase(prepared.migration->revision);
        state_.heads = heads_of(graph_, state_.applied);
      }
    }
    state_ = read_database_state(connection_, graph_);
    return done_;
  }

 private:
  void say(const std::string& line) {
    if (options_.progress) *options_.progress << line << std::endl;  // flushed: a watcher sees it now
  }

  void foreign_keys(bool on) { connection_.execute(on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF"); }

  // Rows an older sqlmodel-migrate recorded with the checksum of the file's bytes, for files
  // that are still those bytes, get the content checksum: from then on an editor's whitespace
  // or a line-ending conversion of those files is not an edit either.
  void upgrade_byte_checksums() {
    const DatabaseState state = read_database_state(connection_, graph_);
    if (state.byte_checksums.empty()) return;
    std::vector<const Migration*> migrations;
    for (const auto& revision : state.byte_checksums) migrations.push_back(graph_.find(revision));
    versions_.upgrade_checksums(migrations);
    say("Recorded the content checksum of " + std::to_string(migrations.size()) +
        " revision(s) an older sqlmodel-migrate recorded by their bytes (" + join(state.byte_checksums) + ").");
  }

  std::vector<PreparedMigration> prepare_path(const std::vector<const Migration*>& path, bool upgrade) {
    std::vector<PreparedMigration> plan;
    if (path.empty()) return plan;
    schema::Schema schema = replay(graph_, state_.applied);
    for (const Migration* migration : path) {
      plan.push_back(prepare(*migration, upgrade, schema, connection_.dialect()));
      schema = plan.back().after;
    }
    return plan;
  }

  // Runs one prepared migration in its transaction. False when, once the lock was held, the
  // version table showed another runner had changed the database: nothing was run.
  bool run(const PreparedMigration& prepared, std::size_t number, std::size_t total) {
    const Migration& migration = *prepared.migration;
    if (prepared.foreign_keys_off) foreign_keys(false);
    try {
      lock_.begin_transaction();
    } catch (...) {
      if (prepared.foreign_keys_off) foreign_keys(true);
      throw;
    }
    const auto now_applied = revisions_of(versions_.read());
    if (now_applied != state_.applied) {
      connection_.rollback();
      if (prepared.foreign_keys_off) foreign_keys(true);
      state_ = read_database_state(connection_, graph_);
      refuse_changed_migrations(state_);
      say("Another runner changed the database meanwhile; it is now at " + describe_position(state_) +
          ". Re-planning.");
      return false;
    }

    say(std::string(prepared.upgrade ? "Upgrading" : "Downgrading") + " [" + std::to_string(number) + "/" +
        std::to_string(total) + "] " + migration.revision + " \"" + migration.message + "\" (" + file_of(migration) +
        ")");
    const auto started = Clock::now();
    const auto& operations = prepared.upgrade ? migration.upgrade : migration.downgrade;
    std::size_t committed_outside = 0;
    for (std::size_t i = 0; i < prepared.steps.size(); ++i) {
      const auto& step = prepared.steps[i];
      const std::string step_name = "step " + std::to_string(i + 1) + "/" + std::to_string(prepared.steps.size());
      if (options_.show_steps)
        say("  " + step_name + " +" + elapsed_text(started) + "  " + schema::describe(operations[i]) +
            (step.outside_transaction ? " (outside the transaction)" : ""));
      std::string statement;
      try {
        if (step.outside_transaction) {
          // Commit what came before: the statement refuses to run inside a transaction block.
          connection_.commit();
          for (const auto& text : step.statements) connection_.execute(statement = text);
          ++committed_outside;
          lock_.begin_transaction();
        } else {
          const auto triggers = triggers_of(step.rebuilt_tables);
          for (const auto& text : step.statements) connection_.execute(statement = text);
          for (const auto& text : triggers) connection_.execute(statement = text);
        }
      } catch (const DatabaseError& error) {
        fail(prepared, i, error.what(), error.statement().empty() ? statement : error.statement(), committed_outside);
      }
    }
    if (prepared.foreign_keys_off) check_foreign_keys(prepared);
    try {
      if (prepared.upgrade)
        versions_.record(migration, elapsed_ms(started));
      else
        versions_.remove(migration.revision);
      connection_.commit();
    } catch (const DatabaseError& error) {
      fail(prepared, prepared.steps.size(), error.what(), error.statement(), committed_outside);
    }
    if (prepared.foreign_keys_off) foreign_keys(true);
    say("  done in " + elapsed_text(started));
    return true;
  }

  // A SQLite rebuild drops the table and with it its triggers, which the schema model does not
  // hold: their CREATE statements are read before the step and run again after it.
  std::vector<std::string> triggers_of(const std::vector<std::string>& tables) {
    std::vector<std::string> statements;
    if (connection_.dialect() != Dialect::sqlite) return statements;
    for (const auto& table : tables) {
      auto rows = connection_.query(
          "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?1 AND sql IS NOT NULL ORDER BY name",
          {table});
      for (const auto& row : rows.rows) statements.push_back(*row[0]);
    }
    return statements;
  }

  void check_foreign_keys(const PreparedMigration& prepared) {
    auto violations = connection_.query("PRAGMA foreign_key_check");
    if (violations.rows.empty()) return;
    std::string rows;
    for (std::size_t i = 0; i < violations.rows.size() && i < 5; ++i) {
      const auto& row = violations.rows[i];
      rows += "\n  table " + row[0].value_or("?") + " rowid " + row[1].value_or("?") + " refers to a missing row of " +
              row[2].value_or("?");
    }
    if (violations.rows.size() > 5) rows += "\n  ... " + std::to_string(violations.rows.size() - 5) + " more";
    fail(prepared, prepared.steps.size(),
         "PRAGMA foreign_key_check found " + std::to_string(violations.rows.size()) +
             " row(s) whose foreign key no longer matches:" + rows,
         "PRAGMA foreign_key_check", 0);
  }

  [[noreturn]] void fail(const PreparedMigration& prepared, std::size_t step_index, const std::string& reason,
                         const std::string& statement, std::size_t committed_outside) {
    const Migration& migration = *prepared.migration;
    const auto& operations = prepared.upgrade ? migration.upgrade : migration.downgrade;
    try {
      connection_.rollback();
    } catch (const DatabaseError&) {
      // A failed COMMIT has already ended the transaction.
    }
    if (prepared.foreign_keys_off) {
      try {
        foreign_keys(true);
      } catch (const DatabaseError&) {
      }
    }
    std::string where = step_index < operations.size()
                            ? "step " + std::to_string(step_index + 1) + "/" + std::to_string(operations.size()) +
                                  " (" + schema::describe(operations[step_index]) + ")"
                            : "commit";
    std::string message = std::string(prepared.upgrade ? "upgrade" : "downgrade") + " of revision " +
                          migration.revision + " (" + file_of(migration) + ") failed at " + where + ":\n  " + reason;
    if (!statement.empty() && reason.find(statement) == std::string::npos) message += "\n  statement: " + statement;
    message += "\nThe migration was rolled back; the database stays at " + describe_position(state_) + ".";
    if (!done_.empty()) {
      std::string applied;
      for (const auto& revision : done_) applied += (applied.empty() ? "" : ", ") + revision;
      message += std::string(" This run ") + (prepared.upgrade ? "applied" : "undid") + " " +
                 std::to_string(done_.size()) + " revision(s) before it, committed each in its own transaction: " +
                 applied + ".";
    } else {
      message += " This run changed nothing before it.";
    }
    if (committed_outside > 0)
      message += " Warning: " + std::to_string(committed_outside) +
                 " step(s) of this migration ran outside the transaction and were NOT rolled back.";
    throw MigrationFailed(message, statement, migration.revision);
  }

  db::Connection& connection_;
  const RevisionGraph& graph_;
  const ApplyOptions& options_;
  MigrationLock lock_;
  VersionTable versions_;
  DatabaseState state_;
  std::vector<std::string> done_;  // revisions this run applied (upgrade) or undid (downgrade)
};

}  // namespace

DatabaseState read_database_state(db::Connection& connection, const RevisionGraph& graph) {
  DatabaseState state;
  state.rows = VersionTable(connection).read();
  order_unrecorded_ties(state.rows, graph);
  for (const auto& row : state.rows) {
    state.applied.insert(row.revision);
    const Migration* migration = graph.find(row.revision);
    if (!migration) {
      state.unknown.push_back(row.revision);
      continue;
    }
    switch (match_checksum(*migration, row.checksum)) {
      case ChecksumMatch::content:
        break;
      case ChecksumMatch::file_bytes:
        state.byte_checksums.push_back(row.revision);
        break;
      case ChecksumMatch::differs:
        state.edited.push_back({row.revision, migration->path, row.checksum, migration_checksum(*migration)});
        break;
    }
  }
  state.heads = heads_of(graph, state.applied);
  // Unknown revisions are positions too: the database is somewhere these files do not reach.
  for (const auto& unknown : state.unknown) state.heads.push_back(unknown);
  return state;
}

std::string describe_position(const DatabaseState& state) {
  return state.heads.empty() ? "base" : join(state.heads);
}

std::string describe_edited(const EditedMigration& edited) {
  return (edited.path.empty() ? "revision " + edited.revision : edited.path.string()) + " (revision " +
         edited.revision + ") was edited after it was applied: the database recorded SHA-256 " +
         edited.recorded_checksum.substr(0, 12) + "..., the file now has " + edited.file_checksum.substr(0, 12) +
         "...";
}

void refuse_changed_migrations(const DatabaseState& state) {
  if (state.edited.empty() && state.unknown.empty()) return;
  std::string message;
  for (const auto& edited : state.edited) message += (message.empty() ? "" : "\n") + describe_edited(edited);
  for (const auto& unknown : state.unknown)
    message += std::string(message.empty() ? "" : "\n") + "revision " + unknown +
               " is applied to the database but no migration file has it (deleted, or a branch not checked out)";
  message += "\nRefusing to run: restore the applied file(s) and put any new change in a new revision";
  if (!state.unknown.empty()) message += ", or `stamp` the revision the database really is at";
  throw AppliedMigrationChanged(message);
}

ApplyResult upgrade(db::Connection& connection, const RevisionGraph& graph, std::string_view target,
                    const ApplyOptions& options) {
  Runner runner(connection, graph, options);
  refuse_changed_migrations(runner.state());
  const auto resolved = graph.resolve(anchored(target, runner.state()), single_position(runner.state(), target));
  const auto before = runner.state();
  auto say = [&](const std::string& line) {
    if (options.progress) *options.progress << line << std::endl;
  };
  if (graph.upgrade_path(before.applied, resolved).empty()) {
    say("Nothing to upgrade: the database is at " + describe_position(before) + ", which includes " +
        position_name(resolved) + ".");
    return {{}, before};
  }
  say("Upgrading " + options.lock.database_name + " from " + describe_position(before) + " to " +
      position_name(resolved));
  ApplyResult result;
  result.revisions = runner.move_to(resolved, true);
  result.final_state = runner.state();
  say("Upgraded: applied " + std::to_string(result.revisions.size()) + " revision(s); the database is at " +
      describe_position(result.final_state) + ".");
  return result;
}

ApplyResult downgrade(db::Connection& connection, const RevisionGraph& graph, std::string_view target,
                      const ApplyOptions& options) {
  Runner runner(connection, graph, options);
  refuse_changed_migrations(runner.state());
  const auto before = runner.state();
  const auto resolved = graph.resolve(target, single_position(before, target));
  if (resolved && !before.applied.count(*resolved))
    throw RevisionError("cannot downgrade to " + *resolved + ": it is not applied (the database is at " +
                        describe_position(before) + "); use upgrade to go forward");
  auto say = [&](const std::string& line) {
    if (options.progress) *options.progress << line << std::endl;
  };
  if (graph.downgrade_path(before.applied, resolved).empty()) {
    say("Nothing to downgrade: the database is at " + describe_position(before) + ".");
    return {{}, before};
  }
  say("Downgrading " + options.lock.database_name + " from " + describe_position(before) + " to " +
      position_name(resolved));
  ApplyResult result;
  result.revisions = runner.move_to(resolved, false);
  result.final_state = runner.state();
  say("Downgraded: undid " + std::to_string(result.revisions.size()) + " revision(s); the database is at " +
      describe_position(result.final_state) + ".");
  return result;
}

StampResult stamp(db::Connection& connection, const RevisionGraph& graph, std::string_view target,
                  const ApplyOptions& options, const std::vector<std::string>& accept_edited) {
  Runner runner(connection, graph, options);
  const auto resolved = graph.resolve(anchored(target, runner.state()), single_position(runner.state(), target));
  const auto wanted = graph.ancestors(resolved);
  StampResult result;
  for (const auto& spec : accept_edited) {
    const auto revision = graph.resolve(spec, std::nullopt);
    auto edited = std::find_if(runner.state().edited.begin(), runner.state().edited.end(),
                               [&](const EditedMigration& e) { return revision && e.revision == *revision; });
    if (edited == runner.state().edited.end())
      throw RevisionError("--accept-edited " + spec + ": " + position_name(revision) +
                          " is not an applied revision whose file was edited; nothing to accept");
    if (!wanted.count(edited->revision))
      throw RevisionError("--accept-edited " + spec + ": revision " + edited->revision +
                          " is not at or below " + position_name(resolved) + ", where this stamp puts the database");
    result.accepted.push_back(*edited);
  }
  runner.lock().begin_transaction();
  try {
    const auto now = revisions_of(runner.versions().read());
    for (const auto& revision : now)
      if (!wanted.count(revision)) {
        runner.versions().remove(revision);
        result.removed.push_back(revision);
      }
    for (const Migration* migration : graph.in_order())
      if (wanted.count(migration->revision) && !now.count(migration->revision)) {
        runner.versions().record(*migration, 0);
        result.recorded.push_back(migration->revision);
      }
    std::vector<const Migration*> accepted;
    for (const auto& edited : result.accepted) accepted.push_back(graph.find(edited.revision));
    runner.versions().upgrade_checksums(accepted);
    connection.commit();
  } catch (...) {
    connection.rollback();
    throw;
  }
  result.final_state = read_database_state(connection, graph);
  return result;
}

}  // namespace sqlmodel::migrate
