// A force's case extract read and checked: good rows typed, every bad row
// reported by its line number and reason, and the fit refusing bad rows
// unless told to skip them.
#include "models/fit/case_extract.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "models/fit/extract_fit.h"
#include "models/scenario/scenario_loader.h"
#include "sim/calendar.h"

namespace {

using models::Milestone;

const std::vector<std::string> kOutcomes = {"convicted", "police_nfa", "victim_withdrawal"};

const std::string kHeader =
    "case_id,type,report_date,referral_date,charge_date,completion_date,outcome,notes\n";

std::vector<std::string> messages(const models::CaseExtract& e) {
  std::vector<std::string> out;
  for (const auto& p : e.problems) out.push_back(e.message(p));
  return out;
}

models::Scenario tiny_scenario() {
  return models::load_scenario_text(R"({
    "meta": {"name": "tiny", "start_date": "2023-01-01"},
    "arrivals": {"reports_per_year": 100},
    "case_types": {"adult": {"share": 1}},
    "resources": {"officers": {"count": 5}},
    "pathway": {"entry": "investigation", "stages": {
      "investigation": {"kind": "work", "pool": "officers", "duration": 30,
                        "withdrawal_per_year": 1, "next": "decision"},
      "decision": {"kind": "decision", "branches": [{"to": "review", "probability": 0.5},
                                                    {"to": "nfa", "probability": 0.5}]},
      "review": {"kind": "delay", "milestone": "referral", "duration": 10, "next": "guilty"},
      "guilty": {"kind": "terminal", "outcome": "convicted"},
      "nfa": {"kind": "terminal", "outcome": "police_nfa"}}}
  })");
}

}  // namespace

TEST_CASE("an extract reads into typed rows, open cases with no completion", "[fit][csv]") {
  const std::string text = "\xEF\xBB\xBF" + kHeader +
                           "A1,adult,2023-01-05,2023-02-01,,2023-03-01,convicted,\"a, b\"\n"
                           "A2,adult,2023-01-06,,,,open,\n"
                           "\n"
                           ",adult,2023-01-07,,,2023-01-20,police_nfa,\"two\nlines\"\n"
                           "A4,adult,2023-01-08,,,,,\n";
  const auto e = models::read_case_extract(text, "cases.csv", kOutcomes);
  REQUIRE(e.problems.empty());
  REQUIRE(e.rows.size() == 4);
  REQUIRE(e.has_column[static_cast<std::size_t>(Milestone::kReferral)]);
  REQUIRE(e.has_column[static_cast<std::size_t>(Milestone::kCharge)]);
  REQUIRE(!e.has_column[static_cast<std::size_t>(Milestone::kPtph)]);
  REQUIRE(e.rows[0].case_id == "A1");
  REQUIRE(e.rows[0].outcome == "convicted");
  REQUIRE(sim::to_iso(*e.rows[0].date[static_cast<std::size_t>(Milestone::kReferral)]) ==
          "2023-02-01");
  REQUIRE(e.rows[1].open());
  // A blank line is skipped, and a line number stands in for a missing id.
  REQUIRE(e.rows[2].line == 5);
  REQUIRE(e.rows[2].case_id == "line 5");
  // The quoted line break moved the next row down a line.
  REQUIRE(e.rows[3].line == 7);
  REQUIRE(e.rows[3].open());
  REQUIRE(sim::to_iso(*e.latest_date) == "2023-03-01");
}

