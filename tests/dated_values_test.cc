// Values that change on a date ("dated_changes"): a draw made before the
// date keeps its value, a draw on or after it uses the new one; and a dated
// change that cannot be honoured is refused with its place and the reason.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "models/engine/case_flow_model.h"
#include "models/scenario/scenario_loader.h"
#include "sim/replication_runner.h"

namespace {

using models::Diagnostic;

// Reports enter "investigation" (a plain delay) and end in "decide"'s
// outcomes. Day 182 of the run is 2024-07-01.
std::string scenario(const std::string& duration, const std::string& dated,
                     const std::string& horizon = "1000", const std::string& reports = "365",
                     const std::string& more = "") {
  return R"({
    "meta": {"name": "t", "start_date": "2024-01-01", "horizon_days": )" + horizon + R"(,
             "replications": 4, "seed": 11},
    "arrivals": {"reports_per_year": )" + reports + R"(},
    "case_types": {"adult": {"share": 1}},
    "resources": {"investigators": {"count": 10}},
    "pathway": {"entry": "investigation", "stages": {
      "investigation": {"kind": "delay", "duration": )" + duration + R"(, "next": "decide"},
      "decide": {"kind": "decision", "branches": [{"to": "charged", "probability": 0.2},
                                                  {"to": "nfa", "probability": 0.8}]},
      "charged": {"kind": "terminal", "outcome": "charged"},
      "nfa": {"kind": "terminal", "outcome": "police_nfa"}}})" + more +
         (dated.empty() ? "" : ",\n    \"dated_changes\": " + dated) + "}";
}

// Every new report of every replication, with its history.
std::vector<models::CaseRecord> cases_of(const models::Scenario& s) {
  const models::CaseFlowModel model(s);
  const auto results = sim::run_replications<models::ReplicationResult>(
      static_cast<std::size_t>(s.meta.replications), 2, [&](std::size_t r) {
        models::RunOptions o;
        o.keep_cases = true;
        return model.run(r, o);
      });
  std::vector<models::CaseRecord> all;
  for (const auto& r : results)
    for (const auto& c : r.cases)
      if (!c.initial) all.push_back(c);
  return all;
}

double report(const models::CaseRecord& c) {
  return c.milestone[static_cast<std::size_t>(models::Milestone::kReport)];
}
double completion(const models::CaseRecord& c) {
  return c.milestone[static_cast<std::size_t>(models::Milestone::kCompletion)];
}

// A sample's mean and the half-width of its 99.9% interval (normal, the
// sample's own standard error).
struct Estimate {
  double mean = 0;
  double half_width = 0;
  std::size_t n = 0;
  bool contains(double x) const { return std::abs(x - mean) <= half_width; }
};
Estimate estimate(const std::vector<double>& xs) {
  Estimate e;
  e.n = xs.size();
  for (double x : xs) e.mean += x / static_cast<double>(e.n);
  double ss = 0;
  for (double x : xs) ss += (x - e.mean) * (x - e.mean);
  e.half_width = 3.29 * std::sqrt(ss / static_cast<double>(e.n - 1) / static_cast<double>(e.n));
  return e;
}

std::vector<Diagnostic> problems_of(const std::string& text) {
  try {
    models::load_scenario_text(text, "test.json");
  } catch (const models::ScenarioError& e) {
    REQUIRE(!e.problems().empty());
    return e.problems();
  }
  FAIL("the scenario loaded; expected it to be refused");
  return {};
}

Diagnostic the_problem(const std::string& text) {
  const auto problems = problems_of(text);
  std::string all;
  for (const auto& p : problems) all += p.to_string() + "\n";
  INFO(all);
  REQUIRE(problems.size() == 1);
  return problems.front();
}

}  // namespace

