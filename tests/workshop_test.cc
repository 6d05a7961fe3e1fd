// The workshop's levers and requests: meta.levers read into the typed
// scenario (and refused where and why), the levers offered when a scenario
// names none, a what-if loaded and saved as a file `validate` accepts, the
// page's request bodies read or refused with a status, and a what-if's
// paired differences from the scenario as written.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <variant>

#include "app/workshop_request.h"
#include "models/engine/case_flow_model.h"
#include "models/results/what_if_result.h"
#include "models/scenario/lever.h"
#include "models/scenario/scenario_error.h"
#include "models/scenario/scenario_loader.h"
#include "models/scenario/what_if.h"

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;

constexpr const char* kScenario = R"({
  "meta": {"name": "levers", "start_date": "2024-01-01", "horizon_days": 720,
           "warmup_days": 180, "replications": 4, "seed": 9,
           "assumptions": [{"parameter": "/pathway/stages/investigation/duration", "reason": "a guess"}],
           "levers": [
             {"set": "/resources/officers/count", "label": "Officers", "unit": "officers",
              "min": 1, "max": 12, "step": 1, "help": "investigators"},
             {"scale": "/pathway/stages/investigation/duration", "label": "Investigation time",
              "unit": "x as written", "min": 0.5, "max": 1.5},
             {"set": "/withdrawal/isva_share", "label": "ISVA share", "min": 0, "max": 2, "step": 0.1},
             {"set": "/resources/spare/count", "label": "Spare pool", "min": 0, "max": 5,
              "with": {"resources": {"spare": {"count": 0}}}}
           ]},
  "arrivals": {"reports_per_year": 30},
  "case_types": {"adult": {"share": 1}},
  "resources": {"officers": {"count": 4}},
  "withdrawal": {"isva_share": 0.5, "isva_multiplier": 0.7},
  "pathway": {
    "entry": "investigation",
    "stages": {
      "investigation": {"kind": "work", "pool": "officers", "withdrawal_per_year": 0.5,
                        "duration": {"exponential": {"mean": 30}}, "next": "decision"},
      "decision": {"kind": "decision", "branches": [
          {"to": "charged", "probability": 0.5}, {"to": "nfa", "probability": 0.5}]},
      "charged": {"kind": "delay", "milestone": "charge", "withdrawal_per_year": 0.5,
                  "duration": 20, "next": "convicted"},
      "nfa": {"kind": "terminal", "outcome": "police_nfa"},
      "convicted": {"kind": "terminal", "outcome": "convicted"}
    }
  }
})";

