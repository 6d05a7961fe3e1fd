// The kernel checked against queueing theory, and its exact event-ordering,
// cancellation, capacity and priority rules.
//
// How the statistical tests judge: each model runs kReplications independent
// replications (fixed seed, replication index r), each with a warm-up that is
// discarded (Resource::reset_statistics) and a long measurement window. The
// per-replication estimates are independent and identically distributed, so a
// Student-t interval at kLevel = 99% covers the true mean 99 times in 100; the
// test requires the analytic value to lie inside that interval, unwidened.
// The warm-up (>= 25 relaxation times of the slowest model) leaves an initial
// bias far below the intervals' widths, so no widening factor is needed.
// Each interval must also be narrow (see kMaxRelativeHalfWidth), so a passing
// test really does rule out an error of a few per cent.

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <algorithm>
#include <functional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "queueing_models.h"
#include "sim/confidence_interval.h"
#include "sim/distribution.h"
#include "sim/event.h"
#include "sim/replication_runner.h"
#include "sim/resource.h"
#include "sim/simulator.h"

namespace {

constexpr std::uint64_t kSeed = 20240517;
constexpr std::size_t kReplications = 24;
constexpr unsigned kThreads = 2;
constexpr double kLevel = 0.99;
// An interval wider than this fraction of the analytic value would let a real
// error through; the run lengths below are chosen to stay under it.
constexpr double kMaxRelativeHalfWidth = 0.05;
// Times are in mean service times (mu = 1; the network's stations are within
// a factor 2.5 of that). The slowest model to relax, M/M/1 at rho = 0.9, has
// relaxation time 1 / (mu (1 - sqrt(rho))^2) ~ 380; M/M/8 at 0.95 ~ 190.
constexpr sim::Time kWarmUp = 10'000;

// Erlang C: the probability that an arrival to an M/M/c queue with offered
// load a = lambda / mu (< c) has to wait. Computed through the Erlang B
// recursion B(k) = a B(k-1) / (k + a B(k-1)), which never overflows.
double erlang_c(int c, double a) {
  double b = 1;
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  return c * b / (c - a * (1 - b));
}

// M/M/c mean wait in the line: Wq = C(c, a) / (c mu - lambda).
double mmc_wait(double lambda, double mu, int c) {
  return erlang_c(c, lambda / mu) / (c * mu - lambda);
}

std::vector<queueing::NetworkResult> replicate(const queueing::NetworkSpec& spec,
                                               std::size_t replications = kReplications,
                                               unsigned threads = kThreads) {
  return sim::run_replications<queueing::NetworkResult>(
      replications, threads, [&spec](std::size_t r) { return queueing::simulate(spec, kSeed, r); });
}

std::vector<double> per_replication(
    const std::vector<queueing::NetworkResult>& results,
    const std::function<double(const queueing::NetworkResult&)>& f) {
  std::vector<double> out;
  out.reserve(results.size());
  for (const auto& r : results) out.push_back(f(r));
  return out;
}

std::string describe(const sim::ConfidenceInterval& ci) {
  std::ostringstream s;
  s.precision(6);
  s << "99% CI [" << ci.low << ", " << ci.high << "], mean " << ci.mean << " over " << ci.n
    << " replications";
  return s.str();
}

// REQUIRES the analytic `expected` inside the 99% interval of the
// per-replication values, and the interval narrow relative to `scale`.
void require_covers(const std::string& what, const std::vector<double>& values, double expected,
                    double scale) {
  const sim::ConfidenceInterval ci = sim::confidence_interval(values, kLevel);
  INFO(what << ": expected " << expected << ", " << describe(ci));
  REQUIRE(ci.n == values.size());
  REQUIRE(ci.contains(expected));
  REQUIRE(ci.half_width < kMaxRelativeHalfWidth * scale);
}

// The checks every single-station run gets (requirements: mean wait in the
// line against theory; Little's law between two measured quantities; the
// time-weighted utilisation against lambda / (c mu)).
void check_single_station(const std::vector<queueing::NetworkResult>& results, double lambda,
                          double mu, int servers, double expected_wait) {
  require_covers("mean wait in line Wq",
                 per_replication(results, [](const auto& r) { return r.stations[0].mean_wait(); }),
                 expected_wait, expected_wait);

  // Little's law, L_q = lambda W_q, with both sides measured in the same run:
  // the Resource's time-average line length over [warm-up, horizon] against
  // (visits / window) * (wait_sum / visits). Their difference has mean zero
  // exactly under stationarity, so its interval must cover 0.
  require_covers("Little's law: mean_waiting - lambda_hat * Wq_hat",
                 per_replication(results,
                                 [](const auto& r) {
                                   const auto& s = r.stations[0];
                                   return s.mean_waiting - s.wait_sum / r.window;
                                 }),
                 0.0, lambda * expected_wait);
  // And the time average itself against theory, L_q = lambda W_q.
  require_covers("mean line length L_q",
                 per_replication(results, [](const auto& r) { return r.stations[0].mean_waiting; }),
                 lambda * expected_wait, lambda * expected_wait);

  const double rho = lambda / (servers * mu);
  require_covers("utilisation",
                 per_replication(results, [](const auto& r) { return r.stations[0].utilisation; }),
                 rho, rho);
}

}  // namespace

