// The caseload function: how the number of live cases an officer carries
// slows each of them (models/scenario/caseload.h).
#include "models/scenario/caseload.h"

#include <catch2/catch.hpp>

namespace {

using Catch::Matchers::WithinRel;
using models::Caseload;

TEST_CASE("A case progresses at the scenario's pace at the reference caseload", "[caseload]") {
  const Caseload c{.cap = 15, .switching_overhead = 0.04, .reference = 12};
  CHECK_THAT(models::progress_rate(12, c), WithinRel(1.0, 1e-12));
  CHECK_THAT(models::duration_multiplier(12, c), WithinRel(1.0, 1e-12));
}

TEST_CASE("Each case slows as the caseload rises above the reference, and no faster below it",
          "[caseload]") {
  const Caseload c{.cap = 20, .switching_overhead = 0.05, .reference = 8};
  for (int n = 1; n <= 8; ++n) CHECK(models::duration_multiplier(n, c) == 1);
  double before = 1;
  for (int n = 9; n <= 20; ++n) {
    const double m = models::duration_multiplier(n, c);
    CHECK(m > before);
    before = m;
  }
  // 20 cases against 8: 20 (1 + 0.05 x 19) / (8 (1 + 0.05 x 7)) times as long.
  CHECK_THAT(models::duration_multiplier(20, c),
             WithinRel(20 * (1 + 0.05 * 19) / (8 * (1 + 0.05 * 7)), 1e-12));
}

TEST_CASE("With a switching overhead an officer's throughput falls as the caseload rises",
          "[caseload]") {
  const Caseload c{.cap = 30, .switching_overhead = 0.03, .reference = 10};
  double before = 10 * models::progress_rate(10, c);
  for (int n = 11; n <= 30; ++n) {
    const double throughput = n * models::progress_rate(n, c);
    CHECK(throughput < before);
    before = throughput;
  }
}

TEST_CASE("Without a switching overhead time is only shared: throughput stays the same",
          "[caseload]") {
  const Caseload c{.cap = 30, .switching_overhead = 0, .reference = 10};
  for (int n = 10; n <= 30; ++n) CHECK_THAT(n * models::progress_rate(n, c), WithinRel(10.0, 1e-12));
}

TEST_CASE("Below the reference caseload a case goes at the scenario's pace", "[caseload]") {
  const Caseload c{.cap = 5, .switching_overhead = 0.1, .reference = 5};
  CHECK(models::progress_rate(0.2, c) == 1);
  CHECK(models::progress_rate(4.5, c) == 1);
}

TEST_CASE("A team carries officers x cap cases; its mean caseload is live cases per officer",
          "[caseload]") {
  const Caseload c{.cap = 12, .switching_overhead = 0, .reference = 12};
  CHECK(models::case_slots(40, c) == 480);
  CHECK(models::case_slots(0, c) == 0);
  CHECK(models::mean_caseload(300, 40, c) == 7.5);
  CHECK(models::mean_caseload(3, 0, c) == 12);
}

}  // namespace
