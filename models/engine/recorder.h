#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "models/engine/case_state.h"
#include "models/engine/court_listings.h"
#include "models/engine/replication_result.h"
#include "models/engine/victim_contacts.h"
#include "models/scenario/counting_cohort.h"
#include "models/scenario/scenario.h"
#include "sim/calendar.h"
#include "sim/resource.h"

namespace models {

struct RunOptions;

// The process steps whose compliance is counted (communication.compliance).
enum class Opportunity : std::uint8_t { kVpsOffered, kVpsUpdated, kBadCharacter, kProtectiveOrders };

// Counts what happened in one replication. The handlers that move cases tell
// it what happened, with the case as it stands; it alone decides what is
// counted (new reports made after the warm-up, today's caseload apart) and
// fills the ReplicationResult.
// Lifetime: keeps references to the scenario and the calendar, which must
// outlive it (both belong to the CaseFlowModel that runs the replication).
class Recorder {
 public:
  Recorder(const Scenario& scenario, const sim::WorkingCalendar& calendar,
           const RunOptions& options);

  // The reports whose cases every per-case figure counts.
  const CountingCohort& cohort() const { return cohort_; }

  // ---- cases coming and going ----
  void reported(const CaseState& c) {
    if (c.counted) ++out_.new_cases;
  }
  void opened_initial() {
    ++out_.initial_cases;
    ++initial_open_;
  }
  // REQUIRES: c.milestone[m] was just set to `now`
  void reached(const CaseState& c, Milestone m, double now) {
    if (c.counted) count_delays_and_deadlines(c, m, now);
    count_by_year(c, m, now);
    if (m == Milestone::kCharge && now >= cohort_.first_report) ++out_.period.charges;
  }
  // A stage's time ran out (before the case leaves its pool).
  void stage_ended(const CaseState& c, double now) {
    if (c.counted && c.in_service && caseload_work_[c.stage])
      out_.work_days[c.stage].add(now - c.work_start);
  }
  void withdrew(const CaseState& c);
  // REQUIRES: called before the case gives up its recording
  void closed(const CaseState& c, std::int32_t outcome, double now);

  // ---- the courts, as the case lives them ----
  // Given a date (REQUIRES: before c.listed_before is set for a relisting).
  void dated(CaseState& c) {
    if (c.counted && !c.ever_listed) ++out_.case_courts.listed_cases;
    c.ever_listed = true;
  }
  // A listing vacated (early) or ineffective on the day (late).
  // REQUIRES: before c.listed_before is set
  void listing_failed(CaseState& c, bool late);
  void hearing_reached(CaseState& c) {
    ++c.hearings;
    if (c.counted) ++out_.case_courts.hearing_days;
  }
  void cross_examination_recorded(const CaseState& c) {
    if (c.counted) ++out_.case_courts.recorded;
  }

  // ---- communication ----
  void opportunity(const CaseState& c, Opportunity which, bool taken);

  // ---- observation ----
  // The warm-up has ended: time-averages of the pools count from now.
  void warm(const std::vector<sim::Resource>& pools, double now);
  // The weekly snapshot of the system (timeseries.csv).
  void week(double now, const std::vector<CaseState>& cases,
            const std::vector<sim::Resource>& pools);

  // Closes the books at the horizon: open cases, deadlines already overrun,
  // the courts' and the contacts' own accounts. Call once.
  ReplicationResult finish(double horizon, const std::vector<CaseState>& cases,
                           const std::vector<sim::Resource>& pools,
                           std::optional<CourtListings>& courts,
                           std::optional<VictimContacts>& contacts, std::uint64_t events);

 private:
  void count_delays_and_deadlines(const CaseState& c, Milestone m, double now);
  // The year of the counted period `t` falls in, or -1 outside it.
  int year_of(double t) const;
  void count_by_year(const CaseState& c, Milestone m, double now);
  // A cohort case, once: when it closes (outcome >= 0) or at the horizon.
  void count_cohort_case(const CaseState& c, std::int32_t outcome, double now);
  void count_period_close(const CaseState& c, std::int32_t outcome, double now);
  bool is(std::int32_t outcome, const std::vector<std::uint8_t>& which) const {
    return outcome >= 0 && which[static_cast<std::size_t>(outcome)];
  }
  bool judged(const Deadline& d, const CaseState& c) const {
    return !d.custody_only || s_.case_types[c.type].custody;
  }
  double elapsed(const Deadline& d, double from, double to) const;
  void tally_deadline(std::size_t i, double from, double to);
  CaseRecord record(const CaseState& c, std::int32_t outcome) const;
  // Open cases at the horizon: counted as open, deadlines they have overrun as missed.
  void count_open_cases(double horizon, const std::vector<CaseState>& cases);
  void count_open_by_year(const CaseState& c, double horizon);
  void close_contacts(double horizon, VictimContacts& contacts);

  const Scenario& s_;
  const sim::WorkingCalendar& calendar_;
  CountingCohort cohort_;
  double warm_at_ = 0;  // when the warm-up ended
  // Per outcome (Scenario::outcomes() order): a conviction (at trial or by
  // plea), a verdict at trial, convicted at trial, the victim's withdrawal.
  std::vector<std::uint8_t> conviction_, verdict_, convicted_at_trial_, withdrawal_;
  bool keep_cases_;
  std::vector<bool> caseload_work_;  // per stage: work on a pool with a caseload model
  std::vector<std::uint8_t> listed_stage_;  // per stage: heard on a date from the court diary
  std::uint64_t initial_open_ = 0;
  std::vector<double> busy_mark_, available_mark_, warm_busy_, warm_available_, warm_waiting_;
  std::array<Opportunities, 4> opportunities_{};  // by Opportunity
  ReplicationResult out_;
};

}  // namespace models
