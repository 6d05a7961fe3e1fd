#pragma once

// The ranges a number in a scenario may take, for Checker::number: each
// written once, for every section's reader.

namespace models::loading {

inline bool positive(double v) { return v > 0; }
inline bool non_negative(double v) { return v >= 0; }
inline bool unit_interval(double v) { return v >= 0 && v <= 1; }  // a probability or share
inline bool below_one(double v) { return v >= 0 && v < 1; }
inline bool at_least_one(double v) { return v >= 1; }
inline bool above_minus_one(double v) { return v > -1; }  // a yearly change: -100% is none left
inline bool up_to_a_century(double v) { return v > 0 && v <= 36525; }  // days
inline bool any_number(double) { return true; }

}  // namespace models::loading
