#include "models/scenario/pathway_graph.h"
#include "output/pathway_diagram.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/pathway_builder.h"

namespace {

using casesim_test::decision;
using casesim_test::delay;
using casesim_test::marked;
using casesim_test::pathway;
using casesim_test::terminal;
using casesim_test::to;
using casesim_test::to_by_type;
using casesim_test::work;
using models::check_pathway;
using models::Milestone;
using models::PathwayProblem;
using models::StageKind;
using sim::Distribution;

// report -> investigation -> charge decision -> (half) trial -> convicted / acquitted
//                                             -> (half) police NFA
models::Scenario valid_pathway() {
  auto s = pathway({
      work("investigation", Distribution::exponential(90), {to(1)}, 0.2),  // 0
      decision("charge_decision", {to(2, 0.5), to(3, 0.5)}),               // 1
      marked(delay("awaiting_trial", Distribution::lognormal_from_median_p90(300, 600),
                   {to(4, 0.7), to(5, 0.3)}),
             Milestone::kCharge),            // 2
      terminal("police_nfa", "police_nfa"),  // 3
      terminal("convicted", "convicted"),    // 4
      terminal("acquitted", "acquitted"),    // 5
  });
  return s;
}

std::vector<std::string> messages(const std::vector<PathwayProblem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.message);
  return out;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a valid pathway has no problems", "[pathway]") {
  CHECK(messages(check_pathway(valid_pathway())).empty());
}

TEST_CASE("the graph has a vertex per stage and an edge per branch", "[pathway]") {
  const auto g = models::make_pathway_graph(valid_pathway());
  CHECK(boost::num_vertices(g) == 6);
  CHECK(boost::num_edges(g) == 5);
  CHECK(boost::out_degree(1, g) == 2);
  CHECK(boost::in_degree(4, g) == 1);
}

TEST_CASE("a stage no case can reach is reported", "[pathway]") {
  auto s = valid_pathway();
  s.stages.push_back(delay("orphan", Distribution::fixed(5), {to(3)}));
  const auto problems = check_pathway(s);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].stage == 6);
  CHECK(problems[0].message ==
        "stage 'orphan' cannot be reached from the entry stage 'investigation'");
}

TEST_CASE("a stage reached only through branches of probability 0 is unreachable", "[pathway]") {
  auto s = valid_pathway();
  s.stages[1].branches = {to(2, 1), to(3, 0)};
  const auto problems = check_pathway(s);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].stage == 3);
  CHECK(contains(problems[0].message, "cannot be reached"));
  CHECK(contains(problems[0].message, "only through branches of probability 0"));
}

TEST_CASE("a loop with no way out is reported for every stage in it", "[pathway]") {
  // 0 -> (half) 1 <-> 2, (half) 3: cases entering 1 or 2 never finish.
  auto s = pathway({
      decision("triage", {to(1, 0.5), to(3, 0.5)}),
      delay("a", Distribution::exponential(10), {to(2)}),
      delay("b", Distribution::exponential(10), {to(1)}),
      terminal("done", "done"),
  });
  const auto problems = check_pathway(s);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].stage == 1);
  CHECK(problems[0].message ==
        "stage 'a' cannot reach any outcome: cases entering it loop for ever among 'a', 'b'");
  CHECK(problems[1].stage == 2);
  CHECK(problems[1].message ==
        "stage 'b' cannot reach any outcome: cases entering it loop for ever among 'a', 'b'");
}

TEST_CASE("a loop whose only exit has probability 0 is a trap", "[pathway]") {
  auto s = pathway({
      delay("a", Distribution::exponential(10), {to(1)}),
      decision("review", {to(0, 1), to(2, 0)}),
      terminal("done", "done"),
  });
  const auto m = messages(check_pathway(s));
  // 'done' is unreachable too: the only branch into it is never taken.
  REQUIRE(m.size() == 3);
  CHECK(contains(m[0], "stage 'a' cannot reach any outcome"));
  CHECK(contains(m[1], "stage 'review' cannot reach any outcome"));
  CHECK(contains(m[2], "stage 'done' cannot be reached"));
}

