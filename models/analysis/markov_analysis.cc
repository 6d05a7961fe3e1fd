#include "models/analysis/markov_analysis.h"

#include <fmt/format.h>

#include <Eigen/Core>
#include <Eigen/LU>
#include <Eigen/SparseCore>
#include <Eigen/SparseLU>
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "models/scenario/pathway_graph.h"
#include "models/analysis/stage_exit.h"

namespace models {
namespace {

constexpr double kDaysPerYear = 365.25;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Above these the results are still computed but no longer called exact.
constexpr double kQuadratureWarning = 1e-9;
constexpr double kConditionWarning = 1e-12;

// A stage's role in one absorbing chain: transient, or an absorbing class
// entered as soon as the case reaches the stage.
constexpr int kTransient = -1;

// Where a stay in a stage leads, per case type. A listed court stage is
// left once a listing is not adjourned: adjournments only repeat the stay,
// so a trial ends effective (the stage's branches) or cracked (its
// cracked branches) in proportion to those chances on the day.
std::vector<std::pair<std::size_t, double>> routes(const Stage& stage, std::size_t type) {
  std::vector<std::pair<std::size_t, double>> out;
  double effective = 1, cracked = 0;
  if (stage.listing) {
    const double late =
        stage.listing->late_probability(stage.listing->cracked_probability());
    const double resolved = 1 - late;
    effective = resolved > 0 ? (1 - stage.listing->cracked - late) / resolved : 0;
    cracked = resolved > 0 ? stage.listing->cracked / resolved : 0;
    for (const Branch& b : stage.listing->cracked_branches)
      out.emplace_back(b.to, cracked * b.probability_for(type));
  }
  for (const Branch& b : stage.branches) out.emplace_back(b.to, effective * b.probability_for(type));
  return out;
}

// Mean calendar days a listed stage lasts with courtrooms unlimited: each
// listing waits its notice (an early adjournment comes half way through on
// average), adjourned listings repeat with the relisting notice, and an
// effective trial then sits its sitting days (five to a calendar week).
double listed_stay_days(const Listing& l) {
  const double early = l.early_probability();
  const double late = l.late_probability(l.cracked_probability());
  const double adjourned = early + (1 - early) * late;
  auto attempt = [&](double notice) {
    // Time spent on one listing, over all the ways it can end.
    return notice * (early / 2 + (1 - early));
  };
  const double first = attempt(l.notice.mean());
  const double repeats = adjourned < 1 ? adjourned / (1 - adjourned) : 0;
  const double effective = (1 - early) * (1 - l.cracked - late) / (1 - adjourned);
  return first + repeats * attempt(l.relist_notice.mean()) +
         effective * l.sitting_days.mean() * 7.0 / 5.0;
}

// Transient stages up to which I - Q is solved as a dense matrix, whose LU
// gives a condition estimate (the warning of a loop left only rarely). A
// larger pathway is solved sparse: I - Q has about one entry per branch,
// where the dense matrix of 20,000 stages would take 3.2 GB.
constexpr Eigen::Index kDenseStages = 2000;

struct Absorption {
  std::vector<double> probability;  // per class, from the entry stage
  std::vector<double> time_mass;    // per class: E[T; absorbed in that class]
  std::vector<double> visits;       // per stage: expected entries
};

// Solves one absorbing chain from the entry stage. Q (transient to
// transient) and R (transient to class) are the branch probabilities scaled
// by each stay's chance of finishing; a withdrawal goes to
// withdrawal_class. Everything is a solve with one LU of I - Q rather than
// an explicit inverse N:
//   B = N R                 absorption probabilities from every stage;
//   E[T; k] = (N M)[entry]  with M[j][k] = E[time of one stay in j; the case
//                           is eventually absorbed in k], which splits by how
//                           the stay ends because the future after it is
//                           independent of its length;
//   visits = N[entry]       by a transposed solve.
Absorption absorb(const Scenario& s, std::size_t type, const std::vector<StageExit>& exits,
                  const std::vector<int>& stage_class, std::size_t withdrawal_class,
                  std::size_t classes, double& worst_rcond) {
  const std::size_t n = s.stages.size();
  Absorption out{std::vector<double>(classes), std::vector<double>(classes),
                 std::vector<double>(n)};
  if (stage_class[s.entry] != kTransient) {
    out.probability[static_cast<std::size_t>(stage_class[s.entry])] = 1;
    out.visits[s.entry] = 1;
    return out;
  }
  std::vector<Eigen::Index> index(n, -1);
  std::vector<std::size_t> transient;
  for (std::size_t i = 0; i < n; ++i) {
    if (stage_class[i] != kTransient) continue;
    index[i] = static_cast<Eigen::Index>(transient.size());
    transient.push_back(i);
  }
  const auto m = static_cast<Eigen::Index>(transient.size());
  const auto c = static_cast<Eigen::Index>(classes);
  const auto w = static_cast<Eigen::Index>(withdrawal_class);
  // Branch probabilities, before the chance of withdrawing first.
  std::vector<Eigen::Triplet<double>> to_transient;
  Eigen::MatrixXd to_class = Eigen::MatrixXd::Zero(m, c);
  for (Eigen::Index k = 0; k < m; ++k) {
    for (const auto& [to, p] : routes(s.stages[transient[static_cast<std::size_t>(k)]], type)) {
      if (stage_class[to] == kTransient)
        to_transient.emplace_back(k, index[to], p);
      else
        to_class(k, stage_class[to]) += p;
    }
  }
  Eigen::VectorXd finish(m), withdraw(m), finished_days(m), withdrawn_days(m);
  for (Eigen::Index k = 0; k < m; ++k) {
    const StageExit& e = exits[transient[static_cast<std::size_t>(k)]];
    finish(k) = e.finish_probability();
    withdraw(k) = e.withdrawal_probability;
    finished_days(k) = e.finished_days;
    withdrawn_days(k) = e.withdrawn_days;
  }
  Eigen::MatrixXd r = finish.asDiagonal() * to_class;
  r.col(w) += withdraw;

  const Eigen::Index from = index[s.entry];
  Eigen::MatrixXd absorbed, time_mass;
  Eigen::VectorXd visits;
  auto solve_with = [&](auto& lu, const auto& q) {  // SparseLU::transpose() is not const
    absorbed = lu.solve(r);
    Eigen::MatrixXd stay_time = finished_days.asDiagonal() * (q * absorbed + to_class);
    stay_time.col(w) += withdrawn_days;
    time_mass = lu.solve(stay_time);
    visits = lu.transpose().solve(Eigen::VectorXd::Unit(m, from));
  };
  if (m <= kDenseStages) {
    Eigen::MatrixXd q = Eigen::MatrixXd::Zero(m, m);
    for (const auto& t : to_transient) q(t.row(), t.col()) += t.value();
    const Eigen::MatrixXd i_minus_q = Eigen::MatrixXd::Identity(m, m) - finish.asDiagonal() * q;
    Eigen::PartialPivLU<Eigen::MatrixXd> lu(i_minus_q);
    worst_rcond = std::min(worst_rcond, lu.rcond());
    solve_with(lu, q);
  } else {
    Eigen::SparseMatrix<double> q(m, m);
    q.setFromTriplets(to_transient.begin(), to_transient.end());
    Eigen::SparseMatrix<double> identity(m, m);
    identity.setIdentity();
    const Eigen::SparseMatrix<double> i_minus_q = identity - finish.asDiagonal() * q;
    Eigen::SparseLU<Eigen::SparseMatrix<double>> lu;
    lu.compute(i_minus_q);
    if (lu.info() != Eigen::Success)
      throw std::invalid_argument(
          "the pathway cannot be analysed: its equations are singular, as when a loop is never "
          "left");
    solve_with(lu, q);
  }

  for (Eigen::Index k = 0; k < c; ++k) {
    out.probability[static_cast<std::size_t>(k)] = absorbed(from, k);
    out.time_mass[static_cast<std::size_t>(k)] = time_mass(from, k);
  }
  for (Eigen::Index k = 0; k < m; ++k) {
    const std::size_t i = transient[static_cast<std::size_t>(k)];
    out.visits[i] = visits(k);
    // An absorbing stage is entered at most once, from a finished stay.
    for (const auto& [to, p] : routes(s.stages[i], type))
      if (stage_class[to] != kTransient) out.visits[to] += visits(k) * finish(k) * p;
  }
  return out;
}

// How each stay ends for one case type with or without ISVA support.
std::vector<StageExit> stage_exits(const Scenario& s, const CaseType& type, bool isva,
                                   double& worst_error) {
  std::vector<StageExit> exits(s.stages.size());
  const double isva_factor = isva ? s.withdrawal.isva_multiplier : 1;
  for (std::size_t i = 0; i < s.stages.size(); ++i) {
    const Stage& stage = s.stages[i];
    // A decision takes no time, so nobody withdraws during it; a terminal
    // stage is never stayed in.
    if (stage.kind == StageKind::kDecision || stage.kind == StageKind::kTerminal) continue;
    const double hazard =
        stage.withdrawal_per_year * type.withdrawal_scale * isva_factor / kDaysPerYear;
    if (stage.listing)
      exits[i] = stage_exit(sim::Distribution::fixed(listed_stay_days(*stage.listing)), hazard);
    else
      exits[i] = type.duration_scale == 1
                     ? stage_exit(stage.duration, hazard)
                     : stage_exit(stage.duration.scaled(type.duration_scale), hazard);
    worst_error = std::max(worst_error, exits[i].error_estimate);
  }
  return exits;
}

bool marked_by_stage(Milestone m) {
  return m != Milestone::kReport && m != Milestone::kCompletion;
}

}  // namespace

MarkovResult analyse(const Scenario& scenario) {
  const Scenario& s = scenario;
  const auto problems = check_pathway(s);
  if (!problems.empty())
    throw std::invalid_argument(fmt::format(
        "the pathway cannot be analysed: {}{}", problems.front().message,
        problems.size() > 1 ? fmt::format(" (and {} more problems)", problems.size() - 1) : ""));

  MarkovResult result;
  result.outcomes = s.outcomes();
  const std::size_t n = s.stages.size();
  const std::size_t outcome_count = result.outcomes.size();
  auto outcome_index = [&](const std::string& name) {
    return static_cast<std::size_t>(
        std::lower_bound(result.outcomes.begin(), result.outcomes.end(), name) -
        result.outcomes.begin());
  };
  const std::size_t withdrawn = outcome_index(s.withdrawal.outcome);

  // One chain for the outcomes, and one per milestone with the stages that
  // mark it made absorbing: the first entry to any of them is then the
  // absorption (class 0) and everything else a miss (class 1).
  std::vector<int> outcome_class(n, kTransient);
  for (std::size_t i = 0; i < n; ++i)
    if (s.stages[i].kind == StageKind::kTerminal)
      outcome_class[i] = static_cast<int>(outcome_index(s.stages[i].outcome));
  std::vector<std::optional<std::vector<int>>> milestone_class(kMilestoneCount);
  for (std::size_t m = 0; m < kMilestoneCount; ++m) {
    if (!marked_by_stage(static_cast<Milestone>(m))) continue;
    std::vector<int> classes(n, kTransient);
    bool marked = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (s.stages[i].milestone == static_cast<Milestone>(m)) {
        classes[i] = 0;
        marked = true;
      } else if (s.stages[i].kind == StageKind::kTerminal) {
        classes[i] = 1;
      }
    }
    if (marked) milestone_class[m] = std::move(classes);
  }

