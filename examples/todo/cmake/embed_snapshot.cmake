# cmake -DSNAPSHOT=in.schema.json -DOUTPUT=out.cpp -DNAMESPACE=ns -P embed_snapshot.cmake
#
# Writes a source file defining `std::string_view ns::schema_snapshot()`: the snapshot's text,
# compiled into the program so that its start-up schema check needs no file beside it in
# production (the build tree that wrote the snapshot is not deployed).
foreach(variable SNAPSHOT OUTPUT NAMESPACE)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "embed_snapshot.cmake: -D${variable}=... is missing")
  endif()
endforeach()
file(READ "${SNAPSHOT}" text)
if(text MATCHES "\\)snapshot_json\"")
  message(FATAL_ERROR "embed_snapshot.cmake: ${SNAPSHOT} contains the raw string's delimiter")
endif()
set(source "// Written by embed_snapshot.cmake from ${SNAPSHOT}. Do not edit.
#include <string_view>

namespace ${NAMESPACE} {
std::string_view schema_snapshot() {
  static constexpr std::string_view text = R\"snapshot_json(${text})snapshot_json\";
  return text;
}
}  // namespace ${NAMESPACE}
")
# Only a changed snapshot rewrites the file (and recompiles it).
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" current)
  if(current STREQUAL source)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${source}")
