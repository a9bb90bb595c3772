// Which dialects `lint` (and the lint `revision` runs) looks at.
#pragma once

#include <string>
#include <vector>

#include "context.hpp"
#include "sqlmodel/dialect.hpp"

namespace sqlmodel::migrate::cli {

// `option` is --dialect: postgresql, sqlite or both. Empty: the project's dialect, from the
// database URL (--url, $SQLMODEL_DATABASE_URL, sqlmodel.toml), or both when there is none.
std::vector<schema::Dialect> lint_dialects(const std::string& option, Context& context);

}  // namespace sqlmodel::migrate::cli
