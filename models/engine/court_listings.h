#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "models/engine/court_diary.h"
#include "models/engine/court_tally.h"
#include "models/scenario/scenario.h"
#include "sim/calendar.h"
#include "sim/event.h"

namespace models {

// Listing, vacating and hearing trials (and section 28 recordings) in the
// court diaries of the general and any specialist courtrooms, for one
// replication. The engine owns the cases and the clock and passes in the
// uniforms it drew from each case's own streams, so this class holds no
// randomness of its own and common random numbers carry through.
class CourtListings {
 public:
  // `section_28_specialist_only`: only the specialist rooms can record.
  // Lifetime: keeps a reference to `courts` (part of the scenario), which must
  // outlive this object; `pools` and `calendar` are read here only.
  CourtListings(const Courts& courts, const std::vector<Pool>& pools,
                const sim::WorkingCalendar& calendar, double horizon_days, double warmup_days,
                bool section_28_specialist_only = false);

  struct Booking {
    std::int32_t day = -1;  // sitting day index; -1 when not listed
    std::uint16_t length = 0;
    std::uint8_t group = kGeneralRooms;
    sim::Time at = 0;       // when the hearing sits
    // Set when the listing will be vacated before the day.
    std::optional<AdjournmentCause> early;
    sim::Time vacate_at = 0;
  };

  // A case asking for a date. `listing` is null for a section 28 recording,
  // which has no adjournment chances of its own.
  struct Request {
    sim::EntityId id = sim::kNoEntity;
    const Listing* listing = nullptr;
    sim::Time ready = 0;        // the earliest time it may sit
    std::uint16_t length = 1;   // sitting days
    std::size_t type = 0;       // case type, for specialist eligibility
    bool custody = false;
    sim::Time report = 0;       // for oldest-first
    bool relisting = false;
    int adjournments = 0;
    bool section_28_room = false;  // needs recording equipment
    double u_early = 1, u_when = 0;
    CauseFactors factors = kPlainCauses;  // the case's own, from Listing::persistence
    double u_move = 1, u_move_when = 0;   // for Listing::court_moves
  };

  // Gives the request a date now, or (under a fixing window, when no date
  // inside it is free) holds it in the listing queue for a later round.
  // A booking with day -1 and nothing queued means the diaries have no room
  // before they end (the case waits beyond the horizon).
  std::optional<Booking> request(const Request& r, sim::Time now);
  // Takes the listing queue in policy order and dates what now fits inside
  // the window. Returns the cases dated.
  struct Dated {
    sim::EntityId id = sim::kNoEntity;
    bool recording = false;  // a section 28 recording, not a trial
    Booking booking;
  };
  std::vector<Dated> round(sim::Time now);
  bool queued() const { return !queue_.empty(); }
  // Drops a queued request (the victim withdrew before it was dated).
  void unqueue(sim::EntityId id, bool recording);
  // When the next listing round is due: the next sitting day after `now`.
  sim::Time next_round(sim::Time now) const;

  // Gives the booking's days back (an early adjournment, or a withdrawal
  // before the day).
  void vacate(const Booking& booking, std::optional<AdjournmentCause> cause, sim::Time now);

  enum class Result { kEffective, kCracked, kIneffective };
  struct Hearing {
    Result result = Result::kEffective;
    AdjournmentCause cause = AdjournmentCause::kOther;  // when ineffective
    sim::Time ends = 0;                                  // when effective: the trial's end
    sim::Time booked_end = 0;                            // the end it was booked for
  };
  // The booked day has come: the trial cracks, is adjourned on the day, or
  // goes ahead if a room and a judge are free. `cracked_multiplier` carries
  // section 28's effect on late pleas; u_overrun and u_extra decide whether
  // an effective trial overruns and by how much.
  Hearing hear(const Listing& listing, const Booking& booking, int adjournments, double u,
               double cracked_multiplier, double u_overrun, double u_extra,
               const CauseFactors& factors = kPlainCauses);
  // A section 28 recording's day: it sits (holding a room and judge for the
  // day) if one is free; returns whether it did.
  bool record(const Booking& booking);

  // An effective trial or recording has ended (or its victim withdrew
  // during it). `booked_end` is Hearing::booked_end (for a recording, its
  // day's end).
  void end_sitting(std::uint8_t group, sim::Time booked_end);

  CourtTally finish();  // closes the accounts of sitting days at the horizon

 private:
  // One diary of courtrooms and the trials sitting in it now.
  struct Group {
    explicit Group(CourtDiary d) : diary(std::move(d)) {}
    CourtDiary diary;
    std::optional<double> lend_notice;  // lends idle sittings this many days ahead
    std::size_t lent_through = 0;       // days before this have been settled
    double early_multiplier = 1, late_multiplier = 1;
    std::vector<bool> eligible;         // per case type; empty: every type
    bool section_28 = true;
    int sitting = 0;                     // trials and recordings holding a room now
    std::multiset<sim::Time> booked_ends;  // of those sitting, to tell overruns apart
  };
  using Key = std::tuple<int, double, std::uint64_t>;
  struct Queued {
    Key key;
    Request request;
  };

  bool counted(sim::Time t) const { return t >= warmup_; }
  bool allowed(const Group& g, const Request& r) const;
  Key key_of(const Request& r);
  // The earliest free run for the request across the groups it may use, no
  // later than `latest`; ties go to the specialist rooms.
  std::optional<Booking> find(const Request& r, sim::Time now, sim::Time latest) const;
  Booking book(const Request& r, Booking b, sim::Time now);
  void move_by_court(const CourtMoves& moves, const Request& r, Booking& b, sim::Time now) const;
  Hearing sit(const Listing& listing, const Booking& booking, double u_overrun, double u_extra,
              bool count);
  void settle_lending(sim::Time now);

  const Courts& courts_;
  std::vector<Group> groups_;
  double warmup_;
  double horizon_;
  std::vector<Queued> queue_;
  std::uint64_t sequence_ = 0;
  CourtTally tally_;
};

// Picks a cause in proportion to `weights` (which need not sum to 1) with u in [0, 1).
AdjournmentCause pick_cause(const std::array<double, kDrawnCauseCount>& weights, double u);
// The same for the court's moves of fixed trials.
AdjournmentCause pick_court_move(const std::array<double, kCourtMoveCauseCount>& weights, double u);

}  // namespace models
