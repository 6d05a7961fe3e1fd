#include "models/engine/victim_contacts.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>

namespace models {

VictimContacts::VictimContacts(const Scenario& scenario, const sim::WorkingCalendar& calendar,
                               Draw draw)
    : s_(scenario), comm_(&*scenario.communication), calendar_(calendar), draw_(std::move(draw)) {
  const ContactFailures& f = comm_->failures;
  assert(draw_ || (f.missed_after_move == 0 && f.missed_without_single_point == 0 &&
                   f.unexplained_date_change == 0));
  if (f.missed_without_single_point > 0) log_kept_ = std::log1p(-f.missed_without_single_point);
  const ContactDesk::Bounds bounds{f.drop_after_working_days, f.max_waiting_per_person};
  plans_by_day_.resize(static_cast<std::size_t>(scenario.meta.horizon_days) + 2);
  desks_.reserve(comm_->agencies.size());
  for (std::size_t a = 0; a < comm_->agencies.size(); ++a) {
    const Agency& agency = comm_->agencies[a];
    const Pool* pool = agency.staff ? &s_.pools[*agency.staff] : nullptr;
    const StaffPool* staff = agency.staff ? s_.staffing.of(*agency.staff) : nullptr;
    desks_.emplace_back(calendar_, pool, staff, bounds);
    if (agency.role == AgencyRole::kIsva && agency.staff && !isva_agency_) {
      isva_agency_ = a;
      isva_cases_per_person_ = agency.cases_per_person;
    }
  }
  use(*comm_);
}

void VictimContacts::use(const Communication& values) {
  comm_ = &values;
  rule_events_.assign(comm_->rules.size(), 0);
  any_rule_events_ = 0;
  for (auto& rules : rules_on_) rules.clear();
  for (std::size_t r = 0; r < comm_->rules.size(); ++r) {
    for (CaseEvent e : comm_->rules[r].on) rule_events_[r] |= event_bit(e);
    any_rule_events_ |= rule_events_[r];
    for (std::size_t e = 0; e < kCaseEventCount; ++e)
      if (rule_events_[r] & (1u << e)) rules_on_[e].push_back(static_cast<std::uint32_t>(r));
  }
}

VictimContacts::VictimId VictimContacts::open(double report, bool counted, bool isva,
                                              bool child, std::uint64_t serial) {
  Victim v;
  v.serial = serial;
  v.report = v.last = static_cast<float>(report);
  v.counted = counted;
  v.isva = isva;
  v.child = child;
  victims_.push_back(v);
  if (isva) ++isva_open_;
  return static_cast<VictimId>(victims_.size() - 1);
}

bool VictimContacts::take_isva(VictimId id, double now) {
  Victim& v = victims_[id];
  if (!v.isva || isva_cases_per_person_ <= 0) return v.isva;
  const std::size_t pool = *comm_->agencies[*isva_agency_].staff;
  const double places =
      isva_cases_per_person_ * std::max(s_.pools[pool].count_at(calendar_.date_of(now)), 0);
  // isva_open_ counts this victim already (open()).
  const bool got = static_cast<double>(isva_open_ - 1) < places;
  if (v.counted) {
    ++tally_.isva_wanted;
    if (got) ++tally_.isva_supported;
  }
  if (!got) {
    v.isva = false;
    --isva_open_;
  }
  return got;
}

void VictimContacts::milestone(VictimId id, Milestone m, double now) {
  Victim& v = victims_[id];
  v.reached |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(m));
  // A move at this milestone whose handover fails: the next contact the
  // agency taking over owes the victim is missed.
  if (const double p = comm_->failures.missed_after_move; p > 0)
    for (std::uint32_t k = 0; k < comm_->moves.size(); ++k)
      if (comm_->moves[k].after == m && comm_->moves[k].to < kNoAgency &&
          draw_(v.serial, Chance::kHandover, k) < p)
        v.lost_handover = static_cast<std::uint8_t>(comm_->moves[k].to);
  for (std::uint32_t p = 0; p < comm_->plans.size(); ++p) {
    const ContactPlan& plan = comm_->plans[p];
    if (plan.from == m && !reached(v, plan.until)) {
      // Today's caseload reached its milestones before the start: its plan
      // goes on from the first update due after the start.
      double at = now + plan.every_days;
      if (at < 0) at += std::ceil(-at / plan.every_days) * plan.every_days;
      schedule_plan(at, id, p);
    }
  }
}