std::string with(std::string text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::vector<std::string> problems_of(const std::string& text) {
  try {
    models::load_scenario_text(text, "s.json");
  } catch (const models::ScenarioError& e) {
    std::vector<std::string> out;
    for (const auto& p : e.problems()) out.push_back(p.pointer + ": " + p.message);
    return out;
  }
  return {};
}

// A scratch file holding `text`, removed at the end of the test.
struct ScratchFile {
  fs::path path;
  explicit ScratchFile(const std::string& text, const std::string& name = "scenario.json") {
    const fs::path dir = fs::temp_directory_path() / ("casesim-workshop-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    path = dir / name;
    std::ofstream(path) << text;
  }
  ~ScratchFile() { fs::remove_all(path.parent_path()); }
};

}  // namespace

TEST_CASE("meta.levers are read into the typed scenario with their values as written", "[workshop]") {
  const models::Scenario s = models::load_scenario_text(kScenario, "s.json");
  REQUIRE(s.meta.levers.size() == 4);
  const models::Lever& officers = s.meta.levers[0];
  CHECK(officers.kind == models::Lever::Kind::kSet);
  CHECK(officers.pointer == "/resources/officers/count");
  CHECK(officers.label == "Officers");
  CHECK(officers.value == 4);
  CHECK(officers.min == 1);
  CHECK(officers.max == 12);
  const models::Lever& time = s.meta.levers[1];
  CHECK(time.kind == models::Lever::Kind::kScale);
  CHECK(time.value == 1);
  CHECK(time.step == 0.05);  // the default step of a scale lever
  CHECK(s.meta.levers[3].value == 0);  // read from what "with" adds
  CHECK_THAT(s.meta.levers[3].with, Contains("spare"));
  CHECK(models::offered_levers(s).size() == 4);
}

TEST_CASE("A lever that points nowhere, has no range or excludes its own value is refused where it is", "[workshop]") {
  auto one = [](const std::string& text) {
    const auto p = problems_of(text);
    REQUIRE(p.size() == 1);
    return p.front();
  };
  CHECK(one(with(kScenario, R"("set": "/resources/officers/count")", R"("set": "/resources/officer/count")")) ==
        "/meta/levers/0/set: '/resources/officer/count' is not in the scenario; expected a JSON "
        "pointer to a value, e.g. /courts/overlisting");
  CHECK(one(with(kScenario, R"("min": 1, "max": 12)", R"("min": 5, "max": 12)")) ==
        "/meta/levers/0: the value as written, 4, is outside min 5 and max 12; expected a range "
        "that includes it");
  CHECK(one(with(kScenario, R"("min": 1, "max": 12)", R"("min": 12, "max": 1)")) ==
        "/meta/levers/0/max: 1 is not above min 12; expected max > min");
  CHECK_THAT(one(with(kScenario, R"("set": "/resources/officers/count", "label": "Officers")",
                      R"("set": "/resources/officers", "label": "Officers")")),
             Contains("/meta/levers/0/set: points at an object"));
  CHECK_THAT(one(with(kScenario, R"("scale": "/pathway/stages/investigation/duration")",
                      R"("set": "/a", "scale": "/pathway/stages/investigation/duration")")),
             Contains("/meta/levers/1: names both \"set\" and \"scale\""));
}

TEST_CASE("A scenario naming no levers is offered its resources' counts and its assumptions", "[workshop]") {
  std::string text = kScenario;
  const auto from = text.find(",\n           \"levers\"");
  const auto to = text.find("]},\n  \"arrivals\"");
  text.replace(from, to + 1 - from, "");
  const models::Scenario s = models::load_scenario_text(text, "s.json");
  REQUIRE(s.meta.levers.empty());
  const auto levers = models::offered_levers(s);
  REQUIRE(levers.size() == 2);
  CHECK(levers[0].pointer == "/resources/officers/count");
  CHECK(levers[0].value == 4);
  CHECK(levers[0].max == 14);  // at least ten more than as written
  CHECK(levers[1].kind == models::Lever::Kind::kScale);
  CHECK(levers[1].pointer == "/pathway/stages/investigation/duration");
  CHECK(levers[1].help == "a guess");
}

TEST_CASE("A lever moved outside its range is refused naming the file and the pointer", "[workshop]") {
  ScratchFile file(kScenario);
  const models::Scenario s = models::load_scenario(file.path);
  try {
    models::load_what_if(models::ScenarioSource::read(file.path), s.meta.levers, {{0, 13, ""}});
    FAIL("a value above max was accepted");
  } catch (const models::ScenarioError& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].to_string() ==
          file.path.string() + ": /resources/officers/count: 13 is out of range; expected a "
                               "number from 1 to 12 (Officers, officers)");
  }
  CHECK_THROWS_WITH(models::load_what_if(models::ScenarioSource::read(file.path), s.meta.levers, {{0, 2.5, ""}}),
                    Contains("2.5 is not a whole number"));
}

TEST_CASE("A value in the lever's range that the scenario refuses gets the loader's own message", "[workshop]") {
  ScratchFile file(kScenario);
  const models::Scenario s = models::load_scenario(file.path);
  std::string via_lever, via_file;
  try {
    models::load_what_if(models::ScenarioSource::read(file.path), s.meta.levers, {{2, 1.5, ""}});
  } catch (const models::ScenarioError& e) {
    via_lever = e.problems().at(0).pointer + ": " + e.problems().at(0).message;
  }
  const auto written = problems_of(with(kScenario, R"("isva_share": 0.5)", R"("isva_share": 1.5)"));
  REQUIRE(written.size() == 1);
  via_file = written[0];
  CHECK_THAT(via_lever, Contains("/withdrawal/isva_share: 1.5 is out of range"));
  // The loader's message, with the lever setting that caused it named after it.
  CHECK(via_lever.substr(0, via_file.size()) == via_file);
  CHECK_THAT(via_lever, Contains("(moved by --set /withdrawal/isva_share=1.5)"));
}

