#include "models/scenario/lever.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "models/scenario/pointer_token.h"
#include "models/scenario/scenario.h"

namespace models {

namespace {

// "/pathway/stages/investigation/duration" -> "pathway stages investigation duration"
std::string readable(const std::string& pointer) {
  std::string out;
  for (char c : pointer) out += (c == '/' || c == '_') ? ' ' : c;
  const auto first = out.find_first_not_of(' ');
  return first == std::string::npos ? pointer : out.substr(first);
}

}  // namespace

std::vector<Lever> offered_levers(const Scenario& s) {
  if (!s.meta.levers.empty()) return s.meta.levers;
  std::vector<Lever> levers;
  for (const Pool& p : s.pools) {
    Lever l;
    l.pointer = "/resources/" + escape_pointer_token(p.name) + "/count";
    l.label = p.name;
    std::replace(l.label.begin(), l.label.end(), '_', ' ');
    l.unit = "count at the start";
    l.help = p.description.empty() ? "how many there are at the start" : p.description;
    if (!p.changes.empty()) l.help += " (the changes written later in the run still apply)";
    l.value = p.count;
    l.min = 0;
    l.max = std::max(2.0 * p.count, p.count + 10.0);
    l.step = 1;
    levers.push_back(std::move(l));
  }
  for (const Assumption& a : s.meta.assumptions) {
    Lever l;
    l.kind = Lever::Kind::kScale;
    l.pointer = a.parameter;
    l.label = readable(a.parameter);
    l.unit = "x as written";
    l.help = a.reason;
    l.value = 1;
    l.min = 0.5;
    l.max = 1.5;
    l.step = 0.05;
    levers.push_back(std::move(l));
  }
  return levers;
}

std::string lever_move_problem(const Lever& lever, const LeverPosition& move) {
  const std::string who = lever.unit.empty() ? lever.label : lever.label + ", " + lever.unit;
  if (lever.is_word()) {
    if (std::find(lever.choices.begin(), lever.choices.end(), move.word) != lever.choices.end())
      return {};
    return fmt::format("'{}' is not one of the choices; expected one of: {} ({})", move.word,
                       fmt::join(lever.choices, ", "), lever.label);
  }
  if (!std::isfinite(move.value) || move.value < lever.min || move.value > lever.max)
    return fmt::format("{:g} is out of range; expected a number from {:g} to {:g} ({})",
                       move.value, lever.min, lever.max, who);
  // A whole step on a whole value (counts of people or rooms) keeps it whole.
  const bool whole = lever.kind == Lever::Kind::kSet && lever.step == std::floor(lever.step) &&
                     lever.value == std::floor(lever.value);
  if (whole && move.value != std::floor(move.value))
    return fmt::format("{:g} is not a whole number; expected a whole number from {:g} to {:g} "
                       "({})",
                       move.value, lever.min, lever.max, who);
  return {};
}

std::string shown_move(const Lever& lever, const LeverPosition& move) {
  if (lever.is_word()) return move.word;
  return fmt::format("{:g}", move.value);
}

}  // namespace models
