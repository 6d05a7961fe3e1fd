// Communication that can fail (issue 16 item 4): contacts missed when a desk's
// backlog passes its bound, at a handover that fails, or without a single
// point of contact; date changes told without an explanation; ISVA places
// from the ISVA service's caseload capacity; and what late adjournments and
// unexplained changes do to withdrawal. Each run is small and seeded; every
// comparison takes its tolerance from the runs' own intervals.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <string_view>

#include "models/engine/case_flow_model.h"
#include "models/results/run_summary.h"
#include "models/scenario/scenario_loader.h"
#include "sim/replication_runner.h"
#include "tests/scenario_runs.h"

namespace {

using casesim_test::replaced;

// Reports are investigated, charged, and tried in the court diary (with
// adjournments on and before the day). Placeholders are replaced by the test.
constexpr const char* kBase = R"({
  "meta": {"name": "contact failures", "start_date": "2027-01-04", "horizon_days": 1200,
           "warmup_days": 300, "replications": 8, "seed": 11},
  "arrivals": {"reports_per_year": 300},
  "case_types": {"adult": {"share": 1}},
  "resources": {"detectives": {"count": 30}, "rooms": {"count": 6},
                "witness_care": {"count": WCU}, "cps_liaison": {"count": 2}, "isvas": {"count": ISVAS}},
  "staffing": {"witness_care": {"hours_per_week": WCU_HOURS}, "cps_liaison": {"hours_per_week": 37},
               "isvas": {"hours_per_week": 37}},
  "courts": {"rooms": "rooms"},
  "pathway": {"entry": "investigation", "stages": {
    "investigation": {"kind": "work", "pool": "detectives", "withdrawal_per_year": 0.3,
                      "duration": {"lognormal": {"median": 60, "p90": 150}}, "next": "charged"},
    "charged": {"kind": "delay", "milestone": "charge", "duration": 10, "next": "first_hearing"},
    "first_hearing": {"kind": "delay", "milestone": "first_hearing", "duration": 30,
                      "next": "trial"},
    "trial": {"kind": "court", "milestone": "trial_start", "withdrawal_per_year": 0.4,
              "listing": {"notice": 28, "relist_notice": 56, "sitting_days": 4,
                          "early_adjournment": {"prosecution_not_ready": 0.2},
                          "late_adjournment": {"prosecution_witness_absent": 0.25}},
              "next": "verdict"},
    "verdict": {"kind": "terminal", "outcome": "verdict"}}},
  "withdrawal": {"isva_share": 1, "isva_multiplier": ISVA_MULTIPLIER},
  "communication": {
    "agencies": {"police": {"role": "police"},
                 "wcu": {"role": "wcu", "staff": "witness_care"},
                 "cps": {"role": "cps", "staff": "cps_liaison"},
                 "isva": {"role": "isva", "staff": "isvas" ISVA_CAPACITY}},
    "channels": {"phone": {"minutes": 30}, "letter": {"minutes": 10}},
    "rules": {
      "charge_police": {"on": "charge_decision", "agency": "police", "channel": "phone"},
      "hearings": {"on": ["first_hearing_date", "hearing_date"], "agency": "wcu",
                   "channel": "phone"},
      "adjourned": {"on": "adjournment", "agency": "wcu", "channel": "phone"}}
    MORE
  }
})";

struct Setup {
  std::string wcu = "4";
  std::string wcu_hours = "37";
  std::string isvas = "20";
  std::string isva_capacity;  // e.g. R"(, "cases_per_person": 5)"
  std::string isva_multiplier = "1";
  std::string more;  // more keys of "communication", each starting with a comma
};

std::string scenario(const Setup& s) {
  std::string text = kBase;
  text = replaced(text, "WCU_HOURS", s.wcu_hours);
  text = replaced(text, "WCU}", s.wcu + "}");
  text = replaced(text, "ISVAS", s.isvas);
  text = replaced(text, " ISVA_CAPACITY", s.isva_capacity);
  text = replaced(text, "ISVA_MULTIPLIER", s.isva_multiplier);
  text = replaced(text, "MORE", s.more);
  return text;
}

// A Witness Care Unit far too small for its contacts: one officer, 2 hours a week.
Setup short_staffed() {
  Setup s;
  s.wcu = "1";
  s.wcu_hours = "2";
  return s;
}

using casesim_test::metric;
using casesim_test::run;

