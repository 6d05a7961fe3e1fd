#include "models/engine/recorder.h"

#include <algorithm>
#include <cmath>

#include "models/engine/case_flow_model.h"
#include "models/scenario/outcome_words.h"

namespace models {

Recorder::Recorder(const Scenario& scenario, const sim::WorkingCalendar& calendar,
                   const RunOptions& options)
    : s_(scenario),
      calendar_(calendar),
      cohort_(counting_cohort(scenario.meta)),
      keep_cases_(options.keep_cases) {
  for (const Stage& st : s_.stages) {
    const StaffPool* staff = st.pool ? s_.staffing.of(*st.pool) : nullptr;
    caseload_work_.push_back(st.kind == StageKind::kWork && staff && staff->caseload);
    listed_stage_.push_back(s_.courts && st.listing ? 1 : 0);
  }
  out_.outcome_count.assign(s_.outcomes().size(), 0);
  out_.withdrawal_stage.assign(s_.stages.size(), 0);
  out_.work_days.resize(s_.stages.size());
  out_.deadlines.resize(s_.deadlines.size());
  // Whole years of the counted period; a last part-year of under a month
  // belongs to the year before rather than standing alone.
  const double counted = (s_.meta.horizon_days - s_.meta.warmup_days) / 365.25;
  out_.years.resize(static_cast<std::size_t>(std::max(1.0, std::floor(counted + 0.1))));
  for (const std::string& o : s_.outcomes()) {
    conviction_.push_back(o == kConvictedOutcome || o == kGuiltyPleaOutcome);
    verdict_.push_back(o == kConvictedOutcome || o == kAcquittedOutcome);
    convicted_at_trial_.push_back(o == kConvictedOutcome);
    withdrawal_.push_back(o == s_.withdrawal.outcome);
  }
}

int Recorder::year_of(double t) const {
  if (t < cohort_.first_report || t >= s_.meta.horizon_days) return -1;
  const auto y = static_cast<std::size_t>((t - cohort_.first_report) / 365.25);
  return static_cast<int>(std::min(y, out_.years.size() - 1));
}

void Recorder::count_by_year(const CaseState& c, Milestone m, double now) {
  for (std::size_t i = 0; i < kDelayMetrics.size(); ++i) {
    const auto& metric = kDelayMetrics[i];
    if (metric.to != m) continue;
    const double from = c.milestone[static_cast<std::size_t>(metric.from)];
    if (std::isnan(from)) continue;
    if (const int y = year_of(from); y >= 0) out_.years[static_cast<std::size_t>(y)].delays[i].add(now - from);
  }
}

void Recorder::count_cohort_case(const CaseState& c, std::int32_t outcome, double now) {
  CohortTally& t = out_.cohort;
  if (c.offence_lag != sim::kNever) {
    t.offence_to_report.add(c.offence_lag);
    (outcome >= 0 ? t.offence_to_completion : t.offence_censored)
        .add(c.offence_lag + now - c.report);
  }
  auto at = [&](Milestone m) { return c.milestone[static_cast<std::size_t>(m)]; };
  auto has = [&](Milestone m) { return !std::isnan(at(m)); };
  const bool charged = has(Milestone::kCharge);
  const bool trial = has(Milestone::kTrialStart);
  const std::array<bool, kFunnelSteps> steps = {
      true,
      has(Milestone::kReferral) || charged,
      charged,
      has(Milestone::kFirstHearing),
      trial,
      trial && is(outcome, verdict_),
      trial && is(outcome, convicted_at_trial_)};
  for (std::size_t k = 0; k < kFunnelSteps; ++k) t.funnel[k] += steps[k] ? 1 : 0;
  if (is(outcome, withdrawal_)) ++(charged ? t.withdrew_after_charge : t.withdrew_before_charge);
  if (c.ever_listed)
    ++t.date_changes[std::min<std::size_t>(c.early_adjournments + c.late_adjournments,
                                           kDateChangeBins - 1)];
  if (trial && charged && c.first_request != sim::kNever && c.first_date != sim::kNever) {
    const double charge = at(Milestone::kCharge), start = at(Milestone::kTrialStart);
    // A case charged after its first listing (not in the shipped pathways)
    // has no preparation: its whole wait is the court's.
    const double asked = std::max(charge, c.first_request);
    const double first = std::clamp(c.first_date, asked, start);
    t.trial_wait[static_cast<std::size_t>(TrialWaitPart::kPreparation)].add(asked - charge);
    t.trial_wait[static_cast<std::size_t>(TrialWaitPart::kFirstDate)].add(first - asked);
    t.trial_wait[static_cast<std::size_t>(TrialWaitPart::kDateChanges)].add(start - first);
    // The recording sat on its booking's day (section_28_hooks.cc).
    const bool recorded_first = c.recorded() && c.recording_booking.at <= start;
    t.after_recording.add(recorded_first ? start - std::max(charge, c.recording_booking.at) : 0);
    if (recorded_first) ++t.recorded_before_trial;
  }
}

void Recorder::count_period_close(const CaseState& c, std::int32_t outcome, double now) {
  if (now < cohort_.first_report) return;
  if (std::isnan(c.milestone[static_cast<std::size_t>(Milestone::kCharge)]))
    ++out_.period.closed_before_charge;
  if (is(outcome, conviction_)) ++out_.period.convictions;
}

void Recorder::count_delays_and_deadlines(const CaseState& c, Milestone m, double now) {
  for (std::size_t i = 0; i < kDelayMetrics.size(); ++i) {
    const auto& metric = kDelayMetrics[i];
    const double from = c.milestone[static_cast<std::size_t>(metric.from)];
    if (metric.to == m && !std::isnan(from)) out_.delays[i].add(now - from);
  }
  for (std::size_t i = 0; i < s_.deadlines.size(); ++i) {
    const Deadline& d = s_.deadlines[i];
    const double from = c.milestone[static_cast<std::size_t>(d.from)];
    if (d.to == m && !std::isnan(from) && judged(d, c)) tally_deadline(i, from, now);
  }
}

void Recorder::withdrew(const CaseState& c) {
  if (!c.counted) return;
  ++out_.withdrawal_stage[c.stage];
  if (c.recorded()) ++out_.case_courts.withdrew_after_recording;
}

void Recorder::closed(const CaseState& c, std::int32_t outcome, double now) {
  if (c.counted) {
    ++out_.closed;
    ++out_.outcome_count[static_cast<std::size_t>(outcome)];
    count_cohort_case(c, outcome, now);
  }
  count_period_close(c, outcome, now);
  if (c.initial && --initial_open_ == 0) out_.initial_cleared_day = now;
  if (keep_cases_) out_.cases.push_back(record(c, outcome));
}

void Recorder::listing_failed(CaseState& c, bool late) {
  ++(late ? c.late_adjournments : c.early_adjournments);
  if (!c.counted) return;
  if (!c.listed_before) ++out_.case_courts.first_listing_failed;
  ++(late ? out_.case_courts.late_adjournments : out_.case_courts.early_adjournments);
}

void Recorder::opportunity(const CaseState& c, Opportunity which, bool taken) {
  if (!c.counted) return;
  Opportunities& o = opportunities_[static_cast<std::size_t>(which)];
  ++o.offered;
  if (taken) ++o.taken;
}

double Recorder::elapsed(const Deadline& d, double from, double to) const {
  if (d.unit == DeadlineUnit::kCalendarDays) return to - from;
  return calendar_.working_days_between(calendar_.date_of(from), calendar_.date_of(to));
}

void Recorder::tally_deadline(std::size_t i, double from, double to) {
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

CaseRecord Recorder::record(const CaseState& c, std::int32_t outcome) const {
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
  r.section_28 = c.recorded();
  r.victim = c.victim;
  if (c.offence_lag != sim::kNever) r.offence_lag = c.offence_lag;
  return r;
}

void Recorder::warm(const std::vector<sim::Resource>& pools, double now) {
  warm_at_ = now;
  for (const auto& p : pools) {
    warm_busy_.push_back(p.busy_unit_days(now));
    warm_available_.push_back(p.available_unit_days(now));
    warm_waiting_.push_back(p.waiting_case_days(now));
  }
}

void Recorder::week(double now, const std::vector<CaseState>& cases,
                    const std::vector<sim::Resource>& pools) {
  WeekRow row;
  row.day = now;
  // One pass over the case slots (local tallies: the compiler cannot keep
  // them in registers through stores that might alias the cases).
  std::vector<std::uint32_t> by_stage(s_.stages.size(), 0);
  std::array<std::uint32_t, 4> by_age{};
  std::uint64_t open = 0;
  const std::uint8_t* listed = listed_stage_.data();
  for (const CaseState& c : cases) {
    if (!c.open()) continue;
    ++by_stage[c.stage];
    ++open;
    // The age profile of trials still to be heard, in weeks since charge
    // (or report, if never charged).
    if (!listed[c.stage]) continue;
    const double charge = c.milestone[static_cast<std::size_t>(Milestone::kCharge)];
    const double weeks = (now - (std::isnan(charge) ? c.report : charge)) / 7;
    ++by_age[weeks < 26 ? 0 : weeks < 52 ? 1 : weeks < 104 ? 2 : 3];
  }
  row.open_by_stage = std::move(by_stage);
  row.trials_by_age = by_age;
  row.initial_open = initial_open_;
  row.new_open = open - initial_open_;
  if (busy_mark_.empty()) {
    busy_mark_.assign(pools.size(), 0);
    available_mark_.assign(pools.size(), 0);
  }
  for (std::size_t p = 0; p < pools.size(); ++p) {
    row.queue_by_pool.push_back(static_cast<double>(pools[p].waiting()));
    const double busy = pools[p].busy_unit_days(now);
    const double available = pools[p].available_unit_days(now);
    row.utilisation_by_pool.push_back(available > available_mark_[p]
                                          ? (busy - busy_mark_[p]) / (available - available_mark_[p])
                                          : 0.0);
    busy_mark_[p] = busy;
    available_mark_[p] = available;
  }
  out_.weeks.push_back(std::move(row));
}

ReplicationResult Recorder::finish(double horizon, const std::vector<CaseState>& cases,
                                   const std::vector<sim::Resource>& pools,
                                   std::optional<CourtListings>& courts,
                                   std::optional<VictimContacts>& contacts, std::uint64_t events) {
  for (std::size_t p = 0; p < pools.size(); ++p) {
    const double available = pools[p].available_unit_days(horizon) - warm_available_[p];
    out_.pool_utilisation.push_back(
        available > 0 ? (pools[p].busy_unit_days(horizon) - warm_busy_[p]) / available : 0.0);
    // From the end of the warm-up, as every other figure.
    out_.pool_mean_queue.push_back(
        horizon > warm_at_
            ? (pools[p].waiting_case_days(horizon) - warm_waiting_[p]) / (horizon - warm_at_)
            : pools[p].mean_waiting(horizon));
  }
  count_open_cases(horizon, cases);
  if (courts) out_.courts = courts->finish();
  if (contacts) close_contacts(horizon, *contacts);
  out_.events = events;
  return std::move(out_);
}

namespace {

// Today's caseload first, then new reports, each by serial. Both are numbered
// densely from 0 and each case has one record, so the records are placed by
// serial in linear time rather than sorted (a sort of the national run's
// records cost more than the rest of closing the books). Serials repeated or
// too sparse to place fall back to the sort, which gives the same order.
void order_by_serial(std::vector<CaseRecord>& cases) {
  const auto before = [](const CaseRecord& a, const CaseRecord& b) {
    return a.initial != b.initial ? a.initial : a.serial < b.serial;
  };
  constexpr std::uint32_t kNone = 0xffffffffu;
  std::uint64_t initial = 0, reports = 0;  // one past the largest serial of each
  for (const CaseRecord& r : cases) (r.initial ? initial : reports) = std::max(
      r.initial ? initial : reports, r.serial + 1);
  if (initial + reports > 4 * cases.size() + 1024 || cases.size() >= kNone) {
    std::sort(cases.begin(), cases.end(), before);
    return;
  }
  std::vector<std::uint32_t> at(initial + reports, kNone);  // place -> record
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const CaseRecord& r = cases[i];
    std::uint32_t& place = at[r.initial ? r.serial : initial + r.serial];
    if (place != kNone) {  // a serial twice
      std::sort(cases.begin(), cases.end(), before);
      return;
    }
    place = static_cast<std::uint32_t>(i);
  }
  std::vector<std::uint32_t> to(cases.size());  // record -> its position
  std::uint32_t k = 0;
  for (const std::uint32_t i : at)
    if (i != kNone) to[i] = k++;
  // Applied in place, cycle by cycle: no second copy of the records.
  for (std::size_t i = 0; i < cases.size(); ++i)
    while (to[i] != i) {
      const std::uint32_t j = to[i];
      std::swap(cases[i], cases[j]);
      std::swap(to[i], to[j]);
    }
}

}  // namespace

void Recorder::count_open_cases(double horizon, const std::vector<CaseState>& cases) {
  for (const CaseState& c : cases) {
    if (!c.open()) continue;
    if (c.initial) ++out_.initial_open_at_end;
    if (keep_cases_) out_.cases.push_back(record(c, -1));
    count_open_by_year(c, horizon);
    if (!c.counted) continue;
    ++out_.open_at_end;
    count_cohort_case(c, -1, horizon);
    for (std::size_t i = 0; i < kDelayMetrics.size(); ++i) {
      const double from = c.milestone[static_cast<std::size_t>(kDelayMetrics[i].from)];
      const double to = c.milestone[static_cast<std::size_t>(kDelayMetrics[i].to)];
      if (!std::isnan(from) && std::isnan(to)) out_.cohort.censored[i].add(horizon - from);
    }
    // A deadline already overrun by an open case is a miss, however it ends.
    for (std::size_t i = 0; i < s_.deadlines.size(); ++i) {
      const Deadline& d = s_.deadlines[i];
      const double from = c.milestone[static_cast<std::size_t>(d.from)];
      const double to = c.milestone[static_cast<std::size_t>(d.to)];
      if (!std::isnan(from) && std::isnan(to) && judged(d, c) && elapsed(d, from, horizon) > d.limit)
        tally_deadline(i, from, horizon);
    }
  }
  if (keep_cases_) order_by_serial(out_.cases);
}

void Recorder::count_open_by_year(const CaseState& c, double horizon) {
  for (std::size_t i = 0; i < kDelayMetrics.size(); ++i) {
    const double from = c.milestone[static_cast<std::size_t>(kDelayMetrics[i].from)];
    const double to = c.milestone[static_cast<std::size_t>(kDelayMetrics[i].to)];
    if (std::isnan(from) || !std::isnan(to)) continue;
    if (const int y = year_of(from); y >= 0) {
      YearTally& year = out_.years[static_cast<std::size_t>(y)];
      ++year.open[i];
      year.censored[i].add(horizon - from);
    }
  }
}

void Recorder::close_contacts(double horizon, VictimContacts& contacts) {
  out_.communication = contacts.finish(horizon);
  out_.communication.vps_offered = opportunities_[std::size_t(Opportunity::kVpsOffered)];
  out_.communication.vps_updated = opportunities_[std::size_t(Opportunity::kVpsUpdated)];
  out_.communication.bad_character = opportunities_[std::size_t(Opportunity::kBadCharacter)];
  out_.communication.protective_orders =
      opportunities_[std::size_t(Opportunity::kProtectiveOrders)];
  for (CaseRecord& r : out_.cases) {
    const auto a = contacts.account(r.victim);
    r.contacts = a.contacts;
    r.late_contacts = a.late;
    r.longest_silence_days = a.longest_silence;
  }
}

}  // namespace models
