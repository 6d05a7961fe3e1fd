#include "models/engine/court_listings.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace models {

namespace {

// The diary runs this far past the horizon, so a trial listed late in the
// run still gets a real date (it just sits after the horizon).
constexpr double kDiaryBeyondHorizonDays = 3 * 365.25;

// Other crime's rooms, day by day, taken as whole rooms for runs of
// `run_days` sitting days: a run starts in a free room once other work's
// share of room-days has built up a whole run, so over a year the share is
// met exactly and RASSO keeps runs of free days for its multi-day trials.
class OtherWorkRuns {
 public:
  explicit OtherWorkRuns(const OtherWork& w) : work_(w) {}
  // Rooms other work sits in on `d`, of the `rooms` there are.
  int take(sim::Date d, int rooms) {
    for (int& left : running_) --left;
    std::erase_if(running_, [](int left) { return left <= 0; });
    owed_ += rooms * work_.share_at(d);
    const int length = static_cast<int>(std::ceil(work_.run_days - 1e-9));
    while (owed_ >= work_.run_days - 1e-9 && static_cast<int>(running_.size()) < rooms) {
      running_.push_back(length);
      owed_ -= work_.run_days;
    }
    return std::min(rooms, static_cast<int>(running_.size()));
  }

 private:
  OtherWork work_;
  std::vector<int> running_;  // sitting days left in each room's run, today's included
  double owed_ = 0;           // room-days other work is due and has not yet taken
};

// `other_work` is the share of the rooms' days that other crime takes out
// of RASSO's reach before any listing (null for none).
CourtDiary make_diary(const Pool& rooms, const Pool* judges, const Courts& courts,
                      const OtherWork* other_work, const sim::WorkingCalendar& calendar,
                      double horizon_days) {
  std::vector<int> room_counts, judge_counts;
  const sim::Date last = calendar.date_of(horizon_days + kDiaryBeyondHorizonDays);
  const bool runs = other_work && other_work->run_days > 1;
  OtherWorkRuns taken(runs ? *other_work : OtherWork{});
  // Whole rooms sit, so without runs the RASSO part is rounded by carrying
  // the remainder from day to day: over a year the rooms given to RASSO
  // average out to the share exactly.
  double carried = 0;
  for (sim::Date d = calendar.next_working_day(calendar.start()); d <= last;
       d = calendar.working_day_after(d)) {
    int rasso = 0;
    if (runs) {
      rasso = rooms.count_at(d) - taken.take(d, rooms.count_at(d));
    } else {
      carried += rooms.count_at(d) * (other_work ? 1 - other_work->share_at(d) : 1.0);
      rasso = static_cast<int>(std::floor(carried + 1e-9));
      carried -= rasso;
    }
    room_counts.push_back(rasso);
    // Without a judges pool, rooms are the only limit.
    judge_counts.push_back(judges ? judges->count_at(d) : room_counts.back());
  }
  return CourtDiary(calendar, std::move(room_counts), std::move(judge_counts), courts.overlisting,
                    courts.overlisting_on_average);
}

// A queued request that is already ready and fails for some length fails
// for every longer one in the same rooms: remembered per set of groups.
constexpr std::size_t kGroupSets = 4;

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

AdjournmentCause pick_court_move(const std::array<double, kCourtMoveCauseCount>& weights,
                                 double u) {
  double total = 0;
  for (double w : weights) total += w;
  double running = 0;
  std::size_t last = 0;
  for (std::size_t i = 0; i < kCourtMoveCauseCount; ++i) {
    if (weights[i] <= 0) continue;
    last = i;
    running += weights[i];
    if (u * total < running) break;
  }
  return static_cast<AdjournmentCause>(kOnTheDayCauseCount + last);
}

CourtListings::CourtListings(const Courts& courts, const std::vector<Pool>& pools,
                             const sim::WorkingCalendar& calendar, double horizon_days,
                             double warmup_days, bool section_28_specialist_only)
    : courts_(courts), warmup_(warmup_days), horizon_(horizon_days) {
  const bool rasso_first = courts.policy == ListingPolicy::kRassoPriority;
  Group general{make_diary(pools[courts.rooms], courts.judges ? &pools[*courts.judges] : nullptr,
                           courts, rasso_first ? nullptr : &courts.other_work, calendar,
                           horizon_days)};
  if (rasso_first) general.lend_notice = courts.lend_notice_days;
  groups_.push_back(std::move(general));
  if (const auto& sp = courts.specialist) {
    Group specialist{make_diary(pools[sp->rooms], sp->judges ? &pools[*sp->judges] : nullptr,
                                courts, &sp->other_work, calendar, horizon_days)};
    if (sp->mode == SpecialistMode::kDesignated) specialist.lend_notice = courts.lend_notice_days;
    specialist.early_multiplier = sp->early_multiplier;
    specialist.late_multiplier = sp->late_multiplier;
    specialist.eligible = sp->eligible;
    groups_.push_back(std::move(specialist));
    if (section_28_specialist_only) groups_[kGeneralRooms].section_28 = false;
  }
}

bool CourtListings::allowed(const Group& g, const Request& r) const {
  if (r.section_28_room && !g.section_28) return false;
  return g.eligible.empty() || g.eligible[r.type];
}

CourtListings::Key CourtListings::key_of(const Request& r) {
  const bool custody_first = courts_.policy == ListingPolicy::kCustodyFirst;
  const bool relist_first = r.listing && r.listing->relist_first && r.relisting;
  const int rank = (relist_first ? 0 : 2) + (custody_first && r.custody ? 0 : 1);
  const double when = courts_.policy == ListingPolicy::kOldestFirst ? r.report : r.ready;
  return {rank, when, sequence_++};
}

std::optional<CourtListings::Booking> CourtListings::find(const Request& r, sim::Time now,
                                                          sim::Time latest) const {
  // A queued request that became ready in the past gets tomorrow at the
  // earliest.
  const sim::Time earliest = std::max(r.ready, now + 1e-9);
  std::optional<Booking> best;
  // Specialist rooms are looked at first so that a tie goes to them.
  for (std::size_t g = groups_.size(); g-- > 0;) {
    const Group& group = groups_[g];
    if (!allowed(group, r)) continue;
    const CourtDiary& diary = group.diary;
    const auto day = diary.find(diary.first_day_at_or_after(earliest), r.length);
    if (!day || diary.time_of(*day) > latest) continue;
    if (best && diary.time_of(*day) >= best->at) continue;
    Booking b;
    b.day = static_cast<std::int32_t>(*day);
    b.length = r.length;
    b.group = static_cast<std::uint8_t>(g);
    b.at = diary.time_of(*day);
    best = b;
  }
  return best;
}

CourtListings::Booking CourtListings::book(const Request& r, Booking b, sim::Time now) {
  Group& g = groups_[b.group];
  g.diary.book(static_cast<std::size_t>(b.day), b.length);
  if (!r.listing) return b;
  if (counted(now)) {
    ++tally_.listings;
    ++tally_.group[b.group].listings;
    tally_.lead_time.add(b.at - r.ready);
  }
  const Listing& listing = *r.listing;
  const double p_early = listing.early_probability(r.adjournments, g.early_multiplier, r.factors);
  if (r.u_early < p_early) {
    b.early = pick_cause(listing.early_weights(r.factors), r.u_early / p_early);
    b.vacate_at = now + r.u_when * (b.at - now);
  }
  if (listing.court_moves) move_by_court(*listing.court_moves, r, b, now);
  return b;
}

// The court may move the fixed trial before its day, whatever the case does;
// whichever vacates the listing first gives the cause.
void CourtListings::move_by_court(const CourtMoves& moves, const Request& r, Booking& b,
                                  sim::Time now) const {
  const double p = std::min(1.0, moves.total());
  if (r.u_move >= p) return;
  const sim::Time at = moves.notice
                           ? std::max(now, b.at - std::max(0.0, moves.notice->quantile(r.u_move_when)))
                           : now + r.u_move_when * (b.at - now);
  if (b.early && b.vacate_at <= at) return;
  b.early = pick_court_move(moves.chance, r.u_move / p);
  b.vacate_at = at;
}

std::optional<CourtListings::Booking> CourtListings::request(const Request& r, sim::Time now) {
  settle_lending(now);
  if (courts_.fix_ahead_days) {
    // Queued, a trial no day of the diary can ever seat would wait unseen in
    // every round: it is counted as undatable instead, as below. (Beyond the
    // fixing window the diary is empty, so this finds a day at once.)
    if (!r.listing || find(r, now, sim::kNever)) {
      queue_.push_back({key_of(r), r});
      return std::nullopt;
    }
  } else if (auto b = find(r, now, sim::kNever)) {
    return book(r, *b, now);
  }
  // Ready after the horizon, a trial can run out of diary on its own notice:
  // only one ready before it, with three years of diary ahead, is stuck.
  if (r.listing && std::max(r.ready, now) < horizon_) ++tally_.undatable;
  return Booking{};
}

std::vector<CourtListings::Dated> CourtListings::round(sim::Time now) {
  settle_lending(now);
  std::vector<Dated> dated;
  std::sort(queue_.begin(), queue_.end(),
            [](const Queued& a, const Queued& b) { return a.key < b.key; });
  const sim::Time latest = now + courts_.fix_ahead_days.value_or(sim::kNever);
  std::array<std::uint16_t, kGroupSets> failed;
  failed.fill(std::numeric_limits<std::uint16_t>::max());
  std::size_t kept = 0;
  for (std::size_t i = 0; i < queue_.size(); ++i) {
    const Request& r = queue_[i].request;
    std::size_t set = 0;
    for (std::size_t g = 0; g < groups_.size(); ++g)
      if (allowed(groups_[g], r)) set |= std::size_t{1} << g;
    const bool ready = r.ready <= now;
    std::optional<Booking> b;
    if (!ready || r.length < failed[set]) b = find(r, now, latest);
    if (b) {
      dated.push_back({r.id, r.listing == nullptr, book(r, *b, now)});
      continue;
    }
    if (ready) failed[set] = std::min(failed[set], r.length);
    queue_[kept++] = std::move(queue_[i]);
  }
  queue_.resize(kept);
  return dated;
}

void CourtListings::unqueue(sim::EntityId id, bool recording) {
  std::erase_if(queue_, [id, recording](const Queued& q) {
    return q.request.id == id && (q.request.listing == nullptr) == recording;
  });
}

sim::Time CourtListings::next_round(sim::Time now) const {
  const CourtDiary& diary = groups_[kGeneralRooms].diary;
  const std::size_t day = diary.first_day_at_or_after(now + 1e-9);
  return day < diary.days() ? diary.time_of(day) : sim::kNever;
}

void CourtListings::settle_lending(sim::Time now) {
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    Group& group = groups_[g];
    if (!group.lend_notice) continue;
    const std::size_t until = group.diary.first_day_at_or_after(now + *group.lend_notice);
    for (; group.lent_through < until; ++group.lent_through) {
      const std::size_t d = group.lent_through;
      const int lent = group.diary.lend_idle(d);
      const sim::Time t = group.diary.time_of(d);
      if (counted(t) && t < horizon_) tally_.group[g].sittings_lent += lent;
    }
  }
}

