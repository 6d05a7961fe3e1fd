// Loading a scenario: what the loader accepts, the typed values it returns,
// and, for what it refuses, exactly where (file and JSON pointer) and why.
// Each refusal starts from one small valid scenario with one thing broken.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/scenario.h"
#include "models/scenario/scenario_error.h"
#include "models/scenario/scenario_loader.h"
#include "sim/calendar.h"

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using models::Diagnostic;

// Every optional part that the tests below break is present once, so that a
// one-string replacement breaks exactly one thing.
constexpr const char* kMinimal = R"({
  "meta": {"name": "minimal", "start_date": "2024-01-01", "horizon_days": 365,
           "warmup_days": 30, "replications": 3, "seed": 42},
  "arrivals": {"reports_per_year": 120},
  "case_types": {"adult": {"share": 0.75},
                 "child": {"share": 0.25, "child_victim": true, "duration_scale": 1.5}},
  "resources": {"officers": {"count": 4, "changes": [{"from": "2024-07-01", "count": 6}]}},
  "pathway": {
    "entry": "investigation",
    "stages": {
      "investigation": {"kind": "work", "pool": "officers",
                        "duration": {"exponential": {"mean": 30}}, "next": "decision"},
      "decision": {"kind": "decision", "branches": [
          {"to": "charged", "probability": 0.25, "by_type": {"child": 0.4}},
          {"to": "nfa", "probability": 0.75, "by_type": {"child": 0.6}}]},
      "charged": {"kind": "delay", "milestone": "charge",
                  "duration": {"uniform": {"min": 10, "max": 20}}, "next": "convicted"},
      "nfa": {"kind": "terminal", "outcome": "police_nfa"},
      "convicted": {"kind": "terminal", "outcome": "convicted"}
    }
  },
  "deadlines": {"charge_28wd": {"from": "report", "to": "charge", "limit": 28,
                                "unit": "working_days"}}
})";

// `text` with the one occurrence of `from` replaced by `to`.
std::string with(std::string text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  INFO("replacing: " << from);
  REQUIRE(at != std::string::npos);
  REQUIRE(text.find(from, at + 1) == std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

// `text` with `members` (top-level "key": value pairs) added at the end.
std::string plus(std::string text, std::string_view members) {
  const auto at = text.rfind('}');
  REQUIRE(at != std::string::npos);
  text.insert(at, ",\n" + std::string(members) + "\n");
  return text;
}

std::string joined(const std::vector<Diagnostic>& problems) {
  std::string out;
  for (const auto& p : problems) out += p.to_string() + "\n";
  return out;
}

// The problems a scenario is refused for; fails the test if it loads.
std::vector<Diagnostic> problems_of(const std::string& text, const fs::path& base_dir = ".") {
  try {
    models::load_scenario_text(text, "test.json", base_dir);
  } catch (const models::ScenarioError& e) {
    REQUIRE(!e.problems().empty());
    return e.problems();
  }
  FAIL("the scenario loaded; expected it to be refused");
  return {};
}

// The single problem a scenario is refused for.
Diagnostic the_problem(const std::string& text, const fs::path& base_dir = ".") {
  const auto problems = problems_of(text, base_dir);
  INFO(joined(problems));
  REQUIRE(problems.size() == 1);
  return problems.front();
}

std::vector<Diagnostic> file_problems(const fs::path& path) {
  try {
    models::load_scenario(path);
  } catch (const models::ScenarioError& e) {
    return e.problems();
  }
  FAIL("the scenario loaded; expected it to be refused");
  return {};
}

// A fresh folder for files that refer to each other, removed afterwards.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("casesim-loader-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  fs::path write(const std::string& name, const std::string& content) const {
    const fs::path p = path_ / name;
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

const models::Stage& stage(const models::Scenario& s, std::string_view name) {
  const auto i = s.stage_index(name);
  REQUIRE(i.has_value());
  return s.stages[*i];
}

std::size_t type_index(const models::Scenario& s, std::string_view name) {
  for (std::size_t i = 0; i < s.case_types.size(); ++i)
    if (s.case_types[i].name == name) return i;
  FAIL("no case type " << name);
  return 0;
}

constexpr const char* kOpenCase = R"("initial_state": {"cases": [
    {"id": "OPEN-1", "type": "adult", "stage": "investigation",
     "report_date": "2023-11-01", "stage_entry_date": "2023-11-02", "isva": true}]})";

}  // namespace

// ---- What a valid scenario becomes -------------------------------------------

