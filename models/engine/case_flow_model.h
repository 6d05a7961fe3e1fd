#pragma once

#include <cstdint>

#include "models/engine/replication_result.h"
#include "models/engine/routing_table.h"
#include "models/scenario/scenario.h"
#include "sim/calendar.h"

namespace models {

struct RunOptions {
  bool keep_cases = false;  // fill ReplicationResult::cases (memory grows with cases)
  bool keep_weeks = true;   // weekly snapshots for timeseries.csv
};

// Cases moving along a scenario's pathway on the discrete-event kernel.
// Built once per scenario and shared read-only by every replication; each
// call to run() owns its own clock, queues, cases and random streams
// (models/engine/replication.h), so run() may be called from many threads.
// Lifetime: keeps a reference to `scenario`, which must outlive the model and
// every run() (a temporary Scenario is refused at compile time).
class CaseFlowModel {
 public:
  explicit CaseFlowModel(const Scenario& scenario);
  explicit CaseFlowModel(Scenario&&) = delete;

  ReplicationResult run(std::uint64_t replication, const RunOptions& options = {}) const;

  const Scenario& scenario() const { return scenario_; }
  const std::vector<std::string>& outcomes() const { return outcomes_; }
  const sim::WorkingCalendar& calendar() const { return calendar_; }

 private:
  friend class Replication;
  void tabulate_report_rates();
  // The scenario's values from one of its dates on (Scenario::dated), with
  // their routing tables; a replication switches to them on the day.
  struct DatedTables {
    double at;                // days from the start
    const Scenario* values;   // owned by the scenario's DatedValues
    RoutingTable routing;
    RoutingTable cracked_routing;
  };
  const Scenario& scenario_;
  RoutingTable routing_;
  RoutingTable cracked_routing_;  // where cracked trials go, for listed stages
  std::vector<DatedTables> dated_;  // in date order; empty for most scenarios
  sim::WorkingCalendar calendar_;
  std::vector<std::string> outcomes_;
  std::vector<std::int32_t> stage_outcome_;  // per terminal stage: index into outcomes_
  std::int32_t withdrawal_outcome_ = 0;
  std::vector<bool> convicts_;  // per stage: ends in section 28's conviction outcome
  std::vector<double> daily_report_rate_;  // reports per day, by day, before growth
  double growth_per_day_ = 0;              // log of yearly growth, per day
};

}  // namespace models