TEST_CASE("a scenario without dated changes has none, and one with them keeps each in order",
          "[dated][scenario]") {
  REQUIRE(models::load_scenario_text(scenario("100", "")).dated.empty());
  const auto s = models::load_scenario_text(scenario("100", R"([
      {"from": "2024-07-01", "description": "go-live",
       "set": {"/pathway/stages/investigation/duration": 50}},
      {"from": "2025-01-01", "scale": {"/pathway/stages/investigation/duration": 0.5}}])"));
  REQUIRE(s.dated.size() == 2);
  CHECK(s.dated[0].description == "go-live");
  CHECK(s.dated[0].values->stages[0].duration.mean() == 50);
  CHECK(s.dated[1].values->stages[0].duration.mean() == 25);  // later changes build on earlier
  CHECK(s.stages[0].duration.mean() == 100);                  // the file's own value is kept
  CHECK(s.dated[0].values->dated.empty());
  // The report's notes say what changes when.
  REQUIRE(s.meta.notes.size() == 2);
  CHECK(s.meta.notes[0] == "From 2024-07-01, go-live: /pathway/stages/investigation/duration set to 50");
  CHECK(s.meta.notes[1] == "From 2025-01-01: /pathway/stages/investigation/duration x 0.5");
}

TEST_CASE("a dated change to a stage's duration moves delays only for draws after the date",
          "[dated][model]") {
  SECTION("a fixed duration: every case drawn before the date keeps 100 days, after it 50") {
    const auto s = models::load_scenario_text(scenario(
        "100",
        R"([{"from": "2024-07-01", "set": {"/pathway/stages/investigation/duration": 50}}])"));
    std::size_t before = 0, in_progress = 0, after = 0;
    for (const auto& c : cases_of(s)) {
      if (std::isnan(completion(c))) continue;  // still in the stage at the horizon
      const double days = completion(c) - report(c);
      if (report(c) < 182) {
        ++before;
        if (completion(c) > 182) ++in_progress;  // crossed the date in its stage
        REQUIRE(days == Approx(100).margin(1e-9));
      } else {
        ++after;
        REQUIRE(days == Approx(50).margin(1e-9));
      }
    }
    CHECK(in_progress > 100);
    CHECK(before > 500);
    CHECK(after > 2000);
  }
  SECTION("a distribution scaled from the date: the mean before and after, within the run's own "
          "intervals") {
    // Exponential durations, mean 100, halved from day 400 (2025-02-04).
    // Reports in [0, 300) and [400, 700) finish well before the horizon.
    const auto s = models::load_scenario_text(scenario(
        R"({"exponential": {"mean": 100}})",
        R"([{"from": "2025-02-04", "scale": {"/pathway/stages/investigation/duration": 0.5}}])",
        "1200", "1000"));
    REQUIRE(s.meta.start_date + std::chrono::days{400} == s.dated[0].from);
    std::vector<double> before, crossing, after;
    for (const auto& c : cases_of(s)) {
      const double r = report(c), days = completion(c) - report(c);
      if (r >= 700) continue;  // may still be in the stage at the horizon
      REQUIRE(!std::isnan(days));
      if (r < 300) before.push_back(days);
      if (r >= 300 && r < 400) crossing.push_back(days);  // drawn before, many end after
      if (r >= 400 && r < 700) after.push_back(days);
    }
    const Estimate b = estimate(before), x = estimate(crossing), a = estimate(after);
    INFO("before " << b.mean << " +- " << b.half_width << " (" << b.n << "), crossing " << x.mean
                   << " +- " << x.half_width << ", after " << a.mean << " +- " << a.half_width
                   << " (" << a.n << ")");
    CHECK(b.contains(100));
    CHECK(x.contains(100));
    CHECK(a.contains(50));
    CHECK(!a.contains(100));
    CHECK(a.mean + a.half_width < b.mean - b.half_width);
  }
}

