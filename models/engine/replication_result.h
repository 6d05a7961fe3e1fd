#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "models/engine/cohort_tally.h"
#include "models/engine/communication_tally.h"
#include "models/engine/court_tally.h"
#include "models/scenario/scenario.h"
#include "sim/running_stats.h"
#include "sim/sample.h"

namespace models {

inline constexpr double kNotReached = std::numeric_limits<double>::quiet_NaN();

// One case's history, kept for cases.csv.
struct CaseRecord {
  std::uint64_t serial = 0;
  std::uint32_t type = 0;
  bool initial = false;  // open at the start (today's caseload), not a new report
  bool isva = false;
  std::array<double, kMilestoneCount> milestone{};  // days from start; NaN if not reached
  std::int32_t outcome = -1;                          // index into Scenario::outcomes(); -1 open
  std::uint32_t last_stage = 0;                       // stage of exit, or current stage if open
  std::uint16_t hearings = 0;          // listed hearing days reached
  std::uint16_t early_adjournments = 0;
  std::uint16_t late_adjournments = 0;
  bool section_28 = false;             // cross-examination recorded before trial
  double offence_lag = kNotReached;    // days from offence to report, when modelled
  // With a "communication" section: the victim's contacts, those made late,
  // and the longest gap without one (days, to the end of the case or the
  // horizon); NaN without.
  std::uint32_t victim = 0;            // index of the victim's account (engine use)
  std::uint32_t contacts = 0;
  std::uint32_t late_contacts = 0;
  double longest_silence_days = kNotReached;
};

struct DeadlineTally {
  std::uint64_t met = 0;
  std::uint64_t missed = 0;
  sim::Sample lateness;  // in the deadline's unit, of missed ones only
};

// Listed hearings as the counted cases lived them.
struct CaseCourtTally {
  std::uint64_t listed_cases = 0;      // counted cases that were listed at least once
  std::uint64_t hearing_days = 0;      // listed days they reached (all outcomes)
  std::uint64_t early_adjournments = 0;
  std::uint64_t late_adjournments = 0;
  std::uint64_t first_listing_failed = 0;  // first listed date vacated or ineffective
  std::uint64_t recorded = 0;              // had their section 28 cross-examination recorded
  std::uint64_t withdrew_after_recording = 0;
};

// One week of the run: a snapshot of the system at the week's start.
struct WeekRow {
  double day = 0;                   // days from start
  std::vector<std::uint32_t> open_by_stage;
  std::uint64_t initial_open = 0;           // today's caseload still open
  std::uint64_t new_open = 0;               // new reports still open
  // Cases waiting in listed court stages, by weeks since charge (or report,
  // if never charged): under 26, 26-52, 52-104, over 104.
  std::array<std::uint32_t, 4> trials_by_age{};
  std::vector<double> queue_by_pool;
  std::vector<double> utilisation_by_pool;  // over the week that ends here
};

// What one replication measured. Per-case statistics count the counting
// cohort (new reports from the end of the warm-up to the horizon minus the
// follow-up); time-based ones (courts, queues, weekly rows, the period's
// volumes) count from the end of the warm-up; today's caseload (initial
// cases) is counted apart.
struct ReplicationResult {
  // Of the counting cohort (models/scenario/counting_cohort.h): finished
  // delays; those still open at the horizon are in cohort.censored.
  std::array<sim::Sample, kDelayMetrics.size()> delays;
  CohortTally cohort;
  std::vector<YearTally> years;  // one per year of the counted period
  PeriodTally period;
  std::vector<std::uint64_t> outcome_count;     // new reports closed, by outcome
  std::vector<std::uint64_t> withdrawal_stage;  // new reports withdrawn, by stage
  std::uint64_t new_cases = 0;                  // reports of the counting cohort
  std::uint64_t closed = 0;
  std::uint64_t open_at_end = 0;               // of the cohort
  std::uint64_t initial_cases = 0;
  std::uint64_t initial_open_at_end = 0;
  double initial_cleared_day = kNotReached;  // when the last initial case closed
  std::vector<DeadlineTally> deadlines;
  CourtTally courts;          // system view, from the end of the warm-up
  CaseCourtTally case_courts;  // per counted case
  std::vector<double> pool_utilisation;  // after warm-up
  std::vector<double> pool_mean_queue;
  std::vector<WeekRow> weeks;
  std::vector<CaseRecord> cases;  // only when asked for
  CommunicationTally communication;  // with a "communication" section
  // Per work stage on a pool with a caseload model: days from allocation to
  // the end of the stage's work, counted cases.
  std::vector<sim::RunningStats> work_days;
  std::uint64_t events = 0;
  // Cases the zero-time guard stopped (they went round stages without the
  // clock moving): left open where they were. 0 for any scenario the loader
  // accepts unless a duration keeps drawing 0.
  std::uint64_t stopped_cases = 0;
};

}  // namespace models