std::size_t VictimContacts::agency_for(const Victim& v, std::size_t agency) const {
  for (const ResponsibilityMove& move : comm_->moves)
    if (move.from == agency && reached(v, move.after)) agency = move.to;
  return agency;
}

void VictimContacts::event(VictimId id, std::initializer_list<CaseEvent> events, double now) {
  std::uint32_t happened = 0;
  for (CaseEvent e : events) happened |= event_bit(e);
  if (!(happened & any_rule_events_)) return;
  const Victim& v = victims_[id];
  pending_.clear();
  const auto call = [&](const ContactRule& rule) {
    if (rule.audience == Audience::kIsva && !v.isva) return;
    pending_.push_back({rule.task ? rule.agency : agency_for(v, rule.agency),
                        comm_->channels[rule.channel].minutes, rule.working_days, rule.task});
  };
  // The usual occurrence is one event: only the rules about it, not every
  // rule's bits. Several events: each rule once, in the rules' order.
  if (events.size() == 1) {
    for (std::uint32_t r : rules_on_[static_cast<std::size_t>(*events.begin())])
      call(comm_->rules[r]);
  } else {
    for (std::size_t r = 0; r < comm_->rules.size(); ++r)
      if (rule_events_[r] & happened) call(comm_->rules[r]);
  }
  raise(id, pending_, now);
}

bool VictimContacts::single_point_for(const Victim& v) const {
  const auto& spoc = comm_->single_point;
  return spoc && reached(v, spoc->from) && (!spoc->isva_supported_only || v.isva);
}

bool VictimContacts::lost(Victim& v, std::size_t agency) {
  if (v.lost_handover == agency) {
    v.lost_handover = kNoAgency;
    return true;
  }
  const double p = comm_->failures.missed_without_single_point;
  if (p <= 0 || single_point_for(v)) return false;
  // Each such contact is missed with chance p, independently. A draw for
  // every contact made random numbers the largest cost of a national run, so
  // the victim draws the number of contacts to its next miss instead: the
  // same misses in distribution, one draw a miss rather than one a contact,
  // and a case still meets the same luck in a baseline and in a policy.
  // (Failure chances cannot change on a date, so p holds all run.)
  const std::uint32_t n = v.chances;
  if (n == std::numeric_limits<std::uint32_t>::max()) return false;
  ++v.chances;
  if (n == 0) v.next_miss = next_miss_from(v, 0);
  if (n != v.next_miss) return false;
  v.next_miss = next_miss_from(v, n + 1);
  return true;
}

std::uint32_t VictimContacts::next_miss_from(const Victim& v, std::uint32_t from) const {
  const double p = comm_->failures.missed_without_single_point;
  if (p >= 1) return from;
  // Contacts made before the next miss: geometric, by inversion (u in (0, 1)).
  const double u = draw_(v.serial, Chance::kNoSinglePoint, from);
  const double made = std::floor(std::log(u) / log_kept_);
  const double room = static_cast<double>(std::numeric_limits<std::uint32_t>::max() - from);
  return made >= room ? std::numeric_limits<std::uint32_t>::max()
                      : from + static_cast<std::uint32_t>(made);
}

void VictimContacts::missed(Victim& v) {
  ++v.missed;
  if (v.counted) ++tally_.missed;
}

bool VictimContacts::date_changed(VictimId id, bool late) {
  Victim& v = victims_[id];
  const double p = comm_->failures.unexplained_date_change;
  const bool unexplained = p > 0 && draw_(v.serial, Chance::kDateChange, v.date_changes) < p;
  if (v.date_changes < 0xffff) ++v.date_changes;
  if (unexplained && v.unexplained < 0xffff) ++v.unexplained;
  if (v.counted) {
    ++tally_.date_changes;
    if (unexplained) ++tally_.unexplained_date_changes;
  }
  const WithdrawalFeedback& f = comm_->feedback;
  const double factor = (late ? f.per_late_adjournment : 1.0) *
                        (unexplained ? f.per_unexplained_date_change : 1.0);
  if (factor <= 1 || v.end >= 0) return false;
  const float before = v.multiplier;
  v.multiplier = std::min(static_cast<float>(f.max_multiplier),
                          v.multiplier * static_cast<float>(factor));
  return v.multiplier != before;
}