TEST_CASE("a valid scenario loads with its typed values", "[scenario]") {
  const models::Scenario s = models::load_scenario_text(kMinimal, "test.json");

  CHECK(s.source == "test.json");
  CHECK(s.meta.name == "minimal");
  CHECK(sim::to_iso(s.meta.start_date) == "2024-01-01");
  CHECK(s.meta.horizon_days == 365);
  CHECK(s.meta.warmup_days == 30);
  CHECK(s.meta.replications == 3);
  CHECK(s.meta.seed == 42);
  CHECK(s.arrivals.reports_per_year == 120);
  CHECK(s.arrivals.seasonality[0] == 1);  // default: flat

  REQUIRE(s.case_types.size() == 2);
  const auto adult = type_index(s, "adult");
  const auto child = type_index(s, "child");
  CHECK(s.case_types[adult].share == 0.75);
  CHECK_FALSE(s.case_types[adult].child_victim);
  CHECK(s.case_types[adult].relationship == "acquaintance");  // defaults
  CHECK(s.case_types[adult].complexity == "standard");
  CHECK(s.case_types[child].child_victim);
  CHECK(s.case_types[child].duration_scale == 1.5);

  REQUIRE(s.pools.size() == 1);
  CHECK(s.pools[0].name == "officers");
  CHECK(s.pools[0].count == 4);
  REQUIRE(s.pools[0].changes.size() == 1);
  CHECK(sim::to_iso(s.pools[0].changes[0].from) == "2024-07-01");
  CHECK(s.pools[0].changes[0].count == 6);
  CHECK(s.pools[0].count_at(*sim::parse_iso_date("2024-06-30")) == 4);
  CHECK(s.pools[0].count_at(*sim::parse_iso_date("2024-07-01")) == 6);

  REQUIRE(s.stages.size() == 5);
  CHECK(s.stages[s.entry].name == "investigation");
  const auto& investigation = stage(s, "investigation");
  CHECK(investigation.kind == models::StageKind::kWork);
  REQUIRE(investigation.pool.has_value());
  CHECK(s.pools[*investigation.pool].name == "officers");
  CHECK(investigation.duration.mean() == Approx(30));
  REQUIRE(investigation.branches.size() == 1);  // "next" is one branch of probability 1
  CHECK(s.stages[investigation.branches[0].to].name == "decision");
  CHECK(investigation.branches[0].probability_for(adult) == 1);

  const auto& decision = stage(s, "decision");
  CHECK(decision.kind == models::StageKind::kDecision);
  CHECK_FALSE(decision.pool.has_value());
  REQUIRE(decision.branches.size() == 2);
  CHECK(s.stages[decision.branches[0].to].name == "charged");
  CHECK(decision.branches[0].probability_for(adult) == 0.25);  // the default
  CHECK(decision.branches[0].probability_for(child) == 0.4);   // by_type
  CHECK(decision.branches[1].probability_for(adult) == 0.75);
  CHECK(decision.branches[1].probability_for(child) == 0.6);

  const auto& charged = stage(s, "charged");
  CHECK(charged.kind == models::StageKind::kDelay);
  CHECK(charged.milestone == models::Milestone::kCharge);
  CHECK(charged.duration.mean() == Approx(15));
  CHECK_FALSE(stage(s, "decision").milestone.has_value());

  CHECK(stage(s, "nfa").kind == models::StageKind::kTerminal);
  CHECK(stage(s, "nfa").outcome == "police_nfa");
  CHECK(stage(s, "convicted").outcome == "convicted");

  REQUIRE(s.deadlines.size() == 1);
  CHECK(s.deadlines[0].name == "charge_28wd");
  CHECK(s.deadlines[0].from == models::Milestone::kReport);
  CHECK(s.deadlines[0].to == models::Milestone::kCharge);
  CHECK(s.deadlines[0].limit == 28);
  CHECK(s.deadlines[0].unit == models::DeadlineUnit::kWorkingDays);

  CHECK(s.withdrawal.outcome == "victim_withdrawal");  // defaults without "withdrawal"
  CHECK(s.withdrawal.isva_multiplier == 1);
  CHECK(s.initial_cases.empty());
}

TEST_CASE("every distribution form loads with its mean", "[scenario]") {
  const std::string exponential = R"({"exponential": {"mean": 30}})";
  auto mean_of = [&](const std::string& duration) {
    const auto s = models::load_scenario_text(with(kMinimal, exponential, duration));
    return stage(s, "investigation").duration.mean();
  };
  CHECK(mean_of("12") == 12);
  CHECK(mean_of(R"({"fixed": 7})") == 7);
  CHECK(mean_of(R"({"exponential": {"mean": 9}})") == Approx(9));
  CHECK(mean_of(R"({"gamma": {"shape": 2, "scale": 5}})") == Approx(10));
  CHECK(mean_of(R"({"triangular": {"min": 1, "mode": 2, "max": 6}})") == Approx(3));
  CHECK(mean_of(R"({"uniform": {"min": 2, "max": 4}})") == Approx(3));
  CHECK(mean_of(R"({"empirical": [1, 2, 6]})") == Approx(3));
  CHECK(mean_of(R"({"histogram": {"edges": [0, 10, 20], "weights": [1, 3]}})") == Approx(12.5));
  // lognormal by median and p90: mean = median x exp(sigma^2 / 2), sigma = ln(p90/median)/z90
  const double sigma = std::log(40.0 / 20.0) / 1.2815515655446004;
  CHECK(mean_of(R"({"lognormal": {"median": 20, "p90": 40}})") ==
        Approx(20 * std::exp(sigma * sigma / 2)));
  CHECK(mean_of(R"({"lognormal": {"mu": 1, "sigma": 0.5}})") == Approx(std::exp(1.125)));
}

