#include "models/engine/case_flow_model.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

#include "models/scenario/caseload.h"
#include "models/engine/court_listings.h"
#include "models/engine/victim_contacts.h"
#include "sim/random_stream.h"
#include "sim/resource.h"
#include "sim/simulator.h"

namespace models {

namespace {

constexpr double kDaysPerYear = 365.25;
using sim::kNever;

enum EventKind : std::uint16_t {
  kArrival,
  kStageEnd,
  kWithdraw,
  kCapacity,
  kSnapshot,
  kHearing,  // a listed hearing's day has come
  kVacate,   // a listing is vacated before its day (early adjournment)
  kTrialEnd, // an effective trial has sat its last day
  kListingRound,   // the listing office dates queued trials (fixing window)
  kRecordingReady, // a section 28 recording is due to be listed
  kRecording,      // a section 28 recording's day
  kRecordingEnd,   // the recording has given its room back
  kContactDay,     // a day boundary for victim contacts: plans due, desks' work
};

// Same-time order: capacity first (so a new officer is there for work due that
// day), then completions and trial ends (releases before seizes: a room freed
// overnight is free for the morning's hearings), withdrawals, vacated
// listings, the listing round, the day's hearings in the order they were
// listed, new reports, and the weekly snapshot last so it sees the day's
// changes.
constexpr std::uint16_t kRankCapacity = 0, kRankStageEnd = 1, kRankWithdraw = 2,
                        kRankVacate = 3, kRankListing = 4, kRankHearing = 5, kRankArrival = 6,
                        kRankSnapshot = 7;

// Random-number purposes per case. Stage-bound draws also mix in the stage's
// stable purpose and the case's step, so each draw has its own stream name.
enum DrawKind : std::uint64_t {
  kDrawType = 1,
  kDrawIsva,
  kDrawDuration,
  kDrawBranch,
  kDrawWithdraw,
  kDrawNotice,
  kDrawLength,
  kDrawEarly,
  kDrawWhen,
  kDrawHearing,
  kDrawCracked,
  kDrawOverrun,
  kDrawOverrunDays,
  kDrawSection28,
  kDrawRecordingWhen,
  kDrawWithdrawRecorded,  // the withdrawal redrawn once the recording is made
  kDrawVpsOffered,
  kDrawVpsUpdated,
  kDrawBadCharacter,
  kDrawProtectiveOrders,  // mixed with the case's count of opportunities so far
};
constexpr std::uint64_t kArrivalEntity = ~0ull;        // the report process itself
constexpr std::uint64_t kInitialSerialBase = 1ull << 40;  // keeps new-report serials aligned
constexpr std::uint64_t kFreeSlot = ~0ull;                // serial of a recycled slot

}  // namespace

CaseFlowModel::CaseFlowModel(const Scenario& scenario)
    : scenario_(scenario),
      routing_(scenario),
      cracked_routing_(scenario, RoutingTable::Branches::kCracked),
      calendar_(scenario.meta.start_date),
      outcomes_(scenario.outcomes()) {
  auto index_of = [&](const std::string& o) {
    return static_cast<std::int32_t>(std::find(outcomes_.begin(), outcomes_.end(), o) -
                                     outcomes_.begin());
  };
  for (const auto& s : scenario.stages)
    stage_outcome_.push_back(s.kind == StageKind::kTerminal ? index_of(s.outcome) : -1);
  withdrawal_outcome_ = index_of(scenario.withdrawal.outcome);

  const auto& a = scenario.arrivals;
  growth_per_day_ = std::log1p(a.growth_per_year) / kDaysPerYear;
  const auto days = static_cast<std::size_t>(scenario.meta.horizon_days) + 1;
  daily_report_rate_.reserve(days);
  for (std::size_t day = 0; day < days; ++day) {
    const Date d = calendar_.date_of(static_cast<double>(day));
    const unsigned month = static_cast<unsigned>(std::chrono::year_month_day(d).month());
    double rate = a.reports_per_year / kDaysPerYear * a.seasonality[month - 1];
    for (const auto& step : a.steps)
      if (step.from <= d) rate *= step.factor;
    daily_report_rate_.push_back(rate);
  }
}

// The state of one replication and its event handlers.
class Replication {
 public:
  Replication(const CaseFlowModel& model, std::uint64_t replication, const RunOptions& options)
      : m_(model),
        s_(model.scenario_),
        rep_(replication),
        options_(options),
        arrivals_(s_.meta.seed, replication, kArrivalEntity, 1) {
    for (std::size_t p = 0; p < s_.pools.size(); ++p) {
      const StaffPool* staff = s_.staffing.of(p);
      caseload_.push_back(staff && staff->caseload ? &*staff->caseload : nullptr);
      headcount_.push_back(s_.pools[p].count_at(s_.meta.start_date));
      pools_.emplace_back(units(p, headcount_[p]), sim::Discipline::kPriority);
    }
    if (s_.communication) contacts_.emplace(s_, m_.calendar_);
    for (const auto& st : s_.stages)
      for (const auto& t : s_.case_types) durations_.push_back(st.duration.scaled(t.duration_scale));
    type_cumulative_.reserve(s_.case_types.size());
    double sum = 0;
    for (const auto& t : s_.case_types) type_cumulative_.push_back(sum += t.share);
    stage_count_.assign(s_.stages.size(), 0);
    out_.outcome_count.assign(m_.outcomes_.size(), 0);
    out_.withdrawal_stage.assign(s_.stages.size(), 0);
    out_.work_days.resize(s_.stages.size());
    out_.deadlines.resize(s_.deadlines.size());
    if (s_.courts)
      courts_.emplace(*s_.courts, s_.pools, m_.calendar_, s_.meta.horizon_days,
                      s_.meta.warmup_days,
                      s_.section_28 && s_.section_28->specialist_rooms_only);
    max_rate_ = max_report_rate();
  }

