# The ORM integration suite a second time, compiled against the traits the sqlmodel plugin
# generates for tests/support/orm_models.hpp (-fplugin-arg-sqlmodel-emit) instead of the
# hand-written stand-in tests/support/orm_models_traits.hpp: the generator's output must serve
# the ORM as it is, on SQLite and PostgreSQL. Included at the end of this directory's
# CMakeLists.txt, so the suite's sources and libraries are final.
if(NOT SQLMODEL_WITH_PLUGIN)
  return()
endif()

set(orm_generated_dir "${CMAKE_CURRENT_BINARY_DIR}/generated")
set(orm_generated_header "${orm_generated_dir}/orm_models.sqlmodel.hpp")
set(orm_models_unit "${orm_generated_dir}/orm_models.cpp")
file(MAKE_DIRECTORY "${orm_generated_dir}")
# The models reached the way the tests reach them (-I tests), so the header includes them so.
file(CONFIGURE OUTPUT "${orm_models_unit}" CONTENT "#include \"support/orm_models.hpp\"\n")

cmake_policy(PUSH)
cmake_policy(SET CMP0116 NEW)  # the depfile's paths, as Ninja wants them
add_custom_command(
  OUTPUT "${orm_generated_header}"
  COMMAND "${SQLMODEL_CLANG}" -std=c++20 -fsyntax-only
          "-fplugin=$<TARGET_FILE:sqlmodel-plugin>"
          "-fplugin-arg-sqlmodel-emit=${orm_generated_header}"
          "-fplugin-arg-sqlmodel-source-root=${PROJECT_SOURCE_DIR}"
          "-I${PROJECT_SOURCE_DIR}/include" "-I${PROJECT_SOURCE_DIR}/tests"
          -MD -MF "${orm_generated_dir}/orm_models.d" -MT "${orm_generated_header}"
          "${orm_models_unit}"
  DEPENDS "${orm_models_unit}" "$<TARGET_FILE:sqlmodel-plugin>"
  DEPFILE "${orm_generated_dir}/orm_models.d"
  COMMENT "sqlmodel: generating the ORM test models' traits (clang-19 with the sqlmodel plugin)"
  VERBATIM)
cmake_policy(POP)

get_target_property(orm_sources test_orm_integration SOURCES)
get_target_property(orm_libraries test_orm_integration LINK_LIBRARIES)
sqlmodel_add_gtest(test_orm_integration_generated SOURCES ${orm_sources} "${orm_generated_header}"
  LIBS ${orm_libraries})
target_include_directories(test_orm_integration_generated PRIVATE "${orm_generated_dir}")
target_compile_definitions(test_orm_integration_generated PRIVATE SQLMODEL_TEST_GENERATED_TRAITS)
