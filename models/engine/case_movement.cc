// Moving cases along the pathway: entering stages, waiting for and holding a
// pool's unit, the victim's withdrawal, milestones, and closing.
#include <algorithm>
#include <cmath>

#include "models/engine/replication.h"
#include "models/scenario/caseload.h"

namespace models {

namespace {
constexpr double kDaysPerYear = 365.25;
using sim::kNever;
}  // namespace

void Replication::enter(sim::EntityId id, std::uint32_t stage) {
  // Decision stages take no time, so a case may pass several in one go.
  for (;;) {
    CaseState& c = cases_[id];
    if (c.step > 0 && c.stage_entry == sim_.now()) {
      if (++c.instant_entries >= kMaxInstantEntries) return stop(id);
    } else {
      c.instant_entries = 0;
    }
    c.stage = stage;
    c.stage_entry = sim_.now();
    ++c.step;
    const Stage& st = s_.stages[stage];
    c.adjournments = 0;
    c.cause_adjournments = {};
    c.listed_before = false;
    c.ends_at = kNever;
    if (contacts_)
      for (CaseEvent e : s_.communication->events_at_stage[stage]) case_event(id, e);
    // A listed hearing marks its milestone when it actually starts.
    if (st.milestone && !st.listing) reach(id, *st.milestone);
    if (st.kind == StageKind::kTerminal) {
      close(id, m_.stage_outcome_[stage]);
      return;
    }
    if (st.kind != StageKind::kDecision) break;
    stage = static_cast<std::uint32_t>(
        routing_->next(stage, c.type, stage_uniform(c, kDrawBranch)));
  }
  start_stage(id);
}

// A timed stage begins: the case is listed, queues for its pool, or starts.
void Replication::start_stage(sim::EntityId id) {
  CaseState& c = cases_[id];
  const Stage& st = s_.stages[c.stage];
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

double Replication::duration(CaseState& c) {
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

// How much longer a work stage takes at its officers' caseload now (this case
// included): models/scenario/caseload.h. The rate is fixed when the work
// starts, from the mean caseload of the pool at that moment.
double Replication::work_multiplier(const Stage& st) const {
  if (st.kind != StageKind::kWork || !st.pool || !caseload_[*st.pool]) return 1.0;
  const std::size_t p = *st.pool;
  return duration_multiplier(mean_caseload(pools_[p].in_use(), headcount_[p], *caseload_[p]),
                             *caseload_[p]);
}

void Replication::start_service(sim::EntityId id) {
  CaseState& c = cases_[id];
  c.queued = false;
  c.in_service = true;
  allocated(id);
  c.work_start = sim_.now();
  c.ends_at = sim_.now() + duration(c) * work_multiplier(s_.stages[c.stage]);
  sim_.schedule(c.ends_at, kStageEnd, id, 0, kRankStageEnd);
}

// Frees the unit `id` holds (if any) and hands it to the next waiter.
void Replication::leave_pool(sim::EntityId id) {
  CaseState& c = cases_[id];
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

void Replication::on_stage_end(sim::EntityId id) {
  recorder_.stage_ended(cases_[id], sim_.now());
  leave_pool(id);
  sim_.cancel_all(id);  // the pending withdrawal no longer applies
  enter(id, static_cast<std::uint32_t>(next_stage(cases_[id])));
  resume_recording(id);
}

// Where the case goes when its stage ends.
std::size_t Replication::next_stage(const CaseState& c) const {
  const double u = stage_uniform(c, kDrawBranch);
  if (c.recording == Recording::kDone && s_.stages[c.stage].listing &&
      s_.section_28->conviction_multiplier != 1)
    return next_stage_after_recording(c, u);
  return routing_->next(c.stage, c.type, u);
}

// Puts back every pending event of a case after a cancel_all in mid-stage.
void Replication::resume(sim::EntityId id) {
  const CaseState& c = cases_[id];
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
double Replication::withdrawal_time(const CaseState& c, DrawKind draw) const {
  const Stage& st = now_->stages[c.stage];
  const double recorded = c.recorded() ? s_.section_28->withdrawal_multiplier : 1.0;
  const double informed = contacts_ ? contacts_->withdrawal_multiplier(c.victim) : 1.0;
  double k = st.withdrawal_per_year * now_->case_types[c.type].withdrawal_scale *
             (c.isva ? now_->withdrawal.isva_multiplier : 1.0) * recorded * informed /
             kDaysPerYear;  // per day
  if (k <= 0) return kNever;
  // Cumulative hazard over the next x days, with the hazard rising linearly
  // in years since report: H(x) = k x (1 + a s0) + k a x^2 / 2, a per day.
  // Solve H(x) = E, E ~ Exp(1), in the form that stays accurate when a -> 0.
  const double e = -std::log(stage_uniform(c, draw));
  const double a = now_->withdrawal.rise_per_year / kDaysPerYear;
  const double since_report = std::max(0.0, sim_.now() - c.report);
  const double b = k * (1 + a * since_report);
  const double qa = k * a / 2;
  const double x = 2 * e / (b + std::sqrt(b * b + 4 * qa * e));
  return sim_.now() + x <= s_.meta.horizon_days ? sim_.now() + x : kNever;
}

void Replication::on_withdraw(sim::EntityId id) {
  leave_pool(id);
  leave_listing(id);
  sim_.cancel_all(id);
  recorder_.withdrew(cases_[id]);
  close(id, m_.withdrawal_outcome_);
}

// The zero-time guard. The loader refuses loops that take no time, but a
// case that still goes round one (a scenario built in code, a duration that
// keeps drawing 0) would hold the clock at one instant for ever. It stays
// open where it is, holding nothing and with no event to come, and is
// counted so that the run says it happened (summary.json, a warning).
void Replication::stop(sim::EntityId id) {
  leave_recording(id);
  sim_.cancel_all(id);
  ++stopped_;
}

// ---- milestones and closing ----
void Replication::reach(sim::EntityId id, Milestone m) {
  CaseState& c = cases_[id];
  double& when = c.milestone[static_cast<std::size_t>(m)];
  if (!std::isnan(when)) return;  // first time only
  when = sim_.now();
  if (m == Milestone::kPtph) recording_due(id);
  if (contacts_) milestone_contacts(id, m);
  recorder_.reached(c, m, when);
}

void Replication::close(sim::EntityId id, std::int32_t outcome) {
  reach(id, Milestone::kCompletion);
  CaseState& c = cases_[id];
  if (contacts_) contacts_->close(c.victim, sim_.now());
  recorder_.closed(c, outcome, sim_.now());
  leave_recording(id);
  sim_.cancel_all(id);
  free_.push_back(id);
  c.serial = kFreeSlot;
}

}  // namespace models
