#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "models/engine/case_flow_model.h"
#include "models/engine/case_state.h"
#include "models/engine/court_listings.h"
#include "models/engine/recorder.h"
#include "models/engine/victim_contacts.h"
#include "sim/random_stream.h"
#include "sim/resource.h"
#include "sim/simulator.h"

namespace models {

// The state of one replication and its event handlers. The handlers move
// cases and tell the Recorder what happened; they count nothing themselves.
// Their definitions are grouped by concern:
//   replication.cc          running, dispatch, reports, today's caseload, snapshots
//   case_movement.cc        stages, pools, withdrawal, milestones, closing
//   court_listing_hooks.cc  listed hearings: dates, adjournments, trials
//   section_28_hooks.cc     the victim's cross-examination recorded before trial
//   contact_hooks.cc        what the victim is told, and process compliance
// Lifetime: keeps references to the model (and through it the scenario),
// which must outlive it; run() is called once.
class Replication {
 public:
  Replication(const CaseFlowModel& model, std::uint64_t replication, const RunOptions& options);
  ReplicationResult run();

 private:
  enum EventKind : std::uint16_t {
    kArrival,
    kStageEnd,
    kWithdraw,
    kCapacity,
    kSnapshot,
    kHearing,         // a listed hearing's day has come
    kVacate,          // a listing is vacated before its day (early adjournment)
    kTrialEnd,        // an effective trial has sat its last day
    kListingRound,    // the listing office dates queued trials (fixing window)
    kRecordingReady,  // a section 28 recording is due to be listed
    kRecording,       // a section 28 recording's day
    kRecordingEnd,    // the recording has given its room back
    kContactDay,      // a day boundary for victim contacts: plans due, desks' work
    kDated,           // the scenario's values change (Scenario::dated)
  };

  // Same-time order: capacity first (so a new officer is there for work due
  // that day), then completions and trial ends (releases before seizes: a
  // room freed overnight is free for the morning's hearings), withdrawals,
  // vacated listings, the listing round, the day's hearings in the order
  // they were listed, new reports, and the weekly snapshot last so it sees
  // the day's changes.
  static constexpr std::uint16_t kRankCapacity = 0, kRankStageEnd = 1, kRankWithdraw = 2,
                                 kRankVacate = 3, kRankListing = 4, kRankHearing = 5,
                                 kRankArrival = 6, kRankSnapshot = 7;

  // Random-number purposes per case. Stage-bound draws also mix in the
  // stage's stable purpose and the case's step, so each draw has its own
  // stream name. The values are part of the results: never renumber.
  enum DrawKind : std::uint64_t {
    kDrawType = 1,  // no longer drawn (kDrawReport), as kDrawIsva and kDrawOffence
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
    kDrawOffence,           // the offence's time before the report
    // Contact failures (VictimContacts::Chance), mixed with their count.
    kDrawHandover,
    kDrawNoSinglePoint,
    kDrawDateChange,
    kDrawWithdrawAdjourned,  // the withdrawal redrawn when a date change weighs on it
    kDrawFrailty,           // the case's factor on case-side adjournment chances
    kDrawCourtMove,         // whether the court moves a fixed trial, and why
    kDrawCourtMoveWhen,     // how long before its day
    kDrawReport,  // a report's type, offence lag, ISVA and section 28, one lane each
  };
  static constexpr std::uint64_t kArrivalEntity = ~0ull;  // the report process itself
  // Stage entries of one case at one instant before the zero-time guard stops
  // it: far more than any pathway passes through at once (each stage once),
  // few enough to cost milliseconds.
  static constexpr std::uint16_t kMaxInstantEntries = 10000;

  // ---- replication.cc ----
  void dispatch(const sim::Event& ev);
  double report_rate(double t) const;
  double max_report_rate() const;
  void schedule_next_arrival();
  void on_arrival();
  std::uint32_t pick_type(double u) const;
  void place_initial_cases();
  sim::EntityId new_case();
  int units(std::size_t p, int headcount) const;
  void on_capacity(std::uint32_t p);
  void on_dated(std::uint32_t k);
  void scale_durations();
  void on_snapshot();

