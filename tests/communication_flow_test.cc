// Victim communication and staffing in whole runs: contacts raised by case
// events and court hearings, who makes them, how late they are for a given
// staffing, and how caseload slows investigations.
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

// Reports are investigated by detectives, all charged, wait for a first
// hearing, then go to a trial listed in the court diary (with adjournments).
// Each placeholder in braces is replaced by the test.
constexpr const char* kBase = R"({
  "meta": {"name": "communication", "start_date": "2027-01-04", "horizon_days": 1200,
           "warmup_days": 300, "replications": 6, "seed": 5},
  "arrivals": {"reports_per_year": 300},
  "case_types": {"adult": {"share": 1}},
  "resources": {"detectives": {"count": DETECTIVES}, "rooms": {"count": 6},
                "witness_care": {"count": WCU}, "cps_liaison": {"count": 2}},
  "staffing": {"detectives": {"hours_per_week": 40, "caseload": CASELOAD},
               "witness_care": {"hours_per_week": WCU_HOURS},
               "cps_liaison": {"hours_per_week": 37}},
  "courts": {"rooms": "rooms"},
  "pathway": {"entry": "investigation", "stages": {
    "investigation": {"kind": "work", "pool": "detectives",
                      "duration": {"lognormal": {"median": 60, "p90": 150}}, "next": "charged"},
    "charged": {"kind": "delay", "milestone": "charge", "duration": 10, "next": "first_hearing"},
    "first_hearing": {"kind": "delay", "milestone": "first_hearing", "duration": 30,
                      "next": "trial"},
    "trial": {"kind": "court", "milestone": "trial_start",
              "listing": {"notice": 28, "relist_notice": 56, "sitting_days": 4,
                          "early_adjournment": {"prosecution_not_ready": 0.2},
                          "late_adjournment": {"prosecution_witness_absent": 0.1}},
              "next": "verdict"},
    "verdict": {"kind": "terminal", "outcome": "verdict"}}},
  "communication": {
    "agencies": {"police": {"role": "police"},
                 "wcu": {"role": "wcu", "staff": "witness_care"},
                 "cps": {"role": "cps", "staff": "cps_liaison"},
                 "court": {"role": "court"}},
    "channels": {"phone": {"minutes": 30}, "letter": {"minutes": 10}},
    "rules": RULES
    MORE
  }
})";

constexpr const char* kRules = R"({
      "charge_police": {"on": "charge_decision", "agency": "police", "channel": "phone"},
      "charge_cps": {"on": "charge_decision", "agency": "cps", "channel": "letter"},
      "charge_wcu": {"on": "charge_decision", "agency": "wcu", "channel": "phone"},
      "hearings": {"on": ["first_hearing_date", "hearing_date"], "agency": "wcu",
                   "channel": "phone"},
      "adjourned_cps": {"on": "adjournment", "agency": "cps", "channel": "letter"},
      "adjourned_wcu": {"on": "adjournment", "agency": "wcu", "channel": "phone"}})";

struct Setup {
  std::string detectives = "20";
  std::string wcu = "4";
  std::string wcu_hours = "37";
  std::string caseload = R"({"cap": 12, "switching_overhead": 0, "reference": 12})";
  std::string rules = kRules;
  std::string more;  // more keys of "communication", each starting with a comma
  bool communication = true;
};

std::string scenario(const Setup& s) {
  std::string text = kBase;
  text = replaced(text, "WCU_HOURS", s.wcu_hours);
  text = replaced(text, "DETECTIVES", s.detectives);
  text = replaced(text, "WCU}", s.wcu + "}");
  text = replaced(text, "CASELOAD", s.caseload);
  text = replaced(text, "RULES", s.rules);
  text = replaced(text, "MORE", s.more);
  if (!s.communication) {
    const auto at = text.find(",\n  \"communication\"");
    REQUIRE(at != std::string::npos);
    text = text.substr(0, at) + "\n}";
  }
  return text;
}

using casesim_test::metric;
using casesim_test::run;

}  // namespace

