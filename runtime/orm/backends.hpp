// The ORM's connection factories, one per backend. Internal to sqlmodel_orm.
#pragma once

#include <memory>
#include <string>

#include "sqlmodel/database.hpp"
#include "sqlmodel/detail/connection.hpp"

namespace sqlmodel::orm {

// Opens (creating if needed) a SQLite file or ":memory:", with foreign keys enforced; its
// statements bind a UUID no column describes in `uuid_without_column`'s form.
std::unique_ptr<detail::Connection> open_sqlite_connection(const std::string& path,
                                                           SqliteUuid uuid_without_column = SqliteUuid::text);

// Opens a libpq connection. Throws ConnectionError when the server cannot be reached.
std::unique_ptr<detail::Connection> open_postgres_connection(const std::string& uri);

}  // namespace sqlmodel::orm
