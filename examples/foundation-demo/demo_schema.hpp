// A small task tracker schema written against the schema model API: what the Clang plugin
// will produce from annotated structs, built by hand until the plugin exists.
#pragma once

#include "sqlmodel/schema.hpp"

namespace demo {

// teams, users and tasks; tasks.status is the enum taskstatus.
sqlmodel::schema::Schema task_tracker_schema();

}  // namespace demo
