#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <vector>

#include "models/scenario/communication.h"
#include "models/engine/communication_tally.h"
#include "models/engine/contact_desk.h"
#include "models/scenario/scenario.h"
#include "sim/calendar.h"

namespace models {

// Keeping every victim of one replication informed: turns case events and
// contact plans into contacts for the agencies' desks (after responsibility
// moves and any single point of contact), and keeps each victim's account
// (contacts, late ones, the longest silence) and the replication's tally.
// The engine tells it what happens to cases; it holds no randomness: the
// chances a contact fails (ContactFailures) are drawn by the engine's `Draw`
// from the case's own stream.
class VictimContacts {
 public:
  // Which chance a draw is for; with the case and a count, it names the draw.
  // kNoSinglePoint draws the number of contacts to the victim's next miss
  // (see lost()).
  enum class Chance : std::uint8_t { kHandover, kNoSinglePoint, kDateChange };
  // A uniform draw in (0, 1) for the case with this serial; n numbers the
  // draws of one chance (the move's index, the victim's date changes so far,
  // the contact a gap starts from). Called only when a failure chance is
  // above 0.
  using Draw = std::function<double(std::uint64_t serial, Chance which, std::uint32_t n)>;

  // Lifetime: keeps references to the scenario and the calendar (the
  // CaseFlowModel's), which must outlive this object.
  VictimContacts(const Scenario& scenario, const sim::WorkingCalendar& calendar, Draw draw = {});

  using VictimId = std::uint32_t;

  // A case opens (a report, or one of today's caseload at time 0); its
  // victim's account starts at `report` (days since the start). `isva`: the
  // victim has (today's caseload) or wants (a report) an ISVA.
  VictimId open(double report, bool counted, bool isva, bool child, std::uint64_t serial = 0);
  // A new report's victim who wants an ISVA asks the ISVA service at `now`:
  // whether they have one (false beyond its caseload capacity, if it has one).
  bool take_isva(VictimId v, double now);
  // The case reached milestone m at `now`: plans from m start, plans until m
  // stop; a responsibility move at m may lose the handover.
  void milestone(VictimId v, Milestone m, double now);
  // The case's trial date changed (a listing vacated, or adjourned on the day
  // when `late`): the change may reach the victim unexplained. Call after
  // the event's contacts are raised. True when
  // that raised the victim's withdrawal multiplier (withdrawal_feedback).
  bool date_changed(VictimId v, bool late);
  // Something happened to the case that rules may call for contacts about.
  // The events given together are one occurrence (a relisting is a new
  // hearing date too): each rule makes at most one contact for it.
  void event(VictimId v, std::initializer_list<CaseEvent> events, double now);
  // The case has ended; contacts already raised for it are still made.
  void close(VictimId v, double now);
  // Day boundaries: plans due by `now` raise their contacts, and the desks
  // work the days up to now. Called at least daily by the engine.
  void tick(double now);
  // Weekly: ISVA caseload.
  void snapshot(double now);
  // From now on, contacts follow `values` (a scenario's dated values): rules'
  // deadlines, plans' intervals and deadlines, channels' minutes. Contacts
  // already raised, and plan updates already due, keep theirs.
  // REQUIRES: the same agencies, channels, rules and plans, in the same order;
  // `values` outlives this object.
  void use(const Communication& values);

  // The victim's withdrawal-hazard multiplier from contacts not made by
  // their deadline (1 with no feedback). Each counts the day after its
  // deadline, whether it is made later or never.
  double withdrawal_multiplier(VictimId v) const { return victims_[v].multiplier; }

  struct Account {
    std::uint32_t contacts = 0;
    std::uint32_t late = 0;
    double longest_silence = 0;  // days; NaN when not known (no contact rules)
    std::uint32_t missed = 0;
  };
  // REQUIRES: finish() was called
  Account account(VictimId v) const;

  // Closes the books at the horizon. Call once.
  CommunicationTally finish(double horizon);

