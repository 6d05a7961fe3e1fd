#include "models/results/metric_catalogue.h"

#include <fmt/format.h>

#include <array>

namespace models {

namespace {

struct UnitRow {
  Unit unit;
  const char* name;
  const char* words;
  Scale scale;
};

constexpr std::array kUnits{
    UnitRow{Unit::kDays, "days", "days", Scale::kDuration},
    UnitRow{Unit::kWorkingDays, "working_days", "working days", Scale::kDuration},
    UnitRow{Unit::kDay, "day", "day of the run", Scale::kDate},
    UnitRow{Unit::kShare, "share", "", Scale::kShare},
    UnitRow{Unit::kCases, "cases", "cases", Scale::kCount},
    UnitRow{Unit::kContacts, "contacts", "contacts", Scale::kCount},
    UnitRow{Unit::kContactsPerWeek, "contacts_per_week", "contacts a week", Scale::kRate},
    UnitRow{Unit::kHoursPerWeek, "hours_per_week", "hours a week", Scale::kRate},
    UnitRow{Unit::kCasesPerOfficer, "cases_per_officer", "cases per officer", Scale::kRate},
    UnitRow{Unit::kCasesPerIsva, "cases_per_isva", "cases per ISVA", Scale::kRate},
    UnitRow{Unit::kPerListedCase, "per_listed_case", "per listed case", Scale::kRate},
    UnitRow{Unit::kAgenciesPerEvent, "agencies_per_event", "agencies per event", Scale::kRate},
    UnitRow{Unit::kCasesPerYear, "cases_per_year", "cases a year", Scale::kRate},
};

constexpr std::array kGroupNames{
    "delays",         "outcomes",        "volumes",      "withdrawal_by_stage",
    "deadlines",      "utilisation",     "queues",       "trials",
    "ineffective_causes", "court_rooms", "listings",     "section_28",
    "communication",  "agency_load",     "agency_late",  "agency_missed", "agency_staff_time",
    "compliance",     "workload",        "initial_caseload", "still_open",
    "delays_by_year", "funnel",          "throughput",   "withdrawal",
    "date_changes",   "trial_wait",      "stability",
};

using K = MetricKind;
using U = Unit;
using B = Better;
using G = MetricGroup;

// The catalogue, in the order of MetricKind.
constexpr std::array kCatalogue{
    MetricSpec{K::kDelay, "", "_days", U::kDays, B::kLower, G::kDelays, "{}", "{}",
               "days from {from} to {to}, counting-cohort cases reaching both by the horizon (the mean of "
               "those; median and p90 by Kaplan-Meier, counting those still open as censored)"},
    MetricSpec{K::kOutcomeShare, "outcome_share.", "", U::kShare, B::kNeither, G::kOutcomes,
               "Outcome: {}", "{}", "share of closed counting-cohort reports ending as {subject}"},
    MetricSpec{K::kWithdrawalOutcomeShare, "outcome_share.", "", U::kShare, B::kLower,
               G::kOutcomes, "Outcome: {}", "{}",
               "share of closed counting-cohort reports ending as {subject}"},
    MetricSpec{K::kOpenAtEnd, "open_at_end_share", "", U::kShare, B::kLower, G::kVolumes,
               "Still open at the end", "still open at the end",
               "share of counting-cohort reports still open at the horizon"},
    MetricSpec{K::kWithdrawalByStage, "withdrawal_share_by_stage.", "", U::kShare, B::kLower,
               G::kWithdrawalByStage, "Victim withdrew during {}", "{}",
               "share of counting-cohort reports whose victim withdrew during {subject}"},
    MetricSpec{K::kNewReports, "new_reports", "", U::kCases, B::kNeither, G::kVolumes,
               "Reports in the counting cohort", "cohort reports",
               "new reports in the counting cohort (from the end of the warm-up to the horizon "
               "minus the follow-up)"},
    MetricSpec{K::kDeadlineMet, "deadline.", ".met_share", U::kShare, B::kHigher, G::kDeadlines,
               "Deadline met: {}", "{}", "share meeting {from} to {to} within the limit"},
    MetricSpec{K::kDeadlineLatenessDays, "deadline.", ".lateness", U::kDays, B::kLower,
               G::kDeadlines, "Lateness when missed: {}", "{}",
               "how late the late ones were, beyond the limit"},
    MetricSpec{K::kDeadlineLatenessWorkingDays, "deadline.", ".lateness", U::kWorkingDays,
               B::kLower, G::kDeadlines, "Lateness when missed: {}", "{}",
               "how late the late ones were, beyond the limit"},
    MetricSpec{K::kPoolUtilisation, "utilisation.", "", U::kShare, B::kNeither, G::kUtilisation,
               "Busy share of {}", "{}", "busy share of {subject} after the warm-up"},
    MetricSpec{K::kCourtPoolUtilisation, "utilisation.", "", U::kShare, B::kNeither,
               G::kUtilisation, "Busy share of {}", "{}",
               "share of {what} sitting days used by effective RASSO trials after the warm-up"},
    MetricSpec{K::kMeanQueue, "mean_queue.", "", U::kCases, B::kLower, G::kQueues,
               "Waiting for {} (average)", "{}", "time-average cases waiting for {subject} after the warm-up"},
    MetricSpec{K::kTrialsEffective, "trials.effective_share", "", U::kShare, B::kHigher,
               G::kTrials, "Trials: effective share", "effective",
               "share of listed trial days that went ahead"},
    MetricSpec{K::kTrialsCracked, "trials.cracked_share", "", U::kShare, B::kNeither, G::kTrials,
               "Trials: cracked share", "cracked",
               "share of listed trial days that cracked (late plea, no evidence offered)"},
    MetricSpec{K::kTrialsIneffective, "trials.ineffective_share", "", U::kShare, B::kLower,
               G::kTrials, "Trials: ineffective share", "ineffective",
               "share of listed trial days that did not go ahead (late adjournment)"},
    MetricSpec{K::kIneffectiveCause, "trials.ineffective_cause_share.", "", U::kShare,
               B::kNeither, G::kIneffectiveCauses, "Trials: ineffective cause share: {}", "{}",
               "share of ineffective trials whose cause was {subject}"},
    MetricSpec{K::kTrialsVacated, "trials.vacated_share", "", U::kShare, B::kLower, G::kTrials,
               "Trials: vacated share", "vacated",
               "share of listings vacated before the day (early adjournment)"},
    MetricSpec{K::kVacatedCause, "trials.vacated_cause_share.", "", U::kShare, B::kNeither,
               G::kListings, "Trials: vacated cause share: {}", "{}",
               "share of listings vacated before the day whose cause was {subject} (with court "
               "moves of fixed trials)"},
    MetricSpec{K::kListingLeadTime, "listing_lead_time_days", "", U::kDays, B::kLower,
               G::kDelays, "Listing lead time", "listing lead time",
               "days from a trial being ready to its listed date"},
    MetricSpec{K::kCourtSittingsUsed, "utilisation.court_sittings", "", U::kShare, B::kNeither,
               G::kUtilisation, "Busy share of court sittings", "court sittings",
               "sitting days (room and ticketed judge) used by effective trials"},
    MetricSpec{K::kRoomGroupSittingsUsed, "utilisation.court_sittings.", "", U::kShare,
               B::kNeither, G::kCourtRooms, "Busy share of the {} rooms' sittings", "{}",
               "sitting days of the {subject} rooms (room and judge) used by RASSO trials and "
               "recordings, of those RASSO had"},
    MetricSpec{K::kRoomGroupLent, "courts.lent_share.", "", U::kShare, B::kNeither,
               G::kCourtRooms, "Courts: lent share: {}", "{}",
               "share of the {subject} rooms' sittings that RASSO left unbooked and were lent "
               "to other work"},
    MetricSpec{K::kTrialsOverrun, "trials.overrun_share", "", U::kShare, B::kLower, G::kTrials,
               "Trials: overrun share", "overrun",
               "share of effective trials that sat longer than booked"},
    MetricSpec{K::kSection28Recorded, "section_28.recorded_cases", "", U::kCases, B::kNeither,
               G::kSection28, "Section 28: recorded cases", "recorded cases",
               "counted cases whose cross-examination was recorded before trial"},
    MetricSpec{K::kSection28WithdrawalAfterRecording,
               "section_28.withdrawal_after_recording_share", "", U::kShare, B::kLower,
               G::kSection28, "Section 28: withdrawal after recording share",
               "withdrawal after recording",
               "share of recorded victims who withdrew after the recording"},
    MetricSpec{K::kSection28RecordingsMoved, "section_28.recordings_moved_share", "", U::kShare,
               B::kLower, G::kSection28, "Section 28: recordings moved share", "recordings moved",
               "share of recording days that found no room or judge and moved"},
    MetricSpec{K::kHearingsPerListedCase, "hearings_per_listed_case", "", U::kPerListedCase,
               B::kLower, G::kListings, "Hearings per listed case", "hearings",
               "listed trial days a listed case reached, on average"},
    MetricSpec{K::kEarlyAdjournmentsPerListedCase, "early_adjournments_per_listed_case", "",
               U::kPerListedCase, B::kLower, G::kListings, "Early adjournments per listed case",
               "early adjournments", "listings vacated before the day, per listed case"},
    MetricSpec{K::kLateAdjournmentsPerListedCase, "late_adjournments_per_victim", "",
               U::kPerListedCase, B::kLower, G::kListings, "Late adjournments per victim",
               "late adjournments",
               "trials adjourned on the day, per listed case: the adjournments that distress "
               "victims most"},
    MetricSpec{K::kFirstListingFailed, "trials.first_listing_failed_share", "", U::kShare,
               B::kLower, G::kTrials, "Trials: first listing failed share",
               "first listing failed",
               "share of listed cases whose first listed date was vacated or ineffective"},
    MetricSpec{K::kContactsRequired, "communication.contacts_required", "", U::kContacts,
               B::kNeither, G::kCommunication, "Communication: contacts required",
               "contacts required",
               "contacts with victims that rules and plans called for, for new reports after "
               "the warm-up"},
    MetricSpec{K::kContactsOnTime, "communication.on_time_share", "", U::kShare, B::kHigher,
               G::kCommunication, "Communication: on time share", "on time",
               "share of contacts made within their Victims' Code deadline, of those made or "
               "already overdue at the horizon"},
    MetricSpec{K::kContactsOverdueAtEnd, "communication.overdue_at_end", "", U::kContacts,
               B::kLower, G::kCommunication, "Communication: overdue at end", "overdue at end",
               "contacts past their deadline and still not made at the horizon"},
    MetricSpec{K::kLongestSilence, "communication.longest_silence_days", "", U::kDays, B::kLower,
               G::kCommunication, "Communication: longest silence days", "longest silence",
               "per victim, the longest time without a contact, from the report to the end of "
               "the case (or the horizon)"},
    MetricSpec{K::kAgenciesPerEvent, "communication.agencies_per_event", "",
               U::kAgenciesPerEvent, B::kLower, G::kCommunication,
               "Communication: agencies per event", "agencies per event",
               "distinct agencies contacting a victim about one event (fragmentation; 1 is one "
               "voice)"},
    MetricSpec{K::kFragmentedEvents, "communication.fragmented_event_share", "", U::kShare,
               B::kLower, G::kCommunication, "Communication: fragmented event share",
               "fragmented event",
               "share of events about which more than one agency contacted the victim"},
    MetricSpec{K::kAgencyContactsPerWeek, "communication.required_per_week.", "",
               U::kContactsPerWeek, B::kNeither, G::kAgencyLoad,
               "Communication: required per week: {}", "{}",
               "contacts falling to {subject} a week, after the warm-up"},
    MetricSpec{K::kAgencyLateShare, "communication.late_share.", "", U::kShare, B::kLower,
               G::kAgencyLate, "Communication: late share: {}", "{}",
               "share of {subject}'s contacts made after their deadline"},
    MetricSpec{K::kAgencyHoursPerWeek, "communication.hours_per_week.", "", U::kHoursPerWeek,
               B::kNeither, G::kAgencyLoad, "Communication: hours per week: {}", "{}",
               "staff hours {subject} spends on victim contacts a week"},
    MetricSpec{K::kAgencyStaffTimeShare, "communication.staff_time_share.", "", U::kShare,
               B::kNeither, G::kAgencyStaffTime, "Communication: staff time share: {}", "{}",
               "share of {subject}'s working hours spent on victim contacts"},
    MetricSpec{K::kIsvaCaseload, "communication.isva_caseload", "", U::kCasesPerIsva,
               B::kNeither, G::kWorkload, "Communication: ISVA caseload", "ISVA caseload",
               "open ISVA-supported cases per ISVA, weekly average after the warm-up"},
    MetricSpec{K::kVpsOffered, "compliance.vps_offered_share", "", U::kShare, B::kHigher,
               G::kCompliance, "Compliance: vps offered share", "vps offered",
               "share of victims offered a victim personal statement at report"},
    MetricSpec{K::kVpsUpdated, "compliance.vps_updated_share", "", U::kShare, B::kHigher,
               G::kCompliance, "Compliance: vps updated share", "vps updated",
               "share of trials before which the victim personal statement was updated"},
    MetricSpec{K::kBadCharacterConsidered, "compliance.bad_character_considered_share", "",
               U::kShare, B::kHigher, G::kCompliance,
               "Compliance: bad character considered share", "bad character considered",
               "share of charged cases in which a bad character application was considered"},
    MetricSpec{K::kProtectiveOrdersConsidered, "compliance.protective_orders_considered_share",
               "", U::kShare, B::kHigher, G::kCompliance,
               "Compliance: protective orders considered share", "protective orders considered",
               "share of opportunities (charge, bail change, sentence) at which a protective "
               "order (SHPO, SRO, restraining order) was considered"},
    MetricSpec{K::kContactsMissed, "communication.missed_share", "", U::kShare, B::kLower,
               G::kCommunication, "Communication: missed share", "missed",
               "share of contacts with victims never made (dropped by a desk past its "
               "backlog bound, refused, or lost at a handover or without a single point of "
               "contact), of those required"},
    MetricSpec{K::kAgencyMissedShare, "communication.missed_share.", "", U::kShare, B::kLower,
               G::kAgencyMissed, "Communication: missed share: {}", "{}",
               "share of the contacts falling to {subject} never made, after the warm-up"},
    MetricSpec{K::kUnexplainedDateChanges, "communication.unexplained_date_change_share", "",
               U::kShare, B::kLower, G::kCommunication,
               "Communication: unexplained date change share", "unexplained date change",
               "share of trial date changes (listings vacated or adjourned) that reached the "
               "victim without an explanation"},
    MetricSpec{K::kVictimsUnexplained, "communication.victims_with_unexplained_change_share", "",
               U::kShare, B::kLower, G::kCommunication,
               "Communication: victims with an unexplained date change",
               "victims with unexplained change",
               "share of victims whose trial date changed who had at least one change without "
               "an explanation"},
    MetricSpec{K::kIsvaSupported, "communication.isva_supported_share", "", U::kShare,
               B::kHigher, G::kCommunication, "Communication: ISVA supported share",
               "ISVA supported",
               "share of victims wanting an ISVA who had one (the rest found every ISVA at "
               "the caseload capacity)"},
    MetricSpec{K::kWorkDays, "work_days.", "", U::kDays, B::kLower, G::kWorkload,
               "Work days: {}", "{}",
               "days from allocation to an officer to the end of {subject}'s work (the caseload "
               "slows it), counted cases"},
    MetricSpec{K::kCaseload, "caseload.", "", U::kCasesPerOfficer, B::kNeither, G::kWorkload,
               "Caseload: {}", "{}",
               "live cases per officer of {subject} (busy share x cap), after the warm-up"},
    MetricSpec{K::kInitialOpenAtEnd, "initial.open_at_end", "", U::kCases, B::kLower,
               G::kInitialCaseload, "Today's caseload still open at the end", "still open",
               "cases of today's caseload still open at the horizon"},
    MetricSpec{K::kInitialClearedDay, "initial.cleared_day", "", U::kDay, B::kLower,
               G::kInitialCaseload, "Today's caseload cleared", "cleared",
               "day on which the last case of today's caseload closed (NaN if it did not)"},
    MetricSpec{K::kDelayStillOpen, "still_open_share.", "", U::kShare, B::kLower, G::kStillOpen,
               "Still open: {}", "{}",
               "share of cohort cases that reached {from} and were still open at the horizon "
               "without reaching {to}, of those and the cases reaching both: the delay's cases "
               "it could not count as finished"},
    MetricSpec{K::kDelayByYear, "by_year.", "", U::kDays, B::kLower, G::kDelaysByYear, "{}", "{}",
               "days from {from} to {to}, cases whose {from} fell in {what} and that reached "
               "{to} by the horizon"},
    MetricSpec{K::kDelayByYearStillOpen, "by_year_still_open.", "", U::kShare, B::kLower,
               G::kDelaysByYear, "Still open: {}", "{}",
               "share of cases whose {from} fell in {what} still open at the horizon without "
               "reaching {to}"},
    MetricSpec{K::kFunnelPerYear, "funnel.", "_per_year", U::kCasesPerYear, B::kNeither,
               G::kFunnel, "Funnel: {} a year", "{}",
               "cohort cases a year that reached the step: {subject}"},
    MetricSpec{K::kFunnelShare, "funnel.", "_share_of_previous", U::kShare, B::kNeither,
               G::kFunnel, "Funnel: {}, of the step before", "{}",
               "share of the cohort cases at the step before that reached this one: {subject}"},
    MetricSpec{K::kChargesPerYear, "charges_per_year", "", U::kCasesPerYear, B::kHigher,
               G::kThroughput, "Charges a year", "charges",
               "cases charged a year in the counted period, every case (today's caseload too)"},
    MetricSpec{K::kChargeRate, "charge_rate", "", U::kShare, B::kHigher, G::kThroughput,
               "Charge rate", "charge rate",
               "charges per closed investigation: charges in the counted period, of those and "
               "the cases closed there without a charge"},
    MetricSpec{K::kConvictionsPerYear, "convictions_per_year", "", U::kCasesPerYear, B::kHigher,
               G::kThroughput, "Convictions a year", "convictions",
               "cases closed a year in the counted period convicted at trial or by a guilty plea"},
    MetricSpec{K::kWithdrawalBeforeCharge, "withdrawal.before_charge_share", "", U::kShare,
               B::kLower, G::kWithdrawal, "Victim withdrew before charge", "before charge",
               "share of cohort reports whose victim withdrew before any charge"},
    MetricSpec{K::kWithdrawalAfterCharge, "withdrawal.after_charge_share", "", U::kShare,
               B::kLower, G::kWithdrawal, "Victim withdrew after charge", "after charge",
               "share of charged cohort cases whose victim withdrew after the charge"},
    MetricSpec{K::kDateChanges, "date_changes.", "_share", U::kShare, B::kNeither,
               G::kDateChanges, "Dates changed: {}", "{}",
               "share of cohort cases listed at least once whose dates changed {subject} times "
               "(listings vacated before the day or ineffective on it); open cases as they stand"},
    MetricSpec{K::kTrialWaitPart, "charge_to_trial.", "_days", U::kDays, B::kLower,
               G::kTrialWait, "Charge to trial: {}", "{}",
               "of charge to trial start, cohort cases whose trial started: {subject}"},
    MetricSpec{K::kTrialWaitAfterRecording, "charge_to_trial.after_evidence_recorded_days", "",
               U::kDays, B::kNeither, G::kTrialWait,
               "Charge to trial: after the victim's evidence was recorded",
               "after evidence recorded (section 28)",
               "of charge to trial start, cohort cases whose trial started: the days after the "
               "victim's cross-examination was recorded under section 28 (0 for a case without "
               "one), which the victim no longer waits to give evidence; it overlaps the other "
               "parts rather than adding to them"},
    MetricSpec{K::kTrialRecordedShare, "charge_to_trial.evidence_recorded_share", "", U::kShare,
               B::kNeither, G::kTrialWait, "Trials with the victim's evidence recorded first",
               "evidence recorded first (section 28)",
               "share of cohort cases whose trial started in which the victim's cross-examination "
               "had been recorded under section 28 before the trial"},
    MetricSpec{K::kTrend, "trend.", "_per_year", U::kCasesPerYear, B::kNeither, G::kStability,
               "Trend: {} a year", "{}",
               "change a year in {subject} over the counted period: the least-squares slope of "
               "the weekly snapshots from the end of the warm-up"},
};

// The table is indexed by kind: a row out of place is a bug found at start-up.
constexpr bool in_kind_order() {
  for (std::size_t i = 0; i < kCatalogue.size(); ++i)
    if (static_cast<std::size_t>(kCatalogue[i].kind) != i) return false;
  for (std::size_t i = 0; i < kUnits.size(); ++i)
    if (static_cast<std::size_t>(kUnits[i].unit) != i) return false;
  return kCatalogue.back().kind == MetricKind::kTrend &&
         kUnits.back().unit == Unit::kCasesPerYear &&
         kGroupNames.size() == static_cast<std::size_t>(MetricGroup::kStability) + 1;
}
static_assert(in_kind_order(), "kCatalogue and kUnits must list every kind in enum order");

}  // namespace

const char* unit_name(Unit u) { return kUnits[static_cast<std::size_t>(u)].name; }
const char* unit_words(Unit u) { return kUnits[static_cast<std::size_t>(u)].words; }
Scale unit_scale(Unit u) { return kUnits[static_cast<std::size_t>(u)].scale; }

const char* better_name(Better b) {
  switch (b) {
    case Better::kLower:
      return "lower";
    case Better::kHigher:
      return "higher";
    case Better::kNeither:
      return "neither";
  }
  return "neither";
}

const char* metric_group_name(MetricGroup g) { return kGroupNames[static_cast<std::size_t>(g)]; }

const MetricSpec& metric_spec(MetricKind k) { return kCatalogue[static_cast<std::size_t>(k)]; }

std::string metric_name(MetricKind k, std::string_view subject) {
  const MetricSpec& spec = metric_spec(k);
  std::string out(spec.prefix);
  out += subject;
  out += spec.suffix;
  return out;
}

}  // namespace models

namespace models {

std::string metric_description(MetricKind k, std::string_view subject,
                               const DescriptionWords& words) {
  return fmt::format(fmt::runtime(metric_spec(k).description), fmt::arg("subject", subject),
                     fmt::arg("from", words.from), fmt::arg("to", words.to),
                     fmt::arg("what", words.what));
}

}  // namespace models
