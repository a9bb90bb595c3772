// Single-table inheritance through the ORM, on a real SQLite file and a real PostgreSQL server,
// against the traits and tables the sqlmodel plugin generates for orm_inheritance_models.hpp:
// the discriminator written on insert, each model's reads filtered to its own rows and its
// descendants', polymorphic loading into a std::variant, and child columns round-tripping.
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration/orm_inheritance_fixture.hpp"
#include "sqlmodel/database.hpp"
#include "sqlmodel/orm.hpp"
#include "sqlmodel/polymorphic.hpp"
#include "sqlmodel/session.hpp"
#include "support/test_databases.hpp"

namespace sqlmodel::testing::sti {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

template <typename Model>
std::vector<std::string> names(const std::vector<Model>& rows) {
  std::vector<std::string> result;
  for (const Model& row : rows) result.push_back(row.name);
  return result;
}
template <typename Model>
std::vector<std::string> names(const std::vector<std::shared_ptr<Model>>& rows) {
  std::vector<std::string> result;
  for (const auto& row : rows) result.push_back(row->name);
  return result;
}

TEST_P(OrmInheritanceTest, InsertWritesEachModelsIdentityIntoTheDiscriminator) {
  Session session(db());
  add_staff(session);
  ASSERT_TRUE(employee_.id && manager_.id && director_.id && engineer_.id);
  EXPECT_THAT(stored_kinds(session), ElementsAre("employee", "manager", "director", "engineer"));
}

TEST_P(OrmInheritanceTest, EachChildsSelectReadsItsOwnAndItsDescendantsRowsTheRootsReadsAll) {
  Session session(db());
  add_staff(session);
  const auto by_id = col(&Employee::id);
  EXPECT_THAT(names(session.exec(select<Employee>().order_by(by_id))),
              ElementsAre("Erin", "Mona", "Dora", "Enzo"));
  EXPECT_THAT(names(session.exec(select<Manager>().order_by(by_id))), ElementsAre("Mona", "Dora"));
  EXPECT_THAT(names(session.exec(select<Director>())), ElementsAre("Dora"));
  EXPECT_THAT(names(session.exec(select<Engineer>())), ElementsAre("Enzo"));
  // The caller's where() is combined with the discriminator filter, not replacing it.
  EXPECT_THAT(names(session.exec(select<Manager>().where(col(&Manager::budget) > 5000.0))),
              ElementsAre("Dora"));
  EXPECT_TRUE(session.exec(select<Engineer>().where(col(&Engineer::level).is_null())).empty())
      << "an Employee or Manager row (level NULL) is not an Engineer";
}

TEST_P(OrmInheritanceTest, GetOfAChildFindsOnlyRowsOfThatModelOrItsDescendants) {
  Session session(db());
  add_staff(session);
  EXPECT_FALSE(session.get<Manager>(*engineer_.id).has_value()) << "an engineer's key is no Manager";
  EXPECT_FALSE(session.get<Manager>(*employee_.id).has_value()) << "a plain employee is no Manager";
  EXPECT_FALSE(session.get<Director>(*manager_.id).has_value());
  EXPECT_FALSE(session.get<Engineer>(*manager_.id).has_value());
  ASSERT_TRUE(session.get<Manager>(*director_.id).has_value()) << "a Director is a Manager";
  EXPECT_EQ(session.get<Manager>(*director_.id)->budget, std::optional<double>(9000));
  EXPECT_EQ(session.get_one<Employee>(*engineer_.id).name, "Enzo") << "the root finds every row";
  try {
    session.get_one<Manager>(*engineer_.id);
    FAIL() << "get_one<Manager> of an engineer's key found a row";
  } catch (const NotFound& error) {
    EXPECT_EQ(error.table(), "sti_employees");
    EXPECT_THAT(error.what(), HasSubstr("no Manager"));
  }
}

TEST_P(OrmInheritanceTest, ChildColumnsRoundTripThroughInsertUpdateAndRefresh) {
  Session session(db());
  add_staff(session);
  Session reader(db());
  Director director = reader.get_one<Director>(*director_.id);
  EXPECT_EQ(director.name, "Dora");
  EXPECT_EQ(director.budget, std::optional<double>(9000));
  EXPECT_EQ(director.office, std::optional<std::string>("B-101"));
  Engineer engineer = reader.get_one<Engineer>(*engineer_.id);
  EXPECT_EQ(engineer.language, std::optional<std::string>("C++"));
  EXPECT_EQ(engineer.level, std::optional<std::int32_t>(3));

  director.office = "C-3";
  director.budget = std::nullopt;
  reader.update(director);
  reader.commit();
  Session other(db());
  Director stored = other.get_one<Director>(*director_.id);
  EXPECT_EQ(stored.office, std::optional<std::string>("C-3"));
  EXPECT_EQ(stored.budget, std::nullopt);
  EXPECT_THAT(stored_kinds(other), ElementsAre("employee", "manager", "director", "engineer"))
      << "an UPDATE keeps the discriminator";

  Manager manager = manager_;
  manager.budget = -1;
  other.refresh(manager);
  EXPECT_EQ(manager.budget, std::optional<double>(1250.5));
}

TEST_P(OrmInheritanceTest, PolymorphicLoadConstructsEachRowAsTheModelItsDiscriminatorNames) {
  Session session(db());
  add_staff(session);
  auto rows = session.exec(select_polymorphic<Employee>().order_by(col(&Employee::id)));
  static_assert(std::is_same_v<decltype(rows)::value_type,
                               std::variant<Employee, Manager, Director, Engineer>>);
  ASSERT_EQ(rows.size(), 4u);
  ASSERT_TRUE(std::holds_alternative<Employee>(rows[0]));
  EXPECT_EQ(std::get<Employee>(rows[0]).name, "Erin");
  ASSERT_TRUE(std::holds_alternative<Manager>(rows[1]));
  EXPECT_EQ(std::get<Manager>(rows[1]).budget, std::optional<double>(1250.5));
  ASSERT_TRUE(std::holds_alternative<Director>(rows[2]));
  EXPECT_EQ(std::get<Director>(rows[2]).office, std::optional<std::string>("B-101"));
  EXPECT_EQ(std::get<Director>(rows[2]).budget, std::optional<double>(9000));
  ASSERT_TRUE(std::holds_alternative<Engineer>(rows[3]));
  EXPECT_EQ(std::get<Engineer>(rows[3]).language, std::optional<std::string>("C++"));
  EXPECT_EQ(std::get<Engineer>(rows[3]).id, engineer_.id);

  // where / limit / offset as on select<Employee>().
  auto filtered = session.exec(select_polymorphic<Employee>()
                                   .where(col(&Employee::name).like("D%") || col(&Employee::name) == "Enzo")
                                   .order_by(col(&Employee::id))
                                   .limit(1)
                                   .offset(1));
  ASSERT_EQ(filtered.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<Engineer>(filtered[0]));
}

TEST_P(OrmInheritanceTest, AnUnknownDiscriminatorValueIsAnErrorNamingTableValueAndKnownIdentities) {
  Session session(db());
  add_staff(session);
  session.exec_script("INSERT INTO sti_employees (name, kind) VALUES ('Ivy', 'intern')");
  session.commit();  // the failed load below rolls its transaction back, as any failure does
  try {
    session.exec(select_polymorphic<Employee>());
    FAIL() << "a row of an unknown identity was loaded";
  } catch (const UnknownPolymorphicIdentity& error) {
    EXPECT_EQ(error.table(), "sti_employees");
    EXPECT_EQ(error.value(), "intern");
    EXPECT_THAT(error.what(), HasSubstr("table 'sti_employees'"));
    EXPECT_THAT(error.what(), HasSubstr("kind = 'intern'"));
    EXPECT_THAT(error.what(), HasSubstr("'employee', 'manager', 'director', 'engineer'"));
  }
  // Typed reads do not see it as a child, and the root reads it as an Employee.
  EXPECT_EQ(session.exec(select<Manager>()).size(), 2u);
  EXPECT_EQ(session.exec(select<Employee>()).size(), 5u);
}

TEST_P(OrmInheritanceTest, AnEnumMemberDiscriminatorIsAssignedFromTheIdentityOnAdd) {
  Session session(db());
  Car car;
  car.plate = "CAR-1";
  car.seats = 5;
  Truck truck;
  truck.plate = "TRK-1";
  truck.payload_tons = 7.5;
  ASSERT_EQ(truck.kind, VehicleKind::car) << "the member's initializer, before add()";
  session.add(car);
  session.add(truck);
  EXPECT_EQ(truck.kind, VehicleKind::truck) << "add() writes the identity into the member";
  session.commit();

  auto trucks = session.exec(select<Truck>());
  ASSERT_EQ(trucks.size(), 1u);
  EXPECT_EQ(trucks[0].plate, "TRK-1");
  EXPECT_EQ(trucks[0].payload_tons, std::optional<double>(7.5));
  EXPECT_FALSE(session.get<Car>(*truck.id).has_value());
  EXPECT_EQ(session.get_one<Car>(*car.id).seats, std::optional<std::int32_t>(5));

  // An abstract root: its models are the children only.
  auto vehicles = session.exec(select_polymorphic<Vehicle>().order_by(col(&Vehicle::id)));
  static_assert(std::is_same_v<decltype(vehicles)::value_type, std::variant<Car, Truck>>);
  ASSERT_EQ(vehicles.size(), 2u);
  EXPECT_EQ(std::get<Car>(vehicles[0]).seats, std::optional<std::int32_t>(5));
  EXPECT_EQ(std::get<Truck>(vehicles[1]).kind, VehicleKind::truck);
}

TEST_P(OrmInheritanceTest, UpdateAndDeleteByCriteriaOfAChildTouchOnlyItsOwnAndItsDescendantsRows) {
  Session session(db());
  add_staff(session);
  // Every row matches the criteria; the child's statements still touch only its subtree.
  EXPECT_EQ(session.exec(update<Manager>().set(&Manager::name, std::string("Boss")).all()), 2);
  EXPECT_EQ(session.exec(update<Engineer>().set(&Engineer::name, std::string("Dev"))
                             .where(col(&Engineer::id) > std::int64_t{0})),
            1);
  session.commit();
  EXPECT_THAT(names(session.exec(select<Employee>().order_by(col(&Employee::id)))),
              ElementsAre("Erin", "Boss", "Boss", "Dev"));

  EXPECT_EQ(session.exec(delete_<Director>().all()), 1);
  EXPECT_EQ(session.exec(delete_<Manager>().where(col(&Manager::id) > std::int64_t{0})), 1);
  session.commit();
  EXPECT_THAT(stored_kinds(session), ElementsAre("employee", "engineer"));
  // The root's statements are not filtered.
  EXPECT_EQ(session.exec(delete_<Employee>().all()), 2);
}

TEST_P(OrmInheritanceTest, BulkInsertWritesEachModelsIdentity) {
  Session session(db());
  std::vector<Manager> managers(2);
  managers[0].name = "Mia";
  managers[0].budget = 10;
  managers[1].name = "Max";
  std::vector<Engineer> engineers(1);
  engineers[0].name = "Eve";
  engineers[0].level = 2;
  session.bulk_insert(managers);   // no member holds Employee's discriminator: an extra column
  session.bulk_insert(engineers);
  session.commit();
  EXPECT_THAT(stored_kinds(session), ElementsAre("manager", "manager", "engineer"));
  EXPECT_THAT(names(session.exec(select<Manager>().order_by(col(&Manager::id)))), ElementsAre("Mia", "Max"));
  EXPECT_EQ(session.exec(select<Engineer>()).at(0).level, std::optional<std::int32_t>(2));

  // add() after bulk_insert shares its INSERT on SQLite: both write the identity.
  Manager later;
  later.name = "Lou";
  session.add(later);
  session.commit();
  EXPECT_THAT(stored_kinds(session), ElementsAre("manager", "manager", "engineer", "manager"));

  // A member discriminator: the const objects keep their value, the rows get the identity.
  std::vector<Truck> trucks(1);
  trucks[0].plate = "TRK-9";
  ASSERT_EQ(trucks[0].kind, VehicleKind::car);
  session.bulk_insert(trucks);
  session.commit();
  auto stored = session.exec(select<Truck>());
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].kind, VehicleKind::truck);
  EXPECT_TRUE(session.exec(select<Car>()).empty());
}

