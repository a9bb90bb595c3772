// What the examples of docs/orm.md under fixture OrmTest see (tools/docs_examples.py): the
// ORM's public headers, the blog models and their helpers (make_user, StatementLog).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "support/orm_fixture.hpp"
#include "sqlmodel/loading.hpp"
#include "sqlmodel/orm.hpp"
#include "sqlmodel/session.hpp"

namespace sqlmodel::testing::docs {
using namespace sqlmodel::testing::orm;  // OrmTest, the blog models, make_user
}
