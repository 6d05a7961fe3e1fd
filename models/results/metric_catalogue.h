#pragma once

// The catalogue of reported figures: every metric casesim reports is declared
// here once, with its name, unit, what it counts, which way is better and the
// group it belongs to. summary.json, the CSVs, the terminal tables and the
// report read these fields; none of them takes a metric's name apart to learn
// what it is.
//
// A metric is one kind (a row of the catalogue) and, for kinds that come one
// per pool, stage, outcome, deadline or agency, a subject: the name of that
// pool, stage... The name is the kind's prefix, the subject and its suffix:
// kind kMeanQueue, subject "investigators" -> "mean_queue.investigators".

#include <cstdint>
#include <string>
#include <string_view>

namespace models {

// What a figure is measured in. The word is what summary.json says.
enum class Unit : std::uint8_t {
  kDays,              // "days": a duration in calendar days
  kWorkingDays,       // "working_days": a duration in working days
  kDay,               // "day": a day of the run, counted from its start date
  kShare,             // "share": a proportion, 0 to 1
  kCases,             // "cases": a count of cases
  kContacts,          // "contacts": a count of contacts with victims
  kContactsPerWeek,   // "contacts_per_week"
  kHoursPerWeek,      // "hours_per_week": staff hours a week
  kCasesPerOfficer,   // "cases_per_officer": live cases one officer carries
  kCasesPerIsva,      // "cases_per_isva"
  kPerListedCase,     // "per_listed_case": events per case that was listed for trial
  kAgenciesPerEvent,  // "agencies_per_event"
  kCasesPerYear,      // "cases_per_year"
};

// How a unit behaves on the page: durations and dates have a direction in
// time, shares are shown as percentages, counts and rates as plain numbers.
enum class Scale : std::uint8_t { kDuration, kDate, kShare, kCount, kRate };

const char* unit_name(Unit u);   // the word in summary.json: "days", "contacts_per_week"
const char* unit_words(Unit u);  // for people: "days", "contacts a week", "" for shares
Scale unit_scale(Unit u);

// Which way a metric should move for a policy to count as an improvement.
enum class Better : std::uint8_t { kLower, kHigher, kNeither };
const char* better_name(Better b);  // "lower", "higher", "neither"

// The part of the results a metric belongs to: a section of the report, one
// chart, one block of the terminal table.
enum class MetricGroup : std::uint8_t {
  kDelays,             // time from one milestone to another, and to a listed date
  kOutcomes,           // how closed reports ended
  kVolumes,            // reports counted, still open at the end
  kWithdrawalByStage,  // when victims withdrew
  kDeadlines,          // deadlines met and how late the missed ones were
  kUtilisation,        // how busy each pool of staff and the court sittings are
  kQueues,             // cases waiting for each pool
  kTrials,             // how listed trial days and listings went
  kIneffectiveCauses,  // why trials did not go ahead
  kCourtRooms,         // the general and specialist rooms
  kListings,           // listings and adjournments each listed case lived
  kSection28,          // pre-recorded cross-examination
  kCommunication,      // keeping victims informed, overall
  kAgencyLoad,         // each agency's contacts and hours a week
  kAgencyLate,         // each agency's late contacts
  kAgencyMissed,       // each agency's missed contacts (only with ContactFailures)
  kAgencyStaffTime,    // each agency's working time spent on contacts
  kCompliance,         // process steps taken when due
  kWorkload,           // caseloads and how they slow the work
  kInitialCaseload,    // the cases open on the start date
  kStillOpen,          // each delay's cases still open at the horizon (censored)
  kDelaysByYear,       // delays by year of their first milestone, and those still open
  kFunnel,             // attrition from report to conviction
  kThroughput,         // charges and convictions a year, the charge rate
  kWithdrawal,         // victim withdrawal before and after charge
  kDateChanges,        // how often a listed case's dates changed
  kTrialWait,          // where charge-to-trial time goes
  kStability,          // trends of queues and caseloads over the counted period
};
const char* metric_group_name(MetricGroup g);  // "delays", "outcomes", ...

// Every kind of metric. A kind marked "per X" comes once per X (its subject).
enum class MetricKind : std::uint8_t {
  kDelay,                    // per milestone pair, e.g. "report_to_charge"
  kOutcomeShare,             // per outcome
  kWithdrawalOutcomeShare,   // the outcome victim withdrawal ends in
  kOpenAtEnd,
  kWithdrawalByStage,        // per stage
  kNewReports,
  kDeadlineMet,              // per deadline
  kDeadlineLatenessDays,     // per deadline counted in days
  kDeadlineLatenessWorkingDays,  // per deadline counted in working days
  kPoolUtilisation,          // per pool that stages seize
  kCourtPoolUtilisation,     // per pool of courtrooms or judges
  kMeanQueue,                // per pool that stages seize
  kTrialsEffective,
  kTrialsCracked,
  kTrialsIneffective,
  kIneffectiveCause,         // per cause
  kTrialsVacated,
  kVacatedCause,             // per cause, when the court moves fixed trials
  kListingLeadTime,
  kCourtSittingsUsed,
  kRoomGroupSittingsUsed,    // per room group: "general", "specialist"
  kRoomGroupLent,            // per room group
  kTrialsOverrun,
  kSection28Recorded,
  kSection28WithdrawalAfterRecording,
  kSection28RecordingsMoved,
  kHearingsPerListedCase,
  kEarlyAdjournmentsPerListedCase,
  kLateAdjournmentsPerListedCase,
  kFirstListingFailed,
  kContactsRequired,
  kContactsOnTime,
  kContactsOverdueAtEnd,
  kLongestSilence,
  kAgenciesPerEvent,
  kFragmentedEvents,
  kAgencyContactsPerWeek,    // per agency
  kAgencyLateShare,          // per agency
  kAgencyHoursPerWeek,       // per agency
  kAgencyStaffTimeShare,     // per agency with staff
  kIsvaCaseload,
  kVpsOffered,
  kVpsUpdated,
  kBadCharacterConsidered,
  kProtectiveOrdersConsidered,
  kContactsMissed,           // only with contact failures
  kAgencyMissedShare,        // per agency, only with contact failures
  kUnexplainedDateChanges,   // only with a share of unexplained date changes
  kVictimsUnexplained,       // only with a share of unexplained date changes
  kIsvaSupported,            // only with an ISVA caseload capacity
  kWorkDays,                 // per work stage on a pool with a caseload model
  kCaseload,                 // per pool with a caseload model
  kInitialOpenAtEnd,
  kInitialClearedDay,
  kDelayStillOpen,           // per delay
  kDelayByYear,              // per delay and year
  kDelayByYearStillOpen,     // per delay and year
  kFunnelPerYear,            // per funnel step
  kFunnelShare,              // per funnel step after the first
  kChargesPerYear,
  kChargeRate,
  kConvictionsPerYear,
  kWithdrawalBeforeCharge,
  kWithdrawalAfterCharge,
  kDateChanges,              // per count of changes: none, one, two, three, four_or_more
  kTrialWaitPart,            // per part of charge to trial start
  kTrialWaitAfterRecording,  // with section 28
  kTrialRecordedShare,       // with section 28
  kTrend,                    // per series: open cases, trials waiting, each pool's queue
};

// One row of the catalogue.
struct MetricSpec {
  MetricKind kind;
  std::string_view prefix;  // the name: prefix + subject + suffix
  std::string_view suffix;
  Unit unit;
  Better better;
  MetricGroup group;
  // What a reader calls it; "{}" stands for the subject in words:
  // "Busy share of {}" -> "Busy share of investigators".
  std::string_view label;
  // The same, short, beside its siblings in a chart of the group: the
  // subject's own words for kinds with one; this for the others.
  std::string_view short_label;
  // What it counts (summary.json's "description"). Placeholders: {subject};
  // {from} and {to} (milestones, delays and deadlines); {what} (court pools:
  // "courtroom" or "ticketed judge").
  std::string_view description;
};

const MetricSpec& metric_spec(MetricKind k);

// The name a kind and subject make: "mean_queue.investigators".
std::string metric_name(MetricKind k, std::string_view subject = {});

// The words a description's placeholders stand for, besides the subject.
struct DescriptionWords {
  std::string_view from = {}, to = {};  // milestones
  std::string_view what = {};  // "courtroom", "ticketed judge"; a year's dates
};
// What a kind counts, for one subject: "busy share of investigators after
// the warm-up".
std::string metric_description(MetricKind k, std::string_view subject = {},
                               const DescriptionWords& words = {});

}  // namespace models