TEST_CASE("comments of both kinds are accepted", "[scenario]") {
  std::string text = with(kMinimal, R"("reports_per_year": 120)",
                          "\"reports_per_year\": /* a year's reports */ 120  // to start with\n");
  text = "// a leading line comment\n/* and a\n   block comment */\n" + text;
  const auto s = models::load_scenario_text(text);
  CHECK(s.arrivals.reports_per_year == 120);
}

TEST_CASE("open cases load from JSON with their stage, type and dates", "[scenario]") {
  const auto s = models::load_scenario_text(plus(kMinimal, kOpenCase));
  REQUIRE(s.initial_cases.size() == 1);
  const auto& c = s.initial_cases[0];
  CHECK(c.id == "OPEN-1");
  CHECK(s.case_types[c.type].name == "adult");
  CHECK(s.stages[c.stage].name == "investigation");
  CHECK(sim::to_iso(c.report_date) == "2023-11-01");
  CHECK(sim::to_iso(c.stage_entry_date) == "2023-11-02");
  CHECK(c.isva);
}

// ---- Malformed files -------------------------------------------------------------

TEST_CASE("malformed JSON is reported with its line and column", "[scenario]") {
  // A missing comma after "name": the parser stops at the next key, line 3.
  const auto d = the_problem("{\n  \"meta\": {\"name\": \"x\"\n    \"start_date\": \"2024-01-01\"}\n}");
  CHECK(d.file == "test.json");
  CHECK(d.pointer.empty());
  CHECK_THAT(d.message, Contains("not valid JSON at line 3, column 16") &&
                            Contains("unexpected string literal") && Contains("expected '}'"));
}

TEST_CASE("a file cut short is reported at its end", "[scenario]") {
  const auto d = the_problem("{\n  \"meta\": {\"name\": \"x\"");
  CHECK_THAT(d.message, Contains("not valid JSON at line 2") && Contains("end of input"));
}

TEST_CASE("an empty file, or one that is not an object, is refused", "[scenario]") {
  CHECK_THAT(the_problem(" \n\t").message, Contains("empty") && Contains("expected a JSON object"));
  CHECK_THAT(the_problem("[1, 2]").message, Contains("expected a JSON object at the top level"));
}

TEST_CASE("a number too large for a double is reported where it is", "[scenario]") {
  const auto d = the_problem(with(kMinimal, "\"reports_per_year\": 120", "\"reports_per_year\": 1e999"));
  CHECK(d.pointer.empty());
  CHECK_THAT(d.message, Contains("not valid JSON at line 4, column 36") && Contains("1e999") &&
                            Contains("expected numbers no larger than"));
}

TEST_CASE("nesting deep enough to exhaust the stack is refused before parsing", "[scenario]") {
  const std::string deep = "{\"meta\": {\"name\": " + std::string(100000, '[') +
                           std::string(100000, ']') + "}}";
  const auto d = the_problem(deep);
  CHECK_THAT(d.message, Contains("nested more than 64 levels deep at line 1, column 81"));
}

// ---- Values of the wrong type or out of range ----------------------------------------

TEST_CASE("a value of the wrong type names the place, the type found and the type expected",
          "[scenario]") {
  auto d = the_problem(with(kMinimal, "\"reports_per_year\": 120", "\"reports_per_year\": \"many\""));
  CHECK(d.pointer == "/arrivals/reports_per_year");
  CHECK(d.message == "expected a number of reports per year > 0, got a string \"many\"");

  d = the_problem(with(kMinimal, "\"child_victim\": true", "\"child_victim\": \"yes\""));
  CHECK(d.pointer == "/case_types/child/child_victim");
  CHECK(d.message == "expected true or false, got a string \"yes\"");

  d = the_problem(with(kMinimal, "\"count\": 4", "\"count\": 4.5"));
  CHECK(d.pointer == "/resources/officers/count");
  CHECK_THAT(d.message, Contains("expected a whole number") && Contains("got a number 4.5"));

  d = the_problem(with(kMinimal, "\"next\": \"decision\"", "\"next\": 2"));
  CHECK(d.pointer == "/pathway/stages/investigation/next");
  CHECK(d.message == "expected the name of a stage, got a number");

  d = the_problem(with(kMinimal, "\"arrivals\": {\"reports_per_year\": 120}", "\"arrivals\": [120]"));
  CHECK(d.pointer == "/arrivals");
  CHECK(d.message == "expected an object, got an array");
}

TEST_CASE("a zero or negative rate is out of range", "[scenario]") {
  auto d = the_problem(with(kMinimal, "\"reports_per_year\": 120", "\"reports_per_year\": 0"));
  CHECK(d.pointer == "/arrivals/reports_per_year");
  CHECK(d.message == "0 is out of range; expected a number of reports per year > 0");

  d = the_problem(with(kMinimal, "\"mean\": 30", "\"mean\": -1"));
  CHECK(d.pointer == "/pathway/stages/investigation/duration/exponential/mean");
  CHECK(d.message == "-1 is out of range; expected a mean in days > 0");

  d = the_problem(with(kMinimal, "\"duration\": {\"exponential\": {\"mean\": 30}}", "\"duration\": -2"));
  CHECK(d.pointer == "/pathway/stages/investigation/duration");
  CHECK_THAT(d.message, Contains("-2 is out of range") && Contains(">= 0"));
}

