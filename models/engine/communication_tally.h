#pragma once

#include <cstdint>
#include <vector>

#include "sim/running_stats.h"
#include "sim/sample.h"

namespace models {

// One agency's contact work in one week (weeks counted from the start date,
// week w covering days [7w, 7w + 7)). Counts are doubles so that the same
// row holds a mean over replications.
struct AgencyWeek {
  double required = 0;         // contacts raised this week
  double made = 0;             // contacts made this week
  double late = 0;             // of those made this week, made after their deadline
  double missed = 0;           // contacts missed this week: dropped, refused or lost (ContactFailures)
  double hours = 0;            // staff hours spent on contacts this week
  double capacity = 0;         // staff hours available for contacts this week (0 without staff)
  double staff_hours = 0;      // the pool's working hours this week, contacts or not
};

// A count of opportunities and of those taken (process compliance).
struct Opportunities {
  std::uint64_t offered = 0;
  std::uint64_t taken = 0;
};

// What communication with victims amounted to in one replication. Weekly
// rows cover the whole run (the summary drops the warm-up); per-victim
// figures count new reports made after the warm-up, as delays do.
struct CommunicationTally {
  std::vector<std::vector<AgencyWeek>> weeks;  // [agency][week]
  // Contacts for counted cases.
  std::uint64_t required = 0;
  std::uint64_t on_time = 0;
  std::uint64_t late = 0;
  std::uint64_t unmade = 0;                 // still not made at the horizon, already overdue
  std::uint64_t missed = 0;                 // never made: dropped, refused or lost (ContactFailures)
  sim::Sample longest_silence_days;         // per counted case: longest gap without a contact
  // Only the mean and the share above one are reported, and a national run
  // has millions of events: counted, not stored.
  sim::RunningStats agencies_per_event;     // distinct agencies contacting a victim per event
  std::uint64_t fragmented_events = 0;      // of those, with more than one agency
  std::vector<double> isva_caseload;        // by week: open ISVA-supported cases per ISVA
  Opportunities vps_offered;                // at report
  Opportunities vps_updated;                // before trial
  Opportunities bad_character;              // per charged case
  Opportunities protective_orders;          // per opportunity (charge, bail change, sentence)
  // ISVA places: new reports whose victim wanted an ISVA, and those who got one.
  std::uint64_t isva_wanted = 0;
  std::uint64_t isva_supported = 0;
  // Date changes (listings vacated or adjourned) and those told unexplained;
  // victims with at least one date change, and with at least one unexplained.
  std::uint64_t date_changes = 0;
  std::uint64_t unexplained_date_changes = 0;
  std::uint64_t victims_with_date_change = 0;
  std::uint64_t victims_with_unexplained_change = 0;
};

// The mean of each agency-week over replications, [agency][week]; a week a
// replication did not reach counts as zero in it.
// REQUIRES: every replication has the same agencies
inline std::vector<std::vector<AgencyWeek>> mean_agency_weeks(
    const std::vector<const CommunicationTally*>& replications) {
  std::vector<std::vector<AgencyWeek>> mean;
  if (replications.empty()) return mean;
  const double n = static_cast<double>(replications.size());
  mean.resize(replications.front()->weeks.size());
  for (const CommunicationTally* r : replications)
    for (std::size_t a = 0; a < r->weeks.size(); ++a) {
      if (mean[a].size() < r->weeks[a].size()) mean[a].resize(r->weeks[a].size());
      for (std::size_t w = 0; w < r->weeks[a].size(); ++w) {
        const AgencyWeek& x = r->weeks[a][w];
        AgencyWeek& m = mean[a][w];
        m.required += x.required / n;
        m.made += x.made / n;
        m.late += x.late / n;
        m.missed += x.missed / n;
        m.hours += x.hours / n;
        m.capacity += x.capacity / n;
        m.staff_hours += x.staff_hours / n;
      }
    }
  return mean;
}

}  // namespace models
