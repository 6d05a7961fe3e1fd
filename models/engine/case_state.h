#pragma once

#include <array>
#include <cstdint>

#include "models/engine/court_listings.h"
#include "models/scenario/scenario.h"
#include "sim/time.h"

namespace models {

// Where a case's section 28 recording stands, from PTPH to done. It outlives
// stage changes, so its events are put back after each cancel_all.
enum class Recording : std::uint8_t { kNone, kPlanned, kWaiting, kQueued, kBooked, kSitting, kDone };

inline constexpr std::uint64_t kInitialSerialBase = 1ull << 40;  // keeps new-report serials aligned
inline constexpr std::uint64_t kFreeSlot = ~0ull;                // serial of a recycled slot

// One open case in a replication (engine state; a slot is recycled when the
// case closes, marked by serial == kFreeSlot).
struct CaseState {
  std::uint64_t serial = 0;
  double report = 0;
  double stage_entry = 0;
  double ends_at = sim::kNever;      // the current stage's end, once known
  double withdraw_at = sim::kNever;  // the victim's withdrawal in this stage, if before the horizon
  double trial_ends = sim::kNever;   // while sitting
  double booked_end = 0;             // while sitting: the end the trial was booked for
  double recording_at = 0;           // kWaiting: when the recording is due to be listed
  double credit = 0;  // days of the current stage already done before start (initial cases)
  double offence_lag = sim::kNever;  // days from offence to report; kNever when not modelled
  std::uint32_t stage = 0;
  std::uint32_t type = 0;
  std::uint32_t step = 0;  // stage entries so far; names stage-bound draws
  bool isva = false;
  bool initial = false;
  bool counted = false;  // a new report of the counting cohort (counting_cohort.h)
  bool in_service = false;
  bool queued = false;
  bool sitting = false;           // in an effective trial, holding a room and a judge
  bool listed_before = false;     // has had a listing in the current stage
  bool awaiting_listing = false;  // in the listing queue (fixing window)
  std::uint8_t adjournments = 0;  // in the current listed stage
  CauseCounts cause_adjournments{};  // the same, by drawn cause (for persistence)
  std::uint8_t sit_group = 0;
  Recording recording = Recording::kNone;
  // The case's court history for cases.csv, kept by the Recorder.
  std::uint16_t hearings = 0, early_adjournments = 0, late_adjournments = 0;
  std::uint32_t victim = 0;  // the victim's account in VictimContacts
  double work_start = 0;     // when the current work stage was allocated
  bool allocated = false;    // has started work with an officer
  bool ever_listed = false;  // has been given a hearing date at least once
  double first_request = sim::kNever;  // when it first asked the courts for a date
  double first_date = sim::kNever;     // the first date it was given
  std::uint16_t protective_chances = 0;  // protective-order opportunities so far
  std::uint16_t instant_entries = 0;     // stage entries since the clock last moved
  CourtListings::Booking booking;
  CourtListings::Booking recording_booking;
  std::array<double, kMilestoneCount> milestone{};

  bool open() const { return serial != kFreeSlot; }
  // The victim's cross-examination has been (or is being) recorded.
  bool recorded() const { return recording == Recording::kSitting || recording == Recording::kDone; }
};

}  // namespace models
