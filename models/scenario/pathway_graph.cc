#include "models/scenario/pathway_graph.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/pending/queue.hpp>
#include <boost/property_map/property_map.hpp>
#include <cmath>
#include <optional>
#include <string_view>

namespace models {
namespace {

constexpr double kSumTolerance = 1e-9;

// At least one "case type" even when a scenario has none, so that default
// probabilities are still checked.
std::size_t type_count(const Scenario& s) {
  return std::max<std::size_t>(1, s.case_types.size());
}

// by_type of the wrong length is reported by check_pathway rather than
// trusted, so reading past it falls back to the default probability.
double probability(const Branch& b, std::size_t type) {
  return type < b.by_type.size() ? b.by_type[type] : b.probability;
}


std::string quoted(const std::string& name) {
  return "'" + name + "'";
}

std::string quoted_list(const Scenario& s, const std::vector<std::size_t>& stages) {
  std::string out;
  for (std::size_t i : stages) {
    if (!out.empty()) out += ", ";
    out += quoted(s.stages[i].name);
  }
  return out;
}

// Edges a case of one type can take.
struct PositiveFor {
  const PathwayGraph* graph = nullptr;
  const Scenario* scenario = nullptr;
  std::size_t type = 0;
  bool operator()(PathwayGraph::edge_descriptor e) const {
    const Stage& from = scenario->stages[boost::source(e, *graph)];
    const PathwayEdge& edge = (*graph)[e];
    const auto& branches = edge.cracked ? from.listing->cracked_branches : from.branches;
    return probability(branches[edge.branch], type) > 0;
  }
};

// Edges some case can take.
struct PositiveForAny {
  const PathwayGraph* graph = nullptr;
  bool operator()(PathwayGraph::edge_descriptor e) const { return (*graph)[e].max_probability > 0; }
};

// The vertices a breadth-first search from `sources` discovers: those left
// non-white. Vertex descriptors are the stage indices (vecS storage), which
// every adaptor used here (filtered, reversed) preserves.
template <class Graph>
std::vector<bool> reached_from(const Graph& g, const std::vector<std::size_t>& sources,
                               std::size_t vertex_count) {
  std::vector<boost::default_color_type> color(vertex_count, boost::white_color);
  auto color_map = boost::make_iterator_property_map(color.begin(), boost::identity_property_map());
  boost::queue<std::size_t> queue;
  boost::breadth_first_visit(g, sources.begin(), sources.end(), queue, boost::default_bfs_visitor(),
                             color_map);
  std::vector<bool> reached(vertex_count);
  for (std::size_t v = 0; v < vertex_count; ++v) reached[v] = color[v] != boost::white_color;
  return reached;
}

void check_branches(const Scenario& s, std::size_t i, std::vector<PathwayProblem>& problems) {
  const Stage& stage = s.stages[i];
  const std::size_t n = s.stages.size();
  const std::string name = quoted(stage.name);
  if (stage.kind == StageKind::kTerminal) {
    if (!stage.branches.empty())
      problems.push_back({i, fmt::format("terminal stage {} has {} branch(es); a case that reaches "
                                         "an outcome goes nowhere else",
                                         name, stage.branches.size())});
    return;
  }
  if (stage.branches.empty()) {
    problems.push_back({i, fmt::format("stage {} has no branches: a case finishing it would have "
                                       "nowhere to go",
                                       name)});
    return;
  }
  bool typed = false;
  for (const Branch& b : stage.branches) {
    const std::string to = b.to < n ? quoted(s.stages[b.to].name) : fmt::format("#{}", b.to);
    if (b.to >= n)
      problems.push_back({i, fmt::format("a branch of {} goes to stage index {}, which does not "
                                         "exist ({} stages)",
                                         name, b.to, n)});
    if (!b.by_type.empty()) {
      typed = true;
      if (b.by_type.size() != s.case_types.size())
        problems.push_back({i, fmt::format("the branch of {} to {} has {} by-type probabilities "
                                           "for {} case types",
                                           name, to, b.by_type.size(), s.case_types.size())});
    }
    if (!(b.probability >= 0 && b.probability <= 1))
      problems.push_back({i, fmt::format("the branch of {} to {} has probability {}, outside "
                                         "[0, 1]",
                                         name, to, b.probability)});
    for (std::size_t t = 0; t < b.by_type.size(); ++t)
      if (!(b.by_type[t] >= 0 && b.by_type[t] <= 1))
        problems.push_back(
            {i, fmt::format("the branch of {} to {} has probability {} for case type {}, outside "
                            "[0, 1]",
                            name, to, b.by_type[t],
                            t < s.case_types.size() ? quoted(s.case_types[t].name)
                                                    : fmt::format("#{}", t))});
  }
  // Without by_type every case type has the same sum: say it once.
  const std::size_t types = typed ? type_count(s) : 1;
  for (std::size_t t = 0; t < types; ++t) {
    double sum = 0;
    for (const Branch& b : stage.branches) sum += probability(b, t);
    if (!(std::abs(sum - 1) <= kSumTolerance)) {
      const std::string which = !typed || s.case_types.empty()
                                    ? std::string(" for every case type")
                                    : " for case type " + quoted(s.case_types[t].name);
      problems.push_back(
          {i, fmt::format("branches of {} sum to {:.12g}{}, expected 1", name, sum, which)});
    }
  }
}

void check_reachable(const Scenario& s, const PathwayGraph& g,
                     std::vector<PathwayProblem>& problems) {
  const std::size_t n = s.stages.size();
  const boost::filtered_graph<PathwayGraph, PositiveForAny> possible(g, PositiveForAny{&g});
  const auto reached = reached_from(possible, {s.entry}, n);
  const auto drawn = reached_from(g, {s.entry}, n);
  for (std::size_t i = 0; i < n; ++i) {
    if (reached[i]) continue;
    problems.push_back(
        {i, fmt::format("stage {} cannot be reached from the entry stage {}{}",
                        quoted(s.stages[i].name), quoted(s.stages[s.entry].name),
                        drawn[i] ? " (only through branches of probability 0)" : "")});
  }
}

// A stage is a trap for a case type when no path of positive-probability
// branches leads from it to a terminal stage: found as the stages a search
// of the reversed graph from every terminal stage does not discover.
void check_can_finish(const Scenario& s, const PathwayGraph& g,
                      std::vector<PathwayProblem>& problems) {
  const std::size_t n = s.stages.size();
  std::vector<std::size_t> terminals;
  for (std::size_t i = 0; i < n; ++i)
    if (s.stages[i].kind == StageKind::kTerminal) terminals.push_back(i);
  std::vector<std::vector<std::size_t>> trapped_types(n);
  for (std::size_t t = 0; t < type_count(s); ++t) {
    const boost::filtered_graph<PathwayGraph, PositiveFor> takeable(g, PositiveFor{&g, &s, t});
    const auto can_finish = reached_from(boost::make_reverse_graph(takeable), terminals, n);
    for (std::size_t i = 0; i < n; ++i)
      if (!can_finish[i] && s.stages[i].kind != StageKind::kTerminal) trapped_types[i].push_back(t);
  }
  for (std::size_t i = 0; i < n; ++i) {
    // A stage with no branches at all is already reported as such.
    if (trapped_types[i].empty() || s.stages[i].branches.empty()) continue;
    const std::size_t t = trapped_types[i].front();
    const boost::filtered_graph<PathwayGraph, PositiveFor> takeable(g, PositiveFor{&g, &s, t});
    const auto closed = reached_from(takeable, {i}, n);
    std::vector<std::size_t> members, dead_ends;
    for (std::size_t j = 0; j < n; ++j) {
      if (!closed[j]) continue;
      members.push_back(j);
      if (boost::out_degree(j, takeable) == 0) dead_ends.push_back(j);
    }
    std::string which;
    if (s.case_types.size() > 1 && trapped_types[i].size() < s.case_types.size()) {
      which = trapped_types[i].size() == 1 ? " for case type " : " for case types ";
      for (std::size_t k = 0; k < trapped_types[i].size(); ++k)
        which += (k ? ", " : "") + quoted(s.case_types[trapped_types[i][k]].name);
    }
    const std::string fate = dead_ends.empty()
                                 ? "loop for ever among " + quoted_list(s, members)
                                 : "end up in " + quoted_list(s, dead_ends) +
                                       (dead_ends.size() == 1 ? ", which has" : ", which have") +
                                       " no branch they can take";
    problems.push_back({i, fmt::format("stage {} cannot reach any outcome{}: cases entering it {}",
                                       quoted(s.stages[i].name), which, fate)});
  }
}

}  // namespace

double branch_max_probability(const Scenario& s, const Branch& b) {
  double m = 0;
  for (std::size_t t = 0; t < type_count(s); ++t)
    if (probability(b, t) > m) m = probability(b, t);
  return m;
}

PathwayGraph make_pathway_graph(const Scenario& scenario) {
  const std::size_t n = scenario.stages.size();
  PathwayGraph g(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& branches = scenario.stages[i].branches;
    for (std::size_t j = 0; j < branches.size(); ++j)
      if (branches[j].to < n)
        boost::add_edge(i, branches[j].to,
                        PathwayEdge{j, false, branch_max_probability(scenario, branches[j])}, g);
    // A trial that cracks leaves by its own branches, only if cracking can happen.
    const auto& listing = scenario.stages[i].listing;
    if (!listing || listing->cracked <= 0) continue;
    for (std::size_t j = 0; j < listing->cracked_branches.size(); ++j) {
      const Branch& b = listing->cracked_branches[j];
      if (b.to < n) boost::add_edge(i, b.to, PathwayEdge{j, true, branch_max_probability(scenario, b)}, g);
    }
  }
  return g;
}

// A stage a case usually leaves at the moment it entered: a decision, or a
// stay whose median length is 0 (a court stage listed in the diary always
// waits for a sitting day).
bool instant(const Stage& st) {
  if (st.kind == StageKind::kDecision) return true;
  if (st.kind == StageKind::kTerminal || st.listing) return false;
  return !(st.duration.quantile(0.5) > 0);
}

// Loops made only of instant stages: a case could go round one any number of
// times without the clock moving (with a probability of staying near 1, for
// days of processor time at one instant of simulated time). Each is reported
// once, at its first stage.
void check_zero_time_loops(const Scenario& s, const PathwayGraph& g,
                           std::vector<PathwayProblem>& problems) {
  const std::size_t n = s.stages.size();
  using Instant = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Instant loops(n);
  bool any = false;
  for (auto [e, end] = boost::edges(g); e != end; ++e) {
    const std::size_t from = boost::source(*e, g), to = boost::target(*e, g);
    if (g[*e].max_probability > 0 && instant(s.stages[from]) && instant(s.stages[to])) {
      boost::add_edge(from, to, loops);
      any = true;
    }
  }
  if (!any) return;
  std::vector<std::size_t> component(n);
  const std::size_t count = boost::strong_components(
      loops, boost::make_iterator_property_map(component.begin(),
                                               boost::get(boost::vertex_index, loops)));
  std::vector<std::vector<std::size_t>> members(count);
  for (std::size_t i = 0; i < n; ++i) members[component[i]].push_back(i);
  for (const auto& m : members) {
    const bool loop = m.size() > 1 || boost::edge(m.front(), m.front(), loops).second;
    if (!loop) continue;
    problems.push_back(
        {m.front(),
         fmt::format("{} loop{} without the clock moving (decisions and stays of median length "
                     "0), so a case could go round {} times at one instant; expected a stage "
                     "that takes time in every loop",
                     m.size() == 1 ? "stage " + quoted(s.stages[m.front()].name)
                                   : "stages " + quoted_list(s, m),
                     m.size() == 1 ? "s to itself" : "",
                     m.size() == 1 ? "it any number of" : "them any number of")});
  }
}

std::vector<PathwayProblem> check_pathway(const Scenario& scenario) {
  const std::size_t n = scenario.stages.size();
  if (n == 0) return {{0, "the pathway has no stages"}};
  std::vector<PathwayProblem> problems;
  for (std::size_t i = 0; i < n; ++i) check_branches(scenario, i, problems);
  const PathwayGraph g = make_pathway_graph(scenario);
  if (scenario.entry < n) {
    check_reachable(scenario, g, problems);
  } else {
    problems.push_back(
        {0, fmt::format("the entry stage index {} does not exist ({} stages)", scenario.entry, n)});
  }
  check_can_finish(scenario, g, problems);
  check_zero_time_loops(scenario, g, problems);
  std::stable_sort(
      problems.begin(), problems.end(),
      [](const PathwayProblem& a, const PathwayProblem& b) { return a.stage < b.stage; });
  return problems;
}

}  // namespace models
