#include "models/results/run_summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "models/results/cohort_metrics.h"
#include "models/results/make_metric.h"
#include "models/results/stability.h"
#include "models/scenario/counting_cohort.h"
#include "sim/confidence_interval.h"
#include "sim/running_stats.h"
#include "sim/sample.h"

namespace models {

namespace {

// A delay with more of its cases still open than this gets a caution.
constexpr double kStillOpenCaution = 0.05;

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
    out.push_back(
        make_metric(MetricKind::kRoomGroupSittingsUsed, g.name, std::move(used), results.size()));
    if (g.lends)
      out.push_back(make_metric(MetricKind::kRoomGroupLent, g.name, std::move(lent), results.size()));
  }
}

// Whether any listing (in any dated values) lets the court move fixed trials.
bool moves_trials(const Scenario& s) {
  auto any = [](const Scenario& v) {
    return std::any_of(v.stages.begin(), v.stages.end(),
                       [](const Stage& st) { return st.listing && st.listing->court_moves; });
  };
  return any(s) || std::any_of(s.dated.begin(), s.dated.end(),
                               [&](const DatedValues& d) { return any(*d.values); });
}

// Why listings were vacated before the day: the drawn causes and the court's
// moves (the diary's own causes arise only on the day).
void add_vacated_causes(const std::vector<ReplicationResult>& results, std::vector<Metric>& out) {
  std::uint64_t vacated = 0;
  for (const auto& r : results) vacated += r.courts.vacated;
  for (std::size_t c = 0; c < kAdjournmentCauseCount; ++c) {
    if (c >= kDrawnCauseCount && c < kOnTheDayCauseCount) continue;
    std::vector<double> v;
    for (const auto& r : results)
      v.push_back(ratio(static_cast<double>(r.courts.early_by_cause[c]),
                        static_cast<double>(r.courts.vacated)));
    out.push_back(make_metric(MetricKind::kVacatedCause,
                              adjournment_cause_name(static_cast<AdjournmentCause>(c)),
                              std::move(v), vacated));
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
  out.push_back(make_metric(MetricKind::kTrialsEffective, {}, share_of_days(&CourtTally::effective), days));
  out.push_back(make_metric(MetricKind::kTrialsCracked, {}, share_of_days(&CourtTally::cracked), days));
  out.push_back(
      make_metric(MetricKind::kTrialsIneffective, {}, share_of_days(&CourtTally::ineffective), days));
  for (std::size_t c = 0; c < kOnTheDayCauseCount; ++c) {
    const std::string cause = adjournment_cause_name(static_cast<AdjournmentCause>(c));
    out.push_back(make_metric(MetricKind::kIneffectiveCause, cause,
                       per_rep([c](const ReplicationResult& r) {
                         return ratio(static_cast<double>(r.courts.late_by_cause[c]),
                                      static_cast<double>(r.courts.ineffective));
                       }),
                       ineffective));
  }
  out.push_back(make_metric(MetricKind::kTrialsVacated, {},
                     per_rep([](const ReplicationResult& r) {
                       return ratio(static_cast<double>(r.courts.vacated),
                                    static_cast<double>(r.courts.listings));
                     }),
                     listings));
  if (moves_trials(s)) add_vacated_causes(results, out);
  Metric lead_time = make_metric(
      MetricKind::kListingLeadTime, {},
      per_rep([](const ReplicationResult& r) { return r.courts.lead_time.mean(); }), lead);
  lead_time.median = lead_medians.mean();
  lead_time.p90 = lead_p90s.mean();
  out.push_back(std::move(lead_time));
  out.push_back(make_metric(MetricKind::kCourtSittingsUsed, {},
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
  out.push_back(make_metric(MetricKind::kTrialsOverrun, {},
                     per_rep([](const ReplicationResult& r) {
                       return ratio(static_cast<double>(r.courts.overruns),
                                    static_cast<double>(r.courts.effective));
                     }),
                     effective));
  if (s.section_28) {
    out.push_back(make_metric(MetricKind::kSection28Recorded, {},
                       per_rep([](const ReplicationResult& r) {
                         return static_cast<double>(r.case_courts.recorded);
                       }),
                       results.size()));
    out.push_back(make_metric(MetricKind::kSection28WithdrawalAfterRecording, {},
                       per_rep([](const ReplicationResult& r) {
                         return ratio(static_cast<double>(r.case_courts.withdrew_after_recording),
                                      static_cast<double>(r.case_courts.recorded));
                       }),
                       recorded));
    out.push_back(make_metric(MetricKind::kSection28RecordingsMoved, {},
                       per_rep([](const ReplicationResult& r) {
                         const auto moved = static_cast<double>(r.courts.recordings_moved);
                         return ratio(moved, moved + static_cast<double>(r.courts.recordings));
                       }),
                       recorded));
  }
  auto per_listed_case = [&](std::uint64_t CaseCourtTally::*field) {
    return per_rep([field](const ReplicationResult& r) {
      return ratio(static_cast<double>(r.case_courts.*field),
                   static_cast<double>(r.case_courts.listed_cases));
    });
  };
  out.push_back(make_metric(MetricKind::kHearingsPerListedCase, {},
                     per_listed_case(&CaseCourtTally::hearing_days), listed));
  out.push_back(make_metric(MetricKind::kEarlyAdjournmentsPerListedCase, {},
                     per_listed_case(&CaseCourtTally::early_adjournments), listed));
  out.push_back(make_metric(MetricKind::kLateAdjournmentsPerListedCase, {},
                     per_listed_case(&CaseCourtTally::late_adjournments), listed));
  out.push_back(make_metric(MetricKind::kFirstListingFailed, {},
                     per_listed_case(&CaseCourtTally::first_listing_failed), listed));
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
  out.push_back(make_metric(MetricKind::kContactsRequired, {},
                     per_rep([](const CommunicationTally& t) {
                       return static_cast<double>(t.required);
                     }),
                     results.size()));
  out.push_back(make_metric(MetricKind::kContactsOnTime, {},
                     per_rep([](const CommunicationTally& t) {
                       return ratio(static_cast<double>(t.on_time),
                                    static_cast<double>(t.on_time + t.late + t.unmade + t.missed));
                     }),
                     made));
  out.push_back(make_metric(MetricKind::kContactsOverdueAtEnd, {},
                     per_rep([](const CommunicationTally& t) {
                       return static_cast<double>(t.unmade);
                     }),
                     results.size()));
  Metric silence = make_metric(MetricKind::kLongestSilence, {},
                        per_rep([](const CommunicationTally& t) {
                          return t.longest_silence_days.mean();
                        }),
                        victims);
  silence.median = silence_medians.mean();
  silence.p90 = silence_p90s.mean();
  out.push_back(std::move(silence));
  out.push_back(make_metric(MetricKind::kAgenciesPerEvent, {},
                     per_rep([](const CommunicationTally& t) {
                       return t.agencies_per_event.mean();
                     }),
                     events));
  out.push_back(make_metric(MetricKind::kFragmentedEvents, {},
                     per_rep([](const CommunicationTally& t) {
                       return ratio(static_cast<double>(t.fragmented_events),
                                    static_cast<double>(t.agencies_per_event.count()));
                     }),
                     events));
  // Figures of the ways contacts fail, only where the scenario has them (a
  // scenario without keeps its results as they were).
  const bool missing = comm.failures.any_missed();
  if (missing) {
    std::uint64_t required = 0;
    for (const auto& r : results) required += r.communication.required;
    out.push_back(make_metric(MetricKind::kContactsMissed, {},
                              per_rep([](const CommunicationTally& t) {
                                return ratio(static_cast<double>(t.missed),
                                             static_cast<double>(t.required));
                              }),
                              required));
  }
  if (comm.failures.unexplained_date_change > 0) {
    std::uint64_t changes = 0, changed = 0;
    for (const auto& r : results) {
      changes += r.communication.date_changes;
      changed += r.communication.victims_with_date_change;
    }
    out.push_back(make_metric(MetricKind::kUnexplainedDateChanges, {},
                              per_rep([](const CommunicationTally& t) {
                                return ratio(static_cast<double>(t.unexplained_date_changes),
                                             static_cast<double>(t.date_changes));
                              }),
                              changes));
    out.push_back(make_metric(MetricKind::kVictimsUnexplained, {},
                              per_rep([](const CommunicationTally& t) {
                                return ratio(
                                    static_cast<double>(t.victims_with_unexplained_change),
                                    static_cast<double>(t.victims_with_date_change));
                              }),
                              changed));
  }
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
    out.push_back(make_metric(MetricKind::kAgencyContactsPerWeek, name,
                       per_rep([&](const CommunicationTally& t) {
                         return sum(t, &AgencyWeek::required) / weeks(t);
                       }),
                       results.size()));
    out.push_back(make_metric(MetricKind::kAgencyLateShare, name,
                       per_rep([&](const CommunicationTally& t) {
                         return ratio(sum(t, &AgencyWeek::late), sum(t, &AgencyWeek::made));
                       }),
                       results.size()));
    if (missing)
      out.push_back(make_metric(MetricKind::kAgencyMissedShare, name,
                                per_rep([&](const CommunicationTally& t) {
                                  return ratio(sum(t, &AgencyWeek::missed),
                                               sum(t, &AgencyWeek::required));
                                }),
                                results.size()));
    out.push_back(make_metric(MetricKind::kAgencyHoursPerWeek, name,
                       per_rep([&](const CommunicationTally& t) {
                         return sum(t, &AgencyWeek::hours) / weeks(t);
                       }),
                       results.size()));
    if (comm.agencies[a].staff)
      out.push_back(make_metric(MetricKind::kAgencyStaffTimeShare, name,
                         per_rep([&](const CommunicationTally& t) {
                           return ratio(sum(t, &AgencyWeek::hours),
                                        sum(t, &AgencyWeek::staff_hours));
                         }),
                         results.size()));
  }
  if (!results.empty() && !results.front().communication.isva_caseload.empty())
    out.push_back(make_metric(MetricKind::kIsvaCaseload, {},
                       per_rep([&](const CommunicationTally& t) {
                         double total = 0, n = 0;
                         for (std::size_t w = first_week; w < t.isva_caseload.size(); ++w)
                           if (!std::isnan(t.isva_caseload[w])) total += t.isva_caseload[w], ++n;
                         return ratio(total, n);
                       }),
                       results.size()));
  if (std::any_of(comm.agencies.begin(), comm.agencies.end(),
                  [](const Agency& a) { return a.cases_per_person > 0; })) {
    std::uint64_t wanted = 0;
    for (const auto& r : results) wanted += r.communication.isva_wanted;
    out.push_back(make_metric(MetricKind::kIsvaSupported, {},
                              per_rep([](const CommunicationTally& t) {
                                return ratio(static_cast<double>(t.isva_supported),
                                             static_cast<double>(t.isva_wanted));
                              }),
                              wanted));
  }
  struct Step {
    MetricKind kind;
    Opportunities CommunicationTally::*field;
  };
  for (const Step& step : {
           Step{MetricKind::kVpsOffered, &CommunicationTally::vps_offered},
           Step{MetricKind::kVpsUpdated, &CommunicationTally::vps_updated},
           Step{MetricKind::kBadCharacterConsidered, &CommunicationTally::bad_character},
           Step{MetricKind::kProtectiveOrdersConsidered, &CommunicationTally::protective_orders},
       }) {
    std::uint64_t offered = 0;
    for (const auto& r : results) offered += (r.communication.*step.field).offered;
    out.push_back(make_metric(step.kind, {},
                       per_rep([&](const CommunicationTally& t) {
                         const Opportunities& o = t.*step.field;
                         return ratio(static_cast<double>(o.taken), static_cast<double>(o.offered));
                       }),
                       offered));
  }
}

// What a reader must know before reading the figures: the cohort's
// follow-up cut short, queues that drift, delays with many cases uncounted.
void add_cautions(const Scenario& s, const std::vector<ReplicationResult>& results,
                  RunSummary& out) {
  const CountingCohort cohort = counting_cohort(s.meta);
  out.cohort = {cohort.first_report, cohort.last_report, cohort.follow_up, cohort.shortened};
  // Trials that no date could ever be found for: silence here would leave
  // their delays out of every figure as if they did not exist.
  std::uint64_t undatable = 0;
  std::size_t with_undatable = 0;
  for (const auto& r : results) {
    undatable += r.courts.undatable;
    with_undatable += r.courts.undatable > 0 ? 1 : 0;
  }
  if (undatable > 0 && s.courts) {
    // A court with no rooms or judges at any date is the plain reason; name it.
    const auto never_any = [&](std::optional<std::size_t> pool) {
      if (!pool) return false;
      const Pool& p = s.pools[*pool];
      return p.count == 0 && std::all_of(p.changes.begin(), p.changes.end(),
                                         [](const CapacityChange& c) { return c.count == 0; });
    };
    const auto& sp = s.courts->specialist;
    const bool no_specialist = !sp || never_any(sp->rooms) || never_any(sp->judges);
    for (std::optional<std::size_t> pool : {std::optional(s.courts->rooms), s.courts->judges})
      if (never_any(pool) && no_specialist) {
        out.cautions.push_back(fmt::format(
            "{} trial{}, in {} of {} replications, could not be given any date: the courts "
            "have no {} (/resources/{}/count is 0 at every date), so every trial waits for "
            "ever and is missing from the trial delays.",
            undatable, undatable == 1 ? "" : "s", with_undatable, results.size(),
            pool == s.courts->judges ? "judges" : "rooms", s.pools[*pool].name));
        undatable = 0;  // said: not again below
        break;
      }
  }
  if (undatable > 0)
    out.cautions.push_back(fmt::format(
        "{} trial{}, in {} of {} replications, could not be given any date: the court "
        "diary, to three years past the horizon, has no run of their sitting days with a room and "
        "judge free, so they wait for ever and are missing from the trial delays. Usually the "
        "rooms never have that many free sitting days in a row (one room, or other work taking "
        "runs shorter than the trial: see other_work.run_days); otherwise the diary is booked to "
        "its end.",
        undatable, undatable == 1 ? "" : "s", with_undatable, results.size()));
  for (const Drift& d : out.drifts) out.cautions.push_back(d.message);
  for (const Metric& m : out.metrics) {
    if (m.kind != MetricKind::kDelayStillOpen || !(m.mean > kStillOpenCaution)) continue;
    const std::string delay = metric_name(MetricKind::kDelay, m.subject);
    // A delay no case finished (a pathway that never marks its milestone)
    // is no figure at all, not one biased by open cases.
    if (const Metric* d = out.find(delay); !d || d->n == 0) continue;
    out.cautions.push_back(fmt::format(
        "{:.0f}% of the cohort's cases counted by {} were still open at the horizon: its mean "
        "counts only those that finished and is too low; its median and p90 are Kaplan-Meier "
        "estimates. A longer meta.follow_up_days (now {:.0f}) counts more of them.",
        100 * m.mean, delay, cohort.follow_up));
  }
  if (cohort.shortened)
    out.cautions.push_back(fmt::format(
        "The run is too short for the default four-year follow-up: the counting cohort is the "
        "reports of days {:.0f} to {:.0f}, followed for {:.0f} days. Slow cases may not finish; "
        "see each delay's still_open_share.",
        cohort.first_report, cohort.last_report, cohort.follow_up));
}

}  // namespace

Metric make_metric(MetricKind kind, std::string_view subject, std::vector<double> values,
                   std::uint64_t n, const DescriptionWords& words) {
  const MetricSpec& spec = metric_spec(kind);
  Metric m;
  m.name = metric_name(kind, subject);
  m.kind = kind;
  m.subject = subject;
  m.unit = spec.unit;
  m.better = spec.better;
  m.group = spec.group;
  m.description = metric_description(kind, subject, words);
  const auto ci = spec.unit == Unit::kShare ? sim::share_interval(values)
                                            : sim::confidence_interval(values);
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

const Metric* RunSummary::find(const std::string& name) const {
  for (const auto& m : metrics)
    if (m.name == name) return &m;
  return nullptr;
}

void condense(ReplicationResult& r) {
  condense_cohort(r);
  for (auto& d : r.deadlines) d.lateness.condense({0.5, 0.9});
  r.courts.lead_time.condense({0.5, 0.9});
  r.communication.longest_silence_days.condense({0.5, 0.9});
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
    out.stopped_cases += r.stopped_cases;
  }

  add_delay_metrics(model, results, out.metrics);

  const auto& outcomes = model.outcomes();
  for (std::size_t o = 0; o < outcomes.size(); ++o)
    out.metrics.push_back(make_metric(outcomes[o] == s.withdrawal.outcome
                                   ? MetricKind::kWithdrawalOutcomeShare
                                   : MetricKind::kOutcomeShare,
                               outcomes[o],
                               per_rep([o](const ReplicationResult& r) {
                                 return ratio(static_cast<double>(r.outcome_count[o]),
                                              static_cast<double>(r.closed));
                               }),
                               closed));
  out.metrics.push_back(make_metric(MetricKind::kOpenAtEnd, {},
                             per_rep([](const ReplicationResult& r) {
                               return ratio(static_cast<double>(r.open_at_end),
                                            static_cast<double>(r.new_cases));
                             }),
                             new_cases));
  for (std::size_t st = 0; st < s.stages.size(); ++st) {
    if (s.stages[st].withdrawal_per_year <= 0) continue;
    out.metrics.push_back(make_metric(MetricKind::kWithdrawalByStage, s.stages[st].name,
                               per_rep([st](const ReplicationResult& r) {
                                 return ratio(static_cast<double>(r.withdrawal_stage[st]),
                                              static_cast<double>(r.new_cases));
                               }),
                               new_cases));
  }
  out.metrics.push_back(make_metric(MetricKind::kNewReports, {},
                             per_rep([](const ReplicationResult& r) {
                               return static_cast<double>(r.new_cases);
                             }),
                             reps));
  add_cohort_metrics(model, results, out.metrics);

  for (std::size_t i = 0; i < s.deadlines.size(); ++i) {
    const Deadline& d = s.deadlines[i];
    const std::string from = milestone_name(d.from), to = milestone_name(d.to);
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
    out.metrics.push_back(make_metric(MetricKind::kDeadlineMet, d.name,
                               per_rep([i](const ReplicationResult& r) {
                                 const auto& t = r.deadlines[i];
                                 return ratio(static_cast<double>(t.met),
                                              static_cast<double>(t.met + t.missed));
                               }),
                               judged, {.from = from, .to = to}));
    Metric lateness = make_metric(d.unit == DeadlineUnit::kWorkingDays
                               ? MetricKind::kDeadlineLatenessWorkingDays
                               : MetricKind::kDeadlineLatenessDays,
                           d.name,
                           per_rep([i](const ReplicationResult& r) {
                             return r.deadlines[i].lateness.mean();
                           }),
                           late);
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
      out.metrics.push_back(make_metric(
          MetricKind::kCourtPoolUtilisation, s.pools[p].name,
          per_rep([group = group, rooms = rooms](const ReplicationResult& r) {  // clang 14: no bindings in captures
            const RoomGroupTally& t = r.courts.group[group];
            return ratio(t.sitting_days_used,
                         rooms ? t.room_days_available : t.judge_days_available);
          }),
          reps, {.what = rooms ? "courtroom" : "ticketed judge"}));
      continue;
    }
    if (!seized[p]) continue;
    out.metrics.push_back(make_metric(MetricKind::kPoolUtilisation, s.pools[p].name,
                               per_rep([p](const ReplicationResult& r) {
                                 return r.pool_utilisation[p];
                               }),
                               reps));
    out.metrics.push_back(make_metric(MetricKind::kMeanQueue, s.pools[p].name,
                               per_rep([p](const ReplicationResult& r) {
                                 return r.pool_mean_queue[p];
                               }),
                               reps));
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
    out.metrics.push_back(make_metric(MetricKind::kWorkDays, stage.name,
                               per_rep([st](const ReplicationResult& r) {
                                 return r.work_days[st].count() ? r.work_days[st].mean()
                                                                : kNotReached;
                               }),
                               n));
  }
  for (std::size_t p = 0; p < s.pools.size(); ++p) {
    const StaffPool* staff = s.staffing.of(p);
    if (!staff || !staff->caseload || !seized[p]) continue;
    const double cap = staff->caseload->cap;
    out.metrics.push_back(make_metric(MetricKind::kCaseload, s.pools[p].name,
                               per_rep([p, cap](const ReplicationResult& r) {
                                 return r.pool_utilisation[p] * cap;
                               }),
                               reps));
  }

  if (!s.initial_cases.empty()) {
    out.metrics.push_back(make_metric(MetricKind::kInitialOpenAtEnd, {},
                               per_rep([](const ReplicationResult& r) {
                                 return static_cast<double>(r.initial_open_at_end);
                               }),
                               reps));
    out.metrics.push_back(make_metric(MetricKind::kInitialClearedDay, {},
                               per_rep([](const ReplicationResult& r) {
                                 return r.initial_cleared_day;
                               }),
                               reps));
  }

  out.drifts = add_trend_metrics(model, results, out.metrics);
  add_cautions(s, results, out);

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
