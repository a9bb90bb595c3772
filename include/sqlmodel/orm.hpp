// The ORM in one include: Database, Session, select<T>(), col(), selectinload(), related(),
// the typed errors and the model_traits contract the generated code fulfils.
#pragma once

#include "sqlmodel/database.hpp"
#include "sqlmodel/errors.hpp"
#include "sqlmodel/loading.hpp"
#include "sqlmodel/model_traits.hpp"
#include "sqlmodel/query.hpp"
#include "sqlmodel/session.hpp"
