#include "models/fit/extract_fit.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <set>

#include "sim/calendar.h"

namespace models {

namespace {

constexpr double kZ95 = 1.959963984540054;

std::size_t index(Milestone m) { return static_cast<std::size_t>(m); }

std::string column_name(Milestone m) { return fmt::format("{}_date", milestone_name(m)); }

// The extract as it stood at the end of the as-of date: later dates have not
// happened yet, so a case completed after it is open.
ExtractRow as_of(ExtractRow row, Date day) {
  for (auto& d : row.date)
    if (d && *d > day) d.reset();
  if (!row.date[index(Milestone::kCompletion)]) row.outcome.clear();
  return row;
}

enum class Leaving { kNotThere, kReached, kEnded, kWithdrawn, kOpen, kSkipped };

struct Status {
  Leaving how = Leaving::kNotThere;
  long days = 0;  // from `from` to the day it left, or to the as-of date if open
};

// How a case left the interval from `from` to `to` (see extract_fit.h).
// `later` are the milestones after `to` that the extract has a column for.
Status status(const ExtractRow& r, Milestone from, Milestone to,
              const std::vector<Milestone>& later, const std::string& withdrawal, Date day) {
  const auto& start = r.date[index(from)];
  if (!start) return {};
  auto since = [&](Date d) { return static_cast<long>((d - *start).count()); };
  if (to != Milestone::kCompletion) {
    if (const auto& end = r.date[index(to)]) return {Leaving::kReached, since(*end)};
    for (Milestone m : later)
      if (m != Milestone::kCompletion && r.date[index(m)]) return {Leaving::kSkipped, 0};
  }
  if (!r.open()) {
    const long days = since(*r.date[index(Milestone::kCompletion)]);
    return {r.outcome == withdrawal ? Leaving::kWithdrawn : Leaving::kEnded, days};
  }
  return {Leaving::kOpen, since(day)};
}

// ---- the pathway between two milestones ----------------------------------------------

std::vector<std::size_t> markers(const Scenario& s, Milestone m) {
  std::vector<std::size_t> out;
  if (m == Milestone::kReport) return {s.entry};
  for (std::size_t i = 0; i < s.stages.size(); ++i) {
    const Stage& st = s.stages[i];
    if (m == Milestone::kCompletion ? st.kind == StageKind::kTerminal : st.milestone == m)
      out.push_back(i);
  }
  return out;
}

bool takes_time(const Stage& st) {
  return st.kind == StageKind::kWork || st.kind == StageKind::kDelay ||
         st.kind == StageKind::kCourt;
}

std::vector<std::size_t> successors(const Stage& st) {
  std::vector<std::size_t> out;
  for (const Branch& b : st.branches) out.push_back(b.to);
  if (st.listing)
    for (const Branch& b : st.listing->cracked_branches) out.push_back(b.to);
  return out;
}

// The stages a case can pass through after marking `from` and before
// marking `to`: a walk that stops at stages marking `to`, at outcomes and at
// stages marking any other milestone.
struct Region {
  std::vector<std::size_t> timed;       // stages taking time, in walk order
  std::vector<std::size_t> other;       // stages marking another milestone
  std::set<std::size_t> seen;
  bool reaches_to = false;
  bool reaches_exit = false;            // `to`, or an outcome
};

Region walk(const Scenario& s, Milestone from, Milestone to, std::vector<std::size_t> start,
            std::optional<std::size_t> blocked = std::nullopt) {
  Region r;
  std::deque<std::size_t> queue(start.begin(), start.end());
  const auto from_markers = markers(s, from);
  while (!queue.empty()) {
    const std::size_t i = queue.front();
    queue.pop_front();
    if (i == blocked || !r.seen.insert(i).second) continue;
    const Stage& st = s.stages[i];
    if (st.kind == StageKind::kTerminal) {
      r.reaches_exit = true;
      r.reaches_to = r.reaches_to || to == Milestone::kCompletion;
      continue;
    }
    if (st.milestone == to) {
      r.reaches_to = r.reaches_exit = true;
      // A listed hearing marks its milestone when it starts, so the wait for
      // the diary falls inside the interval.
      if (st.listing) r.timed.push_back(i);
      continue;
    }
    const bool marks_from = std::find(from_markers.begin(), from_markers.end(), i) !=
                            from_markers.end();
    if (st.milestone && !marks_from) {
      r.other.push_back(i);
      continue;
    }
    if (takes_time(st)) r.timed.push_back(i);
    for (std::size_t next : successors(st)) queue.push_back(next);
  }
  return r;
}

std::string quoted_names(const Scenario& s, const std::vector<std::size_t>& stages) {
  std::vector<std::string> names;
  for (std::size_t i : stages) names.push_back(fmt::format("'{}'", s.stages[i].name));
  return fmt::format("{}", fmt::join(names, ", "));
}

// The one timed stage the interval is, or why there is none.
std::optional<std::size_t> map_interval(const Scenario& s, Milestone from, Milestone to,
                                        std::string& why) {
  const char* a = milestone_name(from);
  const char* b = milestone_name(to);
  const auto start = markers(s, from);
  if (start.empty()) {
    why = fmt::format("no stage of the scenario marks {}", a);
    return std::nullopt;
  }
  if (markers(s, to).empty()) {
    why = fmt::format("no stage of the scenario marks {}", b);
    return std::nullopt;
  }
  const Region r = walk(s, from, to, start);
  if (!r.reaches_to) {
    why = fmt::format("the scenario's pathway has no way from {} to {}", a, b);
    return std::nullopt;
  }
  if (!r.other.empty()) {
    why = fmt::format("cases can reach {} ({}) from {} without {}",
                      milestone_name(*s.stages[r.other.front()].milestone),
                      quoted_names(s, {r.other.front()}), a, b);
    return std::nullopt;
  }
  if (r.timed.empty()) {
    why = fmt::format("no stage between {} and {} takes time in the scenario", a, b);
    return std::nullopt;
  }
  if (r.timed.size() > 1) {
    why = fmt::format(
        "{} stages take time between {} and {} ({}); one fitted duration cannot be split "
        "among them",
        r.timed.size(), a, b, quoted_names(s, r.timed));
    return std::nullopt;
  }
  const std::size_t x = r.timed.front();
  if (s.stages[x].listing) {
    why = fmt::format(
        "'{}' is listed in the court diary: its time comes from the listing (notice, free "
        "sitting days, adjournments), not from one duration",
        s.stages[x].name);
    return std::nullopt;
  }
  if (walk(s, from, to, start, x).reaches_exit) {
    why = fmt::format("some cases go from {} to {} or to an outcome without passing '{}'", a, b,
                      s.stages[x].name);
    return std::nullopt;
  }
  if (walk(s, from, to, successors(s.stages[x])).seen.contains(x)) {
    why = fmt::format("cases can pass through '{}' more than once (a loop), so the interval is "
                      "not one draw of its duration",
                      s.stages[x].name);
    return std::nullopt;
  }
  return x;
}

// The branching stage after `x` and the exit each of its branches shows up
// as in the extract; fills `m.branches` or `m.mapping`.
void map_branches(const Scenario& s, std::size_t x, MilestoneBranches& m) {
  const Stage& timed = s.stages[x];
  std::size_t d = x;
  if (timed.branches.size() == 1) {
    const std::size_t next = timed.branches.front().to;
    if (s.stages[next].kind != StageKind::kDecision) {
      m.mapping = fmt::format("every case leaving '{}' goes on to '{}': no branch to estimate",
                              timed.name, s.stages[next].name);
      return;
    }
    d = next;
  }
  const Stage& decision = s.stages[d];
  std::map<std::string, std::size_t> count;
  for (const auto& e : m.exits) count[e.name] = e.share.count;
  std::vector<BranchEstimate> out;
  std::set<std::string> labels;
  for (const Branch& b : decision.branches) {
    const Stage& target = s.stages[b.to];
    std::string label;
    if (target.kind == StageKind::kTerminal)
      label = target.outcome;
    else if (m.next != Milestone::kCompletion && target.milestone == m.next)
      label = milestone_name(m.next);
    else {
      m.mapping = fmt::format("the branch of '{}' to '{}' leads neither to {} nor straight to an "
                              "outcome",
                              decision.name, target.name, milestone_name(m.next));
      return;
    }
    if (label == s.withdrawal.outcome || !labels.insert(label).second) {
      m.mapping = fmt::format("two ways out of '{}' show up as {} in the extract, which cannot "
                              "tell them apart",
                              decision.name, label);
      return;
    }
    out.push_back({b.to, label, {}});
  }
  for (const auto& e : m.exits)
    if (e.name != s.withdrawal.outcome && !labels.contains(e.name) && e.share.count > 0) {
      m.mapping = fmt::format("{} case{} ended {} between {} and {}, which no branch of '{}' "
                              "leads to",
                              e.share.count, e.share.count == 1 ? "" : "s", e.name,
                              milestone_name(m.at), milestone_name(m.next), decision.name);
      return;
    }
  std::size_t total = 0;
  for (const auto& b : out) total += count[b.exit];
  if (total == 0) {
    m.mapping = "no case has left by one of its branches yet";
    return;
  }
  for (const auto& b : out)
    if (count[b.exit] == 0) {
      // A probability of 0 would cut the stage it leads to out of the pathway.
      m.mapping = fmt::format("no case in the extract took the branch of '{}' to '{}' ({}) yet",
                              decision.name, s.stages[b.to].name, b.exit);
      return;
    }
  for (auto& b : out) b.probability = wilson(count[b.exit], total);
  m.stage = d;
  m.branches = std::move(out);
}

}  // namespace

Proportion wilson(std::size_t count, std::size_t total) {
  Proportion p{count, total, 0, 0, 1};
  if (total == 0) return p;
  const double n = static_cast<double>(total), k = static_cast<double>(count);
  const double z2 = kZ95 * kZ95;
  p.share = k / n;
  const double centre = (p.share + z2 / (2 * n)) / (1 + z2 / n);
  const double half =
      kZ95 * std::sqrt(p.share * (1 - p.share) / n + z2 / (4 * n * n)) / (1 + z2 / n);
  p.ci_low = std::max(0.0, centre - half);
  p.ci_high = std::min(1.0, centre + half);
  return p;
}

ExtractFit fit_extract(const CaseExtract& extract, const Scenario& scenario,
                       const ExtractFitOptions& options) {
  if (!extract.problems.empty() && !options.skip_bad_rows)
    throw ExtractError(fmt::format(
        "{}: {} bad row{}; nothing was fitted (fix them, or give --skip-bad-rows to fit the rest)",
        extract.file, extract.bad_rows, extract.bad_rows == 1 ? "" : "s"));
  if (extract.rows.empty() || !extract.latest_date)
    throw ExtractError(fmt::format("{}: no good rows; nothing was fitted", extract.file));

  ExtractFit out;
  out.as_of = options.as_of.value_or(*extract.latest_date);
  out.rows = extract.rows.size();
  out.bad_rows = extract.bad_rows;
  std::vector<ExtractRow> rows;
  for (const auto& r : extract.rows) {
    if (r.initial)
      ++out.initial;
    else if (*r.date[index(Milestone::kReport)] > out.as_of)
      ++out.after_as_of;
    else
      rows.push_back(as_of(r, out.as_of));
  }
  out.cases = rows.size();
  if (rows.empty())
    throw ExtractError(fmt::format("{}: no case of origin new was reported by the as-of date {}; "
                                   "nothing was fitted",
                                   extract.file, sim::to_iso(out.as_of)));

  // Milestones the extract records: a column with no date in it (casesim
  // writes every column, whatever its scenario marks) records nothing, and
  // would only make an interval no case can pass through.
  std::vector<Milestone> present;
  std::vector<std::string> unrecorded;
  for (std::size_t m = 0; m < kMilestoneCount; ++m) {
    const auto milestone = static_cast<Milestone>(m);
    const bool dated = std::any_of(rows.begin(), rows.end(),
                                   [&](const ExtractRow& r) { return r.date[m].has_value(); });
    if (dated || milestone == Milestone::kReport || milestone == Milestone::kCompletion)
      present.push_back(milestone);
    else if (extract.has_column[m])
      unrecorded.push_back(column_name(milestone));
  }
  const std::string& withdrawal = scenario.withdrawal.outcome;

  for (std::size_t k = 0; k + 1 < present.size(); ++k) {
    const Milestone from = present[k], to = present[k + 1];
    const std::vector<Milestone> later(present.begin() + static_cast<long>(k) + 2, present.end());
    IntervalFit iv;
    iv.from = from;
    iv.to = to;
    iv.data.scale = TimeScale::kWholeDays;
    MilestoneBranches br;
    br.at = from;
    br.next = to;
    std::map<std::string, std::size_t> ended;  // by outcome, withdrawal included
    std::size_t reached = 0;
    for (const auto& r : rows) {
      const Status st = status(r, from, to, later, withdrawal, out.as_of);
      const double days = static_cast<double>(st.days);
      switch (st.how) {
        case Leaving::kNotThere: continue;
        case Leaving::kReached:
          ++iv.reached_to, ++reached;
          iv.data.events.push_back(days);
          break;
        case Leaving::kEnded:
          ++iv.ended, ++ended[r.outcome];
          iv.data.events.push_back(days);
          break;
        case Leaving::kWithdrawn:
          // It withdrew on day `days` with the stage unfinished: D >= days.
          ++iv.withdrawn, ++ended[r.outcome];
          iv.data.censored.push_back(days - 1);
          break;
        case Leaving::kOpen:
          // Unfinished at the end of the as-of date: D > days.
          ++iv.open, ++br.open;
          iv.data.censored.push_back(days);
          break;
        case Leaving::kSkipped:
          ++iv.skipped, ++br.skipped;
          break;
      }
      ++br.reached;
    }
    iv.fit = fit_survival(iv.data);
    iv.stage = map_interval(scenario, from, to, iv.mapping);

    std::size_t left = reached;
    for (const auto& [name, n] : ended) left += n;
    if (to != Milestone::kCompletion)
      br.exits.push_back({milestone_name(to), true, wilson(reached, left)});
    for (const auto& [name, n] : ended) br.exits.push_back({name, false, wilson(n, left)});
    if (iv.stage)
      map_branches(scenario, *iv.stage, br);
    else
      br.mapping = fmt::format("the interval does not map onto one stage: {}", iv.mapping);

    out.intervals.push_back(std::move(iv));
    out.branches.push_back(std::move(br));
  }

  // What the reader must know before using the fragment.
  if (!unrecorded.empty())
    out.notes.push_back(fmt::format(
        "No case has a date in {} by the as-of date, so {} treated as not recorded: the "
        "intervals join the milestones either side.",
        fmt::join(unrecorded, ", "), unrecorded.size() == 1 ? "it is" : "they are"));
  out.notes.push_back(
      "Case types are pooled: one duration and one set of branch shares for all types.");
  if (std::any_of(scenario.case_types.begin(), scenario.case_types.end(),
                  [](const CaseType& t) { return t.duration_scale != 1; }))
    out.notes.push_back(
        "The scenario's case types scale stage durations (duration_scale); the fitted "
        "durations already include every type, so in the scenario they are scaled again for "
        "those types.");
  for (const auto& iv : out.intervals) {
    if (!iv.stage) continue;
    const Stage& st = scenario.stages[*iv.stage];
    if (st.kind == StageKind::kWork && st.pool)
      out.notes.push_back(fmt::format(
          "'{}' is a work stage: the fitted time includes any wait in the force's data for a free "
          "unit, which the scenario adds again from the pool '{}'.",
          st.name, scenario.pools[*st.pool].name));
  }
  for (const auto& b : out.branches)
    if (b.stage)
      for (const Branch& branch : scenario.stages[*b.stage].branches)
        if (!branch.by_type.empty()) {
          out.notes.push_back(fmt::format(
              "'{}' has branch probabilities by case type; the fragment replaces them with one "
              "probability for all types.",
              scenario.stages[*b.stage].name));
          break;
        }
  out.notes.push_back(
      "Victim withdrawal counts as censoring (the stage was cut short, not finished); the "
      "scenario's withdrawal rates are not refitted.");
  return out;
}

}  // namespace models
