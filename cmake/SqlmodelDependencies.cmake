# Finds every dependency from Debian's paths. A missing one fails here with the package to
# install, never later with a compiler error.
find_package(PkgConfig REQUIRED)

pkg_check_modules(SQLite3 REQUIRED IMPORTED_TARGET sqlite3)
find_package(nlohmann_json 3.10 REQUIRED)
# `.pattern` validation: RE2 (linear time, no recursion), never std::regex on user input.
pkg_check_modules(RE2 IMPORTED_TARGET re2)
if(NOT RE2_FOUND)
  message(FATAL_ERROR "RE2 not found: apt-get install libre2-dev")
endif()

if(SQLMODEL_WITH_POSTGRES)
  pkg_check_modules(PQXX IMPORTED_TARGET libpqxx)
  if(NOT PQXX_FOUND)
    message(FATAL_ERROR "libpqxx not found: apt-get install libpqxx-dev, or configure with -DSQLMODEL_WITH_POSTGRES=OFF")
  endif()
endif()

if(SQLMODEL_WITH_PLUGIN)
  find_package(LLVM 19.1 CONFIG PATHS /usr/lib/llvm-19/lib/cmake/llvm NO_DEFAULT_PATH)
  find_package(Clang CONFIG PATHS /usr/lib/llvm-19/lib/cmake/clang NO_DEFAULT_PATH)
  if(NOT LLVM_FOUND OR NOT Clang_FOUND)
    message(FATAL_ERROR "Clang/LLVM 19 not found: apt-get install clang-19 libclang-19-dev llvm-19-dev, or configure with -DSQLMODEL_WITH_PLUGIN=OFF")
  endif()
  find_program(SQLMODEL_CLANG clang++-19 PATHS /usr/lib/llvm-19/bin REQUIRED)
endif()

if(SQLMODEL_BUILD_TESTS)
  find_package(GTest REQUIRED)
  find_program(SQLMODEL_FILECHECK FileCheck PATHS /usr/lib/llvm-19/bin NO_DEFAULT_PATH)
  find_file(SQLMODEL_LIT lit.py PATHS /usr/lib/llvm-19/build/utils/lit NO_DEFAULT_PATH)
  find_package(Python3 COMPONENTS Interpreter REQUIRED)
  if(NOT SQLMODEL_FILECHECK OR NOT SQLMODEL_LIT)
    message(FATAL_ERROR "FileCheck or lit not found: apt-get install llvm-19-tools")
  endif()
endif()

if(SQLMODEL_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()

find_package(CLI11 REQUIRED)
find_package(fmt REQUIRED)
