#include "models/pathway_graph.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/pending/queue.hpp>
#include <boost/property_map/property_map.hpp>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>

extern char** environ;  // posix_spawn passes our environment on to `dot`

namespace models {
namespace {

namespace fs = std::filesystem;

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

double max_probability(const Scenario& s, const Branch& b) {
  double m = 0;
  for (std::size_t t = 0; t < type_count(s); ++t)
    if (probability(b, t) > m) m = probability(b, t);
  return m;
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

// A DOT double-quoted string. Backslashes are doubled because Graphviz reads
// label escapes (\n, \l, \N) inside them; a newline becomes the \n escape.
std::string dot_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string dot_label(const std::vector<std::string>& lines) {
  std::string joined;
  for (std::size_t i = 0; i < lines.size(); ++i) joined += (i ? "\n" : "") + lines[i];
  return dot_string(joined);
}

std::string percent(double p) {
  return fmt::format("{:.4g}%", p * 100);
}

const char* node_style(StageKind kind) {
  switch (kind) {
    case StageKind::kWork:
      return "shape=box, style=filled, fillcolor=\"#dbe9f6\"";
    case StageKind::kDelay:
      return "shape=box, style=\"rounded,filled\", fillcolor=\"#f2f2f2\"";
    case StageKind::kDecision:
      return "shape=diamond, style=filled, fillcolor=\"#fff2cc\"";
    case StageKind::kCourt:
      return "shape=box3d, style=filled, fillcolor=\"#e4d7f5\"";
    case StageKind::kTerminal:
      return "shape=ellipse, style=filled, fillcolor=\"#d9ead3\"";
  }
  return "shape=box";
}

std::vector<std::string> stage_lines(const Scenario& s, const Stage& stage) {
  std::vector<std::string> lines{stage.name};
  std::string kind = stage_kind_name(stage.kind);
  if (stage.pool)
    kind += " (" +
            (*stage.pool < s.pools.size() ? s.pools[*stage.pool].name
                                          : fmt::format("pool #{}", *stage.pool)) +
            ")";
  if (stage.listing) kind += " (listed in the court diary)";
  lines.push_back(kind);
  if (stage.listing) {
    lines.push_back("notice " + stage.listing->notice.describe() + " days");
    lines.push_back("sits " + stage.listing->sitting_days.describe() + " days");
    lines.push_back(fmt::format("adjourned {:.0f}% early, {:.0f}% on the day",
                                100 * stage.listing->early_total(),
                                100 * stage.listing->late_total()));
  } else if (stage.kind == StageKind::kWork || stage.kind == StageKind::kDelay ||
             stage.kind == StageKind::kCourt) {
    lines.push_back(stage.duration.describe() + " days");
  }
  if (stage.kind == StageKind::kTerminal) lines.push_back("outcome: " + stage.outcome);
  if (stage.milestone)
    lines.push_back(std::string("milestone: ") + milestone_name(*stage.milestone));
  if (stage.withdrawal_per_year > 0)
    lines.push_back(fmt::format("withdrawal {:.3g}/year", stage.withdrawal_per_year));
  if (stage.priority != 0) lines.push_back(fmt::format("priority {}", stage.priority));
  return lines;
}

// Empty when every case type takes the branch for certain.
std::vector<std::string> branch_lines(const Scenario& s, const Branch& b) {
  bool same = true;
  for (double p : b.by_type) same = same && p == b.by_type.front();
  if (b.by_type.empty() || same) {
    const double p = b.by_type.empty() ? b.probability : b.by_type.front();
    if (p == 1) return {};
    return {percent(p)};
  }
  std::vector<std::string> lines;
  for (std::size_t t = 0; t < b.by_type.size(); ++t)
    lines.push_back((t < s.case_types.size() ? s.case_types[t].name : fmt::format("#{}", t)) +
                    ": " + percent(b.by_type[t]));
  return lines;
}

std::optional<fs::path> find_on_path(const char* program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  std::string_view rest(path);
  while (true) {
    const auto colon = rest.find(':');
    const std::string_view dir = rest.substr(0, colon);
    const fs::path candidate = fs::path(dir.empty() ? "." : std::string(dir)) / program;
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0)
      return candidate;
    if (colon == std::string_view::npos) return std::nullopt;
    rest.remove_prefix(colon + 1);
  }
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

// Runs `program args...` with stderr sent to `messages`; returns the exit
// status, or -1 (with errno set) if it could not be started.
int run(const fs::path& program, const std::vector<std::string>& args, const fs::path& messages) {
  std::vector<std::string> argv_storage{program.filename().string()};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, messages.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    errno = spawned;
    return -1;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace

PathwayGraph make_pathway_graph(const Scenario& scenario) {
  const std::size_t n = scenario.stages.size();
  PathwayGraph g(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& branches = scenario.stages[i].branches;
    for (std::size_t j = 0; j < branches.size(); ++j)
      if (branches[j].to < n)
        boost::add_edge(i, branches[j].to,
                        PathwayEdge{j, false, max_probability(scenario, branches[j])}, g);
    // A trial that cracks leaves by its own branches, only if cracking can happen.
    const auto& listing = scenario.stages[i].listing;
    if (!listing || listing->cracked <= 0) continue;
    for (std::size_t j = 0; j < listing->cracked_branches.size(); ++j) {
      const Branch& b = listing->cracked_branches[j];
      if (b.to < n) boost::add_edge(i, b.to, PathwayEdge{j, true, max_probability(scenario, b)}, g);
    }
  }
  return g;
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
  std::stable_sort(
      problems.begin(), problems.end(),
      [](const PathwayProblem& a, const PathwayProblem& b) { return a.stage < b.stage; });
  return problems;
}

std::string to_dot(const Scenario& scenario) {
  const auto& stages = scenario.stages;
  std::string out = "digraph pathway {\n";
  out += "  graph [rankdir=TB, fontname=\"Helvetica\"";
  if (!scenario.meta.name.empty()) out += ", labelloc=t, label=" + dot_string(scenario.meta.name);
  out += "];\n";
  out += "  node [fontname=\"Helvetica\", fontsize=10];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=9];\n";
  for (std::size_t i = 0; i < stages.size(); ++i) {
    out += fmt::format("  s{} [{}, label={}{}];\n", i, node_style(stages[i].kind),
                       dot_label(stage_lines(scenario, stages[i])),
                       i == scenario.entry ? ", penwidth=2" : "");
  }
  // The entry is drawn as an arrow from a dot, the way a state machine's
  // initial state is; "entry" cannot clash with the s<i> stage identifiers.
  if (scenario.entry < stages.size())
    out += fmt::format(
        "  entry [shape=point, width=0.12, label=\"\"];\n"
        "  entry -> s{} [label=\"report\", penwidth=2];\n",
        scenario.entry);
  for (std::size_t i = 0; i < stages.size(); ++i) {
    for (const Branch& b : stages[i].branches) {
      if (b.to >= stages.size()) continue;
      std::vector<std::string> attributes;
      const auto lines = branch_lines(scenario, b);
      if (!lines.empty()) attributes.push_back("label=" + dot_label(lines));
      if (max_probability(scenario, b) == 0) attributes.push_back("style=dashed");
      std::string list;
      for (std::size_t k = 0; k < attributes.size(); ++k) list += (k ? ", " : "") + attributes[k];
      out += fmt::format("  s{} -> s{}{};\n", i, b.to, list.empty() ? "" : " [" + list + "]");
    }
    const auto& listing = stages[i].listing;
    if (!listing || listing->cracked <= 0) continue;
    for (const Branch& b : listing->cracked_branches) {
      if (b.to >= stages.size()) continue;
      auto lines = branch_lines(scenario, b);
      lines.insert(lines.begin(), fmt::format("cracked {:.0f}%", 100 * listing->cracked));
      out += fmt::format("  s{} -> s{} [style=dashed, color=\"#8a5a00\", label={}];\n", i, b.to,
                         dot_label(lines));
    }
  }
  out += "}\n";
  return out;
}

bool write_svg(const std::string& dot, const std::string& svg_path, std::string* error) {
  auto fail = [error](std::string why) {
    if (error != nullptr) *error = std::move(why);
    return false;
  };
  const auto program = find_on_path("dot");
  if (!program)
    return fail(
        "Graphviz 'dot' was not found on PATH; install graphviz to draw the pathway "
        "(the .dot text can also be rendered elsewhere)");

  // Temporaries sit next to the target so that the final rename stays on one
  // file system and is atomic; pid and counter keep concurrent calls apart.
  static std::atomic<unsigned> counter{0};
  const std::string stem = fmt::format("{}.{}-{}", svg_path, ::getpid(), counter++);
  const fs::path input = stem + ".dot.tmp";
  const fs::path output = stem + ".svg.tmp";
  const fs::path messages = stem + ".err.tmp";
  struct Cleanup {
    std::vector<fs::path> paths;
    ~Cleanup() {
      std::error_code ec;
      for (const auto& p : paths) fs::remove(p, ec);
    }
  } cleanup{{input, output, messages}};

  {
    std::ofstream file(input, std::ios::binary);
    file << dot;
    if (!file.flush()) return fail("cannot write the temporary file " + input.string());
  }
  const int status = run(*program, {"-Tsvg", "-o", output.string(), input.string()}, messages);
  if (status < 0)
    return fail(fmt::format("cannot run {}: {}", program->string(), std::strerror(errno)));
  if (status != 0) {
    const std::string said = read_all(messages);
    return fail(fmt::format("{} failed with exit status {}{}{}", program->string(), status,
                            said.empty() ? "" : ": ", said));
  }
  std::error_code ec;
  fs::rename(output, svg_path, ec);
  if (ec) return fail("cannot move the drawing into place at " + svg_path + ": " + ec.message());
  return true;
}

}  // namespace models
