#include "db/backends.hpp"
#include "db/connection.hpp"

namespace sqlmodel::db {

std::unique_ptr<Connection> connect(std::string_view url) {
  Url parsed = parse_url(url);
  switch (parsed.dialect) {
    case schema::Dialect::sqlite:
      return open_sqlite(parsed.sqlite_path);
    case schema::Dialect::postgresql:
#ifdef SQLMODEL_HAVE_POSTGRES
      return open_postgres(parsed.postgres_uri);
#else
      throw DatabaseError(
          "cannot open a postgresql:// URL: this build of sqlmodel has no PostgreSQL backend "
          "(configured with SQLMODEL_WITH_POSTGRES=OFF); install libpqxx-dev and reconfigure "
          "with -DSQLMODEL_WITH_POSTGRES=ON");
#endif
  }
  throw DatabaseError("unknown dialect for URL");
}

}  // namespace sqlmodel::db
