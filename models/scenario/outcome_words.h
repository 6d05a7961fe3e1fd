#pragma once

// Outcome names with a meaning beyond their own stage: the funnel, the
// conviction counts and the calibration read them. A scenario that names its
// outcomes otherwise leaves those figures at zero (the manual says so).

namespace models {

inline constexpr const char* kConvictedOutcome = "convicted";     // at trial
inline constexpr const char* kAcquittedOutcome = "acquitted";     // at trial
inline constexpr const char* kGuiltyPleaOutcome = "guilty_plea";  // a conviction without trial
inline constexpr const char* kChargeRefusedOutcome = "cps_nfa";   // the CPS decided not to charge

}  // namespace models
