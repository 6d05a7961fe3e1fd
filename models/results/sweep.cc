#include "models/results/sweep.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>
#include <set>

#include "models/engine/case_flow_model.h"
#include "sim/random_stream.h"
#include "sim/replication_runner.h"

namespace models {

namespace {

// A number as typed, and whether it was typed as a whole number ("4", not
// "4.0" or "4e0"), which is how a lever the file lacks is known to be a count.
struct Typed {
  double value = 0;
  bool whole = false;
};

std::optional<Typed> read_number(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  Typed t;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, t.value);
  if (ec != std::errc() || ptr != end || !std::isfinite(t.value)) return std::nullopt;
  t.whole = text.find_first_of(".eE") == std::string_view::npos;
  return t;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  for (std::size_t at = 0;;) {
    const std::size_t next = text.find(sep, at);
    parts.push_back(text.substr(at, next == std::string_view::npos ? text.npos : next - at));
    if (next == std::string_view::npos) return parts;
    at = next + 1;
  }
}

}  // namespace

VariedLever parse_varied_lever(std::string_view text, const ScenarioSource& source) {
  const std::string shown = fmt::format("--vary {}", text);
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0 || text.front() != '/')
    throw ScenarioError({{shown, "",
                          "expected POINTER=LIST, e.g. --vary /resources/courtrooms/count=2,3,4 "
                          "or =2:8:1 (FROM:TO:STEP) or =2:8 (a range)"}});
  VariedLever lever;
  lever.pointer = std::string(text.substr(0, eq));
  auto refuse = [&](const std::string& why) {
    return ScenarioError({{shown, lever.pointer, why}});
  };
  const std::string_view list = text.substr(eq + 1);
  std::vector<Typed> typed;
  const bool range = list.find(':') != std::string_view::npos;
  if (range) {
    const auto parts = split(list, ':');
    std::vector<Typed> n;
    for (auto p : parts) {
      auto t = read_number(p);
      if (!t) throw refuse(fmt::format("'{}' is not a number; expected FROM:TO:STEP or FROM:TO", p));
      n.push_back(*t);
    }
    if (n.size() < 2 || n.size() > 3)
      throw refuse(fmt::format("'{}' has {} parts; expected FROM:TO:STEP or FROM:TO", list,
                               n.size()));
    if (n[1].value < n[0].value)
      throw refuse(fmt::format("runs from {} down to {}; expected FROM <= TO", n[0].value,
                               n[1].value));
    lever.low = n[0].value;
    lever.high = n[1].value;
    typed = {n[0], n[1]};
    if (n.size() == 3) {
      if (!(n[2].value > 0)) throw refuse(fmt::format("step {} is not > 0", n[2].value));
      const double steps = std::floor((n[1].value - n[0].value) / n[2].value + 1e-9);
      if (steps + 1 > static_cast<double>(kMaxSweepValues))
        throw refuse(fmt::format("gives {} values; expected at most {}", steps + 1,
                                 kMaxSweepValues));
      for (double i = 0; i <= steps; ++i) {
        // Computed from FROM each time, so 0.1 steps do not drift.
        const double v = n[0].value + i * n[2].value;
        lever.values.push_back(std::fabs(v) < 1e-12 ? 0 : v);
      }
      typed.push_back(n[2]);
    }
  } else {
    for (auto p : split(list, ',')) {
      auto t = read_number(p);
      if (!t)
        throw refuse(fmt::format("'{}' is not a number; expected a list such as 1,2,4,8", p));
      typed.push_back(*t);
      lever.values.push_back(t->value);
    }
    if (lever.values.size() > kMaxSweepValues)
      throw refuse(fmt::format("has {} values; expected at most {}", lever.values.size(),
                               kMaxSweepValues));
    lever.low = *std::min_element(lever.values.begin(), lever.values.end());
    lever.high = *std::max_element(lever.values.begin(), lever.values.end());
  }

  // A count when every value is typed whole and the file holds a whole
  // number there (or nothing yet). A fraction typed for a count is left for
  // the loader to refuse, naming the pointer, like any --set.
  const bool typed_whole =
      std::all_of(typed.begin(), typed.end(), [](const Typed& t) { return t.whole; });
  if (const auto at = source.value_at(lever.pointer)) {
    if (!at->number)
      throw refuse(fmt::format("{} holds {}; expected a pointer to a number to vary", source.name(),
                               at->json));
    lever.whole = at->whole && typed_whole;
  } else {
    lever.whole = typed_whole;
  }
  return lever;
}

