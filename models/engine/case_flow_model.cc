#include "models/engine/case_flow_model.h"

#include <algorithm>
#include <cmath>

#include "models/engine/replication.h"

namespace models {

namespace {
constexpr double kDaysPerYear = 365.25;
}  // namespace

CaseFlowModel::CaseFlowModel(const Scenario& scenario)
    : scenario_(scenario),
      routing_(scenario),
      cracked_routing_(scenario, RoutingTable::Branches::kCracked),
      calendar_(scenario.meta.start_date),
      outcomes_(scenario.outcomes()) {
  // Names are resolved here, once, so that the event loop compares no strings.
  auto index_of = [&](const std::string& o) {
    return static_cast<std::int32_t>(std::find(outcomes_.begin(), outcomes_.end(), o) -
                                     outcomes_.begin());
  };
  for (const auto& s : scenario.stages) {
    const bool terminal = s.kind == StageKind::kTerminal;
    stage_outcome_.push_back(terminal ? index_of(s.outcome) : -1);
    convicts_.push_back(terminal && scenario.section_28 &&
                        s.outcome == scenario.section_28->conviction_outcome);
  }
  withdrawal_outcome_ = index_of(scenario.withdrawal.outcome);
  for (const DatedValues& d : scenario.dated)
    dated_.push_back({calendar_.time_of(d.from), d.values.get(), RoutingTable(*d.values),
                      RoutingTable(*d.values, RoutingTable::Branches::kCracked)});
  tabulate_report_rates();
}

// Reports a day before growth, by day: the month's seasonal factor and the
// steps in force, looked up once here rather than per arrival.
void CaseFlowModel::tabulate_report_rates() {
  const Scenario& scenario = scenario_;
  const auto& a = scenario.arrivals;
  growth_per_day_ = std::log1p(a.growth_per_year) / kDaysPerYear;
  const auto days = static_cast<std::size_t>(scenario.meta.horizon_days) + 1;
  daily_report_rate_.reserve(days);
  for (std::size_t day = 0; day < days; ++day) {
    const Date d = calendar_.date_of(static_cast<double>(day));
    const unsigned month = static_cast<unsigned>(std::chrono::year_month_day(d).month());
    double rate = a.reports_per_year / kDaysPerYear * a.seasonality[month - 1];
    for (const auto& step : a.steps)
      if (step.from <= d) rate *= step.factor;
    daily_report_rate_.push_back(rate);
  }
}

ReplicationResult CaseFlowModel::run(std::uint64_t replication, const RunOptions& options) const {
  return Replication(*this, replication, options).run();
}

}  // namespace models
