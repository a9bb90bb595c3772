#include "sqlmodel_consumer.hpp"

#include <exception>
#include <filesystem>
#include <system_error>

#include "clang/AST/ASTContext.h"

#include "checks/checks.hpp"
#include "codegen/describe_models.hpp"
#include "codegen/header_writer.hpp"
#include "codegen/include_spelling.hpp"
#include "codegen/output_file.hpp"
#include "model_reader.hpp"
#include "schema/snapshot_json.hpp"
#include "schema_builder.hpp"
#include "source_paths.hpp"
#include "sql_text.hpp"

namespace sqlmodel::plugin {

bool apply_check_globs(const std::string& globs, bool as_errors, DiagnosticSwitches& switches,
                       std::string& error) {
  std::optional<std::string> problem =
      as_errors ? switches.as_errors.apply(globs, "warnings-as-errors", /*refuse_fixed_errors=*/false)
                : switches.enabled.apply(globs, "checks", /*refuse_fixed_errors=*/true);
  if (problem) error = *problem;
  return !problem;
}

bool parse_plugin_options(const std::vector<std::string>& args, PluginOptions& options, std::string& error) {
  for (const std::string& arg : args) {
    auto equals = arg.find('=');
    std::string key = arg.substr(0, equals);
    std::string value = equals == std::string::npos ? std::string() : arg.substr(equals + 1);
    if (key == "checks" || key == "warnings-as-errors") {
      if (equals == std::string::npos || value.empty()) {
        error = "plugin option '" + key + "' needs a value: -fplugin-arg-sqlmodel-" + key +
                "=GLOBS (e.g. -foreign-key-index,-duplicate-index)";
        return false;
      }
      if (!apply_check_globs(value, key == "warnings-as-errors", options.switches, error)) return false;
      continue;
    }
    if (key == "snapshot" || key == "source-root" || key == "emit") {
      if (equals == std::string::npos || value.empty()) {
        error = "plugin option '" + key + "' needs a value: -fplugin-arg-sqlmodel-" + key + "=PATH";
        return false;
      }
      if (key == "snapshot") options.snapshot = value;
      else if (key == "emit") options.emit = value;
      else options.source_root = value;
      continue;
    }
    if (key == "json-type") {
      if (value != "json" && value != "jsonb") {
        error = "plugin option 'json-type' takes json or jsonb: -fplugin-arg-sqlmodel-json-type=jsonb";
        return false;
      }
      options.jsonb = value == "jsonb";
      continue;
    }
    if (key == "sqlite-uuid") {
      if (value != "text" && value != "hex") {
        error = "plugin option 'sqlite-uuid' takes text or hex: -fplugin-arg-sqlmodel-sqlite-uuid=hex";
        return false;
      }
      options.sqlite_uuid_hex = value == "hex";
      continue;
    }
    error = "unknown plugin option '" + arg +
            "'; valid options: -fplugin-arg-sqlmodel-snapshot=PATH, "
            "-fplugin-arg-sqlmodel-source-root=DIR, -fplugin-arg-sqlmodel-emit=PATH, "
            "-fplugin-arg-sqlmodel-checks=GLOBS, -fplugin-arg-sqlmodel-warnings-as-errors=GLOBS, "
            "-fplugin-arg-sqlmodel-json-type=json|jsonb, -fplugin-arg-sqlmodel-sqlite-uuid=text|hex";
    return false;
  }
  return true;
}

void report_plain_error(clang::DiagnosticsEngine& diagnostics, const std::string& message) {
  unsigned id = diagnostics.getCustomDiagID(clang::DiagnosticsEngine::Error, "sqlmodel: %0");
  diagnostics.Report(id) << message;
}

void SqlmodelConsumer::HandleTranslationUnit(clang::ASTContext& context) {
  // Nothing may escape into Clang, which is built without exceptions.
  try {
    run(context);
  } catch (const std::exception& error) {
    report_plain_error(context.getDiagnostics(), std::string("internal error: ") + error.what());
  } catch (...) {
    report_plain_error(context.getDiagnostics(), "internal error (unknown exception)");
  }
}

void SqlmodelConsumer::run(clang::ASTContext& context) {
  clang::DiagnosticsEngine& diagnostics = context.getDiagnostics();
  Reporter reporter(diagnostics, options_.switches);
  SourcePaths paths(options_.source_root, header_search_);
  ModelSet models = read_models(context, reporter, paths,
                                ReadOptions{.jsonb = options_.jsonb, .sqlite_uuid_hex = options_.sqlite_uuid_hex});
  std::vector<SqlTextUse> sql_texts = find_sql_texts(context, reporter);
  run_all_checks(CheckContext{models, reporter, context, sql_texts});
  bool wants_schema = options_.snapshot || options_.on_schema;
  if (!wants_schema && !options_.emit) return;
  // A failed compile leaves no snapshot or header behind, as it leaves no object file.
  if (reporter.error_count() != 0 || diagnostics.hasErrorOccurred()) return;
  if (options_.emit) emit_code(models, context, reporter, paths);
  if (!wants_schema || reporter.error_count() != 0) return;
  schema::Schema schema = build_schema(models, context.getSourceManager(), paths);
  schema.sources = paths.digests(context.getSourceManager(), schema::source_files(schema));
  if (options_.on_schema) {
    options_.on_schema(std::move(schema));
    return;
  }
  // Build systems name the snapshot under a build directory that may not exist yet.
  std::filesystem::path parent = std::filesystem::path(*options_.snapshot).parent_path();
  std::error_code directory_error;
  if (!parent.empty()) std::filesystem::create_directories(parent, directory_error);
  if (directory_error) {
    report_plain_error(diagnostics, "cannot write the snapshot '" + *options_.snapshot +
                                        "': cannot create its directory '" + parent.string() +
                                        "': " + directory_error.message());
    return;
  }
  try {
    schema::write_snapshot_file(schema, *options_.snapshot);
  } catch (const std::exception& error) {
    report_plain_error(diagnostics, "cannot write the snapshot '" + *options_.snapshot + "': " + error.what());
  }
}

void SqlmodelConsumer::emit_code(const ModelSet& models, clang::ASTContext& context,
                                 Reporter& reporter, const SourcePaths& paths) {
  const clang::SourceManager& sources = context.getSourceManager();
  codegen::IncludeSpeller includes(header_search_, *options_.emit);
  codegen::GeneratedHeader header = codegen::describe_models(models, sources, includes, reporter);
  if (reporter.error_count() != 0) return;
  if (options_.on_generated) {
    options_.on_generated(std::move(header));
    return;
  }
  std::string origin = "the models of translation unit ";
  if (clang::OptionalFileEntryRef main = sources.getFileEntryRefForID(sources.getMainFileID()))
    origin += paths.stable_path(main->getName());
  std::string error = codegen::write_if_changed(*options_.emit, codegen::write_header(header, origin));
  if (!error.empty())
    report_plain_error(context.getDiagnostics(),
                       "cannot write the generated header '" + *options_.emit + "': " + error);
}

}  // namespace sqlmodel::plugin