TEST_CASE("A what-if loads with its levers moved and saves as a file that loads the same", "[workshop]") {
  ScratchFile file(kScenario);
  const models::Scenario s = models::load_scenario(file.path);
  const std::vector<models::LeverPosition> moves{{0, 7, ""}, {1, 1.2, ""}, {3, 2, ""}};
  const models::Scenario w = models::load_what_if(models::ScenarioSource::read(file.path), s.meta.levers, moves);
  CHECK(w.pools.at(0).count == 7);
  REQUIRE(w.pools.size() == 2);  // the spare pool, added by the lever's "with"
  CHECK(w.pools.at(1).count == 2);
  CHECK(w.stages.at(0).duration.mean() == Approx(36));

  const std::string text = models::what_if_file(
      file.path, models::what_if_settings(models::ScenarioSource::read(file.path), s.meta.levers, moves),
      "what-if 1", {"moved"});
  CHECK_THAT(text, Contains("\"extends\""));
  ScratchFile saved(text, "saved.json");
  const models::Scenario again = models::load_scenario(saved.path);
  CHECK(again.meta.name == "what-if 1");
  CHECK(again.pools.at(0).count == 7);
  CHECK(again.pools.at(1).count == 2);
  CHECK(again.stages.at(0).duration.mean() == Approx(36));
}

TEST_CASE("The page's what-if body is read, or refused with a status saying why", "[workshop]") {
  const models::Scenario s = models::load_scenario_text(kScenario, "s.json");
  const auto& levers = s.meta.levers;
  auto moves = [&](std::string_view body) {
    auto r = app::parse_what_if(body, levers);
    REQUIRE(std::holds_alternative<std::vector<models::LeverPosition>>(r));
    return std::get<std::vector<models::LeverPosition>>(r);
  };
  auto refused = [&](std::string_view body) {
    auto r = app::parse_what_if(body, levers);
    REQUIRE(std::holds_alternative<app::RequestProblem>(r));
    return std::get<app::RequestProblem>(r);
  };
  CHECK(moves("").empty());
  const auto m = moves("lever.0=7&lever.1=1.25");
  REQUIRE(m.size() == 2);
  CHECK(m[0].lever == 0);
  CHECK(m[0].value == 7);
  CHECK(m[1].value == 1.25);
  CHECK(moves("lever.2=%31").at(0).value == 1);  // URL-decoded

  CHECK(refused("lever.9=1").message == "there is no lever 9; expected lever.N with N from 0 to 3");
  CHECK(refused("file=/etc/passwd").status == 400);
  CHECK(refused("lever.0=1&lever.0=2").message == "lever 0 is given twice; expected each lever once");
  CHECK(refused("lever.0=abc").message == "'abc' is not a number; expected a number for lever 0 (Officers)");
  CHECK(refused("lever.0=nan").status == 400);
  CHECK(refused("lever.0=1e999").status == 400);
  CHECK(refused("lever.0=%zz").status == 400);
  CHECK(refused("lever.0=%4").status == 400);
  CHECK(refused("lever.-1=3").status == 400);
  CHECK(refused(std::string(app::kMaxBodyBytes + 1, 'a')).status == 413);
  CHECK(refused("lever.0=" + std::string(200, '1')).status == 400);

  CHECK(app::parse_id("12") == 12);
  CHECK_FALSE(app::parse_id("0"));
  CHECK_FALSE(app::parse_id("-3"));
  CHECK_FALSE(app::parse_id("1234567"));
  CHECK_FALSE(app::parse_id("../etc"));
}

TEST_CASE("A what-if as written differs from the scenario by nothing; more officers shorten the wait", "[workshop]") {
  ScratchFile file(kScenario);
  const models::Scenario s = models::load_scenario(file.path);
  const models::Scenario same = models::load_what_if(models::ScenarioSource::read(file.path), s.meta.levers, {});
  const models::Scenario more = models::load_what_if(models::ScenarioSource::read(file.path), s.meta.levers, {{0, 1, ""}});
  const models::CaseFlowModel base(s), as_written(same), fewer(more);
  std::vector<models::ReplicationResult> b, w, f;
  for (std::uint64_t r = 0; r < 4; ++r) {
    b.push_back(base.run(r));
    w.push_back(as_written.run(r));
    f.push_back(fewer.run(r));
  }
  const auto none = models::what_if_result(base, b, as_written, w);
  CHECK(none.replications == 4);
  REQUIRE_FALSE(none.headlines.empty());
  for (const auto& h : none.headlines)
    if (h.pairs > 0) CHECK(h.difference == 0);  // common random numbers: the same cases, the same luck
  const auto one_officer = models::what_if_result(base, b, fewer, f);
  const auto* charge = &one_officer.headlines.front();
  for (const auto& h : one_officer.headlines)
    if (h.name == "charges_per_year") charge = &h;
  REQUIRE(charge->name == "charges_per_year");
  // One officer instead of four cannot charge as many cases a year.
  CHECK(charge->verdict == models::Verdict::kWorse);
  CHECK(one_officer.funnel.size() == 4);
  CHECK(one_officer.funnel[0].baseline == Approx(one_officer.funnel[0].what_if));  // same reports
}
