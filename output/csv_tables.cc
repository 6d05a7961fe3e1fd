#include "output/csv_tables.h"

#include <fmt/format.h>

#include <cmath>

#include "models/scenario/counting_cohort.h"
#include "sim/calendar.h"

namespace output {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string cases_csv(const models::CaseFlowModel& model,
                      const std::vector<models::CaseRecord>& cases) {
  const models::Scenario& s = model.scenario();
  const models::CountingCohort cohort = models::counting_cohort(s.meta);
  // Which per-case figures count the case: today's caseload (initial), a
  // report in the warm-up, one of the counting cohort, or a report in the
  // follow-up after it (in time-based figures only).
  auto counting = [&](const models::CaseRecord& c) {
    const double report = c.milestone[static_cast<std::size_t>(models::Milestone::kReport)];
    return c.initial                    ? "initial"
           : report < cohort.first_report ? "warm_up"
           : cohort.contains(report)      ? "cohort"
                                          : "follow_up";
  };
  std::string out = "case_id,origin,counting,type,isva";
  for (std::size_t m = 0; m < models::kMilestoneCount; ++m)
    out += fmt::format(",{}_date", models::milestone_name(static_cast<models::Milestone>(m)));
  out += ",outcome,exit_stage,hearings,early_adjournments,late_adjournments,section_28";
  // Victim communication, only for scenarios that model it.
  const bool contacts = s.communication.has_value();
  out += contacts ? ",contacts,late_contacts,longest_silence_days\n" : "\n";
  for (const auto& c : cases) {
    const std::string id = c.initial ? s.initial_cases[c.serial].id : fmt::format("N{}", c.serial);
    out += fmt::format("{},{},{},{},{}", csv_field(id), c.initial ? "initial" : "new",
                       counting(c), s.case_types[c.type].name, c.isva ? "true" : "false");
    for (double t : c.milestone) {
      out += ',';
      if (!std::isnan(t)) out += sim::to_iso(model.calendar().date_of(t));
    }
    out += fmt::format(",{},{},{},{},{},{}", c.outcome < 0 ? "open" : model.outcomes()[c.outcome],
                       s.stages[c.last_stage].name, c.hearings, c.early_adjournments,
                       c.late_adjournments, c.section_28 ? "true" : "false");
    if (contacts)
      out += fmt::format(",{},{},{:.0f}", c.contacts, c.late_contacts, c.longest_silence_days);
    out += '\n';
  }
  return out;
}

std::string timeseries_csv(const models::CaseFlowModel& model, const models::WeekSeries& weeks) {
  std::string out = "week_start,day";
  for (const auto& n : weeks.names) out += "," + n;
  out += '\n';
  for (std::size_t w = 0; w < weeks.day.size(); ++w) {
    out += fmt::format("{},{:g}", sim::to_iso(model.calendar().date_of(weeks.day[w])), weeks.day[w]);
    for (const auto& series : weeks.mean) out += fmt::format(",{:.6g}", series[w]);
    out += '\n';
  }
  return out;
}

}  // namespace output
