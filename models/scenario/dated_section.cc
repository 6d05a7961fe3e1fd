#include "models/scenario/dated_section.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <string_view>

#include "sim/calendar.h"

namespace models::loading {

namespace {

// A value a dated change may move: its pointer's tokens, "*" standing for
// any one token (a stage's, branch's or case type's name or index). With
// `below`, anything under it may move too (a distribution's parameters, the
// causes of adjournment). Each is read by the engine at a draw
// (models/engine/replication.h, Replication::on_dated), never fixed at the start.
struct Datable {
  std::array<std::string_view, 9> tokens;
  std::size_t size;
  bool below;
};
constexpr Datable kDatable[] = {
    {{"pathway", "stages", "*", "duration"}, 4, true},
    {{"pathway", "stages", "*", "withdrawal_per_year"}, 4, false},
    {{"pathway", "stages", "*", "branches", "*", "probability"}, 6, false},
    {{"pathway", "stages", "*", "branches", "*", "by_type"}, 6, true},
    {{"pathway", "stages", "*", "listing", "notice"}, 5, true},
    {{"pathway", "stages", "*", "listing", "relist_notice"}, 5, true},
    {{"pathway", "stages", "*", "listing", "sitting_days"}, 5, true},
    {{"pathway", "stages", "*", "listing", "cracked", "probability"}, 6, false},
    {{"pathway", "stages", "*", "listing", "cracked", "branches", "*", "probability"}, 8, false},
    {{"pathway", "stages", "*", "listing", "cracked", "branches", "*", "by_type"}, 8, true},
    {{"pathway", "stages", "*", "listing", "early_adjournment"}, 5, true},
    {{"pathway", "stages", "*", "listing", "late_adjournment"}, 5, true},
    {{"pathway", "stages", "*", "listing", "repeat_multiplier"}, 5, false},
    {{"pathway", "stages", "*", "listing", "overrun"}, 5, true},
    {{"case_types", "*", "duration_scale"}, 3, false},
    {{"case_types", "*", "withdrawal_scale"}, 3, false},
    {{"withdrawal", "isva_share"}, 2, false},
    {{"withdrawal", "isva_multiplier"}, 2, false},
    {{"withdrawal", "rise_per_year"}, 2, false},
    {{"communication", "rules", "*", "within_working_days"}, 4, false},
    {{"communication", "plans", "*", "every_days"}, 4, false},
    {{"communication", "plans", "*", "within_working_days"}, 4, false},
    {{"communication", "channels", "*", "minutes"}, 4, false},
};

constexpr const char* kDatableList =
    "expected a stage's duration, withdrawal_per_year or branches/N/probability (or by_type), a "
    "listing's notice, relist_notice, sitting_days, cracked chances, early_adjournment, "
    "late_adjournment, repeat_multiplier or overrun, a case type's duration_scale or "
    "withdrawal_scale, /withdrawal/isva_share, isva_multiplier or rise_per_year, a contact rule's "
    "within_working_days, a contact plan's every_days or within_working_days, or a channel's "
    "minutes, e.g. "
    "/pathway/stages/investigation/duration";

bool matches(const Datable& d, const std::vector<std::string>& tokens) {
  if (tokens.size() < d.size || (!d.below && tokens.size() != d.size)) return false;
  for (std::size_t i = 0; i < d.size; ++i)
    if (d.tokens[i] != "*" && d.tokens[i] != tokens[i]) return false;
  return true;
}

// Why `pointer` is not an RFC 6901 pointer, or "" if it is one.
std::string malformed(const std::string& pointer) {
  if (pointer.empty() || pointer.front() != '/')
    return "expected a JSON pointer starting with '/', e.g. /pathway/stages/investigation/duration";
  for (std::size_t i = 0; i < pointer.size(); ++i)
    if (pointer[i] == '~' &&
        (i + 1 == pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1')))
      return "'~' in a JSON pointer must be followed by 0 (for '~') or 1 (for '/')";
  return {};
}

// The moves of one kind ("set" or "scale") of an entry, in the order written.
void read_moves(const Json& entry, const std::string& p, const char* key, LeverMove move,
                Checker& check, std::vector<LeverSetting>& out) {
  if (!entry.contains(key)) return;
  const Json& moves = entry[key];
  const std::string here = p + "/" + key;
  const char* expected = move == LeverMove::kSet
                             ? "an object: pointer -> the value from the date, e.g. "
                               "{\"/pathway/stages/investigation/duration/lognormal/median\": 120}"
                             : "an object: pointer -> factor from the date, e.g. "
                               "{\"/pathway/stages/investigation/duration\": 0.8}";
  if (!moves.is_object()) {
    check.error(here, fmt::format("expected {}, got {}", expected, type_name(moves)));
    return;
  }
  for (const auto& [pointer, value] : moves.items()) {
    std::string why = malformed(pointer);
    if (why.empty()) why = undatable(pointer);
    if (!why.empty()) {
      check.error(here, fmt::format("\"{}\": {}", pointer, why));
      continue;
    }
    if (move == LeverMove::kScale &&
        (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() < 0)) {
      check.error(here, fmt::format("\"{}\": expected a factor >= 0 to multiply by, such as 0.8, "
                                    "got {} {}",
                                    pointer, type_name(value), shown_value(value)));
      continue;
    }
    check.read(here + "/" + escape_pointer_token(pointer));  // for scenario_warnings.h
    out.push_back({pointer, move, value.dump()});
  }
}

}  // namespace

std::vector<std::string> pointer_tokens(const std::string& pointer) {
  std::vector<std::string> tokens;
  for (std::size_t at = 1; at <= pointer.size();) {
    const std::size_t slash = std::min(pointer.find('/', at), pointer.size());
    std::string token;
    for (std::size_t i = at; i < slash; ++i) {
      if (pointer[i] == '~' && i + 1 < slash) token += pointer[++i] == '1' ? '/' : '~';
      else token += pointer[i];
    }
    tokens.push_back(std::move(token));
    at = slash + 1;
  }
  return tokens;
}

std::string undatable(const std::string& pointer) {
  const std::vector<std::string> tokens = pointer_tokens(pointer);
  for (const Datable& d : kDatable)
    if (matches(d, tokens)) return {};
  const std::string top = tokens.empty() ? std::string() : tokens.front();
  if (top == "resources")
    return "a resource's count changes on a date with its own \"changes\": [{\"from\": date, "
           "\"count\": number}]; expected a value the engine draws from, not a pool";
  if (top == "arrivals")
    return "the report rate changes on a date with \"arrivals\": {\"steps\": [{\"from\": date, "
           "\"factor\": number}]}; expected a value the engine draws from";
  if (top == "courts" && tokens.size() > 1 && tokens.back() == "other_work")
    return "other work's share changes on a date with its own dated list; expected a value the "
           "engine draws from";
  return fmt::format("is not a value that may change on a date (it is fixed when a run starts); "
                     "{}",
                     kDatableList);
}

std::vector<DatedEntry> read_dated_changes(const Json& root, Checker& check, const Meta& meta) {
  std::vector<DatedEntry> entries;
  const std::string end = sim::to_iso(meta.start_date +
                                      std::chrono::days{static_cast<int>(meta.horizon_days)});
  check.each_object(
      root, "",
      {.key = "dated_changes",
       .expected = "an array of {\"from\": date, \"set\": {pointer: value}, \"scale\": "
                   "{pointer: factor}}",
       .expected_element = "an object {\"from\": date, \"set\": {pointer: value}, \"scale\": "
                           "{pointer: factor}}",
       .keys = {"from", "description", "set", "scale"}},
      [&](const Json& j, const std::string& p) {
        DatedEntry e;
        e.pointer = p;
        const auto from = check.date(j, p, "from", true);
        if (auto v = check.string(j, p, "description", false)) e.description = *v;
        read_moves(j, p, "set", LeverMove::kSet, check, e.moves);
        read_moves(j, p, "scale", LeverMove::kScale, check, e.moves);
        auto none = [&](const char* key) {
          return !j.contains(key) || (j[key].is_object() && j[key].empty());
        };
        if (none("set") && none("scale"))
          check.error(p, "changes nothing; expected \"set\" or \"scale\" with at least one value");
        if (!from) return;
        e.from = *from;
        const double day = (e.from - meta.start_date).count();
        if (day <= 0 || day >= meta.horizon_days) {
          check.error(p + "/from",
                      fmt::format("{} is outside the run; expected a date after the start ({}) "
                                  "and before the end ({}): a value from the start is written "
                                  "in the scenario itself",
                                  sim::to_iso(e.from), sim::to_iso(meta.start_date), end));
          return;
        }
        if (!entries.empty() && e.from <= entries.back().from) {
          check.error(p + "/from",
                      fmt::format("{} is not after the change before it ({}); expected dates "
                                  "that increase (changes on one date go in one entry)",
                                  sim::to_iso(e.from), sim::to_iso(entries.back().from)));
          return;
        }
        entries.push_back(std::move(e));
      });
  return entries;
}

}  // namespace models::loading