  ReplicationResult run() {
    const double horizon = s_.meta.horizon_days;
    for (std::size_t p = 0; p < s_.pools.size(); ++p)
      for (const auto& change : s_.pools[p].changes) {
        const double at = m_.calendar_.time_of(change.from);
        if (at > 0 && at <= horizon)
          sim_.schedule(at, kCapacity, sim::kNoEntity, static_cast<std::uint32_t>(p),
                        kRankCapacity);
      }
    place_initial_cases();
    schedule_next_arrival();
    if (contacts_) sim_.schedule(0, kContactDay, sim::kNoEntity, 0, kRankCapacity);
    if (options_.keep_weeks) sim_.schedule(0, kSnapshot, sim::kNoEntity, 0, kRankSnapshot);
    bool warm = s_.meta.warmup_days <= 0;
    if (warm) mark_warm();
    sim_.run_until(s_.meta.warmup_days, [this](const sim::Event& ev) { dispatch(ev); });
    if (!warm) mark_warm();
    sim_.run_until(horizon, [this](const sim::Event& ev) { dispatch(ev); });
    finish_run(horizon);
    return std::move(out_);
  }

 private:
  // A case's section 28 recording, from PTPH to done. It outlives stage
  // changes, so its events are put back after each cancel_all.
  enum class Recording : std::uint8_t { kNone, kPlanned, kWaiting, kQueued, kBooked, kSitting, kDone };

  struct Case {
    std::uint64_t serial = 0;
    double report = 0;
    double stage_entry = 0;
    double ends_at = kNever;      // the current stage's end, once known
    double withdraw_at = kNever;  // the victim's withdrawal in this stage, if before the horizon
    double trial_ends = kNever;   // while sitting
    double booked_end = 0;        // while sitting: the end the trial was booked for
    double recording_at = 0;      // kWaiting: when the recording is due to be listed
    double credit = 0;  // days of the current stage already done before start (initial cases)
    std::uint32_t stage = 0;
    std::uint32_t type = 0;
    std::uint32_t step = 0;  // stage entries so far; names stage-bound draws
    bool isva = false;
    bool initial = false;
    bool counted = false;  // a new report made after the warm-up
    bool in_service = false;
    bool queued = false;
    bool sitting = false;        // in an effective trial, holding a room and a judge
    bool listed_before = false;  // has had a listing in the current stage
    bool awaiting_listing = false;  // in the listing queue (fixing window)
    std::uint8_t adjournments = 0;  // in the current listed stage
    std::uint8_t sit_group = 0;
    Recording recording = Recording::kNone;
    std::uint16_t hearings = 0, early_adjournments = 0, late_adjournments = 0;  // whole case
    std::uint32_t victim = 0;        // the victim's account in contacts_
    double work_start = 0;           // when the current work stage was allocated
    bool allocated = false;          // has started work with an officer
    std::uint16_t protective_chances = 0;  // protective-order opportunities so far
    CourtListings::Booking booking;
    CourtListings::Booking recording_booking;
    std::array<double, kMilestoneCount> milestone{};
  };

  // ---- the event loop's one dispatch ----
  void dispatch(const sim::Event& ev) {
    switch (ev.kind) {
      case kArrival: on_arrival(); break;
      case kStageEnd: on_stage_end(ev.target); break;
      case kWithdraw: on_withdraw(ev.target); break;
      case kCapacity: on_capacity(ev.arg); break;
      case kSnapshot: on_snapshot(); break;
      case kHearing: on_hearing(ev.target); break;
      case kVacate: on_vacate(ev.target); break;
      case kTrialEnd: on_trial_end(ev.target); break;
      case kListingRound: on_listing_round(); break;
      case kRecordingReady: on_recording_ready(ev.target); break;
      case kRecording: on_recording(ev.target); break;
      case kRecordingEnd: on_recording_end(ev.target); break;
      case kContactDay: on_contact_day(); break;
      default: assert(false && "unknown event kind");
    }
  }

  // ---- random numbers ----
  double case_uniform(const Case& c, std::uint64_t kind) const {
    sim::RandomStream stream(s_.meta.seed, rep_, c.serial, kind);
    return stream.uniform();
  }
  double stage_uniform(const Case& c, DrawKind kind) const {
    // Each listing attempt (adjournments so far) gets draws of its own.
    const std::uint64_t purpose = m_.routing_.stage_purpose(c.stage) ^ (std::uint64_t{kind} << 58) ^
                                  (std::uint64_t{c.step} * 0x9E3779B97F4A7C15ull) ^
                                  (std::uint64_t{c.adjournments} << 44);
    sim::RandomStream stream(s_.meta.seed, rep_, c.serial, purpose);
    return stream.uniform();
  }

  // ---- arrivals: a non-homogeneous Poisson process by thinning ----
  double report_rate(double t) const {
    // The day's seasonal and step factors come from a table made once per
    // model; growth is continuous within the day.
    const auto day = static_cast<std::size_t>(t);
    return m_.daily_report_rate_[std::min(day, m_.daily_report_rate_.size() - 1)] *
           std::exp(m_.growth_per_day_ * t);
  }
  double max_report_rate() const {
    const double season = *std::max_element(s_.arrivals.seasonality.begin(),
                                            s_.arrivals.seasonality.end());
    const double growth = std::max(1.0, std::pow(1 + s_.arrivals.growth_per_year,
                                                 s_.meta.horizon_days / kDaysPerYear));
    double steps = 1, peak = 1;
    for (const auto& step : s_.arrivals.steps) peak = std::max(peak, steps *= step.factor);
    return s_.arrivals.reports_per_year / kDaysPerYear * season * growth * peak;
  }
  void schedule_next_arrival() {
    double t = sim_.now();
    for (;;) {
      t += -std::log(arrivals_.uniform()) / max_rate_;
      if (t > s_.meta.horizon_days) return;
      if (arrivals_.uniform() * max_rate_ <= report_rate(t)) break;
    }
    sim_.schedule(t, kArrival, sim::kNoEntity, 0, kRankArrival);
  }

