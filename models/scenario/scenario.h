#pragma once

// The typed, validated form of a scenario file. models/scenario/scenario_loader.h makes
// one from JSON; nothing after the loader sees JSON. Every struct is plain
// data: a policy changes these values, never the engine.

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/communication.h"
#include "models/scenario/enum_words.h"
#include "models/scenario/lever.h"
#include "models/scenario/lever_setting.h"
#include "models/scenario/milestone.h"
#include "models/scenario/scenario_error.h"
#include "models/scenario/staffing.h"
#include "sim/distribution.h"

namespace models {

using Date = std::chrono::sys_days;

// A parameter no published source gives, stated openly: where it is in the
// scenario (a JSON pointer), its value as written, and why it was chosen.
// `casesim calibration-check` moves each by +-25% to show what rides on it.
struct Assumption {
  std::string parameter;  // JSON pointer into the merged scenario, e.g. "/courts/overlisting"
  std::string value;      // the value there, as compact JSON
  std::string reason;
};

struct Meta {
  std::string name;
  std::string description;
  Date start_date{};
  double horizon_days = 3650;  // simulated days from start_date; > 0
  double warmup_days = 0;      // statistics ignore cases reported before this; >= 0, < horizon
  // Time left after the counting cohort's last report for its cases to
  // finish (counting_cohort.h); unset: the default rule there.
  std::optional<double> follow_up_days;
  int replications = 10;       // >= 1
  std::uint64_t seed = 1;
  std::vector<std::string> notes;  // assumptions, shown in the report
  std::vector<Assumption> assumptions;
  // Levers moved on top of the file (command line, sweep point, workshop
  // room), in the order applied; empty for the file as written.
  std::vector<LeverSetting> lever_settings;
  std::vector<Lever> levers;  // what a workshop may move (meta.levers); may be empty
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
  // Days from the offence to the report (many rape reports are of offences
  // years before); none: offence dates are not modelled for this type.
  std::optional<sim::Distribution> offence_to_report;
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
inline constexpr EnumWords kStageKindWords{std::array<EnumWord<StageKind>, 5>{{
    {StageKind::kWork, "work"},
    {StageKind::kDelay, "delay"},
    {StageKind::kDecision, "decision"},
    {StageKind::kCourt, "court"},
    {StageKind::kTerminal, "terminal"},
}}};
inline const char* stage_kind_name(StageKind k) { return kStageKindWords.word(k); }

struct Branch {
  std::size_t to = 0;        // stage index
  double probability = 0;    // for case types without their own value
  std::vector<double> by_type;  // per case type index; empty = same for all
  double probability_for(std::size_t type) const {
    return by_type.empty() ? probability : by_type[type];
  }
};

// Why a listed hearing did not go ahead. The first six are drawn from the
// scenario's probabilities; the next two arise only from the court diary
// (no room or judge free on the day, or the previous trial overran), never
// from a probability; the last three are the court moving a fixed trial
// before its day (Listing::court_moves).
enum class AdjournmentCause : std::uint8_t {
  kProsecutionNotReady,
  kDefenceNotReady,
  kWitnessAbsent,
  kDefendantAbsent,
  kAdvocateUnavailable,
  kOther,
  kNoCourtroom,
  kOverrun,
  kCustodyCaseTookRoom,
  kOtherTrialOverran,
  kJudgeUnavailable,
};
inline constexpr std::size_t kDrawnCauseCount = 6;
inline constexpr std::size_t kOnTheDayCauseCount = 8;  // drawn, then the diary's own
inline constexpr std::size_t kCourtMoveCauseCount = 3;  // after the on-the-day causes
inline constexpr std::size_t kAdjournmentCauseCount = 11;
inline constexpr EnumWords kAdjournmentCauseWords{std::array<EnumWord<AdjournmentCause>, 11>{{
    {AdjournmentCause::kProsecutionNotReady, "prosecution_not_ready"},
    {AdjournmentCause::kDefenceNotReady, "defence_not_ready"},
    {AdjournmentCause::kWitnessAbsent, "prosecution_witness_absent"},
    {AdjournmentCause::kDefendantAbsent, "defendant_absent_or_ill"},
    {AdjournmentCause::kAdvocateUnavailable, "advocate_unavailable"},
    {AdjournmentCause::kOther, "other"},
    {AdjournmentCause::kNoCourtroom, "no_courtroom_or_judge"},
    {AdjournmentCause::kOverrun, "overrun"},
    {AdjournmentCause::kCustodyCaseTookRoom, "custody_case_took_room"},
    {AdjournmentCause::kOtherTrialOverran, "other_trial_overran"},
    {AdjournmentCause::kJudgeUnavailable, "judge_unavailable"},
}}};
inline const char* adjournment_cause_name(AdjournmentCause c) {
  return kAdjournmentCauseWords.word(c);
}

// A case's factor on each drawn cause's chance (1: as the scenario gives it).
using CauseFactors = std::array<double, kDrawnCauseCount>;
inline constexpr CauseFactors kPlainCauses = {1, 1, 1, 1, 1, 1};
using CauseCounts = std::array<std::uint8_t, kDrawnCauseCount>;  // adjournments by drawn cause

// Causes that belong to the case persist (issue 16 item 3): a defence that
// was not ready, a witness who could not come or counsel double-booked is
// likelier to fail the case again at its next listing than a fresh case's
// chances say. Two mechanisms, both assumptions, both off at their defaults:
// a case-level frailty drawn once per case (some cases are simply
// adjournment-prone), and a rise of a case-side cause's chance each time it
// has adjourned the case (state dependence). Either gives a long tail of
// date changes at the same mean adjournment rate.
struct CausePersistence {
  std::array<bool, kDrawnCauseCount> case_side{};  // the causes that belong to the case
  double same_cause_multiplier = 1;   // x a case-side cause's chances per earlier adjournment of the case for it; >= 0
  double other_cause_multiplier = 1;  // x each other case-side cause's chances per such adjournment; >= 0
  double frailty_cv = 0;              // spread of the case's factor on case-side chances (gamma, mean 1); >= 0
  sim::Distribution frailty = sim::Distribution::fixed(1);  // that factor's distribution, made from frailty_cv
  // Persistence raises a chance (early, or on the day) to at most this, or
  // the scenario's own chance if higher: courts refuse adjournments, so no
  // case is adjourned for ever. In (0, 1].
  double max_chance = 0.8;
  // The factors of a case whose frailty is `frailty` after `counts` adjournments.
  CauseFactors factors(double frailty, const CauseCounts& counts) const;
};

// The court moves a fixed trial before its day (issue 16 item 3): a custody
// case or another trial's overrun takes the room, or the judge becomes
// unavailable. Court-side, so not raised by the case's own history.
struct CourtMoves {
  std::array<double, kCourtMoveCauseCount> chance{};  // P(moved), per listing, by cause (after kOverrun)
  // Days before the day the move is made; none: at any moment between booking
  // and the day, as an early adjournment.
  std::optional<sim::Distribution> notice;
  double total() const;
};

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
  // A trial that goes ahead may sit longer than it was booked for, keeping
  // its room and judge from the next day's listings (which then fail for
  // "overrun of the previous trial").
  double overrun = 0;                                      // P(an effective trial overruns)
  sim::Distribution overrun_days = sim::Distribution::fixed(1);  // extra sitting days, rounded up
  bool relist_first = false;  // adjourned trials go first when a fixing window queues listings
  std::optional<CausePersistence> persistence;  // none: each listing's chances as given
  std::optional<CourtMoves> court_moves;        // none: the court never moves a fixed trial
  double early_total() const;
  double late_total() const;
  // The chances a listing meets, each written once for the engine and the
  // Markov cross-check alike. `adjournments` earlier adjournments of the case
  // raise the adjournment chances (x repeat_multiplier each); `multiplier`
  // is the room group's (or, for cracking, the case's) factor; `factors` the
  // case's own, from `persistence`.
  // P(vacated before the day), at most 1.
  double early_probability(int adjournments = 0, double multiplier = 1,
                           const CauseFactors& factors = kPlainCauses) const;
  // P(cracks on the day), at most 1.
  double cracked_probability(double multiplier = 1) const;
  // P(ineffective on the day): at most what cracking (p_cracked) leaves.
  double late_probability(double p_cracked, int adjournments = 0, double multiplier = 1,
                          const CauseFactors& factors = kPlainCauses) const;
  // The chances by cause with the case's factors: the weights a cause is
  // picked by.
  std::array<double, kDrawnCauseCount> early_weights(const CauseFactors& factors) const;
  std::array<double, kDrawnCauseCount> late_weights(const CauseFactors& factors) const;
  // Persistence raises `with` no higher than max_chance (or `plain`, if higher).
  double persisted(double plain, double with) const;
};

// The order in which ready trials are given dates. Ordering matters when a
// fixing window holds trials in a listing queue; rasso_priority instead gives
// RASSO trials first call on the general rooms (other work takes what is
// left, as in designated courtrooms).
enum class ListingPolicy : std::uint8_t { kFirstComeFirstServed, kCustodyFirst, kOldestFirst, kRassoPriority };
inline constexpr EnumWords kListingPolicyWords{std::array<EnumWord<ListingPolicy>, 4>{{
    {ListingPolicy::kFirstComeFirstServed, "fcfs"},
    {ListingPolicy::kCustodyFirst, "custody_first"},
    {ListingPolicy::kOldestFirst, "oldest_first"},
    {ListingPolicy::kRassoPriority, "rasso_priority"},
}}};
inline const char* listing_policy_name(ListingPolicy p) { return kListingPolicyWords.word(p); }

// Other crime's share of a group of courtrooms' sitting days, from a date on
// (the first entry is from the start): RASSO trials sit in the rest.
struct OtherWork {
  std::vector<std::pair<Date, double>> changes;  // share in [0, 1), dates increasing
  // Other crime sits in whole rooms for runs of this many sitting days (a
  // trial's worth), which leaves RASSO runs of free days for multi-day
  // trials. 1: single room-days spread evenly, which breaks every run of a
  // small centre's rooms (the older behaviour, kept as the default).
  double run_days = 1;  // >= 1
  double share_at(Date d) const;                 // 0 before the first entry
};

// Courtrooms designated for RASSO. Ring-fenced rooms hear only RASSO and sit
// idle when there is none; designated rooms (the 2022 pilot, where listing
// stayed a judicial decision) take RASSO first and lend the days it has not
// booked to other work.
enum class SpecialistMode : std::uint8_t { kRingFenced, kDesignated };
inline constexpr EnumWords kSpecialistModeWords{std::array<EnumWord<SpecialistMode>, 2>{{
    {SpecialistMode::kRingFenced, "ring_fenced"},
    {SpecialistMode::kDesignated, "designated"},
}}};
struct SpecialistCourts {
  std::size_t rooms = 0;              // pool index
  std::optional<std::size_t> judges;  // pool index: ticketed judges sitting there (rooms bind alone if absent)
  SpecialistMode mode = SpecialistMode::kRingFenced;
  double early_multiplier = 1;        // x early adjournment chances of trials listed there; >= 0
  double late_multiplier = 1;         // x on-the-day adjournment chances there; >= 0
  std::vector<bool> eligible;         // per case type: may be listed there
  // Days other work takes whatever RASSO has booked: in the 2022 pilot
  // listing stayed a judicial decision and designated rooms could not be
  // reserved. Usually none for ring-fenced rooms.
  OtherWork other_work;
};

// The courts that listed stages share.
struct Courts {
  std::size_t rooms = 0;                 // pool index: courtrooms available to RASSO trials
  std::optional<std::size_t> judges;     // pool index: ticketed judges (rooms bind alone if absent)
  double overlisting = 1;                // bookings per sitting (room and judge) a day; >= 1
  // Down: a day takes floor(overlisting x sittings) bookings, so 1.2 books no
  // extra trial with one to four sittings. On average: the fraction is
  // carried from day to day, so an extra trial is booked on a share of days
  // and the overlisting is met over the year at any size of centre.
  bool overlisting_on_average = false;
  OtherWork other_work;  // of the general rooms (ignored under rasso_priority)
  ListingPolicy policy = ListingPolicy::kFirstComeFirstServed;
  // Trials are given dates no further ahead than this; the rest wait in a
  // listing queue (a warned list) taken in policy order every sitting day.
  // None: a ready trial is given the first free date at once, however far.
  std::optional<double> fix_ahead_days;
  // Rooms that lend idle days (designated, and general rooms under
  // rasso_priority) give other work the sittings RASSO has not booked by
  // this many days before the day.
  double lend_notice_days = 28;
  std::optional<SpecialistCourts> specialist;
};

// Section 28: the victim's cross-examination is recorded before the trial,
// a set time after the PTPH, in a room with a judge. Evidence on its effects
// is mixed (../shared/calibration/SOURCES.md); every effect is a parameter.
struct Section28 {
  std::vector<double> share;          // per case type: share of victims who have it; in [0, 1]
  sim::Distribution after_ptph = sim::Distribution::fixed(56);  // days from PTPH to the recording
  bool specialist_rooms_only = false; // only specialist rooms have the equipment
  double withdrawal_multiplier = 1;   // x withdrawal hazard once recorded; >= 0
  double trial_length_multiplier = 1; // x booked trial length; > 0
  double cracked_multiplier = 1;      // x chance the trial cracks (late plea); >= 0
  double conviction_multiplier = 1;   // x weight of branches to `conviction_outcome`; >= 0
  std::string conviction_outcome = "convicted";
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
inline constexpr EnumWords kDeadlineUnitWords{std::array<EnumWord<DeadlineUnit>, 2>{{
    {DeadlineUnit::kCalendarDays, "days"},
    {DeadlineUnit::kWorkingDays, "working_days"},
}}};

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

// One value of the merged document, levers applied: what a comparison's
// "what this policy changes" table reads (no JSON past the loader: the value
// is its compact text).
struct ResolvedValue {
  std::string pointer;  // e.g. "/resources/courtrooms/count"
  std::string value;    // compact JSON text, e.g. "52"
};

struct Scenario;

// The scenario's values from a date on (a policy's go-live), from the file's
// "dated_changes": the whole scenario as it stands from `from`, every earlier
// dated change included. Only numbers the engine reads when it draws may
// change (models/scenario/dated_section.h lists them), so stages, branches,
// pools and case types keep their shape and indices. A draw made before the
// date keeps its value; a draw on or after it uses these.
struct DatedValues {
  Date from{};              // after meta.start_date, inside the horizon
  std::string description;  // why, in plain words; may be empty
  std::vector<LeverSetting> moves;  // as written, "set" before "scale", for the report
  std::shared_ptr<const Scenario> values;  // never null; its own `dated` is empty
};

struct Scenario {
  std::string source;  // the file it was loaded from, for messages
  Meta meta;
  // Every number, word and flag of the merged document, in document order,
  // leaving out meta's words (name, description, notes, assumptions, levers).
  std::vector<ResolvedValue> resolved;
  Arrivals arrivals;
  std::vector<CaseType> case_types;
  std::vector<Pool> pools;
  std::optional<Courts> courts;  // required when any stage has a listing
  std::optional<Section28> section_28;  // needs courts and a PTPH milestone
  std::vector<Stage> stages;
  std::size_t entry = 0;  // stage index a new report enters
  Withdrawal withdrawal;
  std::vector<Deadline> deadlines;
  std::vector<InitialCase> initial_cases;
  Staffing staffing;                          // hours and caseloads of staff resources
  std::optional<Communication> communication;  // keeping victims informed
  std::vector<DatedValues> dated;              // in date order; empty: the same all run
  // What loads but can move nothing: a resource no stage, court or contact
  // rule uses; an assumption or lever whose pointer reaches nothing the
  // scenario is built from (models/scenario/scenario_warnings.h).
  std::vector<Diagnostic> warnings;

  std::vector<std::string> outcomes() const;  // distinct terminal outcomes + withdrawal, sorted
  std::optional<std::size_t> stage_index(std::string_view name) const;
  // Some case type gives offence_to_report: reports carry an offence date.
  bool offence_dates() const;
};

}  // namespace models
