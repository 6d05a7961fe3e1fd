#pragma once

// Levers: moving one value of a scenario without editing its file.
//
// A lever is named by a JSON pointer (RFC 6901) into the scenario document
// AFTER its `extends` chain is merged, e.g. /resources/courtrooms/count or
// /pathway/stages/investigation/duration. The same pointer form is used
// everywhere a lever is named: `--set` and `--scale` on the command line,
// `--vary` in `casesim sweep` and `casesim seek`, a room's moves on the
// workshop page, and the levers a scenario declares in `meta.levers`.
//
// A setting is applied to the merged document before any checking, so the
// result is validated exactly like a file that was written that way: a value
// out of range, of the wrong type or breaking a rule elsewhere (branch
// probabilities no longer summing to 1) is reported with its pointer, the
// reason and what was expected, and nothing is run. The loader entry points
// taking settings are in models/scenario/scenario_loader.h:
//
//   load_scenario(path, settings)        once (run, compare, calibration-check)
//   ScenarioSource::read(path).load(s)   many times from one reading of the file
//                                        (the points of a sweep, a room's moves)
//
// Settings apply in order, each on the document the previous ones left, and
// the loaded Scenario keeps them (Meta::lever_settings) so that summary.json
// and the report say what was moved.
//
// This header carries no JSON: a value is kept as JSON text, and only the
// loader parses it.

#include <string>
#include <string_view>
#include <vector>

namespace models {

enum class LeverMove : unsigned char {
  // Replaces the value at the pointer with `value` (any JSON: a number, a
  // string, an object). The pointer may also name a key its parent object
  // does not have yet (an optional field left at its default); an unknown
  // key is then reported like any other, with the keys that are allowed.
  kSet,
  // Multiplies every number at or under the pointer by `value`, a number:
  // a duration distribution stretches whole, an object of per-type values
  // scales together. Whole numbers stay whole (rounded to nearest), so
  // counts of rooms and staff remain counts.
  kScale,
};

struct LeverSetting {
  std::string pointer;  // into the merged document, e.g. "/resources/courtrooms/count"
  LeverMove move = LeverMove::kSet;
  std::string value;    // JSON text: kSet any JSON value, kScale a number

  // As typed on the command line: "--set /a/b=4" or "--scale /a/b=1.25".
  std::string to_string() const;

  // A setting of a number, written as JSON: whole values as integers ("4",
  // not "4.0"), others with the fewest digits that read back exactly.
  static LeverSetting set_number(std::string pointer, double value);

  friend bool operator==(const LeverSetting&, const LeverSetting&) = default;
};

// Reads "POINTER=VALUE" as given to --set or --scale. VALUE is JSON; text
// that is not JSON is taken as a string, so `--set /meta/name=Trial` works
// unquoted. Throws ScenarioError naming the option when the pointer does not
// start with '/' or is malformed (a '~' not followed by 0 or 1), when there
// is no '=', or when a --scale factor is not a finite number. Whether the
// pointer leads anywhere is known only with the scenario, at loading.
LeverSetting parse_lever_setting(std::string_view text, LeverMove move);

}  // namespace models