  void on_arrival() {
    const sim::EntityId id = new_case();
    Case& c = cases_[id];
    c.serial = next_serial_++;
    c.report = sim_.now();
    c.type = pick_type(case_uniform(c, kDrawType));
    c.isva = case_uniform(c, kDrawIsva) < s_.withdrawal.isva_share;
    plan_recording(c);
    c.counted = warm_;
    if (c.counted) ++out_.new_cases;
    if (contacts_)
      c.victim = contacts_->open(c.report, c.counted, c.isva, s_.case_types[c.type].child_victim);
    reach(id, Milestone::kReport);
    schedule_next_arrival();
    enter(id, static_cast<std::uint32_t>(s_.entry));
  }

  void plan_recording(Case& c) const {
    if (s_.section_28 && case_uniform(c, kDrawSection28) < s_.section_28->share[c.type])
      c.recording = Recording::kPlanned;
  }

  std::uint32_t pick_type(double u) const {
    for (std::size_t i = 0; i + 1 < type_cumulative_.size(); ++i)
      if (u < type_cumulative_[i]) return static_cast<std::uint32_t>(i);
    return static_cast<std::uint32_t>(type_cumulative_.size() - 1);
  }

  void place_initial_cases() {
    // Oldest stage entry first, so the longest-waiting cases head the queues.
    std::vector<std::size_t> order(s_.initial_cases.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return s_.initial_cases[a].stage_entry_date < s_.initial_cases[b].stage_entry_date;
    });
    for (std::size_t i : order) {
      const InitialCase& ic = s_.initial_cases[i];
      const sim::EntityId id = new_case();
      Case& c = cases_[id];
      c.serial = kInitialSerialBase + i;
      c.report = m_.calendar_.time_of(ic.report_date);
      c.type = static_cast<std::uint32_t>(ic.type);
      c.isva = ic.isva;
      plan_recording(c);
      c.initial = true;
      c.allocated = true;  // its officer was allocated before the start
      c.milestone[static_cast<std::size_t>(Milestone::kReport)] = c.report;
      if (contacts_) {
        c.victim = contacts_->open(c.report, false, c.isva, s_.case_types[c.type].child_victim);
        contacts_->milestone(c.victim, Milestone::kReport, c.report);
      }
      ++out_.initial_cases;
      ++initial_open_;
      c.credit = -m_.calendar_.time_of(ic.stage_entry_date);
      enter(id, static_cast<std::uint32_t>(ic.stage));
      if (cases_[id].serial != kFreeSlot) cases_[id].stage_entry = m_.calendar_.time_of(ic.stage_entry_date);
    }
  }

  // ---- moving along the pathway ----
  void enter(sim::EntityId id, std::uint32_t stage) {
    // Decision stages take no time, so a case may pass several in one go.
    for (;;) {
      Case& c = cases_[id];
      c.stage = stage;
      c.stage_entry = sim_.now();
      ++c.step;
      ++stage_count_[stage];
      const Stage& st = s_.stages[stage];
      c.adjournments = 0;
      c.listed_before = false;
      c.ends_at = kNever;
      if (contacts_)
        for (CaseEvent e : s_.communication->events_at_stage[stage]) case_event(id, e);
      // A listed hearing marks its milestone when it actually starts.
      if (st.milestone && !st.listing) reach(id, *st.milestone);
      if (st.kind == StageKind::kTerminal) {
        --stage_count_[stage];
        close(id, m_.stage_outcome_[stage]);
        return;
      }
      if (st.kind != StageKind::kDecision) break;
      --stage_count_[stage];
      stage = static_cast<std::uint32_t>(
          m_.routing_.next(stage, c.type, stage_uniform(c, kDrawBranch)));
    }
    Case& c = cases_[id];
    const Stage& st = s_.stages[stage];
    const double withdraws_at = c.withdraw_at = withdrawal_time(c, kDrawWithdraw);
    // When the stage's end is known now, only the earlier of the end and the
    // withdrawal is scheduled: the other would be cancelled unrun. (Equal
    // times go to the end, as the event ranks would have it.)
    const bool starts_now =
        !st.listing && (!st.pool || pools_[*st.pool].try_seize(id, sim_.now(), st.priority) ==
                                        sim::SeizeResult::kServed);
    if (!starts_now) {
      if (withdraws_at < kNever) sim_.schedule(withdraws_at, kWithdraw, id, 0, kRankWithdraw);
      if (st.listing)
        list(id, false);
      else
        c.queued = true;
      return;
    }
    c.in_service = st.pool.has_value();
    if (c.in_service) allocated(id);
    c.work_start = sim_.now();
    const double ends_at = c.ends_at = sim_.now() + duration(c) * work_multiplier(st);
    if (withdraws_at < ends_at)
      sim_.schedule(withdraws_at, kWithdraw, id, 0, kRankWithdraw);
    else
      sim_.schedule(ends_at, kStageEnd, id, 0, kRankStageEnd);
  }

  double duration(Case& c) {
    const sim::Distribution& d = durations_[c.stage * s_.case_types.size() + c.type];
    double u = stage_uniform(c, kDrawDuration);
    if (c.credit <= 0) return d.quantile(u);
    // An initial case has been in its stage for `credit` days: draw the rest
    // of its duration given that it has lasted that long.
    const double done = c.credit;
    c.credit = 0;
    const double f = d.cdf(done);
    if (f >= 1) return 0;
    return std::max(0.0, d.quantile(std::min(f + u * (1 - f), 1 - 0x1.0p-53)) - done);
  }

