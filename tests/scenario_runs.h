#pragma once

// Running a small scenario written inline and reading its summary, for the
// behaviour tests of the engine (courts, communication).

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "models/engine/case_flow_model.h"
#include "models/results/run_summary.h"
#include "models/scenario/scenario_loader.h"
#include "sim/replication_runner.h"

namespace casesim_test {

// All the scenario's replications on two threads, summarised.
inline models::RunSummary run(const std::string& text) {
  const auto s = models::load_scenario_text(text);
  const models::CaseFlowModel model(s);
  const auto results = sim::run_replications<models::ReplicationResult>(
      static_cast<std::size_t>(s.meta.replications), 2, [&](std::size_t r) { return model.run(r); });
  return models::summarise(model, results);
}

// `text` with its first `from` replaced by `to`; `from` must be there (the
// inline scenarios' placeholders).
inline std::string replaced(std::string text, std::string_view from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

// A copy, so that it outlives the summary it came from.
inline models::Metric metric(const models::RunSummary& s, const std::string& name) {
  const auto* m = s.find(name);
  INFO(name);
  REQUIRE(m != nullptr);
  return *m;
}

}  // namespace casesim_test