TEST_P(OrmInheritanceTest, LoadingARelationshipToAChildLoadsOnlyThatChildsRows) {
  Session session(db());
  Department sales;
  sales.name = "Sales";
  session.add(sales);
  session.commit();
  add_staff(session, &sales);

  auto departments = session.exec(select<Department>().options(selectinload(&Department::managers),
                                                               selectinload(&Department::staff)));
  ASSERT_EQ(departments.size(), 1u);
  EXPECT_THAT(names(departments[0].managers.get()), ElementsAre("Dora", "Mona"))
      << "a Director is a Manager; the plain employee and the engineer are not";
  EXPECT_THAT(names(departments[0].staff.get()), ElementsAre("Dora", "Enzo", "Erin", "Mona"));
  ASSERT_EQ(departments[0].managers.get().size(), 2u);
  EXPECT_EQ(departments[0].managers.get()[0]->budget, std::optional<double>(9000));

  auto joined = session.exec(select<Department>().options(joinedload(&Department::managers)));
  ASSERT_EQ(joined.size(), 1u);
  EXPECT_THAT(names(joined[0].managers.get()), ElementsAre("Dora", "Mona"));

  Department reloaded = session.get_one<Department>(*sales.id);
  session.load(reloaded, &Department::managers);
  EXPECT_THAT(names(reloaded.managers.get()), ElementsAre("Dora", "Mona"));
}

INSTANTIATE_TEST_SUITE_P(Backends, OrmInheritanceTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         backend_name);

}  // namespace
}  // namespace sqlmodel::testing::sti
