# Single-table inheritance through the ORM (orm_inheritance_test.cpp) against what the sqlmodel
# plugin generates for orm_inheritance_models.hpp: the traits (-fplugin-arg-sqlmodel-emit) and
# the snapshot (-fplugin-arg-sqlmodel-snapshot) whose DDL creates the test's tables. There is no
# hand-written stand-in: without the plugin the suite is not built.
if(NOT SQLMODEL_WITH_PLUGIN)
  return()
endif()

set(sti_generated_dir "${CMAKE_CURRENT_BINARY_DIR}/generated_sti")
set(sti_generated_header "${sti_generated_dir}/orm_inheritance_models.sqlmodel.hpp")
set(sti_snapshot "${sti_generated_dir}/orm_inheritance_models.schema.json")
set(sti_models_unit "${sti_generated_dir}/orm_inheritance_models.cpp")
file(MAKE_DIRECTORY "${sti_generated_dir}")
file(CONFIGURE OUTPUT "${sti_models_unit}" CONTENT "#include \"integration/orm_inheritance_models.hpp\"\n")

cmake_policy(PUSH)
cmake_policy(SET CMP0116 NEW)  # the depfile's paths, as Ninja wants them
add_custom_command(
  OUTPUT "${sti_generated_header}" "${sti_snapshot}"
  COMMAND "${SQLMODEL_CLANG}" -std=c++20 -fsyntax-only
          "-fplugin=$<TARGET_FILE:sqlmodel-plugin>"
          "-fplugin-arg-sqlmodel-emit=${sti_generated_header}"
          "-fplugin-arg-sqlmodel-snapshot=${sti_snapshot}"
          "-fplugin-arg-sqlmodel-source-root=${PROJECT_SOURCE_DIR}"
          "-I${PROJECT_SOURCE_DIR}/include" "-I${PROJECT_SOURCE_DIR}/tests"
          -MD -MF "${sti_generated_dir}/orm_inheritance_models.d" -MT "${sti_generated_header}"
          "${sti_models_unit}"
  DEPENDS "${sti_models_unit}" "$<TARGET_FILE:sqlmodel-plugin>"
  DEPFILE "${sti_generated_dir}/orm_inheritance_models.d"
  COMMENT "sqlmodel: generating the single-table inheritance test models' traits and snapshot"
  VERBATIM)
cmake_policy(POP)

sqlmodel_docs_examples(docs/orm.md OrmInheritanceTest ${CMAKE_CURRENT_BINARY_DIR}/docs_orm_polymorphic_examples_test.cpp)
sqlmodel_add_gtest(test_orm_inheritance SOURCES orm_inheritance_test.cpp "${sti_generated_header}"
  ${CMAKE_CURRENT_BINARY_DIR}/docs_orm_polymorphic_examples_test.cpp
  LIBS sqlmodel_orm GTest::gmock)
target_include_directories(test_orm_inheritance PRIVATE "${sti_generated_dir}")
target_compile_definitions(test_orm_inheritance PRIVATE
  "SQLMODEL_STI_SNAPSHOT=\"${sti_snapshot}\"")