TEST_CASE("until its date a dated change leaves the run as it was, draw for draw",
          "[dated][model]") {
  const std::string duration = R"({"exponential": {"mean": 60}})";
  // Paired by report time: each report happens at the same moment in both.
  auto by_report = [](std::vector<models::CaseRecord> v) {
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return report(a) < report(b); });
    return v;
  };
  const auto plain = by_report(cases_of(models::load_scenario_text(scenario(duration, ""))));
  const auto dated = by_report(cases_of(models::load_scenario_text(scenario(
      duration, R"([{"from": "2025-01-01",
                     "scale": {"/pathway/stages/investigation/duration": 0.5},
                     "set": {"/pathway/stages/decide/branches/0/probability": 0.6,
                             "/pathway/stages/decide/branches/1/probability": 0.4}}])"))));
  REQUIRE(plain.size() == dated.size());  // the same reports: arrivals draw nothing dated
  std::size_t finished_before = 0, differ_after = 0;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    REQUIRE(plain[i].serial == dated[i].serial);
    REQUIRE(report(plain[i]) == report(dated[i]));
    if (completion(plain[i]) < 366) {  // 2025-01-01 is day 366
      ++finished_before;
      REQUIRE(completion(dated[i]) == completion(plain[i]));
      REQUIRE(dated[i].outcome == plain[i].outcome);
    } else if (report(plain[i]) >= 366 && completion(dated[i]) != completion(plain[i])) {
      ++differ_after;
    }
  }
  CHECK(finished_before > 1000);
  CHECK(differ_after > 1000);
}

TEST_CASE("a dated branch probability changes the route of cases that branch after the date",
          "[dated][model]") {
  // The decision is taken when the 10-day investigation ends: cases reported
  // in the ten days before the date branch after it, with the new chance.
  const auto s = models::load_scenario_text(scenario(
      "10", R"([{"from": "2025-01-01",
                 "set": {"/pathway/stages/decide/branches/0/probability": 0.7,
                         "/pathway/stages/decide/branches/1/probability": 0.3}}])",
      "730", "1000"));
  const models::CaseFlowModel model(s);
  const auto& outcomes = model.outcomes();
  const auto charged = static_cast<std::int32_t>(
      std::find(outcomes.begin(), outcomes.end(), "charged") - outcomes.begin());
  std::vector<double> before, after;
  for (const auto& c : cases_of(s)) {
    if (c.outcome < 0) continue;
    const double decided = completion(c);  // the decision takes no time
    (decided < 366 ? before : after).push_back(c.outcome == charged ? 1.0 : 0.0);
  }
  const Estimate b = estimate(before), a = estimate(after);
  INFO("charged before " << b.mean << " +- " << b.half_width << ", after " << a.mean << " +- "
                         << a.half_width);
  CHECK(b.contains(0.2));
  CHECK(a.contains(0.7));
  CHECK(!a.contains(0.2));
}

