// The backend factories connect() dispatches to. Internal to the db library: users call
// db::connect(url).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"

namespace sqlmodel::db {

// `path` is a file path or ":memory:". Throws DatabaseError when the file cannot be opened.
std::unique_ptr<Connection> open_sqlite(const std::string& path);

// `uri` is a libpq connection URI (postgresql://...). Only built with SQLMODEL_HAVE_POSTGRES.
std::unique_ptr<Connection> open_postgres(const std::string& uri);

// libpq and sqlite3_prepare read SQL text as C strings, and libpq its parameters too: a NUL byte
// would silently end the statement or the value there (so that a WHERE on "admin\0evil" would
// compare with "admin"). Such a statement or parameter is refused before it reaches them.
void refuse_nul_bytes(std::string_view doing, std::string_view statement, const std::vector<Value>& params = {});

}  // namespace sqlmodel::db