TEST_CASE("whole numbers too large for their field are refused, not wrapped", "[scenario]") {
  auto d = the_problem(with(kMinimal, "\"count\": 4", "\"count\": 99999999999"));
  CHECK(d.pointer == "/resources/officers/count");
  CHECK(d.message ==
        "99999999999 is out of range; expected a whole number of units from 0 to 2147483647");

  d = the_problem(with(kMinimal, "\"replications\": 3", "\"replications\": 18446744073709551615"));
  CHECK(d.pointer == "/meta/replications");
  CHECK_THAT(d.message, Contains("18446744073709551615 is out of range"));

  d = the_problem(with(kMinimal, "\"seed\": 42", "\"seed\": -1"));
  CHECK(d.pointer == "/meta/seed");
  CHECK(d.message == "-1 is out of range; expected a whole number >= 0");

  // Every unsigned 64-bit seed is allowed.
  const auto s = models::load_scenario_text(
      with(kMinimal, "\"seed\": 42", "\"seed\": 18446744073709551615"));
  CHECK(s.meta.seed == 18446744073709551615u);
}

TEST_CASE("a date that does not exist is refused", "[scenario]") {
  auto d = the_problem(with(kMinimal, "\"start_date\": \"2024-01-01\"", "\"start_date\": \"2023-02-29\""));
  CHECK(d.pointer == "/meta/start_date");
  CHECK(d.message == "'2023-02-29' is not a date that exists; expected \"YYYY-MM-DD\"");

  d = the_problem(with(kMinimal, "\"from\": \"2024-07-01\"", "\"from\": \"2024-7-1\""));
  CHECK(d.pointer == "/resources/officers/changes/0/from");
  CHECK_THAT(d.message, Contains("'2024-7-1'") && Contains("YYYY-MM-DD"));
}

TEST_CASE("shares must sum to 1 and seasonality must average 1", "[scenario]") {
  auto d = the_problem(with(kMinimal, "\"share\": 0.75", "\"share\": 0.7"));
  CHECK(d.pointer == "/case_types");
  CHECK(d.message == "shares sum to 0.95; expected them to sum to 1");

  d = the_problem(with(kMinimal, "\"reports_per_year\": 120",
                       "\"reports_per_year\": 120, \"seasonality\": [1, 1, 1, 1, 1, 1, 1, 1, 1, "
                       "1, 1, 2.2]"));
  CHECK(d.pointer == "/arrivals/seasonality");
  CHECK_THAT(d.message, Contains("multipliers average 1.1") && Contains("expected an average of 1"));

  d = the_problem(with(kMinimal, "\"reports_per_year\": 120",
                       "\"reports_per_year\": 120, \"seasonality\": [1, 1]"));
  CHECK(d.pointer == "/arrivals/seasonality");
  CHECK_THAT(d.message, Contains("12 monthly multipliers"));
}

TEST_CASE("the warm-up must be shorter than the horizon", "[scenario]") {
  for (const char* warmup : {"365", "400"}) {
    const auto d = the_problem(
        with(kMinimal, "\"warmup_days\": 30", std::string("\"warmup_days\": ") + warmup));
    CHECK(d.pointer == "/meta/warmup_days");
    CHECK_THAT(d.message, Contains(std::string(warmup) + " is not shorter than horizon_days 365"));
  }
}

// ---- Names that do not resolve ------------------------------------------------------

TEST_CASE("an unknown key is named, with the nearest known key and the full list",
          "[scenario]") {
  auto d = the_problem(with(kMinimal, "\"horizon_days\"", "\"horizon_dys\""));
  CHECK(d.pointer == "/meta/horizon_dys");
  CHECK_THAT(d.message, Contains("unknown key 'horizon_dys'") &&
                            Contains("(did you mean 'horizon_days'?)") &&
                            Contains("expected one of: assumptions, description, follow_up_days, horizon_days, levers, name"));

  d = the_problem(plus(kMinimal, "\"arrival\": {}"));
  CHECK(d.pointer == "/arrival");
  CHECK_THAT(d.message, Contains("did you mean 'arrivals'?"));

  // A key that is valid elsewhere but not on this kind of stage.
  d = the_problem(with(kMinimal, "\"kind\": \"decision\",", "\"kind\": \"decision\", \"duration\": 3,"));
  CHECK(d.pointer == "/pathway/stages/decision/duration");
  CHECK_THAT(d.message, Contains("unknown key 'duration'"));
}