std::vector<std::vector<double>> grid_points(const std::vector<VariedLever>& levers) {
  std::vector<std::vector<double>> points{{}};
  for (const auto& lever : levers) {
    std::vector<std::vector<double>> next;
    for (const auto& p : points)
      for (double v : lever.values) {
        next.push_back(p);
        next.back().push_back(v);
      }
    points = std::move(next);
  }
  return points;
}

std::vector<std::vector<double>> latin_hypercube(const std::vector<VariedLever>& levers,
                                                 std::size_t n, std::uint64_t seed) {
  std::vector<std::vector<double>> points(n, std::vector<double>(levers.size()));
  for (std::size_t l = 0; l < levers.size(); ++l) {
    // Its own stream per lever, so adding a lever leaves the others' strata.
    sim::RandomStream rng(seed, 0, l, 0x5eeb);
    std::vector<std::size_t> strata(n);
    for (std::size_t i = 0; i < n; ++i) strata[i] = i;
    for (std::size_t i = n; i > 1; --i)  // Fisher-Yates, from our own stream
      std::swap(strata[i - 1], strata[static_cast<std::size_t>(rng.uniform() * static_cast<double>(i))]);
    const auto& lever = levers[l];
    for (std::size_t i = 0; i < n; ++i) {
      const double u = (static_cast<double>(strata[i]) + rng.uniform()) / static_cast<double>(n);
      double v = lever.low + u * (lever.high - lever.low);
      if (lever.whole) v = std::clamp(std::round(v), lever.low, lever.high);
      points[i][l] = v;
    }
  }
  return points;
}

std::vector<LeverSetting> point_settings(const std::vector<LeverSetting>& base,
                                         const std::vector<VariedLever>& levers,
                                         const std::vector<double>& values) {
  std::vector<LeverSetting> settings = base;
  for (std::size_t l = 0; l < levers.size(); ++l)
    settings.push_back(LeverSetting::set_number(levers[l].pointer, values[l]));
  return settings;
}

std::vector<RunSummary> run_points(const ScenarioSource& source,
                                   const std::vector<LeverSetting>& base,
                                   const std::vector<VariedLever>& levers,
                                   const std::vector<std::vector<double>>& points,
                                   const PointRunOptions& options,
                                   const std::function<void(std::size_t)>& on_done) {
  // Scenarios are held by pointer: each model refers to its scenario.
  std::vector<std::unique_ptr<Scenario>> scenarios;
  std::vector<Diagnostic> problems;
  std::set<std::string> seen;  // one message for a problem every point shares
  for (std::size_t p = 0; p < points.size(); ++p) {
    try {
      auto s = std::make_unique<Scenario>(source.load(point_settings(base, levers, points[p])));
      s->meta.replications = options.replications;
      s->meta.seed = options.independent_seeds ? options.seed + p : options.seed;
      scenarios.push_back(std::move(s));
    } catch (const ScenarioError& e) {
      for (const auto& d : e.problems())
        if (seen.insert(d.to_string()).second) problems.push_back(d);
    }
  }
  if (!problems.empty()) throw ScenarioError(std::move(problems));

  // Point after point, each point's replications spread over the threads:
  // memory holds one point's replications, not the whole sweep's.
  const auto reps = static_cast<std::size_t>(options.replications);
  std::vector<RunSummary> summaries;
  for (std::size_t p = 0; p < points.size(); ++p) {
    const CaseFlowModel model(*scenarios[p]);
    const auto results = sim::run_replications<ReplicationResult>(
        reps, options.threads,
        [&](std::size_t r) {
          RunOptions ro;
          ro.keep_weeks = false;
          ReplicationResult result = model.run(r, ro);
          for (const auto& d : result.delays) d.median();  // sorts on the worker, as `run` does
          return result;
        },
        [&](std::size_t done) { on_done(p * reps + done); });
    summaries.push_back(summarise(model, results));
  }
  return summaries;
}

}  // namespace models
