// The catalogue of metrics: every figure a run reports is one of its kinds,
// named, measured and labelled as the catalogue declares, so the files and
// the report can read what a metric is from its fields, never its name.
#include "models/results/metric_catalogue.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "models/engine/case_flow_model.h"
#include "models/results/run_summary.h"
#include "models/scenario/scenario_loader.h"
#include "sim/replication_runner.h"

namespace {

using models::MetricKind;
using models::Unit;

constexpr auto kKindCount = static_cast<std::size_t>(MetricKind::kInitialClearedDay) + 1;

models::RunSummary run_example(const std::string& file, double horizon_days) {
  models::Scenario s = models::load_scenario(std::string(CASESIM_SOURCE_DIR) + "/" + file);
  s.meta.horizon_days = horizon_days;
  s.meta.replications = 2;
  const models::CaseFlowModel model(s);
  const auto results = sim::run_replications<models::ReplicationResult>(
      2, 2, [&](std::size_t r) { return model.run(r); });
  return models::summarise(model, results);
}

}  // namespace

TEST_CASE("kinds that share a name pattern are the same figure to a reader", "[catalogue]") {
  // Two kinds may make the same names (an outcome's share, whether or not it
  // is victim withdrawal) only if a reader cannot tell them apart: same
  // group and label. Otherwise a name would stand for two different things.
  for (std::size_t a = 0; a < kKindCount; ++a)
    for (std::size_t b = a + 1; b < kKindCount; ++b) {
      const auto& x = models::metric_spec(static_cast<MetricKind>(a));
      const auto& y = models::metric_spec(static_cast<MetricKind>(b));
      if (x.prefix != y.prefix || x.suffix != y.suffix) continue;
      INFO(x.prefix << "..." << x.suffix);
      CHECK(x.group == y.group);
      CHECK(x.label == y.label);
    }
}

TEST_CASE("a kind with a subject says where the subject goes; one without has none",
          "[catalogue]") {
  for (std::size_t k = 0; k < kKindCount; ++k) {
    const auto& spec = models::metric_spec(static_cast<MetricKind>(k));
    INFO(spec.prefix);
    const bool per_subject = spec.label.find("{}") != std::string_view::npos;
    CHECK(per_subject == (spec.short_label.find("{}") != std::string_view::npos));
    // A name for one subject is never the name of another's.
    if (per_subject)
      CHECK(models::metric_name(spec.kind, "a") != models::metric_name(spec.kind, "b"));
    CHECK_FALSE(std::string(models::unit_name(spec.unit)).empty());
  }
}

TEST_CASE("every metric of a run is its catalogue entry, unit included", "[catalogue]") {
  // Between them these examples have courts with specialist rooms, deadlines,
  // victim communication, caseloads and today's open cases.
  for (const auto& [file, horizon] :
       {std::pair{"scenarios/examples/communication.json", 730.0},
        std::pair{"scenarios/examples/specialist-courts.json", 730.0},
        std::pair{"scenarios/examples/initial-caseload.json", 365.0},
        std::pair{"scenarios/examples/deadlines.json", 730.0}}) {
    INFO(file);
    const models::RunSummary summary = run_example(file, horizon);
    REQUIRE(summary.metrics.size() > 10);
    std::set<std::string> names;
    for (const auto& m : summary.metrics) {
      INFO(m.name);
      CHECK(names.insert(m.name).second);
      const auto& spec = models::metric_spec(m.kind);
      CHECK(m.name == models::metric_name(m.kind, m.subject));
      CHECK(m.unit == spec.unit);
      CHECK(m.better == spec.better);
      CHECK(m.group == spec.group);
      // Every placeholder of the description was filled.
      CHECK(m.description.find('{') == std::string::npos);
      CHECK_FALSE(m.description.empty());
    }
  }
}

TEST_CASE("contacts and hours a week are measured in contacts and hours, not ratios",
          "[catalogue]") {
  const auto summary = run_example("scenarios/examples/communication.json", 730);
  std::size_t per_week = 0;
  for (const auto& m : summary.metrics) {
    if (m.kind == MetricKind::kAgencyContactsPerWeek) {
      CHECK(std::string(models::unit_name(m.unit)) == "contacts_per_week");
      ++per_week;
    }
    if (m.kind == MetricKind::kAgencyHoursPerWeek)
      CHECK(std::string(models::unit_name(m.unit)) == "hours_per_week");
    if (m.kind == MetricKind::kContactsRequired)
      CHECK(std::string(models::unit_name(m.unit)) == "contacts");
    if (m.kind == MetricKind::kCaseload)
      CHECK(std::string(models::unit_name(m.unit)) == "cases_per_officer");
  }
  CHECK(per_week > 0);
}
