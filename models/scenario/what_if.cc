#include "models/scenario/what_if.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>

#include "models/scenario/json_checker.h"
#include "models/scenario/scenario_document.h"

namespace models {

namespace fs = std::filesystem;
using loading::Json;

namespace {

Json* value_at(Json& root, const std::string& pointer) {
  try {
    const Json::json_pointer ptr(pointer);
    return root.contains(ptr) ? &root.at(ptr) : nullptr;
  } catch (const Json::exception&) {
    return nullptr;
  }
}

void scale(Json& j, double factor) {
  if (j.is_number_integer()) {
    // Counts stay whole: 40,000 officers x 1.25 is 50,000, not 50000.0.
    j = static_cast<std::int64_t>(std::llround(j.get<double>() * factor));
  } else if (j.is_number()) {
    j = j.get<double>() * factor;
  } else if (j.is_structured()) {
    for (auto& child : j) scale(child, factor);
  }
}

// The merged document with the moves made, or throws ScenarioError.
Json moved_document(const fs::path& file, const std::vector<Lever>& levers,
                    const std::vector<LeverPosition>& moves, Json* as_written) {
  std::vector<Diagnostic> problems;
  auto doc = loading::read_document(file, problems);
  if (!doc) throw ScenarioError(std::move(problems));
  if (as_written) *as_written = *doc;
  for (const LeverPosition& m : moves) {
    const Lever& lever = levers.at(m.lever);
    if (auto why = lever_move_problem(lever, m); !why.empty())
      problems.push_back({file.string(), lever.pointer, why});
  }
  if (!problems.empty()) throw ScenarioError(std::move(problems));
  // Every lever's additions first, then every value, so that one lever's
  // patch (a specialist section with no rooms yet) never undoes another's
  // value (its room count).
  for (const LeverPosition& m : moves)
    if (!levers[m.lever].with.empty()) doc->merge_patch(Json::parse(levers[m.lever].with));
  for (const LeverPosition& m : moves) {
    const Lever& lever = levers[m.lever];
    Json* at = value_at(*doc, lever.pointer);
    if (!at) {
      // Another move's patch took it away: say so as the loader would.
      problems.push_back({file.string(), lever.pointer,
                          "nothing at this JSON pointer to move; expected the value the lever "
                          "names"});
      continue;
    }
    if (lever.kind == Lever::Kind::kScale)
      scale(*at, m.value);
    else if (lever.is_word())
      *at = m.word;
    else if (m.value == std::floor(m.value) && std::abs(m.value) < 9e15)
      *at = static_cast<std::int64_t>(m.value);
    else
      *at = m.value;
  }
  if (!problems.empty()) throw ScenarioError(std::move(problems));
  return std::move(*doc);
}

// The merge patch (RFC 7386) that turns `from` into `to`: objects key by key,
// anything else whole.
Json merge_diff(const Json& from, const Json& to) {
  if (!from.is_object() || !to.is_object()) return to;
  Json patch = Json::object();
  for (const auto& [key, value] : from.items())
    if (!to.contains(key)) patch[key] = nullptr;
  for (const auto& [key, value] : to.items()) {
    if (!from.contains(key))
      patch[key] = value;
    else if (from[key] != value)
      patch[key] = merge_diff(from[key], value);
  }
  return patch;
}

}  // namespace

Scenario load_what_if(const fs::path& file, const std::vector<Lever>& levers,
                      const std::vector<LeverPosition>& moves) {
  const Json doc = moved_document(file, levers, moves, nullptr);
  return loading::build_scenario(doc, file.string());
}

std::string what_if_file(const fs::path& file, const std::vector<Lever>& levers,
                         const std::vector<LeverPosition>& moves, const std::string& name,
                         const std::vector<std::string>& notes) {
  Json as_written;
  const Json moved = moved_document(file, levers, moves, &as_written);
  Json out = Json::object();
  std::error_code ec;
  fs::path absolute = fs::weakly_canonical(fs::absolute(file), ec);
  if (ec) absolute = fs::absolute(file);
  out["extends"] = absolute.string();
  out["meta"] = Json::object();
  out.merge_patch(merge_diff(as_written, moved));
  out["meta"]["name"] = name;
  out["meta"]["notes"] = notes;
  std::string text =
      "// Saved from the casesim workshop page: the scenario named in \"extends\" with the "
      "levers\n// below moved. Run it with `casesim run` or compare it with the scenario it "
      "extends:\n//   casesim compare " +
      absolute.string() + " THIS-FILE.json\n";
  return text + out.dump(2) + "\n";
}

}  // namespace models
