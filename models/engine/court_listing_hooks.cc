// Listed hearings as a case lives them: asking the courts for a date, being
// dated (at once or in a listing round), vacated or adjourned on the day and
// listed again, cracking, or sitting an effective trial to its end.
#include <algorithm>
#include <cmath>

#include "models/engine/replication.h"

namespace models {

// What every request for a date says about the case itself.
CourtListings::Request Replication::request_for(sim::EntityId id) const {
  const CaseState& c = cases_[id];
  CourtListings::Request r;
  r.id = id;
  r.type = c.type;
  r.custody = s_.case_types[c.type].custody;
  r.report = c.report;
  return r;
}

void Replication::list(sim::EntityId id, bool relisting) {
  CaseState& c = cases_[id];
  const Listing& listing = *now_->stages[c.stage].listing;
  if (c.first_request == sim::kNever) c.first_request = sim_.now();
  CourtListings::Request r = request_for(id);
  r.listing = &listing;
  r.ready = sim_.now() + (relisting ? listing.relist_notice : listing.notice)
                             .quantile(stage_uniform(c, kDrawNotice));
  const double shorter = c.recording != Recording::kNone && s_.section_28
                             ? s_.section_28->trial_length_multiplier
                             : 1.0;
  const double days =
      std::ceil(listing.sitting_days.quantile(stage_uniform(c, kDrawLength)) * shorter - 1e-9);
  r.length = static_cast<std::uint16_t>(std::clamp(days, 1.0, 200.0));
  r.relisting = relisting;
  r.adjournments = c.adjournments;
  r.u_early = stage_uniform(c, kDrawEarly);
  r.u_when = stage_uniform(c, kDrawWhen);
  r.factors = cause_factors(c, listing);
  if (listing.court_moves) {
    r.u_move = stage_uniform(c, kDrawCourtMove);
    r.u_move_when = stage_uniform(c, kDrawCourtMoveWhen);
  }
  if (auto b = courts_->request(r, sim_.now())) {
    dated(id, *b);
  } else {
    c.awaiting_listing = true;
    ensure_round();
  }
}

void Replication::dated(sim::EntityId id, const CourtListings::Booking& b) {
  CaseState& c = cases_[id];
  c.awaiting_listing = false;
  c.booking = b;
  if (b.day < 0) return;  // no date before the diary ends: waits past the horizon
  if (c.first_date == sim::kNever) c.first_date = b.at;
  if (contacts_) {
    if (c.listed_before)
      contacts_->event(c.victim, {CaseEvent::kHearingDate, CaseEvent::kRelisting}, sim_.now());
    else
      contacts_->event(c.victim, {CaseEvent::kHearingDate}, sim_.now());
  }
  recorder_.dated(c);
  schedule_booking(id);
}

void Replication::schedule_booking(sim::EntityId id) {
  const CaseState& c = cases_[id];
  if (c.booking.early)
    sim_.schedule(c.booking.vacate_at, kVacate, id, 0, kRankVacate);
  else
    sim_.schedule(c.booking.at, kHearing, id, 0, kRankHearing);
}

void Replication::ensure_round() {
  if (round_due_) return;
  const double at = courts_->next_round(sim_.now());
  if (at > s_.meta.horizon_days) return;
  round_due_ = true;
  sim_.schedule(at, kListingRound, sim::kNoEntity, 0, kRankListing);
}

void Replication::on_listing_round() {
  round_due_ = false;
  for (const auto& d : courts_->round(sim_.now())) {
    if (d.recording)
      recording_dated(d.id, d.booking);
    else
      dated(d.id, d.booking);
  }
  if (courts_->queued()) ensure_round();
}

// The case's own factors on its adjournment chances: its frailty (one draw
// per case, whatever the stage, so a retrial meets the same) and the causes
// that have adjourned it in this stage.
CauseFactors Replication::cause_factors(const CaseState& c, const Listing& listing) const {
  if (!listing.persistence) return kPlainCauses;
  const CausePersistence& p = *listing.persistence;
  const double frailty = p.frailty_cv > 0 ? p.frailty.quantile(case_uniform(c, kDrawFrailty)) : 1.0;
  return p.factors(frailty, c.cause_adjournments);
}

// The listing failed (vacated or ineffective): list again.
void Replication::adjourned(sim::EntityId id, bool late, AdjournmentCause cause) {
  CaseState& c = cases_[id];
  recorder_.listing_failed(c, late);
  c.listed_before = true;
  bool weighs = false;
  if (contacts_) {
    contacts_->event(c.victim, {CaseEvent::kAdjournment}, sim_.now());
    weighs = contacts_->date_changed(c.victim, late);
  }
  if (c.adjournments < 255) ++c.adjournments;
  if (const auto k = static_cast<std::size_t>(cause);
      k < kDrawnCauseCount && c.cause_adjournments[k] < 255)
    ++c.cause_adjournments[k];
  c.booking = {};
  if (weighs) {
    // The victim's withdrawal hazard rose: draw the rest of the stage's
    // withdrawal afresh (memoryless given that it has not happened yet).
    sim_.cancel_all(id);
    c.withdraw_at = withdrawal_time(c, kDrawWithdrawAdjourned);
    resume(id);
  }
  list(id, true);
}

void Replication::on_vacate(sim::EntityId id) {
  CaseState& c = cases_[id];
  const AdjournmentCause cause = *c.booking.early;
  courts_->vacate(c.booking, cause, sim_.now());
  adjourned(id, false, cause);
}

void Replication::on_hearing(sim::EntityId id) {
  CaseState& c = cases_[id];
  const Stage& st = now_->stages[c.stage];
  recorder_.hearing_reached(c);
  const double cracked = c.recording == Recording::kDone ? s_.section_28->cracked_multiplier : 1.0;
  const auto h = courts_->hear(*st.listing, c.booking, c.adjournments,
                               stage_uniform(c, kDrawHearing), cracked,
                               stage_uniform(c, kDrawOverrun), stage_uniform(c, kDrawOverrunDays),
                               cause_factors(c, *st.listing));
  switch (h.result) {
    case CourtListings::Result::kIneffective:
      adjourned(id, true, h.cause);
      return;
    case CourtListings::Result::kCracked: {
      if (contacts_) contacts_->event(c.victim, {CaseEvent::kTrialOutcome}, sim_.now());
      c.booking = {};
      sim_.cancel_all(id);
      const auto next = cracked_routing_->next(c.stage, c.type, stage_uniform(c, kDrawCracked));
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

void Replication::on_trial_end(sim::EntityId id) {
  CaseState& c = cases_[id];
  c.sitting = false;
  courts_->end_sitting(c.sit_group, c.booked_end);
  if (contacts_) contacts_->event(c.victim, {CaseEvent::kTrialOutcome}, sim_.now());
  on_stage_end(id);
}

// A withdrawal ends whatever the case holds in the courts.
void Replication::leave_listing(sim::EntityId id) {
  CaseState& c = cases_[id];
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

}  // namespace models
