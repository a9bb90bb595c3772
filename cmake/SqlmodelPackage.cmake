# The installed package: `cmake --install <build> --prefix P` gives
#
#   P/include/sqlmodel/*.hpp                   public headers (annotations, ORM)
#   P/include/sqlmodel/runtime/{schema,db}/    the schema model and connection headers the
#                                              public headers include as "schema/..", "db/.."
#   P/<libdir>/libsqlmodel_{schema,db,orm}.a   the runtime
#   P/<libdir>/sqlmodel-plugin.so              the Clang 19 plugin (with SQLMODEL_WITH_PLUGIN)
#   P/bin/sqlmodel-{migrate,init-db,snapshot,check}
#   P/<libdir>/cmake/sqlmodel/                 sqlmodelConfig.cmake, version, targets (sqlmodel::),
#                                              SqlmodelAddModels.cmake
#   P/<libdir>/pkgconfig/sqlmodel.pc           for build systems other than CMake
#
# Every install rule lives here, so the export set and the file layout are read in one place. Included by the top-level CMakeLists.txt after the targets exist and before
# examples/, which call sqlmodel_add_models() in-tree through the same sqlmodel:: names a
# separate project gets from find_package(sqlmodel).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(SQLMODEL_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/sqlmodel")
# The schema and connection headers are included as "schema/x.hpp" and "db/x.hpp"; they go
# under include/sqlmodel/ so the prefix's include/ gains no generic schema/ or db/ directory.
set(SQLMODEL_INSTALL_RUNTIME_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}/sqlmodel/runtime")

# One name per target, in-tree and installed: sqlmodel::orm, sqlmodel::plugin,
# sqlmodel::sqlmodel-migrate, ...
set_target_properties(sqlmodel_schema PROPERTIES EXPORT_NAME schema)
set_target_properties(sqlmodel_db PROPERTIES EXPORT_NAME db)
set_target_properties(sqlmodel_orm PROPERTIES EXPORT_NAME orm)
# check_schema reuses the migration runner's database comparison, so the two migration
# libraries it links are installed too (its static archive needs them at the user's link).
set_target_properties(sqlmodel_check_schema PROPERTIES EXPORT_NAME check_schema)
set_target_properties(sqlmodel_migrate PROPERTIES EXPORT_NAME migrate)
set_target_properties(sqlmodel_migrate_apply PROPERTIES EXPORT_NAME migrate_apply)
set(sqlmodel_exported_tools sqlmodel-migrate sqlmodel-init-db)
if(SQLMODEL_WITH_PLUGIN)
  set_target_properties(sqlmodel-plugin PROPERTIES EXPORT_NAME plugin)
  add_library(sqlmodel::plugin ALIAS sqlmodel-plugin)
  list(APPEND sqlmodel_exported_tools sqlmodel-snapshot sqlmodel-check)
endif()
foreach(tool IN LISTS sqlmodel_exported_tools)
  add_executable(sqlmodel::${tool} ALIAS ${tool})
endforeach()

install(TARGETS sqlmodel_schema sqlmodel_db sqlmodel_orm sqlmodel_check_schema sqlmodel_migrate sqlmodel_migrate_apply
  EXPORT sqlmodelTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} ${SQLMODEL_INSTALL_RUNTIME_INCLUDEDIR})
install(TARGETS ${sqlmodel_exported_tools}
  EXPORT sqlmodelTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(SQLMODEL_WITH_PLUGIN)
  # Beside the libraries, as the docs' `-fplugin=<prefix>/lib/sqlmodel-plugin.so` says.
  install(TARGETS sqlmodel-plugin
    EXPORT sqlmodelTargets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
endif()

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/sqlmodel
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.hpp")
# Internal headers (backend factories, parsers, renderer internals) stay out; tests/install
# compiles every installed header on its own against the prefix, so a public header that
# includes a missing one fails there.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime/schema ${PROJECT_SOURCE_DIR}/runtime/db
  DESTINATION ${SQLMODEL_INSTALL_RUNTIME_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.hpp"
  PATTERN "*_internal.hpp" EXCLUDE
  PATTERN "backends.hpp" EXCLUDE
  PATTERN "sqlite_create_table_parser.hpp" EXCLUDE
  PATTERN "sqlite_connection.hpp" EXCLUDE
  PATTERN "postgres_connection.hpp" EXCLUDE)

install(EXPORT sqlmodelTargets
  NAMESPACE sqlmodel::
  DESTINATION ${SQLMODEL_INSTALL_CMAKEDIR})
configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/sqlmodelConfig.cmake.in
  ${PROJECT_BINARY_DIR}/sqlmodelConfig.cmake
  INSTALL_DESTINATION ${SQLMODEL_INSTALL_CMAKEDIR})
# 0.x: a minor version may break the interface, so only the same minor version is compatible.
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/sqlmodelConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/sqlmodelConfig.cmake
  ${PROJECT_BINARY_DIR}/sqlmodelConfigVersion.cmake
  ${CMAKE_CURRENT_LIST_DIR}/SqlmodelAddModels.cmake
  DESTINATION ${SQLMODEL_INSTALL_CMAKEDIR})

# pkg-config: the plain route. Paths are relative to the .pc file (${pcfiledir}), so the prefix
# can be moved.
file(RELATIVE_PATH SQLMODEL_PC_PREFIX_FROM_PCFILEDIR
  "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" SQLMODEL_PC_PREFIX_FROM_PCFILEDIR "${SQLMODEL_PC_PREFIX_FROM_PCFILEDIR}")
set(SQLMODEL_PC_CFLAGS "")
set(SQLMODEL_PC_REQUIRES "sqlite3 nlohmann_json re2")
if(SQLMODEL_WITH_POSTGRES)
  set(SQLMODEL_PC_CFLAGS "-DSQLMODEL_HAVE_POSTGRES=1")
  string(APPEND SQLMODEL_PC_REQUIRES " libpqxx")
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/sqlmodel.pc.in ${PROJECT_BINARY_DIR}/sqlmodel.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/sqlmodel.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
