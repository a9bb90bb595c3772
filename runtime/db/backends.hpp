// The backend factories connect() dispatches to. Internal to the db library: users call
// db::connect(url).
#pragma once

#include <memory>
#include <string>

#include "db/connection.hpp"

namespace sqlmodel::db {

// `path` is a file path or ":memory:". Throws DatabaseError when the file cannot be opened.
std::unique_ptr<Connection> open_sqlite(const std::string& path);

// `uri` is a libpq connection URI (postgresql://...). Only built with SQLMODEL_HAVE_POSTGRES.
std::unique_ptr<Connection> open_postgres(const std::string& uri);

}  // namespace sqlmodel::db