  void start_service(sim::EntityId id) {
    Case& c = cases_[id];
    c.queued = false;
    c.in_service = true;
    allocated(id);
    c.work_start = sim_.now();
    c.ends_at = sim_.now() + duration(c) * work_multiplier(s_.stages[c.stage]);
    sim_.schedule(c.ends_at, kStageEnd, id, 0, kRankStageEnd);
  }

  // Frees the unit `id` holds (if any) and hands it to the next waiter.
  void leave_pool(sim::EntityId id) {
    Case& c = cases_[id];
    const Stage& st = s_.stages[c.stage];
    if (!st.pool) return;
    sim::Resource& pool = pools_[*st.pool];
    if (c.in_service) {
      c.in_service = false;
      const sim::EntityId next = pool.release(sim_.now());
      if (next != sim::kNoEntity) start_service(next);
    } else if (c.queued) {
      c.queued = false;
      pool.remove(id, sim_.now());
    }
  }

  void on_stage_end(sim::EntityId id) {
    if (const Case& c = cases_[id]; c.counted && c.in_service && caseload_stage(c.stage))
      out_.work_days[c.stage].add(sim_.now() - c.work_start);
    leave_pool(id);
    sim_.cancel_all(id);  // the pending withdrawal no longer applies
    Case& c = cases_[id];
    --stage_count_[c.stage];
    enter(id, static_cast<std::uint32_t>(next_stage(c)));
    resume_recording(id);
  }

  // Where the case goes when its stage ends. Section 28 may tilt a listed
  // stage's outcome towards conviction (a scenario parameter, often 1).
  std::size_t next_stage(const Case& c) const {
    const double u = stage_uniform(c, kDrawBranch);
    const Stage& st = s_.stages[c.stage];
    if (c.recording != Recording::kDone || !st.listing ||
        s_.section_28->conviction_multiplier == 1)
      return m_.routing_.next(c.stage, c.type, u);
    std::vector<double> weight;
    double total = 0;
    for (const Branch& b : st.branches) {
      const Stage& to = s_.stages[b.to];
      const bool convicts = to.kind == StageKind::kTerminal &&
                            to.outcome == s_.section_28->conviction_outcome;
      weight.push_back(b.probability_for(c.type) *
                       (convicts ? s_.section_28->conviction_multiplier : 1.0));
      total += weight.back();
    }
    double running = 0;
    for (std::size_t i = 0; i + 1 < weight.size(); ++i)
      if (u * total < (running += weight[i])) return st.branches[i].to;
    return st.branches.back().to;
  }

  // ---- listed hearings (the court diary) ----
  // What every request for a date says about the case itself.
  CourtListings::Request request_for(sim::EntityId id) const {
    const Case& c = cases_[id];
    CourtListings::Request r;
    r.id = id;
    r.type = c.type;
    r.custody = s_.case_types[c.type].custody;
    r.report = c.report;
    return r;
  }

  void list(sim::EntityId id, bool relisting) {
    Case& c = cases_[id];
    const Listing& listing = *s_.stages[c.stage].listing;
    CourtListings::Request r = request_for(id);
    r.listing = &listing;
    r.ready = sim_.now() +
              (relisting ? listing.relist_notice : listing.notice).quantile(stage_uniform(c, kDrawNotice));
    const double shorter = c.recording != Recording::kNone && s_.section_28
                               ? s_.section_28->trial_length_multiplier
                               : 1.0;
    const double days = std::ceil(listing.sitting_days.quantile(stage_uniform(c, kDrawLength)) *
                                      shorter - 1e-9);
    r.length = static_cast<std::uint16_t>(std::clamp(days, 1.0, 200.0));
    r.relisting = relisting;
    r.adjournments = c.adjournments;
    r.u_early = stage_uniform(c, kDrawEarly);
    r.u_when = stage_uniform(c, kDrawWhen);
    if (auto b = courts_->request(r, sim_.now())) {
      dated(id, *b);
    } else {
      c.awaiting_listing = true;
      ensure_round();
    }
  }

  void dated(sim::EntityId id, const CourtListings::Booking& b) {
    Case& c = cases_[id];
    c.awaiting_listing = false;
    c.booking = b;
    if (b.day < 0) return;  // no date before the diary ends: waits past the horizon
    if (contacts_) {
      if (c.listed_before)
        contacts_->event(c.victim, {CaseEvent::kHearingDate, CaseEvent::kRelisting}, sim_.now());
      else
        contacts_->event(c.victim, {CaseEvent::kHearingDate}, sim_.now());
    }
    if (c.counted && !c.listed_before) ++out_.case_courts.listed_cases;
    schedule_booking(id);
  }

  void schedule_booking(sim::EntityId id) {
    const Case& c = cases_[id];
    if (c.booking.early)
      sim_.schedule(c.booking.vacate_at, kVacate, id, 0, kRankVacate);
    else
      sim_.schedule(c.booking.at, kHearing, id, 0, kRankHearing);
  }

  void ensure_round() {
    if (round_due_) return;
    const double at = courts_->next_round(sim_.now());
    if (at > s_.meta.horizon_days) return;
    round_due_ = true;
    sim_.schedule(at, kListingRound, sim::kNoEntity, 0, kRankListing);
  }

  void on_listing_round() {
    round_due_ = false;
    for (const auto& d : courts_->round(sim_.now())) {
      if (d.recording)
        recording_dated(d.id, d.booking);
      else
        dated(d.id, d.booking);
    }
    if (courts_->queued()) ensure_round();
  }

