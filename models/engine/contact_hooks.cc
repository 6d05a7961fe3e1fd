// What the engine tells VictimContacts about each case (allocation, stage
// events, milestones), and the process steps whose compliance is counted.
#include "models/engine/replication.h"

namespace models {

void Replication::allocated(sim::EntityId id) {
  CaseState& c = cases_[id];
  if (c.allocated) return;
  c.allocated = true;
  if (contacts_) contacts_->event(c.victim, {CaseEvent::kAllocation}, sim_.now());
}

// Whether a process step was taken at an opportunity (compliance), drawn from
// the case's own stream so that it does not shift any other draw.
void Replication::opportunity(const CaseState& c, Opportunity which, double p,
                              std::uint64_t draw) {
  if (!c.counted) return;  // the draw is not needed
  recorder_.opportunity(c, which, case_uniform(c, draw) < p);
}

void Replication::protective_order_chance(sim::EntityId id) {
  CaseState& c = cases_[id];
  opportunity(c, Opportunity::kProtectiveOrders,
              s_.communication->compliance.protective_orders_considered,
              kDrawProtectiveOrders | (std::uint64_t{c.protective_chances} << 32));
  ++c.protective_chances;
}

// An event a stage raises (events_at_stages).
void Replication::case_event(sim::EntityId id, CaseEvent e) {
  contacts_->event(cases_[id].victim, {e}, sim_.now());
  if (e == CaseEvent::kBailChange || e == CaseEvent::kSentence) protective_order_chance(id);
}

// Milestones that call for contacts, and the opportunities they bring.
void Replication::milestone_contacts(sim::EntityId id, Milestone m) {
  const CaseState& c = cases_[id];
  const Compliance& k = s_.communication->compliance;
  const double now = sim_.now();
  contacts_->milestone(c.victim, m, now);
  switch (m) {
    case Milestone::kReport:
      contacts_->event(c.victim, {CaseEvent::kReport}, now);
      opportunity(c, Opportunity::kVpsOffered, k.vps_offered_at_report, kDrawVpsOffered);
      break;
    case Milestone::kReferral: contacts_->event(c.victim, {CaseEvent::kReferral}, now); break;
    case Milestone::kCharge:
      contacts_->event(c.victim, {CaseEvent::kChargeDecision}, now);
      opportunity(c, Opportunity::kBadCharacter, k.bad_character_considered, kDrawBadCharacter);
      protective_order_chance(id);
      break;
    case Milestone::kFirstHearing:
      contacts_->event(c.victim, {CaseEvent::kFirstHearingDate}, now);
      break;
    case Milestone::kTrialStart:
      opportunity(c, Opportunity::kVpsUpdated, k.vps_updated_before_trial, kDrawVpsUpdated);
      break;
    default: break;
  }
}

void Replication::on_contact_day() {
  contacts_->tick(sim_.now());
  if (sim_.now() + 1 <= s_.meta.horizon_days)
    sim_.schedule(sim_.now() + 1, kContactDay, sim::kNoEntity, 0, kRankCapacity);
}

}  // namespace models
