// Honest answers: the counting cohort with its follow-up, delays of cases
// still open counted as censored, a known exact answer through the whole
// engine, queues that drift, and the figures measured on the cohort.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <string>

#include "models/scenario/counting_cohort.h"
#include "tests/scenario_runs.h"
#include "sim/confidence_interval.h"
#include "sim/kaplan_meier.h"

using casesim_test::metric;
using casesim_test::run;

namespace {

// One officer, exponential work: an M/M/1 queue through the case-flow
// engine, arrivals running to the horizon. Time in system (report to
// completion) is exponential with mean 1 / (mu - lambda).
std::string mm1(double per_day, double mean_service, double horizon, double warmup,
                int replications, const std::string& meta_extra = "") {
  return R"({
    "meta": {"name": "mm1", "start_date": "2024-01-01", "horizon_days": )" +
         std::to_string(horizon) + R"(, "warmup_days": )" + std::to_string(warmup) +
         R"(, "replications": )" + std::to_string(replications) + R"(, "seed": 11)" + meta_extra +
         R"(},
    "arrivals": {"reports_per_year": )" +
         std::to_string(per_day * 365.25) + R"(},
    "case_types": {"adult": {"share": 1}},
    "resources": {"officers": {"count": 1}},
    "pathway": {"entry": "work", "stages": {
      "work": {"kind": "work", "pool": "officers",
               "duration": {"exponential": {"mean": )" +
         std::to_string(mean_service) + R"(}}, "next": "done"},
      "done": {"kind": "terminal", "outcome": "police_nfa"}}}})";
}

// The interval of the mean of each replication's value.
sim::ConfidenceInterval interval(const std::vector<double>& values) {
  return sim::confidence_interval(values);
}

}  // namespace

TEST_CASE("the counting cohort: four years' follow-up, half a short run, or as stated",
          "[cohort]") {
  models::Meta meta;
  meta.horizon_days = 3650;
  meta.warmup_days = 1095;
  auto c = models::counting_cohort(meta);
  REQUIRE(c.first_report == 1095);
  REQUIRE(c.last_report == Approx(3650 - 4 * 365.25));
  REQUIRE_FALSE(c.shortened);
  REQUIRE(c.contains(1095));
  REQUIRE_FALSE(c.contains(c.last_report));

  meta.horizon_days = 1500;
  meta.warmup_days = 500;
  c = models::counting_cohort(meta);
  REQUIRE(c.shortened);
  REQUIRE(c.last_report == Approx(1000));

  meta.follow_up_days = 100;
  c = models::counting_cohort(meta);
  REQUIRE(c.stated);
  REQUIRE_FALSE(c.shortened);
  REQUIRE(c.last_report == Approx(1400));
}

TEST_CASE("a follow-up that leaves no reports to count is refused, naming the pointer",
          "[cohort]") {
  try {
    (void)models::load_scenario_text(mm1(0.5, 1, 400, 100, 1, R"(, "follow_up_days": 300)"));
    FAIL("loaded");
  } catch (const std::exception& e) {
    REQUIRE_THAT(e.what(), Catch::Contains("/meta/follow_up_days"));
  }
}

TEST_CASE("M/M/1 through the engine: the exact mean time in system is inside the interval",
          "[cohort][queueing]") {
  // lambda = 0.5 a day, mu = 1: W = 1 / (mu - lambda) = 2 days. Arrivals run
  // to the horizon; the cohort (days 100 to 600) is followed for 500 days.
  const double lambda = 0.5, mu = 1, exact = 1 / (mu - lambda);
  const auto summary = run(mm1(lambda, 1 / mu, 1100, 100, 100));
  const auto w = metric(summary, "report_to_completion_days");
  CAPTURE(w.mean, w.ci_low, w.ci_high);
  REQUIRE(w.ci_low <= exact);
  REQUIRE(exact <= w.ci_high);
  // Not an interval so wide it says nothing: within 5% of the exact value.
  REQUIRE(w.ci_high - w.ci_low < 0.1 * exact);
  REQUIRE(metric(summary, "still_open_share.report_to_completion").mean == 0);
  // The pathway never charges: report to charge is no figure, and no caution
  // calls its cases "still open".
  for (const auto& c : summary.cautions) REQUIRE(c.find("report_to_charge") == std::string::npos);

  // Time in system is exponential: its median is ln 2 x W and its 90th
  // percentile ln 10 x W.
  const auto median = interval(w.per_replication_median);
  CAPTURE(median.mean, median.low, median.high);
  REQUIRE(std::fabs(median.mean - std::log(2.0) * exact) < 3 * median.half_width + 0.01);
}

