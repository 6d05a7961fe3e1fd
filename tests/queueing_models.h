#pragma once

// Queueing models built on the kernel, for checking it against queueing
// theory: an open network of FIFO multi-server stations fed by one Poisson
// source, with probabilistic routing (so M/M/1, M/M/c, M/D/1 and Jackson
// networks are all special cases).
//
// Every random draw comes from a stream named (seed, replication, customer,
// purpose): customer n's interarrival gap (the gap before it arrives), its
// service times and its routing choices. A customer therefore meets the same
// luck whatever happened to the others, and a replication's result depends on
// (seed, replication) alone.
//
// Measurement window: statistics are reset at `warm_up`; arrivals stop at
// `horizon`, where the stations' time averages are read; the run then drains
// so that every customer (and every station visit) that began inside
// [warm_up, horizon) is measured to its end. Under stationarity at `warm_up`
// both the per-customer and the time-average estimators are then unbiased.

#include <cassert>
#include <cstdint>
#include <vector>

#include "sim/distribution.h"
#include "sim/event.h"
#include "sim/random_stream.h"
#include "sim/resource.h"
#include "sim/simulator.h"
#include "sim/time.h"

namespace queueing {

struct StationSpec {
  int servers;
  sim::Distribution service;  // one draw per visit
};

struct NetworkSpec {
  double arrival_rate;  // external Poisson arrivals, all joining `entry`
  std::uint32_t entry;
  std::vector<StationSpec> stations;
  // routing[i][j]: probability of joining station j after a visit to i; the
  // rest of the row's mass leaves the network. Empty (or a short or empty row)
  // means "leave".
  std::vector<std::vector<double>> routing;
  sim::Time warm_up;
  sim::Time horizon;
};

struct StationResult {
  // Time averages over [warm_up, horizon], from the Resource.
  double mean_waiting = 0;  // L_q
  double mean_busy = 0;     // busy servers
  double utilisation = 0;
  // Visits that joined the station's line in [warm_up, horizon).
  std::uint64_t visits = 0;
  double wait_sum = 0;  // their total time in the line

  double mean_wait() const { return wait_sum / static_cast<double>(visits); }
  bool operator==(const StationResult&) const = default;
};

struct NetworkResult {
  std::vector<StationResult> stations;
  double window = 0;            // horizon - warm_up
  std::uint64_t customers = 0;  // external arrivals in [warm_up, horizon)
  double sojourn_sum = 0;       // their total time in the network
  std::uint64_t events_dispatched = 0;
  std::uint64_t events_scheduled = 0;

  double mean_sojourn() const { return sojourn_sum / static_cast<double>(customers); }
  bool operator==(const NetworkResult&) const = default;
};

enum Purpose : sim::Purpose { kInterarrival = 1, kService = 2, kRouting = 3 };

namespace internal {

enum EventKind : std::uint16_t { kArrival = 0, kDeparture = 1 };
// At equal times a departure frees its server before an arrival seizes one.
enum Rank : std::uint16_t { kDepartureRank = 0, kArrivalRank = 1 };

class NetworkRun {
 public:
  NetworkRun(const NetworkSpec& spec, std::uint64_t seed, std::uint64_t replication)
      : spec_(spec),
        seed_(seed),
        replication_(replication),
        interarrival_(sim::Distribution::exponential(1.0 / spec.arrival_rate)) {
    stations_.reserve(spec_.stations.size());
    for (const StationSpec& s : spec_.stations) stations_.emplace_back(s.servers);
    results_.resize(spec_.stations.size());
  }

  NetworkResult run() {
    schedule_arrival(0, 0);
    auto handler = [this](const sim::Event& ev) { dispatch(ev); };
    sim_.run_until(spec_.warm_up, handler);
    for (sim::Resource& r : stations_) r.reset_statistics(sim_.now());
    sim_.run_until(spec_.horizon, handler);
    for (std::size_t i = 0; i < stations_.size(); ++i) {
      results_[i].mean_waiting = stations_[i].mean_waiting(spec_.horizon);
      results_[i].mean_busy = stations_[i].mean_busy(spec_.horizon);
      results_[i].utilisation = stations_[i].utilisation(spec_.horizon);
    }
    sim_.run_until(sim::kNever, handler);  // drain: no arrival is admitted now
    assert(in_system_ == 0);
    NetworkResult out;
    out.stations = results_;
    out.window = spec_.horizon - spec_.warm_up;
    out.customers = customers_;
    out.sojourn_sum = sojourn_sum_;
    out.events_dispatched = sim_.events_dispatched();
    out.events_scheduled = sim_.events_scheduled();
    return out;
  }

