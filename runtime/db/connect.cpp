#include "db/backends.hpp"
#include "db/connection.hpp"
#include "schema/naming.hpp"

namespace sqlmodel::db {

void refuse_nul_bytes(std::string_view doing, std::string_view statement, const std::vector<Value>& params) {
  const std::string quoted = "\n  statement: " + schema::naming::printable(statement);
  if (auto at = statement.find('\0'); at != std::string_view::npos)
    throw DatabaseError(std::string(doing) + ": the statement holds a NUL byte at offset " + std::to_string(at) +
                            ", where the database would silently end it; nothing was run" + quoted,
                        schema::naming::printable(statement));
  for (std::size_t i = 0; i < params.size(); ++i)
    if (params[i] && params[i]->find('\0') != std::string::npos)
      throw DatabaseError(std::string(doing) + ": parameter " + std::to_string(i + 1) +
                              " holds a NUL byte, which would silently end the value there; text cannot hold one "
                              "(bytes belong in a blob); nothing was run" + quoted,
                          schema::naming::printable(statement));
}

namespace {

std::unique_ptr<Connection> open(std::string_view url) {
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

}  // namespace

// libpq quotes the parts of a URL it cannot parse (a bad percent escape, an unclosed IPv6
// bracket), password included: every message leaving here has the URL's secrets masked.
std::unique_ptr<Connection> connect(std::string_view url) {
  try {
    return open(url);
  } catch (const DatabaseError& error) {
    throw DatabaseError(mask_url_secrets(error.what(), url), error.statement());
  } catch (const std::invalid_argument& error) {
    throw std::invalid_argument(mask_url_secrets(error.what(), url));
  }
}

}  // namespace sqlmodel::db