TEST_CASE("with no follow-up, open cases are censored, counted as still open, and Kaplan-Meier "
          "keeps the median honest",
          "[cohort][queueing]") {
  // rho = 0.9: W = 10 days, and cases reported near the horizon are still
  // open there. The cohort runs to the horizon (follow_up_days 0).
  const double lambda = 0.9, mu = 1, exact = 1 / (mu - lambda);
  const auto summary = run(mm1(lambda, 1 / mu, 700, 200, 60, R"(, "follow_up_days": 0)"));
  const auto open = metric(summary, "still_open_share.report_to_completion");
  REQUIRE(open.mean > 0);
  REQUIRE(open.ci_low >= 0);  // a share's interval stays inside [0, 1]
  const auto w = metric(summary, "report_to_completion_days");
  const auto median = interval(w.per_replication_median);
  CAPTURE(w.mean, median.mean, median.half_width);
  // Replications start empty and the relaxation time at rho = 0.9 is long
  // (about 360 days), so allow the run's interval and 15% for the transient.
  REQUIRE(median.mean == Approx(std::log(2.0) * exact).epsilon(0.15));
  // A caution names the delay exactly when over 5% of its cases are open.
  bool cautioned = false;
  for (const auto& c : summary.cautions)
    cautioned |= c.find("report_to_completion_days were still open") != std::string::npos;
  CAPTURE(open.mean);
  REQUIRE(cautioned == (open.mean > 0.05));
}

TEST_CASE("Kaplan-Meier quantiles: uncensored data give the order statistics; censoring "
          "beyond the median leaves it alone",
          "[cohort]") {
  const auto curve = sim::kaplan_meier({1, 2, 3, 4}, {});
  REQUIRE(sim::kaplan_meier_quantile(curve, 0.5) == 2);
  REQUIRE(sim::kaplan_meier_quantile(curve, 0.9) == 4);
  const auto censored = sim::kaplan_meier({1, 2, 3}, {10, 10});
  REQUIRE(sim::kaplan_meier_quantile(censored, 0.5) == 3);
  REQUIRE(std::isnan(sim::kaplan_meier_quantile(censored, 0.9)));  // not estimable
}

namespace {

// Investigation on a pool, a charging decision, a listed trial with
// adjournments, withdrawal before and after charge.
std::string courts_pathway(const std::string& investigators,
                           const std::string& investigation_withdrawal = "1") {
  return R"({
    "meta": {"name": "t", "start_date": "2024-01-01", "horizon_days": 2600, "warmup_days": 365,
             "replications": 6, "seed": 5},
    "arrivals": {"reports_per_year": 300},
    "case_types": {"adult": {"share": 1}},
    "resources": {"investigators": {"count": )" +
         investigators + R"(}, "rooms": {"count": 3}, "judges": {"count": 3}},
    "courts": {"rooms": "rooms", "judges": "judges"},
    "pathway": {"entry": "investigation", "stages": {
      "investigation": {"kind": "work", "pool": "investigators",
                        "duration": {"exponential": {"mean": 20}}, "withdrawal_per_year": )" +
         investigation_withdrawal + R"(, "next": "decision"},
      "decision": {"kind": "decision", "milestone": "referral",
                   "branches": [{"to": "charged", "probability": 0.6},
                                {"to": "nfa", "probability": 0.4}]},
      "charged": {"kind": "delay", "milestone": "charge", "duration": 60,
                  "withdrawal_per_year": 0.5, "next": "sent"},
      "sent": {"kind": "delay", "milestone": "first_hearing", "duration": 1, "next": "trial"},
      "trial": {"kind": "court", "milestone": "trial_start", "withdrawal_per_year": 0.5,
                "listing": {"notice": 30, "relist_notice": 56, "sitting_days": 3,
                            "early_adjournment": {"prosecution_not_ready": 0.2},
                            "late_adjournment": {"prosecution_witness_absent": 0.1}},
                "branches": [{"to": "convicted", "probability": 0.5},
                             {"to": "acquitted", "probability": 0.5}]},
      "nfa": {"kind": "terminal", "outcome": "police_nfa"},
      "convicted": {"kind": "terminal", "outcome": "convicted"},
      "acquitted": {"kind": "terminal", "outcome": "acquitted"}}}})";
}

}  // namespace