 private:
  struct Customer {
    std::uint64_t serial;
    sim::Time entered;
    sim::Time joined;  // joined the current station's line
    bool measured;     // entered inside [warm_up, horizon)
    sim::RandomStream service;
    sim::RandomStream routing;
  };

  bool in_window(sim::Time t) const { return t >= spec_.warm_up && t < spec_.horizon; }

  // Customer `serial` arrives one interarrival gap (its own draw) after `from`.
  void schedule_arrival(std::uint64_t serial, sim::Time from) {
    sim::RandomStream gap(seed_, replication_, serial, kInterarrival);
    sim_.schedule(from + interarrival_.sample(gap), kArrival, sim::kNoEntity, 0, kArrivalRank);
  }

  void dispatch(const sim::Event& ev) {
    if (ev.kind == kArrival) {
      arrive();
    } else {
      depart(ev.target, ev.arg);
    }
  }

  void arrive() {
    const sim::Time now = sim_.now();
    if (now >= spec_.horizon) return;  // the source closes at the horizon
    const std::uint64_t serial = next_serial_++;
    schedule_arrival(serial + 1, now);
    const sim::EntityId slot = allocate(serial, now);
    join(slot, spec_.entry);
  }

  sim::EntityId allocate(std::uint64_t serial, sim::Time now) {
    Customer c{serial,
               now,
               now,
               in_window(now),
               sim::RandomStream(seed_, replication_, serial, kService),
               sim::RandomStream(seed_, replication_, serial, kRouting)};
    ++in_system_;
    if (!free_.empty()) {
      const sim::EntityId slot = free_.back();
      free_.pop_back();
      customers_in_slot_[slot] = c;
      return slot;
    }
    customers_in_slot_.push_back(c);
    return static_cast<sim::EntityId>(customers_in_slot_.size() - 1);
  }

  void join(sim::EntityId slot, std::uint32_t station) {
    const sim::Time now = sim_.now();
    customers_in_slot_[slot].joined = now;
    if (stations_[station].try_seize(slot, now) == sim::SeizeResult::kServed) {
      start_service(slot, station);
    }
  }

  void start_service(sim::EntityId slot, std::uint32_t station) {
    const sim::Time now = sim_.now();
    Customer& c = customers_in_slot_[slot];
    if (in_window(c.joined)) {
      ++results_[station].visits;
      results_[station].wait_sum += now - c.joined;
    }
    const sim::Time service = spec_.stations[station].service.sample(c.service);
    sim_.schedule(now + service, kDeparture, slot, station, kDepartureRank);
  }

  void depart(sim::EntityId slot, std::uint32_t station) {
    const sim::EntityId next = stations_[station].release(sim_.now());
    if (next != sim::kNoEntity) start_service(next, station);
    const std::uint32_t to = route(slot, station);
    if (to != kLeave) {
      join(slot, to);
      return;
    }
    const Customer& c = customers_in_slot_[slot];
    if (c.measured) {
      ++customers_;
      sojourn_sum_ += sim_.now() - c.entered;
    }
    --in_system_;
    free_.push_back(slot);
  }

  static constexpr std::uint32_t kLeave = 0xFFFFFFFFu;

  std::uint32_t route(sim::EntityId slot, std::uint32_t station) {
    if (station >= spec_.routing.size() || spec_.routing[station].empty()) return kLeave;
    const std::vector<double>& row = spec_.routing[station];
    const double u = customers_in_slot_[slot].routing.uniform();
    double cumulative = 0;
    for (std::size_t j = 0; j < row.size(); ++j) {
      cumulative += row[j];
      if (u < cumulative) return static_cast<std::uint32_t>(j);
    }
    return kLeave;
  }

  NetworkSpec spec_;  // a copy: each replication owns its distributions
  std::uint64_t seed_;
  std::uint64_t replication_;
  sim::Distribution interarrival_;
  sim::Simulator sim_;
  std::vector<sim::Resource> stations_;
  std::vector<StationResult> results_;
  std::vector<Customer> customers_in_slot_;
  std::vector<sim::EntityId> free_;
  std::uint64_t next_serial_ = 0;
  std::uint64_t in_system_ = 0;
  std::uint64_t customers_ = 0;
  double sojourn_sum_ = 0;
};

}  // namespace internal

// One replication of the network: a pure function of (spec, seed, replication).
inline NetworkResult simulate(const NetworkSpec& spec, std::uint64_t seed,
                              std::uint64_t replication) {
  return internal::NetworkRun(spec, seed, replication).run();
}

// A single FIFO station with Poisson arrivals: M/G/c.
inline NetworkSpec single_station(double arrival_rate, int servers, sim::Distribution service,
                                  sim::Time warm_up, sim::Time horizon) {
  return NetworkSpec{arrival_rate, 0, {StationSpec{servers, service}}, {}, warm_up, horizon};
}

}  // namespace queueing