 private:
  static constexpr std::uint8_t kNoAgency = 0xff;
  struct Victim {
    float report = 0;
    float last = 0;     // day of the last contact made (or the report)
    float longest = 0;  // longest gap so far, days
    float end = -1;     // day the case ended; -1 while open
    float multiplier = 1;
    std::uint32_t contacts = 0;
    std::uint32_t late = 0;
    std::uint32_t missed = 0;
    std::uint64_t serial = 0;           // the case's, for its draws
    // Contacts raised without a single point of contact so far, and the
    // number of the next one that is missed (see lost()).
    std::uint32_t chances = 0;
    std::uint32_t next_miss = 0;
    std::uint16_t date_changes = 0;
    std::uint16_t unexplained = 0;      // date changes told without an explanation
    std::uint8_t lost_handover = kNoAgency;  // its next contact is missed
    std::uint8_t reached = 0;  // milestones reached, one bit each
    bool counted = false;
    bool isva = false;
    bool child = false;
  };
  struct PlanDue {
    double at;
    VictimId victim;
    std::uint32_t plan;
  };
  // Inline (and lost() too): called for nearly every contact, each cost more
  // in its call and register saves than in its work. Used in the .cc only.
  inline void schedule_plan(double at, VictimId victim, std::uint32_t plan);
  static std::int32_t day_of(double t) { return static_cast<std::int32_t>(t); }
  bool reached(const Victim& v, Milestone m) const {
    return v.reached & (1u << static_cast<unsigned>(m));
  }
  std::size_t agency_for(const Victim& v, std::size_t agency) const;
  struct Pending {
    std::size_t agency;
    double minutes;
    int working_days;
    bool task = false;  // staff work, not a contact (ContactRule::task)
  };
  // Raises one occurrence's contacts, after the single point of contact.
  void raise(VictimId id, std::vector<Pending>& contacts, double now);
  // Raises a plan's update: an occurrence of one contact, never a task.
  // Inline, as schedule_plan(): most of a national run's contacts are these.
  inline void raise_update(VictimId id, Pending update, double now);
  // Raises one contact of an occurrence (today's desks already worked): false
  // when it is missed. Counts it in the victim's account and the tally.
  bool raise_one(VictimId id, const Pending& c, std::int32_t today);
  void flush(std::int32_t day);
  bool single_point_for(const Victim& v) const;
  // Whether a contact about to be raised is missed before it reaches a desk:
  // a lost handover, or no single point of contact.
  inline bool lost(Victim& v, std::size_t agency);
  // The number of the victim's first missed contact at or after `from`.
  std::uint32_t next_miss_from(const Victim& v, std::uint32_t from) const;
  // Counts a missed contact for the victim (its agency counts its own).
  void missed(Victim& v);

  static std::uint32_t event_bit(CaseEvent e) { return 1u << static_cast<unsigned>(e); }
  static_assert(kCaseEventCount <= 32, "one bit per case event");

  const Scenario& s_;
  const Communication* comm_;  // the values in force (use())
  // Per rule, the events that call it, one bit each; and all rules' together,
  // so that an event no rule is about costs nothing.
  std::vector<std::uint32_t> rule_events_;
  std::uint32_t any_rule_events_ = 0;
  // Per case event, the rules it calls, in the rules' order.
  std::array<std::vector<std::uint32_t>, kCaseEventCount> rules_on_;
  const sim::WorkingCalendar& calendar_;
  std::vector<ContactDesk> desks_;  // one per agency
  std::vector<Victim> victims_;
  // Plan updates by the day they fall due (a calendar queue: a day's updates
  // in the order they were set, which the run makes the same every time).
  std::vector<std::vector<PlanDue>> plans_by_day_;
  // Days' lists already worked, emptied with their memory kept, for the days
  // ahead to reuse (not a fresh allocation, and its page faults, each day).
  std::vector<std::vector<PlanDue>> spare_days_;
  std::int32_t plans_done_ = -1;  // last day whose updates were raised
  std::vector<ContactDesk::Made> made_;
  // A contact's key at the desks: its victim in the high 32 bits, its number
  // in the low 32, so that no per-contact table is needed to find whose it is.
  static std::uint64_t key_of(VictimId v, std::uint32_t contact) {
    return (static_cast<std::uint64_t>(v) << 32) | contact;
  }
  static VictimId victim_of(std::uint64_t key) { return static_cast<VictimId>(key >> 32); }
  static std::uint32_t contact_of(std::uint64_t key) { return static_cast<std::uint32_t>(key); }
  std::uint32_t contacts_raised_ = 0;
  // With withdrawal feedback only: per contact raised since feedback was on,
  // the day it was made (-1 until then).
  std::vector<std::int32_t> contact_made_;
  // With withdrawal feedback: contacts to look at the day after their
  // deadline, (day, contact key) in a min-heap.
  std::vector<std::pair<std::int32_t, std::uint64_t>> deadline_watch_;
  std::vector<Pending> pending_;
  // The due days of contacts raised on due_day_of_, by working days (-1: not
  // yet worked out): a day's many contacts share a handful of deadlines.
  std::int32_t due_day(std::int32_t today, int working_days);
  std::int32_t due_day_of_ = -1;
  std::array<std::int32_t, 16> due_days_{};
  std::int32_t flushed_ = -1;
  std::int64_t isva_open_ = 0;
  std::optional<std::size_t> isva_agency_;
  double isva_cases_per_person_ = 0;  // 0: no caseload capacity
  Draw draw_;
  // log(1 - missed_without_single_point), once: failure chances hold all run.
  double log_kept_ = 0;
  CommunicationTally tally_;
  bool finished_ = false;
};

}  // namespace models