TEST_CASE("a dated contact plan interval applies to the updates planned after the date",
          "[dated][model]") {
  // The police update the victim every 30 days through a 100-day
  // investigation, every 10 days from 2024-07-01 (day 182). An agency
  // without staff makes each contact the next working day, so counts are
  // exact up to the plan's rounding.
  const auto s = models::load_scenario_text(scenario(
      "100",
      R"([{"from": "2024-07-01", "set": {"/communication/plans/updates/every_days": 10}}])",
      "400", "365", R"(,
    "communication": {
      "agencies": {"police": {"role": "police"}},
      "channels": {"phone": {"minutes": 20}},
      "plans": {"updates": {"every_days": 30, "from": "report", "until": "completion",
                            "agency": "police", "channel": "phone"}}})"));
  std::size_t before = 0, after = 0;
  for (const auto& c : cases_of(s)) {
    if (std::isnan(completion(c))) continue;
    if (completion(c) < 182) {
      ++before;
      REQUIRE(c.contacts <= 4);  // at days 30, 60 and 90 of the case
    } else if (report(c) >= 182) {
      ++after;
      REQUIRE(c.contacts >= 9);  // at days 10, 20, ... 90
    }
  }
  CHECK(before > 200);
  CHECK(after > 300);
}

TEST_CASE("a dated change outside the run, to an unknown or fixed value, or of the wrong type is "
          "refused with its place and the reason", "[dated][scenario]") {
  auto dated = [](const std::string& entry) { return scenario("100", "[" + entry + "]"); };
  SECTION("a date at or before the start, or at or after the end of the run") {
    for (const char* date : {"2023-06-01", "2024-01-01", "2026-09-27", "2030-01-01"}) {
      const auto d = the_problem(dated(std::string(R"({"from": ")") + date +
                                       R"(", "set": {"/pathway/stages/investigation/duration": 5}})"));
      CHECK(d.file == "test.json");
      CHECK(d.pointer == "/dated_changes/0/from");
      CHECK_THAT(d.message, Catch::Contains("is outside the run; expected a date after the start "
                                            "(2024-01-01) and before the end (2026-09-27)"));
    }
  }
  SECTION("dates that do not increase") {
    const auto d = the_problem(scenario("100", R"([
        {"from": "2025-01-01", "set": {"/pathway/stages/investigation/duration": 5}},
        {"from": "2024-07-01", "set": {"/pathway/stages/investigation/duration": 9}}])"));
    CHECK(d.pointer == "/dated_changes/1/from");
    CHECK_THAT(d.message, Catch::Contains("expected dates that increase"));
  }
  SECTION("a pointer to nothing names how far it got, with the nearest name") {
    const auto d = the_problem(
        dated(R"({"from": "2024-07-01", "set": {"/pathway/stages/investigaton/duration": 5}})"));
    CHECK(d.pointer == "/dated_changes/0/set");
    CHECK_THAT(d.message,
               Catch::StartsWith("\"/pathway/stages/investigaton/duration\" from 2024-07-01: "
                                 "/pathway/stages has no 'investigaton' (did you mean "
                                 "'investigation'?)"));
  }
  SECTION("a value fixed when the run starts is refused, naming the form that changes it") {
    const auto d = the_problem(
        dated(R"({"from": "2024-07-01", "set": {"/resources/investigators/count": 20}})"));
    CHECK(d.pointer == "/dated_changes/0/set");
    CHECK_THAT(d.message, Catch::Contains("\"/resources/investigators/count\": a resource's count "
                                          "changes on a date with its own \"changes\""));
    const auto e = the_problem(
        dated(R"({"from": "2024-07-01", "set": {"/pathway/stages/decide/kind": "delay"}})"));
    CHECK_THAT(e.message, Catch::Contains("is not a value that may change on a date"));
    CHECK_THAT(e.message, Catch::Contains("expected a stage's duration"));
  }
  SECTION("a value of the wrong type is checked as the file's own would be") {
    const auto d = the_problem(
        dated(R"({"from": "2024-07-01", "set": {"/pathway/stages/investigation/duration": "fast"}})"));
    CHECK(d.pointer == "/dated_changes/0/set");
    CHECK_THAT(d.message, Catch::StartsWith("\"/pathway/stages/investigation/duration\" from "
                                            "2024-07-01: expected"));
    const auto f = the_problem(
        dated(R"({"from": "2024-07-01", "scale": {"/pathway/stages/investigation/duration": "half"}})"));
    CHECK(f.pointer == "/dated_changes/0/scale");
    CHECK_THAT(f.message, Catch::Contains("expected a factor >= 0 to multiply by"));
  }
  SECTION("a change that breaks a rule elsewhere is reported under the change") {
    const auto d = the_problem(
        dated(R"({"from": "2024-07-01", "set": {"/pathway/stages/decide/branches/0/probability": 0.5}})"));
    CHECK(d.pointer == "/dated_changes/0/set");
    CHECK_THAT(d.message, Catch::Contains("from 2024-07-01"));
    CHECK_THAT(d.message, Catch::Contains("expected 1"));
  }
  SECTION("an entry that changes nothing, or has an unknown key") {
    const auto d = the_problem(dated(R"({"from": "2024-07-01", "set": {}})"));
    CHECK(d.pointer == "/dated_changes/0");
    CHECK_THAT(d.message, Catch::Contains("changes nothing"));
    const auto e = problems_of(dated(
        R"({"from": "2024-07-01", "sett": {"/pathway/stages/investigation/duration": 5}})"));
    CHECK(e.front().pointer == "/dated_changes/0/sett");
    CHECK_THAT(e.front().message, Catch::Contains("(did you mean 'set'?)"));
  }
}