TEST_CASE("an unknown resource or stage is named, with the nearest known one", "[scenario]") {
  auto d = the_problem(with(kMinimal, "\"pool\": \"officers\"", "\"pool\": \"oficers\""));
  CHECK(d.pointer == "/pathway/stages/investigation/pool");
  CHECK(d.message == "unknown resource 'oficers' (did you mean 'officers'?); expected one of: officers");

  d = the_problem(with(kMinimal, "\"next\": \"decision\"", "\"next\": \"decison\""));
  CHECK(d.pointer == "/pathway/stages/investigation/next");
  CHECK_THAT(d.message, Contains("unknown stage 'decison' (did you mean 'decision'?)") &&
                            Contains("expected one of: investigation, decision, charged"));

  d = the_problem(with(kMinimal, "\"to\": \"nfa\"", "\"to\": \"nfaa\""));
  CHECK(d.pointer == "/pathway/stages/decision/branches/1/to");
  CHECK_THAT(d.message, Contains("unknown stage 'nfaa' (did you mean 'nfa'?)"));

  d = the_problem(with(kMinimal, "\"entry\": \"investigation\"", "\"entry\": \"investigate\""));
  CHECK(d.pointer == "/pathway/entry");
  CHECK_THAT(d.message, Contains("did you mean 'investigation'?"));

  d = the_problem(with(kMinimal, "\"by_type\": {\"child\": 0.4}", "\"by_type\": {\"chld\": 0.4}"));
  CHECK(d.pointer == "/pathway/stages/decision/branches/0/by_type/chld");
  CHECK_THAT(d.message, Contains("unknown case type 'chld' (did you mean 'child'?)"));
}

TEST_CASE("a name outside lower-case letters, digits and underscores is refused", "[scenario]") {
  auto d = the_problem(with(kMinimal, "\"adult\": {\"share\": 0.75}", "\"Adult\": {\"share\": 0.75}"));
  CHECK(d.pointer == "/case_types/Adult");
  CHECK_THAT(d.message, Contains("name 'Adult' is not allowed") && Contains("lower-case"));

  d = the_problem(with(kMinimal, "\"charge_28wd\"", "\"charge-28wd\""));
  CHECK(d.pointer == "/deadlines/charge-28wd");
  CHECK_THAT(d.message, Contains("name 'charge-28wd' is not allowed"));
}

TEST_CASE("$schema, when given, is a string", "[scenario]") {
  CHECK_NOTHROW(models::load_scenario_text(plus(kMinimal, R"("$schema": "./schema.json")")));
  const auto d = the_problem(plus(kMinimal, R"("$schema": 5)"));
  CHECK(d.pointer == "/$schema");
  CHECK_THAT(d.message, Contains("expected a string") && Contains("got a number 5"));
}

// ---- The pathway as a whole ----------------------------------------------------------

TEST_CASE("branch probabilities must sum to 1 for every case type", "[scenario]") {
  auto d = the_problem(with(kMinimal, "\"probability\": 0.75", "\"probability\": 0.7"));
  CHECK(d.pointer == "/pathway/stages/decision");
  CHECK_THAT(d.message, Contains("'decision'") && Contains("sum to 0.95") &&
                            Contains("'adult'") && Contains("expected 1"));

  d = the_problem(with(kMinimal, "\"child\": 0.6", "\"child\": 0.5"));
  CHECK(d.pointer == "/pathway/stages/decision");
  CHECK_THAT(d.message, Contains("sum to 0.9") && Contains("'child'"));
}

TEST_CASE("a stage no case can reach is refused", "[scenario]") {
  const auto d = the_problem(with(
      kMinimal, "\"nfa\": {\"kind\"",
      "\"orphan\": {\"kind\": \"delay\", \"duration\": 5, \"next\": \"nfa\"},\n      \"nfa\": {\"kind\""));
  CHECK(d.pointer == "/pathway/stages/orphan");
  CHECK_THAT(d.message, Contains("'orphan'") && Contains("cannot be reached") &&
                            Contains("'investigation'"));
}

TEST_CASE("a loop with no way out is refused at each of its stages", "[scenario]") {
  // charged -> review -> charged, and nothing leads on to "convicted".
  std::string text = with(kMinimal, "\"next\": \"convicted\"", "\"next\": \"review\"");
  text = with(text, "\"nfa\": {\"kind\"",
              "\"review\": {\"kind\": \"delay\", \"duration\": 5, \"next\": \"charged\"},\n"
              "      \"nfa\": {\"kind\"");
  const auto problems = problems_of(text);
  INFO(joined(problems));
  std::set<std::string> pointers;
  for (const auto& p : problems) pointers.insert(p.pointer);
  CHECK(pointers == std::set<std::string>{"/pathway/stages/charged", "/pathway/stages/convicted",
                                          "/pathway/stages/review"});
  for (const auto& p : problems) {
    if (p.pointer == "/pathway/stages/convicted") {
      CHECK_THAT(p.message, Contains("cannot be reached"));
    } else {
      CHECK_THAT(p.message, Contains("cannot reach any outcome") && Contains("loop") &&
                                Contains("'charged'") && Contains("'review'"));
    }
  }
}

TEST_CASE("a stage needs exactly one of next and branches", "[scenario]") {
  auto d = the_problem(with(kMinimal, "\"kind\": \"decision\",", "\"kind\": \"decision\", \"next\": \"nfa\","));
  CHECK(d.pointer == "/pathway/stages/decision");
  CHECK(d.message == "has both \"next\" and \"branches\"; expected one of them");

  d = the_problem(with(kMinimal, ", \"next\": \"decision\"", ""));
  CHECK(d.pointer == "/pathway/stages/investigation");
  CHECK_THAT(d.message, Contains("missing \"next\" or \"branches\""));
}

// ---- Open cases ---------------------------------------------------------------------