TEST_CASE("the funnel narrows step by step and its shares are the ratios of its counts",
          "[cohort][funnel]") {
  const auto summary = run(courts_pathway("20"));
  const char* steps[] = {"reported", "referred", "charged", "sent_to_crown_court",
                         "trial_started", "verdict", "convicted_at_trial"};
  double before = std::numeric_limits<double>::infinity();
  for (const char* step : steps) {
    const auto m = metric(summary, std::string("funnel.") + step + "_per_year");
    CAPTURE(step, m.mean);
    REQUIRE(m.mean <= before);
    before = m.mean;
  }
  // About 60% of referred cases are charged (less the withdrawals between).
  const auto charged = metric(summary, "funnel.charged_share_of_previous");
  REQUIRE(charged.ci_low < 0.6);
  REQUIRE(charged.mean > 0.4);
  // Half the verdicts convict.
  const auto convicted = metric(summary, "funnel.convicted_at_trial_share_of_previous");
  REQUIRE(convicted.ci_low <= 0.5);
  REQUIRE(convicted.ci_high >= 0.5);
  // Withdrawal is split at the charge, each with its own denominator.
  REQUIRE(metric(summary, "withdrawal.before_charge_share").mean > 0);
  REQUIRE(metric(summary, "withdrawal.after_charge_share").mean > 0);
  // The cohort's reports a year match the arrival rate.
  const auto reports = metric(summary, "funnel.reported_per_year");
  REQUIRE(reports.ci_low <= 300);
  REQUIRE(reports.ci_high >= 300);
}

TEST_CASE("date changes per listed case add up to all of them; the charge-to-trial parts add "
          "up to the whole",
          "[cohort][courts]") {
  const auto summary = run(courts_pathway("20"));
  double total = 0;
  for (const char* bin : {"none", "one", "two", "three", "four_or_more"})
    total += metric(summary, std::string("date_changes.") + bin + "_share").mean;
  REQUIRE(total == Approx(1.0));
  REQUIRE(metric(summary, "date_changes.none_share").mean < 1);
  // Each case's three parts sum to its charge to trial start, so their
  // means do too (the same cases: cohort cases whose trial started).
  double parts = 0;
  for (const char* part : {"preparation", "waiting_for_first_date", "lost_to_date_changes"})
    parts += metric(summary, std::string("charge_to_trial.") + part + "_days").mean;
  REQUIRE(parts == Approx(metric(summary, "charge_to_trial_start_days").mean).epsilon(1e-9));
  // The 60-day charged stage and the day to the first hearing come before
  // the case asks for a trial date.
  REQUIRE(metric(summary, "charge_to_trial.preparation_days").mean == Approx(61));
}

TEST_CASE("with section 28, the charge-to-trial breakdown says how much of the wait came after "
          "the victim's evidence was recorded",
          "[cohort][courts][section_28]") {
  // The pathway above with a PTPH 14 days after the first hearing, and a
  // recording for every case 7-14 days after it: well before a trial listed
  // with 30 days' notice.
  std::string text = courts_pathway("20");
  const auto replace = [&](const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  };
  const std::string without = text;
  replace(R"("sent": {"kind": "delay", "milestone": "first_hearing", "duration": 1, "next": "trial"},)",
          R"("sent": {"kind": "delay", "milestone": "first_hearing", "duration": 1, "next": "ptph"},
             "ptph": {"kind": "delay", "milestone": "ptph", "duration": 14, "next": "trial"},)");
  replace(R"("pathway":)",
          R"("section_28": {"share": 1, "after_ptph": {"uniform": {"min": 7, "max": 14}}},
             "pathway":)");
  const auto summary = run(text);
  const auto share = metric(summary, "charge_to_trial.evidence_recorded_share");
  CAPTURE(share.mean);
  REQUIRE(share.mean > 0.9);
  REQUIRE(share.ci_high <= 1);
  const auto after = metric(summary, "charge_to_trial.after_evidence_recorded_days");
  const auto whole = metric(summary, "charge_to_trial_start_days");
  CAPTURE(after.mean, whole.mean);
  // A recording is due 1 + 14 + 7..14 days after the 60-day charged stage
  // and then listed like any hearing, so at least 82 days of each wait come
  // before it; the trial comes later still.
  REQUIRE(after.mean > 0);
  REQUIRE(after.mean <= whole.mean - 82 * share.mean);

  // Without section 28 neither figure is given: there is nothing to say.
  const auto plain = run(without);
  REQUIRE(plain.find("charge_to_trial.evidence_recorded_share") == nullptr);
  REQUIRE(plain.find("charge_to_trial.after_evidence_recorded_days") == nullptr);
}

