// The shipped baseline says it is a steady state (meta.notes, CALIBRATION.md):
// the stability check must agree, and must see a drift when the courts are cut.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "models/engine/case_flow_model.h"
#include "models/results/stability.h"
#include "models/scenario/scenario_loader.h"

namespace {

std::vector<models::Drift> drifts_of(const models::Scenario& s, int replications) {
  const models::CaseFlowModel model(s);
  std::vector<std::vector<models::TrendFit>> fits;
  for (int r = 0; r < replications; ++r)
    fits.push_back(models::replication_trends(model, model.run(static_cast<std::uint64_t>(r))));
  std::vector<models::Metric> trends;
  return models::add_trend_metrics(model, fits, trends);
}

const std::string kBaseline = std::string(CASESIM_SOURCE_DIR) + "/scenarios/baseline.json";

}  // namespace

TEST_CASE("The baseline is the steady state its notes say it is") {
  const models::Scenario s = models::load_scenario(kBaseline);
  const bool says_steady = std::any_of(s.meta.notes.begin(), s.meta.notes.end(), [](const auto& n) {
    return n.find("steady state") != std::string::npos;
  });
  REQUIRE(says_steady);
  const auto drifts = drifts_of(s, 4);
  for (const auto& d : drifts) INFO(d.message);
  CHECK(drifts.empty());
}

TEST_CASE("The stability check sees the baseline's trial queue grow when judges are cut") {
  // A quarter fewer judges than the steady state needs: the check must say so,
  // or the test above proves nothing.
  const models::Scenario s =
      models::load_scenario(kBaseline, {{"/resources/ticketed_judges/count",
                                          models::LeverMove::kScale, "0.75"}});
  const auto drifts = drifts_of(s, 4);
  const bool trial_queue = std::any_of(drifts.begin(), drifts.end(), [](const auto& d) {
    return d.series == "waiting_for_trial" && d.per_year > 0;
  });
  CHECK(trial_queue);
}
