#include "models/engine/replication.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

#include "models/scenario/caseload.h"

namespace models {

namespace {
constexpr double kDaysPerYear = 365.25;
}  // namespace

Replication::Replication(const CaseFlowModel& model, std::uint64_t replication,
                         const RunOptions& options)
    : m_(model),
      s_(model.scenario_),
      rep_(replication),
      options_(options),
      arrivals_(s_.meta.seed, replication, kArrivalEntity, 1),
      recorder_(s_, model.calendar_, options) {
  for (std::size_t p = 0; p < s_.pools.size(); ++p) {
    const StaffPool* staff = s_.staffing.of(p);
    caseload_.push_back(staff && staff->caseload ? &*staff->caseload : nullptr);
    headcount_.push_back(s_.pools[p].count_at(s_.meta.start_date));
    pools_.emplace_back(units(p, headcount_[p]), sim::Discipline::kPriority);
  }
  if (s_.communication) {
    // Contact failures draw from the case's own stream, as its other draws do.
    VictimContacts::Draw draw = [seed = s_.meta.seed, rep = rep_](
                                    std::uint64_t serial, VictimContacts::Chance which,
                                    std::uint32_t n) {
      static constexpr std::uint64_t kPurpose[] = {kDrawHandover, kDrawNoSinglePoint,
                                                   kDrawDateChange};
      const std::uint64_t purpose =
          kPurpose[static_cast<std::size_t>(which)] | (std::uint64_t{n} << 32);
      return sim::RandomStream(seed, rep, serial, purpose).uniform();
    };
    contacts_.emplace(s_, m_.calendar_, std::move(draw));
  }
  scale_durations();
  type_cumulative_.reserve(s_.case_types.size());
  double sum = 0;
  for (const auto& t : s_.case_types) type_cumulative_.push_back(sum += t.share);
  if (s_.courts)
    courts_.emplace(*s_.courts, s_.pools, m_.calendar_, s_.meta.horizon_days,
                    s_.meta.warmup_days, s_.section_28 && s_.section_28->specialist_rooms_only);
  max_rate_ = max_report_rate();
}

ReplicationResult Replication::run() {
  const double horizon = s_.meta.horizon_days;
  for (std::size_t p = 0; p < s_.pools.size(); ++p)
    for (const auto& change : s_.pools[p].changes) {
      const double at = m_.calendar_.time_of(change.from);
      if (at > 0 && at <= horizon)
        sim_.schedule(at, kCapacity, sim::kNoEntity, static_cast<std::uint32_t>(p), kRankCapacity);
    }
  for (std::size_t k = 0; k < m_.dated_.size(); ++k)
    sim_.schedule(m_.dated_[k].at, kDated, sim::kNoEntity, static_cast<std::uint32_t>(k),
                  kRankCapacity);
  place_initial_cases();
  schedule_next_arrival();
  if (contacts_) sim_.schedule(0, kContactDay, sim::kNoEntity, 0, kRankCapacity);
  if (options_.keep_weeks) sim_.schedule(0, kSnapshot, sim::kNoEntity, 0, kRankSnapshot);
  const auto handler = [this](const sim::Event& ev) { dispatch(ev); };
  if (s_.meta.warmup_days > 0) sim_.run_until(s_.meta.warmup_days, handler);
  recorder_.warm(pools_, sim_.now());
  sim_.run_until(horizon, handler);
  ReplicationResult result =
      recorder_.finish(horizon, cases_, pools_, courts_, contacts_, sim_.events_dispatched());
  result.stopped_cases = stopped_;
  return result;
}

// The event loop's one dispatch.
void Replication::dispatch(const sim::Event& ev) {
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
    case kDated: on_dated(ev.arg); break;
    default: assert(false && "unknown event kind");
  }
}

// ---- arrivals: a non-homogeneous Poisson process by thinning ----
double Replication::report_rate(double t) const {
  // The day's seasonal and step factors come from a table made once per
  // model; growth is continuous within the day.
  const auto day = static_cast<std::size_t>(t);
  return m_.daily_report_rate_[std::min(day, m_.daily_report_rate_.size() - 1)] *
         std::exp(m_.growth_per_day_ * t);
}

double Replication::max_report_rate() const {
  const double season =
      *std::max_element(s_.arrivals.seasonality.begin(), s_.arrivals.seasonality.end());
  const double growth = std::max(
      1.0, std::pow(1 + s_.arrivals.growth_per_year, s_.meta.horizon_days / kDaysPerYear));
  double steps = 1, peak = 1;
  for (const auto& step : s_.arrivals.steps) peak = std::max(peak, steps *= step.factor);
  return s_.arrivals.reports_per_year / kDaysPerYear * season * growth * peak;
}

void Replication::schedule_next_arrival() {
  double t = sim_.now();
  for (;;) {
    t += -std::log(arrivals_.uniform()) / max_rate_;
    if (t > s_.meta.horizon_days) return;
    if (arrivals_.uniform() * max_rate_ <= report_rate(t)) break;
  }
  sim_.schedule(t, kArrival, sim::kNoEntity, 0, kRankArrival);
}