TEST_CASE("Keeping victims informed changes nothing else when it has no feedback",
          "[communication][engine]") {
  Setup with, without;
  without.communication = false;
  const auto a = run(scenario(with)), b = run(scenario(without));
  for (const char* name : {"report_to_charge_days", "report_to_completion_days",
                           "trials.effective_share", "listing_lead_time_days"})
    CHECK(metric(a, name).per_replication == metric(b, name).per_replication);
}

TEST_CASE("The same seed gives the same contacts", "[communication][engine]") {
  const std::string text = scenario({});
  const auto a = run(text), b = run(text);
  for (const char* name : {"communication.contacts_required", "communication.on_time_share",
                           "communication.longest_silence_days"})
    CHECK(metric(a, name).per_replication == metric(b, name).per_replication);
}

TEST_CASE("A relisting raises exactly one new hearing-date contact", "[communication][engine]") {
  // One rule on both hearing_date and relisting: a relisting is one
  // occurrence of both, so the rule makes one contact for it, not two.
  Setup s;
  s.rules = R"({"hearings": {"on": ["hearing_date", "relisting"], "agency": "court",
                             "channel": "letter"}})";
  const auto text = scenario(s);
  const auto sc = models::load_scenario_text(text);
  const models::CaseFlowModel model(sc);
  models::RunOptions o;
  o.keep_cases = true;
  const auto r = model.run(0, o);
  std::size_t checked = 0, relisted = 0;
  const double done =
      sc.meta.horizon_days - 10;  // later closes may still have a contact to be made
  for (const auto& c : r.cases) {
    const double end = c.milestone[static_cast<std::size_t>(models::Milestone::kCompletion)];
    if (c.outcome < 0 || std::isnan(end) || end > done) continue;
    // Every listing (the first and each after an adjournment) is one contact.
    INFO("case " << c.serial);
    CHECK(c.contacts == 1u + c.early_adjournments + c.late_adjournments);
    ++checked;
    relisted += c.early_adjournments + c.late_adjournments > 0;
  }
  CHECK(checked > 100);
  CHECK(relisted > 20);
}

TEST_CASE("Doubling Witness Care officers raises the on-time share only when they are short",
          "[communication][engine]") {
  SECTION("short: one officer with 12 hours a week") {
    Setup one, two;
    one.wcu = "1", one.wcu_hours = "12";
    two.wcu = "2", two.wcu_hours = "12";
    const auto a = metric(run(scenario(one)), "communication.late_share.wcu");
    const auto b = metric(run(scenario(two)), "communication.late_share.wcu");
    INFO("1 officer: " << a.ci_low << " to " << a.ci_high << "; 2: " << b.ci_low << " to "
                       << b.ci_high);
    CHECK(a.ci_low > b.ci_high);
  }
  SECTION("ample: four officers full time, or eight") {
    Setup four, eight;
    eight.wcu = "8";
    const auto a = run(scenario(four)), b = run(scenario(eight));
    CHECK(metric(a, "communication.late_share.wcu").per_replication ==
          metric(b, "communication.late_share.wcu").per_replication);
    CHECK(metric(a, "communication.on_time_share").per_replication ==
          metric(b, "communication.on_time_share").per_replication);
  }
}

TEST_CASE("Moving post-charge updates to a CPS liaison moves the hours and lowers fragmentation",
          "[communication][engine]") {
  Setup before, after;
  after.more = R"(, "responsibility_moves": [{"after": "charge", "from": "wcu", "to": "cps"}])";
  const auto a = run(scenario(before)), b = run(scenario(after));
  const auto wcu_a = metric(a, "communication.hours_per_week.wcu");
  const auto wcu_b = metric(b, "communication.hours_per_week.wcu");
  const auto cps_a = metric(a, "communication.hours_per_week.cps");
  const auto cps_b = metric(b, "communication.hours_per_week.cps");
  CHECK(wcu_a.mean > 1);
  CHECK(wcu_b.mean == 0);  // every WCU contact in this pathway comes after the charge
  CHECK(cps_b.ci_low > cps_a.ci_high);
  CHECK_THAT(cps_b.mean - cps_a.mean, Catch::Matchers::WithinRel(wcu_a.mean, 0.02));
  const auto frag_a = metric(a, "communication.agencies_per_event");
  const auto frag_b = metric(b, "communication.agencies_per_event");
  INFO("before: " << frag_a.mean << ", after: " << frag_b.mean);
  CHECK(frag_b.ci_high < frag_a.ci_low);
}

