// Keeping victims informed: contact deadlines in working days, an agency's
// contact desk working to its staff hours, the weekly tallies and
// communication.csv, and the scenario's "staffing" and "communication"
// sections as the loader reads them.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "models/scenario/communication.h"
#include "models/scenario/communication_section.h"
#include "models/engine/contact_desk.h"
#include "output/communication_csv.h"
#include "sim/calendar.h"

namespace {

using Catch::Matchers::Contains;
using models::ContactDesk;

sim::Date date(const char* iso) { return *sim::parse_iso_date(iso); }

std::int32_t day_of(const sim::WorkingCalendar& cal, const char* iso) {
  return static_cast<std::int32_t>((date(iso) - cal.start()).count());
}

// A resource of `count` people, with changes of headcount.
models::Pool people(int count, std::vector<models::CapacityChange> changes = {}) {
  models::Pool p;
  p.name = "staff";
  p.count = count;
  p.changes = std::move(changes);
  return p;
}

models::StaffPool hours(double per_week, double abstraction = 0) {
  models::StaffPool s;
  s.hours_per_week = per_week;
  s.abstraction = abstraction;
  return s;
}

models::AgencyWeek row(double required, double made, double late, double hours_spent,
                       double capacity) {
  models::AgencyWeek w;
  w.required = required;
  w.made = made;
  w.late = late;
  w.hours = hours_spent;
  w.capacity = capacity;
  return w;
}

std::string iso_of(const sim::WorkingCalendar& cal, std::int32_t day) {
  return sim::to_iso(cal.start() + std::chrono::days{day});
}

TEST_CASE("A contact due 1 working day after a Friday charge is due on Monday",
          "[communication]") {
  const sim::WorkingCalendar cal(date("2024-01-01"));
  // 2024-05-10 is a Friday before an ordinary weekend.
  CHECK(iso_of(cal, ContactDesk::due_day(cal, day_of(cal, "2024-05-10"), 1)) == "2024-05-13");
  SECTION("and on Tuesday when the Monday is a bank holiday") {
    // 2024-05-03: the Friday before the early May bank holiday.
    CHECK(iso_of(cal, ContactDesk::due_day(cal, day_of(cal, "2024-05-03"), 1)) == "2024-05-07");
  }
  SECTION("2 working days after a Thursday before Good Friday and Easter Monday is Wednesday") {
    CHECK(iso_of(cal, ContactDesk::due_day(cal, day_of(cal, "2024-03-28"), 2)) == "2024-04-03");
  }
}

TEST_CASE("A contact raised on a Friday is made on Monday, on time, when staff are free",
          "[communication]") {
  const sim::WorkingCalendar cal(date("2024-01-01"));
  const models::Pool wcu = people(2);
  const models::StaffPool staff = hours(37.5);
  ContactDesk desk(cal, &wcu, &staff);
  std::vector<ContactDesk::Made> made;
  const std::int32_t friday = day_of(cal, "2024-05-03");
  desk.work_until(friday, made);
  desk.raise({.key = 7, .raised = friday, .due = ContactDesk::due_day(cal, friday, 1),
              .minutes = 20});
  desk.work_until(friday + 3, made);  // Saturday, Sunday, bank-holiday Monday
  CHECK(made.empty());
  desk.work_until(friday + 4, made);
  REQUIRE(made.size() == 1);
  CHECK(made[0].key == 7);
  CHECK(iso_of(cal, made[0].made) == "2024-05-07");
  CHECK_FALSE(made[0].late());
}

TEST_CASE("Contacts beyond the day's hours wait for the next working day and may be late",
          "[communication]") {
  const sim::WorkingCalendar cal(date("2024-01-01"));  // a Monday
  // One officer, 5 hours a day of which 20% is abstracted: 4 hours = 240 minutes.
  const models::Pool wcu = people(1);
  const models::StaffPool staff = hours(25, 0.2);
  ContactDesk desk(cal, &wcu, &staff);
  std::vector<ContactDesk::Made> made;
  desk.work_until(0, made);
  const std::int32_t due = ContactDesk::due_day(cal, 0, 1);  // Tuesday
  for (std::uint64_t k = 0; k < 5; ++k) desk.raise({k, 0, due, 60});  // 300 minutes
  desk.work_until(1, made);
  CHECK(made.size() == 4);  // 240 minutes on Tuesday
  CHECK(desk.waiting() == 1);
  CHECK(desk.overdue(2) == 1);
  desk.work_until(2, made);
  REQUIRE(made.size() == 5);
  CHECK(made[4].key == 4);
  CHECK(made[4].late());
  desk.work_until(6, made);
  const models::AgencyWeek& week = desk.weeks().at(0);
  CHECK(week.required == 5);
  CHECK(week.made == 5);
  CHECK(week.late == 1);
  CHECK(week.hours == Approx(5));
  CHECK(week.capacity == Approx(4 * 4));  // four working days (1 January is a holiday) of 4 hours
  CHECK(week.staff_hours == Approx(4 * 4));
}

TEST_CASE("A contact started one day is finished first the next, then earliest due first",
          "[communication]") {
  const sim::WorkingCalendar cal(date("2024-01-01"));
  const models::Pool p = people(1);
  const models::StaffPool staff = hours(5);  // 60 minutes a day
  ContactDesk desk(cal, &p, &staff);
  std::vector<ContactDesk::Made> made;
  desk.work_until(0, made);
  desk.raise({1, 0, 10, 90});  // takes a day and a half
  desk.work_until(1, made);
  CHECK(made.empty());
  desk.raise({2, 1, 2, 30});  // due sooner than contact 1, but 1 is in hand
  desk.raise({3, 1, 3, 30});
  desk.work_until(2, made);
  REQUIRE(made.size() == 2);
  CHECK(made[0].key == 1);
  CHECK(made[1].key == 2);
  desk.work_until(3, made);
  REQUIRE(made.size() == 3);
  CHECK(made[2].key == 3);
}

TEST_CASE("An agency without staff makes every contact on the next working day",
          "[communication]") {
  const sim::WorkingCalendar cal(date("2024-01-01"));
  ContactDesk desk(cal, nullptr, nullptr);
  std::vector<ContactDesk::Made> made;
  desk.work_until(4, made);  // Friday 5 January
  for (std::uint64_t k = 0; k < 1000; ++k) desk.raise({k, 4, ContactDesk::due_day(cal, 4, 1), 30});
  desk.work_until(7, made);
  REQUIRE(made.size() == 1000);
  for (const auto& m : made) CHECK(m.made == 7);
  CHECK(desk.weeks().at(1).capacity == 0);
  CHECK(desk.weeks().at(1).hours == Approx(500));
}

TEST_CASE("Headcount follows the resource's changes", "[communication]") {
  const sim::WorkingCalendar cal(date("2024-01-01"));
  const models::Pool p = people(1, {{date("2024-01-08"), 3}});
  const models::StaffPool staff = hours(10);
  ContactDesk desk(cal, &p, &staff);
  std::vector<ContactDesk::Made> made;
  desk.work_until(13, made);
  CHECK(desk.weeks().at(0).capacity == Approx(4 * 2));  // 1 January is a holiday
  CHECK(desk.weeks().at(1).capacity == Approx(30));
}

// Contacts raised every working day for a year, each taking 30 minutes;
// returns the share made on time.
double on_time_share(int officers, int contacts_per_day) {
  const sim::WorkingCalendar cal(date("2024-01-01"));
  const models::Pool p = people(officers);
  const models::StaffPool staff = hours(37.5, 0.2);
  ContactDesk desk(cal, &p, &staff);
  std::vector<ContactDesk::Made> made;
  std::uint64_t key = 0;
  for (std::int32_t day = 0; day < 365; ++day) {
    desk.work_until(day, made);
    if (!cal.is_working_day(cal.start() + std::chrono::days{day})) continue;
    // A burst on Mondays (weekend events), the rest spread over the week.
    const int n = contacts_per_day * (day % 7 == 0 ? 3 : 1);
    for (int i = 0; i < n; ++i) desk.raise({key++, day, ContactDesk::due_day(cal, day, 1), 30});
  }
  desk.work_until(2000, made);  // clears any backlog
  REQUIRE(made.size() == key);
  double on_time = 0;
  for (const auto& m : made) on_time += !m.late();
  return on_time / static_cast<double>(made.size());
}

TEST_CASE("Doubling staff raises the on-time share only when capacity binds",
          "[communication]") {
  // Each officer gives 6 hours a day: 12 contacts of 30 minutes.
  SECTION("capacity binds: 4 officers for 48-144 contacts a day") {
    const double before = on_time_share(4, 48);
    const double after = on_time_share(8, 48);
    CHECK(before < 0.9);
    CHECK(after > before);
  }
  SECTION("capacity does not bind: 40 officers for the same contacts") {
    CHECK(on_time_share(40, 48) == 1.0);
    CHECK(on_time_share(80, 48) == 1.0);
  }
}

TEST_CASE("Each contact raised is required once and made once", "[communication]") {
  const sim::WorkingCalendar cal(date("2024-01-01"));
  const models::Pool p = people(1);
  const models::StaffPool staff = hours(10);
  ContactDesk desk(cal, &p, &staff);
  std::vector<ContactDesk::Made> made;
  for (std::int32_t day = 0; day < 60; ++day) {
    desk.work_until(day, made);
    desk.raise({static_cast<std::uint64_t>(day), day, ContactDesk::due_day(cal, day, 2), 45});
  }
  desk.work_until(200, made);
  double required = 0, made_count = 0;
  for (const auto& w : desk.weeks()) required += w.required, made_count += w.made;
  CHECK(required == 60);
  CHECK(made_count == 60);
  REQUIRE(made.size() == 60);
  std::vector<bool> seen(60, false);
  for (const auto& m : made) {
    CHECK_FALSE(seen[m.key]);
    seen[m.key] = true;
  }
}

TEST_CASE("communication.csv has a row per week and agency", "[communication][output]") {
  const sim::WorkingCalendar cal(date("2024-01-01"));
  models::CommunicationTally a, b;
  a.weeks = {{row(4, 2, 1, 1.5, 10)}, {row(1, 0, 0, 0, 0), row(0, 1, 0, 0.25, 0)}};
  b.weeks = {{row(2, 2, 0, 0.5, 10)}, {}};
  const auto mean = models::mean_agency_weeks({&a, &b});
  const std::string csv = output::communication_csv(cal, {"wcu", "cps"}, mean);
  CHECK(csv ==
        "week_start,day,agency,required,made,late,hours,capacity,staff_hours\n"
        "2024-01-01,0,wcu,3,2,0.5,1,10,0\n"
        "2024-01-01,0,cps,0.5,0,0,0,0,0\n"
        "2024-01-08,7,wcu,0,0,0,0,0,0\n"
        "2024-01-08,7,cps,0,0.5,0,0.125,0,0\n");
}

// ---- the scenario sections ----------------------------------------------

using models::loading::Checker;
using models::loading::Json;

struct Read {
  models::Staffing staffing;
  std::optional<models::Communication> communication;
  std::vector<models::Diagnostic> problems;
  std::string text() const {
    std::string out;
    for (const auto& p : problems) out += p.to_string() + "\n";
    return out;
  }
};

Read read(const char* json) {
  std::vector<models::Pool> pools(3);
  pools[0].name = "investigators";
  pools[1].name = "witness_care";
  pools[2].name = "cps_lawyers";
  std::vector<models::Stage> stages(2);
  stages[0].name = "investigation";
  stages[1].name = "police_nfa";
  Read r;
  Checker check("s.json", r.problems);
  const Json root = Json::parse(json);
  r.staffing = models::loading::read_staffing(root, check, pools);
  r.communication = models::loading::read_communication(root, check, pools, stages, r.staffing);
  return r;
}

TEST_CASE("The staffing and communication sections load into typed rules",
          "[communication][scenario]") {
  const Read r = read(R"({
    "staffing": {
      "investigators": {"hours_per_week": 40, "abstraction": 0.2, "contact_share": 0.1,
                        "caseload": {"cap": 15, "switching_overhead": 0.03}},
      "witness_care": {"hours_per_week": 37}
    },
    "communication": {
      "agencies": {"police": {"role": "police", "staff": "investigators"},
                   "wcu": {"role": "wcu", "staff": "witness_care"},
                   "court": {"role": "court"}},
      "channels": {"phone": {"minutes": 20}, "letter": {"minutes": 10}},
      "rules": {
        "charge": {"on": "charge_decision", "agency": "police", "channel": "phone"},
        "hearings": {"on": ["first_hearing_date", "hearing_date"], "agency": "wcu",
                     "channel": "letter", "within_working_days": 1, "audience": "parent_or_carer"}
      },
      "plans": {"updates": {"every_days": 28, "from": "report", "until": "charge",
                            "agency": "police", "channel": "phone"}},
      "responsibility_moves": [{"after": "charge", "from": "wcu", "to": "police"}],
      "single_point_of_contact": {"agency": "police", "isva_supported_only": true},
      "events_at_stages": {"police_nfa": ["no_further_action"]},
      "compliance": {"vps_offered_at_report": 0.6, "protective_orders_considered": 0.4},
      "withdrawal_feedback": {"per_late_contact": 1.05, "max_multiplier": 1.5}
    }
  })");
  INFO(r.text());
  REQUIRE(r.problems.empty());
  REQUIRE(r.staffing.pools.size() == 2);
  const models::StaffPool* inv = r.staffing.of(0);
  REQUIRE(inv);
  CHECK(inv->hours_per_week == 40);
  REQUIRE(inv->caseload);
  CHECK(inv->caseload->cap == 15);
  CHECK(inv->caseload->reference == 15);  // durations measured at full caseload by default
  CHECK(inv->contact_hours_per_person_day() == Approx(40.0 / 5 * 0.8 * 0.1));
  CHECK(r.staffing.of(2) == nullptr);
  REQUIRE(r.communication);
  const models::Communication& c = *r.communication;
  REQUIRE(c.agencies.size() == 3);
  CHECK(c.agencies[1].role == models::AgencyRole::kWitnessCare);
  CHECK(c.agencies[1].staff == 1u);
  CHECK_FALSE(c.agencies[2].staff);
  REQUIRE(c.rules.size() == 2);
  CHECK(c.rules[0].on == std::vector<models::CaseEvent>{models::CaseEvent::kChargeDecision});
  CHECK(c.rules[0].working_days == 1);
  CHECK(c.rules[1].on.size() == 2);
  CHECK(c.rules[1].channel == 1u);
  CHECK(c.rules[1].audience == models::Audience::kParentOrCarer);
  REQUIRE(c.plans.size() == 1);
  CHECK(c.plans[0].until == models::Milestone::kCharge);
  CHECK(c.plans[0].working_days == 5);
  REQUIRE(c.moves.size() == 1);
  CHECK(c.moves[0].from == 1u);
  CHECK(c.moves[0].to == 0u);
  REQUIRE(c.single_point);
  CHECK(c.single_point->isva_supported_only);
  CHECK(c.events_at_stage[1] ==
        std::vector<models::CaseEvent>{models::CaseEvent::kNoFurtherAction});
  CHECK(c.compliance.vps_offered_at_report == 0.6);
  CHECK(c.compliance.bad_character_considered == 1);
  CHECK(c.feedback.per_late_contact == 1.05);
}

