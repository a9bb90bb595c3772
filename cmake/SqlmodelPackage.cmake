# The installed package: `cmake --install <build> --prefix P` gives
#
#   P/include/sqlmodel/                        the public headers (annotations, schema model,
#                                              ORM) and their detail/ headers: self-contained,
#                                              the only include directory a user needs
#   P/<libdir>/libsqlmodel_{schema,db,orm}.a   the runtime (sqlmodel::orm links the other two)
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

# One name per target, in-tree and installed: sqlmodel::orm, sqlmodel::plugin,
# sqlmodel::sqlmodel-migrate, ...
set_target_properties(sqlmodel_schema PROPERTIES EXPORT_NAME schema)
set_target_properties(sqlmodel_db PROPERTIES EXPORT_NAME db)
set_target_properties(sqlmodel_orm PROPERTIES EXPORT_NAME orm)
set(sqlmodel_exported_tools sqlmodel-migrate sqlmodel-init-db sqlmodel-codegen)
if(SQLMODEL_WITH_PLUGIN)
  set_target_properties(sqlmodel-plugin PROPERTIES EXPORT_NAME plugin)
  add_library(sqlmodel::plugin ALIAS sqlmodel-plugin)
  list(APPEND sqlmodel_exported_tools sqlmodel-snapshot sqlmodel-check)
endif()
foreach(tool IN LISTS sqlmodel_exported_tools)
  add_executable(sqlmodel::${tool} ALIAS ${tool})
endforeach()

# The runtime only: the migration runner's libraries stay inside sqlmodel-migrate, so a user's
# find_package(sqlmodel) needs no OpenSSL or tomlplusplus.
install(TARGETS sqlmodel_schema sqlmodel_db sqlmodel_orm
  EXPORT sqlmodelTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS ${sqlmodel_exported_tools}
  EXPORT sqlmodelTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(SQLMODEL_WITH_PLUGIN)
  # Beside the libraries, as the docs' `-fplugin=<prefix>/lib/sqlmodel-plugin.so` says.
  install(TARGETS sqlmodel-plugin
    EXPORT sqlmodelTargets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
endif()

# include/sqlmodel is the whole public API; the runtime's own headers (runtime/, the migration
# runner's) are not installed. tests/install compiles every installed header on its own against
# the prefix, so a public header that includes anything else fails there.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/sqlmodel
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.hpp")

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
