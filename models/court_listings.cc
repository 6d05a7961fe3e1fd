#include "models/court_listings.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace models {

namespace {

// The diary runs this far past the horizon, so a trial listed late in the
// run still gets a real date (it just sits after the horizon).
constexpr double kDiaryBeyondHorizonDays = 3 * 365.25;

CourtDiary make_diary(const Courts& courts, const std::vector<Pool>& pools,
                      const sim::WorkingCalendar& calendar, double horizon_days) {
  const Pool& rooms = pools[courts.rooms];
  const Pool* judges = courts.judges ? &pools[*courts.judges] : nullptr;
  std::vector<int> room_counts, judge_counts;
  const sim::Date last = calendar.date_of(horizon_days + kDiaryBeyondHorizonDays);
  // Other crime takes a share of the rooms' sitting days. Whole rooms sit,
  // so the RASSO part is rounded by carrying the remainder from day to day:
  // over a year the rooms given to RASSO average out to the share exactly.
  double carried = 0;
  for (sim::Date d = calendar.next_working_day(calendar.start()); d <= last;
       d = calendar.working_day_after(d)) {
    carried += rooms.count_at(d) * (1 - courts.other_work_share_at(d));
    const int rasso = static_cast<int>(std::floor(carried + 1e-9));
    carried -= rasso;
    room_counts.push_back(rasso);
    // Without a judges pool, rooms are the only limit.
    judge_counts.push_back(judges ? judges->count_at(d) : room_counts.back());
  }
  return CourtDiary(calendar, std::move(room_counts), std::move(judge_counts), courts.overlisting);
}

}  // namespace

AdjournmentCause pick_cause(const std::array<double, kDrawnCauseCount>& weights, double u) {
  double total = 0;
  for (double w : weights) total += w;
  double running = 0;
  for (std::size_t i = 0; i < kDrawnCauseCount; ++i) {
    running += weights[i];
    if (u * total < running) return static_cast<AdjournmentCause>(i);
  }
  for (std::size_t i = kDrawnCauseCount; i-- > 0;)
    if (weights[i] > 0) return static_cast<AdjournmentCause>(i);
  return AdjournmentCause::kOther;
}

CourtListings::CourtListings(const Courts& courts, const std::vector<Pool>& pools,
                             const sim::WorkingCalendar& calendar, double horizon_days,
                             double warmup_days)
    : diary_(make_diary(courts, pools, calendar, horizon_days)),
      warmup_(warmup_days),
      horizon_(horizon_days) {}

CourtListings::Booking CourtListings::list(const Listing& listing, sim::Time now, bool relisting,
                                           int adjournments, double u_notice, double u_length,
                                           double u_early, double u_when) {
  Booking b;
  const double notice = (relisting ? listing.relist_notice : listing.notice).quantile(u_notice);
  const double ready = now + notice;
  const double days = std::ceil(listing.sitting_days.quantile(u_length) - 1e-9);
  b.length = static_cast<std::uint16_t>(std::clamp(days, 1.0, 200.0));
  const auto day = diary_.find(diary_.first_day_at_or_after(ready), b.length);
  if (!day) return b;
  diary_.book(*day, b.length);
  b.day = static_cast<std::int32_t>(*day);
  b.at = diary_.time_of(*day);
  if (counted(now)) {
    ++tally_.listings;
    tally_.lead_time.add(b.at - ready);
  }
  const double repeat = std::pow(listing.repeat_multiplier, adjournments);
  const double p_early = std::min(1.0, listing.early_total() * repeat);
  if (u_early < p_early) {
    b.early = pick_cause(listing.early, u_early / p_early);
    b.vacate_at = now + u_when * (b.at - now);
  }
  return b;
}

void CourtListings::vacate(const Booking& booking, std::optional<AdjournmentCause> cause,
                           sim::Time now) {
  if (booking.day < 0) return;
  diary_.release(static_cast<std::size_t>(booking.day), booking.length);
  if (cause && counted(now)) {
    ++tally_.vacated;
    ++tally_.early_by_cause[static_cast<std::size_t>(*cause)];
  }
}

CourtListings::Hearing CourtListings::hear(const Listing& listing, const Booking& booking,
                                           int adjournments, double u) {
  assert(booking.day >= 0);
  const auto day = static_cast<std::size_t>(booking.day);
  const bool count = counted(booking.at);
  if (count) ++tally_.hearing_days;
  Hearing h;
  const double repeat = std::pow(listing.repeat_multiplier, adjournments);
  const double p_cracked = listing.cracked;
  const double p_late = std::min(1.0 - p_cracked, listing.late_total() * repeat);
  if (u < p_cracked) {
    h.result = Result::kCracked;
  } else if (u < p_cracked + p_late) {
    h.result = Result::kIneffective;
    h.cause = pick_cause(listing.late, (u - p_cracked) / p_late);
  } else if (sitting_ < diary_.sittings(day)) {
    h.result = Result::kEffective;
    ++sitting_;
    // The trial holds its room through its last sitting day.
    const std::size_t end = std::min(day + booking.length, diary_.days());
    h.ends = diary_.time_of(end - 1) + 1;
    for (std::size_t d = day; d < end; ++d)
      if (counted(diary_.time_of(d)) && diary_.time_of(d) < horizon_) ++tally_.sitting_days_used;
  } else {
    // Every room or judge is taken by trials that went ahead: the cost of
    // overlisting, decided by the diary, never by a probability.
    h.result = Result::kIneffective;
    h.cause = AdjournmentCause::kNoCourtroom;
  }
  if (count) {
    if (h.result == Result::kEffective) ++tally_.effective;
    if (h.result == Result::kCracked) ++tally_.cracked;
    if (h.result == Result::kIneffective) {
      ++tally_.ineffective;
      ++tally_.late_by_cause[static_cast<std::size_t>(h.cause)];
    }
  }
  return h;
}

CourtTally CourtListings::finish() {
  CourtTally out = tally_;
  for (std::size_t d = 0; d < diary_.days() && diary_.time_of(d) < horizon_; ++d) {
    if (!counted(diary_.time_of(d))) continue;
    out.sitting_days_available += diary_.sittings(d);
    out.room_days_available += diary_.rooms(d);
    out.judge_days_available += diary_.judges(d);
  }
  return out;
}

}  // namespace models
