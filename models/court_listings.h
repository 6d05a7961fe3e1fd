#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "models/court_diary.h"
#include "models/court_tally.h"
#include "models/scenario.h"
#include "sim/calendar.h"

namespace models {

// Listing, vacating and hearing trials in the court diary, for one
// replication. The engine owns the cases and the clock and passes in the
// uniforms it drew from each case's own streams, so this class holds no
// randomness of its own and common random numbers carry through.
class CourtListings {
 public:
  CourtListings(const Courts& courts, const std::vector<Pool>& pools,
                const sim::WorkingCalendar& calendar, double horizon_days, double warmup_days);

  struct Booking {
    std::int32_t day = -1;  // sitting day index; -1 when not listed
    std::uint16_t length = 0;
    sim::Time at = 0;       // when the hearing sits
    // Set when the listing will be vacated before the day.
    std::optional<AdjournmentCause> early;
    sim::Time vacate_at = 0;
  };

  // Lists a case that becomes ready after the notice drawn with u_notice.
  // `adjournments` so far raise the adjournment chances by the listing's
  // repeat multiplier. Returns day -1 when the diary has no room before its
  // end (the case then waits beyond the horizon).
  Booking list(const Listing& listing, sim::Time now, bool relisting, int adjournments,
               double u_notice, double u_length, double u_early, double u_when);

  // Gives the booking's days back (an early adjournment, or a withdrawal
  // before the day).
  void vacate(const Booking& booking, std::optional<AdjournmentCause> cause, sim::Time now);

  enum class Result { kEffective, kCracked, kIneffective };
  struct Hearing {
    Result result = Result::kEffective;
    AdjournmentCause cause = AdjournmentCause::kOther;  // when ineffective
    sim::Time ends = 0;                                  // when effective: the trial's end
  };
  // The booked day has come: the trial cracks, is adjourned on the day, or
  // goes ahead if a room and a judge are free.
  Hearing hear(const Listing& listing, const Booking& booking, int adjournments, double u);

  // An effective trial has ended (or its victim withdrew during it).
  void end_trial() { --sitting_; }

  const CourtTally& tally() const { return tally_; }
  CourtTally finish();  // closes the accounts of sitting days at the horizon

 private:
  bool counted(sim::Time t) const { return t >= warmup_; }

  CourtDiary diary_;
  double warmup_;
  double horizon_;
  int sitting_ = 0;  // effective trials holding a room and a judge now
  CourtTally tally_;
};

// Picks a cause in proportion to `weights` (which need not sum to 1) with u in [0, 1).
AdjournmentCause pick_cause(const std::array<double, kDrawnCauseCount>& weights, double u);

}  // namespace models
