// The pathway drawn: Graphviz DOT text, and SVG rendered by Graphviz's `dot`.

#include "output/pathway_diagram.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>

#include "models/scenario/pathway_graph.h"

extern char** environ;  // posix_spawn passes our environment on to `dot`

namespace output {
namespace {

namespace fs = std::filesystem;
using models::Branch;
using models::Scenario;
using models::Stage;
using models::StageKind;

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
      if (branch_max_probability(scenario, b) == 0) attributes.push_back("style=dashed");
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

}  // namespace output