void Replication::on_arrival() {
  const sim::EntityId id = new_case();
  CaseState& c = cases_[id];
  c.serial = next_serial_++;
  c.report = sim_.now();
  // A report's four draws are the four lanes of one Philox block, drawn
  // whether or not each is used, so each keeps its lane.
  sim::RandomStream draws(s_.meta.seed, rep_, c.serial, kDrawReport);
  const double u_type = draws.uniform(), u_offence = draws.uniform(), u_isva = draws.uniform(),
               u_recording = draws.uniform();
  c.type = pick_type(u_type);
  if (const auto& lag = now_->case_types[c.type].offence_to_report)
    // At most a century: a long-tailed distribution's far tail must not put
    // an offence before the calendar's years.
    c.offence_lag = std::min(lag->quantile(u_offence), 36525.0);
  c.isva = u_isva < now_->withdrawal.isva_share;
  plan_recording(c, u_recording);
  c.counted = recorder_.cohort().contains(c.report);
  recorder_.reported(c);
  if (contacts_) {
    c.victim = contacts_->open(c.report, c.counted, c.isva, s_.case_types[c.type].child_victim,
                               c.serial);
    c.isva = contacts_->take_isva(c.victim, sim_.now());  // within the ISVAs' caseload
  }
  reach(id, Milestone::kReport);
  schedule_next_arrival();
  enter(id, static_cast<std::uint32_t>(s_.entry));
}

std::uint32_t Replication::pick_type(double u) const {
  for (std::size_t i = 0; i + 1 < type_cumulative_.size(); ++i)
    if (u < type_cumulative_[i]) return static_cast<std::uint32_t>(i);
  return static_cast<std::uint32_t>(type_cumulative_.size() - 1);
}

void Replication::place_initial_cases() {
  // Oldest stage entry first, so the longest-waiting cases head the queues.
  std::vector<std::size_t> order(s_.initial_cases.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return s_.initial_cases[a].stage_entry_date < s_.initial_cases[b].stage_entry_date;
  });
  for (std::size_t i : order) {
    const InitialCase& ic = s_.initial_cases[i];
    const sim::EntityId id = new_case();
    CaseState& c = cases_[id];
    c.serial = kInitialSerialBase + i;
    c.report = m_.calendar_.time_of(ic.report_date);
    c.type = static_cast<std::uint32_t>(ic.type);
    c.isva = ic.isva;
    plan_recording(c, case_uniform(c, kDrawSection28));
    c.initial = true;
    c.allocated = true;  // its officer was allocated before the start
    c.milestone[static_cast<std::size_t>(Milestone::kReport)] = c.report;
    if (contacts_) {
      c.victim = contacts_->open(c.report, false, c.isva, s_.case_types[c.type].child_victim,
                                 c.serial);
      contacts_->milestone(c.victim, Milestone::kReport, c.report);
    }
    recorder_.opened_initial();
    c.credit = -m_.calendar_.time_of(ic.stage_entry_date);
    enter(id, static_cast<std::uint32_t>(ic.stage));
    if (cases_[id].open()) cases_[id].stage_entry = m_.calendar_.time_of(ic.stage_entry_date);
  }
}

// Slots are recycled, so memory follows the cases open at once, not the
// number ever reported.
sim::EntityId Replication::new_case() {
  sim::EntityId id;
  if (!free_.empty()) {
    id = free_.back();
    free_.pop_back();
  } else {
    id = static_cast<sim::EntityId>(cases_.size());
    cases_.emplace_back();
  }
  CaseState fresh;
  fresh.milestone.fill(kNotReached);
  cases_[id] = fresh;
  return id;
}

// ---- staffing ----
// A pool with a caseload model holds officers x cap case slots; any other
// pool, one slot per unit.
int Replication::units(std::size_t p, int headcount) const {
  if (!caseload_[p]) return headcount;
  return static_cast<int>(
      std::min<long long>(case_slots(headcount, *caseload_[p]), std::numeric_limits<int>::max()));
}

void Replication::on_capacity(std::uint32_t p) {
  sim::Resource& pool = pools_[p];
  headcount_[p] = s_.pools[p].count_at(m_.calendar_.date_of(sim_.now()));
  pool.set_capacity(units(p, headcount_[p]), sim_.now());
  for (sim::EntityId next; (next = pool.serve_next(sim_.now())) != sim::kNoEntity;)
    start_service(next);
}

// ---- values that change on a date ----
// From the day on, every draw reads the new values; a case keeps what it
// drew before (its stage's end is already scheduled).
void Replication::on_dated(std::uint32_t k) {
  const CaseFlowModel::DatedTables& d = m_.dated_[k];
  now_ = d.values;
  routing_ = &d.routing;
  cracked_routing_ = &d.cracked_routing;
  scale_durations();
  if (contacts_) contacts_->use(*now_->communication);
}

// Each stage's duration for each case type, [stage][type], from the values now.
void Replication::scale_durations() {
  durations_.clear();
  for (const auto& st : now_->stages)
    for (const auto& t : now_->case_types) durations_.push_back(st.duration.scaled(t.duration_scale));
}

void Replication::on_snapshot() {
  const double now = sim_.now();
  recorder_.week(now, cases_, pools_);
  if (contacts_) contacts_->snapshot(now);
  if (now + 7 <= s_.meta.horizon_days)
    sim_.schedule(now + 7, kSnapshot, sim::kNoEntity, 0, kRankSnapshot);
}

}  // namespace models
