#include "models/results/run_summary.h"

#include <fmt/format.h>

#include <cmath>

#include "sim/confidence_interval.h"
#include "sim/running_stats.h"
#include "sim/sample.h"

namespace models {

namespace {

double ratio(double num, double den) { return den > 0 ? num / den : kNotReached; }

Metric make(std::string name, std::string unit, std::string description,
            std::vector<double> values, std::uint64_t n, Better better = Better::kNeither) {
  Metric m;
  m.better = better;
  m.name = std::move(name);
  m.unit = std::move(unit);
  m.description = std::move(description);
  const auto ci = sim::confidence_interval(values);
  m.mean = ci.mean;
  m.ci_low = ci.low;
  m.ci_high = ci.high;
  sim::Sample across;
  for (double v : values)
    if (!std::isnan(v)) across.add(v);
  m.median = across.median();
  m.p90 = across.quantile(0.9);
  m.n = n;
  m.per_replication = std::move(values);
  return m;
}

// Which group of courtrooms pool `p` is the rooms (true) or judges (false)
// of, if any.
std::optional<std::pair<std::size_t, bool>> court_pool(const Scenario& s, std::size_t p) {
  if (!s.courts) return std::nullopt;
  if (p == s.courts->rooms) return std::pair{kGeneralRooms, true};
  if (p == s.courts->judges) return std::pair{kGeneralRooms, false};
  if (const auto& sp = s.courts->specialist) {
    if (p == sp->rooms) return std::pair{kSpecialistRooms, true};
    if (p == sp->judges) return std::pair{kSpecialistRooms, false};
  }
  return std::nullopt;
}

// Sitting-day use of the general and specialist rooms, and the idle
// sittings that rooms which lend gave to other work.
void add_room_group_metrics(const Scenario& s, const std::vector<ReplicationResult>& results,
                            std::vector<Metric>& out) {
  const Courts& courts = *s.courts;
  struct Group {
    std::size_t index;
    const char* name;
    bool lends;
  };
  std::vector<Group> groups;
  if (courts.specialist) {
    groups.push_back({kGeneralRooms, "general",
                      courts.policy == ListingPolicy::kRassoPriority});
    groups.push_back({kSpecialistRooms, "specialist",
                      courts.specialist->mode == SpecialistMode::kDesignated});
  } else if (courts.policy == ListingPolicy::kRassoPriority) {
    groups.push_back({kGeneralRooms, "general", true});
  }
  for (const Group& g : groups) {
    std::vector<double> used, lent;
    for (const auto& r : results) {
      const RoomGroupTally& t = r.courts.group[g.index];
      used.push_back(ratio(t.sitting_days_used, t.sitting_days_available));
      lent.push_back(ratio(t.sittings_lent, t.sitting_days_available + t.sittings_lent));
    }
    out.push_back(make(fmt::format("utilisation.court_sittings.{}", g.name), "share",
                       fmt::format("sitting days of the {} rooms (room and judge) used by "
                                   "RASSO trials and recordings, of those RASSO had",
                                   g.name),
                       std::move(used), results.size()));
    if (g.lends)
      out.push_back(make(fmt::format("courts.lent_share.{}", g.name), "share",
                         fmt::format("share of the {} rooms' sittings that RASSO left unbooked "
                                     "and were lent to other work",
                                     g.name),
                         std::move(lent), results.size()));
  }
}

// Trials as the courts saw them (every hearing day after the warm-up) and
// as counted cases lived them.
void add_court_metrics(const Scenario& s, const std::vector<ReplicationResult>& results,
                       std::vector<Metric>& out) {
  auto per_rep = [&](auto&& value) {
    std::vector<double> v;
    for (const auto& r : results) v.push_back(value(r));
    return v;
  };
  std::uint64_t days = 0, ineffective = 0, listings = 0, listed = 0, lead = 0;
  sim::Sample lead_medians, lead_p90s;
  for (const auto& r : results) {
    days += r.courts.hearing_days;
    ineffective += r.courts.ineffective;
    listings += r.courts.listings;
    listed += r.case_courts.listed_cases;
    lead += r.courts.lead_time.size();
    if (!r.courts.lead_time.empty()) {
      lead_medians.add(r.courts.lead_time.median());
      lead_p90s.add(r.courts.lead_time.quantile(0.9));
    }
  }
  auto share_of_days = [&](std::uint64_t CourtTally::*field) {
    return per_rep([field](const ReplicationResult& r) {
      return ratio(static_cast<double>(r.courts.*field), static_cast<double>(r.courts.hearing_days));
    });
  };
  out.push_back(make("trials.effective_share", "share", "share of listed trial days that went ahead",
                     share_of_days(&CourtTally::effective), days, Better::kHigher));
  out.push_back(make("trials.cracked_share", "share",
                     "share of listed trial days that cracked (late plea, no evidence offered)",
                     share_of_days(&CourtTally::cracked), days));
  out.push_back(make("trials.ineffective_share", "share",
                     "share of listed trial days that did not go ahead (late adjournment)",
                     share_of_days(&CourtTally::ineffective), days, Better::kLower));
  for (std::size_t c = 0; c < kAdjournmentCauseCount; ++c) {
    const std::string cause = adjournment_cause_name(static_cast<AdjournmentCause>(c));
    out.push_back(make("trials.ineffective_cause_share." + cause, "share",
                       "share of ineffective trials whose cause was " + cause,
                       per_rep([c](const ReplicationResult& r) {
                         return ratio(static_cast<double>(r.courts.late_by_cause[c]),
                                      static_cast<double>(r.courts.ineffective));
                       }),
                       ineffective));
  }
  out.push_back(make("trials.vacated_share", "share",
                     "share of listings vacated before the day (early adjournment)",
                     per_rep([](const ReplicationResult& r) {
                       return ratio(static_cast<double>(r.courts.vacated),
                                    static_cast<double>(r.courts.listings));
                     }),
                     listings, Better::kLower));
  Metric lead_time = make("listing_lead_time_days", "days",
                          "days from a trial being ready to its listed date",
                          per_rep([](const ReplicationResult& r) { return r.courts.lead_time.mean(); }),
                          lead, Better::kLower);
  lead_time.median = lead_medians.mean();
  lead_time.p90 = lead_p90s.mean();
  out.push_back(std::move(lead_time));
  out.push_back(make("utilisation.court_sittings", "share",
                     "sitting days (room and ticketed judge) used by effective trials",
                     per_rep([](const ReplicationResult& r) {
                       return ratio(r.courts.sitting_days_used, r.courts.sitting_days_available);
                     }),
                     results.size()));
  add_room_group_metrics(s, results, out);
  std::uint64_t effective = 0, recorded = 0;
  for (const auto& r : results) {
    effective += r.courts.effective;
    recorded += r.case_courts.recorded;
  }
  out.push_back(make("trials.overrun_share", "share",
                     "share of effective trials that sat longer than booked",
                     per_rep([](const ReplicationResult& r) {
                       return ratio(static_cast<double>(r.courts.overruns),
                                    static_cast<double>(r.courts.effective));
                     }),
                     effective, Better::kLower));
  if (s.section_28) {
    out.push_back(make("section_28.recorded_cases", "cases",
                       "counted cases whose cross-examination was recorded before trial",
                       per_rep([](const ReplicationResult& r) {
                         return static_cast<double>(r.case_courts.recorded);
                       }),
                       results.size()));
    out.push_back(make("section_28.withdrawal_after_recording_share", "share",
                       "share of recorded victims who withdrew after the recording",
                       per_rep([](const ReplicationResult& r) {
                         return ratio(static_cast<double>(r.case_courts.withdrew_after_recording),
                                      static_cast<double>(r.case_courts.recorded));
                       }),
                       recorded, Better::kLower));
    out.push_back(make("section_28.recordings_moved_share", "share",
                       "share of recording days that found no room or judge and moved",
                       per_rep([](const ReplicationResult& r) {
                         const auto moved = static_cast<double>(r.courts.recordings_moved);
                         return ratio(moved, moved + static_cast<double>(r.courts.recordings));
                       }),
                       recorded, Better::kLower));
  }
  auto per_listed_case = [&](std::uint64_t CaseCourtTally::*field) {
    return per_rep([field](const ReplicationResult& r) {
      return ratio(static_cast<double>(r.case_courts.*field),
                   static_cast<double>(r.case_courts.listed_cases));
    });
  };
  out.push_back(make("hearings_per_listed_case", "ratio",
                     "listed trial days a listed case reached, on average",
                     per_listed_case(&CaseCourtTally::hearing_days), listed, Better::kLower));
  out.push_back(make("early_adjournments_per_listed_case", "ratio",
                     "listings vacated before the day, per listed case",
                     per_listed_case(&CaseCourtTally::early_adjournments), listed, Better::kLower));
  out.push_back(make("late_adjournments_per_victim", "ratio",
                     "trials adjourned on the day, per listed case: the adjournments that "
                     "distress victims most",
                     per_listed_case(&CaseCourtTally::late_adjournments), listed, Better::kLower));
  out.push_back(make("trials.first_listing_failed_share", "share",
                     "share of listed cases whose first listed date was vacated or ineffective",
                     per_listed_case(&CaseCourtTally::first_listing_failed), listed,
                     Better::kLower));
}

// Keeping victims informed: Victims' Code compliance, each agency's load and
// the staff time it takes, silences and fragmentation, process compliance.
void add_communication_metrics(const Scenario& s, const std::vector<ReplicationResult>& results,
                               std::vector<Metric>& out) {
  const Communication& comm = *s.communication;
  auto per_rep = [&](auto&& value) {
    std::vector<double> v;
    for (const auto& r : results) v.push_back(value(r.communication));
    return v;
  };
  std::uint64_t made = 0, victims = 0, events = 0;
  sim::Sample silence_medians, silence_p90s;
  for (const auto& r : results) {
    const CommunicationTally& t = r.communication;
    made += t.on_time + t.late;
    victims += t.longest_silence_days.size();
    events += t.agencies_per_event.count();
    if (!t.longest_silence_days.empty()) {
      silence_medians.add(t.longest_silence_days.median());
      silence_p90s.add(t.longest_silence_days.quantile(0.9));
    }
  }
  out.push_back(make("communication.contacts_required", "cases",
                     "contacts with victims that rules and plans called for, for new reports "
                     "after the warm-up",
                     per_rep([](const CommunicationTally& t) {
                       return static_cast<double>(t.required);
                     }),
                     results.size()));
  out.push_back(make("communication.on_time_share", "share",
                     "share of contacts made within their Victims' Code deadline, of those made "
                     "or already overdue at the horizon",
                     per_rep([](const CommunicationTally& t) {
                       return ratio(static_cast<double>(t.on_time),
                                    static_cast<double>(t.on_time + t.late + t.unmade));
                     }),
                     made, Better::kHigher));
  out.push_back(make("communication.overdue_at_end", "cases",
                     "contacts past their deadline and still not made at the horizon",
                     per_rep([](const CommunicationTally& t) {
                       return static_cast<double>(t.unmade);
                     }),
                     results.size(), Better::kLower));
  Metric silence = make("communication.longest_silence_days", "days",
                        "per victim, the longest time without a contact, from the report to the "
                        "end of the case (or the horizon)",
                        per_rep([](const CommunicationTally& t) {
                          return t.longest_silence_days.mean();
                        }),
                        victims, Better::kLower);
  silence.median = silence_medians.mean();
  silence.p90 = silence_p90s.mean();
  out.push_back(std::move(silence));
  out.push_back(make("communication.agencies_per_event", "ratio",
                     "distinct agencies contacting a victim about one event (fragmentation; 1 "
                     "is one voice)",
                     per_rep([](const CommunicationTally& t) {
                       return t.agencies_per_event.mean();
                     }),
                     events, Better::kLower));
  out.push_back(make("communication.fragmented_event_share", "share",
                     "share of events about which more than one agency contacted the victim",
                     per_rep([](const CommunicationTally& t) {
                       return ratio(static_cast<double>(t.fragmented_events),
                                    static_cast<double>(t.agencies_per_event.count()));
                     }),
                     events, Better::kLower));
  // Weekly figures after the warm-up.
  const auto first_week = static_cast<std::size_t>(std::ceil(s.meta.warmup_days / 7));
  for (std::size_t a = 0; a < comm.agencies.size(); ++a) {
    const std::string& name = comm.agencies[a].name;
    auto sum = [&](const CommunicationTally& t, double AgencyWeek::*field) {
      double total = 0;
      if (a < t.weeks.size())
        for (std::size_t w = first_week; w < t.weeks[a].size(); ++w) total += t.weeks[a][w].*field;
      return total;
    };
    auto weeks = [&](const CommunicationTally& t) {
      return a < t.weeks.size() && t.weeks[a].size() > first_week
                 ? static_cast<double>(t.weeks[a].size() - first_week)
                 : kNotReached;
    };
    out.push_back(make("communication.required_per_week." + name, "ratio",
                       "contacts falling to " + name + " a week, after the warm-up",
                       per_rep([&](const CommunicationTally& t) {
                         return sum(t, &AgencyWeek::required) / weeks(t);
                       }),
                       results.size()));
    out.push_back(make("communication.late_share." + name, "share",
                       "share of " + name + "'s contacts made after their deadline",
                       per_rep([&](const CommunicationTally& t) {
                         return ratio(sum(t, &AgencyWeek::late), sum(t, &AgencyWeek::made));
                       }),
                       results.size(), Better::kLower));
    out.push_back(make("communication.hours_per_week." + name, "ratio",
                       "staff hours " + name + " spends on victim contacts a week",
                       per_rep([&](const CommunicationTally& t) {
                         return sum(t, &AgencyWeek::hours) / weeks(t);
                       }),
                       results.size()));
    if (comm.agencies[a].staff)
      out.push_back(make("communication.staff_time_share." + name, "share",
                         "share of " + name + "'s working hours spent on victim contacts",
                         per_rep([&](const CommunicationTally& t) {
                           return ratio(sum(t, &AgencyWeek::hours),
                                        sum(t, &AgencyWeek::staff_hours));
                         }),
                         results.size()));
  }
  if (!results.empty() && !results.front().communication.isva_caseload.empty())
    out.push_back(make("communication.isva_caseload", "ratio",
                       "open ISVA-supported cases per ISVA, weekly average after the warm-up",
                       per_rep([&](const CommunicationTally& t) {
                         double total = 0, n = 0;
                         for (std::size_t w = first_week; w < t.isva_caseload.size(); ++w)
                           if (!std::isnan(t.isva_caseload[w])) total += t.isva_caseload[w], ++n;
                         return ratio(total, n);
                       }),
                       results.size()));
  struct Step {
    const char* name;
    const char* description;
    Opportunities CommunicationTally::*field;
  };
  for (const Step& step : {
           Step{"vps_offered_share", "share of victims offered a victim personal statement at "
                                     "report",
                &CommunicationTally::vps_offered},
           Step{"vps_updated_share", "share of trials before which the victim personal "
                                     "statement was updated",
                &CommunicationTally::vps_updated},
           Step{"bad_character_considered_share", "share of charged cases in which a bad "
                                                  "character application was considered",
                &CommunicationTally::bad_character},
           Step{"protective_orders_considered_share",
                "share of opportunities (charge, bail change, sentence) at which a protective "
                "order (SHPO, SRO, restraining order) was considered",
                &CommunicationTally::protective_orders},
       }) {
    std::uint64_t offered = 0;
    for (const auto& r : results) offered += (r.communication.*step.field).offered;
    out.push_back(make(std::string("compliance.") + step.name, "share", step.description,
                       per_rep([&](const CommunicationTally& t) {
                         const Opportunities& o = t.*step.field;
                         return ratio(static_cast<double>(o.taken), static_cast<double>(o.offered));
                       }),
                       offered, Better::kHigher));
  }
}

}  // namespace

const Metric* RunSummary::find(const std::string& name) const {
  for (const auto& m : metrics)
    if (m.name == name) return &m;
  return nullptr;
}

RunSummary summarise(const CaseFlowModel& model, const std::vector<ReplicationResult>& results) {
  const Scenario& s = model.scenario();
  RunSummary out;
  out.scenario = s.meta.name;
  out.seed = s.meta.seed;
  out.replications = results.size();
  const std::size_t reps = results.size();
  auto per_rep = [&](auto&& value) {
    std::vector<double> v;
    v.reserve(reps);
    for (const auto& r : results) v.push_back(value(r));
    return v;
  };
  std::uint64_t new_cases = 0, closed = 0;
  for (const auto& r : results) {
    new_cases += r.new_cases;
    closed += r.closed;
    out.events += r.events;
  }

  for (std::size_t i = 0; i < kDelayMetrics.size(); ++i) {
    const auto& d = kDelayMetrics[i];
    std::uint64_t n = 0;
    sim::Sample medians, p90s;
    for (const auto& r : results) {
      n += r.delays[i].size();
      if (!r.delays[i].empty()) {
        medians.add(r.delays[i].median());
        p90s.add(r.delays[i].quantile(0.9));
      }
    }
    Metric m = make(d.name, "days",
                    std::string("days from ") + milestone_name(d.from) + " to " +
                        milestone_name(d.to) + ", cases reaching both",
                    per_rep([i](const ReplicationResult& r) { return r.delays[i].mean(); }), n,
                    Better::kLower);
    m.median = medians.mean();
    m.p90 = p90s.mean();
    out.metrics.push_back(std::move(m));
  }

  const auto& outcomes = model.outcomes();
  for (std::size_t o = 0; o < outcomes.size(); ++o)
    out.metrics.push_back(make("outcome_share." + outcomes[o], "share",
                               "share of closed new reports ending as " + outcomes[o],
                               per_rep([o](const ReplicationResult& r) {
                                 return ratio(static_cast<double>(r.outcome_count[o]),
                                              static_cast<double>(r.closed));
                               }),
                               closed,
                               outcomes[o] == s.withdrawal.outcome ? Better::kLower
                                                                   : Better::kNeither));
  out.metrics.push_back(make("open_at_end_share", "share",
                             "share of new reports still open at the horizon",
                             per_rep([](const ReplicationResult& r) {
                               return ratio(static_cast<double>(r.open_at_end),
                                            static_cast<double>(r.new_cases));
                             }),
                             new_cases, Better::kLower));
  for (std::size_t st = 0; st < s.stages.size(); ++st) {
    if (s.stages[st].withdrawal_per_year <= 0) continue;
    out.metrics.push_back(make("withdrawal_share_by_stage." + s.stages[st].name, "share",
                               "share of new reports whose victim withdrew during " +
                                   s.stages[st].name,
                               per_rep([st](const ReplicationResult& r) {
                                 return ratio(static_cast<double>(r.withdrawal_stage[st]),
                                              static_cast<double>(r.new_cases));
                               }),
                               new_cases, Better::kLower));
  }
  out.metrics.push_back(make("new_reports", "cases", "new reports after the warm-up",
                             per_rep([](const ReplicationResult& r) {
                               return static_cast<double>(r.new_cases);
                             }),
                             reps));

  for (std::size_t i = 0; i < s.deadlines.size(); ++i) {
    const Deadline& d = s.deadlines[i];
    const std::string unit = d.unit == DeadlineUnit::kWorkingDays ? "working_days" : "days";
    std::uint64_t judged = 0, late = 0;
    sim::Sample medians, p90s;
    for (const auto& r : results) {
      judged += r.deadlines[i].met + r.deadlines[i].missed;
      late += r.deadlines[i].missed;
      if (!r.deadlines[i].lateness.empty()) {
        medians.add(r.deadlines[i].lateness.median());
        p90s.add(r.deadlines[i].lateness.quantile(0.9));
      }
    }
    out.metrics.push_back(make("deadline." + d.name + ".met_share", "share",
                               std::string("share meeting ") + milestone_name(d.from) + " to " +
                                   milestone_name(d.to) + " within the limit",
                               per_rep([i](const ReplicationResult& r) {
                                 const auto& t = r.deadlines[i];
                                 return ratio(static_cast<double>(t.met),
                                              static_cast<double>(t.met + t.missed));
                               }),
                               judged, Better::kHigher));
    Metric lateness = make("deadline." + d.name + ".lateness", unit,
                           "how late the late ones were, beyond the limit",
                           per_rep([i](const ReplicationResult& r) {
                             return r.deadlines[i].lateness.mean();
                           }),
                           late, Better::kLower);
    lateness.median = medians.mean();
    lateness.p90 = p90s.mean();
    out.metrics.push_back(std::move(lateness));
  }

  // Pools that stages seize; the courts' rooms and judges are booked through
  // the diary instead, and reported from it.
  std::vector<bool> seized(s.pools.size(), false);
  for (const auto& st : s.stages)
    if (st.pool) seized[*st.pool] = true;
  for (std::size_t p = 0; p < s.pools.size(); ++p) {
    if (const auto court = court_pool(s, p); court && !seized[p]) {
      const auto [group, rooms] = *court;
      out.metrics.push_back(make(
          "utilisation." + s.pools[p].name, "share",
          std::string("share of ") + (rooms ? "courtroom" : "ticketed judge") +
              " sitting days used by effective RASSO trials after the warm-up",
          per_rep([group = group, rooms = rooms](const ReplicationResult& r) {  // clang 14: no bindings in captures
            const RoomGroupTally& t = r.courts.group[group];
            return ratio(t.sitting_days_used,
                         rooms ? t.room_days_available : t.judge_days_available);
          }),
          reps));
      continue;
    }
    if (!seized[p]) continue;
    out.metrics.push_back(make("utilisation." + s.pools[p].name, "share",
                               "busy share of " + s.pools[p].name + " after the warm-up",
                               per_rep([p](const ReplicationResult& r) {
                                 return r.pool_utilisation[p];
                               }),
                               reps));
    out.metrics.push_back(make("mean_queue." + s.pools[p].name, "cases",
                               "time-average cases waiting for " + s.pools[p].name,
                               per_rep([p](const ReplicationResult& r) {
                                 return r.pool_mean_queue[p];
                               }),
                               reps, Better::kLower));
  }

  if (s.courts) add_court_metrics(s, results, out.metrics);
  if (s.communication) {
    add_communication_metrics(s, results, out.metrics);
    for (const auto& a : s.communication->agencies) out.agencies.push_back(a.name);
    std::vector<const CommunicationTally*> tallies;
    for (const auto& r : results) tallies.push_back(&r.communication);
    out.communication_weeks = mean_agency_weeks(tallies);
  }
  for (std::size_t st = 0; st < s.stages.size(); ++st) {
    const Stage& stage = s.stages[st];
    const StaffPool* staff = stage.pool ? s.staffing.of(*stage.pool) : nullptr;
    if (stage.kind != StageKind::kWork || !staff || !staff->caseload) continue;
    std::uint64_t n = 0;
    for (const auto& r : results) n += r.work_days[st].count();
    out.metrics.push_back(make("work_days." + stage.name, "days",
                               "days from allocation to an officer to the end of " + stage.name +
                                   "'s work (the caseload slows it), counted cases",
                               per_rep([st](const ReplicationResult& r) {
                                 return r.work_days[st].count() ? r.work_days[st].mean()
                                                                : kNotReached;
                               }),
                               n, Better::kLower));
  }
  for (std::size_t p = 0; p < s.pools.size(); ++p) {
    const StaffPool* staff = s.staffing.of(p);
    if (!staff || !staff->caseload || !seized[p]) continue;
    const double cap = staff->caseload->cap;
    out.metrics.push_back(make("caseload." + s.pools[p].name, "ratio",
                               "live cases per officer of " + s.pools[p].name +
                                   " (busy share x cap), after the warm-up",
                               per_rep([p, cap](const ReplicationResult& r) {
                                 return r.pool_utilisation[p] * cap;
                               }),
                               reps));
  }

  if (!s.initial_cases.empty()) {
    out.metrics.push_back(make("initial.open_at_end", "cases",
                               "cases of today's caseload still open at the horizon",
                               per_rep([](const ReplicationResult& r) {
                                 return static_cast<double>(r.initial_open_at_end);
                               }),
                               reps, Better::kLower));
    out.metrics.push_back(make("initial.cleared_day", "day",
                               "day on which the last case of today's caseload closed (NaN if "
                               "it did not)",
                               per_rep([](const ReplicationResult& r) {
                                 return r.initial_cleared_day;
                               }),
                               reps, Better::kLower));
  }

  // Weekly series: every replication has the same snapshot days.
  if (!results.empty() && !results.front().weeks.empty()) {
    const auto& first = results.front().weeks;
    for (const auto& w : first) out.weeks.day.push_back(w.day);
    out.weeks.names.push_back("open_cases.initial");
    out.weeks.names.push_back("open_cases.new");
    static constexpr const char* kAges[] = {"under_26_weeks", "26_to_52_weeks", "52_to_104_weeks",
                                            "over_104_weeks"};
    if (s.courts)
      for (const char* age : kAges) out.weeks.names.push_back(std::string("outstanding_trials.") + age);
    for (const auto& st : s.stages)
      if (st.kind != StageKind::kTerminal && st.kind != StageKind::kDecision)
        out.weeks.names.push_back("open." + st.name);
    for (std::size_t p = 0; p < s.pools.size(); ++p)
      if (seized[p]) out.weeks.names.push_back("queue." + s.pools[p].name);
    for (std::size_t p = 0; p < s.pools.size(); ++p)
      if (seized[p]) out.weeks.names.push_back("utilisation." + s.pools[p].name);
    // Live cases per officer, for pools with a caseload model: busy slots x cap.
    std::vector<double> cap(s.pools.size(), 0);
    for (std::size_t p = 0; p < s.pools.size(); ++p)
      if (const StaffPool* staff = s.staffing.of(p); seized[p] && staff && staff->caseload) {
        cap[p] = staff->caseload->cap;
        out.weeks.names.push_back("caseload." + s.pools[p].name);
      }
    const bool isva_weeks = !results.front().communication.isva_caseload.empty();
    if (isva_weeks) out.weeks.names.push_back("isva_caseload");
    // Each cell gathers one series' value in one week across replications.
    std::vector<std::vector<sim::RunningStats>> cells(
        out.weeks.names.size(), std::vector<sim::RunningStats>(first.size()));
    for (const auto& r : results) {
      for (std::size_t w = 0; w < first.size() && w < r.weeks.size(); ++w) {
        std::size_t k = 0;
        auto add = [&](double v) { cells[k++][w].add(v); };
        const auto& row = r.weeks[w];
        add(static_cast<double>(row.initial_open));
        add(static_cast<double>(row.new_open));
        if (s.courts)
          for (std::uint32_t n : row.trials_by_age) add(static_cast<double>(n));
        for (std::size_t st = 0; st < s.stages.size(); ++st)
          if (s.stages[st].kind != StageKind::kTerminal && s.stages[st].kind != StageKind::kDecision)
            add(row.open_by_stage[st]);
        for (std::size_t p = 0; p < s.pools.size(); ++p)
          if (seized[p]) add(row.queue_by_pool[p]);
        for (std::size_t p = 0; p < s.pools.size(); ++p)
          if (seized[p]) add(row.utilisation_by_pool[p]);
        for (std::size_t p = 0; p < s.pools.size(); ++p)
          if (cap[p] > 0) add(row.utilisation_by_pool[p] * cap[p]);
        if (isva_weeks)
          add(w < r.communication.isva_caseload.size() ? r.communication.isva_caseload[w]
                                                       : kNotReached);
      }
    }
    // One Student-t quantile serves every cell: they share the replication count.
    const double t = reps > 1 ? sim::student_t_critical(0.95, reps - 1) : kNotReached;
    for (auto* grid : {&out.weeks.mean, &out.weeks.low, &out.weeks.high})
      grid->assign(cells.size(), std::vector<double>(first.size(), kNotReached));
    for (std::size_t k = 0; k < cells.size(); ++k)
      for (std::size_t w = 0; w < first.size(); ++w) {
        const auto& c = cells[k][w];
        const double half = t * c.stddev() / std::sqrt(static_cast<double>(c.count()));
        out.weeks.mean[k][w] = c.mean();
        out.weeks.low[k][w] = c.mean() - half;
        out.weeks.high[k][w] = c.mean() + half;
      }
  }
  return out;
}

}  // namespace models