TEST_CASE("Mistakes in the communication sections are located and explained",
          "[communication][scenario]") {
  const Read r = read(R"({
    "staffing": {"witness_care": {"hours_per_week": 0, "caseload": {"cap": 0}},
                 "isvas": {}},
    "communication": {
      "agencies": {"wcu": {"staff": "witness_care"}, "cps": {"staff": "cps_lawyers"}},
      "channels": {"phone": {"minutes": 20}},
      "rules": {"charge": {"on": "charge", "agency": "wcuu", "channel": "phone",
                           "within_working_days": 0}},
      "events_at_stages": {"investigaton": ["arrest"]}
    }
  })");
  const std::string text = r.text();
  CHECK_THAT(text, Contains("s.json: /staffing/witness_care/hours_per_week: 0 is out of range"));
  CHECK_THAT(text, Contains("/staffing/witness_care/caseload/cap: 0 is out of range"));
  CHECK_THAT(text, Contains("/staffing/isvas: unknown resource 'isvas'"));
  CHECK_THAT(text, Contains("/communication/agencies/cps/staff: resource 'cps_lawyers' has no "
                            "\"staffing\" entry"));
  CHECK_THAT(text, Contains("/communication/rules/charge/on: unknown case event 'charge'"));
  CHECK_THAT(text, Contains("/communication/rules/charge/agency: unknown agency 'wcuu' (did you "
                            "mean 'wcu'?)"));
  CHECK_THAT(text, Contains("/communication/rules/charge/within_working_days: 0 is out of range"));
  CHECK_THAT(text, Contains("/communication/events_at_stages/investigaton: unknown stage "
                            "'investigaton' (did you mean 'investigation'?)"));
}

