#pragma once

// Internal to the scenario loader: whether a JSON pointer leads into an
// optional top-level section the scenario leaves out (never given, or taken
// away by an `extends` file with null, as `"communication": null` does). An
// assumption or a lever that speaks of such a section has nothing to speak of
// in this scenario, and is left out with it rather than refused: otherwise no
// file could extend the baseline without its communication section.

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "models/scenario/json_checker.h"

namespace models::loading {

inline bool in_left_out_section(const Json& root, std::string_view pointer) {
  static constexpr std::array<std::string_view, 7> kOptional{
      "courts", "section_28", "deadlines", "initial_state", "staffing", "communication",
      "dated_changes"};
  if (pointer.size() < 2 || pointer[0] != '/') return false;
  const std::string section(pointer.substr(1, pointer.find('/', 1) - 1));
  if (std::find(kOptional.begin(), kOptional.end(), section) == kOptional.end()) return false;
  return !root.contains(section) || root[section].is_null();
}

}  // namespace models::loading
