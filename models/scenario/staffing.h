#pragma once

// Staff pools as people with hours, not just units: the scenario's
// "staffing" section, keyed by resource. A resource's count and changes stay
// its headcount over time (recruitment, vacancies); staffing adds the hours
// each person works, how much of them other duties take, and how caseload
// slows the stage work the pool does.

#include <cstddef>
#include <optional>
#include <vector>

#include "models/scenario/caseload.h"

namespace models {

inline constexpr double kWorkingDaysPerWeek = 5;

struct StaffPool {
  std::size_t pool = 0;          // resource index: its count and changes are the headcount
  double hours_per_week = 37;    // contracted hours per person; > 0 and <= 168
  double abstraction = 0;        // share of hours lost to other duties (training, leave,
                                 // other crime); in [0, 1)
  double contact_share = 1;      // share of the remaining hours that victim contacts (and
                                 // communication tasks) may take; in (0, 1]. 1 for a Witness
                                 // Care Unit, small for officers in the case, whose hours go
                                 // mostly to casework
  // When set, work stages on this pool share officers' time (models/scenario/caseload.h):
  // the resource's count is officers, who carry up to cap cases each.
  std::optional<Caseload> caseload;

  // Hours one person gives to victim contacts on a working day.
  double contact_hours_per_person_day() const {
    return hours_per_week / kWorkingDaysPerWeek * (1 - abstraction) * contact_share;
  }
  // Hours one person is at work (not abstracted) on a working day.
  double working_hours_per_person_day() const {
    return hours_per_week / kWorkingDaysPerWeek * (1 - abstraction);
  }
};

struct Staffing {
  std::vector<StaffPool> pools;  // at most one per resource

  // The staffing of resource `pool`, or null if it is counted in plain units.
  const StaffPool* of(std::size_t pool) const {
    for (const auto& p : pools)
      if (p.pool == pool) return &p;
    return nullptr;
  }
};

}  // namespace models
