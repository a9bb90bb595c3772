// What the ORM benchmarks share: the 6-column model they write and read, its rows, and the
// timing harness (raw and ORM sides alternate within one run; every figure is printed as the
// median and the best of its runs, with the ratio ORM / raw of each).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "sqlmodel/annotations.hpp"
#include "sqlmodel/orm.hpp"

namespace bench {

struct SQLMODEL_TABLE(.name = "readings") Reading {
  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;
  std::string sensor;
  double value = 0;
  std::int32_t count = 0;
  bool flag = false;
  std::optional<std::string> note;
};

// Both dialects: NOT NULL everywhere but the note.
inline constexpr const char* kReadingsColumns =
    "sensor VARCHAR NOT NULL, value DOUBLE PRECISION NOT NULL, count INTEGER NOT NULL,"
    " flag BOOLEAN NOT NULL, note VARCHAR";

}  // namespace bench

// Stand-in for the code the plugin generates (see include/sqlmodel/model_traits.hpp).
template <>
struct sqlmodel::model_traits<bench::Reading> {
  using R = bench::Reading;
  static constexpr std::string_view model_name = "Reading";
  static constexpr std::string_view table_name = "readings";
  static constexpr auto columns = std::tuple{
      column<&R::id>{.name = "id", .kind = schema::TypeKind::int64, .primary_key = true,
                     .autoincrement = true, .nullable = false},
      column<&R::sensor>{.name = "sensor", .kind = schema::TypeKind::string},
      column<&R::value>{.name = "value", .kind = schema::TypeKind::float64},
      column<&R::count>{.name = "count", .kind = schema::TypeKind::int32},
      column<&R::flag>{.name = "flag", .kind = schema::TypeKind::boolean},
      column<&R::note>{.name = "note", .kind = schema::TypeKind::string},
  };
};

namespace bench {

// Every tenth note is NULL, the others hold a tab (an escape in COPY text).
inline std::vector<Reading> make_readings(int count) {
  std::vector<Reading> rows(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    Reading& row = rows[static_cast<std::size_t>(i)];
    row.sensor = "sensor-" + std::to_string(i % 97);
    row.value = i * 0.5;
    row.count = i;
    row.flag = i % 3 == 0;
    if (i % 10) row.note = "reading\tnumber " + std::to_string(i);
  }
  return rows;
}

template <typename Body>
double seconds_of(Body&& body) {
  auto start = std::chrono::steady_clock::now();
  body();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// One measured operation: the seconds of each run, raw and ORM.
struct Figure {
  const char* name;
  std::vector<double> raw = {}, orm = {};
};

inline double median_of(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  const std::size_t middle = samples.size() / 2;
  return samples.size() % 2 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2;
}
inline double min_of(const std::vector<double>& samples) {
  return *std::min_element(samples.begin(), samples.end());
}

// Runs both sides `runs` times, alternating which goes first so that neither always meets a
// warmer (or busier) machine.
template <typename Raw, typename Orm>
void alternate(int runs, Raw&& run_raw, Orm&& run_orm) {
  for (int run = 0; run < runs; ++run) {
    if (run % 2 == 0) {
      run_raw();
      run_orm();
    } else {
      run_orm();
      run_raw();
    }
  }
}

// Prints each figure's median and best times and their ratios (ORM / raw). The median is the
// figure to quote on a quiet machine; on a busy one the best run is the least disturbed.
inline void print_ratios(const char* title, double target, const std::vector<const Figure*>& figures) {
  const std::size_t runs = figures.empty() ? 0 : figures.front()->raw.size();
  std::printf("%s (%zu runs; ratio = ORM / raw, target <= %.2f)\n", title, runs, target);
  std::printf("%-40s %10s %10s %8s   %10s %10s %8s\n", "", "raw ms", "ORM ms", "ratio", "raw best",
              "ORM best", "ratio");
  for (const Figure* figure : figures) {
    const double raw = median_of(figure->raw), orm = median_of(figure->orm);
    const double raw_best = min_of(figure->raw), orm_best = min_of(figure->orm);
    std::printf("%-40s %10.2f %10.2f %8.3f   %10.2f %10.2f %8.3f\n", figure->name, raw * 1e3,
                orm * 1e3, orm / raw, raw_best * 1e3, orm_best * 1e3, orm_best / raw_best);
  }
}

}  // namespace bench
