// What the examples of docs/orm.md see (tools/docs_examples.py): the ORM's public headers, the
// test models and their helpers (make_user, StatementLog), and `using namespace sqlmodel`.
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