TEST_CASE("a trap for one case type names that type", "[pathway]") {
  auto s = pathway({
      delay("a", Distribution::exponential(10), {to(1)}),
      decision("review", {to_by_type(0, {0.2, 1}), to_by_type(2, {0.8, 0})}),
      terminal("done", "done"),
  });
  s.case_types = {casesim_test::case_type("stranger", 0.5),
                  casesim_test::case_type("partner", 0.5)};
  const auto m = messages(check_pathway(s));
  REQUIRE(m.size() == 2);
  CHECK(m[0] ==
        "stage 'a' cannot reach any outcome for case type 'partner': cases entering it loop for "
        "ever among 'a', 'review'");
}

TEST_CASE("a path into a stage with no branches is reported as a dead end", "[pathway]") {
  auto s = pathway({
      decision("triage", {to(1, 0.5), to(2, 0.5)}),
      delay("stuck", Distribution::fixed(3), {}),
      terminal("done", "done"),
  });
  const auto m = messages(check_pathway(s));
  REQUIRE(m.size() == 1);
  CHECK(m[0] == "stage 'stuck' has no branches: a case finishing it would have nowhere to go");

  s.stages.insert(s.stages.begin() + 1, delay("before", Distribution::fixed(1), {to(2)}));
  s.stages[0].branches = {to(1, 0.5), to(3, 0.5)};
  const auto m2 = messages(check_pathway(s));
  REQUIRE(m2.size() == 2);
  CHECK(m2[0] ==
        "stage 'before' cannot reach any outcome: cases entering it end up in 'stuck', which has "
        "no branch they can take");
  CHECK(contains(m2[1], "stage 'stuck' has no branches"));
}

TEST_CASE("branches that do not sum to 1 are reported", "[pathway]") {
  auto s = valid_pathway();
  s.stages[1].branches = {to(2, 0.5), to(3, 0.4)};
  const auto problems = check_pathway(s);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].stage == 1);
  CHECK(problems[0].message ==
        "branches of 'charge_decision' sum to 0.9 for every case type, expected 1");
}

TEST_CASE("branch sums are checked for each case type", "[pathway]") {
  auto s = valid_pathway();
  s.case_types = {casesim_test::case_type("stranger", 0.4),
                  casesim_test::case_type("partner", 0.6)};
  s.stages[1].branches = {to_by_type(2, {0.5, 0.5}), to_by_type(3, {0.5, 0.4})};
  const auto m = messages(check_pathway(s));
  REQUIRE(m.size() == 1);
  CHECK(m[0] == "branches of 'charge_decision' sum to 0.9 for case type 'partner', expected 1");

  // Within the tolerance of 1e-9 is a sum of 1.
  s.stages[1].branches = {to(2, 0.1), to(2, 0.2), to(3, 0.7 + 5e-10)};
  CHECK(check_pathway(s).empty());
}

TEST_CASE("malformed branches are reported", "[pathway]") {
  auto s = valid_pathway();
  s.stages[4].branches = {to(0)};             // a terminal stage with a branch
  s.stages[2].branches.push_back(to(17, 0));  // a stage that does not exist
  s.stages[1].branches = {to(2, 1.5), to(3, -0.5)};
  const auto m = messages(check_pathway(s));
  REQUIRE(m.size() == 5);
  CHECK(m[0] ==
        "the branch of 'charge_decision' to 'awaiting_trial' has probability 1.5, outside "
        "[0, 1]");
  CHECK(m[1] ==
        "the branch of 'charge_decision' to 'police_nfa' has probability -0.5, outside "
        "[0, 1]");
  CHECK(m[2] ==
        "a branch of 'awaiting_trial' goes to stage index 17, which does not exist (6 "
        "stages)");
  // A negative probability is a branch no case takes.
  CHECK(contains(m[3], "stage 'police_nfa' cannot be reached"));
  CHECK(m[4] ==
        "terminal stage 'convicted' has 1 branch(es); a case that reaches an outcome goes "
        "nowhere else");
}