void CourtListings::vacate(const Booking& booking, std::optional<AdjournmentCause> cause,
                           sim::Time now) {
  if (booking.day < 0) return;
  groups_[booking.group].diary.release(static_cast<std::size_t>(booking.day), booking.length);
  if (cause && counted(now)) {
    ++tally_.vacated;
    ++tally_.early_by_cause[static_cast<std::size_t>(*cause)];
  }
}

CourtListings::Hearing CourtListings::hear(const Listing& listing, const Booking& booking,
                                           int adjournments, double u, double cracked_multiplier,
                                           double u_overrun, double u_extra,
                                           const CauseFactors& factors) {
  assert(booking.day >= 0);
  settle_lending(booking.at);
  Group& g = groups_[booking.group];
  const CourtDiary& diary = g.diary;
  const auto day = static_cast<std::size_t>(booking.day);
  const bool count = counted(booking.at);
  if (count) ++tally_.hearing_days;
  Hearing h;
  const double p_cracked = listing.cracked_probability(cracked_multiplier);
  const double p_late =
      listing.late_probability(p_cracked, adjournments, g.late_multiplier, factors);
  if (u < p_cracked) {
    h.result = Result::kCracked;
  } else if (u < p_cracked + p_late) {
    h.result = Result::kIneffective;
    h.cause = pick_cause(listing.late_weights(factors), (u - p_cracked) / p_late);
  } else if (g.sitting < diary.sittings(day)) {
    h = sit(listing, booking, u_overrun, u_extra, count);
  } else {
    // Every room or judge is taken by trials that went ahead: the cost of
    // overlisting, or of a trial still sitting past its booked days. Decided
    // by the diary, never by a probability.
    h.result = Result::kIneffective;
    const bool overrun = !g.booked_ends.empty() && *g.booked_ends.begin() <= booking.at;
    h.cause = overrun ? AdjournmentCause::kOverrun : AdjournmentCause::kNoCourtroom;
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

// The trial goes ahead: it takes a room and a judge through its last sitting
// day, and may overrun its booked days.
// REQUIRES: the group has a sitting free on the booked day
CourtListings::Hearing CourtListings::sit(const Listing& listing, const Booking& booking,
                                          double u_overrun, double u_extra, bool count) {
  Group& g = groups_[booking.group];
  const CourtDiary& diary = g.diary;
  const auto day = static_cast<std::size_t>(booking.day);
  Hearing h;
  h.result = Result::kEffective;
  ++g.sitting;
  std::size_t extra = 0;
  if (u_overrun < listing.overrun) {
    extra = static_cast<std::size_t>(
        std::max(1.0, std::ceil(listing.overrun_days.quantile(u_extra) - 1e-9)));
    if (count) ++tally_.overruns;
  }
  const std::size_t booked_end = std::min(day + booking.length, diary.days());
  const std::size_t end = std::min(booked_end + extra, diary.days());
  h.booked_end = diary.time_of(booked_end - 1) + 1;
  h.ends = diary.time_of(end - 1) + 1;
  g.booked_ends.insert(h.booked_end);
  for (std::size_t d = day; d < end; ++d)
    if (counted(diary.time_of(d)) && diary.time_of(d) < horizon_) {
      ++tally_.sitting_days_used;
      ++tally_.group[booking.group].sitting_days_used;
    }
  return h;
}

bool CourtListings::record(const Booking& booking) {
  assert(booking.day >= 0);
  settle_lending(booking.at);
  Group& g = groups_[booking.group];
  const bool count = counted(booking.at) && booking.at < horizon_;
  if (g.sitting >= g.diary.sittings(static_cast<std::size_t>(booking.day))) {
    if (count) ++tally_.recordings_moved;
    return false;
  }
  ++g.sitting;
  g.booked_ends.insert(booking.at + 1);
  if (count) {
    ++tally_.recordings;
    ++tally_.sitting_days_used;
    ++tally_.group[booking.group].sitting_days_used;
  }
  return true;
}

void CourtListings::end_sitting(std::uint8_t group, sim::Time booked_end) {
  Group& g = groups_[group];
  --g.sitting;
  const auto it = g.booked_ends.find(booked_end);
  if (it != g.booked_ends.end()) g.booked_ends.erase(it);
}

CourtTally CourtListings::finish() {
  settle_lending(horizon_);
  CourtTally out = tally_;
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    const CourtDiary& diary = groups_[g].diary;
    RoomGroupTally& t = out.group[g];
    for (std::size_t d = 0; d < diary.days() && diary.time_of(d) < horizon_; ++d) {
      if (!counted(diary.time_of(d))) continue;
      t.sitting_days_available += diary.sittings(d);
      t.room_days_available += diary.rooms(d);
      t.judge_days_available += diary.judges(d);
    }
    out.sitting_days_available += t.sitting_days_available;
    out.room_days_available += t.room_days_available;
    out.judge_days_available += t.judge_days_available;
  }
  return out;
}

}  // namespace models
