# The ORM suites a second time, compiled against the traits the sqlmodel plugin generates
# (-fplugin-arg-sqlmodel-emit) instead of the hand-written stand-ins in tests/support: the
# generator's output must serve the ORM as it is, on SQLite and PostgreSQL.
#   test_orm_integration_generated  tests/support/orm_models.hpp      (for orm_models_traits.hpp)
#   test_orm_model_api_generated    tests/support/orm_models_api.hpp  (for orm_models_api_traits.hpp)
# The test sources include the generated headers when SQLMODEL_TEST_GENERATED_TRAITS is
# defined (orm_fixture.hpp, orm_model_api_fixture.hpp). Included at the end of this
# directory's CMakeLists.txt, so the suites' sources and libraries are final.
if(NOT SQLMODEL_WITH_PLUGIN)
  return()
endif()

set(orm_generated_dir "${CMAKE_CURRENT_BINARY_DIR}/generated")
file(MAKE_DIRECTORY "${orm_generated_dir}")

# Writes generated/<name>.sqlmodel.hpp and generated/<name>.schema.json (the plugin's
# snapshot) for tests/support/<name>.hpp, reached the way the tests reach it (-I tests).
function(sqlmodel_generate_test_traits name)
  set(header "${orm_generated_dir}/${name}.sqlmodel.hpp")
  set(snapshot "${orm_generated_dir}/${name}.schema.json")
  set(unit "${orm_generated_dir}/${name}.cpp")
  file(CONFIGURE OUTPUT "${unit}" CONTENT "#include \"support/${name}.hpp\"\n")
  cmake_policy(PUSH)
  cmake_policy(SET CMP0116 NEW)  # the depfile's paths, as Ninja wants them
  add_custom_command(
    OUTPUT "${header}" "${snapshot}"
    COMMAND "${SQLMODEL_CLANG}" -std=c++20 -fsyntax-only
            "-fplugin=$<TARGET_FILE:sqlmodel-plugin>"
            "-fplugin-arg-sqlmodel-emit=${header}"
            "-fplugin-arg-sqlmodel-snapshot=${snapshot}"
            "-fplugin-arg-sqlmodel-source-root=${PROJECT_SOURCE_DIR}"
            "-I${PROJECT_SOURCE_DIR}/include" "-I${PROJECT_SOURCE_DIR}/tests"
            -MD -MF "${orm_generated_dir}/${name}.d" -MT "${header}"
            "${unit}"
    DEPENDS "${unit}" "$<TARGET_FILE:sqlmodel-plugin>"
    DEPFILE "${orm_generated_dir}/${name}.d"
    COMMENT "sqlmodel: generating the traits of tests/support/${name}.hpp (clang-19 with the sqlmodel plugin)"
    VERBATIM)
  cmake_policy(POP)
endfunction()

sqlmodel_generate_test_traits(orm_models)
sqlmodel_generate_test_traits(orm_models_api)
set(orm_generated_headers "${orm_generated_dir}/orm_models.sqlmodel.hpp"
                          "${orm_generated_dir}/orm_models_api.sqlmodel.hpp")

# <suite>_generated: <suite>'s sources and libraries, with the generated traits.
function(sqlmodel_add_generated_traits_suite suite)
  get_target_property(sources ${suite} SOURCES)
  get_target_property(libraries ${suite} LINK_LIBRARIES)
  sqlmodel_add_gtest(${suite}_generated SOURCES ${sources} ${orm_generated_headers} LIBS ${libraries})
  target_include_directories(${suite}_generated PRIVATE "${orm_generated_dir}")
  target_compile_definitions(${suite}_generated PRIVATE SQLMODEL_TEST_GENERATED_TRAITS
    "SQLMODEL_TEST_GENERATED_DIR=\"${orm_generated_dir}\"")
endfunction()

sqlmodel_add_generated_traits_suite(test_orm_integration)
sqlmodel_add_generated_traits_suite(test_orm_model_api)

# The hand-written test schemas (builds without the plugin create their tables from them)
# against the plugin's snapshots of the same models.
sqlmodel_add_gtest(test_orm_test_schemas SOURCES orm_test_schemas_test.cpp ${orm_generated_headers})
target_compile_definitions(test_orm_test_schemas PRIVATE
  "SQLMODEL_TEST_GENERATED_DIR=\"${orm_generated_dir}\"")
