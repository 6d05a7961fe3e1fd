#pragma once

// The typed, validated form of a scenario file. models/scenario_loader.h makes
// one from JSON; nothing after the loader sees JSON. Every struct is plain
// data: a policy changes these values, never the engine.

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/distribution.h"

namespace models {

using Date = std::chrono::sys_days;

// Points in a case's life that delays and deadlines are measured between.
// A stage may mark one on entry; report and completion are marked by the
// engine (arrival and reaching any outcome).
enum class Milestone : std::uint8_t {
  kReport,
  kReferral,
  kCharge,
  kFirstHearing,
  kPtph,
  kTrialStart,
  kCompletion,
};
inline constexpr std::size_t kMilestoneCount = 7;
const char* milestone_name(Milestone m);  // "report", "referral", ... "trial_start"
std::optional<Milestone> milestone_from_name(std::string_view name);

struct Meta {
  std::string name;
  std::string description;
  Date start_date{};
  double horizon_days = 3650;  // simulated days from start_date; > 0
  double warmup_days = 0;      // statistics ignore cases reported before this; >= 0, < horizon
  int replications = 10;       // >= 1
  std::uint64_t seed = 1;
  std::vector<std::string> notes;  // assumptions, shown in the report
};

// A step change in the report rate from a date on (a campaign, a new
// recording rule): the rate is multiplied by `factor` from `from` onwards.
struct RateStep {
  Date from{};
  double factor = 1;  // > 0
};

struct Arrivals {
  double reports_per_year = 0;                // at start_date, before seasonality; > 0
  std::array<double, 12> seasonality{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};  // Jan..Dec, mean 1
  double growth_per_year = 0;                 // compound: rate x (1+g)^years; > -1
  std::vector<RateStep> steps;                // applied in date order, cumulatively
};

// One kind of case in the mix, and how it differs from the typical case.
struct CaseType {
  std::string name;
  double share = 0;          // of reports; shares sum to 1
  bool child_victim = false;
  std::string relationship;  // "stranger", "acquaintance", "partner", "family", "other"
  bool custody = false;      // suspect remanded in custody (listing priority, custody time limit)
  std::string complexity;    // "standard" or "complex"
  double duration_scale = 1;    // multiplies every stage duration; > 0
  double withdrawal_scale = 1;  // multiplies the withdrawal hazard; >= 0
};

struct CapacityChange {
  Date from{};
  int count = 0;  // units from this date on; >= 0
};

// A pool of interchangeable units: officers, prosecutors, courtrooms, judges.
struct Pool {
  std::string name;
  std::string description;
  int count = 0;                        // at start_date; >= 0
  std::vector<CapacityChange> changes;  // strictly increasing dates
  int count_at(Date d) const;
};

enum class StageKind : std::uint8_t { kWork, kDelay, kDecision, kCourt, kTerminal };
const char* stage_kind_name(StageKind k);

struct Branch {
  std::size_t to = 0;        // stage index
  double probability = 0;    // for case types without their own value
  std::vector<double> by_type;  // per case type index; empty = same for all
  double probability_for(std::size_t type) const {
    return by_type.empty() ? probability : by_type[type];
  }
};

// Why a listed hearing did not go ahead. The first six are drawn from the
// scenario's probabilities; the last two arise only from the court diary
// (no room or judge free on the day, or the previous trial overran), never
// from a probability.
enum class AdjournmentCause : std::uint8_t {
  kProsecutionNotReady,
  kDefenceNotReady,
  kWitnessAbsent,
  kDefendantAbsent,
  kAdvocateUnavailable,
  kOther,
  kNoCourtroom,
  kOverrun,
};
inline constexpr std::size_t kDrawnCauseCount = 6;
inline constexpr std::size_t kAdjournmentCauseCount = 8;
const char* adjournment_cause_name(AdjournmentCause c);  // "prosecution_not_ready", ...

// A court stage heard on a date from the court diary rather than after a
// plain delay. A case becomes ready, waits `notice` days, and is listed on
// the first run of free sitting days. Before the day the listing may be
// vacated (an early adjournment); on the day the trial may crack, be
// ineffective (a late adjournment), or go ahead if a room and judge are free.
struct Listing {
  sim::Distribution notice;         // days from ready to the earliest sitting; >= 0
  sim::Distribution relist_notice;  // the same after an adjournment
  sim::Distribution sitting_days;   // length in sitting days, rounded up, at least 1
  double cracked = 0;               // P(cracks on the day: late plea, no evidence offered)
  std::vector<Branch> cracked_branches;        // where a cracked case goes
  std::array<double, kDrawnCauseCount> early{};  // P(vacated before the day), by cause
  std::array<double, kDrawnCauseCount> late{};   // P(ineffective on the day), by cause
  double repeat_multiplier = 1;  // adjournment probabilities x this per earlier adjournment
  double early_total() const;
  double late_total() const;
};

// The courts that listed stages share.
struct Courts {
  std::size_t rooms = 0;                 // pool index: courtrooms available to RASSO trials
  std::optional<std::size_t> judges;     // pool index: ticketed judges (rooms bind alone if absent)
  double overlisting = 1;                // bookings per sitting (room and judge) a day; >= 1
  // Share of the rooms' sitting days that other crime takes, from a date on
  // (the first entry is from the start). RASSO trials sit in the rest.
  std::vector<std::pair<Date, double>> other_work;  // share in [0, 1)
  double other_work_share_at(Date d) const;
};

struct Stage {
  std::string name;
  std::string description;
  StageKind kind = StageKind::kDelay;
  std::optional<std::size_t> pool;    // kWork (and kCourt when it holds a courtroom): pool index
  sim::Distribution duration;         // kWork, kDelay, kCourt: days (kDecision takes none)
  std::vector<Branch> branches;       // where the case goes next; probabilities sum to 1
                                      // per case type ("next": X is one branch of 1)
  std::string outcome;                // kTerminal: the outcome recorded
  std::optional<Milestone> milestone; // marked when first entered
  double withdrawal_per_year = 0;     // victim withdrawal hazard while here; >= 0
  int priority = 0;                   // queue priority for the pool, smaller first
  std::optional<Listing> listing;     // kCourt heard on a date from the diary
};

// Victim withdrawal: a competing risk in every stage. In stage s, t years
// after the report, the hazard per year is
//   stage.withdrawal_per_year x case_type.withdrawal_scale
//     x (1 + rise_per_year x t) x (isva_multiplier if ISVA-supported).
struct Withdrawal {
  std::string outcome = "victim_withdrawal";
  double rise_per_year = 0;     // >= 0; 0 makes the hazard constant (Markov-exact)
  double isva_share = 0;        // share of victims supported by an ISVA; in [0, 1]
  double isva_multiplier = 1;   // hazard multiplier with ISVA support; >= 0
};

enum class DeadlineUnit : std::uint8_t { kCalendarDays, kWorkingDays };

struct Deadline {
  std::string name;
  Milestone from = Milestone::kReport;
  Milestone to = Milestone::kCompletion;
  double limit = 0;  // in `unit`; > 0
  DeadlineUnit unit = DeadlineUnit::kCalendarDays;
  // Judged only for case types whose suspect is remanded in custody: a
  // custody time limit is a deadline of this kind.
  bool custody_only = false;
};

// A case open at start_date (today's caseload).
struct InitialCase {
  std::string id;
  std::size_t type = 0;
  std::size_t stage = 0;
  Date report_date{};       // <= stage_entry_date <= start_date
  Date stage_entry_date{};
  bool isva = false;
};

struct Scenario {
  std::string source;  // the file it was loaded from, for messages
  Meta meta;
  Arrivals arrivals;
  std::vector<CaseType> case_types;
  std::vector<Pool> pools;
  std::optional<Courts> courts;  // required when any stage has a listing
  std::vector<Stage> stages;
  std::size_t entry = 0;  // stage index a new report enters
  Withdrawal withdrawal;
  std::vector<Deadline> deadlines;
  std::vector<InitialCase> initial_cases;

  std::vector<std::string> outcomes() const;  // distinct terminal outcomes + withdrawal, sorted
  std::optional<std::size_t> stage_index(std::string_view name) const;
};

}  // namespace models
