// The court-pipeline benchmark on the casesim kernel (see the shared
// bench/README.md for the model and the output contract).
//
//   court_pipeline_bench [--days H] [--seed S] [--courtrooms C]
//                        [--streams per-purpose|per-case]
//
// Prints one line:
//   tool=casesim H=.. seed=.. courtrooms=.. completed=.. mean_tis=.. events=..
//   wall_s=.. events_per_s=.. peak_rss_mb=..
//
// Events are counted as the README defines them: arrivals + service starts +
// service ends + adjournment ends, up to H. Every dispatched event is an
// arrival, a service end or an adjournment end; service starts are counted
// where a unit is taken.
//
// Cases live in recycled slots (a free list of slot ids), so the slot table,
// the per-slot streams and the simulator's generation table are bounded by the
// cases in the system at once, not by the cases ever created. A case is freed
// from inside the handler of its own last event, so it has nothing pending and
// no cancel_all() is needed.
//
// Random numbers: `--streams per-purpose` (the default) uses one stream per
// purpose keyed by (seed, 0, 0, purpose). `--streams per-case` gives each case
// its own stream per purpose keyed by (seed, 0, case number, purpose): the
// common-random-numbers design of the real model, measured here for its cost.

#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "sim/distribution.h"
#include "sim/event.h"
#include "sim/random_stream.h"
#include "sim/resource.h"
#include "sim/simulator.h"

namespace {

enum Kind : std::uint16_t { kArrival, kEndInvestigation, kEndCharging, kEndTrial, kEndAdjournment };

enum Purpose : sim::Purpose {
  kArrivals = 1,
  kInvestigation = 2,
  kCharging = 3,
  kTrial = 4,
  kAdjournment = 5,
  kBranching = 6,
};

struct Options {
  double days = 36500.0;
  std::uint64_t seed = 1;
  int courtrooms = 8;
  bool per_case = false;
};

[[noreturn]] void usage(const char* argv0, const char* problem) {
  if (problem != nullptr) std::fprintf(stderr, "court_pipeline_bench: %s\n", problem);
  std::fprintf(stderr,
               "usage: %s [--days H] [--seed S] [--courtrooms C] "
               "[--streams per-purpose|per-case]\n",
               argv0);
  std::exit(problem != nullptr ? 2 : 0);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") usage(argv[0], nullptr);
    std::string name = arg;
    std::string value;
    if (const auto eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    } else {
      if (i + 1 >= argc) usage(argv[0], ("missing value for " + arg).c_str());
      value = argv[++i];
    }
    char* end = nullptr;
    if (name == "--days") {
      o.days = std::strtod(value.c_str(), &end);
      if (*end != '\0' || !(o.days > 0)) usage(argv[0], "--days must be a positive number");
    } else if (name == "--seed") {
      o.seed = std::strtoull(value.c_str(), &end, 10);
      if (*end != '\0' || value.empty() || value[0] == '-') usage(argv[0], "--seed must be a non-negative integer");
    } else if (name == "--courtrooms") {
      const long c = std::strtol(value.c_str(), &end, 10);
      if (*end != '\0' || c < 1 || c > 1000000) usage(argv[0], "--courtrooms must be a positive integer");
      o.courtrooms = static_cast<int>(c);
    } else if (name == "--streams") {
      if (value == "per-purpose") o.per_case = false;
      else if (value == "per-case") o.per_case = true;
      else usage(argv[0], "--streams must be per-purpose or per-case");
    } else {
      usage(argv[0], ("unknown option " + arg).c_str());
    }
  }
  return o;
}

// One stream per purpose, shared by every case.
class SharedStreams {
 public:
  explicit SharedStreams(std::uint64_t seed)
      : investigation_(seed, 0, 0, kInvestigation),
        charging_(seed, 0, 0, kCharging),
        trial_(seed, 0, 0, kTrial),
        adjournment_(seed, 0, 0, kAdjournment),
        branching_(seed, 0, 0, kBranching) {}

  void admit(sim::EntityId /*slot*/, std::uint64_t /*case_number*/) {}
  sim::RandomStream& investigation(sim::EntityId) { return investigation_; }
  sim::RandomStream& charging(sim::EntityId) { return charging_; }
  sim::RandomStream& trial(sim::EntityId) { return trial_; }
  sim::RandomStream& adjournment(sim::EntityId) { return adjournment_; }
  sim::RandomStream& branching(sim::EntityId) { return branching_; }

 private:
  sim::RandomStream investigation_, charging_, trial_, adjournment_, branching_;
};

// One stream per (case, purpose), held in the case's slot.
class PerCaseStreams {
 public:
  explicit PerCaseStreams(std::uint64_t seed) : seed_(seed) {}

  void admit(sim::EntityId slot, std::uint64_t case_number) {
    Streams s{{seed_, 0, case_number, kInvestigation},
              {seed_, 0, case_number, kCharging},
              {seed_, 0, case_number, kTrial},
              {seed_, 0, case_number, kAdjournment},
              {seed_, 0, case_number, kBranching}};
    if (slot == slots_.size()) slots_.push_back(s);
    else slots_[slot] = s;
  }
  sim::RandomStream& investigation(sim::EntityId slot) { return slots_[slot].investigation; }
  sim::RandomStream& charging(sim::EntityId slot) { return slots_[slot].charging; }
  sim::RandomStream& trial(sim::EntityId slot) { return slots_[slot].trial; }
  sim::RandomStream& adjournment(sim::EntityId slot) { return slots_[slot].adjournment; }
  sim::RandomStream& branching(sim::EntityId slot) { return slots_[slot].branching; }

