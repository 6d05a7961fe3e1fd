#include "models/scenario/what_if.h"

#include <fmt/format.h>

#include "models/scenario/json_checker.h"
#include "models/scenario/scenario_document.h"

namespace models {

namespace fs = std::filesystem;
using loading::Json;

namespace {

// A merge patch as --set settings on `source`: down through the objects the
// document has, and a whole value set where it has none or where the patch
// replaces (arrays, numbers, words).
void patch_settings(const ScenarioSource& source, const Json& patch, const std::string& pointer,
                    std::vector<LeverSetting>& out) {
  for (const auto& [key, value] : patch.items()) {
    const std::string here = pointer + "/" + escape_pointer_token(key);
    const auto there = source.value_at(here);
    if (value.is_object() && there && !there->json.empty() && there->json.front() == '{')
      patch_settings(source, value, here, out);
    else
      out.push_back({here, LeverMove::kSet, value.dump()});
  }
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

std::vector<LeverSetting> what_if_settings(const ScenarioSource& source,
                                           const std::vector<Lever>& levers,
                                           const std::vector<LeverPosition>& positions) {
  std::vector<Diagnostic> problems;
  for (const LeverPosition& p : positions) {
    const Lever& lever = levers.at(p.lever);
    if (auto why = lever_move_problem(lever, p); !why.empty())
      problems.push_back({source.name(), lever.pointer, why});
  }
  if (!problems.empty()) throw ScenarioError(std::move(problems));
  // Every lever's additions first, then every value, so that one lever's
  // patch (a specialist section with no rooms yet) never undoes another's
  // value (its room count).
  std::vector<LeverSetting> settings;
  for (const LeverPosition& p : positions)
    if (!levers[p.lever].with.empty())
      patch_settings(source, Json::parse(levers[p.lever].with), "", settings);
  for (const LeverPosition& p : positions) {
    const Lever& lever = levers[p.lever];
    if (lever.kind == Lever::Kind::kScale)
      settings.push_back({lever.pointer, LeverMove::kScale, fmt::format("{}", p.value)});
    else if (lever.is_word())
      settings.push_back({lever.pointer, LeverMove::kSet, Json(p.word).dump()});
    else
      settings.push_back(LeverSetting::set_number(lever.pointer, p.value));
  }
  return settings;
}

Scenario load_what_if(const ScenarioSource& source, const std::vector<Lever>& levers,
                      const std::vector<LeverPosition>& positions) {
  return source.load(what_if_settings(source, levers, positions));
}

std::string what_if_file(const fs::path& file, const std::vector<LeverSetting>& settings,
                         const std::string& name, const std::vector<std::string>& notes) {
  std::vector<Diagnostic> problems;
  auto as_written = loading::read_document(file, problems);
  if (!as_written) throw ScenarioError(std::move(problems));
  Json moved = *as_written;
  loading::apply_lever_settings(moved, settings, file.string(), problems);
  if (!problems.empty()) throw ScenarioError(std::move(problems));
  std::error_code ec;
  fs::path absolute = fs::weakly_canonical(fs::absolute(file), ec);
  if (ec) absolute = fs::absolute(file);
  Json out = Json::object();
  out["extends"] = absolute.string();
  // The patch itself, nulls and all, not applied to `out`.
  const Json diff = merge_diff(*as_written, moved);
  for (const auto& [key, value] : diff.items()) out[key] = value;
  if (!out.contains("meta") || !out["meta"].is_object()) out["meta"] = Json::object();
  out["meta"]["name"] = name;
  out["meta"]["notes"] = notes;
  std::string text =
      "// Saved from the casesim workshop page: the scenario named in \"extends\" with the\n"
      "// levers in the notes moved. Run it with `casesim run`, or compare it with the\n"
      "// scenario it extends: casesim compare " +
      absolute.string() + " THIS-FILE.json\n";
  return text + out.dump(2) + "\n";
}

}  // namespace models
