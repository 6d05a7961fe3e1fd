// One replication of any scenario the loader accepts, kept small enough to
// finish in a moment: the horizon cut to at most two years and the run
// skipped when its estimated cases (models/scenario/run_cost.h) pass a few
// thousand. A hang shows as a libFuzzer timeout; a crash or sanitizer report
// is a bug in the engine or in what the loader let through.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/scenario_sandbox.h"
#include "models/engine/case_flow_model.h"
#include "models/scenario/run_cost.h"
#include "models/scenario/scenario_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path =
      fuzz::write_input(std::string_view(reinterpret_cast<const char*>(data), size));
  models::Scenario s;
  try {
    s = models::load_scenario(path);
  } catch (const models::ScenarioError&) {
    return 0;
  }
  s.meta.replications = 1;
  s.meta.horizon_days = std::min(s.meta.horizon_days, 730.0);
  s.meta.warmup_days = std::min(s.meta.warmup_days, s.meta.horizon_days / 2);
  try {
    models::check_run_cost(s, models::estimate_run_cost(s, 1),
                           models::RunLimits{.memory_bytes = 64e6, .total_cases = 5000});
  } catch (const models::ScenarioError&) {
    return 0;  // refused as `casesim run` would refuse it, only with tighter limits
  }
  const models::CaseFlowModel model(s);
  models::RunOptions options;
  options.keep_cases = true;
  (void)model.run(0, options);
  return 0;
}
