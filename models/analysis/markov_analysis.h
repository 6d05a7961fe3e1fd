#pragma once

// The analytic cross-check of the simulation. With unlimited capacity (no
// queues) and a constant withdrawal hazard, a case's path through the
// pathway is an absorbing semi-Markov chain: the non-terminal stages are the
// transient states, the outcomes (each terminal stage's, plus victim
// withdrawal) the absorbing ones. Its outcome probabilities and mean times
// follow exactly from linear algebra, with no sampling noise, so a
// simulation of the same scenario with ample resources must agree with them
// to within its confidence intervals; a disagreement is a bug in one or the
// other. With real capacity the simulation adds queueing time, and the
// difference is the cost of the queues.
//
// Each stay in stage s, for a case of type c with or without an ISVA, lasts
// min(D, X): D its duration (scaled by c.duration_scale; decision stages
// take no time) and X ~ Exp(h) the time to withdrawal, with
//   h = s.withdrawal_per_year x c.withdrawal_scale x (isva_multiplier if
//       ISVA-supported) / 365.25 per day.
// See models/analysis/stage_exit.h for how a stay's expectations are computed.
//
// Results are mixed over case types (weighted by share) and ISVA support
// (isva_share): probabilities are weighted averages; conditional mean times
// are the weighted E[T; event] over the weighted probability of the event.

#include <optional>
#include <string>
#include <vector>

#include "models/scenario/scenario.h"

namespace models {

struct MarkovResult {
  std::vector<std::string> outcomes;         // Scenario::outcomes(): sorted, withdrawal included
  std::vector<double> outcome_probability;   // per outcome; sums to 1
  std::vector<double> mean_days_to_outcome;  // E[T | outcome], days from report; NaN if prob 0
  double mean_days_to_completion = 0;        // E[T], days from report to any outcome
  // Indexed by Milestone. The probability that a case ever reaches the
  // milestone (first entry to a stage marking it), and the mean days from
  // report to that first entry among cases that reach it. nullopt when no
  // stage marks the milestone (or, for the mean, when it is never reached).
  // Report is reached by every case at day 0; completion by every case at
  // mean_days_to_completion.
  std::vector<std::optional<double>> milestone_probability;
  std::vector<std::optional<double>> milestone_mean_days;
  // Per stage: the expected number of entries per case. For a terminal
  // stage this is the probability of ending there.
  std::vector<double> expected_visits;
  // Empty when the results are exact for the scenario (up to numerical
  // error). Otherwise says what the analysis ignored, such as a withdrawal
  // hazard that rises with time since report (rise_per_year > 0): the
  // analysis holds it at its value at report, so understates withdrawal.
  std::string warning;
};

// Throws std::invalid_argument if check_pathway(scenario) finds problems
// (the chain is then not absorbing, or its probabilities do not sum to 1),
// or if the case types have no positive share.
MarkovResult analyse(const Scenario& scenario);

}  // namespace models
