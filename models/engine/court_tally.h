#pragma once

#include <array>
#include <cstdint>

#include "models/scenario/scenario.h"
#include "sim/sample.h"

namespace models {

// Sitting days of one group of courtrooms (general or specialist).
struct RoomGroupTally {
  std::uint64_t listings = 0;
  double sitting_days_used = 0;       // by effective trials and section 28 recordings
  double sitting_days_available = 0;  // after lending
  double room_days_available = 0;
  double judge_days_available = 0;
  double sittings_lent = 0;           // idle sittings given to other work
};
inline constexpr std::size_t kGeneralRooms = 0, kSpecialistRooms = 1;

// What the courts did in one replication, counted from the end of the
// warm-up (hearing days on or after it).
struct CourtTally {
  std::uint64_t listings = 0;       // bookings made
  std::uint64_t hearing_days = 0;   // listed hearings that reached their day
  std::uint64_t effective = 0;
  std::uint64_t cracked = 0;
  std::uint64_t ineffective = 0;    // late adjournments
  std::uint64_t vacated = 0;        // early adjournments
  std::array<std::uint64_t, kAdjournmentCauseCount> late_by_cause{};
  std::array<std::uint64_t, kAdjournmentCauseCount> early_by_cause{};
  sim::Sample lead_time;            // days from ready to the listed date
  double sitting_days_used = 0;     // room-and-judge days of effective trials
  double sitting_days_available = 0;
  double room_days_available = 0;
  double judge_days_available = 0;
  std::uint64_t overruns = 0;       // effective trials that sat longer than booked
  std::uint64_t recordings = 0;     // section 28 cross-examinations recorded
  std::uint64_t recordings_moved = 0;  // recordings that found no room on the day
  // Trials ready before the horizon for which the whole diary (to three years
  // past it) had no run of their sitting days free: they wait for ever.
  // Counted from the start, warm-up included, since one stuck then is still
  // stuck.
  std::uint64_t undatable = 0;
  std::array<RoomGroupTally, 2> group{};  // [kGeneralRooms], [kSpecialistRooms]
};

}  // namespace models