void VictimContacts::raise(VictimId id, std::vector<Pending>& contacts, double now) {
  if (contacts.empty()) return;
  Victim& v = victims_[id];
  if (const auto& spoc = comm_->single_point; single_point_for(v)) {
    // The event's contacts become one; its tasks stay as they are.
    std::optional<Pending> one;
    auto tasks = std::stable_partition(contacts.begin(), contacts.end(),
                                       [](const Pending& c) { return c.task; });
    for (auto c = tasks; c != contacts.end(); ++c) {
      if (!one) one = Pending{spoc->agency, c->minutes, c->working_days};
      one->minutes = std::max(one->minutes, c->minutes);
      one->working_days = std::min(one->working_days, c->working_days);
    }
    contacts.erase(tasks, contacts.end());
    if (one) contacts.push_back(*one);
  }
  const std::int32_t today = day_of(now);
  flush(today);
  std::uint64_t agencies = 0;  // one bit per agency, for fragmentation
  std::size_t distinct = 0;
  for (const Pending& c : contacts) {
    // A missed contact contacts no one: not in the fragmentation count.
    if (!raise_one(id, c, today) || c.task) continue;
    const std::uint64_t bit = 1ull << (c.agency % 64);
    if (!(agencies & bit)) ++distinct;
    agencies |= bit;
  }
  if (victims_[id].counted && distinct > 0) {
    tally_.agencies_per_event.add(static_cast<double>(distinct));
    if (distinct > 1) ++tally_.fragmented_events;
  }
}

void VictimContacts::raise_update(VictimId id, Pending update, double now) {
  // What raise() does with an occurrence of one contact, without the merging
  // and fragmentation bookkeeping that only several contacts need: a plan
  // update is most of a national run's contacts.
  assert(!update.task);
  if (single_point_for(victims_[id])) update.agency = comm_->single_point->agency;
  const std::int32_t today = day_of(now);
  flush(today);
  if (raise_one(id, update, today) && victims_[id].counted) tally_.agencies_per_event.add(1);
}

bool VictimContacts::raise_one(VictimId id, const Pending& c, std::int32_t today) {
  Victim& v = victims_[id];
  const bool feedback = comm_->feedback.per_late_contact > 1;
  const std::uint32_t contact = contacts_raised_++;
  if (feedback) contact_made_.resize(std::size_t{contact} + 1, -1);
  const std::int32_t due = due_day(today, c.working_days);
  bool gone = !c.task && lost(v, c.agency);
  if (gone)
    desks_[c.agency].missed(today);
  else
    gone = !desks_[c.agency].raise({key_of(id, contact), today, due, c.minutes, !c.task});
  if (c.task) return !gone;
  if (gone) missed(v);
  if (feedback) {
    deadline_watch_.emplace_back(due + 1, key_of(id, contact));
    std::push_heap(deadline_watch_.begin(), deadline_watch_.end(), std::greater<>());
  }
  if (v.counted) ++tally_.required;
  return !gone;
}

std::int32_t VictimContacts::due_day(std::int32_t today, int working_days) {
  const auto k = static_cast<std::size_t>(working_days);
  if (k >= due_days_.size()) return ContactDesk::due_day(calendar_, today, working_days);
  if (today != due_day_of_) {
    due_day_of_ = today;
    due_days_.fill(-1);
  }
  if (due_days_[k] < 0) due_days_[k] = ContactDesk::due_day(calendar_, today, working_days);
  return due_days_[k];
}

void VictimContacts::close(VictimId id, double now) {
  Victim& v = victims_[id];
  v.end = static_cast<float>(now);
  if (v.isva) --isva_open_;
}

void VictimContacts::schedule_plan(double at, VictimId victim, std::uint32_t plan) {
  const std::int32_t day = day_of(at);
  if (day >= static_cast<std::int32_t>(plans_by_day_.size())) return;  // past the horizon
  std::vector<PlanDue>& list = plans_by_day_[static_cast<std::size_t>(std::max(day, plans_done_ + 1))];
  if (list.capacity() == 0 && !spare_days_.empty()) {
    list.swap(spare_days_.back());
    spare_days_.pop_back();
  }
  list.push_back({at, victim, plan});
}

