// The scenario loader on any bytes, as `casesim validate` calls it: read the
// file, resolve "extends" (inside a copy of scenarios/), check everything,
// then estimate what a run would cost. Any outcome but a Scenario or a
// ScenarioError (a crash, a sanitizer report, another exception, a hang) is
// a bug.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/scenario_sandbox.h"
#include "models/scenario/run_cost.h"
#include "models/scenario/scenario_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path =
      fuzz::write_input(std::string_view(reinterpret_cast<const char*>(data), size));
  try {
    const models::Scenario s = models::load_scenario(path);
    models::check_run_cost(s, models::estimate_run_cost(s, 2), models::RunLimits{});
  } catch (const models::ScenarioError&) {
  }
  return 0;
}