  // The listing failed (vacated or ineffective): count it and list again.
  void adjourned(sim::EntityId id, bool late) {
    Case& c = cases_[id];
    ++(late ? c.late_adjournments : c.early_adjournments);
    if (c.counted) {
      if (!c.listed_before) ++out_.case_courts.first_listing_failed;
      ++(late ? out_.case_courts.late_adjournments : out_.case_courts.early_adjournments);
    }
    c.listed_before = true;
    if (contacts_) contacts_->event(c.victim, {CaseEvent::kAdjournment}, sim_.now());
    if (c.adjournments < 255) ++c.adjournments;
    c.booking = {};
    list(id, true);
  }

  void on_vacate(sim::EntityId id) {
    Case& c = cases_[id];
    courts_->vacate(c.booking, c.booking.early, sim_.now());
    adjourned(id, false);
  }

  void on_hearing(sim::EntityId id) {
    Case& c = cases_[id];
    const Stage& st = s_.stages[c.stage];
    if (c.counted) ++out_.case_courts.hearing_days;
    ++c.hearings;
    const double cracked = c.recording == Recording::kDone ? s_.section_28->cracked_multiplier : 1.0;
    const auto h = courts_->hear(*st.listing, c.booking, c.adjournments,
                                 stage_uniform(c, kDrawHearing), cracked,
                                 stage_uniform(c, kDrawOverrun), stage_uniform(c, kDrawOverrunDays));
    switch (h.result) {
      case CourtListings::Result::kIneffective:
        adjourned(id, true);
        return;
      case CourtListings::Result::kCracked: {
        if (contacts_) contacts_->event(c.victim, {CaseEvent::kTrialOutcome}, sim_.now());
        c.booking = {};
        sim_.cancel_all(id);
        --stage_count_[c.stage];
        const auto next = m_.cracked_routing_.next(c.stage, c.type, stage_uniform(c, kDrawCracked));
        enter(id, static_cast<std::uint32_t>(next));
        resume_recording(id);
        return;
      }
      case CourtListings::Result::kEffective:
        c.sit_group = c.booking.group;
        c.booking = {};
        c.sitting = true;
        c.trial_ends = h.ends;
        c.booked_end = h.booked_end;
        // A recording not made by the time the trial starts is no longer needed.
        if (c.recording != Recording::kDone) leave_recording(id);
        if (st.milestone) reach(id, *st.milestone);
        sim_.schedule(h.ends, kTrialEnd, id, 0, kRankStageEnd);
        return;
    }
  }

  void on_trial_end(sim::EntityId id) {
    Case& c = cases_[id];
    c.sitting = false;
    courts_->end_sitting(c.sit_group, c.booked_end);
    if (contacts_) contacts_->event(c.victim, {CaseEvent::kTrialOutcome}, sim_.now());
    on_stage_end(id);
  }

  // A withdrawal ends whatever the case holds in the courts.
  void leave_listing(sim::EntityId id) {
    Case& c = cases_[id];
    if (c.sitting) {
      c.sitting = false;
      courts_->end_sitting(c.sit_group, c.booked_end);
    } else if (c.booking.day >= 0) {
      courts_->vacate(c.booking, std::nullopt, sim_.now());
    } else if (c.awaiting_listing) {
      courts_->unqueue(id, false);
      c.awaiting_listing = false;
    }
    c.booking = {};
  }

  // ---- section 28: the victim's cross-examination recorded before trial ----
  void on_recording_ready(sim::EntityId id) {
    Case& c = cases_[id];
    CourtListings::Request r = request_for(id);
    r.ready = sim_.now();
    r.length = 1;
    r.section_28_room = true;
    if (auto b = courts_->request(r, sim_.now())) {
      recording_dated(id, *b);
    } else {
      c.recording = Recording::kQueued;
      ensure_round();
    }
  }

  void recording_dated(sim::EntityId id, const CourtListings::Booking& b) {
    Case& c = cases_[id];
    if (b.day < 0) {  // no date before the diaries end
      c.recording = Recording::kNone;
      return;
    }
    c.recording = Recording::kBooked;
    c.recording_booking = b;
    sim_.schedule(b.at, kRecording, id, 0, kRankHearing);
  }

  void on_recording(sim::EntityId id) {
    Case& c = cases_[id];
    if (!courts_->record(c.recording_booking)) {
      // No room on the day: the recording is listed again from tomorrow.
      c.recording = Recording::kWaiting;
      c.recording_at = sim_.now() + 1;
      sim_.schedule(c.recording_at, kRecordingReady, id, 0, kRankListing);
      return;
    }
    c.recording = Recording::kSitting;
    if (c.counted) ++out_.case_courts.recorded;
    // Once the victim's evidence is recorded, the withdrawal hazard changes:
    // draw the rest of the stage's withdrawal afresh (memoryless given that
    // it has not happened yet) and put back everything else pending.
    sim_.cancel_all(id);
    c.withdraw_at = withdrawal_time(c, kDrawWithdrawRecorded);
    resume(id);
  }

  void on_recording_end(sim::EntityId id) {
    Case& c = cases_[id];
    courts_->end_sitting(c.recording_booking.group, c.recording_booking.at + 1);
    c.recording = Recording::kDone;
  }

  // Gives back whatever the recording holds; it will not be made.
  void leave_recording(sim::EntityId id) {
    Case& c = cases_[id];
    switch (c.recording) {
      case Recording::kQueued: courts_->unqueue(id, true); break;
      case Recording::kBooked: courts_->vacate(c.recording_booking, std::nullopt, sim_.now()); break;
      case Recording::kSitting:
        courts_->end_sitting(c.recording_booking.group, c.recording_booking.at + 1);
        break;
      default: break;
    }
    c.recording = c.recording == Recording::kSitting || c.recording == Recording::kDone
                      ? Recording::kDone
                      : Recording::kNone;
  }

