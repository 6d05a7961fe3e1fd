#include "models/scenario/lever_section.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "models/scenario/left_out_section.h"
#include "models/scenario/pointer_token.h"

namespace models::loading {

namespace {

const Json* value_at(const Json& root, const std::string& pointer) {
  try {
    const Json::json_pointer ptr(pointer);
    return root.contains(ptr) ? &root.at(ptr) : nullptr;
  } catch (const Json::exception&) {
    return nullptr;
  }
}

bool holds_number(const Json& j) {
  if (j.is_number()) return true;
  if (j.is_structured())
    for (const auto& child : j)
      if (holds_number(child)) return true;
  return false;
}

bool any(double v) {
  return std::isfinite(v);
}
bool positive(double v) {
  return v > 0 && std::isfinite(v);
}

}  // namespace

std::vector<Lever> read_levers(const Json& root, Checker& check,
                               const std::vector<LeverSetting>& moved) {
  std::vector<Lever> levers;
  const Json* m = root.contains("meta") && root["meta"].is_object() ? &root["meta"] : nullptr;
  if (!m) return levers;
  check.each_object(
      *m, "/meta",
      {.key = "levers",
       .expected = "an array of levers, each {\"set\" or \"scale\": JSON pointer, \"label\", ...}",
       .expected_element = "an object {\"set\" or \"scale\": JSON pointer, \"label\": text, "
                           "\"unit\", \"min\", \"max\", \"step\", \"choices\", \"help\"}",
       .keys = {"set", "scale", "label", "unit", "min", "max", "step", "choices", "help", "with"}},
      [&](const Json& l, const std::string& lp) {
        Lever lever;
        const bool set = l.contains("set"), scale = l.contains("scale");
        if (set == scale) {
          check.error(lp, "names " + std::string(set ? "both \"set\" and \"scale\"" : "neither \"set\" nor \"scale\"") +
                              "; expected one: \"set\" replaces the value at a JSON pointer, "
                              "\"scale\" multiplies every number under it");
          return;
        }
        lever.kind = set ? Lever::Kind::kSet : Lever::Kind::kScale;
        const char* key = set ? "set" : "scale";
        auto pointer = check.string(l, lp, key, true, "a JSON pointer such as \"/courts/overlisting\"");
        auto label = check.string(l, lp, "label", true, "the lever's name in plain words");
        if (auto v = check.string(l, lp, "unit", false)) lever.unit = *v;
        if (auto v = check.string(l, lp, "help", false)) lever.help = *v;
        if (!pointer || !label) return;
        lever.pointer = *pointer;
        lever.label = *label;
        // The pointer may lead into what `with` adds.
        Json patched;
        const Json* doc = &root;
        if (l.contains("with")) {
          if (!l["with"].is_object()) {
            check.error(lp + "/with", fmt::format("expected an object (a JSON Merge Patch of the "
                                                  "scenario), got {}",
                                                  type_name(l["with"])));
            return;
          }
          patched = root;
          patched.merge_patch(l["with"]);
          check.read(lp + "/with");
          lever.with = l["with"].dump();
          doc = &patched;
        }
        const Json* target = value_at(*doc, *pointer);
        const std::string here = lp + "/" + key;
        if (!target && in_left_out_section(*doc, *pointer)) return;
        if (!target) {
          check.error(here, fmt::format("'{}' is not in the scenario; expected a JSON pointer to "
                                        "a value, e.g. /courts/overlisting",
                                        *pointer));
          return;
        }
        if (l.contains("choices")) {
          const Json& c = l["choices"];
          bool ok = set && c.is_array() && c.size() >= 2;
          if (ok)
            for (const auto& w : c) ok = ok && w.is_string();
          if (!ok) {
            check.error(lp + "/choices", set ? "expected an array of two or more words"
                                             : "only a \"set\" lever takes choices; expected "
                                               "min, max and step for a \"scale\" lever");
            return;
          }
          for (const auto& w : c) lever.choices.push_back(w.get<std::string>());
          check.read(lp + "/choices");
          for (const char* k : {"min", "max", "step"})
            if (l.contains(k))
              check.error(lp + "/" + k, "a lever with choices takes no min, max or step; "
                                        "expected choices alone");
          if (!target->is_string()) {
            check.error(here, fmt::format("points at {} {}; expected a word, for a lever with "
                                          "choices",
                                          type_name(*target), shown_value(*target)));
            return;
          }
          lever.word = target->get<std::string>();
          if (std::find(lever.choices.begin(), lever.choices.end(), lever.word) ==
              lever.choices.end())
            check.error(lp + "/choices",
                        fmt::format("does not include '{}', the value as written; expected it "
                                    "among the choices",
                                    lever.word));
          return levers.push_back(std::move(lever));
        }
        auto lo = check.number(l, lp, "min", true, any, "the least value offered");
        auto hi = check.number(l, lp, "max", true, any, "the greatest value offered");
        auto step = check.number(l, lp, "step", false, positive, "a step > 0");
        if (!lo || !hi) return;
        if (*lo >= *hi) {
          check.error(lp + "/max", fmt::format("{} is not above min {}; expected max > min", *hi, *lo));
          return;
        }
        lever.min = *lo;
        lever.max = *hi;
        lever.step = step.value_or(set ? 1 : 0.05);
        if (set) {
          if (!target->is_number()) {
            check.error(here, fmt::format("points at {} {}; expected a number (or give "
                                          "\"choices\" for a word, or use \"scale\" for an "
                                          "object of numbers)",
                                          type_name(*target), shown_value(*target)));
            return;
          }
          lever.value = target->get<double>();
        } else {
          if (!holds_number(*target)) {
            check.error(here, fmt::format("{} has no number to scale; expected a number or an "
                                          "object of numbers",
                                          shown_value(*target)));
            return;
          }
          lever.value = 1;
        }
        bool was_moved = false;
        for (const LeverSetting& m : moved)
          was_moved = was_moved || pointers_overlap(m.pointer, lever.pointer);
        if (!was_moved && (lever.value < lever.min || lever.value > lever.max))
          check.error(lp, fmt::format("the value as written, {:g}, is outside min {:g} and max "
                                      "{:g}; expected a range that includes it",
                                      lever.value, lever.min, lever.max));
        levers.push_back(std::move(lever));
      });
  return levers;
}

}  // namespace models::loading
