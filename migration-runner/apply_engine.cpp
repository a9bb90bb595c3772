#include "apply_engine.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>
#include <map>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "replay.hpp"
#include "schema/operations_json.hpp"
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

// The steps of a migration in the order they run, grouped by how they commit: consecutive steps
// that run inside a transaction share one; a step that runs outside any transaction, one that
// needs a transaction of its own, and a backfill are units by themselves.
struct Unit {
  enum class Kind { transaction, autocommit, backfill } kind = Kind::transaction;
  std::size_t first = 0, last = 0;  // steps [first, last)
};

std::vector<Unit> units_of(const std::vector<schema::RenderedStep>& steps, std::size_t start) {
  std::vector<Unit> units;
  for (std::size_t i = start; i < steps.size(); ++i) {
    const auto& step = steps[i];
    Unit::Kind kind = step.backfill              ? Unit::Kind::backfill
                      : step.outside_transaction ? Unit::Kind::autocommit
                                                 : Unit::Kind::transaction;
    const bool alone = kind != Unit::Kind::transaction || step.own_transaction;
    const bool joins = !alone && !units.empty() && units.back().kind == Unit::Kind::transaction &&
                       !steps[units.back().first].own_transaction;
    if (joins)
      units.back().last = i + 1;
    else
      units.push_back({kind, i, i + 1});
  }
  return units;
}

// SQLSTATEs after which a unit is rolled back and tried again: lock_not_available (lock_timeout
// expired) and deadlock_detected.
bool lock_not_granted(const DatabaseError& error) {
  return error.sqlstate() == "55P03" || error.sqlstate() == "40P01";
}

std::string seconds_text(std::chrono::milliseconds duration) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(duration.count()) / 1000.0);
  return text;
}

// The last key of a backfill batch as it is recorded: a JSON array of the key's values as text.
std::string position_text(const db::Row& key) {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& value : key) array.push_back(value ? nlohmann::json(*value) : nlohmann::json());
  return array.dump();
}

std::optional<db::Row> position_from_text(const std::optional<std::string>& text, std::size_t key_columns) {
  if (!text) return std::nullopt;
  nlohmann::json array;
  try {
    array = nlohmann::json::parse(*text);
  } catch (const nlohmann::json::parse_error&) {
    array = nullptr;
  }
  if (!array.is_array() || array.size() != key_columns)
    throw DatabaseError(std::string(progress_table_name) + ".position holds '" + *text +
                            "', not the last key of a backfill batch (" + std::to_string(key_columns) + " value(s))");
  db::Row key;
  for (const auto& value : array) key.push_back(value.is_string() ? db::Value(value.get<std::string>()) : std::nullopt);
  return key;
}