TEST_CASE("every bad row is reported with its line number and reason", "[fit][csv]") {
  const std::string text = kHeader +
                           "B1,adult,2023-01-05,2023-02-30,,,open,\n"          // line 2
                           "B2,adult,2023-01-05,2023-02-01,2023-01-10,,open,\n"  // line 3
                           "B3,adult,2023-01-05,,,2023-02-01,acquited,\n"      // line 4
                           "B4,adult,,,,,open,\n"                              // line 5
                           "B5,adult,2023-01-05,,,2023-02-01,open,\n"          // line 6
                           "B6,adult,2023-01-05,,,,convicted,\n"               // line 7
                           "B1,adult,2023-01-05,,,,open,\n"                    // line 8
                           "B8,adult,2023-01-05,,,\n"                          // line 9
                           "B9,,05/01/2023,,,,open,\n"                         // line 10
                           "G1,adult,2023-01-05,,,,open,\n";                   // line 11: good
  const auto e = models::read_case_extract(text, "cases.csv", kOutcomes);
  REQUIRE(e.rows.size() == 1);
  REQUIRE(e.rows[0].case_id == "G1");
  REQUIRE(e.bad_rows == 9);
  REQUIRE(messages(e) ==
          std::vector<std::string>{
              "cases.csv:2: referral_date 2023-02-30 is not a date (expected YYYY-MM-DD)",
              "cases.csv:3: charge_date 2023-01-10 is before referral_date 2023-02-01; expected "
              "the milestones in the order report, referral, charge, first_hearing, ptph, "
              "trial_start, completion",
              "cases.csv:4: outcome 'acquited' is not an outcome of the scenario; expected one of "
              "convicted, police_nfa, victim_withdrawal, or open (or empty) for a case still open",
              "cases.csv:5: report_date is empty; expected the date the case was reported",
              "cases.csv:6: completion_date given but the outcome is open; expected the outcome "
              "the case ended with",
              "cases.csv:7: outcome convicted but completion_date is empty; expected the date the "
              "case ended",
              "cases.csv:8: case_id B1 is also on line 2; expected one row per case",
              "cases.csv:9: has 6 fields; expected 8, as in the header",
              "cases.csv:10: type is empty; expected the case type",
              "cases.csv:10: report_date 05/01/2023 is not a date (expected YYYY-MM-DD)",
          });
}

TEST_CASE("a header without a required column is refused as a whole", "[fit][csv]") {
  REQUIRE_THROWS_WITH(
      models::read_case_extract("case_id,report_date,completion_date\nA,2023-01-01,\n", "x.csv",
                                kOutcomes),
      "x.csv:1: header has no type, outcome columns; expected the columns case_id,type,"
      "report_date,referral_date,charge_date,first_hearing_date,ptph_date,trial_start_date,"
      "completion_date,outcome (as in the cases.csv casesim run writes)");
  REQUIRE_THROWS_WITH(models::read_case_extract("", "x.csv", kOutcomes),
                      Catch::StartsWith("x.csv: file is empty"));
  REQUIRE_THROWS_AS(models::load_case_extract("no/such/file.csv", kOutcomes),
                    models::ExtractError);
}

TEST_CASE("the fit refuses bad rows unless told to skip them, then fits the rest", "[fit][csv]") {
  const auto s = tiny_scenario();
  std::string text = "case_id,type,report_date,referral_date,completion_date,outcome\n";
  for (int i = 0; i < 20; ++i)
    text += fmt::format("N{},adult,2023-01-{:02},2023-02-{:02},2023-02-{:02},convicted\n", i,
                        i + 1, i + 1, i + 5);
  text += "BAD,adult,2023-01-05,2023-13-01,,open\n";  // line 22
  const auto e = models::read_case_extract(text, "cases.csv", s.outcomes());
  REQUIRE(messages(e) == std::vector<std::string>{"cases.csv:22: referral_date 2023-13-01 is not "
                                                  "a date (expected YYYY-MM-DD)"});
  REQUIRE_THROWS_WITH(models::fit_extract(e, s),
                      "cases.csv: 1 bad row; nothing was fitted (fix them, or give "
                      "--skip-bad-rows to fit the rest)");
  const auto fit = models::fit_extract(e, s, {std::nullopt, true});
  REQUIRE(fit.bad_rows == 1);
  REQUIRE(fit.cases == 20);
  REQUIRE(fit.intervals.size() == 2);
  REQUIRE(fit.intervals[0].fit.n_observed == 20);
  REQUIRE(s.stages[*fit.intervals[0].stage].name == "investigation");
  REQUIRE(fit.branches[0].mapping ==
          "no case in the extract took the branch of 'decision' to 'nfa' (police_nfa) yet");
}