  // Puts back the recording's pending event after a cancel_all.
  void resume_recording(sim::EntityId id) {
    const Case& c = cases_[id];
    if (c.serial == kFreeSlot) return;
    switch (c.recording) {
      case Recording::kWaiting:
        sim_.schedule(c.recording_at, kRecordingReady, id, 0, kRankListing);
        break;
      case Recording::kBooked:
        sim_.schedule(c.recording_booking.at, kRecording, id, 0, kRankHearing);
        break;
      case Recording::kSitting:
        sim_.schedule(c.recording_booking.at + 1, kRecordingEnd, id, 0, kRankStageEnd);
        break;
      default: break;
    }
  }

  // Puts back every pending event of a case after a cancel_all in mid-stage.
  void resume(sim::EntityId id) {
    const Case& c = cases_[id];
    if (c.ends_at < kNever && c.ends_at >= sim_.now() && !c.sitting) {
      if (c.withdraw_at < c.ends_at)
        sim_.schedule(c.withdraw_at, kWithdraw, id, 0, kRankWithdraw);
      else
        sim_.schedule(c.ends_at, kStageEnd, id, 0, kRankStageEnd);
    } else if (c.withdraw_at < kNever) {
      sim_.schedule(c.withdraw_at, kWithdraw, id, 0, kRankWithdraw);
    }
    if (c.booking.day >= 0) schedule_booking(id);
    if (c.sitting) sim_.schedule(c.trial_ends, kTrialEnd, id, 0, kRankStageEnd);
    resume_recording(id);
  }

  // ---- victim withdrawal, a competing risk in every timed stage ----
  // When the victim would withdraw in the current stage (drawn on entering
  // it), or kNever if not within the horizon.
  double withdrawal_time(const Case& c, DrawKind draw) const {
    const Stage& st = s_.stages[c.stage];
    const double recorded =
        c.recording == Recording::kSitting || c.recording == Recording::kDone
            ? s_.section_28->withdrawal_multiplier
            : 1.0;
    const double informed = contacts_ ? contacts_->withdrawal_multiplier(c.victim) : 1.0;
    double k = st.withdrawal_per_year * s_.case_types[c.type].withdrawal_scale *
               (c.isva ? s_.withdrawal.isva_multiplier : 1.0) * recorded * informed /
               kDaysPerYear;  // per day
    if (k <= 0) return kNever;
    // Cumulative hazard over the next x days, with the hazard rising linearly
    // in years since report: H(x) = k x (1 + a s0) + k a x^2 / 2, a per day.
    // Solve H(x) = E, E ~ Exp(1), in the form that stays accurate when a -> 0.
    const double e = -std::log(stage_uniform(c, draw));
    const double a = s_.withdrawal.rise_per_year / kDaysPerYear;
    const double since_report = std::max(0.0, sim_.now() - c.report);
    const double b = k * (1 + a * since_report);
    const double qa = k * a / 2;
    const double x = 2 * e / (b + std::sqrt(b * b + 4 * qa * e));
    return sim_.now() + x <= s_.meta.horizon_days ? sim_.now() + x : kNever;
  }

  void on_withdraw(sim::EntityId id) {
    leave_pool(id);
    leave_listing(id);
    sim_.cancel_all(id);
    Case& c = cases_[id];
    --stage_count_[c.stage];
    if (c.counted) ++out_.withdrawal_stage[c.stage];
    if (c.counted && (c.recording == Recording::kSitting || c.recording == Recording::kDone))
      ++out_.case_courts.withdrew_after_recording;
    close(id, m_.withdrawal_outcome_);
  }

  // ---- milestones, outcomes, deadlines ----
  void reach(sim::EntityId id, Milestone m) {
    Case& c = cases_[id];
    double& when = c.milestone[static_cast<std::size_t>(m)];
    if (!std::isnan(when)) return;  // first time only
    when = sim_.now();
    if (m == Milestone::kPtph && c.recording == Recording::kPlanned) {
      c.recording = Recording::kWaiting;
      c.recording_at = sim_.now() + s_.section_28->after_ptph.quantile(
                                        case_uniform(c, kDrawRecordingWhen));
      sim_.schedule(c.recording_at, kRecordingReady, id, 0, kRankListing);
    }
    if (contacts_) milestone_contacts(id, m);
    if (!c.counted) return;
    for (std::size_t i = 0; i < kDelayMetrics.size(); ++i) {
      const auto& metric = kDelayMetrics[i];
      const double from = c.milestone[static_cast<std::size_t>(metric.from)];
      if (metric.to == m && !std::isnan(from)) out_.delays[i].add(when - from);
    }
    for (std::size_t i = 0; i < s_.deadlines.size(); ++i) {
      const Deadline& d = s_.deadlines[i];
      const double from = c.milestone[static_cast<std::size_t>(d.from)];
      if (d.to == m && !std::isnan(from) && judged(d, c)) tally_deadline(i, from, when);
    }
  }

  bool judged(const Deadline& d, const Case& c) const {
    return !d.custody_only || s_.case_types[c.type].custody;
  }

  double elapsed(const Deadline& d, double from, double to) const {
    if (d.unit == DeadlineUnit::kCalendarDays) return to - from;
    return m_.calendar_.working_days_between(m_.calendar_.date_of(from), m_.calendar_.date_of(to));
  }

  void tally_deadline(std::size_t i, double from, double to) {
    const Deadline& d = s_.deadlines[i];
    const double spent = elapsed(d, from, to);
    DeadlineTally& tally = out_.deadlines[i];
    if (spent <= d.limit) {
      ++tally.met;
    } else {
      ++tally.missed;
      tally.lateness.add(spent - d.limit);
    }
  }