TEST_CASE("Contact failures and ISVA places load, and bad values are located",
          "[communication][scenario]") {
  SECTION("good values") {
    const Read r = read(R"({
      "staffing": {"witness_care": {"hours_per_week": 37}},
      "communication": {
        "agencies": {"wcu": {"role": "wcu", "staff": "witness_care"},
                     "isva": {"role": "isva", "staff": "witness_care", "cases_per_person": 60}},
        "channels": {"phone": {"minutes": 20}},
        "failures": {"drop_after_working_days": 20, "max_waiting_per_person": 40,
                     "missed_after_move": 0.2, "missed_without_single_point": 0.05,
                     "unexplained_date_change": 0.36},
        "withdrawal_feedback": {"per_late_adjournment": 1.1, "per_unexplained_date_change": 1.2}
      }
    })");
    INFO(r.text());
    REQUIRE(r.problems.empty());
    const models::Communication& c = *r.communication;
    CHECK(c.agencies[1].cases_per_person == 60);
    CHECK(c.failures.drop_after_working_days == 20);
    CHECK(c.failures.max_waiting_per_person == 40);
    CHECK(c.failures.missed_after_move == 0.2);
    CHECK(c.failures.missed_without_single_point == 0.05);
    CHECK(c.failures.unexplained_date_change == 0.36);
    CHECK(c.failures.any_missed());
    CHECK(c.feedback.per_late_adjournment == 1.1);
    CHECK(c.feedback.per_unexplained_date_change == 1.2);
    CHECK(c.feedback.per_late_contact == 1);
  }
  SECTION("without them nothing fails") {
    const Read r = read(R"({"communication": {"agencies": {"wcu": {}},
                                               "channels": {"phone": {"minutes": 20}}}})");
    REQUIRE(r.problems.empty());
    CHECK_FALSE(r.communication->failures.any_missed());
    CHECK(r.communication->failures.unexplained_date_change == 0);
    CHECK_FALSE(r.communication->feedback.on_date_changes());
    CHECK(r.communication->agencies[0].cases_per_person == 0);
  }
  SECTION("bad values") {
    const Read r = read(R"({
      "staffing": {"witness_care": {"hours_per_week": 37}},
      "communication": {
        "agencies": {"wcu": {"role": "wcu", "staff": "witness_care", "cases_per_person": 60},
                     "isva": {"role": "isva", "cases_per_person": 0}},
        "channels": {"phone": {"minutes": 20}},
        "failures": {"drop_after_working_days": 2.5, "max_waiting_per_person": -1,
                     "missed_after_move": 1.5, "missed_without_single_point": -0.1,
                     "unexplained_date_change": "36%", "handover": 0.2},
        "withdrawal_feedback": {"per_late_adjournment": 0.9, "per_unexplained_date_change": 0}
      }
    })");
    const std::string text = r.text();
    CHECK_THAT(text, Contains("s.json: /communication/agencies/wcu/cases_per_person: is given for "
                              "an agency that is not an ISVA service with staff; expected it "
                              "only with \"role\": \"isva\" and \"staff\""));
    CHECK_THAT(text, Contains("/communication/agencies/isva/cases_per_person: 0 is out of range; "
                              "expected the open cases one ISVA supports at most, > 0"));
    CHECK_THAT(text, Contains("/communication/failures/drop_after_working_days: expected working "
                              "days past its deadline"));
    CHECK_THAT(text, Contains("/communication/failures/max_waiting_per_person: -1 is out of range"));
    CHECK_THAT(text, Contains("/communication/failures/missed_after_move: 1.5 is out of range; "
                              "expected a probability between 0 and 1"));
    CHECK_THAT(text, Contains("/communication/failures/missed_without_single_point: -0.1 is out "
                              "of range"));
    CHECK_THAT(text, Contains("/communication/failures/unexplained_date_change: expected a "
                              "probability between 0 and 1"));
    CHECK_THAT(text, Contains("/communication/failures/handover: unknown key"));
    CHECK_THAT(text, Contains("/communication/withdrawal_feedback/per_late_adjournment: 0.9 is "
                              "out of range; expected a hazard multiplier >= 1"));
    CHECK_THAT(text, Contains("/communication/withdrawal_feedback/per_unexplained_date_change: 0 "
                              "is out of range"));
  }
}

}  // namespace
