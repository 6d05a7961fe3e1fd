#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "models/engine/delay_metrics.h"
#include "sim/running_stats.h"
#include "sim/sample.h"

namespace models {

// The steps of the attrition funnel, each a subset of the one before.
enum class FunnelStep : std::uint8_t {
  kReported,
  kReferred,      // referred to the CPS for a charging decision
  kCharged,
  kSent,          // sent to the Crown Court (first hearing)
  kTrialStarted,  // an effective trial began
  kVerdict,       // the trial ended in a verdict (convicted or acquitted)
  kConvicted,     // convicted at trial
};
inline constexpr std::size_t kFunnelSteps = 7;
inline constexpr std::array<const char*, kFunnelSteps> kFunnelStepNames = {
    "reported", "referred", "charged", "sent_to_crown_court", "trial_started", "verdict",
    "convicted_at_trial"};

// How often a listed case's dates changed (listings vacated before the day
// or ineffective on it): 0, 1, 2, 3, 4 or more.
inline constexpr std::size_t kDateChangeBins = 5;

// Charge to trial start, of cases whose trial started, cut into the time
// before the case first asked for a date, the wait for that first date, and
// the time lost when it did not hold (vacated or ineffective listings and
// the waits for new dates). The three add up to charge to trial start.
enum class TrialWaitPart : std::uint8_t { kPreparation, kFirstDate, kDateChanges };
inline constexpr std::size_t kTrialWaitParts = 3;
inline constexpr std::array<const char*, kTrialWaitParts> kTrialWaitPartNames = {
    "preparation", "waiting_for_first_date", "lost_to_date_changes"};

// What the counting cohort's cases lived (see models/scenario/counting_cohort.h):
// every case of the cohort is counted once, when it closes or, still open,
// at the horizon.
struct CohortTally {
  // Per delay: the time since its first milestone of cohort cases still
  // open at the horizon that reached that milestone but not the second
  // (right-censored, for Kaplan-Meier).
  std::array<sim::Sample, kDelayMetrics.size()> censored;
  std::array<std::uint64_t, kFunnelSteps> funnel{};
  std::uint64_t withdrew_before_charge = 0;
  std::uint64_t withdrew_after_charge = 0;
  std::array<std::uint64_t, kDateChangeBins> date_changes{};  // of cases listed at least once
  std::array<sim::RunningStats, kTrialWaitParts> trial_wait;  // days, cases whose trial started
  // Of those cases: the days of that wait after the victim's evidence was
  // recorded under section 28 (0 without a recording), and how many had one.
  sim::RunningStats after_recording;
  std::uint64_t recorded_before_trial = 0;
  // With offence dates (case types' offence_to_report): days from offence to
  // report of every cohort case, and from offence to completion of those
  // that completed, with the time so far of those still open (censored).
  sim::Sample offence_to_report;
  sim::Sample offence_to_completion;
  sim::Sample offence_censored;
  double offence_to_report_median = 0, offence_to_report_p90 = 0;
  double offence_median = 0, offence_p90 = 0;  // to completion, as `median` above
  // Each delay's median and 90th percentile, Kaplan-Meier where some cases
  // were censored (set when the replication is condensed; NaN without cases).
  std::array<double, kDelayMetrics.size()> median{}, p90{};
};

// Per year of the counted period, by the year its first milestone fell in
// (the year of report for delays from the report, of charge for delays from
// the charge), for every case, the cohort or not: trends show here.
struct YearTally {
  std::array<sim::Sample, kDelayMetrics.size()> delays;    // finished
  std::array<std::uint64_t, kDelayMetrics.size()> open{};  // still open at the horizon
  std::array<sim::Sample, kDelayMetrics.size()> censored;  // their time so far
  std::array<double, kDelayMetrics.size()> median{}, p90{};  // as CohortTally's
};

// Counts over the counted period (from the end of the warm-up to the
// horizon), every case included, today's caseload too: what the system
// produced in that time.
struct PeriodTally {
  std::uint64_t charges = 0;
  std::uint64_t closed_before_charge = 0;  // investigations ended without a charge
  std::uint64_t convictions = 0;           // closed convicted at trial or by a guilty plea
};

}  // namespace models