  void close(sim::EntityId id, std::int32_t outcome) {
    reach(id, Milestone::kCompletion);
    Case& c = cases_[id];
    if (contacts_) contacts_->close(c.victim, sim_.now());
    if (c.counted) {
      ++out_.closed;
      ++out_.outcome_count[static_cast<std::size_t>(outcome)];
    }
    if (c.initial && --initial_open_ == 0) out_.initial_cleared_day = sim_.now();
    if (options_.keep_cases) out_.cases.push_back(record(c, outcome));
    leave_recording(id);
    sim_.cancel_all(id);
    --open_cases_;
    free_.push_back(id);
    c.serial = kFreeSlot;
  }

  CaseRecord record(const Case& c, std::int32_t outcome) const {
    CaseRecord r;
    r.serial = c.initial ? c.serial - kInitialSerialBase : c.serial;
    r.type = c.type;
    r.initial = c.initial;
    r.isva = c.isva;
    r.milestone = c.milestone;
    r.outcome = outcome;
    r.last_stage = c.stage;
    r.hearings = c.hearings;
    r.early_adjournments = c.early_adjournments;
    r.late_adjournments = c.late_adjournments;
    r.section_28 = c.recording == Recording::kSitting || c.recording == Recording::kDone;
    r.victim = c.victim;
    return r;
  }

  // Slots are recycled, so memory follows the cases open at once, not the
  // number ever reported.
  sim::EntityId new_case() {
    sim::EntityId id;
    if (!free_.empty()) {
      id = free_.back();
      free_.pop_back();
    } else {
      id = static_cast<sim::EntityId>(cases_.size());
      cases_.emplace_back();
    }
    ++open_cases_;
    Case fresh;
    fresh.milestone.fill(kNotReached);
    cases_[id] = fresh;
    return id;
  }

  // ---- staffing and victim communication ----
  // A pool with a caseload model holds officers x cap case slots; any other
  // pool, one slot per unit.
  int units(std::size_t p, int headcount) const {
    if (!caseload_[p]) return headcount;
    return static_cast<int>(std::min<long long>(case_slots(headcount, *caseload_[p]),
                                                 std::numeric_limits<int>::max()));
  }

  // How much longer a work stage takes at its officers' caseload now (this
  // case included): models/scenario/caseload.h. The rate is fixed when the work
  // starts, from the mean caseload of the pool at that moment.
  bool caseload_stage(std::uint32_t stage) const {
    const Stage& st = s_.stages[stage];
    return st.kind == StageKind::kWork && st.pool && caseload_[*st.pool];
  }

  double work_multiplier(const Stage& st) const {
    if (st.kind != StageKind::kWork || !st.pool || !caseload_[*st.pool]) return 1.0;
    const std::size_t p = *st.pool;
    return duration_multiplier(mean_caseload(pools_[p].in_use(), headcount_[p], *caseload_[p]),
                               *caseload_[p]);
  }

  void allocated(sim::EntityId id) {
    Case& c = cases_[id];
    if (c.allocated) return;
    c.allocated = true;
    if (contacts_) contacts_->event(c.victim, {CaseEvent::kAllocation}, sim_.now());
  }

  // Whether a process step was taken at an opportunity (compliance), drawn
  // from the case's own stream so that it does not shift any other draw.
  void opportunity(const Case& c, Opportunities& tally, double p, std::uint64_t draw) {
    if (!c.counted) return;
    ++tally.offered;
    if (case_uniform(c, draw) < p) ++tally.taken;
  }

  void protective_order_chance(sim::EntityId id) {
    Case& c = cases_[id];
    opportunity(c, contacts_->protective_orders(),
                s_.communication->compliance.protective_orders_considered,
                kDrawProtectiveOrders | (std::uint64_t{c.protective_chances} << 32));
    ++c.protective_chances;
  }

  // An event a stage raises (events_at_stages).
  void case_event(sim::EntityId id, CaseEvent e) {
    contacts_->event(cases_[id].victim, {e}, sim_.now());
    if (e == CaseEvent::kBailChange || e == CaseEvent::kSentence) protective_order_chance(id);
  }

  // Milestones that call for contacts, and the opportunities they bring.
  void milestone_contacts(sim::EntityId id, Milestone m) {
    const Case& c = cases_[id];
    const Compliance& k = s_.communication->compliance;
    contacts_->milestone(c.victim, m, sim_.now());
    switch (m) {
      case Milestone::kReport:
        contacts_->event(c.victim, {CaseEvent::kReport}, sim_.now());
        opportunity(c, contacts_->vps_offered(), k.vps_offered_at_report, kDrawVpsOffered);
        break;
      case Milestone::kReferral:
        contacts_->event(c.victim, {CaseEvent::kReferral}, sim_.now());
        break;
      case Milestone::kCharge:
        contacts_->event(c.victim, {CaseEvent::kChargeDecision}, sim_.now());
        opportunity(c, contacts_->bad_character(), k.bad_character_considered, kDrawBadCharacter);
        protective_order_chance(id);
        break;
      case Milestone::kFirstHearing:
        contacts_->event(c.victim, {CaseEvent::kFirstHearingDate}, sim_.now());
        break;
      case Milestone::kTrialStart:
        opportunity(c, contacts_->vps_updated(), k.vps_updated_before_trial, kDrawVpsUpdated);
        break;
      default: break;
    }
  }

  void on_contact_day() {
    contacts_->tick(sim_.now());
    if (sim_.now() + 1 <= s_.meta.horizon_days)
      sim_.schedule(sim_.now() + 1, kContactDay, sim::kNoEntity, 0, kRankCapacity);
  }

