#include "app/lever_options.h"

#include <CLI/CLI.hpp>

#include "models/scenario/scenario_error.h"

namespace app {

void add_lever_options(CLI::App& command, LeverOptions& levers) {
  command
      .add_option("--set", levers.set,
                  "set the value at a JSON pointer of the scenario (after extends) before it is "
                  "checked, e.g. --set /resources/courtrooms/count=6; repeatable")
      ->type_name("POINTER=VALUE");
  command
      .add_option("--scale", levers.scale,
                  "multiply every number at or under a JSON pointer (counts stay whole), e.g. "
                  "--scale /arrivals/reports_per_year=1.1; repeatable, applied after every --set")
      ->type_name("POINTER=FACTOR");
}

std::vector<models::LeverSetting> lever_settings(const LeverOptions& levers) {
  std::vector<models::LeverSetting> settings;
  std::vector<models::Diagnostic> problems;
  auto add = [&](const std::vector<std::string>& texts, models::LeverMove move) {
    for (const auto& text : texts) {
      try {
        settings.push_back(models::parse_lever_setting(text, move));
      } catch (const models::ScenarioError& e) {
        problems.insert(problems.end(), e.problems().begin(), e.problems().end());
      }
    }
  };
  add(levers.set, models::LeverMove::kSet);
  add(levers.scale, models::LeverMove::kScale);
  if (!problems.empty()) throw models::ScenarioError(std::move(problems));
  return settings;
}

std::string lever_arguments(const std::vector<models::LeverSetting>& settings) {
  std::string out;
  for (const auto& s : settings) {
    // Quoted for a POSIX shell when the value holds anything it would split.
    std::string arg = s.pointer + "=" + s.value;
    if (arg.find_first_of(" \"'{}[]*?$&;|<>()\\") != std::string::npos) {
      std::string quoted = "'";
      for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
      arg = quoted + "'";
    }
    out += (out.empty() ? "" : " ") +
           std::string(s.move == models::LeverMove::kSet ? "--set " : "--scale ") + arg;
  }
  return out;
}

}  // namespace app
