// league DATABASE_URL: adds a team and two players, prints the roster.
#include <iostream>
#include <vector>

#include <sqlmodel/orm.hpp>

#include "models.sqlmodel.hpp"
#include "roster.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: league DATABASE_URL\n";
    return 2;
  }
  using namespace league;
  try {
    auto database = sqlmodel::Database::open(argv[1]);
    sqlmodel::Session session(database);
    Team team{.name = "Rovers"};
    session.add(team);
    session.flush();
    std::vector<Player> players{{.team_id = *team.id, .name = "Ada"}, {.team_id = *team.id, .name = "Grace"}};
    session.add_all(players);
    session.commit();
    auto found = session.exec(sqlmodel::select<Player>().where(sqlmodel::col(&Player::team_id) == *team.id));
    std::cout << roster_line(team, found.size()) << '\n';
  } catch (const std::exception& error) {
    std::cerr << "league: " << error.what() << '\n';
    return 1;
  }
  return 0;
}
