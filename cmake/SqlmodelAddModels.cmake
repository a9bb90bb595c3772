# sqlmodel_add_models(<target> MODELS a.hpp [b.hpp ...]
#                     [SNAPSHOT path] [MIGRATIONS dir] [HEADER name] [SOURCE_ROOT dir]
#                     [JSON_TYPE json|jsonb] [SQLITE_UUID text|hex])
#
# Checks the models with the sqlmodel Clang plugin and gives <target> the code generated from
# them:
# - one step, `<target>-sqlmodel`, runs `clang++-19 -fsyntax-only -fplugin=sqlmodel-plugin.so`
#   over a translation unit that includes every MODELS header, with <target>'s include
#   directories and definitions. It writes
#     SNAPSHOT   the schema snapshot (default <binary dir>/<target>.schema.json; a relative
#                path is relative to the current binary directory)
#     HEADER     the generated traits, <binary dir>/sqlmodel/<target>/<HEADER> (default
#                <target>.sqlmodel.hpp); that directory is added to <target>'s includes, so
#                sources write #include "<target>.sqlmodel.hpp"
#   A model error is a compiler error at the model's line, and it stops <target>'s build.
#   The step re-runs only when a model header, anything it includes (clang's depfile), or the
#   plugin changes.
# - <target> links sqlmodel::orm.
# - `<target>-migrations-check` (not part of `all`) runs `sqlmodel-migrate check --offline`:
#   it fails when the models differ from the head of MIGRATIONS (default
#   <source dir>/migrations), i.e. the models changed and no migration was generated. The
#   config it uses, <binary dir>/<target>.sqlmodel.toml, also serves `sqlmodel-migrate
#   --config <that file> revision --autogenerate -m "..."`.
# SOURCE_ROOT (default PROJECT_SOURCE_DIR) makes the source locations in the snapshot relative,
# so two checkouts write the same snapshot.
# JSON_TYPE jsonb makes every JSON member without its own .sql_type a jsonb column (JSONB on
# PostgreSQL; SQLite has one JSON type); the default is json.
# SQLITE_UUID hex stores every UUID member without its own .sql_type as 32 hex digits on SQLite
# (CHAR(32), what SQLAlchemy's Uuid stores) instead of 36-character text; the generated traits
# carry each column's form, which the ORM writes.
#
# Why a separate -fsyntax-only step even when the project's compiler is clang-19: the generated
# header is an input of <target>'s own sources, so it must exist before they compile; a plugin
# riding on those compiles would write it too late, once per translation unit, and the
# per-unit snapshots would need a merge step. The step parses only the model headers (the
# plugin's own work is small next to the parse). With GCC the same step runs clang-19 beside
# g++; the generated header is plain C++20 that g++ compiles.
include_guard(GLOBAL)

# The plugin is built against Debian's Clang 19 and loads only into that compiler.
function(_sqlmodel_require_clang)
  if(SQLMODEL_CLANG)
    return()
  endif()
  find_program(SQLMODEL_CLANG NAMES clang++-19 PATHS /usr/lib/llvm-19/bin
               DOC "clang++ 19, the compiler the sqlmodel plugin loads into")
  if(NOT SQLMODEL_CLANG)
    message(FATAL_ERROR "sqlmodel_add_models: clang++-19 not found (apt-get install clang-19, or set "
                        "SQLMODEL_CLANG to its path); the sqlmodel plugin runs inside Clang 19 whatever "
                        "compiler builds the project")
  endif()
endfunction()

# Writes `content` to `file` only when it differs, so an unchanged configure rebuilds nothing.
function(_sqlmodel_write_if_changed file content)
  if(EXISTS "${file}")
    file(READ "${file}" current)
    if(current STREQUAL content)
      return()
    endif()
  endif()
  file(WRITE "${file}" "${content}")
endfunction()

