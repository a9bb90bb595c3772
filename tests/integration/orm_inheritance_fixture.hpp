// The fixture of the single-table inheritance suite (orm_inheritance_test.cpp and the
// select_polymorphic examples of docs/orm.md): on each backend, the tables exactly as the
// plugin's snapshot of orm_inheritance_models.hpp describes them, created empty.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "orm_inheritance_models.sqlmodel.hpp"
#include "schema/ddl.hpp"
#include "schema/snapshot_json.hpp"
#include "sqlmodel/database.hpp"
#include "sqlmodel/orm.hpp"
#include "sqlmodel/session.hpp"
#include "support/test_databases.hpp"

namespace sqlmodel::testing::sti {

class OrmInheritanceTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    SQLMODEL_REQUIRE_DATABASE(url, GetParam(), "");
    database_.emplace(Database::open(url));
    std::string reset = "DROP TABLE IF EXISTS sti_employees; DROP TABLE IF EXISTS sti_departments; "
                        "DROP TABLE IF EXISTS sti_vehicles;";
    if (GetParam() == Backend::postgres) reset += " DROP TYPE IF EXISTS vehiclekind;";
    database_->exec_script(reset);
    // The tables exactly as the plugin's snapshot of the models describes them.
    const schema::Schema models = schema::read_snapshot_file(SQLMODEL_STI_SNAPSHOT);
    std::string script;
    for (const std::string& statement : schema::render_create_all(models, database_->dialect()))
      script += statement + ";\n";
    database_->exec_script(script);
  }

  Database& db() { return *database_; }

  // The discriminator column as stored, by key order (no member holds Employee's).
  std::vector<std::string> stored_kinds(Session& session) {
    std::vector<std::string> kinds;
    for (auto& [kind] : session.exec(text<std::tuple<std::string>>(
             "SELECT kind FROM sti_employees ORDER BY id")))
      kinds.push_back(kind);
    return kinds;
  }

  // One of each: a plain Employee, a Manager, a Director (a Manager's child), an Engineer.
  void add_staff(Session& session, Department* department = nullptr) {
    employee_.name = "Erin";
    manager_.name = "Mona";
    manager_.budget = 1250.5;
    director_.name = "Dora";
    director_.budget = 9000;
    director_.office = "B-101";
    engineer_.name = "Enzo";
    engineer_.language = "C++";
    engineer_.level = 3;
    if (department) {
      for (Employee* person : std::initializer_list<Employee*>{&employee_, &manager_, &director_, &engineer_})
        person->department_id = department->id;
    }
    session.add(employee_);
    session.add(manager_);
    session.add(director_);
    session.add(engineer_);
    session.commit();
  }

  Employee employee_;
  Manager manager_;
  Director director_;
  Engineer engineer_;

 private:
  std::optional<Database> database_;
};

}  // namespace sqlmodel::testing::sti
