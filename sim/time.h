#pragma once

namespace sim {

// Simulated time in days (fractions allowed) since the scenario's start date.
// Calendar arithmetic (dates, working days) lives in calendar.h.
using Time = double;

inline constexpr Time kNever = 1e300;

}  // namespace sim
