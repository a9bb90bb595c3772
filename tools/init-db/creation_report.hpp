// The lines sqlmodel-init-db prints about what it created.
#pragma once

#include <string>
#include <vector>

#include "sqlmodel/dialect.hpp"
#include "sqlmodel/schema.hpp"

namespace sqlmodel::tools {

// One line per created object, in creation order: enum types (PostgreSQL), then each table
// followed by the CHECKs standing in for its enum columns (SQLite), then indexes.
//   created enum type taskstatus (todo, doing, done)
//   created table users (4 columns)
//   created check ck_tasks_status_enum on tasks.status (enum taskstatus: todo, doing, done)
//   created unique index ix_users_email on users (email)
std::vector<std::string> describe_creation(const schema::Schema& created, schema::Dialect dialect);

// "3 tables, 2 indexes and 1 enum type"; "nothing" when the schema is empty.
std::string summarize_creation(const schema::Schema& created, schema::Dialect dialect);

}  // namespace sqlmodel::tools