 private:
  struct Streams {
    sim::RandomStream investigation, charging, trial, adjournment, branching;
  };
  std::uint64_t seed_;
  std::vector<Streams> slots_;
};

struct Result {
  std::uint64_t completed = 0;
  double sum_tis = 0;
  std::uint64_t events = 0;
};

template <class Streams>
Result run(const Options& o) {
  sim::Simulator sim(1024);
  sim::Resource investigators(40), prosecutors(6), courtrooms(o.courtrooms);

  const auto interarrival = sim::Distribution::exponential(1.0 / 10.0);
  const auto investigation = sim::Distribution::exponential(3.5);
  const auto charging = sim::Distribution::exponential(0.5);
  const auto trial = sim::Distribution::exponential(1.0);
  const auto adjournment = sim::Distribution::exponential(30.0);

  sim::RandomStream arrivals(o.seed, 0, 0, kArrivals);
  Streams streams(o.seed);

  // Case slots: arrival time by slot id, and a free list of slot ids.
  std::vector<sim::Time> arrived_at;
  std::vector<sim::EntityId> free_slots;
  std::uint64_t cases_created = 0;

  Result r;
  std::uint64_t starts = 0;

  auto admit = [&](sim::Time now) -> sim::EntityId {
    sim::EntityId slot;
    if (!free_slots.empty()) {
      slot = free_slots.back();
      free_slots.pop_back();
      arrived_at[slot] = now;
    } else {
      slot = static_cast<sim::EntityId>(arrived_at.size());
      arrived_at.push_back(now);
    }
    streams.admit(slot, cases_created++);
    return slot;
  };
  auto finish = [&](sim::EntityId slot, sim::Time now) {
    ++r.completed;
    r.sum_tis += now - arrived_at[slot];
    free_slots.push_back(slot);
  };
  auto start_investigation = [&](sim::EntityId who, sim::Time now) {
    ++starts;
    sim.schedule(now + investigation.sample(streams.investigation(who)), kEndInvestigation, who);
  };
  auto start_charging = [&](sim::EntityId who, sim::Time now) {
    ++starts;
    sim.schedule(now + charging.sample(streams.charging(who)), kEndCharging, who);
  };
  auto start_trial = [&](sim::EntityId who, sim::Time now) {
    ++starts;
    sim.schedule(now + trial.sample(streams.trial(who)), kEndTrial, who);
  };

  sim.schedule(interarrival.sample(arrivals), kArrival);

  sim.run_until(o.days, [&](const sim::Event& ev) {
    const sim::Time now = ev.at;
    const sim::EntityId who = ev.target;
    switch (ev.kind) {
      case kArrival: {
        sim.schedule(now + interarrival.sample(arrivals), kArrival);
        const sim::EntityId slot = admit(now);
        if (investigators.try_seize(slot, now) == sim::SeizeResult::kServed) start_investigation(slot, now);
        break;
      }
      case kEndInvestigation: {
        if (const sim::EntityId next = investigators.release(now); next != sim::kNoEntity)
          start_investigation(next, now);
        if (streams.branching(who).uniform() < 0.5) finish(who, now);
        else if (prosecutors.try_seize(who, now) == sim::SeizeResult::kServed) start_charging(who, now);
        break;
      }
      case kEndCharging: {
        if (const sim::EntityId next = prosecutors.release(now); next != sim::kNoEntity)
          start_charging(next, now);
        if (streams.branching(who).uniform() < 0.3) finish(who, now);
        else if (courtrooms.try_seize(who, now) == sim::SeizeResult::kServed) start_trial(who, now);
        break;
      }
      case kEndTrial: {
        if (const sim::EntityId next = courtrooms.release(now); next != sim::kNoEntity)
          start_trial(next, now);
        if (streams.branching(who).uniform() < 0.25)
          sim.schedule(now + adjournment.sample(streams.adjournment(who)), kEndAdjournment, who);
        else
          finish(who, now);
        break;
      }
      case kEndAdjournment: {
        if (courtrooms.try_seize(who, now) == sim::SeizeResult::kServed) start_trial(who, now);
        break;
      }
      default:
        break;
    }
  });

  r.events = sim.events_dispatched() + starts;
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);

  const auto wall0 = std::chrono::steady_clock::now();
  const Result r = o.per_case ? run<PerCaseStreams>(o) : run<SharedStreams>(o);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double peak_rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB

  std::printf(
      "tool=casesim H=%.15g seed=%llu courtrooms=%d completed=%llu mean_tis=%.6f events=%llu "
      "wall_s=%.6f events_per_s=%.0f peak_rss_mb=%.1f\n",
      o.days, static_cast<unsigned long long>(o.seed), o.courtrooms,
      static_cast<unsigned long long>(r.completed),
      r.completed ? r.sum_tis / static_cast<double>(r.completed) : 0.0,
      static_cast<unsigned long long>(r.events), wall,
      wall > 0 ? static_cast<double>(r.events) / wall : 0.0, peak_rss_mb);
  return 0;
}