TEST_CASE("DOT output has every stage and branch, shaped by kind", "[pathway]") {
  auto s = valid_pathway();
  s.meta.name = "a \"quoted\" name";
  s.stages[5].outcome = "acquitted \\ \"not guilty\"";
  const std::string dot = output::to_dot(s);
  INFO(dot);
  CHECK(dot.rfind("digraph pathway {", 0) == 0);
  for (const auto& stage : s.stages) CHECK(contains(dot, "label=\"" + stage.name + "\\n"));
  CHECK(contains(dot, "s0 -> s1;"));
  CHECK(contains(dot, "s1 -> s2 [label=\"50%\"]"));
  CHECK(contains(dot, "s1 -> s3 [label=\"50%\"]"));
  CHECK(contains(dot, "s2 -> s4 [label=\"70%\"]"));
  CHECK(contains(dot, "s2 -> s5 [label=\"30%\"]"));
  CHECK(contains(dot, "entry -> s0"));
  CHECK(contains(dot, "s0 [shape=box, style=filled"));
  CHECK(contains(dot, "s1 [shape=diamond"));
  CHECK(contains(dot, "s2 [shape=box, style=\"rounded,filled\""));
  CHECK(contains(dot, "s4 [shape=ellipse"));
  CHECK(contains(dot, "work (officers)\\nexponential(mean 90) days\\nwithdrawal 0.2/year"));
  CHECK(contains(dot, "milestone: charge"));
  CHECK(contains(dot, "label=\"a \\\"quoted\\\" name\""));
  CHECK(contains(dot, "outcome: acquitted \\\\ \\\"not guilty\\\""));
}

TEST_CASE("DOT labels by-type branches with each type's probability", "[pathway]") {
  auto s = valid_pathway();
  s.case_types = {casesim_test::case_type("stranger", 0.4),
                  casesim_test::case_type("partner", 0.6)};
  s.stages[1].branches = {to_by_type(2, {0.6, 0.25}), to_by_type(3, {0.4, 0.75})};
  const std::string dot = output::to_dot(s);
  CHECK(contains(dot, "s1 -> s2 [label=\"stranger: 60%\\npartner: 25%\"]"));
}

TEST_CASE("write_svg renders with Graphviz or says why not", "[pathway]") {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("casesim_svg_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string svg = (dir / "pathway.svg").string();
  std::string error;

  SECTION("without dot on PATH") {
    const char* old = std::getenv("PATH");
    const std::string saved = old ? old : "";
    ::setenv("PATH", dir.c_str(), 1);
    const bool ok = output::write_svg(output::to_dot(valid_pathway()), svg, &error);
    ::setenv("PATH", saved.c_str(), 1);
    CHECK_FALSE(ok);
    CHECK(contains(error, "'dot' was not found"));
    CHECK_FALSE(fs::exists(svg));
  }
  SECTION("with dot, if installed") {
    if (::access("/usr/bin/dot", X_OK) != 0) {
      WARN("Graphviz is not installed; skipping the rendering check");
    } else {
      REQUIRE(output::write_svg(output::to_dot(valid_pathway()), svg, &error));
      std::ifstream in(svg);
      std::stringstream text;
      text << in.rdbuf();
      CHECK(contains(text.str(), "<svg"));
      CHECK(contains(text.str(), "charge_decision"));
      // A syntax error is reported, and leaves neither drawing nor temporaries.
      fs::remove(svg);
      CHECK_FALSE(output::write_svg("digraph {", svg, &error));
      CHECK(contains(error, "failed"));
      CHECK(fs::is_empty(dir));
    }
  }
  fs::remove_all(dir);
}