TEST_CASE("A single point of contact makes one contact per event", "[communication][engine]") {
  Setup s;
  s.more = R"(, "single_point_of_contact": {"agency": "cps"})";
  const auto r = run(scenario(s));
  CHECK(metric(r, "communication.agencies_per_event").mean == 1);
  CHECK(metric(r, "communication.hours_per_week.wcu").mean == 0);
}

TEST_CASE("A task takes the agency's hours but is no contact", "[communication][engine]") {
  Setup plain, preparing;
  preparing.rules = std::string(kRules).substr(0, std::string(kRules).size() - 1) + R"(,
      "file_preparation": {"on": "hearing_date", "agency": "cps", "channel": "phone",
                           "within_working_days": 5, "task": true}})";
  const auto a = run(scenario(plain)), b = run(scenario(preparing));
  for (const char* name : {"communication.contacts_required", "communication.agencies_per_event",
                           "communication.longest_silence_days",
                           "communication.required_per_week.cps"})
    CHECK(metric(a, name).per_replication == metric(b, name).per_replication);
  CHECK(metric(b, "communication.hours_per_week.cps").ci_low >
        metric(a, "communication.hours_per_week.cps").ci_high);
}

TEST_CASE("A higher caseload cap with the same staff lengthens investigations",
          "[communication][staffing][engine]") {
  // 10 detectives, durations measured at 3 cases each; about 240 reports a
  // year of 77 days mean keep the 50 slots of a cap of 5 busy, with a queue.
  // A cap of 15 takes more cases on at once, and each then goes slower: the
  // time from allocation to the end of the investigation lengthens.
  Setup low, high;
  low.detectives = high.detectives = "10";
  low.caseload = R"({"cap": 5, "switching_overhead": 0.05, "reference": 3})";
  high.caseload = R"({"cap": 15, "switching_overhead": 0.05, "reference": 3})";
  auto busy = [](std::string text) {
    return replaced(text, R"("reports_per_year": 300)", R"("reports_per_year": 240)");
  };
  const auto a = metric(run(busy(scenario(low))), "work_days.investigation");
  const auto b = metric(run(busy(scenario(high))), "work_days.investigation");
  INFO("cap 5: " << a.ci_low << " to " << a.ci_high << "; cap 15: " << b.ci_low << " to "
                 << b.ci_high);
  CHECK(b.ci_low > a.ci_high);
}

TEST_CASE("Late contacts may raise withdrawal, by a scenario multiplier",
          "[communication][engine]") {
  Setup quiet;
  quiet.wcu.assign(1, '1');  // (assigning short literals trips GCC 12's -Wrestrict here)
  quiet.wcu_hours.assign(1, '2');
  Setup told = quiet;
  told.more = R"(, "withdrawal_feedback": {"per_late_contact": 2, "max_multiplier": 8})";
  // Withdrawal needs a hazard: give the trial wait one.
  auto with_hazard = [](std::string text) {
    return replaced(text, R"("trial": {"kind": "court", "milestone": "trial_start",)",
                    R"("trial": {"kind": "court", "milestone": "trial_start", "withdrawal_per_year": 0.5,)");
  };
  const auto a = metric(run(with_hazard(scenario(quiet))), "outcome_share.victim_withdrawal");
  const auto b = metric(run(with_hazard(scenario(told))), "outcome_share.victim_withdrawal");
  INFO("without feedback: " << a.mean << ", with: " << b.mean);
  CHECK(b.ci_low > a.ci_high);
}