TEST_CASE("an open case must be in a stage that exists and is not an outcome", "[scenario]") {
  auto d = the_problem(plus(kMinimal, with(kOpenCase, "\"stage\": \"investigation\"",
                                           "\"stage\": \"investigaton\"")));
  CHECK(d.pointer == "/initial_state/cases/0/stage");
  CHECK(d.message == "unknown stage 'investigaton' (did you mean 'investigation'?); expected a "
                     "stage of the pathway");

  d = the_problem(plus(kMinimal, with(kOpenCase, "\"stage\": \"investigation\"", "\"stage\": \"nfa\"")));
  CHECK(d.pointer == "/initial_state/cases/0/stage");
  CHECK(d.message == "'nfa' is an outcome; expected the stage an open case is in");
}

TEST_CASE("an open case's dates must exist and come in order before the start", "[scenario]") {
  auto d = the_problem(plus(kMinimal, with(kOpenCase, "2023-11-01", "2023-02-29")));
  CHECK(d.pointer == "/initial_state/cases/0/report_date");
  CHECK_THAT(d.message, Contains("'2023-02-29' is not a date that exists"));

  d = the_problem(plus(kMinimal, with(kOpenCase, "2023-11-02", "2023-10-01")));
  CHECK(d.pointer == "/initial_state/cases/0/stage_entry_date");
  CHECK_THAT(d.message, Contains("before report_date"));

  d = the_problem(plus(kMinimal, with(kOpenCase, "2023-11-02", "2024-02-01")));
  CHECK(d.pointer == "/initial_state/cases/0/stage_entry_date");
  CHECK_THAT(d.message, Contains("after the scenario start 2024-01-01"));
}

TEST_CASE("an open case field of the wrong type is reported once", "[scenario]") {
  const auto d = the_problem(plus(kMinimal, with(kOpenCase, "\"id\": \"OPEN-1\"", "\"id\": 7")));
  CHECK(d.pointer == "/initial_state/cases/0/id");
  CHECK(d.message == "expected a string, got a number 7");
}

// ---- Several problems at once ---------------------------------------------------------

TEST_CASE("every problem is reported at once, each at its own place", "[scenario]") {
  std::string text = with(kMinimal, "\"reports_per_year\": 120", "\"reports_per_year\": 0");
  text = with(text, "\"horizon_days\"", "\"horizon_dys\"");
  text = with(text, "\"start_date\": \"2024-01-01\"", "\"start_date\": \"2023-02-29\"");
  text = with(text, "\"pool\": \"officers\"", "\"pool\": \"oficers\"");
  text = with(text, "\"mean\": 30", "\"mean\": -1");
  text = with(text, "\"unit\": \"working_days\"", "\"unit\": \"weeks\"");
  const auto problems = problems_of(text);
  INFO(joined(problems));
  REQUIRE(problems.size() == 6);
  std::set<std::string> pointers;
  for (const auto& p : problems) {
    CHECK(p.file == "test.json");
    pointers.insert(p.pointer);
  }
  CHECK(pointers == std::set<std::string>{
                        "/arrivals/reports_per_year", "/meta/horizon_dys", "/meta/start_date",
                        "/pathway/stages/investigation/pool",
                        "/pathway/stages/investigation/duration/exponential/mean",
                        "/deadlines/charge_28wd/unit"});

  // The exception's text lists them all, one a line, as "file: /pointer: message".
  try {
    models::load_scenario_text(text, "test.json");
    FAIL("loaded");
  } catch (const models::ScenarioError& e) {
    const std::string what = e.what();
    CHECK(std::count(what.begin(), what.end(), '\n') == 5);
    CHECK_THAT(what, Contains("test.json: /meta/start_date: '2023-02-29' is not a date"));
  }
}

// ---- extends ------------------------------------------------------------------------

TEST_CASE("extends applies this file as a merge patch: override one key, delete with null",
          "[scenario]") {
  TempDir dir;
  dir.write("base.json", kMinimal);
  const auto child = dir.write("child.json", R"({
    "extends": "base.json",
    "meta": {"name": "child", "warmup_days": null},
    "resources": {"officers": {"count": 9}},
    "deadlines": {"charge_28wd": null}
  })");
  const auto s = models::load_scenario(child);
  CHECK(s.meta.name == "child");                            // overridden
  CHECK(sim::to_iso(s.meta.start_date) == "2024-01-01");    // kept from the base
  CHECK(s.meta.horizon_days == 365);
  CHECK(s.meta.warmup_days == 0);                           // deleted: the default
  REQUIRE(s.pools.size() == 1);
  CHECK(s.pools[0].count == 9);                             // one nested key overridden...
  CHECK(s.pools[0].changes.size() == 1);                    // ...its sibling kept
  CHECK(s.deadlines.empty());                               // a whole entry deleted
  CHECK(s.stages.size() == 5);

  // The same from text in memory, resolving against a folder.
  const auto t = models::load_scenario_text(R"({"extends": "child.json", "meta": {"seed": 5}})",
                                            "text", dir.path());
  CHECK(t.meta.name == "child");
  CHECK(t.meta.seed == 5);
}