  // ---- case_movement.cc ----
  void enter(sim::EntityId id, std::uint32_t stage);
  void start_stage(sim::EntityId id);
  double duration(CaseState& c);
  double work_multiplier(const Stage& st) const;
  void start_service(sim::EntityId id);
  void leave_pool(sim::EntityId id);
  void on_stage_end(sim::EntityId id);
  std::size_t next_stage(const CaseState& c) const;
  void resume(sim::EntityId id);
  double withdrawal_time(const CaseState& c, DrawKind draw) const;
  void on_withdraw(sim::EntityId id);
  void reach(sim::EntityId id, Milestone m);
  void close(sim::EntityId id, std::int32_t outcome);
  void stop(sim::EntityId id);

  // ---- court_listing_hooks.cc ----
  CourtListings::Request request_for(sim::EntityId id) const;
  void list(sim::EntityId id, bool relisting);
  void dated(sim::EntityId id, const CourtListings::Booking& b);
  void schedule_booking(sim::EntityId id);
  void ensure_round();
  void on_listing_round();
  CauseFactors cause_factors(const CaseState& c, const Listing& listing) const;
  void adjourned(sim::EntityId id, bool late, AdjournmentCause cause);
  void on_vacate(sim::EntityId id);
  void on_hearing(sim::EntityId id);
  void on_trial_end(sim::EntityId id);
  void leave_listing(sim::EntityId id);

  // ---- section_28_hooks.cc ----
  // u: the case's uniform draw for whether it plans one.
  void plan_recording(CaseState& c, double u) const;
  void recording_due(sim::EntityId id);
  std::size_t next_stage_after_recording(const CaseState& c, double u) const;
  void on_recording_ready(sim::EntityId id);
  void recording_dated(sim::EntityId id, const CourtListings::Booking& b);
  void on_recording(sim::EntityId id);
  void on_recording_end(sim::EntityId id);
  void leave_recording(sim::EntityId id);
  void resume_recording(sim::EntityId id);

  // ---- contact_hooks.cc ----
  void allocated(sim::EntityId id);
  void opportunity(const CaseState& c, Opportunity which, double p, std::uint64_t draw);
  void protective_order_chance(sim::EntityId id);
  void case_event(sim::EntityId id, CaseEvent e);
  void milestone_contacts(sim::EntityId id, Milestone m);
  void on_contact_day();

  // ---- random numbers: keyed by (seed, replication, case, purpose) ----
  double case_uniform(const CaseState& c, std::uint64_t kind) const {
    sim::RandomStream stream(s_.meta.seed, rep_, c.serial, kind);
    return stream.uniform();
  }
  double stage_uniform(const CaseState& c, DrawKind kind) const {
    // Each listing attempt (adjournments so far) gets draws of its own.
    const std::uint64_t purpose = m_.routing_.stage_purpose(c.stage) ^ (std::uint64_t{kind} << 58) ^
                                  (std::uint64_t{c.step} * 0x9E3779B97F4A7C15ull) ^
                                  (std::uint64_t{c.adjournments} << 44);
    sim::RandomStream stream(s_.meta.seed, rep_, c.serial, purpose);
    return stream.uniform();
  }

  const CaseFlowModel& m_;
  const Scenario& s_;
  // The values in force now, for draws: s_ until the first of its dated
  // changes (Scenario::dated), then each in turn. The pathway's shape, the
  // pools and the case types are the same in all, so what is not drawn is
  // read from s_. Switching costs nothing per draw: these are what the
  // draws read anyway.
  const Scenario* now_ = &s_;
  const RoutingTable* routing_ = &m_.routing_;
  const RoutingTable* cracked_routing_ = &m_.cracked_routing_;
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
  std::vector<CaseState> cases_;
  std::vector<sim::EntityId> free_;
  std::uint64_t next_serial_ = 0;
  std::uint64_t stopped_ = 0;  // cases stopped by the zero-time guard
  bool round_due_ = false;  // a listing round is scheduled
  mutable std::vector<double> branch_weight_;  // next_stage_after_recording's scratch
  Recorder recorder_;
};

}  // namespace models