class Runner {
 public:
  Runner(db::Connection& connection, const RevisionGraph& graph, const ApplyOptions& options)
      : connection_(connection), graph_(graph), options_(options), lock_(connection, options.lock),
        versions_(connection), progress_(connection) {
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
  ProgressTable& progress() { return progress_; }
  const std::optional<std::string>& stopped_before() const { return stopped_before_; }

  // Applies (upgrade) or undoes (downgrade) revisions until `target` is reached.
  std::vector<std::string> move_to(const std::optional<std::string>& target, bool upgrade) {
    done_.clear();
    for (bool replan = true; replan;) {
      replan = false;
      auto path = upgrade ? graph_.upgrade_path(state_.applied, target) : graph_.downgrade_path(state_.applied, target);
      if (path.empty()) break;
      refuse_other_partial_revisions(*path.front(), upgrade);
      // upgrade --to-phase expand: the run ends before the first contract revision.
      if (upgrade && options_.stop_before_contract) {
        auto contract = std::find_if(path.begin(), path.end(), [](const Migration* migration) {
          return migration->phase == MigrationPhase::contract;
        });
        if (contract != path.end()) {
          stopped_before_ = (*contract)->revision;
          path.erase(contract, path.end());
        }
      }
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
        std::erase_if(state_.partial,
                      [&](const RevisionProgress& row) { return row.revision == prepared.migration->revision; });
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

  // A revision left part-way must be finished (in its own direction) before anything else moves.
  void refuse_other_partial_revisions(const Migration& next, bool upgrade) {
    for (const auto& row : state_.partial) {
      if (row.revision == next.revision && row.upgrade == upgrade) continue;
      const Migration* migration = graph_.find(row.revision);
      const std::string direction = row.upgrade ? "upgrade" : "downgrade";
      throw RevisionError("revision " + row.revision + (migration ? " (" + file_of(*migration) + ")" : "") +
                          " stopped part-way through its " + direction + " (" + std::to_string(row.steps_done) +
                          " step(s) done, recorded " + row.updated_at + "): run `" + direction + "`" +
                          (row.upgrade ? " to it" : " below it") + " to finish that first");
    }
  }

  // The schema operations of `migration` in the direction being run.
  static const std::vector<schema::Operation>& operations_of(const PreparedMigration& prepared) {
    return prepared.upgrade ? prepared.migration->upgrade : prepared.migration->downgrade;
  }

  // The lock_timeout and retries for this migration's statements (PostgreSQL only).
  struct LockPolicy {
    std::optional<std::int64_t> timeout_ms;
    int retries = 0;
  };
  LockPolicy lock_policy(const Migration& migration) const {
    LockPolicy policy;
    if (connection_.dialect() != Dialect::postgresql) return policy;
    policy.timeout_ms = migration.lock_timeout_ms ? migration.lock_timeout_ms : options_.lock_retry.lock_timeout_ms;
    policy.retries = migration.lock_retries.value_or(options_.lock_retry.retries);
    return policy;
  }

  std::string lock_timeout_literal(const LockPolicy& policy) const {
    return schema::quote_literal(std::to_string(*policy.timeout_ms) + "ms");
  }

  // After a lock was not granted: says so, waits, and returns true while retries are left.
  bool wait_to_retry(const LockPolicy& policy, int& attempt, const std::string& what, const DatabaseError& error) {
    if (attempt >= policy.retries) return false;
    ++attempt;
    auto delay = options_.lock_retry.first_delay * (1LL << std::min(attempt - 1, 16));
    delay = std::min<std::chrono::milliseconds>(delay, options_.lock_retry.max_delay);
    // Up to a quarter more, so two runners that collided do not retry in step.
    std::uniform_int_distribution<long long> jitter(0, delay.count() / 4);
    delay += std::chrono::milliseconds(jitter(random_));
    const std::string reason = error.sqlstate() == "40P01"
                                   ? "deadlock"
                                   : "lock not granted within " + (policy.timeout_ms ? schema::format_duration_ms(*policy.timeout_ms) : std::string("the lock timeout"));
    say("  " + reason + " (" + what + "); retry " + std::to_string(attempt) + "/" + std::to_string(policy.retries) +
        " in " + seconds_text(delay));
    std::this_thread::sleep_for(delay);
    return true;
  }

  void rollback_quietly() {
    try {
      connection_.rollback();
    } catch (const DatabaseError&) {
      // A failed COMMIT has already ended the transaction.
    }
  }

  // State of one migration's run.
  struct Run {
    const PreparedMigration* prepared = nullptr;
    LockPolicy policy;
    std::size_t start = 0;            // the first step this run executes (resuming: after the done ones)
    std::optional<db::Row> position;  // resuming a backfill: the last key done
    bool tracked = false;             // progress rows are (or were) written for this migration
    std::size_t recorded_steps = 0;   // what the progress row says is done
    Clock::time_point started;
    bool in_transaction = false;
  };

  // Runs one prepared migration. False when, once the lock was held, the version table showed
  // another runner had changed the database: nothing was run.
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

    Run run;
    run.prepared = &prepared;
    run.policy = lock_policy(migration);
    run.in_transaction = true;
    say(std::string(prepared.upgrade ? "Upgrading" : "Downgrading") + " [" + std::to_string(number) + "/" +
        std::to_string(total) + "] " + migration.revision + " \"" + migration.message + "\" (" + file_of(migration) +
        ")" + (migration.phase ? " [" + std::string(to_string(*migration.phase)) + "]" : ""));
    resume_from_progress(run);
    run.started = Clock::now();
    const auto units = units_of(prepared.steps, run.start);
    run.tracked = run.tracked || units.size() > 1 || (!units.empty() && units.front().kind != Unit::Kind::transaction);
    for (std::size_t u = 0; u < units.size(); ++u) {
      const bool last = u + 1 == units.size();
      switch (units[u].kind) {
        case Unit::Kind::transaction: run_transaction_unit(run, units[u], last); break;
        case Unit::Kind::autocommit: run_autocommit_unit(run, units[u]); break;
        case Unit::Kind::backfill: run_backfill_unit(run, units[u]); break;
      }
    }
    // The last unit ran outside a transaction (or there were no steps left): a transaction of
    // its own records the revision. A last transaction unit, or a backfill's last batch, did.
    if (units.empty() || units.back().kind == Unit::Kind::autocommit) finish_in_own_transaction(run);
    if (prepared.foreign_keys_off) foreign_keys(true);
    say("  done in " + elapsed_text(run.started));
    return true;
  }

  // An earlier run of this revision that stopped part-way: start after what it did.
  void resume_from_progress(Run& run) {
    const PreparedMigration& prepared = *run.prepared;
    const Migration& migration = *prepared.migration;
    auto found = std::find_if(state_.partial.begin(), state_.partial.end(),
                              [&](const RevisionProgress& row) { return row.revision == migration.revision; });
    if (found == state_.partial.end()) return;
    const std::size_t steps = operations_of(prepared).size();
    if (found->upgrade != prepared.upgrade || found->steps_done > steps ||
        steps_checksum(migration, prepared.upgrade, found->steps_done) != found->done_checksum) {
      rollback_quietly();
      if (prepared.foreign_keys_off) foreign_keys(true);
      throw AppliedMigrationChanged(
          file_of(migration) + " (revision " + migration.revision + ") stopped part-way through its " +
          (found->upgrade ? "upgrade" : "downgrade") + " after " + std::to_string(found->steps_done) +
          " step(s), and those steps are no longer the same in the file: the database holds what the old steps "
          "did. Restore the file as it was to resume, or undo those steps by hand and clear the record with `stamp`");
    }
    run.start = found->steps_done;
    run.tracked = true;
    run.recorded_steps = found->steps_done;
    if (run.start < prepared.steps.size() && prepared.steps[run.start].backfill)
      run.position = position_from_text(found->position, prepared.steps[run.start].backfill->key_columns.size());
    say("  resuming at step " + std::to_string(run.start + 1) + "/" + std::to_string(steps) +
        ": an earlier run did the steps before it (recorded " + found->updated_at + ")" +
        (run.position ? ", and its backfill up to key " + *found->position : ""));
  }

  void say_step(const Run& run, std::size_t index) {
    if (!options_.show_steps) return;
    const auto& step = run.prepared->steps[index];
    const auto& operations = operations_of(*run.prepared);
    say("  step " + std::to_string(index + 1) + "/" + std::to_string(run.prepared->steps.size()) + " +" +
        elapsed_text(run.started) + "  " + schema::describe(operations[index]) +
        (step.outside_transaction ? " (outside the transaction)"
         : step.own_transaction   ? " (in a transaction of its own)"
                                  : ""));
  }

  // `statement` names what failed if the COMMIT does.
  void commit_unit(Run& run, std::string& statement) {
    statement = "COMMIT";
    run.in_transaction = false;
    connection_.commit();
  }

  void roll_back_unit(Run& run) {
    if (run.in_transaction) rollback_quietly();
    run.in_transaction = false;
  }

  void begin_unit_transaction(Run& run) {
    if (!run.in_transaction) lock_.begin_transaction();
    run.in_transaction = true;
    if (run.policy.timeout_ms) connection_.execute("SET LOCAL lock_timeout = " + lock_timeout_literal(run.policy));
  }

  void record_progress(const Run& run, std::size_t steps_done, const std::optional<std::string>& position) {
    const Migration& migration = *run.prepared->migration;
    RevisionProgress row;
    row.revision = migration.revision;
    row.upgrade = run.prepared->upgrade;
    row.steps_done = steps_done;
    row.done_checksum = steps_checksum(migration, run.prepared->upgrade, steps_done);
    row.position = position;
    progress_.save(row);
  }

  // Inside the open transaction: the version row, and the progress row gone.
  void record_finished(Run& run) {
    const Migration& migration = *run.prepared->migration;
    if (run.prepared->upgrade)
      versions_.record(migration, elapsed_ms(run.started));
    else
      versions_.remove(migration.revision);
    if (run.tracked) progress_.remove(migration.revision);
  }

  void run_transaction_unit(Run& run, const Unit& unit, bool last) {
    const PreparedMigration& prepared = *run.prepared;
    const bool checks_foreign_keys =
        prepared.foreign_keys_off && std::any_of(prepared.steps.begin() + static_cast<std::ptrdiff_t>(unit.first),
                                                 prepared.steps.begin() + static_cast<std::ptrdiff_t>(unit.last),
                                                 [](const auto& step) { return step.needs_foreign_keys_off; });
    for (int attempt = 0;;) {
      std::size_t index = unit.first;
      std::string statement;
      try {
        begin_unit_transaction(run);
        for (; index < unit.last; ++index) {
          const auto& step = prepared.steps[index];
          if (attempt == 0) say_step(run, index);
          const auto triggers = triggers_of(step.rebuilt_tables);
          for (const auto& text : step.statements) connection_.execute(statement = text);
          for (const auto& text : triggers) connection_.execute(statement = text);
        }
        if (checks_foreign_keys) check_foreign_keys(run);
        if (last)
          record_finished(run);
        else if (run.tracked)
          record_progress(run, unit.last, std::nullopt);
        commit_unit(run, statement);
        if (!last && run.tracked) run.recorded_steps = unit.last;
        return;
      } catch (const MigrationFailed&) {
        throw;
      } catch (const DatabaseError& error) {
        roll_back_unit(run);
        if (lock_not_granted(error) &&
            wait_to_retry(run.policy, attempt, "step " + std::to_string(index + 1) + ", " +
                                                   schema::describe(operations_of(prepared)[std::min(index, unit.last - 1)]),
                          error))
          continue;
        fail(run, std::min(index, prepared.steps.size()), error.what(),
             error.statement().empty() ? statement : error.statement());
      }
    }
  }

  // A statement that cannot run in a transaction block (CREATE INDEX CONCURRENTLY, ADD VALUE):
  // whatever transaction is open (the version-table check) commits first.
  void run_autocommit_unit(Run& run, const Unit& unit) {
    const PreparedMigration& prepared = *run.prepared;
    const auto& step = prepared.steps[unit.first];
    say_step(run, unit.first);
    for (int attempt = 0;;) {
      std::string statement;
      try {
        if (run.in_transaction) {
          commit_unit(run, statement);
        }
        if (run.policy.timeout_ms) connection_.execute(statement = "SET lock_timeout = " + lock_timeout_literal(run.policy));
        if (!step.builds_index || !index_already_built(*step.builds_index))
          for (const auto& text : step.statements) connection_.execute(statement = text);
        if (run.policy.timeout_ms) connection_.execute(statement = "RESET lock_timeout");
        return;
      } catch (const MigrationFailed&) {
        throw;
      } catch (const DatabaseError& error) {
        if (run.policy.timeout_ms) {
          try {
            connection_.execute("RESET lock_timeout");
          } catch (const DatabaseError&) {
          }
        }
        if (lock_not_granted(error) &&
            wait_to_retry(run.policy, attempt,
                          "step " + std::to_string(unit.first + 1) + ", " +
                              schema::describe(operations_of(prepared)[unit.first]),
                          error))
          continue;
        fail(run, unit.first, error.what(), error.statement().empty() ? statement : error.statement());
      }
    }
  }

  // Before a CREATE INDEX CONCURRENTLY: an index of that name left INVALID by a build that failed
  // or was killed is dropped; a valid one was built by an earlier run whose record was cut short.
  bool index_already_built(const std::string& index) {
    auto found = connection_.query(
        "SELECT i.indisvalid FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid "
        "WHERE c.relname = $1 AND c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = "
        "current_schema())",
        {index});
    if (found.rows.empty()) return false;
    if (found.rows[0][0] == std::optional<std::string>("t")) {
      say("    index " + index + " is already built and valid (an earlier run built it); kept");
      return true;
    }
    say("    dropping the invalid index " + index + " a failed or interrupted build left, before building it again");
    connection_.execute("DROP INDEX CONCURRENTLY IF EXISTS " + schema::quote_identifier(Dialect::postgresql, index));
    return false;
  }

  // A backfill: one transaction per batch, each recording the batch's last key with it. A batch
  // holds the locks of the rows it updates until it commits, so a writer touching one of them
  // waits for the whole batch: a batch that took longer than ApplyOptions::backfill_batch_time
  // makes the next one smaller in proportion (at least halved, down to one row), one that took
  // under a quarter of it doubles the next (up to the step's batch_size). The longest wait then
  // follows that time, not the table's size or the server's load.
  void run_backfill_unit(Run& run, const Unit& unit) {
    const PreparedMigration& prepared = *run.prepared;
    const schema::BackfillStatements& backfill = *prepared.steps[unit.first].backfill;
    say_step(run, unit.first);
    if (run.in_transaction) {
      run.in_transaction = false;
      try {
        connection_.commit();
      } catch (const DatabaseError& error) {
        fail(run, unit.first, error.what(), "COMMIT");
      }
    }
    run.tracked = true;
    std::optional<db::Row> last = unit.first == run.start ? run.position : std::nullopt;
    std::int64_t rows = 0, batches = 0, estimate = -1;
    try {
      auto estimated = connection_.query(backfill.estimate_rows);
      if (!estimated.rows.empty() && estimated.rows[0][0]) estimate = std::stoll(*estimated.rows[0][0]);
    } catch (const std::exception&) {
      // Only for the progress lines.
    }
    const auto began = Clock::now();
    auto reported = began;
    std::size_t size = std::max<std::size_t>(backfill.batch_size, 1);
    const auto target = options_.backfill_batch_time;
    for (bool finished = false; !finished;) {
      for (int attempt = 0;;) {
        std::string statement;
        const auto batch_began = Clock::now();
        try {
          begin_unit_transaction(run);
          db::Row bound_params = last ? *last : db::Row{};
          bound_params.push_back(std::to_string(size - 1));
          auto bound_rows = connection_.query(statement = last ? backfill.next_bound : backfill.first_bound,
                                              bound_params);
          std::optional<db::Row> bound;
          if (!bound_rows.rows.empty()) bound = bound_rows.rows.front();
          std::vector<db::Value> params;
          if (last) params = *last;
          if (bound) params.insert(params.end(), bound->begin(), bound->end());
          statement = bound ? (last ? backfill.update_next : backfill.update_first)
                            : (last ? backfill.update_rest : backfill.update_all);
          std::int64_t changed = 0;
          if (backfill.count_changes.empty()) {
            auto counted = connection_.query(statement, params);
            if (!counted.rows.empty() && counted.rows[0][0]) changed = std::stoll(*counted.rows[0][0]);
          } else {
            connection_.query(statement, params);
            auto counted = connection_.query(statement = backfill.count_changes);
            if (!counted.rows.empty() && counted.rows[0][0]) changed = std::stoll(*counted.rows[0][0]);
          }
          if (bound)
            record_progress(run, unit.first, position_text(*bound));
          else if (unit.last < prepared.steps.size())
            record_progress(run, unit.last, std::nullopt);
          else
            record_finished(run);
          commit_unit(run, statement);
          rows += changed;
          ++batches;
          if (bound)
            last = bound;
          else
            finished = true;
          if (target.count() > 0) {
            const auto took = Clock::now() - batch_began;
            if (took > target && size > 1) {
              const double fits = static_cast<double>(size) * std::chrono::duration<double>(target).count() /
                                  std::chrono::duration<double>(took).count();
              size = std::max<std::size_t>(1, std::min(size / 2, static_cast<std::size_t>(fits)));
            } else if (took * 4 < target && size < backfill.batch_size) {
              size = std::min(size * 2, backfill.batch_size);
            }
          }
          break;
        } catch (const MigrationFailed&) {
          throw;
        } catch (const DatabaseError& error) {
          roll_back_unit(run);
          if (lock_not_granted(error) &&
              wait_to_retry(run.policy, attempt, "a batch of step " + std::to_string(unit.first + 1), error))
            continue;
          fail(run, unit.first, error.what(), error.statement().empty() ? statement : error.statement());
        }
      }
      const auto now = Clock::now();
      if (finished || now - reported >= std::chrono::seconds(2)) {
        reported = now;
        say("    " + backfill.table + ": " + std::to_string(rows) + " row(s) updated" +
            (estimate >= 0 ? " of about " + std::to_string(estimate) : "") + " in " + std::to_string(batches) +
            " batch(es), " + elapsed_text(began) + (finished ? ", done" : ""));
      }
      if (!finished && backfill.pause_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(backfill.pause_ms));
    }
  }

  void finish_in_own_transaction(Run& run) {
    std::string statement;
    try {
      if (!run.in_transaction) lock_.begin_transaction();
      run.in_transaction = true;
      if (run.prepared->foreign_keys_off) check_foreign_keys(run);
      record_finished(run);
      commit_unit(run, statement);
    } catch (const MigrationFailed&) {
      throw;
    } catch (const DatabaseError& error) {
      roll_back_unit(run);
      fail(run, run.prepared->steps.size(), error.what(), error.statement().empty() ? statement : error.statement());
    }
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

  void check_foreign_keys(Run& run) {
    auto violations = connection_.query("PRAGMA foreign_key_check");
    if (violations.rows.empty()) return;
    std::string rows;
    for (std::size_t i = 0; i < violations.rows.size() && i < 5; ++i) {
      const auto& row = violations.rows[i];
      rows += "\n  table " + row[0].value_or("?") + " rowid " + row[1].value_or("?") + " refers to a missing row of " +
              row[2].value_or("?");
    }
    if (violations.rows.size() > 5) rows += "\n  ... " + std::to_string(violations.rows.size() - 5) + " more";
    rollback_quietly();
    run.in_transaction = false;
    fail(run, run.prepared->steps.size(),
         "PRAGMA foreign_key_check found " + std::to_string(violations.rows.size()) +
             " row(s) whose foreign key no longer matches:" + rows,
         "PRAGMA foreign_key_check");
  }

  // The failing unit has been rolled back (or ran outside a transaction).
  [[noreturn]] void fail(Run& run, std::size_t step_index, const std::string& reason, const std::string& statement) {
    const PreparedMigration& prepared = *run.prepared;
    const Migration& migration = *prepared.migration;
    const auto& operations = operations_of(prepared);
    roll_back_unit(run);
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
    const std::string direction = prepared.upgrade ? "upgrade" : "downgrade";
    if (run.recorded_steps > 0 || (run.tracked && step_index < prepared.steps.size() && prepared.steps[step_index].backfill)) {
      message += "\nSteps 1-" + std::to_string(run.recorded_steps) + " of this revision are committed and recorded";
      if (step_index < prepared.steps.size() && prepared.steps[step_index].backfill)
        message += " (and the batches of its backfill that finished)";
      message += "; the database stays at " + describe_position(state_) + ", and the next `" + direction +
                 "` resumes this revision where it stopped. The steps not done yet may be fixed in the file.";
    } else {
      message += "\nThe migration was rolled back; the database stays at " + describe_position(state_) + ".";
      const bool ran_outside = std::any_of(prepared.steps.begin() + static_cast<std::ptrdiff_t>(run.start),
                                           prepared.steps.begin() + static_cast<std::ptrdiff_t>(std::min(step_index, prepared.steps.size())),
                                           [](const auto& step) { return step.outside_transaction; });
      if (ran_outside)
        message += " The steps before it that ran outside the transaction are kept; they are safe to run again.";
    }
    if (!done_.empty()) {
      std::string applied;
      for (const auto& revision : done_) applied += (applied.empty() ? "" : ", ") + revision;
      message += std::string(" This run ") + (prepared.upgrade ? "applied" : "undid") + " " +
                 std::to_string(done_.size()) + " revision(s) before it, committed each in its own transaction: " +
                 applied + ".";
    } else {
      message += " This run changed nothing before it.";
    }
    throw MigrationFailed(message, statement, migration.revision);
  }

  db::Connection& connection_;
  const RevisionGraph& graph_;
  const ApplyOptions& options_;
  MigrationLock lock_;
  VersionTable versions_;
  ProgressTable progress_;
  DatabaseState state_;
  std::vector<std::string> done_;  // revisions this run applied (upgrade) or undid (downgrade)
  std::optional<std::string> stopped_before_;
  std::mt19937 random_{std::random_device{}()};
};

}  // namespace

DatabaseState read_database_state(db::Connection& connection, const RevisionGraph& graph) {
  DatabaseState state;
  state.rows = VersionTable(connection).read();
  order_unrecorded_ties(state.rows, graph);
  state.partial = ProgressTable(connection).read();
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

std::optional<PhaseStatus> database_phase(const RevisionGraph& graph, const DatabaseState& state) {
  PhaseStatus status;
  for (const Migration* migration : graph.in_order()) {
    if (migration->phase != MigrationPhase::contract || state.applied.count(migration->revision)) continue;
    // Its expand revision: the nearest ancestor marked expand.
    auto ancestors = graph.ancestors(migration->revision);
    bool expanded = false;
    for (const Migration* candidate : graph.in_order())
      if (ancestors.count(candidate->revision) && candidate->phase == MigrationPhase::expand)
        expanded = state.applied.count(candidate->revision) > 0;
    if (expanded) status.pending_contracts.push_back(migration);
  }
  if (!status.pending_contracts.empty()) return status;
  for (const auto& head : state.heads)
    if (const Migration* migration = graph.find(head); migration && migration->phase == MigrationPhase::contract) {
      status.phase = MigrationPhase::contract;
      return status;
    }
  return std::nullopt;
}

std::vector<std::string> describe_partial(const RevisionGraph& graph, const DatabaseState& state) {
  std::vector<std::string> lines;
  for (const auto& row : state.partial) {
    const Migration* migration = graph.find(row.revision);
    const std::size_t total = migration ? (row.upgrade ? migration->upgrade : migration->downgrade).size() : 0;
    lines.push_back("revision " + row.revision + (migration ? " \"" + migration->message + "\"" : "") +
                    " stopped part-way through its " + (row.upgrade ? "upgrade" : "downgrade") + ": " +
                    std::to_string(row.steps_done) + (migration ? "/" + std::to_string(total) : "") +
                    " step(s) done" + (row.position ? ", its backfill up to key " + *row.position : "") +
                    " (recorded " + row.updated_at + "); the next `" + (row.upgrade ? "upgrade" : "downgrade") +
                    "` resumes it");
  }
  return lines;
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
    return {{}, before, std::nullopt};
  }
  say("Upgrading " + options.lock.database_name + " from " + describe_position(before) + " to " +
      position_name(resolved));
  ApplyResult result;
  result.revisions = runner.move_to(resolved, true);
  result.final_state = runner.state();
  result.stopped_before = runner.stopped_before();
  say("Upgraded: applied " + std::to_string(result.revisions.size()) + " revision(s); the database is at " +
      describe_position(result.final_state) + ".");
  if (result.stopped_before)
    say("Stopped before " + *result.stopped_before + " \"" + graph.at(*result.stopped_before).message +
        "\", a contract revision: roll out the application version that no longer needs what it removes, then "
        "run upgrade again.");
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
    return {{}, before, std::nullopt};
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
    // A revision an earlier run left part-way is now either recorded or not: either way the
    // record of its progress no longer applies.
    for (const auto& partial : runner.state().partial) runner.progress().remove(partial.revision);
    connection.commit();
  } catch (...) {
    connection.rollback();
    throw;
  }
  result.final_state = read_database_state(connection, graph);
  return result;
}

}  // namespace sqlmodel::migrate
