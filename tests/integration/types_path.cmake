# The types and names of issue 16 through the whole path (types_path_test.cpp): the plugin reads
# tests/support/types_models.hpp into traits (-fplugin-arg-sqlmodel-emit) and a snapshot; the
# test turns the snapshot into a migration, applies it, introspects, writes and reads through
# the ORM, and compares the database with the snapshot, on SQLite and PostgreSQL. Without the
# plugin the suite is not built.
if(NOT SQLMODEL_WITH_PLUGIN)
  return()
endif()

set(types_generated_dir "${CMAKE_CURRENT_BINARY_DIR}/generated_types")
set(types_generated_header "${types_generated_dir}/types_models.sqlmodel.hpp")
set(types_snapshot "${types_generated_dir}/types_models.schema.json")
set(types_models_unit "${types_generated_dir}/types_models.cpp")
file(MAKE_DIRECTORY "${types_generated_dir}")
file(CONFIGURE OUTPUT "${types_models_unit}" CONTENT "#include \"support/types_models.hpp\"\n")

cmake_policy(PUSH)
cmake_policy(SET CMP0116 NEW)  # the depfile's paths, as Ninja wants them
add_custom_command(
  OUTPUT "${types_generated_header}" "${types_snapshot}"
  COMMAND "${SQLMODEL_CLANG}" -std=c++20 -fsyntax-only
          "-fplugin=$<TARGET_FILE:sqlmodel-plugin>"
          "-fplugin-arg-sqlmodel-emit=${types_generated_header}"
          "-fplugin-arg-sqlmodel-snapshot=${types_snapshot}"
          "-fplugin-arg-sqlmodel-source-root=${PROJECT_SOURCE_DIR}"
          "-I${PROJECT_SOURCE_DIR}/include" "-I${PROJECT_SOURCE_DIR}/tests"
          -MD -MF "${types_generated_dir}/types_models.d" -MT "${types_generated_header}"
          "${types_models_unit}"
  DEPENDS "${types_models_unit}" "$<TARGET_FILE:sqlmodel-plugin>"
  DEPFILE "${types_generated_dir}/types_models.d"
  COMMENT "sqlmodel: generating the types test models' traits and snapshot"
  VERBATIM)
cmake_policy(POP)

sqlmodel_add_gtest(test_types_path SOURCES types_path_test.cpp "${types_generated_header}"
  LIBS sqlmodel_orm sqlmodel_migrate GTest::gmock)
target_include_directories(test_types_path PRIVATE "${types_generated_dir}")
target_compile_definitions(test_types_path PRIVATE "SQLMODEL_TYPES_SNAPSHOT=\"${types_snapshot}\"")
