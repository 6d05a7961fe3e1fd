#pragma once

#include <string>
#include <vector>

#include "models/engine/communication_tally.h"
#include "sim/calendar.h"

namespace output {

// communication.csv: one row per week and agency (see README
// "communication.csv"): contacts required, made and late, and the staff hours
// they took against those available. `weeks` is [agency][week], usually the
// mean over replications (models::mean_agency_weeks); rows run to the longest
// agency's last week. With `missed` (a scenario whose contacts can fail) a
// `missed` column follows `late`.
std::string communication_csv(const sim::WorkingCalendar& calendar,
                              const std::vector<std::string>& agencies,
                              const std::vector<std::vector<models::AgencyWeek>>& weeks,
                              bool missed = false);

}  // namespace output