function(_sqlmodel_toml_string out text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  set(${out} "\"${text}\"" PARENT_SCOPE)
endfunction()

function(sqlmodel_add_models target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "SNAPSHOT;MIGRATIONS;HEADER;SOURCE_ROOT;JSON_TYPE;SQLITE_UUID" "MODELS")
  set(where "sqlmodel_add_models(${target})")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "${where}: unexpected arguments: ${arg_UNPARSED_ARGUMENTS} (expected MODELS, "
                        "SNAPSHOT, MIGRATIONS, HEADER, SOURCE_ROOT, JSON_TYPE, SQLITE_UUID)")
  endif()
  if(NOT arg_JSON_TYPE)
    set(arg_JSON_TYPE json)
  endif()
  if(NOT arg_JSON_TYPE MATCHES "^(json|jsonb)$")
    message(FATAL_ERROR "${where}: JSON_TYPE is json or jsonb, not '${arg_JSON_TYPE}'")
  endif()
  if(NOT arg_SQLITE_UUID)
    set(arg_SQLITE_UUID text)
  endif()
  if(NOT arg_SQLITE_UUID MATCHES "^(text|hex)$")
    message(FATAL_ERROR "${where}: SQLITE_UUID is text or hex, not '${arg_SQLITE_UUID}'")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "${where}: no target named '${target}'; call it after add_executable/add_library")
  endif()
  get_target_property(target_type ${target} TYPE)
  if(target_type STREQUAL "INTERFACE_LIBRARY" OR target_type STREQUAL "UTILITY")
    message(FATAL_ERROR "${where}: '${target}' is a ${target_type}; the models need a target that compiles")
  endif()
  if(NOT arg_MODELS)
    message(FATAL_ERROR "${where}: MODELS names no header")
  endif()
  if(NOT TARGET sqlmodel::plugin)
    message(FATAL_ERROR "${where}: this sqlmodel has no plugin (it was configured with "
                        "SQLMODEL_WITH_PLUGIN=OFF); rebuild it with the plugin to check models")
  endif()
  _sqlmodel_require_clang()

  set(models "")
  foreach(model IN LISTS arg_MODELS)
    cmake_path(ABSOLUTE_PATH model BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
    if(NOT EXISTS "${model}")
      message(FATAL_ERROR "${where}: model header ${model} does not exist")
    endif()
    list(APPEND models "${model}")
  endforeach()

  set(generated_dir "${CMAKE_CURRENT_BINARY_DIR}/sqlmodel/${target}")
  if(NOT arg_HEADER)
    set(arg_HEADER "${target}.sqlmodel.hpp")
  endif()
  set(header "${generated_dir}/${arg_HEADER}")
  if(NOT arg_SNAPSHOT)
    set(arg_SNAPSHOT "${target}.schema.json")
  endif()
  cmake_path(ABSOLUTE_PATH arg_SNAPSHOT BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}" NORMALIZE
             OUTPUT_VARIABLE snapshot)
  if(NOT arg_MIGRATIONS)
    set(arg_MIGRATIONS migrations)
  endif()
  cmake_path(ABSOLUTE_PATH arg_MIGRATIONS BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE
             OUTPUT_VARIABLE migrations)
  if(NOT arg_SOURCE_ROOT)
    set(arg_SOURCE_ROOT "${PROJECT_SOURCE_DIR}")
  endif()
  cmake_path(ABSOLUTE_PATH arg_SOURCE_ROOT BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE
             OUTPUT_VARIABLE source_root)

  # The translation unit the plugin reads: every model header, in the order given.
  set(unit "${generated_dir}/${target}.models.cpp")
  set(unit_text "// Written by sqlmodel_add_models(${target}): the models the sqlmodel plugin checks.\n")
  foreach(model IN LISTS models)
    string(APPEND unit_text "#include \"${model}\"\n")
  endforeach()
  file(MAKE_DIRECTORY "${generated_dir}")
  _sqlmodel_write_if_changed("${unit}" "${unit_text}")

  get_target_property(standard ${target} CXX_STANDARD)
  if(NOT standard OR standard LESS 20)
    set(standard 20)
  endif()
  # The target's own include directories and definitions (with those its libraries pass on);
  # its compile options are left out: they are the project compiler's (g++'s), not clang's.
  # The compiler's own directories (pkg-config targets name /usr/include) stay out: as -I they
  # would come before libstdc++'s and break its #include_next.
  set(implicit_pattern "")
  foreach(dir IN LISTS CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES ITEMS /usr/include /usr/local/include)
    string(REGEX REPLACE "([][+.*()^$?|\\])" "\\\\\\1" dir_pattern "${dir}")
    string(APPEND implicit_pattern "|^${dir_pattern}/?$")
  endforeach()
  string(SUBSTRING "${implicit_pattern}" 1 -1 implicit_pattern)
  set(includes "$<REMOVE_DUPLICATES:$<FILTER:$<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>,EXCLUDE,${implicit_pattern}>>")
  set(definitions "$<TARGET_PROPERTY:${target},COMPILE_DEFINITIONS>")
  set(depfile "${generated_dir}/${target}.models.d")
  # The plugin rewrites the header only when its text changes (so an unchanged one recompiles
  # nothing); the stamp is what tells the build tool the step ran.
  set(stamp "${generated_dir}/${target}.models.stamp")

  cmake_policy(PUSH)
  # Ninja reads clang's depfile with paths relative to this directory's binary dir.
  cmake_policy(SET CMP0116 NEW)
  add_custom_command(
    OUTPUT "${stamp}" "${header}" "${snapshot}"
    COMMAND "${SQLMODEL_CLANG}" -std=c++${standard} -fsyntax-only
            "-fplugin=$<TARGET_FILE:sqlmodel::plugin>"
            "-fplugin-arg-sqlmodel-snapshot=${snapshot}"
            "-fplugin-arg-sqlmodel-emit=${header}"
            "-fplugin-arg-sqlmodel-source-root=${source_root}"
            "-fplugin-arg-sqlmodel-json-type=${arg_JSON_TYPE}"
            "-fplugin-arg-sqlmodel-sqlite-uuid=${arg_SQLITE_UUID}"
            "$<$<BOOL:${includes}>:-I$<JOIN:${includes},;-I>>"
            "$<$<BOOL:${definitions}>:-D$<JOIN:${definitions},;-D>>"
            -MMD -MF "${depfile}" -MT "${stamp}"
            "${unit}"
    COMMAND "${CMAKE_COMMAND}" -E touch "${stamp}"
    DEPENDS "${unit}" ${models} "$<TARGET_FILE:sqlmodel::plugin>"
    DEPFILE "${depfile}"
    COMMENT "sqlmodel: checking the models of ${target} (clang-19 with the sqlmodel plugin)"
    COMMAND_EXPAND_LISTS
    VERBATIM)
  cmake_policy(POP)
  add_custom_target(${target}-sqlmodel DEPENDS "${stamp}" "${header}" "${snapshot}")
  add_dependencies(${target} ${target}-sqlmodel)

  # An executable keeps the runtime to itself; a library passes it and the generated header's
  # directory on to whatever links it.
  if(target_type STREQUAL "EXECUTABLE")
    set(scope PRIVATE)
  else()
    set(scope PUBLIC)
  endif()
  target_include_directories(${target} ${scope} "$<BUILD_INTERFACE:${generated_dir}>")
  target_link_libraries(${target} ${scope} sqlmodel::orm)
  target_compile_features(${target} ${scope} cxx_std_20)
  set_target_properties(${target} PROPERTIES
    SQLMODEL_SNAPSHOT "${snapshot}"
    SQLMODEL_GENERATED_HEADER "${header}")

  set(config "${CMAKE_CURRENT_BINARY_DIR}/${target}.sqlmodel.toml")
  _sqlmodel_toml_string(migrations_toml "${migrations}")
  _sqlmodel_toml_string(snapshot_toml "${snapshot}")
  _sqlmodel_toml_string(source_root_toml "${source_root}")
  _sqlmodel_write_if_changed("${config}"
    "# Written by sqlmodel_add_models(${target}); edits are overwritten at the next configure.\n[migrations]\ndirectory = ${migrations_toml}\nsnapshot = ${snapshot_toml}\nsource_root = ${source_root_toml}\n")
  add_custom_target(${target}-migrations-check
    COMMAND "$<TARGET_FILE:sqlmodel::sqlmodel-migrate>" --config "${config}" check --offline
    COMMENT "sqlmodel: do the migrations in ${migrations} match the models of ${target}? (to add one: sqlmodel-migrate --config ${config} revision --autogenerate -m MESSAGE)"
    VERBATIM)
  add_dependencies(${target}-migrations-check ${target}-sqlmodel)
endfunction()