  double total_weight = 0;
  std::vector<double> probability(outcome_count), time_mass(outcome_count), visits(n);
  std::vector<double> reached(kMilestoneCount), reach_time(kMilestoneCount);
  double worst_error = 0;
  double worst_rcond = 1;
  for (std::size_t t = 0; t < s.case_types.size(); ++t) {
    for (bool isva : {false, true}) {
      const double weight =
          s.case_types[t].share * (isva ? s.withdrawal.isva_share : 1 - s.withdrawal.isva_share);
      if (!(weight > 0)) continue;
      total_weight += weight;
      const auto exits = stage_exits(s, s.case_types[t], isva, worst_error);
      const Absorption a =
          absorb(s, t, exits, outcome_class, withdrawn, outcome_count, worst_rcond);
      for (std::size_t k = 0; k < outcome_count; ++k) {
        probability[k] += weight * a.probability[k];
        time_mass[k] += weight * a.time_mass[k];
      }
      for (std::size_t i = 0; i < n; ++i) visits[i] += weight * a.visits[i];
      for (std::size_t m = 0; m < kMilestoneCount; ++m) {
        if (!milestone_class[m]) continue;
        const Absorption hit = absorb(s, t, exits, *milestone_class[m], 1, 2, worst_rcond);
        reached[m] += weight * hit.probability[0];
        reach_time[m] += weight * hit.time_mass[0];
      }
    }
  }
  if (!(total_weight > 0))
    throw std::invalid_argument(
        "the pathway cannot be analysed: no case type has a positive share");

