// Which of a snapshot's objects sqlmodel-init-db creates, given what the database already holds.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "sqlmodel/dialect.hpp"
#include "sqlmodel/schema.hpp"

namespace sqlmodel::tools {

enum class IfNotEmpty {
  fail,           // the database must hold no table and no enum type
  skip_existing,  // create only the snapshot tables and enum types it lacks (create_all's checkfirst)
};

// The database is not empty and the caller asked to fail in that case.
class DatabaseNotEmpty : public std::runtime_error {
 public:
  DatabaseNotEmpty(std::vector<std::string> tables, std::vector<std::string> enums);
  const std::vector<std::string>& tables() const { return tables_; }
  const std::vector<std::string>& enums() const { return enums_; }

 private:
  std::vector<std::string> tables_, enums_;
};

struct CreationPlan {
  // What render_create_all runs. On SQLite it keeps every enum of the snapshot: enums become
  // CHECK constraints of the tables that use them, and lowering needs their values.
  schema::Schema to_create;
  std::vector<std::string> existing_tables;  // snapshot tables the database already has
  std::vector<std::string> existing_enums;   // snapshot enum types it already has (PostgreSQL)
};

// `existing` is the introspected database. Throws DatabaseNotEmpty under IfNotEmpty::fail when
// it holds any table or enum type, whether or not the snapshot names it.
CreationPlan plan_creation(const schema::Schema& snapshot, const schema::Schema& existing,
                           schema::Dialect dialect, IfNotEmpty if_not_empty);

}  // namespace sqlmodel::tools