void VictimContacts::tick(double now) {
  const std::int32_t today = std::min(day_of(now), static_cast<std::int32_t>(plans_by_day_.size()) - 1);
  while (plans_done_ < today) {
    std::vector<PlanDue>& due_today = plans_by_day_[static_cast<std::size_t>(++plans_done_)];
    // Indexed, not iterated: an update every day or less lands back in today.
    for (std::size_t i = 0; i < due_today.size(); ++i) {
      const PlanDue due = due_today[i];
      const Victim& v = victims_[due.victim];
      const ContactPlan& plan = comm_->plans[due.plan];
      if (v.end >= 0 || reached(v, plan.until)) continue;  // the plan has run its course
      if (plan.audience != Audience::kIsva || v.isva) {
        raise_update(due.victim,
                     {agency_for(v, plan.agency), comm_->channels[plan.channel].minutes,
                      plan.working_days},
                     due.at);
      }
      schedule_plan(due.at + plan.every_days, due.victim, due.plan);
    }
    due_today.clear();
    if (due_today.capacity() > 0) {
      spare_days_.push_back(std::vector<PlanDue>());
      spare_days_.back().swap(due_today);
    }
  }
  flush(day_of(now));
}

void VictimContacts::flush(std::int32_t day) {
  if (day <= flushed_) return;
  flushed_ = day;
  made_.clear();
  for (ContactDesk& desk : desks_) desk.work_until(day, made_);
  // Each victim's contacts in the order they were made, whichever agency.
  // (Flushed daily, every contact is made the same day: already in order.)
  const auto by_day = [](const ContactDesk::Made& a, const ContactDesk::Made& b) {
    return a.made < b.made;
  };
  if (!std::is_sorted(made_.begin(), made_.end(), by_day))
    std::stable_sort(made_.begin(), made_.end(), by_day);
  for (const ContactDesk::Made& m : made_) {
    if (m.missed) {  // dropped by its desk: never made
      if (m.counts) missed(victims_[victim_of(m.key)]);
      continue;
    }
    if (const std::uint32_t c = contact_of(m.key); c < contact_made_.size())
      contact_made_[c] = m.made;
    if (!m.counts) continue;  // a task: staff time, not a contact
    Victim& v = victims_[victim_of(m.key)];
    ++v.contacts;
    const auto when = static_cast<float>(m.made);
    v.longest = std::max(v.longest, when - v.last);
    v.last = std::max(v.last, when);
    if (m.late()) ++v.late;
    if (v.counted) ++(m.late() ? tally_.late : tally_.on_time);
  }
  // Contacts whose deadline passed unmade (made late, or not yet) weigh on
  // the victim from the day after it.
  const float per_late = static_cast<float>(comm_->feedback.per_late_contact);
  const float most = static_cast<float>(comm_->feedback.max_multiplier);
  while (!deadline_watch_.empty() && deadline_watch_.front().first <= day) {
    std::pop_heap(deadline_watch_.begin(), deadline_watch_.end(), std::greater<>());
    const auto [after, key] = deadline_watch_.back();
    deadline_watch_.pop_back();
    const std::int32_t made = contact_made_[contact_of(key)];
    if (made >= 0 && made < after) continue;  // made on time
    Victim& v = victims_[victim_of(key)];
    if (v.end < 0) v.multiplier = std::min(most, v.multiplier * per_late);
  }
}

void VictimContacts::snapshot(double now) {
  if (!isva_agency_) return;
  const std::size_t pool = *comm_->agencies[*isva_agency_].staff;
  const int isvas = s_.pools[pool].count_at(calendar_.date_of(now));
  tally_.isva_caseload.push_back(isvas > 0 ? static_cast<double>(isva_open_) / isvas
                                           : std::nan(""));
}

VictimContacts::Account VictimContacts::account(VictimId id) const {
  assert(finished_);
  const Victim& v = victims_[id];
  return {v.contacts, v.late, static_cast<double>(v.longest), v.missed};
}

CommunicationTally VictimContacts::finish(double horizon) {
  assert(!finished_);
  finished_ = true;
  flush(day_of(horizon));
  const std::int32_t last = day_of(horizon);
  for (const ContactDesk& desk : desks_) {
    tally_.weeks.push_back(desk.weeks());
    desk.for_each_waiting([&](const ContactDesk::Contact& c) {
      if (c.counts && victims_[victim_of(c.key)].counted && c.due < last) ++tally_.unmade;
    });
  }
  // The silence runs on to the end of the case, or to the horizon.
  for (Victim& v : victims_) {
    const float end = v.end >= 0 ? v.end : static_cast<float>(horizon);
    v.longest = std::max(v.longest, end - v.last);
    if (v.counted) tally_.longest_silence_days.add(v.longest);
    if (v.counted && v.date_changes > 0) {
      ++tally_.victims_with_date_change;
      if (v.unexplained > 0) ++tally_.victims_with_unexplained_change;
    }
  }
  return std::move(tally_);
}

}  // namespace models
