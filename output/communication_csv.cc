#include "output/communication_csv.h"

#include <fmt/format.h>

#include <algorithm>

#include "output/csv_tables.h"

namespace output {

std::string communication_csv(const sim::WorkingCalendar& calendar,
                              const std::vector<std::string>& agencies,
                              const std::vector<std::vector<models::AgencyWeek>>& weeks,
                              bool missed) {
  std::string out = missed ? "week_start,day,agency,required,made,late,missed,hours,capacity,"
                             "staff_hours\n"
                           : "week_start,day,agency,required,made,late,hours,capacity,staff_hours\n";
  std::size_t rows = 0;
  for (const auto& a : weeks) rows = std::max(rows, a.size());
  const models::AgencyWeek zero;
  for (std::size_t w = 0; w < rows; ++w) {
    const int day = static_cast<int>(w * 7);
    const std::string start = sim::to_iso(calendar.start() + std::chrono::days{day});
    for (std::size_t a = 0; a < weeks.size() && a < agencies.size(); ++a) {
      const models::AgencyWeek& x = w < weeks[a].size() ? weeks[a][w] : zero;
      out += fmt::format("{},{},{},{:.6g},{:.6g},{:.6g},", start, day, csv_field(agencies[a]),
                         x.required, x.made, x.late);
      if (missed) out += fmt::format("{:.6g},", x.missed);
      out += fmt::format("{:.6g},{:.6g},{:.6g}\n", x.hours, x.capacity, x.staff_hours);
    }
  }
  return out;
}

}  // namespace output
