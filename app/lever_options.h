#pragma once

// `--set POINTER=VALUE` and `--scale POINTER=FACTOR`, the levers every
// simulating command takes (run, compare, calibration-check, sweep, seek).
// See models/scenario/lever_setting.h for what a setting does.

#include <string>
#include <vector>

#include "models/scenario/lever_setting.h"

namespace CLI {
class App;
}

namespace app {

struct LeverOptions {
  std::vector<std::string> set;    // "POINTER=VALUE", as typed
  std::vector<std::string> scale;  // "POINTER=FACTOR", as typed
};

void add_lever_options(CLI::App& command, LeverOptions& levers);

// The settings to load with: every --set in the order given, then every
// --scale, so `--set /x=4 --scale /x=2` gives 8 whichever is typed first.
// Throws ScenarioError listing every malformed one (exit code 2).
std::vector<models::LeverSetting> lever_settings(const LeverOptions& levers);

// "--set /a=1 --scale /b=2" for a command line shown back to the user; "" if none.
std::string lever_arguments(const std::vector<models::LeverSetting>& settings);

}  // namespace app