bool all_zero(const models::Metric& m) {
  for (double x : m.per_replication)
    if (x != 0) return false;
  return true;
}

}  // namespace

TEST_CASE("Without failures no contact is missed and no new figure appears",
          "[communication][failures][engine]") {
  const auto r = run(scenario(short_staffed()));
  CHECK(r.find("communication.missed_share") == nullptr);
  CHECK(r.find("communication.missed_share.wcu") == nullptr);
  CHECK(r.find("communication.unexplained_date_change_share") == nullptr);
  CHECK(r.find("communication.isva_supported_share") == nullptr);
}

TEST_CASE("A desk drops contacts that wait past its bound, and only then",
          "[communication][failures][engine]") {
  const std::string bound = R"(, "failures": {"drop_after_working_days": 10})";
  SECTION("short-staffed: contacts waiting 10 working days past due are missed") {
    Setup s = short_staffed();
    s.more = bound;
    const auto r = run(scenario(s));
    const auto wcu = metric(r, "communication.missed_share.wcu");
    INFO("wcu missed: " << wcu.ci_low << " to " << wcu.ci_high);
    CHECK(wcu.ci_low > 0.05);
    CHECK(metric(r, "communication.missed_share").ci_low > 0);
    CHECK(all_zero(metric(r, "communication.missed_share.police")));  // no staff: never waits
  }
  SECTION("staffed: nothing waits that long, nothing is missed") {
    Setup s;
    s.more = bound;
    const auto r = run(scenario(s));
    CHECK(all_zero(metric(r, "communication.missed_share")));
    CHECK(all_zero(metric(r, "communication.missed_share.wcu")));
    // and the contacts are what they were without the bound
    Setup plain;
    const auto p = run(scenario(plain));
    CHECK(metric(r, "communication.on_time_share").per_replication ==
          metric(p, "communication.on_time_share").per_replication);
  }
}

TEST_CASE("A desk above its backlog per person refuses new contacts, and only then",
          "[communication][failures][engine]") {
  const std::string bound = R"(, "failures": {"max_waiting_per_person": 5})";
  Setup tight = short_staffed(), ample;
  tight.more = ample.more = bound;
  const auto a = run(scenario(tight)), b = run(scenario(ample));
  const auto missed = metric(a, "communication.missed_share.wcu");
  INFO("short-staffed wcu missed: " << missed.ci_low << " to " << missed.ci_high);
  CHECK(missed.ci_low > 0.05);
  CHECK(all_zero(metric(b, "communication.missed_share.wcu")));
}

TEST_CASE("A failed handover misses the next contact of the agency taking over",
          "[communication][failures][engine]") {
  const std::string move = R"(, "responsibility_moves": [{"after": "charge", "from": "wcu", "to": "cps"}])";
  Setup always, never;
  always.more = move + R"(, "failures": {"missed_after_move": 1})";
  never.more = move + R"(, "failures": {"missed_after_move": 0, "drop_after_working_days": 3650})";
  const auto a = run(scenario(always)), b = run(scenario(never));
  // Every charged case loses exactly one CPS contact: its first hearing date.
  const auto cps = metric(a, "communication.missed_share.cps");
  INFO("cps missed with every handover failing: " << cps.mean);
  CHECK(cps.ci_low > 0.1);
  CHECK(cps.ci_high < 0.9);
  CHECK(all_zero(metric(a, "communication.missed_share.police")));
  CHECK(all_zero(metric(b, "communication.missed_share.cps")));
}

TEST_CASE("Without a single point of contact, contacts are missed at the assumed chance",
          "[communication][failures][engine]") {
  const std::string chance = R"(, "failures": {"missed_without_single_point": 0.3})";
  Setup none, spoc;
  none.more = chance;
  spoc.more = chance + R"(, "single_point_of_contact": {"agency": "cps", "from": "report"})";
  const auto a = run(scenario(none)), b = run(scenario(spoc));
  const auto missed = metric(a, "communication.missed_share");
  INFO("missed: " << missed.mean << " (" << missed.ci_low << " to " << missed.ci_high << ")");
  CHECK(missed.ci_low <= 0.3);
  CHECK(missed.ci_high >= 0.3);
  CHECK(all_zero(metric(b, "communication.missed_share")));
}

