// Levers: --set and --scale applied to the merged document and checked like
// the file itself.

#include "models/scenario/lever_setting.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "models/scenario/scenario_loader.h"

namespace {

const char* kLevers = R"({
  "meta": {"name": "levers", "start_date": "2027-01-04", "horizon_days": 400, "seed": 1},
  "arrivals": {"reports_per_year": 100},
  "case_types": {"adult": {"share": 1}},
  "resources": {"officers": {"count": 5}},
  "pathway": {"entry": "investigation", "stages": {
    "investigation": {"kind": "work", "pool": "officers",
                      "duration": {"lognormal": {"median": 100, "p90": 200}}, "next": "decision"},
    "decision": {"kind": "decision", "branches": [{"to": "charged", "probability": 0.5},
                                                  {"to": "nfa", "probability": 0.5}]},
    "charged": {"kind": "terminal", "outcome": "convicted"},
    "nfa": {"kind": "terminal", "outcome": "cps_nfa"}}}
})";

using models::LeverMove;
using models::LeverSetting;

std::vector<models::Diagnostic> problems_of(const std::vector<LeverSetting>& settings) {
  try {
    models::ScenarioSource::from_text(kLevers, "levers.json").load(settings);
  } catch (const models::ScenarioError& e) {
    return e.problems();
  }
  return {};
}

}  // namespace

TEST_CASE("a --set replaces the value at its pointer and is recorded in the scenario",
          "[scenario][levers]") {
  const auto source = models::ScenarioSource::from_text(kLevers, "levers.json");
  const std::vector<LeverSetting> settings{
      models::parse_lever_setting("/resources/officers/count=9", LeverMove::kSet),
      models::parse_lever_setting("/meta/name=Nine officers", LeverMove::kSet)};
  const auto s = source.load(settings);
  REQUIRE(s.pools[0].count == 9);
  REQUIRE(s.meta.name == "Nine officers");  // bare words are a string
  REQUIRE(s.meta.lever_settings == settings);
  // The source itself is unchanged: the next load starts from the file.
  const auto again = source.load();
  REQUIRE(again.pools[0].count == 5);
  REQUIRE(again.meta.lever_settings.empty());
}

TEST_CASE("a --set may give an optional key its parent does not have yet", "[scenario][levers]") {
  const auto s = models::ScenarioSource::from_text(kLevers).load(
      {models::parse_lever_setting("/arrivals/growth_per_year=0.1", LeverMove::kSet)});
  REQUIRE(s.arrivals.growth_per_year == 0.1);
}

TEST_CASE("a --set to null removes the key, as extends does, and only a key that is there",
          "[scenario][levers]") {
  const auto source = models::ScenarioSource::from_text(kLevers, "levers.json");
  const auto grown = source.load(
      {models::parse_lever_setting("/arrivals/growth_per_year=0.1", LeverMove::kSet),
       models::parse_lever_setting("/arrivals/growth_per_year=null", LeverMove::kSet)});
  REQUIRE(grown.arrivals.growth_per_year == 0);  // back to the default
  std::vector<models::Diagnostic> p;
  try {
    source.load({models::parse_lever_setting("/arrivals/growth_per_yaer=null", LeverMove::kSet)});
  } catch (const models::ScenarioError& e) {
    p = e.problems();
  }
  REQUIRE(p.size() == 1);
  CHECK(p[0].message.find("has no 'growth_per_yaer'") != std::string::npos);
  p.clear();
  try {
    source.load({models::parse_lever_setting("/pathway/stages/decision/branches/0=null",
                                             LeverMove::kSet)});
  } catch (const models::ScenarioError& e) {
    p = e.problems();
  }
  REQUIRE(!p.empty());
  CHECK(p[0].message.find("null removes a key of an object") != std::string::npos);
}

TEST_CASE("a --scale multiplies every number under its pointer and keeps counts whole",
          "[scenario][levers]") {
  const auto s = models::ScenarioSource::from_text(kLevers).load(
      {models::parse_lever_setting("/pathway/stages/investigation/duration=1.5", LeverMove::kScale),
       models::parse_lever_setting("/resources/officers/count=1.25", LeverMove::kScale)});
  const auto& d = s.stages[*s.stage_index("investigation")].duration;
  REQUIRE(d.quantile(0.5) == Approx(150));
  REQUIRE(d.quantile(0.9) == Approx(300));
  REQUIRE(s.pools[0].count == 6);  // 6.25 rounded: still a count
}

TEST_CASE("settings apply in order, each on what the one before left", "[scenario][levers]") {
  const auto s = models::ScenarioSource::from_text(kLevers).load(
      {models::parse_lever_setting("/resources/officers/count=4", LeverMove::kSet),
       models::parse_lever_setting("/resources/officers/count=2", LeverMove::kScale)});
  REQUIRE(s.pools[0].count == 8);
}