TEST_CASE("a section taken away by extends takes its assumptions and levers with it, "
          "while a mistyped pointer is still refused", "[scenario]") {
  TempDir dir;
  std::string base = kMinimal;
  base.replace(base.find(R"("meta": {)"), 9, R"("meta": {
    "assumptions": [{"parameter": "/deadlines/charge_28wd/limit", "reason": "set in law"},
                    {"parameter": "/resources/officers/count", "reason": "a guess"}],
    "levers": [{"set": "/deadlines/charge_28wd/limit", "label": "Deadline", "min": 1, "max": 90},
               {"set": "/resources/officers/count", "label": "Officers", "min": 1, "max": 20}],)");
  dir.write("base.json", base);
  REQUIRE(models::load_scenario(dir.path() / "base.json").meta.assumptions.size() == 2);
  const auto child = dir.write("child.json", R"({"extends": "base.json", "deadlines": null})");
  const auto s = models::load_scenario(child);
  REQUIRE(s.meta.assumptions.size() == 1);
  CHECK(s.meta.assumptions[0].parameter == "/resources/officers/count");
  REQUIRE(s.meta.levers.size() == 1);
  CHECK(s.meta.levers[0].label == "Officers");
  // Inside a section the scenario has, or into one that is not a section,
  // a pointer that reaches nothing is a mistake, and said so.
  const auto typo = dir.write("typo.json", R"({"extends": "base.json", "meta": {"assumptions": [
      {"parameter": "/deadlines/charge_28wd/limt", "reason": "r"},
      {"parameter": "/deadline/charge_28wd/limit", "reason": "r"}]}})");
  const auto problems = file_problems(typo);
  INFO(joined(problems));
  CHECK(problems.size() == 2);
}

TEST_CASE("a CSV of open cases is found next to the file that names it, through extends",
          "[scenario]") {
  TempDir dir;
  fs::create_directories(dir.path() / "policies");
  dir.write("open.csv", "id,type,stage,report_date,stage_entry_date\nA1,adult,investigation,"
                        "2023-06-01,2023-06-01\n");
  dir.write("base.json", plus(kMinimal, R"("initial_state": {"csv": "open.csv"})"));
  const auto child = dir.write("policies/child.json",
                               R"({"extends": "../base.json", "meta": {"name": "policy"}})");
  const auto s = models::load_scenario(child);
  REQUIRE(s.initial_cases.size() == 1);
  CHECK(s.initial_cases[0].id == "A1");
}

TEST_CASE("an extends cycle is refused, naming the files in it", "[scenario]") {
  TempDir dir;
  const auto a = dir.write("a.json", R"({"extends": "b.json", "meta": {"name": "a"}})");
  const auto b = dir.write("b.json", R"({"extends": "a.json"})");
  const auto problems = file_problems(a);
  INFO(joined(problems));
  REQUIRE(problems.size() == 1);
  const auto& d = problems[0];
  CHECK(d.file == b.string());  // the file whose "extends" closes the loop
  CHECK(d.pointer == "/extends");
  CHECK_THAT(d.message, Contains("extends cycle: " + a.string() + " -> " + b.string() + " -> " +
                                 a.string()) &&
                            Contains("expected a chain that ends in a file without \"extends\""));

  const auto self = dir.write("self.json", R"({"extends": "self.json"})");
  const auto s = file_problems(self);
  REQUIRE(s.size() == 1);
  CHECK_THAT(s[0].message, Contains("extends cycle: " + self.string() + " -> " + self.string()));
}

TEST_CASE("a missing extends target is reported at the extends that names it", "[scenario]") {
  TempDir dir;
  auto d = the_problem(R"({"extends": "nowhere.json"})", dir.path());
  CHECK(d.file == "test.json");
  CHECK(d.pointer == "/extends");
  CHECK_THAT(d.message, Contains("cannot extend \"nowhere.json\"") && Contains("file not found") &&
                            Contains("relative to the folder"));

  // One level down, the file that names it is the one blamed.
  const auto middle = dir.write("middle.json", R"({"extends": "gone.json"})");
  const auto top = dir.write("top.json", R"({"extends": "middle.json"})");
  const auto problems = file_problems(top);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == middle.string());
  CHECK(problems[0].pointer == "/extends");
  CHECK_THAT(problems[0].message, Contains("gone.json") && Contains("file not found"));

  d = the_problem(R"({"extends": 3})");
  CHECK(d.pointer == "/extends");
  CHECK_THAT(d.message, Contains("expected a string"));
}

TEST_CASE("a problem in an extended file is reported in that file", "[scenario]") {
  TempDir dir;
  const auto base = dir.write("base.json", "{\"meta\": {\n\"name\": }}");
  const auto child = dir.write("child.json", R"({"extends": "base.json"})");
  const auto problems = file_problems(child);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == base.string());
  CHECK_THAT(problems[0].message, Contains("not valid JSON at line 2"));
}

// ---- Files -----------------------------------------------------------------------------

