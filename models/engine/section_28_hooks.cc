// Section 28: the victim's cross-examination recorded before trial. A case
// plans one at report; from PTPH it waits, is listed for a recording room,
// sits for a day, and is done. It outlives stage changes, so its pending
// event is put back after each cancel_all (resume_recording).
#include "models/engine/replication.h"

namespace models {

void Replication::plan_recording(CaseState& c, double u) const {
  if (s_.section_28 && u < s_.section_28->share[c.type])
    c.recording = Recording::kPlanned;
}

// PTPH is reached: a planned recording is due some days later.
void Replication::recording_due(sim::EntityId id) {
  CaseState& c = cases_[id];
  if (c.recording != Recording::kPlanned) return;
  c.recording = Recording::kWaiting;
  c.recording_at =
      sim_.now() + s_.section_28->after_ptph.quantile(case_uniform(c, kDrawRecordingWhen));
  sim_.schedule(c.recording_at, kRecordingReady, id, 0, kRankListing);
}

// A recorded case's listed stage may end in conviction more often (a
// scenario parameter): the branches to the conviction outcome weigh more.
std::size_t Replication::next_stage_after_recording(const CaseState& c, double u) const {
  const Stage& st = now_->stages[c.stage];
  branch_weight_.clear();
  double total = 0;
  for (const Branch& b : st.branches) {
    branch_weight_.push_back(b.probability_for(c.type) *
                             (m_.convicts_[b.to] ? s_.section_28->conviction_multiplier : 1.0));
    total += branch_weight_.back();
  }
  double running = 0;
  for (std::size_t i = 0; i + 1 < branch_weight_.size(); ++i)
    if (u * total < (running += branch_weight_[i])) return st.branches[i].to;
  return st.branches.back().to;
}

void Replication::on_recording_ready(sim::EntityId id) {
  CaseState& c = cases_[id];
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

void Replication::recording_dated(sim::EntityId id, const CourtListings::Booking& b) {
  CaseState& c = cases_[id];
  if (b.day < 0) {  // no date before the diaries end
    c.recording = Recording::kNone;
    return;
  }
  c.recording = Recording::kBooked;
  c.recording_booking = b;
  sim_.schedule(b.at, kRecording, id, 0, kRankHearing);
}

void Replication::on_recording(sim::EntityId id) {
  CaseState& c = cases_[id];
  if (!courts_->record(c.recording_booking)) {
    // No room on the day: the recording is listed again from tomorrow.
    c.recording = Recording::kWaiting;
    c.recording_at = sim_.now() + 1;
    sim_.schedule(c.recording_at, kRecordingReady, id, 0, kRankListing);
    return;
  }
  c.recording = Recording::kSitting;
  recorder_.cross_examination_recorded(c);
  // Once the victim's evidence is recorded, the withdrawal hazard changes:
  // draw the rest of the stage's withdrawal afresh (memoryless given that
  // it has not happened yet) and put back everything else pending.
  sim_.cancel_all(id);
  c.withdraw_at = withdrawal_time(c, kDrawWithdrawRecorded);
  resume(id);
}

void Replication::on_recording_end(sim::EntityId id) {
  CaseState& c = cases_[id];
  courts_->end_sitting(c.recording_booking.group, c.recording_booking.at + 1);
  c.recording = Recording::kDone;
}

// Gives back whatever the recording holds; it will not be made.
void Replication::leave_recording(sim::EntityId id) {
  CaseState& c = cases_[id];
  switch (c.recording) {
    case Recording::kQueued: courts_->unqueue(id, true); break;
    case Recording::kBooked: courts_->vacate(c.recording_booking, std::nullopt, sim_.now()); break;
    case Recording::kSitting:
      courts_->end_sitting(c.recording_booking.group, c.recording_booking.at + 1);
      break;
    default: break;
  }
  c.recording = c.recorded() ? Recording::kDone : Recording::kNone;
}

// Puts back the recording's pending event after a cancel_all.
void Replication::resume_recording(sim::EntityId id) {
  const CaseState& c = cases_[id];
  if (!c.open()) return;
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

}  // namespace models
