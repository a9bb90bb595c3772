// test: the migrations exercised on a scratch database: upgrade to head, downgrade to base,
// upgrade again, then the schema must be exactly what the models' snapshot says.
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>

#include "apply_options.hpp"
#include "context.hpp"
#include "live_schema/database_comparison.hpp"
#include "exit_codes.hpp"
#include "replay.hpp"
#include "live_schema/introspect.hpp"
#include "verb.hpp"

namespace sqlmodel::migrate::cli {
namespace {

struct TestOptions {
  std::optional<std::string> scratch_url;
  bool keep = false;
  bool verbose = false;
  DatabaseOptions database;
};

std::string random_suffix() {
  std::random_device random;
  std::uniform_int_distribution<int> digit(0, 15);
  std::string suffix;
  for (int i = 0; i < 10; ++i) suffix += "0123456789abcdef"[digit(random)];
  return suffix;
}

// A database that exists for this run only: a temporary SQLite file, or a fresh schema in the
// PostgreSQL database the URL names (dropped afterwards unless --keep).
class ScratchDatabase {
 public:
  ScratchDatabase(const std::string& url, const std::optional<std::string>& given, bool keep, std::ostream& out)
      : keep_(keep), out_(out) {
    if (given) {
      url_ = *given;
      return;
    }
    const db::Url parsed = db::parse_url(url);
    if (parsed.dialect == schema::Dialect::sqlite) {
      directory_ = std::filesystem::temp_directory_path() / ("sqlmodel-migrate-test-" + random_suffix());
      std::filesystem::create_directories(directory_);
      url_ = "sqlite:///" + (directory_ / "scratch.db").string();
      return;
    }
    admin_url_ = url;
    schema_ = "sqlmodel_test_" + random_suffix();
    open_database(url, InMemory::allow)->execute("CREATE SCHEMA " + schema::quote_identifier(schema::Dialect::postgresql, schema_));
    url_ = url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema_;
  }
  ~ScratchDatabase() {
    if (keep_) {
      out_ << "Kept the scratch database: " << display_url(url_) << '\n';
      return;
    }
    std::error_code ignored;
    if (!directory_.empty()) std::filesystem::remove_all(directory_, ignored);
    if (!schema_.empty()) {
      try {
        open_database(admin_url_, InMemory::allow)->execute("DROP SCHEMA " +
                                           schema::quote_identifier(schema::Dialect::postgresql, schema_) +
                                           " CASCADE");
      } catch (const std::exception& error) {
        out_ << "warning: could not drop the scratch schema " << schema_ << ": " << error.what() << '\n';
      }
    }
  }
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  const std::string& url() const { return url_; }
  std::string description() const {
    if (!schema_.empty()) return "scratch schema " + schema_ + " of " + display_url(admin_url_);
    return display_url(url_);
  }

 private:
  bool keep_;
  std::ostream& out_;
  std::string url_;
  std::filesystem::path directory_;
  std::string admin_url_;
  std::string schema_;
};

bool empty_database(db::Connection& connection) {
  const auto schema = schema::introspect(connection);
  return schema.tables.empty() && schema.enums.empty();
}

int run_test(const TestOptions& options, Context& context) {
  const RevisionGraph& graph = context.graph();
  const auto head = graph.single_head();  // several heads: refused here, before any database work
  const schema::Schema& snapshot = context.snapshot();
  const std::string url = options.scratch_url ? *options.scratch_url : context.database_url();
  ScratchDatabase scratch(url, options.scratch_url, options.keep, context.out);
  auto connection = open_database(scratch.url(), InMemory::allow);
  if (!empty_database(*connection) || VersionTable(*connection).exists())
    throw ConfigError("the scratch database " + display_url(scratch.url()) +
                      " is not empty; `test` needs an empty one (or none: it makes its own)");

  ApplyOptions apply = make_apply_options(options.database, context, scratch.url());
  apply.show_steps = options.verbose;  // a line per revision, and per operation with -v
  context.out << "Testing the migrations on " << scratch.description() << '\n';

  context.out << "1/4 upgrade to head\n";
  upgrade(*connection, graph, "head", apply);
  context.out << "2/4 downgrade to base\n";
  downgrade(*connection, graph, "base", apply);
  if (!empty_database(*connection)) {
    context.out << "FAIL: after downgrading to base the database still holds:\n";
    for (const auto& line : schema::schema_differences(schema::Schema{}, schema::introspected_database_schema(*connection)))
      context.out << "  " << line << '\n';
    return exit_not_clean;
  }
  context.out << "3/4 upgrade to head again\n";
  upgrade(*connection, graph, "head", apply);
  context.out << "4/4 compare the database with the models' snapshot\n";
  const auto differences = schema::schema_differences(schema::expected_database_schema(snapshot, connection->dialect()),
                                              schema::introspected_database_schema(*connection));
  if (!differences.empty()) {
    context.out << "FAIL: the database at head " << (head ? *head : "base") << " differs from the models ("
                << context.config().snapshot.string() << "):\n";
    for (const auto& line : differences) context.out << "  " << line << '\n';
    if (!autogenerate(replay_to(graph, head), snapshot).empty())
      context.out << "The models have changes no migration contains: run `" << program_name
                  << " revision -m MESSAGE`\n";
    return exit_not_clean;
  }
  context.out << "ok: upgrade, downgrade to base and upgrade again succeed, and the schema at head matches the models\n";
  return exit_ok;
}

const VerbRegistrar test_verb{{
    "test", 61,
    "On a scratch database: upgrade to head, downgrade to base, upgrade again, then require the "
    "schema to equal the models' snapshot (exit 1 with the difference otherwise)",
    [](CLI::App& verb, Context& context) -> VerbAction {
      auto options = std::make_shared<TestOptions>();
      verb.add_option("--scratch-url", options->scratch_url,
                      "An empty database to use (default: a temporary SQLite file, or a fresh schema in "
                      "the PostgreSQL database of the configured URL, dropped afterwards)");
      verb.add_flag("--keep", options->keep, "Keep the scratch database and print where it is");
      verb.add_flag("-v,--verbose", options->verbose, "A line per operation, not only per revision");
      add_lock_timeout_option(verb, options->database);
      return [options, &context] { return run_test(*options, context); };
    }}};

}  // namespace
}  // namespace sqlmodel::migrate::cli