TEST_CASE("a bad --set or --scale names its pointer and what was expected", "[scenario][levers]") {
  SECTION("a pointer that leads nowhere suggests the near name") {
    const auto p =
        problems_of({models::parse_lever_setting("/resources/oficers/count=9", LeverMove::kSet)});
    REQUIRE(p.size() == 1);
    REQUIRE(p[0].file == "levers.json");
    REQUIRE(p[0].pointer == "/resources/oficers/count");
    REQUIRE(p[0].message ==
            "--set /resources/oficers/count=9: /resources has no 'oficers' (did you mean "
            "'officers'?); expected a pointer to a value in the scenario (after extends)");
  }
  SECTION("a pointer into a number") {
    const auto p =
        problems_of({models::parse_lever_setting("/arrivals/reports_per_year/x=1", LeverMove::kSet)});
    REQUIRE(p.size() == 1);
    REQUIRE(p[0].message.find("/arrivals/reports_per_year is a number 100, which has no 'x'") !=
            std::string::npos);
  }
  SECTION("a value of the wrong type is refused by the file's own check, naming the setting") {
    const auto p =
        problems_of({models::parse_lever_setting("/resources/officers/count=many", LeverMove::kSet)});
    REQUIRE(p.size() == 1);
    REQUIRE(p[0].pointer == "/resources/officers/count");
    REQUIRE(p[0].message.find("expected a whole number") != std::string::npos);
    REQUIRE(p[0].message.find("(moved by --set /resources/officers/count=\"many\")") !=
            std::string::npos);
  }
  SECTION("a value out of range") {
    const auto p = problems_of(
        {models::parse_lever_setting("/arrivals/reports_per_year=-3", LeverMove::kSet)});
    REQUIRE(p.size() == 1);
    REQUIRE(p[0].pointer == "/arrivals/reports_per_year");
    REQUIRE(p[0].message.find("-3 is out of range") != std::string::npos);
  }
  SECTION("a move that breaks a rule elsewhere: branch probabilities no longer sum to 1") {
    const auto p = problems_of({models::parse_lever_setting(
        "/pathway/stages/decision/branches/0/probability=0.7", LeverMove::kSet)});
    REQUIRE_FALSE(p.empty());
    REQUIRE(p[0].pointer.rfind("/pathway/stages/decision", 0) == 0);
  }
  SECTION("a --scale over no number") {
    const auto p = problems_of({models::parse_lever_setting("/meta/name=2", LeverMove::kScale)});
    REQUIRE(p.size() == 1);
    REQUIRE(p[0].message == "--scale /meta/name=2: \"levers\" has no number to multiply; "
                            "expected a number or an object of numbers");
  }
  SECTION("every problem is reported at once") {
    const auto p = problems_of(
        {models::parse_lever_setting("/nowhere=1", LeverMove::kSet),
         models::parse_lever_setting("/arrivals/reports_per_year=0", LeverMove::kSet)});
    REQUIRE(p.size() == 2);
    REQUIRE(p[0].pointer == "/nowhere");
    REQUIRE(p[1].pointer == "/arrivals/reports_per_year");
  }
}

TEST_CASE("a malformed setting is refused before any scenario is read", "[scenario][levers]") {
  auto message = [](const char* text, LeverMove move) {
    try {
      models::parse_lever_setting(text, move);
    } catch (const models::ScenarioError& e) {
      return e.problems().at(0).to_string();
    }
    return std::string("accepted");
  };
  REQUIRE(message("resources/x=1", LeverMove::kSet) ==
          "--set resources/x=1: resources/x: expected a JSON pointer starting with '/', e.g. "
          "/resources/courtrooms/count");
  REQUIRE(message("/a", LeverMove::kSet) ==
          "--set /a: expected POINTER=VALUE, e.g. --set /resources/courtrooms/count=4");
  REQUIRE(message("/a=", LeverMove::kSet).find("expected JSON") != std::string::npos);
  REQUIRE(message("/a=x", LeverMove::kScale) ==
          "--scale /a=x: /a: 'x' is not a number; expected a factor such as 1.25");
  REQUIRE(message("/a~2=1", LeverMove::kSet).find("'~' in a JSON pointer") != std::string::npos);
  REQUIRE(message("/a={\"b\": 1}", LeverMove::kSet) == "accepted");
}

TEST_CASE("a numeric setting is written as JSON a count reads back", "[scenario][levers]") {
  REQUIRE(LeverSetting::set_number("/a", 4).value == "4");
  REQUIRE(LeverSetting::set_number("/a", 0.1).value == "0.1");
  REQUIRE(LeverSetting::set_number("/a", -2.5).to_string() == "--set /a=-2.5");
}

TEST_CASE("a source tells a count from a continuous value", "[scenario][levers]") {
  const auto source = models::ScenarioSource::from_text(kLevers);
  const auto count = source.value_at("/resources/officers/count");
  REQUIRE(count);
  REQUIRE(count->whole);
  REQUIRE(count->as_number == 5);
  const auto p = source.value_at("/pathway/stages/decision/branches/0/probability");
  REQUIRE(p);
  REQUIRE(p->number);
  REQUIRE_FALSE(p->whole);
  REQUIRE(source.value_at("/meta/name")->json == "\"levers\"");
  REQUIRE_FALSE(source.value_at("/nowhere"));
}

TEST_CASE("a setting may take a value outside a workshop lever's range: the range speaks of the "
          "file as written",
          "[lever]") {
  // force-example's courtroom lever runs from 2 to 10; a sweep from 1 must load.
  const std::string file = std::string(CASESIM_SOURCE_DIR) + "/scenarios/force-example.json";
  const auto s = models::load_scenario(
      file, {models::LeverSetting::set_number("/resources/courtrooms/count", 1)});
  bool found = false;
  for (const auto& p : s.pools)
    if (p.name == "courtrooms") found = p.count == 1;
  REQUIRE(found);
}
