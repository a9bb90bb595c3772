// What the examples of docs/orm.md under fixture OrmInheritanceTest see
// (tools/docs_examples.py): the single-table inheritance models (Employee and its Manager,
// Director and Engineer children) and <sqlmodel/polymorphic.hpp>.
#pragma once

#include <variant>

#include "integration/orm_inheritance_fixture.hpp"
#include "sqlmodel/polymorphic.hpp"

namespace sqlmodel::testing::docs {
using namespace sqlmodel::testing::sti;  // OrmInheritanceTest, Employee and its children
}
