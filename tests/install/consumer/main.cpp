// league DATABASE_URL: adds a team and its players, reads them back with their team loaded
// eagerly, updates one, deletes one. Prints what it reads, for the test to compare.
#include <iostream>
#include <vector>

#include <sqlmodel/orm.hpp>

#include "league.sqlmodel.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: league DATABASE_URL\n";
    return 2;
  }
  using namespace league;
  using sqlmodel::col;
  try {
    auto database = sqlmodel::Database::open(argv[1]);
    sqlmodel::Session session(database);

    Team rovers{.name = "Rovers"};
    session.add(rovers);
    session.flush();
    std::vector<Player> players{{.team_id = *rovers.id, .name = "Ada", .goals = 3},
                                {.team_id = *rovers.id, .name = "Grace", .goals = 1}};
    session.add_all(players);
    session.commit();

    for (const Team& team : session.exec(sqlmodel::select<Team>().options(sqlmodel::selectinload(&Team::players)))) {
      std::cout << "team " << team.name << ":";
      for (const auto& player : team.players.get()) std::cout << ' ' << player->name << '=' << player->goals;
      std::cout << '\n';
    }

    players[1].goals = 5;
    session.update(players[1]);
    session.commit();
    auto scorers = session.exec(sqlmodel::select<Player>()
                                    .where(col(&Player::goals) >= 4)
                                    .options(sqlmodel::selectinload(&Player::team)));
    for (const Player& player : scorers) std::cout << "scorer " << player.name << " of " << player.team->name << '\n';

    session.delete_(players[0]);
    session.commit();
    std::cout << "players left " << session.exec(sqlmodel::select<Player>()).size() << '\n';
  } catch (const std::exception& error) {
    std::cerr << "league: " << error.what() << '\n';
    return 1;
  }
  return 0;
}
