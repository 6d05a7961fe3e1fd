#pragma once

// Keeping victims informed, as typed rules: the scenario's "communication"
// section after loading. Contacts are triggered by case events (a charge, a
// hearing date, an adjournment) and by agreed contact plans; each falls to an
// agency, takes its staff time by channel, and is due within a number of
// working days (the Victims' Code enhanced limits). Plain data: a policy
// changes these values (who makes a contact, how, how soon), never the engine.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/enum_words.h"
#include "models/scenario/milestone.h"

namespace models {

// What happens to a case that a victim must be told of. The engine raises
// most of them itself (see docs/communication.md); the rest are raised on
// entering the stages a scenario names for them (events_at_stages).
enum class CaseEvent : std::uint8_t {
  kReport,            // the report is made (arrival)
  kAllocation,        // the case first starts work with an officer
  kArrest,
  kInterview,
  kRelease,           // the suspect released, under investigation or on bail
  kBailChange,
  kReferral,          // police refer the case to the CPS (milestone referral)
  kChargeDecision,    // milestone charge
  kNoFurtherAction,
  kFirstHearingDate,  // milestone first_hearing
  kHearingDate,       // a trial listed on a date: every listing, relistings included
  kRelisting,         // a trial listed again after an adjournment
  kAdjournment,       // a listing vacated before the day or ineffective on it
  kSpecialMeasures,   // special measures or section 28 decision
  kTrialOutcome,      // an effective trial ends, or a trial cracks
  kSentence,
};
inline constexpr std::size_t kCaseEventCount = 16;
const char* case_event_name(CaseEvent e);  // "report", "allocation", ... "sentence"
std::optional<CaseEvent> case_event_from_name(std::string_view name);
std::vector<std::string> case_event_names();

// What an agency is, for the metrics that need to know (ISVA caseload).
enum class AgencyRole : std::uint8_t { kPolice, kWitnessCare, kCps, kIsva, kCourt, kOther };
inline constexpr EnumWords kAgencyRoleWords{std::array<EnumWord<AgencyRole>, 6>{{
    {AgencyRole::kPolice, "police"},
    {AgencyRole::kWitnessCare, "wcu"},
    {AgencyRole::kCps, "cps"},
    {AgencyRole::kIsva, "isva"},
    {AgencyRole::kCourt, "court"},
    {AgencyRole::kOther, "other"},
}}};
inline const char* agency_role_name(AgencyRole r) { return kAgencyRoleWords.word(r); }

struct Agency {
  std::string name;
  AgencyRole role = AgencyRole::kOther;
  // Resource index whose staffing gives the hours for contacts. Without one
  // the agency's contacts take no one's time and are made on the first
  // working day after they arise.
  std::optional<std::size_t> staff;
  // Role isva with staff only: the open cases one ISVA supports at most. A
  // victim who wants an ISVA when every one is at this caseload goes without
  // (no waiting list). 0: no limit, every victim who wants one has one.
  double cases_per_person = 0;
};

struct Channel {
  std::string name;
  double minutes = 15;  // staff time per contact, minutes; > 0
};

// Who must be told.
enum class Audience : std::uint8_t {
  kVictim,
  kParentOrCarer,  // for child victims; otherwise the victim
  kIsva,           // the victim's ISVA, when the victim has one; otherwise nobody
};
inline constexpr EnumWords kAudienceWords{std::array<EnumWord<Audience>, 3>{{
    {Audience::kVictim, "victim"},
    {Audience::kParentOrCarer, "parent_or_carer"},
    {Audience::kIsva, "isva"},
}}};
inline const char* audience_name(Audience a) { return kAudienceWords.word(a); }

// One contact each time any of `on` happens to a case.
struct ContactRule {
  std::string name;
  std::vector<CaseEvent> on;       // at least one
  std::size_t agency = 0;          // index into Communication::agencies
  std::size_t channel = 0;         // index into Communication::channels
  int working_days = 1;            // due within this many working days of the event; >= 1
  Audience audience = Audience::kVictim;
  // Staff work the event calls for that is not a contact with the victim
  // (file preparation before a hearing, disclosure, a charging review): it
  // takes the agency's hours, in the same queue, but no victim hears of it,
  // so it counts in no contact figure, and responsibility moves and a single
  // point of contact leave it where it is.
  bool task = false;
};

// Regular updates agreed with the victim: a contact every `every_days` from
// the case reaching `from` until it reaches `until` (or ends).
struct ContactPlan {
  std::string name;
  Milestone from = Milestone::kReport;
  Milestone until = Milestone::kCompletion;
  double every_days = 28;   // calendar days between updates; > 0
  std::size_t agency = 0;
  std::size_t channel = 0;
  int working_days = 5;     // each update due within this many working days of its date; >= 1
  Audience audience = Audience::kVictim;
};

// From a milestone on, contacts that would fall to agency `from` fall to
// `to` instead (a CPS victim-liaison post taking the Witness Care Unit's
// post-charge updates).
struct ResponsibilityMove {
  Milestone after = Milestone::kCharge;
  std::size_t from = 0;  // agency index
  std::size_t to = 0;    // agency index
};

// One agency speaks to the victim for all the others from a milestone on:
// the contacts one event raises become a single contact by that agency,
// due by the earliest of their deadlines and taking the longest channel time.
struct SinglePointOfContact {
  std::size_t agency = 0;
  Milestone from = Milestone::kReport;
  bool isva_supported_only = false;  // only for victims with an ISVA
};

// Process compliance: the chance each opportunity is taken.
struct Compliance {
  double vps_offered_at_report = 1;     // victim personal statement offered, per report; [0, 1]
  double vps_updated_before_trial = 1;  // VPS updated, per trial that starts; [0, 1]
  double bad_character_considered = 1;  // application considered, per charged case; [0, 1]
  // SHPO, SRO or restraining order considered, per opportunity: a charge, a
  // bail change, a sentence; [0, 1]
  double protective_orders_considered = 1;
};

// Late or missing updates may raise the victim's withdrawal hazard: each
// contact made late, or still not made when its deadline passes, multiplies
// the hazard by `per_late_contact`, up to `max_multiplier`. It takes effect in
// the next stage the case enters (a stage's hazard is fixed on entry).
// Late adjournments and date changes told without an explanation weigh on
// the victim too: each multiplies the hazard at once (the rest of the stage's
// withdrawal is drawn afresh), under the same cap.
struct WithdrawalFeedback {
  double per_late_contact = 1;  // >= 1; 1 turns the feedback off
  double max_multiplier = 2;    // >= 1
  double per_late_adjournment = 1;         // per trial adjourned on the day; >= 1
  double per_unexplained_date_change = 1;  // per date change with no explanation; >= 1
  bool on_date_changes() const {
    return per_late_adjournment > 1 || per_unexplained_date_change > 1;
  }
};

// How contacts fail outright, not only late (stated assumptions; all off by
// default, and then every contact is made sooner or later).
struct ContactFailures {
  // A desk gives up on a contact still waiting this many working days after
  // its deadline: it is never made. 0: never.
  int drop_after_working_days = 0;
  // A desk with more contacts waiting than this per person on the day makes
  // no new one: the contacts raised that day are missed. 0: no bound.
  double max_waiting_per_person = 0;
  // Chance, at each responsibility move a case passes, that the handover
  // fails and the next contact the new agency owes the victim is missed; [0, 1].
  double missed_after_move = 0;
  // Chance that a contact with the victim is missed while no single point of
  // contact is in place for them; [0, 1].
  double missed_without_single_point = 0;
  // Share of date changes (a trial vacated or adjourned) that reach the victim
  // with no explanation; [0, 1].
  double unexplained_date_change = 0;
  bool any_missed() const {
    return drop_after_working_days > 0 || max_waiting_per_person > 0 ||
           missed_after_move > 0 || missed_without_single_point > 0;
  }
};

struct Communication {
  std::vector<Agency> agencies;
  std::vector<Channel> channels;
  std::vector<ContactRule> rules;
  std::vector<ContactPlan> plans;
  std::vector<ResponsibilityMove> moves;         // applied in order
  std::optional<SinglePointOfContact> single_point;
  // Events raised on entering a stage: stage index -> events.
  std::vector<std::vector<CaseEvent>> events_at_stage;
  Compliance compliance;
  WithdrawalFeedback feedback;
  ContactFailures failures;

  std::optional<std::size_t> agency_index(std::string_view name) const;
};

}  // namespace models