TEST_CASE("Date changes reach victims unexplained at the assumed share",
          "[communication][failures][engine]") {
  Setup s;
  s.more = R"(, "failures": {"unexplained_date_change": 0.36})";
  const auto r = run(scenario(s));
  const auto share = metric(r, "communication.unexplained_date_change_share");
  INFO("unexplained: " << share.mean << " (" << share.ci_low << " to " << share.ci_high << ")");
  CHECK(share.ci_low <= 0.36);
  CHECK(share.ci_high >= 0.36);
  // A victim with several changes is likelier than one change to have an unexplained one.
  CHECK(metric(r, "communication.victims_with_unexplained_change_share").mean > share.mean);
  CHECK(r.find("communication.missed_share") == nullptr);  // nothing is missed
}

TEST_CASE("ISVA capacity limits who has an ISVA, and the ISVA effect follows it",
          "[communication][isva][engine]") {
  Setup roomy, full;
  roomy.isva_capacity = R"(, "cases_per_person": 1000)";
  full.isvas = "2";
  full.isva_capacity = R"(, "cases_per_person": 10)";
  roomy.isva_multiplier = full.isva_multiplier = "0.2";
  const auto a = run(scenario(roomy)), b = run(scenario(full));
  CHECK(metric(a, "communication.isva_supported_share").mean == 1);
  const auto got = metric(b, "communication.isva_supported_share");
  INFO("full: " << got.ci_low << " to " << got.ci_high);
  CHECK(got.ci_high < 0.8);
  CHECK(got.ci_low > 0);
  // ISVA caseload never passes the capacity: at most 10 per ISVA.
  CHECK(metric(b, "communication.isva_caseload").mean <= 10);
  // Fewer victims supported, more withdraw.
  const auto wa = metric(a, "outcome_share.victim_withdrawal");
  const auto wb = metric(b, "outcome_share.victim_withdrawal");
  INFO("withdrawal with room: " << wa.mean << ", full: " << wb.mean);
  CHECK(wb.ci_low > wa.ci_high);
}

TEST_CASE("Late adjournments and unexplained date changes raise withdrawal, by a multiplier",
          "[communication][failures][engine]") {
  Setup off, late, unexplained;
  late.more = R"(, "withdrawal_feedback": {"per_late_adjournment": 4, "max_multiplier": 16})";
  unexplained.more = R"(, "failures": {"unexplained_date_change": 0.5},
      "withdrawal_feedback": {"per_unexplained_date_change": 4, "max_multiplier": 16})";
  const auto a = metric(run(scenario(off)), "withdrawal.after_charge_share");
  const auto b = metric(run(scenario(late)), "withdrawal.after_charge_share");
  const auto c = metric(run(scenario(unexplained)), "withdrawal.after_charge_share");
  INFO("after charge: off " << a.mean << ", late adjournments " << b.mean << ", unexplained "
                            << c.mean);
  CHECK(b.ci_low > a.ci_high);
  CHECK(c.ci_low > a.ci_high);
}

TEST_CASE("Contact failures give the same numbers whatever the thread count",
          "[communication][failures][engine]") {
  Setup s = short_staffed();
  s.more = R"(, "responsibility_moves": [{"after": "charge", "from": "wcu", "to": "cps"}],
      "failures": {"drop_after_working_days": 10, "missed_after_move": 0.5,
                   "missed_without_single_point": 0.2, "unexplained_date_change": 0.36},
      "withdrawal_feedback": {"per_late_adjournment": 1.5, "per_unexplained_date_change": 1.5})";
  const auto text = scenario(s);
  const auto loaded = models::load_scenario_text(text);
  const models::CaseFlowModel model(loaded);
  auto on = [&](std::size_t threads) {
    const auto results = sim::run_replications<models::ReplicationResult>(
        static_cast<std::size_t>(loaded.meta.replications), threads,
        [&](std::size_t r) { return model.run(r); });
    return models::summarise(model, results);
  };
  const auto one = on(1), three = on(3);
  for (const char* name : {"communication.missed_share", "communication.missed_share.cps",
                           "communication.unexplained_date_change_share",
                           "outcome_share.victim_withdrawal"})
  {
    INFO(name);
    const auto a = metric(one, name), b = metric(three, name);
    REQUIRE(a.per_replication.size() == b.per_replication.size());
    for (std::size_t r = 0; r < a.per_replication.size(); ++r) {
      REQUIRE(std::isfinite(a.per_replication[r]));
      CHECK(a.per_replication[r] == b.per_replication[r]);
    }
  }
}