// --- 1. M/M/1 ---------------------------------------------------------------

TEST_CASE("M/M/1: the mean wait in line is rho / (mu - lambda)", "[kernel][queueing]") {
  const double mu = 1;
  const auto [rho, window] = GENERATE(table<double, double>({
      {0.5, 40'000},
      {0.8, 80'000},
      {0.9, 200'000},
  }));
  const double lambda = rho * mu;
  CAPTURE(rho);
  const auto results = replicate(queueing::single_station(
      lambda, 1, sim::Distribution::exponential(1 / mu), kWarmUp, kWarmUp + window));
  check_single_station(results, lambda, mu, 1, rho / (mu - lambda));
}

// --- 2. M/M/c ---------------------------------------------------------------

TEST_CASE("erlang_c matches hand-computed values", "[kernel][queueing]") {
  // One server: C(1, a) = a.
  REQUIRE(erlang_c(1, 0.9) == Approx(0.9));
  // c = 2, a = 1: C = (a^2/2 * 2) / (1 + a + a^2/2 * 2) = 1 / 3.
  REQUIRE(erlang_c(2, 1.0) == Approx(1.0 / 3.0));
  // c = 3, a = 2: terms 1, 2, 2 and a^3/3! * 3/(3-2) = 4; C = 4 / 9.
  REQUIRE(erlang_c(3, 2.0) == Approx(4.0 / 9.0));
}

TEST_CASE("M/M/c: the mean wait in line follows Erlang C", "[kernel][queueing]") {
  const double mu = 1;
  const auto [servers, rho, window] = GENERATE(table<int, double, double>({
      {3, 0.7, 40'000},
      {3, 0.9, 100'000},
      {8, 0.8, 40'000},
      {8, 0.95, 100'000},
  }));
  const double lambda = rho * servers * mu;
  CAPTURE(servers, rho);
  const auto results = replicate(queueing::single_station(
      lambda, servers, sim::Distribution::exponential(1 / mu), kWarmUp, kWarmUp + window));
  check_single_station(results, lambda, mu, servers, mmc_wait(lambda, mu, servers));
}

// --- 3. M/D/1 ---------------------------------------------------------------

TEST_CASE("M/D/1: the mean wait in line follows Pollaczek-Khinchine", "[kernel][queueing]") {
  const double mu = 1;
  const auto [rho, window] = GENERATE(table<double, double>({
      {0.5, 40'000},
      {0.9, 100'000},
  }));
  const double lambda = rho * mu;
  CAPTURE(rho);
  const auto results = replicate(queueing::single_station(
      lambda, 1, sim::Distribution::fixed(1 / mu), kWarmUp, kWarmUp + window));
  // P-K with zero service variance: Wq = rho / (2 mu (1 - rho)).
  check_single_station(results, lambda, mu, 1, rho / (2 * mu * (1 - rho)));
}

// --- 5. Jackson network with feedback -----------------------------------------

TEST_CASE("a Jackson network with feedback: time in system by Little's law", "[kernel][queueing]") {
  // External arrivals (rate 1) join station 0 (3 servers, mean service 1.35);
  // then station 1 (1 server, mean service 0.4); then back to station 0 with
  // probability 0.5, else leave.
  const double external = 1;
  const double p_back = 0.5;
  const int c0 = 3, c1 = 1;
  const double mu0 = 1 / 1.35, mu1 = 1 / 0.4;
  // Traffic equations: l0 = external + p l1, l1 = l0, so l0 = l1 = external / (1 - p).
  const double l0 = external / (1 - p_back), l1 = l0;
  REQUIRE(l0 / (c0 * mu0) == Approx(0.9));
  REQUIRE(l1 / (c1 * mu1) == Approx(0.8));
  // Product form: each station behaves as an M/M/c with its total arrival rate.
  const double w0 = mmc_wait(l0, mu0, c0) + 1 / mu0;  // sojourn per visit
  const double w1 = mmc_wait(l1, mu1, c1) + 1 / mu1;
  const double big_l0 = l0 * w0, big_l1 = l1 * w1;
  // Little's law on the whole network: T = (L0 + L1) / external.
  const double sojourn = (big_l0 + big_l1) / external;

  queueing::NetworkSpec spec{external,
                             0,
                             {{c0, sim::Distribution::exponential(1 / mu0)},
                              {c1, sim::Distribution::exponential(1 / mu1)}},
                             {{0.0, 1.0}, {p_back, 0.0}},
                             kWarmUp,
                             kWarmUp + 100'000};
  const auto results = replicate(spec);

  require_covers("mean time in system",
                 per_replication(results, [](const auto& r) { return r.mean_sojourn(); }), sojourn,
                 sojourn);
  require_covers("station 0: mean number present (L_q + busy)",
                 per_replication(results,
                                 [](const auto& r) {
                                   return r.stations[0].mean_waiting + r.stations[0].mean_busy;
                                 }),
                 big_l0, big_l0);
  require_covers("station 1: mean number present (L_q + busy)",
                 per_replication(results,
                                 [](const auto& r) {
                                   return r.stations[1].mean_waiting + r.stations[1].mean_busy;
                                 }),
                 big_l1, big_l1);
  require_covers("station 0: utilisation",
                 per_replication(results, [](const auto& r) { return r.stations[0].utilisation; }),
                 l0 / (c0 * mu0), 1);
  require_covers("station 1: utilisation",
                 per_replication(results, [](const auto& r) { return r.stations[1].utilisation; }),
                 l1 / (c1 * mu1), 1);
  // Visit counts obey the traffic equations: 2 visits per customer at each.
  require_covers("station 0: visits per external arrival",
                 per_replication(results,
                                 [](const auto& r) {
                                   return static_cast<double>(r.stations[0].visits) /
                                          static_cast<double>(r.customers);
                                 }),
                 l0 / external, 1);
}

// --- 6. Determinism -------------------------------------------------------------

TEST_CASE("the same seed gives bit-identical results, whatever the thread count",
          "[kernel][queueing]") {
  const queueing::NetworkSpec spec{
      1.0,
      0,
      {{3, sim::Distribution::exponential(1.35)}, {1, sim::Distribution::exponential(0.4)}},
      {{0.0, 1.0}, {0.5, 0.0}},
      100,
      5'000};

  SECTION("one replication run twice") {
    const queueing::NetworkResult a = queueing::simulate(spec, kSeed, 3);
    const queueing::NetworkResult b = queueing::simulate(spec, kSeed, 3);
    REQUIRE(a.events_dispatched > 0);
    REQUIRE(a.events_dispatched == b.events_dispatched);
    REQUIRE(a.events_scheduled == b.events_scheduled);
    REQUIRE(a.customers == b.customers);
    REQUIRE(a.sojourn_sum == b.sojourn_sum);  // doubles compared exactly
    for (std::size_t i = 0; i < a.stations.size(); ++i) {
      REQUIRE(a.stations[i].wait_sum == b.stations[i].wait_sum);
      REQUIRE(a.stations[i].mean_waiting == b.stations[i].mean_waiting);
      REQUIRE(a.stations[i].utilisation == b.stations[i].utilisation);
    }
    REQUIRE(a == b);
  }

  SECTION("another replication or seed gives other results") {
    const queueing::NetworkResult a = queueing::simulate(spec, kSeed, 3);
    REQUIRE(queueing::simulate(spec, kSeed, 4).sojourn_sum != a.sojourn_sum);
    REQUIRE(queueing::simulate(spec, kSeed + 1, 3).sojourn_sum != a.sojourn_sum);
  }

  SECTION("run_replications on 1 and on 2 threads") {
    const auto one = replicate(spec, 8, 1);
    const auto two = replicate(spec, 8, 2);
    REQUIRE(one.size() == 8);
    REQUIRE(two.size() == 8);
    for (std::size_t r = 0; r < one.size(); ++r) {
      CAPTURE(r);
      REQUIRE(one[r].events_dispatched == two[r].events_dispatched);
      REQUIRE(one[r].sojourn_sum == two[r].sojourn_sum);
      REQUIRE(one[r] == two[r]);
      REQUIRE(one[r] == queueing::simulate(spec, kSeed, r));  // slot r holds replication r
    }
  }

  SECTION("arrivals draw only from their own streams (common random numbers)") {
    // Doubling the servers changes every wait but not one arrival time.
    queueing::NetworkSpec faster = spec;
    faster.stations[0].servers = 6;
    const queueing::NetworkResult a = queueing::simulate(spec, kSeed, 3);
    const queueing::NetworkResult b = queueing::simulate(faster, kSeed, 3);
    REQUIRE(a.customers == b.customers);
    REQUIRE(a.sojourn_sum != b.sojourn_sum);
  }
}

// --- 7. Same-time tie-break and cancellation --------------------------------------

namespace {

struct Dispatched {
  sim::Time at;
  std::uint16_t kind;
  bool operator==(const Dispatched&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Dispatched& d) {
  return os << "{" << d.at << ", kind " << d.kind << "}";
}

}  // namespace

TEST_CASE("events at equal times run by rank, then in the order they were scheduled",
          "[kernel][queueing]") {
  sim::Simulator sim;
  // schedule(at, kind, target, arg, rank)
  sim.schedule(2.0, 10, sim::kNoEntity, 0, 0);  // later time beats any rank
  sim.schedule(1.0, 1, sim::kNoEntity, 0, 2);
  sim.schedule(1.0, 2, sim::kNoEntity, 0, 0);
  sim.schedule(1.0, 3, sim::kNoEntity, 0, 1);
  sim.schedule(1.0, 4, sim::kNoEntity, 0, 0);
  sim.schedule(1.0, 5, sim::kNoEntity, 0, 2);
  std::vector<Dispatched> order;
  auto handler = [&](const sim::Event& ev) {
    order.push_back({sim.now(), ev.kind});
    // Scheduled now, for now, at rank 0: it goes after the rank-0 events
    // already waiting and before every rank-1 event.
    if (ev.kind == 2) sim.schedule(sim.now(), 6, sim::kNoEntity, 0, 0);
  };

  SECTION("up to an inclusive horizon, leaving the clock there") {
    sim.run_until(1.0, handler);
    REQUIRE(order == std::vector<Dispatched>{{1, 2}, {1, 4}, {1, 6}, {1, 3}, {1, 1}, {1, 5}});
    REQUIRE(sim.now() == 1.0);
    REQUIRE(sim.pending() == 1);
    sim.run_until(1.5, handler);
    REQUIRE(sim.now() == 1.5);
    REQUIRE(order.size() == 6);
  }

  SECTION("to the end of the calendar") {
    sim.run_until(sim::kNever, handler);
    REQUIRE(order ==
            std::vector<Dispatched>{{1, 2}, {1, 4}, {1, 6}, {1, 3}, {1, 1}, {1, 5}, {2, 10}});
    REQUIRE(sim.now() == 2.0);
    REQUIRE(sim.events_dispatched() == 7);
    REQUIRE(sim.events_scheduled() == 7);
    REQUIRE(sim.pending() == 0);
  }
}

TEST_CASE("cancel_all drops an entity's pending events and no one else's", "[kernel][queueing]") {
  sim::Simulator sim;
  sim.schedule(1.0, 1, 3);
  sim.schedule(2.0, 2, 3);
  sim.schedule(1.5, 3, 7);
  sim.schedule(1.5, 4, 4);  // a neighbouring slot is untouched
  sim.schedule(2.5, 5);     // a source event (no entity)
  std::vector<Dispatched> order;
  auto handler = [&](const sim::Event& ev) { order.push_back({sim.now(), ev.kind}); };

  SECTION("cancelled before the run; events scheduled afterwards still happen") {
    sim.cancel_all(3);
    sim.schedule(3.0, 6, 3);
    sim.run_until(sim::kNever, handler);
    REQUIRE(order == std::vector<Dispatched>{{1.5, 3}, {1.5, 4}, {2.5, 5}, {3.0, 6}});
    REQUIRE(sim.events_dispatched() == 4);
    REQUIRE(sim.events_scheduled() == 6);
  }

  SECTION("cancelled by a handler during the run") {
    auto cancelling = [&](const sim::Event& ev) {
      order.push_back({sim.now(), ev.kind});
      if (ev.kind == 1) sim.cancel_all(7);  // entity 3 cancels entity 7's pending event
    };
    sim.run_until(sim::kNever, cancelling);
    REQUIRE(order == std::vector<Dispatched>{{1.0, 1}, {1.5, 4}, {2.0, 2}, {2.5, 5}});
    REQUIRE(sim.events_dispatched() == 4);
  }

  SECTION("cancelling an entity with nothing pending is harmless") {
    sim.cancel_all(99);
    sim.run_until(sim::kNever, handler);
    REQUIRE(order.size() == 5);
  }
}

// --- 8. Capacity changes ----------------------------------------------------------

TEST_CASE("a capacity drop pre-empts no one and serves no one until in_use < capacity",
          "[kernel][queueing]") {
  // Capacity 2; jobs A, B, C at t = 0; capacity drops to 1 at t = 0.5.
  enum : sim::EntityId { A, B, C, D };
  sim::Resource r(2);
  REQUIRE(r.try_seize(A, 0.0) == sim::SeizeResult::kServed);
  REQUIRE(r.try_seize(B, 0.0) == sim::SeizeResult::kServed);
  REQUIRE(r.try_seize(C, 0.0) == sim::SeizeResult::kQueued);

  r.set_capacity(1, 0.5);
  REQUIRE(r.serve_next(0.5) == sim::kNoEntity);
  REQUIRE(r.capacity() == 1);
  REQUIRE(r.in_use() == 2);  // both keep their units: nobody is pre-empted
  REQUIRE(r.waiting() == 1);

  REQUIRE(r.try_seize(D, 0.75) == sim::SeizeResult::kQueued);
  REQUIRE(r.release(1.0) == sim::kNoEntity);  // the surplus unit retires
  REQUIRE(r.in_use() == 1);
  REQUIRE(r.waiting() == 2);
  REQUIRE(r.serve_next(1.0) == sim::kNoEntity);  // in_use == capacity: still nobody
  REQUIRE(r.release(2.0) == C);                  // now in_use < capacity
  REQUIRE(r.in_use() == 1);
  REQUIRE(r.release(3.0) == D);
  REQUIRE(r.release(4.0) == sim::kNoEntity);
  REQUIRE(r.in_use() == 0);
  REQUIRE(r.waiting() == 0);
  REQUIRE(r.served() == 4);

  // Busy units: 2 on [0,1), 1 on [1,4): 5 unit-days.
  // Capacity:   2 on [0,0.5), 1 on [0.5,4): 4.5 unit-days.
  // Line:       1 on [0,0.75), 2 on [0.75,2), 1 on [2,3): 4.25 job-days.
  const sim::Time t = 4.0;
  REQUIRE(r.mean_busy(t) == 5.0 / 4.0);
  REQUIRE(r.mean_capacity(t) == 4.5 / 4.0);
  REQUIRE(r.mean_waiting(t) == 4.25 / 4.0);
  // Utilisation is over the changed capacity from the moment it changes, so
  // the retiring unit's work on [0.5,1) counts as busy but not as available:
  // here the result exceeds 1.
  REQUIRE(r.utilisation(t) == 5.0 / 4.5);
}

TEST_CASE("a capacity rise hands the new units to waiters in order via serve_next",
          "[kernel][queueing]") {
  enum : sim::EntityId { A, B, C, D };

  SECTION("FIFO") {
    sim::Resource r(1);
    REQUIRE(r.try_seize(A, 0.0) == sim::SeizeResult::kServed);
    REQUIRE(r.try_seize(B, 0.0) == sim::SeizeResult::kQueued);
    REQUIRE(r.try_seize(C, 0.0) == sim::SeizeResult::kQueued);
    REQUIRE(r.try_seize(D, 0.0) == sim::SeizeResult::kQueued);

    r.set_capacity(3, 1.0);
    REQUIRE(r.in_use() == 1);  // set_capacity itself serves nobody
    REQUIRE(r.serve_next(1.0) == B);
    REQUIRE(r.serve_next(1.0) == C);
    REQUIRE(r.serve_next(1.0) == sim::kNoEntity);
    REQUIRE(r.in_use() == 3);
    REQUIRE(r.waiting() == 1);

    REQUIRE(r.release(2.0) == D);
    REQUIRE(r.release(3.0) == sim::kNoEntity);
    REQUIRE(r.release(4.0) == sim::kNoEntity);
    REQUIRE(r.release(5.0) == sim::kNoEntity);
    REQUIRE(r.in_use() == 0);

    // Busy: 1 on [0,1), 3 on [1,3), 2 on [3,4), 1 on [4,5): 10 unit-days.
    // Capacity: 1 on [0,1), 3 on [1,5): 13. Line: 3 on [0,1), 1 on [1,2): 4.
    REQUIRE(r.mean_busy(5.0) == 10.0 / 5.0);
    REQUIRE(r.mean_capacity(5.0) == 13.0 / 5.0);
    REQUIRE(r.utilisation(5.0) == 10.0 / 13.0);
    REQUIRE(r.mean_waiting(5.0) == 4.0 / 5.0);
  }

  SECTION("priority, after a closure to zero") {
    sim::Resource r(1, sim::Discipline::kPriority);
    REQUIRE(r.try_seize(A, 0.0) == sim::SeizeResult::kServed);
    r.set_capacity(0, 0.5);
    REQUIRE(r.try_seize(B, 0.6, 2) == sim::SeizeResult::kQueued);
    REQUIRE(r.try_seize(C, 0.7, 1) == sim::SeizeResult::kQueued);
    REQUIRE(r.try_seize(D, 0.8, 2) == sim::SeizeResult::kQueued);
    REQUIRE(r.release(1.0) == sim::kNoEntity);  // closed: A's unit retires
    REQUIRE(r.in_use() == 0);
    r.set_capacity(2, 2.0);
    REQUIRE(r.serve_next(2.0) == C);  // priority 1 first
    REQUIRE(r.serve_next(2.0) == B);  // then priority 2 in arrival order
    REQUIRE(r.serve_next(2.0) == sim::kNoEntity);
    REQUIRE(r.release(3.0) == D);
  }
}

// --- 9. Priority discipline ---------------------------------------------------------

TEST_CASE("under kPriority a smaller value is served first, ties in arrival order",
          "[kernel][queueing]") {
  enum : sim::EntityId { A, B, C, D, E, F, G };
  const int priority[] = {0, 5, 1, 5, 1, 3, -1};  // A..G

  auto service_order = [&](sim::Discipline discipline) {
    sim::Resource r(1, discipline);
    REQUIRE(r.try_seize(A, 0.0, priority[A]) == sim::SeizeResult::kServed);
    for (sim::EntityId who : {B, C, D, E, F, G}) {
      REQUIRE(r.try_seize(who, static_cast<double>(who), priority[who]) ==
              sim::SeizeResult::kQueued);
    }
    std::vector<sim::EntityId> order;
    for (double t = 10; r.in_use() > 0; ++t) {
      const sim::EntityId next = r.release(t);
      if (next != sim::kNoEntity) order.push_back(next);
    }
    return order;
  };

  REQUIRE(service_order(sim::Discipline::kPriority) ==
          std::vector<sim::EntityId>{G, C, E, F, B, D});
  // kFifo ignores the priority argument.
  REQUIRE(service_order(sim::Discipline::kFifo) == std::vector<sim::EntityId>{B, C, D, E, F, G});

  SECTION("many ties stay in arrival order through the heap") {
    sim::Resource r(1, sim::Discipline::kPriority);
    REQUIRE(r.try_seize(1000, 0.0) == sim::SeizeResult::kServed);
    for (sim::EntityId who = 0; who < 40; ++who) r.try_seize(who, 0.0, who % 3 == 0 ? 0 : 1);
    REQUIRE(r.remove(9, 0.0));  // one gives up; the order of the rest is kept
    REQUIRE_FALSE(r.remove(9, 0.0));
    std::vector<sim::EntityId> expected;
    for (int p : {0, 1})
      for (sim::EntityId who = 0; who < 40; ++who)
        if ((who % 3 == 0 ? 0 : 1) == p && who != 9) expected.push_back(who);
    std::vector<sim::EntityId> order;
    for (double t = 1; r.in_use() > 0; ++t) {
      const sim::EntityId next = r.release(t);
      if (next != sim::kNoEntity) order.push_back(next);
    }
    REQUIRE(order == expected);
  }
}

TEST_CASE("removals, re-joins and compaction keep the line's order and counts",
          "[kernel][queueing]") {
  // A reference line (a vector in service order, searched on removal) against
  // the Resource, whose removals leave marked entries in its heap, over many
  // seizes, give-ups (some re-join at once, some long after, enough to compact
  // the heap many times) and releases. Service order and the time-weighted
  // line length must agree exactly.
  sim::Resource r(2, sim::Discipline::kPriority);
  struct Ref {
    int priority;
    std::uint64_t seq;
    sim::EntityId who;
  };
  std::vector<Ref> ref;
  std::vector<bool> holding(300, false), waiting(300, false);
  std::uint64_t seq = 0, state = 12345;
  auto next = [&state](std::uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % n;
  };
  double ref_area = 0, t = 0;
  int served = 0;
  auto served_from_ref = [&]() {
    const auto first = std::min_element(ref.begin(), ref.end(), [](const Ref& a, const Ref& b) {
      return a.priority != b.priority ? a.priority < b.priority : a.seq < b.seq;
    });
    const sim::EntityId who = first->who;
    ref.erase(first);
    waiting[who] = false;
    holding[who] = true;
    return who;
  };
  for (int step = 0; step < 20000; ++step) {
    const double dt = 0.25 * static_cast<double>(1 + next(4));
    ref_area += static_cast<double>(ref.size()) * dt;
    t += dt;
    auto who = static_cast<sim::EntityId>(next(300));
    const std::uint64_t action = next(10);
    if (action == 9) {  // a unit is released: find a holder
      while (!holding[who]) who = (who + 1) % 300;
    }
    if (!holding[who] && !waiting[who] && action < 5) {
      const int priority = static_cast<int>(next(3));
      const bool free = r.in_use() < r.capacity() && r.waiting() == 0;
      REQUIRE(r.try_seize(who, t, priority) ==
              (free ? sim::SeizeResult::kServed : sim::SeizeResult::kQueued));
      if (free) {
        holding[who] = true;
      } else {
        ref.push_back(Ref{priority, seq++, who});
        waiting[who] = true;
      }
    } else if (waiting[who] && action < 8) {
      REQUIRE(r.remove(who, t));
      REQUIRE_FALSE(r.remove(who, t));
      ref.erase(std::find_if(ref.begin(), ref.end(), [who](const Ref& w) { return w.who == who; }));
      waiting[who] = false;
    } else if (holding[who] && action == 9) {
      holding[who] = false;
      const sim::EntityId got = r.release(t);
      if (ref.empty()) {
        REQUIRE(got == sim::kNoEntity);
      } else {
        REQUIRE(got == served_from_ref());
        ++served;
      }
    } else if (!waiting[who] && !holding[who]) {
      REQUIRE_FALSE(r.remove(who, t));
    }
    REQUIRE(r.waiting() == ref.size());
  }
  REQUIRE(served > 1000);
  REQUIRE(r.mean_waiting(t) == Approx(ref_area / t).epsilon(1e-12));
}