  // ---- resources and observation ----
  void on_capacity(std::uint32_t p) {
    sim::Resource& pool = pools_[p];
    headcount_[p] = s_.pools[p].count_at(m_.calendar_.date_of(sim_.now()));
    pool.set_capacity(units(p, headcount_[p]), sim_.now());
    for (sim::EntityId next; (next = pool.serve_next(sim_.now())) != sim::kNoEntity;)
      start_service(next);
  }

  // The age profile of trials still to be heard, in weeks since charge.
  std::array<std::uint32_t, 4> outstanding_trials_by_age(double now) const {
    std::array<std::uint32_t, 4> out{};
    for (const Case& c : cases_) {
      if (c.serial == kFreeSlot || !s_.stages[c.stage].listing) continue;
      const double charge = c.milestone[static_cast<std::size_t>(Milestone::kCharge)];
      const double weeks = (now - (std::isnan(charge) ? c.report : charge)) / 7;
      ++out[weeks < 26 ? 0 : weeks < 52 ? 1 : weeks < 104 ? 2 : 3];
    }
    return out;
  }

  void on_snapshot() {
    const double now = sim_.now();
    WeekRow row;
    row.day = now;
    row.open_by_stage = stage_count_;
    row.initial_open = initial_open_;
    row.new_open = open_cases_ - initial_open_;
    if (s_.courts) row.trials_by_age = outstanding_trials_by_age(now);
    if (busy_mark_.empty()) {
      busy_mark_.assign(pools_.size(), 0);
      available_mark_.assign(pools_.size(), 0);
    }
    for (std::size_t p = 0; p < pools_.size(); ++p) {
      row.queue_by_pool.push_back(static_cast<double>(pools_[p].waiting()));
      const double busy = pools_[p].busy_unit_days(now);
      const double available = pools_[p].available_unit_days(now);
      row.utilisation_by_pool.push_back(available > available_mark_[p]
                                            ? (busy - busy_mark_[p]) / (available - available_mark_[p])
                                            : 0.0);
      busy_mark_[p] = busy;
      available_mark_[p] = available;
    }
    out_.weeks.push_back(std::move(row));
    if (contacts_) contacts_->snapshot(now);
    if (now + 7 <= s_.meta.horizon_days)
      sim_.schedule(now + 7, kSnapshot, sim::kNoEntity, 0, kRankSnapshot);
  }

  void mark_warm() {
    warm_ = true;
    for (const auto& p : pools_) {
      warm_busy_.push_back(p.busy_unit_days(sim_.now()));
      warm_available_.push_back(p.available_unit_days(sim_.now()));
    }
  }

  void finish_run(double horizon) {
    for (std::size_t p = 0; p < pools_.size(); ++p) {
      const double available = pools_[p].available_unit_days(horizon) - warm_available_[p];
      out_.pool_utilisation.push_back(
          available > 0 ? (pools_[p].busy_unit_days(horizon) - warm_busy_[p]) / available : 0.0);
      out_.pool_mean_queue.push_back(pools_[p].mean_waiting(horizon));
    }
    for (const Case& c : cases_) {
      if (c.serial == kFreeSlot) continue;
      if (c.initial) ++out_.initial_open_at_end;
      if (options_.keep_cases) out_.cases.push_back(record(c, -1));
      if (!c.counted) continue;
      ++out_.open_at_end;
      // A deadline already overrun by an open case is a miss, however it ends.
      for (std::size_t i = 0; i < s_.deadlines.size(); ++i) {
        const Deadline& d = s_.deadlines[i];
        const double from = c.milestone[static_cast<std::size_t>(d.from)];
        const double to = c.milestone[static_cast<std::size_t>(d.to)];
        if (!std::isnan(from) && std::isnan(to) && judged(d, c) &&
            elapsed(d, from, horizon) > d.limit)
          tally_deadline(i, from, horizon);
      }
    }
    if (options_.keep_cases)
      std::sort(out_.cases.begin(), out_.cases.end(), [](const CaseRecord& a, const CaseRecord& b) {
        return a.initial != b.initial ? a.initial : a.serial < b.serial;
      });
    if (courts_) out_.courts = courts_->finish();
    if (contacts_) {
      out_.communication = contacts_->finish(horizon);
      for (CaseRecord& r : out_.cases) {
        const auto a = contacts_->account(r.victim);
        r.contacts = a.contacts;
        r.late_contacts = a.late;
        r.longest_silence_days = a.longest_silence;
      }
    }
    out_.events = sim_.events_dispatched();
  }

  const CaseFlowModel& m_;
  const Scenario& s_;
  std::uint64_t rep_;
  RunOptions options_;
  sim::Simulator sim_{4096};
  sim::RandomStream arrivals_;
  double max_rate_ = 0;
  std::vector<sim::Resource> pools_;
  std::vector<const Caseload*> caseload_;  // per pool: null when counted in plain units
  std::vector<int> headcount_;             // per pool: units (people) now
  std::optional<VictimContacts> contacts_;
  std::optional<CourtListings> courts_;
  std::vector<sim::Distribution> durations_;  // [stage][type], already scaled
  std::vector<double> type_cumulative_;
  std::vector<Case> cases_;
  std::vector<sim::EntityId> free_;
  std::vector<std::uint32_t> stage_count_;
  std::vector<double> busy_mark_, available_mark_, warm_busy_, warm_available_;
  std::uint64_t next_serial_ = 0;
  std::uint64_t initial_open_ = 0;
  std::uint64_t open_cases_ = 0;
  bool warm_ = false;
  bool round_due_ = false;  // a listing round is scheduled
  ReplicationResult out_;
};

ReplicationResult CaseFlowModel::run(std::uint64_t replication, const RunOptions& options) const {
  return Replication(*this, replication, options).run();
}

}  // namespace models