TEST_CASE("offence dates add offence to report and offence to completion, and move nothing else",
          "[cohort][offence]") {
  const std::string plain = courts_pathway("20");
  const auto with_lag = [&](const std::string& lag) {
    std::string text = plain;
    const std::string from = R"("adult": {"share": 1})";
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), R"("adult": {"share": 1, "offence_to_report": )" + lag + "}");
    return text;
  };
  const auto none = run(plain);
  REQUIRE(none.find("offence_to_report_days") == nullptr);
  REQUIRE(none.find("offence_to_completion_days") == nullptr);

  // A fixed year: offence to completion is report to completion plus 365
  // for the same cases, and the lag's own draw leaves every other draw be.
  const auto year = run(with_lag("365"));
  const auto lag = metric(year, "offence_to_report_days");
  CHECK(lag.mean == Approx(365));
  CHECK(lag.median == Approx(365));
  const auto whole = metric(year, "offence_to_completion_days");
  const auto from_report = metric(year, "report_to_completion_days");
  CHECK(whole.mean == Approx(from_report.mean + 365).epsilon(1e-12));
  CHECK(whole.n == from_report.n);
  CHECK(metric(year, "still_open_share.offence_to_completion").mean ==
        Approx(metric(year, "still_open_share.report_to_completion").mean));
  CHECK(from_report.mean == metric(none, "report_to_completion_days").mean);
  CHECK(metric(year, "charge_to_trial_start_days").mean ==
        metric(none, "charge_to_trial_start_days").mean);

  // Drawn: the mean lag lies within 3 of its interval's half-widths of the
  // distribution's mean (one 95% interval misses 1 time in 20).
  const auto drawn = metric(run(with_lag(R"({"exponential": {"mean": 1000}})")),
                            "offence_to_report_days");
  CAPTURE(drawn.mean, drawn.ci_low, drawn.ci_high);
  CHECK(std::abs(drawn.mean - 1000) <= 1.5 * (drawn.ci_high - drawn.ci_low));
  CHECK(drawn.median < drawn.mean);  // an exponential's median is ln 2 of its mean
}

TEST_CASE("a queue that keeps growing is reported as a drift; a settled one is not",
          "[cohort][stability]") {
  // 300 reports a year need about 16 investigators busy: 10 cannot keep up,
  // and with victims rarely withdrawing while they wait the line grows for
  // decades before withdrawal balances it.
  const auto growing = run(courts_pathway("10", "0.05"));
  const auto trend = metric(growing, "trend.queue.investigators_per_year");
  REQUIRE(trend.ci_low > 0);
  REQUIRE_FALSE(growing.drifts.empty());
  bool named = false;
  for (const auto& d : growing.drifts)
    named |= d.series == "queue.investigators" &&
             d.message.find("grow by about") != std::string::npos;
  REQUIRE(named);

  const auto settled = run(courts_pathway("40"));
  for (const auto& d : settled.drifts) FAIL_CHECK(d.message);
}

TEST_CASE("a drift across a dated change says the line runs through it", "[cohort][stability]") {
  // Settled until 2026-01-01, when investigations take four times as long and
  // the 40 investigators fall behind: the counted years hold two regimes.
  std::string text = courts_pathway("40");
  text.pop_back();
  text += R"(, "dated_changes": [{"from": "2026-01-01",
      "scale": {"/pathway/stages/investigation/duration": 4}}]})";
  const auto changed = run(text);
  bool told = false;
  for (const auto& d : changed.drifts)
    told |= d.series == "queue.investigators" &&
            d.message.find("include a dated change on 2026-01-01") != std::string::npos;
  REQUIRE(told);
  // Without the change the same run has no drift, so no such words.
  for (const auto& d : run(courts_pathway("40")).drifts) FAIL_CHECK(d.message);
}

TEST_CASE("mean_queue counts from the end of the warm-up, as every other figure",
          "[cohort][queues]") {
  // No investigator until the warm-up ends, then plenty: the warm-up's long
  // line clears at once and the counted period has almost no queue.
  std::string text = courts_pathway(
      R"(0, "changes": [{"from": "2025-01-01", "count": 200}])");
  const auto summary = run(text);
  const auto queue = metric(summary, "mean_queue.investigators");
  CAPTURE(queue.mean);
  REQUIRE(queue.mean < 1);
}

TEST_CASE("delays by year of their first milestone, each with its share still open",
          "[cohort][by_year]") {
  const auto summary = run(courts_pathway("20"));
  // 2600 - 365 days: six years of the counted period.
  const auto first = metric(summary, "by_year.report_to_charge_days.year_1");
  REQUIRE(first.mean > 0);
  REQUIRE(first.description.find("2024-12-31") != std::string::npos);  // day 365 of 2024
  const auto last_open = metric(summary, "by_year_still_open.charge_to_trial_start_days.year_6");
  const auto first_open = metric(summary, "by_year_still_open.charge_to_trial_start_days.year_1");
  REQUIRE(last_open.mean > first_open.mean);  // the last year's cases had least time
}

TEST_CASE("a delay with over 5% of its cases still open gets a caution", "[cohort]") {
  // Sixty days of reports at rho = 0.9 and no follow-up: the cases of the
  // last weeks (about 9 in the system at any time) are still open.
  const auto summary = run(mm1(0.9, 1, 260, 200, 10, R"(, "follow_up_days": 0)"));
  const auto open = metric(summary, "still_open_share.report_to_completion");
  REQUIRE(open.mean > 0.05);
  bool cautioned = false;
  for (const auto& c : summary.cautions)
    cautioned |= c.find("report_to_completion_days were still open") != std::string::npos;
  REQUIRE(cautioned);
}
