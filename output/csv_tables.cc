#include "output/csv_tables.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <string_view>
#include <vector>

#include "models/scenario/counting_cohort.h"
#include "sim/calendar.h"

namespace output {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

namespace {

// Dates as text, each day's worked out once: a national cases.csv writes
// millions of dates over a few thousand days. Days from `first` on are kept
// (a case's offence can be a century before its report); any other day is
// written as it comes.
class IsoDates {
 public:
  explicit IsoDates(sim::Date first) : first_(first.time_since_epoch().count()) {}
  void append(std::string& out, sim::Date date) {
    const auto day = date.time_since_epoch().count();
    if (day < first_ || day - first_ >= kMaxDays) {
      out += sim::to_iso(date);
      return;
    }
    const auto i = static_cast<std::size_t>(day - first_);
    if (text_.size() <= i) text_.resize(i + 1);
    Text& t = text_[i];
    if (!t.known) {
      const std::string iso = sim::to_iso(date);
      if (iso.size() != t.chars.size()) {  // outside years 0-9999: not kept
        out += iso;
        return;
      }
      std::copy(iso.begin(), iso.end(), t.chars.begin());
      t.known = true;
    }
    out.append(t.chars.data(), t.chars.size());
  }

 private:
  static constexpr std::int64_t kMaxDays = 1 << 20;
  struct Text {
    std::array<char, 10> chars;
    bool known = false;
  };
  std::int64_t first_;
  std::vector<Text> text_;
};

}  // namespace

std::string cases_csv(const models::CaseFlowModel& model,
                      const std::vector<models::CaseRecord>& cases, const CasesPart& part) {
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
  const std::string lead = part.replication ? fmt::format("{},", *part.replication) : "";
  std::string out = part.replication ? "replication,case_id,origin,counting,type,isva"
                                     : "case_id,origin,counting,type,isva";
  for (std::size_t m = 0; m < models::kMilestoneCount; ++m)
    out += fmt::format(",{}_date", models::milestone_name(static_cast<models::Milestone>(m)));
  out += ",outcome,exit_stage,hearings,early_adjournments,late_adjournments,section_28";
  // Victim communication, only for scenarios that model it.
  const bool contacts = s.communication.has_value();
  if (contacts) out += ",contacts,late_contacts,longest_silence_days";
  // The offence's date, only for scenarios whose case types give one.
  const bool offence = s.offence_dates();
  out += offence ? ",offence_date\n" : "\n";
  // A national run writes hundreds of thousands of rows: appended piece by
  // piece, as fmt::format would write them, without parsing a format string
  // or making a string per field (that was a third of a 2-year national run).
  const auto field = [&out](std::string_view text) {
    out += ',';
    out += text;
  };
  const auto digits = [&out](auto n) {
    char text[24];
    out.append(text, std::to_chars(text, text + sizeof text, n).ptr);
  };
  const auto number = [&](auto n) {
    out += ',';
    digits(n);
  };
  if (!part.header) out.clear();
  IsoDates dates(model.calendar().start() - std::chrono::days{40000});
  for (const auto& c : cases) {
    out += lead;
    if (c.initial) {
      out += csv_field(s.initial_cases[c.serial].id);
    } else {
      out += 'N';
      digits(c.serial);
    }
    field(c.initial ? "initial" : "new");
    field(counting(c));
    field(s.case_types[c.type].name);
    field(c.isva ? "true" : "false");
    for (double t : c.milestone) {
      out += ',';
      if (!std::isnan(t)) dates.append(out, model.calendar().date_of(t));
    }
    field(c.outcome < 0 ? "open" : model.outcomes()[c.outcome]);
    field(s.stages[c.last_stage].name);
    number(c.hearings);
    number(c.early_adjournments);
    number(c.late_adjournments);
    field(c.section_28 ? "true" : "false");
    if (contacts) {
      number(c.contacts);
      number(c.late_contacts);
      // Mostly whole days: written as the integer they are ("{:.0f}" writes
      // the same); a fraction, NaN or -0 goes through fmt.
      const double silence = c.longest_silence_days;
      if (std::abs(silence) < 1e15 && silence == std::floor(silence) && !std::signbit(silence))
        number(static_cast<std::int64_t>(silence));
      else
        fmt::format_to(std::back_inserter(out), ",{:.0f}", silence);
    }
    if (offence) {
      out += ',';
      const double report = c.milestone[static_cast<std::size_t>(models::Milestone::kReport)];
      if (!std::isnan(c.offence_lag)) dates.append(out, model.calendar().date_of(report - c.offence_lag));
    }
    out += '\n';
  }
  return out;
}

namespace {
// The shortest text that reads back as the same double; empty where there is
// no figure, which R (NA), pandas (NaN) and Excel (blank) all read as missing.
std::string cell(double v) {
  return std::isfinite(v) ? fmt::format("{}", v) : std::string();
}
}  // namespace

std::string summary_csv(const models::RunSummary& summary) {
  std::string out = "metric,unit,mean,ci_low,ci_high,median,p90,n,better,group,description\n";
  for (const auto& m : summary.metrics)
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(m.name),
                       models::unit_name(m.unit), cell(m.mean), cell(m.ci_low), cell(m.ci_high),
                       cell(m.median), cell(m.p90), m.n, models::better_name(m.better),
                       models::metric_group_name(m.group), csv_field(m.description));
  return out;
}

std::string replications_csv(const models::RunSummary& summary) {
  std::string out = "replication,metric,unit,value\n";
  for (const auto& m : summary.metrics)
    for (std::size_t r = 0; r < m.per_replication.size(); ++r)
      out += fmt::format("{},{},{},{}\n", r + 1, csv_field(m.name), models::unit_name(m.unit),
                         cell(m.per_replication[r]));
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