  double completion_mass = 0;
  for (std::size_t k = 0; k < outcome_count; ++k) {
    result.outcome_probability.push_back(probability[k] / total_weight);
    result.mean_days_to_outcome.push_back(probability[k] > 0 ? time_mass[k] / probability[k]
                                                             : kNaN);
    completion_mass += time_mass[k];
  }
  result.mean_days_to_completion = completion_mass / total_weight;
  for (double v : visits) result.expected_visits.push_back(v / total_weight);

  result.milestone_probability.resize(kMilestoneCount);
  result.milestone_mean_days.resize(kMilestoneCount);
  const auto report = static_cast<std::size_t>(Milestone::kReport);
  const auto completion = static_cast<std::size_t>(Milestone::kCompletion);
  result.milestone_probability[report] = 1;
  result.milestone_mean_days[report] = 0;
  result.milestone_probability[completion] = 1;
  result.milestone_mean_days[completion] = result.mean_days_to_completion;
  for (std::size_t m = 0; m < kMilestoneCount; ++m) {
    if (!milestone_class[m]) continue;
    result.milestone_probability[m] = reached[m] / total_weight;
    if (reached[m] > 0) result.milestone_mean_days[m] = reach_time[m] / reached[m];
  }

  std::vector<std::string> warnings;
  if (s.withdrawal.rise_per_year != 0)
    warnings.push_back(fmt::format(
        "the withdrawal hazard rises by {} per year since report, which this analysis ignores: it "
        "holds each stage's hazard at its value at report, so it understates withdrawal, more so "
        "on long pathways",
        s.withdrawal.rise_per_year));
  const bool listed = std::any_of(s.stages.begin(), s.stages.end(),
                                  [](const Stage& st) { return st.listing.has_value(); });
  if (listed)
    warnings.push_back(
        "court stages listed in the diary are taken with unlimited courtrooms: no wait for a "
        "date, their length replaced by its mean (so withdrawal in them is approximate), their "
        "milestone counted at entry rather than at an effective start, and adjournments not "
        "made likelier by earlier ones");
  if (worst_error > kQuadratureWarning)
    warnings.push_back(fmt::format(
        "integrating a stage's duration reached a relative error estimate of {:.1e}", worst_error));
  if (worst_rcond < kConditionWarning)
    warnings.push_back(fmt::format(
        "the pathway's equations are nearly singular (reciprocal condition number {:.1e}), as "
        "when a loop is left only with a tiny probability; results may be inaccurate",
        worst_rcond));
  for (std::size_t i = 0; i < warnings.size(); ++i) result.warning += (i ? "; " : "") + warnings[i];
  return result;
}

}  // namespace models