TEST_CASE("a missing file, a folder or an oversized file is refused at once", "[scenario]") {
  TempDir dir;
  auto p = file_problems(dir.path() / "missing.json");
  REQUIRE(p.size() == 1);
  CHECK(p[0].file == (dir.path() / "missing.json").string());
  CHECK(p[0].message == "file not found");

  p = file_problems(dir.path());
  REQUIRE(p.size() == 1);
  CHECK(p[0].message == "is a directory, expected a scenario file (.json)");

  const auto big = dir.path() / "big.json";
  {
    std::ofstream out(big, std::ios::binary);
    out.seekp(static_cast<std::streamoff>(models::kMaxScenarioBytes));
    out.put('}');  // a sparse file just over the limit
  }
  p = file_problems(big);
  REQUIRE(p.size() == 1);
  CHECK_THAT(p[0].message, Contains("file is 16.0 MB") && Contains("at most 16 MB"));
}

TEST_CASE("open cases load from a CSV file next to the scenario", "[scenario]") {
  TempDir dir;
  dir.write("open.csv",
            "\xEF\xBB\xBFid,type,stage,report_date,stage_entry_date,isva\n"
            "A1,adult,investigation,2023-11-01,2023-11-02,true\n"
            "\n"
            "\"A,2\",child,charged,2023-10-01,2023-12-01,false\n");
  const auto path = dir.write("s.json", plus(kMinimal, R"("initial_state": {"csv": "open.csv"})"));
  const auto s = models::load_scenario(path);
  REQUIRE(s.initial_cases.size() == 2);
  CHECK(s.initial_cases[0].id == "A1");
  CHECK(s.initial_cases[0].isva);
  CHECK(s.initial_cases[1].id == "A,2");
  CHECK(s.case_types[s.initial_cases[1].type].name == "child");
  CHECK(s.stages[s.initial_cases[1].stage].name == "charged");
  CHECK_FALSE(s.initial_cases[1].isva);
}

TEST_CASE("a bad row of an open-case CSV is reported by its line number", "[scenario]") {
  TempDir dir;
  const auto csv = dir.write("open.csv",
                             "id,type,stage,report_date,stage_entry_date,isva\n"
                             "A1,adult,investigation,2023-11-01,2023-11-02,true\n"
                             "A2,adult,investigaton,2023-11-01,2023-11-02,false\n"
                             "A3,adult,nfa,2023-02-29,2023-11-02,maybe\n"
                             "A4,adult\n");
  const auto path = dir.write("s.json", plus(kMinimal, R"("initial_state": {"csv": "open.csv"})"));
  const auto problems = file_problems(path);
  INFO(joined(problems));
  std::vector<std::string> where;
  for (const auto& p : problems) {
    CHECK(p.file == csv.string());
    where.push_back(p.pointer + ": " + p.message);
  }
  auto has = [&](const std::string& text) {
    return std::any_of(where.begin(), where.end(),
                       [&](const std::string& w) { return w.find(text) != std::string::npos; });
  };
  CHECK(problems.size() == 5);
  CHECK(has("line 3, column stage: unknown stage 'investigaton' (did you mean 'investigation'?)"));
  CHECK(has("line 4, column stage: 'nfa' is an outcome"));
  CHECK(has("line 4, column report_date: '2023-02-29' is not a date that exists"));
  CHECK(has("line 4, column isva: 'maybe' is not allowed; expected true or false"));
  CHECK(has("line 5: has 2 fields; expected 6"));
}

TEST_CASE("an open-case CSV without the expected header or file is refused", "[scenario]") {
  TempDir dir;
  dir.write("semi.csv", "id;type;stage;report_date;stage_entry_date\nA1;adult;investigation\n");
  auto path = dir.write("s.json", plus(kMinimal, R"("initial_state": {"csv": "semi.csv"})"));
  auto problems = file_problems(path);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].pointer == "line 1");
  CHECK_THAT(problems[0].message, Contains("header has no 'id', 'type', 'stage'") &&
                                      Contains("separated by commas"));

  path = dir.write("t.json", plus(kMinimal, R"("initial_state": {"csv": "absent.csv"})"));
  problems = file_problems(path);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == path.string());
  CHECK(problems[0].pointer == "/initial_state/csv");
  CHECK_THAT(problems[0].message, Contains("absent.csv") && Contains("file not found"));
}

TEST_CASE("a duration with two kinds says how to replace one in an extends file", "[scenario]") {
  const auto d = the_problem(with(kMinimal, R"({"exponential": {"mean": 30}})",
                                  R"({"exponential": {"mean": 30}, "gamma": {"shape": 2, "scale": 9}})"));
  CHECK(d.pointer == "/pathway/stages/investigation/duration");
  CHECK_THAT(d.message, Contains("has 2 kinds (exponential, gamma)") &&
                            Contains("delete the old kind with null"));
}

TEST_CASE("a start date outside the calendar's years is refused", "[scenario]") {
  const auto d = the_problem(with(kMinimal, "2024-01-01\", \"horizon", "1522-01-01\", \"horizon"));
  CHECK(d.pointer == "/meta/start_date");
  CHECK_THAT(d.message, Contains("expected a date from 1900-01-01 to 2200-12-31"));
  const auto h = the_problem(with(kMinimal, "\"horizon_days\": 365", "\"horizon_days\": 100000"));
  CHECK(h.pointer == "/meta/horizon_days");
  CHECK_THAT(h.message, Contains("at most 36525"));
}
